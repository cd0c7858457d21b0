//! The guided tour, natively: each chapter's position shows what its text says, each
//! "what happens next?" answer is what the incident's next event does, links open chapters
//! where they should, and presenter mode's keys do what the README says.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim::{resolve, Actor, Change, Event, Invariant, Rejection, Step, Trace};
use dns_race::ui::effects::keys::{key_action, key_command, KeyCommand, KeyMode};
use dns_race::ui::link::{decode, Base, Link, Run, View};
use dns_race::ui::replay::Replay;
use dns_race::ui::state::Action;
use dns_race::ui::tour::{follows_incident, incident_link, opening_position, Chapter, PromptStage};

fn incident() -> Replay {
    Replay::run(&Scenario::incident()).expect("the incident preset is valid")
}

fn position(replay: &Replay, chapter: Chapter) -> u32 {
    chapter.position(&replay.trace).unwrap_or_else(|| panic!("{chapter:?} has a position in the incident"))
}

/// The step that produced the world at `position`.
fn step_at(replay: &Replay, position: u32) -> &Step {
    replay.step_at(position).expect("a position after the first event")
}

/// The step right after `position`: what a prompt asked there is about.
fn next_step(trace: &Trace, position: u32) -> &Step {
    &trace.steps[position as usize]
}

const A: u8 = 0;
const B: u8 = 1;
const C: u8 = 2;

#[test]
fn chapters_run_in_order_with_ids_titles_text_and_notes() {
    assert_eq!(Chapter::ALL.len(), 12);
    for (i, chapter) in Chapter::ALL.into_iter().enumerate() {
        assert_eq!(chapter.number(), i + 1);
        assert_eq!(Chapter::from_id(chapter.id()), Some(chapter));
        assert!(!chapter.title().is_empty());
        assert!((1..=5).contains(&chapter.text().len()), "{chapter:?}: a few paragraphs");
        assert!(!chapter.notes().is_empty(), "{chapter:?} has speaker notes");
        assert_eq!(chapter.next(), Chapter::ALL.get(i + 1).copied());
        assert_eq!(chapter.previous(), i.checked_sub(1).map(|p| Chapter::ALL[p]));
    }
    assert_eq!(Chapter::from_id("nope"), None);
}

#[test]
fn every_time_the_model_chose_is_called_assumed_and_published_times_are_awss() {
    for chapter in Chapter::ALL {
        let text = chapter.text().join(" ");
        for published in ["23:48", "00:38", "02:25"] {
            if text.contains(published) {
                assert!(text.contains("published"), "{chapter:?} says where {published} comes from");
            }
        }
        // Durations of the model are the model's.
        if text.contains("back-off") || text.contains("interval") {
            assert!(text.contains("assumed"), "{chapter:?}");
        }
        for word in ["coming soon", "TODO", "lorem"] {
            assert!(!text.contains(word), "{chapter:?}");
        }
    }
    let race = Chapter::Race.prompt().expect("the race asks");
    assert!(race.explanation.contains("(assumed)"), "the minute of back-off is the model's");
}

#[test]
fn the_design_opens_before_anything_happens() {
    let replay = incident();
    assert_eq!(position(&replay, Chapter::Design), 0);
    let world = replay.world_at(0);
    assert_eq!(world.enactors.len(), 3, "three Enactors");
    assert_eq!(world.endpoints.len(), 3, "regional, dual-stack, FIPS");
    assert_eq!(resolve(&world, 0).addresses.len(), 6, "six load balancers answer");
}

#[test]
fn the_race_opens_at_as_pick_up_of_the_plan_it_will_write_stale() {
    let replay = incident();
    let at = position(&replay, Chapter::Race);
    let step = step_at(&replay, at);
    let Change::PickedUp { generation, fresh: true, .. } = step.change else {
        panic!("a pick-up that passes its check, not {:?}", step.change);
    };
    assert_eq!(step.event, Event::EnactorPicksUp { enactor: A });
    // The same plan is the one A later writes over a newer one.
    let stale = replay.trace.steps.iter().find(|s| s.change.overwrote_newer()).expect("a stale write");
    assert_eq!(stale.event.actor(), Actor::Enactor(A));
    assert!(matches!(stale.change, Change::Wrote { generation: g, .. } if g == generation));
    // Meanwhile the Planner publishes newer plans and B and C apply them.
    let between = &replay.trace.steps[at as usize..stale.index as usize];
    assert!(between.iter().filter(|s| s.event == Event::PlannerPublishes).count() >= 5);
    for other in [B, C] {
        assert!(between
            .iter()
            .any(|s| matches!(s.event, Event::EnactorWrites { enactor, .. } if enactor == other)));
    }
    // A loses the lock again and again, and never checks again.
    let a_losses = between
        .iter()
        .filter(|s| matches!(s.event, Event::EnactorLosesLock { enactor: A, endpoint: 0 }))
        .count();
    assert!(a_losses >= 5, "{a_losses} lock losses");
    assert!(!between.iter().any(|s| s.event == Event::EnactorPicksUp { enactor: A }));
}

#[test]
fn the_empty_record_opens_when_the_regional_endpoint_answers_with_zero_addresses() {
    let replay = incident();
    let at = position(&replay, Chapter::Empty);
    let step = step_at(&replay, at);
    assert!(step.violations.contains(&Invariant::NeverEmpty));
    let Change::CleanedUp { emptied, .. } = &step.change else {
        panic!("the clean-up empties it, not {:?}", step.change);
    };
    assert_eq!(step.event, Event::EnactorCleansUp { enactor: B });
    let stale = replay.trace.steps.iter().find(|s| s.change.overwrote_newer()).expect("a stale write");
    let Change::Wrote { generation, .. } = stale.change else { unreachable!() };
    assert_eq!(emptied, &vec![(0, generation)], "B deletes A's plan, active on the regional endpoint");
    let answer = resolve(&replay.world_at(at), 0);
    assert!(answer.addresses.is_empty() && !answer.tree_present, "NOERROR, zero addresses");
    assert!(!replay.world_at(at - 1).endpoints[0].trees.is_empty());
    assert!(!resolve(&replay.world_at(at - 1), 0).addresses.is_empty(), "it answered just before");
}

#[test]
fn stuck_opens_at_the_first_write_rejected_because_the_active_tree_is_missing() {
    let replay = incident();
    let at = position(&replay, Chapter::Stuck);
    let step = step_at(&replay, at);
    assert!(matches!(
        step.change,
        Change::WriteRejected { endpoint: 0, reason: Rejection::ActiveTreeMissing { .. }, .. }
    ));
    assert!(at > position(&replay, Chapter::Empty));
    // Every later write to the regional endpoint fails, until the operators repair it.
    let repair = position(&replay, Chapter::Repair);
    let meanwhile = &replay.trace.steps[at as usize..repair as usize - 1];
    assert!(!meanwhile.iter().any(|s| matches!(s.event, Event::EnactorWrites { endpoint: 0, .. })));
    let rejected: Vec<_> = meanwhile
        .iter()
        .filter(|s| matches!(s.change, Change::WriteRejected { endpoint: 0, .. }))
        .map(|s| s.event.actor())
        .collect();
    for enactor in [A, B, C] {
        assert!(rejected.contains(&Actor::Enactor(enactor)), "Enactor {enactor} is rejected too");
    }
    // The diagnosis comes while it is stuck.
    assert!(meanwhile.iter().any(|s| s.event == Event::OperatorDiagnoses));
}

#[test]
fn the_repair_opens_after_the_operators_restore_the_records() {
    let replay = incident();
    let at = position(&replay, Chapter::Repair);
    assert_eq!(step_at(&replay, at).event, Event::OperatorRepairs);
    assert!(step_at(&replay, at).violations.is_empty());
    assert!(!resolve(&replay.world_at(at), 0).addresses.is_empty());
    assert!(resolve(&replay.world_at(at - 1), 0).addresses.is_empty());
}

#[test]
fn changes_returns_to_the_stale_write_and_try_to_the_outcome() {
    let replay = incident();
    let at = position(&replay, Chapter::Changes);
    assert!(step_at(&replay, at).change.overwrote_newer());
    assert_eq!(at, replay.first_violation_position().expect("the incident breaks an invariant"));
    assert_eq!(position(&replay, Chapter::Try), replay.len());
    // With a mitigation that stops the stale write, the chapters of the race have no moment.
    let safe =
        Replay::run(&Scenario::incident().with_mitigations(&[Mitigation::ConditionalWrite])).expect("valid");
    assert_eq!(Chapter::Empty.position(&safe.trace), None);
    assert_eq!(Chapter::Try.position(&safe.trace), Some(safe.len()));
}

#[test]
fn each_prompts_answer_is_what_the_next_event_does() {
    let replay = incident();
    let trace = &replay.trace;
    let asked: Vec<Chapter> = Chapter::ALL.into_iter().filter(|c| c.prompt().is_some()).collect();
    assert!(asked.len() >= 3);
    for chapter in [Chapter::Race, Chapter::Empty, Chapter::Stuck] {
        assert!(asked.contains(&chapter), "{chapter:?} asks what happens next");
    }
    for chapter in asked {
        let prompt = chapter.prompt().expect("asked");
        assert!((2..=4).contains(&prompt.choices.len()), "{chapter:?}");
        assert!(prompt.answer < prompt.choices.len(), "{chapter:?}");
        assert!(!prompt.explanation.is_empty());
    }

    let race = next_step(trace, position(&replay, Chapter::Race));
    let Change::LockLost { endpoint: 0, holder: Some(C), backoff_ms, .. } = race.change else {
        panic!("A finds the lock held by C, not {:?}", race.change);
    };
    assert_eq!(race.event.actor(), Actor::Enactor(A));
    assert_eq!(backoff_ms, 60_000, "a minute, as the explanation says");
    let at = position(&replay, Chapter::Race);
    let (before, after) = (&replay.world_at(at).enactors[0], &replay.world_at(at + 1).enactors[0]);
    assert!(before.plan.is_some() && after.plan == before.plan, "A keeps its plan");
    assert_eq!(after.checked_at_ms, before.checked_at_ms, "and does not check it again");

    let empty = next_step(trace, position(&replay, Chapter::Empty));
    assert_eq!(empty.event, Event::EnactorTakesLock { enactor: C, endpoint: 0 });

    let stuck = next_step(trace, position(&replay, Chapter::Stuck));
    assert_eq!(stuck.event, Event::PlannerPublishes);

    let repair = next_step(trace, position(&replay, Chapter::Repair));
    assert_eq!(repair.event, Event::EnactorPicksUp { enactor: B });
    assert!(matches!(repair.change, Change::PickedUp { fresh: false, .. }), "already applied");
}

#[test]
fn a_prompt_is_answered_only_after_the_step() {
    assert_eq!(PromptStage::of(35, 35), PromptStage::Asking);
    assert_eq!(PromptStage::of(35, 36), PromptStage::Answered);
    assert_eq!(PromptStage::of(35, 34), PromptStage::Elsewhere);
    assert_eq!(PromptStage::of(35, 37), PromptStage::Elsewhere);
    assert_eq!(PromptStage::of(u32::MAX, 0), PromptStage::Elsewhere);
}

#[test]
fn a_chapter_link_without_a_step_opens_at_the_chapters_position() {
    let replay = incident();
    let opened = decode("#v=1&chapter=empty").link;
    assert_eq!(opened.view.chapter, Some(Chapter::Empty));
    assert_eq!(opening_position(&opened, &replay.trace), Chapter::Empty.position(&replay.trace));
    // A step in the link wins; no chapter, no position.
    assert_eq!(opening_position(&decode("#v=1&chapter=empty&step=3").link, &replay.trace), None);
    assert_eq!(opening_position(&decode("#v=1").link, &replay.trace), None);
    // The tour follows the incident: another scenario opens as its link says.
    assert_eq!(opening_position(&decode("#v=1&chapter=empty&seed=7").link, &replay.trace), None);
    assert_eq!(opening_position(&decode("#v=1&chapter=race&m=safe-cleanup").link, &replay.trace), None);
    assert!(opening_position(&decode("#v=1&chapter=try&m=safe-cleanup").link, &replay.trace).is_some());
}

#[test]
fn the_tour_follows_the_incident_and_offers_to_open_it() {
    let calm = Link {
        run: Run { base: Base::Preset("calm"), seed: Some(3), ..Run::default() },
        view: View { present: true, ..View::default() },
        ..Link::default()
    };
    assert!(!follows_incident(&calm.run, Chapter::Race));
    let opened = incident_link(&calm, Chapter::Race);
    assert_eq!(
        opened,
        Link {
            view: View { chapter: Some(Chapter::Race), present: true, ..View::default() },
            ..Link::default()
        }
    );
    assert!(follows_incident(&opened.run, Chapter::Race));

    let mitigated =
        Link { run: Run { mitigations: vec![Mitigation::SafeCleanup], ..Run::default() }, ..Link::default() };
    assert!(!follows_incident(&mitigated.run, Chapter::Stuck));
    assert!(follows_incident(&mitigated.run, Chapter::Try));
    assert!(incident_link(&mitigated, Chapter::Stuck).run.mitigations.is_empty());
    assert_eq!(incident_link(&mitigated, Chapter::Try).run.mitigations, vec![Mitigation::SafeCleanup]);
}

#[test]
fn presenter_keys_move_between_chapters_blank_the_screen_and_leave() {
    let plain = KeyMode::default();
    let touring = KeyMode { presenting: true, touring: true, blanked: false };
    let presenting = KeyMode { touring: false, ..touring };
    // Outside presenter mode, keys are the player's, as before.
    for key in [" ", "ArrowRight", "ArrowLeft", "Home", "End", "PageDown", "PageUp", "b", "Escape"] {
        assert_eq!(key_command(key, plain), key_action(key).map(KeyCommand::Replay), "{key}");
    }
    // A clicker's Page Down and Page Up turn chapters while the tour is open...
    assert_eq!(key_command("PageDown", touring), Some(KeyCommand::NextChapter));
    assert_eq!(key_command("PageUp", touring), Some(KeyCommand::PreviousChapter));
    // ...and jump between key moments when it is not.
    assert_eq!(key_command("PageDown", presenting), Some(KeyCommand::Replay(Action::NextKeyStep)));
    // Arrows keep stepping events.
    assert_eq!(key_command("ArrowRight", touring), Some(KeyCommand::Replay(Action::StepForward)));
    assert_eq!(key_command("ArrowLeft", touring), Some(KeyCommand::Replay(Action::StepBack)));
    for key in ["b", "B", "."] {
        assert_eq!(key_command(key, presenting), Some(KeyCommand::Blank), "{key}");
    }
    assert_eq!(key_command("Escape", touring), Some(KeyCommand::LeavePresenter));
    // Blanked, any key brings the page back and does nothing else.
    let blanked = KeyMode { blanked: true, ..touring };
    for key in ["ArrowRight", "PageDown", "Escape", "b", "x", "Shift"] {
        assert_eq!(key_command(key, blanked), Some(KeyCommand::Unblank), "{key}");
    }
    assert_eq!(key_command("x", touring), None);
}

#[test]
fn the_cascade_chapters_come_last_and_open_at_their_moment_after_the_race() {
    let replay = incident();
    let trace = &replay.trace;
    let race = &Chapter::ALL[..7];
    assert!(race.iter().all(|c| c.cascade_clock().is_none()), "the race's chapters keep their places");
    let cascade = [Chapter::Caches, Chapter::Storm, Chapter::Collapse, Chapter::Health, Chapter::End];
    assert_eq!(&Chapter::ALL[7..], &cascade);
    let ids: Vec<&str> = cascade.iter().map(|c| c.id()).collect();
    assert_eq!(ids, ["caches", "storm", "collapse", "health", "end"]);
    for chapter in cascade {
        let minutes = chapter.cascade_clock().expect("a cascade chapter has a moment");
        // Every moment lies after the repair, past the race's last event or at it.
        let at = position(&replay, chapter);
        assert!(at >= position(&replay, Chapter::Repair), "{chapter:?}");
        assert!(trace.steps.get(at as usize).is_none_or(|s| {
            let t = dns_race::ui::view::cascade::TimeAxis::of_trace(trace).t_of_clock(minutes);
            s.t_ms > t
        }));
        assert_eq!(
            opening_position(&decode(&format!("#v=1&chapter={}", chapter.id())).link, trace),
            Some(at)
        );
    }
    // What each says agrees with AWS's timeline.
    let text = |c: Chapter| c.text().join(" ");
    assert!(text(Chapter::Caches).contains("between 02:25 and 02:40"));
    assert!(text(Chapter::Collapse).contains("04:14") && text(Chapter::Collapse).contains("05:28"));
    assert!(text(Chapter::Collapse).contains("congestive collapse"));
    assert!(text(Chapter::Health).contains("05:30") && text(Chapter::Health).contains("09:36"));
    assert!(text(Chapter::Health).contains("later casualty, not the origin"));
    for time in ["13:50", "14:09", "14:20"] {
        assert!(text(Chapter::End).contains(time), "{time}");
    }
    assert!(text(Chapter::Storm).contains("assumed"), "AWS does not publish its clients' retries");
    // A chapter link keeps the cascade's controls.
    let link = decode("#v=1&policy=immediate&vs=none&respond=none&m=safe-cleanup").link;
    let opened = incident_link(&link, Chapter::Storm);
    assert_eq!(
        (opened.cascade.policy, opened.cascade.vs, opened.cascade.respond.clone()),
        (link.cascade.policy, link.cascade.vs, link.cascade.respond.clone())
    );
    assert!(opened.run.mitigations.is_empty());
}

#[test]
fn the_lessons_are_named_where_the_learner_meets_them() {
    let text = |c: Chapter| c.text().join(" ");
    // The design: why it was believed safe.
    let design = text(Chapter::Design);
    for words in ["believed safe", "routine and harmless", "next pass overwrites", "“unused” from “old”"]
    {
        assert!(design.contains(words), "Design names {words:?}");
    }
    // The race: check-then-act, and what a lock gives.
    let race = text(Chapter::Race);
    for words in ["check-then-act", "time of check to time of use", "mutual exclusion", "not ordering"] {
        assert!(race.contains(words), "Race names {words:?}");
    }
    // A's delays are injected and assumed, not contention with an Enactor that is not there.
    assert!(!race.contains("held by another Enactor"));
    assert!(race.contains("unusually high delays") && race.contains("assumed"));
    // Stuck: why it needed hands, and why diagnosis took ~50 minutes (reasoning, labelled).
    let stuck = text(Chapter::Stuck);
    for words in
        ["no way out", "self-repair", "not published", "reasoning", "NOERROR looks like success", "no alarm"]
    {
        assert!(stuck.contains(words), "Stuck names {words:?}");
    }
    // The dependency chain, where the NLB phase is told.
    assert!(
        text(Chapter::Health).contains("DWFM's host leases")
            && text(Chapter::Health).contains("→ NLB health checks")
    );
    // Where the retry storm is told: what a client's policy cannot change, and DWFM's own.
    assert!(text(Chapter::Storm).contains("cannot touch EC2's recovery"));
    assert!(text(Chapter::Collapse).contains("DWFM's own re-queueing"));
}

#[test]
fn the_health_chapters_claim_about_disabling_failover_holds_in_the_run() {
    use dns_race::cascade::{self, CascadeSettings, Response};
    assert!(Chapter::Health.text().join(" ").contains("about 50 minutes longer"));
    let trace = dns_race::sim::run(&Scenario::incident()).expect("the incident runs");
    let with = cascade::run(&trace, &CascadeSettings::default()).expect("runs");
    let without = cascade::run(
        &trace,
        &CascadeSettings::default().with_responses(&[Response::ThrottleDwfm, Response::RestartDwfm]),
    )
    .expect("runs");
    let longer = (without.figures.nlb_short_ms - with.figures.nlb_short_ms) / 60_000;
    assert!((40..=60).contains(&longer), "{longer} min longer");
}
