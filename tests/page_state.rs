//! The page's state: every learner's action, as the pure reducer applies it (the rules that
//! lived in components and effects before: a pick, a preset, a chapter, a saved file, Back
//! and Forward, a run from the explorer). Each new run arrives in the same state as the
//! cursor the action meant for it.
#![cfg(feature = "web")] // The page's state: `cargo test --no-default-features` skips it.

use dns_race::cascade::RetryPolicy;
use dns_race::scenario::Mitigation;
use dns_race::sim::Actor;
use dns_race::ui::link::{decode, encode, Base, CascadeChoice, Link};
use dns_race::ui::replay::{LoadedRun, Replay};
use dns_race::ui::state::{Action, PageState};
use dns_race::ui::tour::Chapter;
use std::rc::Rc;

fn open(hash: &str) -> PageState {
    PageState::open(decode(hash), None)
}

fn position(state: &PageState) -> u32 {
    state.position()
}

fn shown(state: &PageState) -> Rc<Replay> {
    state.shown.as_ref().expect("a run is shown").replay.clone()
}

#[test]
fn a_link_opens_at_its_step_speed_and_chapter() {
    let state = open("#v=1&step=254&speed=5");
    assert_eq!(position(&state), 254);
    assert_eq!(state.shown.as_ref().map(|s| s.speed_exponent), Some(5));
    assert!(state.notice.is_empty());
    assert_eq!(encode(&state.here()), "v=1&step=254&speed=5");
    let race = open("#v=1&chapter=race");
    assert_eq!(Some(position(&race)), Chapter::Race.position(&shown(&race).trace));
}

#[test]
fn a_step_past_the_end_is_named_in_the_notice_and_dismissed() {
    let state = open("#v=1&step=999999&zoom=1");
    let end = shown(&state).len();
    assert_eq!(position(&state), end);
    assert_eq!(state.notice.len(), 2, "{:?}", state.notice);
    assert!(state.notice[1].starts_with("step=999999: the run has"));
    assert!(state.after(Action::DismissNotice).notice.is_empty());
}

#[test]
fn a_switch_makes_the_new_run_and_keeps_the_cursor_where_the_runs_agree() {
    let state = open("#v=1&step=100");
    let before = shown(&state);
    let next = state.after(Action::Toggle(Mitigation::ConditionalWrite));
    assert_eq!(next.link.run.mitigations, vec![Mitigation::ConditionalWrite]);
    let after = shown(&next);
    assert!(!Rc::ptr_eq(&before, &after), "a new run");
    assert_eq!(position(&next), 100.min(before.shared_prefix(&after)));
    assert!(next.baseline.is_some(), "a mitigation on: the run without it to compare");
    let back = next.after(Action::Toggle(Mitigation::ConditionalWrite));
    assert!(back.link.run.mitigations.is_empty());
    assert!(back.baseline.is_none());
    assert_eq!(shown(&back).digest, before.digest, "the same run again");
}

#[test]
fn a_pick_plays_the_picked_event_in_the_same_state() {
    let state = open("#v=1&step=10&drive=1");
    let next = state.after(Action::Pick(Actor::Planner));
    let hand = next.link.run.hand.clone().expect("a schedule picked by hand");
    assert_eq!(hand.fork, 10);
    assert_eq!(hand.picks, vec![Actor::Planner]);
    assert_eq!(position(&next), 11, "the cursor follows the pick, in the same state");
    assert_eq!(shown(&next).trace.steps[10].event.actor(), Actor::Planner);
    let timed = next.after(Action::Timed);
    assert_eq!(timed.link.run.hand, None);
}

#[test]
fn a_preset_brings_its_own_seed_and_knobs_and_keeps_the_switches() {
    let state = open("#v=1&seed=4&backoff_ms_max=9000&m=safe-cleanup&fork=3&pick=P");
    let next = state.after(Action::Preset("calm"));
    assert_eq!(next.link.run.base, Base::Preset("calm"));
    assert_eq!(
        (next.link.run.seed, next.link.run.knobs.len(), next.link.run.hand.is_none()),
        (None, 0, true)
    );
    assert_eq!(next.link.run.mitigations, vec![Mitigation::SafeCleanup]);
    assert_eq!(shown(&next).trace.scenario.seed, next.link.run.scenario().0.seed);
    let seeded = next.after(Action::Seed(9));
    assert_eq!(shown(&seeded).trace.scenario.seed, 9);
    assert!(open("#v=1&backoff_ms_max=9000").after(Action::ResetKnobs).link.run.knobs.is_empty());
}

#[test]
fn a_chapter_seeks_only_over_a_run_the_tour_follows() {
    let state = open("#v=1");
    let race = state.after(Action::Chapter(Some(Chapter::Race)));
    assert_eq!(race.link.view.chapter, Some(Chapter::Race));
    assert_eq!(Some(position(&race)), Chapter::Race.position(&shown(&race).trace));
    let mitigated = open("#v=1&m=safe-cleanup&step=5").after(Action::Chapter(Some(Chapter::Race)));
    assert_eq!(position(&mitigated), 5, "the tour does not follow a mitigated run: the cursor stays");
    let left = race.after(Action::Chapter(None));
    assert_eq!((left.link.view.chapter, position(&left)), (None, position(&race)));
}

#[test]
fn a_chapter_about_the_cascade_pins_the_charts_and_asks_for_them() {
    let state = open("#v=1").after(Action::Chapter(Some(Chapter::Collapse)));
    assert!(state.pinned.is_some());
    assert_eq!(state.cascade_visits, 1);
    assert_eq!(state.here().cursor.at, Some(4 * 60 + 14), "the link names the chapter's moment");
}

#[test]
fn opening_a_chapter_from_another_run_goes_to_the_incident_at_its_moment() {
    let state = open("#v=1&s=calm&present=1&policy=full-jitter&step=3");
    let next = state.after(Action::OpenChapter(Chapter::Empty));
    assert_eq!(next.link.run, Default::default(), "the incident, without mitigations");
    assert!(next.link.view.present, "presenter mode stays");
    assert_eq!(next.link.cascade.policy, Some(RetryPolicy::FullJitter), "the cascade's controls stay");
    assert_eq!(Some(position(&next)), Chapter::Empty.position(&shown(&next).trace));
}

#[test]
fn a_saved_moment_opens_its_run_at_its_step_with_the_learners_view() {
    let state = open("#v=1&present=1&speed=3&chapter=race");
    let saved = decode("#v=1&m=self-repair&step=30&policy=immediate&at=0530").link;
    let next = state.after(Action::Import(Box::new(saved)));
    assert_eq!(next.link.run.mitigations, vec![Mitigation::SelfRepair]);
    assert_eq!(position(&next), 30, "the saved step, in the same state as its run");
    assert_eq!(next.link.cascade.policy, Some(RetryPolicy::Immediate));
    assert!(next.link.view.present);
    assert_eq!(next.link.view.speed, Some(3));
    assert_eq!(next.link.view.chapter, None, "the chapter belonged to the run the learner read");
    assert_eq!(next.here().cursor.at, Some(5 * 60 + 30), "the charts' cursor as saved");
}

#[test]
fn back_and_forward_open_the_link_afresh() {
    let state = open("#v=1&step=40").after(Action::TogglePlay);
    let next = state.after(Action::Navigate(Box::new(decode("#v=1&m=conditional-write&step=12&zoom=2"))));
    assert_eq!(next.link.run.mitigations, vec![Mitigation::ConditionalWrite]);
    assert_eq!(position(&next), 12);
    assert!(!next.shown.as_ref().is_some_and(|s| s.playing));
    assert_eq!(next.notice, vec!["zoom=2: not a setting this page knows".to_string()]);
}

/// A link whose run would be over the page's budget (issue 17: it grew wasm memory past
/// 4 GiB) has the knob that puts it over left out before anything runs, as a knob out of
/// range is: the rest opens, and the notice names the knob and the value that fits.
#[test]
fn a_link_over_the_budget_leaves_the_knob_out_and_names_what_fits() {
    let hostile = "#v=1&m=safe-cleanup&step=40&planner_interval_ms_min=1&planner_interval_ms_max=1";
    for state in [open(hostile), open("#v=1&step=3").after(Action::Navigate(Box::new(decode(hostile))))] {
        assert_eq!(state.link.run.mitigations, vec![Mitigation::SafeCleanup]);
        assert_eq!(position(&state), 40);
        let incident = dns_race::scenario::Scenario::incident();
        assert_eq!(shown(&state).trace.scenario.planner_interval_ms_min, incident.planner_interval_ms_min);
        let notice = state.notice.join("\n");
        assert!(notice.contains("planner_interval_ms_min=1: 1 ms would publish up to"), "{notice}");
        assert!(notice.contains("the smallest interval that fits is"), "{notice}");
    }
}

#[test]
fn a_run_from_the_explorer_is_shown_until_the_learner_goes_back_or_switches() {
    let state = open("#v=1&step=50");
    let link = Link::of_random_run("calm", 5, &[], 0);
    let (replay, _) = link.run.replay().expect("the run");
    let run = LoadedRun {
        replay: Rc::new(replay),
        title: "A random run".into(),
        about: "calm, seed 5".into(),
        command: "cargo run -- trace calm --seed 5".into(),
        link: link.clone(),
    };
    let loaded = state.after(Action::LoadRun(Box::new(run.clone())));
    assert!(Rc::ptr_eq(&shown(&loaded), &run.replay));
    assert_eq!(loaded.here().run, link.run, "the address names the explorer's run");
    assert_eq!(loaded.after(Action::Pick(Actor::Planner)), loaded, "no picks over the explorer's run");
    let back = loaded.after(Action::Back);
    assert_eq!((back.loaded.is_none(), shown(&back).digest.clone()), (true, shown(&state).digest.clone()));
    let switched = loaded.after(Action::Toggle(Mitigation::SafeCleanup));
    assert!(switched.loaded.is_none(), "a switch belongs to the page's own run");
}

#[test]
fn the_charts_move_the_one_cursor_and_settings_do_not_pause() {
    let state = open("#v=1").after(Action::TogglePlay);
    let cascade =
        state.after(Action::Cascade(CascadeChoice { vs: Some(RetryPolicy::None), ..Default::default() }));
    assert!(cascade.shown.as_ref().is_some_and(|s| s.playing), "a cascade setting does not stop playback");
    let late = state.after(Action::SeekTime(u64::MAX / 4));
    assert_eq!(position(&late), shown(&late).len(), "past the race: the last event");
    assert!(late.pinned.is_some());
}

#[test]
fn runs_already_made_are_taken_again() {
    let state = open("#v=1&m=safe-cleanup&step=20");
    let baseline = state.baseline.clone().expect("a baseline");
    let both = state.after(Action::Toggle(Mitigation::ConditionalWrite));
    assert!(
        Rc::ptr_eq(both.baseline.as_ref().expect("a baseline"), &baseline),
        "the same run without mitigations"
    );
    let elsewhere = state.after(Action::Navigate(Box::new(decode("#v=1&m=safe-cleanup&step=90"))));
    assert!(Rc::ptr_eq(&shown(&elsewhere), &shown(&state)), "Back to another step of the same run");
    assert_eq!(position(&elsewhere), 90);
}

/// An in-page anchor (`#sources`) arriving as Back, Forward or an edited address changes
/// nothing the learner set: not the mitigations, not the cursor, not the notice.
#[test]
fn an_anchor_is_not_a_navigation() {
    let state = open("#v=1&m=conditional-write,safe-cleanup&step=120&speed=5");
    for hash in ["#sources", "#cascade", "#tour"] {
        let next = state.after(Action::Navigate(Box::new(decode(hash))));
        assert_eq!(next, state, "{hash}");
    }
    let embedded = open("#v=1&embed=1&from=10&to=40&step=20");
    let next = embedded.after(Action::Navigate(Box::new(decode("#sources"))));
    assert_eq!(next, embedded);
    assert!(next.link.view.embed.is_some(), "still an embed");
    // A page opened at an anchor is the bare page, with nothing to complain about.
    let opened = open("#sources");
    assert_eq!(opened.link, Link::default());
    assert!(opened.notice.is_empty(), "{:?}", opened.notice);
}

#[test]
fn an_autoplay_figure_waits_at_its_start_then_plays_its_range_once() {
    let playing = |s: &PageState| s.shown.as_ref().is_some_and(|s| s.playing);
    // Paused at `from` (not at the link's step) until the figure is in view.
    let figure = open("#v=1&step=245&embed=1&autoplay=1&from=240&to=246");
    assert_eq!(position(&figure), 240);
    assert!(!playing(&figure), "autoplay waits until the figure is in view");
    // In view: it plays, and stops at `to`.
    let mut state = figure.after(Action::Play);
    assert!(playing(&state));
    for _ in 0..10 {
        state = state.after(Action::Tick(1));
    }
    assert_eq!(position(&state), 246);
    assert!(!playing(&state), "it plays once and stops at the range's end");
    // Play again (a second Play does not pause) restarts at `from`.
    let again = state.after(Action::Play);
    assert_eq!((position(&again), playing(&again)), (240, true));
    assert!(playing(&again.after(Action::Play)));
    // Without autoplay, a step inside the range is where the figure opens.
    assert_eq!(position(&open("#v=1&step=245&embed=1&from=240&to=246")), 245);
}
