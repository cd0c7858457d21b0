//! The page's logic, natively: the replay's positions and checkpoints, every action a
//! learner can take, and what the narration, the record sets and the sequence diagram say
//! at the moments of the race.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::scenario::Mitigation;
use dns_race::sim::{Change, Event, Invariant, World};
use dns_race::ui::effects::keys::key_action;
use dns_race::ui::effects::ticker::{events_due, tick_period_ms, TICK_EVENTS_MAX};
use dns_race::ui::replay::{Moment, Replay};
use dns_race::ui::state::{Action, Playhead, SPEED_EXPONENT_MAX};
use dns_race::ui::view::narration::{narration, ClockSource};
use dns_race::ui::view::record_set::record_sets;
use dns_race::ui::view::sequence::{sequence, window_start, Glyph, WINDOW, WINDOW_MIN};
use std::rc::Rc;

mod common;
use common::{after, emptied, incident_replay as incident, incident_replay_with};

/// The position after A's stale write.
fn stale_write(replay: &Replay) -> u32 {
    after(replay, |s| s.change.overwrote_newer())
}

#[test]
fn any_position_shows_the_same_world_as_replaying_from_the_start() {
    let replay = incident();
    let mut world = World::new(replay.trace.scenario.clone());
    for (i, step) in replay.trace.steps.iter().enumerate() {
        world.apply(step.event);
        if i % 37 == 0 || i + 1 == replay.trace.steps.len() {
            let at = replay.world_at(i as u32 + 1);
            assert_eq!(at.steps, world.steps);
            assert_eq!(at.now_ms, world.now_ms);
            assert_eq!(at.endpoints, world.endpoints, "endpoints after step {i}");
            assert_eq!(at.enactors, world.enactors, "enactors after step {i}");
            assert_eq!(at.planner, world.planner, "planner after step {i}");
        }
    }
    assert_eq!(replay.world_at(0).steps, 0);
    assert_eq!(replay.world_at(u32::MAX).steps, replay.len(), "a position past the end is clamped");
}

#[test]
fn stepping_seeking_and_playing_move_the_cursor_as_the_learner_expects() {
    let replay = incident();
    let end = replay.len();
    let state = Playhead::new(replay.clone());
    assert_eq!(state.position, 0);

    let s = state.after(Action::StepForward).after(Action::StepForward);
    assert_eq!(s.position, 2);
    assert_eq!(s.after(Action::StepBack).position, 1);
    assert_eq!(state.after(Action::StepBack).position, 0, "no step back before the start");
    assert_eq!(state.after(Action::Last).position, end);
    assert_eq!(state.after(Action::Last).after(Action::StepForward).position, end);
    assert_eq!(state.after(Action::SeekTo(u32::MAX)).position, end, "a seek past the end is clamped");
    assert_eq!(state.after(Action::SeekTo(500)).after(Action::First).position, 0);

    let violation = state.after(Action::FirstViolation);
    assert_eq!(violation.position, replay.first_violation_position().expect("the incident violates"));
    assert!(!replay.violations_at(violation.position).is_empty());
    assert!(replay.violations_at(violation.position - 1).is_empty(), "it is the first violation");

    // Page Down / Page Up: the next key step, then back to where we were.
    let next = state.after(Action::NextKeyStep);
    assert!(next.position > 0 && replay.key_steps[next.position as usize - 1]);
    let further = next.after(Action::NextKeyStep);
    assert!(further.position > next.position);
    assert_eq!(further.after(Action::PreviousKeyStep).position, next.position);
    assert_eq!(state.after(Action::Last).after(Action::NextKeyStep).position, end);

    // Playback: ticks advance only while playing; the end stops it; play at the end restarts.
    let playing = state.after(Action::TogglePlay);
    assert!(playing.playing);
    let ticked = playing.after(Action::Tick(3));
    assert_eq!((ticked.position, ticked.playing), (3, true));
    assert!(!ticked.after(Action::StepForward).playing, "stepping takes the wheel");
    assert_eq!(state.after(Action::Tick(3)).position, 0, "a late tick after a pause does nothing");
    let finished = playing.after(Action::SeekTo(end - 1)).after(Action::TogglePlay).after(Action::Tick(10));
    assert_eq!((finished.position, finished.playing), (end, false));
    let again = finished.after(Action::TogglePlay);
    assert_eq!((again.position, again.playing), (0, true));
    assert!(!playing.after(Action::Pause).playing);

    let fast = playing.after(Action::SetSpeed(100));
    assert_eq!(fast.speed_exponent, SPEED_EXPONENT_MAX, "speed is clamped");
    assert!(fast.playing, "changing the speed keeps playing");
}

#[test]
fn keys_and_playback_speeds_map_to_actions() {
    assert_eq!(key_action(" "), Some(Action::TogglePlay));
    assert_eq!(key_action("ArrowRight"), Some(Action::StepForward));
    assert_eq!(key_action("ArrowLeft"), Some(Action::StepBack));
    assert_eq!(key_action("Home"), Some(Action::First));
    assert_eq!(key_action("End"), Some(Action::Last));
    assert_eq!(key_action("PageDown"), Some(Action::NextKeyStep));
    assert_eq!(key_action("PageUp"), Some(Action::PreviousKeyStep));
    assert_eq!(key_action("x"), None);
    assert_eq!(tick_period_ms(4.0), 250);
    assert_eq!(tick_period_ms(0.5), 2000);
    assert_eq!(tick_period_ms(128.0), 16, "never more than one tick a frame");
}

#[test]
fn playback_keeps_its_nominal_speed_by_the_clock_whatever_the_ticks() {
    // 128 events/s, ticks arriving late and irregularly (a render of 10 to 30 ms each):
    // after 10 s, 1,280 events played, not one per tick.
    let (mut played, mut t, mut ticks) = (0u64, 0.0, 0u32);
    while t < 10_000.0 {
        t += 17.0 + f64::from(ticks % 3) * 7.0;
        ticks += 1;
        let (now, after) = events_due(t, 128.0, played);
        assert_eq!(after, played + u64::from(now));
        played = after;
    }
    assert!((1_275..=1_285).contains(&played), "{played} events in about 10 s at 128 events/s");
    // Half an event a second: a tick every 2 s plays one.
    assert_eq!(events_due(1_999.0, 0.5, 0), (0, 0));
    assert_eq!(events_due(2_000.0, 0.5, 0), (1, 1));
    // After a stall of a minute, a tick plays at most TICK_EVENTS_MAX and does not catch up.
    let (now, after) = events_due(60_000.0, 128.0, 0);
    assert_eq!(u64::from(now), TICK_EVENTS_MAX);
    assert_eq!(events_due(60_020.0, 128.0, after).0, 2, "then the nominal pace again");
}

#[test]
fn the_record_sets_go_empty_when_the_clean_up_deletes_the_active_plan_and_come_back_on_step_back() {
    let replay = incident();
    let at = emptied(&replay);
    let now = record_sets(&Moment::at(&replay, at));
    let regional = &now[0];
    assert_eq!(regional.name, "dynamodb.us-east-1.amazonaws.com");
    assert_eq!(regional.answers, 0);
    assert!(!regional.alias_present, "the alias points at a deleted tree");
    assert!(regional.dig.iter().any(|l| l.contains("status: NOERROR")), "NOERROR, not NXDOMAIN");
    assert!(regional.dig.iter().any(|l| l.contains("ANSWER: 0")));
    assert!(!regional.dig.iter().any(|l| l.contains("ANSWER SECTION")));

    let before = record_sets(&Moment::at(&replay, at - 1));
    assert!(before[0].answers > 0);
    assert!(before[0].alias_present);
    assert!(before[0].dig.iter().any(|l| l.contains("ANSWER SECTION")));
    assert!(before[0].dig.iter().filter(|l| l.contains("\tIN\tA\t192.0.2.")).count() == before[0].answers);
    assert_eq!(before[0].alias, regional.alias, "the same stale plan, whose tree the clean-up deleted");
}

#[test]
fn the_narration_tells_the_event_its_time_and_what_came_before() {
    let replay = incident();
    let start = narration(&Moment::at(&replay, 0));
    assert_eq!(start.progress, "Before the first event");
    assert!(start.sentence.starts_with("All is well"));
    assert_eq!(start.clock, "23:35:00");
    assert!(start.earlier.is_empty());

    let at = emptied(&replay);
    let view = narration(&Moment::at(&replay, at));
    assert_eq!(view.progress, format!("Event {at} of {}", replay.len()));
    assert!(view.clock.starts_with("23:48:"), "{}", view.clock);
    assert!(matches!(view.clock_source, ClockSource::Published(_)), "AWS published 23:48");
    assert!(view.sentence.contains("zero addresses"), "{}", view.sentence);
    assert!(view.violations.contains(&Invariant::NeverEmpty));
    assert_eq!(view.earlier.len(), 3);
    assert_eq!(view.earlier.last().map(|e| e.position), Some(at - 1), "most recent last");

    let routine = narration(&Moment::at(&replay, 5));
    assert_eq!(routine.clock_source, ClockSource::Assumed);

    // With a mitigation the run is no longer AWS's: none of its times is published.
    let alarmed = incident_replay_with(&[Mitigation::StuckAlarm]);
    for p in 0..=alarmed.len() {
        assert_eq!(narration(&Moment::at(&alarmed, p)).clock_source, ClockSource::Assumed, "position {p}");
    }
    assert!(routine.violations.is_empty());
}

#[test]
fn the_sequence_diagram_shows_the_window_around_the_cursor_and_the_stale_gap() {
    let replay = incident();
    let at = stale_write(&replay);
    let moment = Moment::at(&replay, at);
    let view = sequence(&moment, &replay.holds, WINDOW);
    assert_eq!(view.marks.len() as u32, WINDOW);
    let current: Vec<_> = view.marks.iter().filter(|m| m.current).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].position, at, "clicking the current mark seeks to this very position");
    assert_eq!(current[0].glyph, Glyph::StaleWrite);
    assert_eq!(Some(current[0].column), view.cursor_column);
    assert!(view.marks.iter().all(|m| m.future == (m.position > at)));

    // A's lane (lane 1) carries the stale band, with its age in words.
    let stale = view.holds.iter().find(|h| h.stale && h.lane == 1).expect("A's stale band is drawn");
    let label = stale.label.as_deref().unwrap_or_default();
    assert!(label.starts_with("A's check of plan "), "{label}");
    assert!(label.contains(" min") && label.contains("old"), "{label}");
    assert!(stale.clipped_left, "the check happened long before the window");
    let span = replay.holds.iter().find(|h| h.enactor == 0 && h.stale_step.is_some()).expect("A's hold");
    let Event::EnactorWrites { enactor: 0, .. } = replay.trace.steps[at as usize - 1].event else {
        panic!("the stale write is A's")
    };
    assert!(span.checked_step + 100 < at, "A checked its plan hundreds of events before writing it");

    // While A backs off, the clock jumps by half a minute and more between events: marked.
    let pauses = sequence(&Moment::at(&replay, span.checked_step + 20), &replay.holds, WINDOW).breaks;
    assert!(pauses.iter().any(|b| b.label.starts_with("+") && b.label.ends_with(" s")), "{pauses:?}");
    assert!(view.breaks.iter().all(|b| b.column > 0 && b.column < WINDOW));

    // The window is clamped at both ends of the run.
    assert_eq!(window_start(0, replay.len(), WINDOW), 0);
    assert_eq!(window_start(replay.len(), replay.len(), WINDOW), replay.len() - WINDOW);
    assert_eq!(sequence(&Moment::at(&replay, 0), &replay.holds, WINDOW).cursor_column, None);
    // A phone gets a narrower window, still centred on the cursor.
    let narrow = sequence(&moment, &replay.holds, 11);
    assert_eq!(narrow.marks.len(), 11);
    assert_eq!(narrow.cursor_column, Some(5));
    assert_eq!(
        sequence(&moment, &replay.holds, 1).marks.len() as u32,
        WINDOW_MIN,
        "never fewer than the minimum"
    );
}

#[test]
fn the_clients_and_operators_boxes_agree_with_the_record() {
    use dns_race::ui::view::architecture::architecture;
    let replay = incident();
    let at = emptied(&replay);
    let view = architecture(&Moment::at(&replay, at));
    assert!(view.client.empty, "a lookup fails from the moment the record empties, cached or not");
    assert_eq!(view.client.detail, "NOERROR, ANSWER: 0");
    let end = architecture(&Moment::at(&replay, replay.len()));
    assert!(!end.client.empty);
    assert!(end.operators.detail.starts_with("restored by hand at 02:25"), "{}", end.operators.detail);
}

#[test]
fn a_presenter_reaches_the_empty_record_in_a_few_clicks_without_repeated_back_offs() {
    let replay = incident();
    let target = emptied(&replay);
    let mut state = Playhead::new(replay.clone());
    let mut clicks = 0;
    let mut shown = Vec::new();
    while state.position < target {
        state = state.after(Action::NextKeyStep);
        clicks += 1;
        shown.push(state.position);
    }
    assert_eq!(state.position, target, "Page Down stops at the moment the record empties");
    // Of A's run of lock losses before its stale write, only the first and the last are shown.
    let lock_losses_shown = shown
        .iter()
        .filter(|&&p| matches!(replay.trace.steps[p as usize - 1].change, Change::LockLost { .. }))
        .filter(|&&p| replay.trace.steps[p as usize - 1].event.actor() == dns_race::sim::Actor::Enactor(0))
        .count();
    assert!(lock_losses_shown <= 2, "{lock_losses_shown} of A's lock losses are key moments");
    assert!(clicks <= 15, "{clicks} clicks to the empty record");
}

#[test]
fn switching_a_mitigation_keeps_the_cursor_at_the_same_event_while_the_runs_agree() {
    let replay = incident();
    let mitigated = incident_replay_with(&[Mitigation::ConditionalWrite]);
    let shared = replay.shared_prefix(&mitigated);
    let stale = stale_write(&replay);
    assert_eq!(shared, stale - 1, "the runs agree until A's stale write, which the mitigated run rejects");

    let early =
        Playhead::new(replay.clone()).after(Action::SeekTo(100)).after(Action::Load(mitigated.clone()));
    assert_eq!(early.position, 100);
    assert!(Rc::ptr_eq(&early.replay, &mitigated));
    let late = Playhead::new(replay.clone()).after(Action::Last).after(Action::Load(mitigated.clone()));
    assert_eq!(late.position, shared, "past the divergence: the last event both runs share");
    assert!(mitigated.trace.verdict.record_survived && !replay.trace.verdict.record_survived);
}

#[test]
fn side_by_side_shows_both_verdicts_and_where_the_runs_first_differ() {
    use dns_race::ui::view::compare::compare;
    let replay = incident();
    let mitigated = incident_replay_with(&[Mitigation::ConditionalWrite]);
    let at = emptied(&replay);
    let shared = replay.shared_prefix(&mitigated);
    let view = compare(&replay, &Moment::at(&mitigated, at), shared);
    assert_eq!(view.diverges_at, Some(stale_write(&replay)), "they part at A's stale write");
    assert!(view.diverged);
    let [without, with] = &view.sides;
    assert!(!without.survived && with.survived);
    assert_eq!(with.title, "With conditional-write");
    assert_eq!(without.regional_answers, 0, "without: the record is empty here");
    assert!(with.regional_answers > 0, "with: it answers");
    // Each column says what its whole run shows, read from the trace.
    assert!(without.story[0].contains("over the newer plan 113"), "{:?}", without.story);
    assert!(
        with.story[0].contains("rejected Enactor A's plan 102 inside the write transaction"),
        "{:?}",
        with.story
    );
    let fencing = incident_replay_with(&[Mitigation::FencingToken]);
    let fenced = compare(&replay, &Moment::at(&fencing, 10), replay.shared_prefix(&fencing));
    assert!(fenced.sides[1].story[0].contains("clean-up got there first"), "{:?}", fenced.sides[1].story);
    let before = compare(&replay, &Moment::at(&mitigated, 10), shared);
    assert!(!before.diverged);
    assert_eq!(before.sides[0].sentence, before.sides[1].sentence, "stepped together, identical before");
    assert!(compare(&replay, &Moment::at(&replay, 10), replay.len()).diverges_at.is_none());
    // After the runs part they are compared at the same clock time, not the same index:
    // the stuck baseline has far fewer events per hour than the mitigated run.
    let p = at + 600;
    let mid = compare(&replay, &Moment::at(&mitigated, p), shared);
    let t_ms = mitigated.world_time_at(p);
    let start = replay.trace.scenario.clock_start_ms;
    let same_time = replay.trace.steps.iter().rev().find(|s| s.t_ms <= t_ms).expect("an earlier event");
    assert_eq!(mid.sides[0].clock, dns_race::sim::format_pdt(start + same_time.t_ms));
    assert_ne!(
        mid.sides[0].clock,
        dns_race::sim::format_pdt(start + replay.world_time_at(p)),
        "not by index"
    );
}

#[test]
fn the_narration_says_when_self_repair_brings_the_record_back() {
    let replay = incident_replay_with(&[Mitigation::SelfRepair]);
    let at = emptied(&replay);
    let healed = (at..replay.len())
        .find(|&p| matches!(replay.trace.steps[p as usize].change, Change::Wrote { endpoint: 0, .. }))
        .expect("a write heals the regional endpoint")
        + 1;
    assert!(narration(&Moment::at(&replay, healed)).sentence.contains("with self-repair"));
    assert!(!narration(&Moment::at(&replay, healed + 1)).sentence.contains("self-repair"));
}

#[test]
fn an_embeds_range_keeps_the_cursor_and_playback_inside_it() {
    let replay = incident();
    let state = Playhead::new(replay.clone()).within(Some(240), Some(246));
    assert_eq!((state.position, state.range), (240, (240, 246)), "a figure opens at its start");
    let state = state.after(Action::StepBack).after(Action::SeekTo(3));
    assert_eq!(state.position, 240, "nothing before the range");
    let playing = state.after(Action::TogglePlay).after(Action::Tick(100));
    assert_eq!((playing.position, playing.playing), (246, false), "playback stops at `to`");
    let again = playing.after(Action::TogglePlay);
    assert_eq!((again.position, again.playing), (240, true), "play at the end starts the range again");
    assert_eq!(again.after(Action::Last).position, 246);
    let near_end = again.after(Action::SeekTo(245)).after(Action::NextKeyStep);
    assert_eq!(near_end.position, 246, "a key step past the range stops at its end");
    // A range past the run, or backwards, is clamped to what exists.
    let clamped = Playhead::new(replay.clone()).within(Some(u32::MAX), None);
    assert_eq!(clamped.range, (replay.len(), replay.len()));
    let whole = Playhead::new(replay.clone()).within(None, None);
    assert_eq!(whole.range, (0, replay.len()));
}

#[test]
fn the_replay_keys_work_after_a_switch_a_dropdown_or_a_button_was_used() {
    use dns_race::ui::effects::keys::{focus_keeps, Focus};
    let replay_keys = [" ", "ArrowLeft", "ArrowRight", "PageUp", "PageDown", "Home", "End"];
    for focus in [Focus::Page, Focus::Choice, Focus::Button] {
        for key in replay_keys {
            assert!(!focus_keeps(focus, key), "{focus:?} must leave {key:?} to the replay");
        }
        // Presenter mode's keys are the page's too.
        for key in ["b", ".", "Escape"] {
            assert!(!focus_keeps(focus, key), "{focus:?} must leave {key:?} to the page");
        }
    }
    // Enter activates a button and flips a switch.
    assert!(focus_keeps(Focus::Button, "Enter"));
    assert!(focus_keeps(Focus::Choice, "Enter"));
    // A dialog and a text field keep everything; a slider keeps what moves it.
    for key in replay_keys {
        assert!(focus_keeps(Focus::Dialog, key));
        assert!(focus_keeps(Focus::TextField, key));
    }
    for key in ["ArrowLeft", "ArrowRight", "Home", "End"] {
        assert!(focus_keeps(Focus::Slider, key));
    }
    for key in [" ", "PageUp", "PageDown"] {
        assert!(!focus_keeps(Focus::Slider, key), "a clicker's keys work on a slider too: {key:?}");
    }
}

#[test]
fn a_sideways_swipe_steps_and_a_tap_or_a_scroll_does_not() {
    use dns_race::ui::effects::swipe::{swipe_action, SWIPE_PX_MIN};
    use dns_race::ui::state::Action;
    assert_eq!(swipe_action(-80.0, 10.0), Some(Action::StepForward), "left: the next event");
    assert_eq!(swipe_action(80.0, -10.0), Some(Action::StepBack), "right: the one before");
    assert_eq!(swipe_action(5.0, 3.0), None, "a tap");
    assert_eq!(swipe_action(-SWIPE_PX_MIN + 1.0, 0.0), None, "too short");
    assert_eq!(swipe_action(-70.0, 60.0), None, "mostly a scroll");
}
