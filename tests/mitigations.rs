//! What each mitigation does to the incident, asserted: which keep the record, which do not,
//! and which invariants still fail. The incident's schedule is the same timed scheduler and
//! seed with the mitigation switched on, so the mitigation changes what happens.

use dns_race::scenario::{parse_mitigations, Mitigation, Scenario, SlowEnactor};
use dns_race::sim::{self, Change, Invariant, Outcome, Rejection, Trace};

mod common;
use common::incident_trace_with as incident_with;

/// When the unmitigated incident's record empties.
fn incident_empties_at_ms() -> u64 {
    match incident_with(&[]).verdict.outcome {
        Outcome::StuckUntilRepaired { at_ms, .. } => at_ms,
        other => panic!("the incident empties and is stuck: {other:?}"),
    }
}

#[test]
fn conditional_write_rejects_the_stale_write_and_the_record_survives() {
    let trace = incident_with(&[Mitigation::ConditionalWrite]);
    assert!(trace.verdict.record_survived);
    assert_eq!(trace.verdict.violated, vec![], "no invariant fails");
    let rejected = trace.steps.iter().find_map(|s| match &s.change {
        Change::WriteRejected { endpoint: 0, reason: Rejection::OlderThanActive { active }, generation } => {
            Some((*generation, *active))
        }
        _ => None,
    });
    let (old, newer) = rejected.expect("A's stale write is rejected inside the transaction");
    assert!(old < newer);
    assert!(sim::narrate(
        trace
            .steps
            .iter()
            .find(|s| matches!(
                s.change,
                Change::WriteRejected { reason: Rejection::OlderThanActive { .. }, .. }
            ))
            .expect("narrated")
    )
    .contains("conditional"));
}

#[test]
fn safe_cleanup_keeps_the_record_but_not_the_order() {
    let trace = incident_with(&[Mitigation::SafeCleanup]);
    assert!(trace.verdict.record_survived, "the tree in use is never deleted");
    assert_eq!(trace.verdict.violated, vec![Invariant::NeverBackwards], "A's stale write still lands");
}

#[test]
fn a_wider_clean_up_margin_saves_the_incident_but_only_lowers_the_odds() {
    let trace = incident_with(&[Mitigation::WideCleanupMargin]);
    assert!(trace.verdict.record_survived);
    assert_eq!(trace.verdict.violated, vec![Invariant::NeverBackwards]);

    // An Enactor slow enough to fall as far behind as the wider margin still loses the race.
    let slower = Scenario {
        seed: 8,
        slow_enactor: Some(SlowEnactor { enactor: 0, from_ms: 110_000, lock_losses: 32, backoff_ms: 60_000 }),
        wide_cleanup_margin_generations: 30,
        ..Scenario::incident()
    }
    .with_mitigations(&[Mitigation::WideCleanupMargin]);
    let trace = sim::run(&slower).expect("valid");
    assert!(!trace.verdict.record_survived, "{}", trace.verdict.summary(slower.clock_start_ms));
    assert!(matches!(trace.verdict.outcome, Outcome::StuckUntilRepaired { .. }));
}

#[test]
fn self_repair_leaves_the_record_empty_only_until_the_next_enactor_write() {
    let trace = incident_with(&[Mitigation::SelfRepair]);
    let Outcome::Emptied { at_ms, for_ms: Some(for_ms) } = trace.verdict.outcome else {
        panic!("emptied, then fixed by the Enactors: {:?}", trace.verdict.outcome)
    };
    assert_eq!(at_ms, incident_empties_at_ms(), "the race itself is unchanged");
    // The next write to the regional endpoint ends it.
    let healed = trace
        .steps
        .iter()
        .find(|s| s.t_ms > at_ms && matches!(s.change, Change::Wrote { endpoint: 0, .. }))
        .expect("an Enactor writes the regional endpoint again");
    assert_eq!(healed.t_ms - at_ms, for_ms);
    assert!(for_ms < 5 * 60_000, "minutes, not hours: {for_ms} ms");
    assert_eq!(trace.verdict.violated, vec![Invariant::NeverEmpty, Invariant::NeverBackwards]);
    assert!(
        !trace.steps.iter().any(|s| matches!(
            s.change,
            Change::WriteRejected { reason: Rejection::ActiveTreeMissing { .. }, .. }
        )),
        "no write is ever refused for the missing active tree"
    );
    // The healing write went through while the alias still pointed at the deleted tree.
    let Change::Wrote { previous, .. } = healed.change else { unreachable!() };
    assert!(matches!(
        trace.steps.iter().find(|s| matches!(s.change, Change::CleanedUp { ref emptied, .. } if !emptied.is_empty())).map(|s| &s.change),
        Some(Change::CleanedUp { emptied, .. }) if emptied.contains(&(0, previous))
    ));
    assert!(!trace.steps.iter().any(|s| s.event.kind() == "OperatorRepairs"), "nobody repairs by hand");
}

#[test]
fn the_stuck_alarm_shortens_the_outage_to_the_alarm_delay_plus_the_repair() {
    let scenario = Scenario::incident().with_mitigations(&[Mitigation::StuckAlarm]);
    let trace = sim::run(&scenario).expect("valid");
    let Outcome::StuckUntilRepaired { at_ms, for_ms: Some(for_ms) } = trace.verdict.outcome else {
        panic!("still stuck until repaired: {:?}", trace.verdict.outcome)
    };
    assert_eq!(at_ms, incident_empties_at_ms(), "the alarm prevents nothing");
    assert_eq!(
        trace.verdict.violated,
        vec![Invariant::NeverEmpty, Invariant::NeverBackwards, Invariant::NeverStuck]
    );
    assert_eq!(for_ms, scenario.alarm_ms + scenario.repair_ms);
    assert!(trace.steps.iter().any(|s| matches!(s.change, Change::Alarmed { .. })));
    let unmitigated = incident_with(&[]);
    let Outcome::StuckUntilRepaired { for_ms: Some(before), .. } = unmitigated.verdict.outcome else {
        panic!("the incident is stuck")
    };
    assert_eq!(before - for_ms, scenario.diagnosis_ms - scenario.alarm_ms);
}

#[test]
fn mitigations_are_off_by_default_and_named_in_kebab_case() {
    assert!(Scenario::default().mitigations.is_empty());
    assert!(Scenario::incident().mitigations.is_empty());
    for m in Mitigation::ALL {
        assert_eq!(Mitigation::from_name(m.name()), Some(m));
        assert!(m.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", m.name());
        assert_eq!(serde_json::to_value(m).expect("serialises"), serde_json::json!(m.name()));
    }
    assert_eq!(
        parse_mitigations("safe-cleanup, conditional-write,safe-cleanup"),
        Ok(vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup]),
        "sorted, without repeats"
    );
    assert_eq!(parse_mitigations(""), Ok(vec![]));
    let err = parse_mitigations("conditional-write,fence").expect_err("unknown name");
    assert!(err.contains("'fence'") && err.contains("safe-cleanup"), "{err}");
}

#[test]
fn plan_expiry_makes_the_slow_enactor_drop_its_plan() {
    let trace = incident_with(&[Mitigation::PlanExpiry]);
    assert!(trace.verdict.record_survived);
    assert_eq!(trace.verdict.violated, vec![]);
    let dropped = trace.steps.iter().find_map(|s| match (&s.event, &s.change) {
        (sim::Event::EnactorDropsPlan { enactor: 0 }, Change::PlanDropped { age_ms, .. }) => Some(*age_ms),
        _ => None,
    });
    let age_ms = dropped.expect("A drops its old plan instead of writing it");
    assert!(age_ms > Scenario::default().plan_expiry_ms);
    let with_expiry = Scenario::incident().with_mitigations(&[Mitigation::PlanExpiry]);
    assert!(trace.steps.iter().all(|s| match s.change {
        Change::Wrote { generation, .. } => {
            // Every write is of a plan younger than the expiry when it lands.
            let published = trace.steps.iter().find_map(|p| match p.change {
                Change::Published { generation: g, .. } if g == generation => Some(p.t_ms),
                _ => None,
            });
            published.is_none_or(|t| s.t_ms - t <= with_expiry.plan_expiry_ms)
        }
        _ => true,
    }));
}

#[test]
fn fencing_tokens_reject_the_writer_with_the_older_lease() {
    let trace = incident_with(&[Mitigation::FencingToken]);
    assert!(trace.verdict.record_survived);
    assert_eq!(trace.verdict.violated, vec![]);
    assert!(trace.steps.iter().any(|s| matches!(
        (&s.event, &s.change),
        (
            sim::Event::EnactorWriteFails { enactor: 0, .. },
            Change::WriteRejected { endpoint: 0, reason: Rejection::StaleToken { .. }, .. }
        )
    )));
}

#[test]
fn a_single_enactor_never_races_but_applies_plans_late() {
    let trace = incident_with(&[Mitigation::SingleEnactor]);
    assert!(trace.verdict.record_survived);
    assert_eq!(trace.verdict.violated, vec![]);
    assert!(trace.steps.iter().all(|s| !matches!(s.event.actor(), sim::Actor::Enactor(1..))), "only A runs");
    // Without B and C, A's delays hold every endpoint back: the plan in use falls far behind
    // the Planner's newest (stale, though not empty).
    let worst_lag = worst_lag_of(&trace);
    assert!(worst_lag >= 10, "the records lag {worst_lag} plans behind at worst");
    let three = sim::run(&Scenario::default()).expect("valid");
    assert!(worst_lag_of(&three) <= 2, "three Enactors keep up: {} at worst", worst_lag_of(&three));
}

#[test]
fn recheck_before_write_saves_the_incident_but_a_schedule_still_empties_the_record() {
    let trace = incident_with(&[Mitigation::RecheckBeforeWrite]);
    assert!(trace.verdict.record_survived, "in the incident A's re-check sees B's newer plan");
    assert_eq!(trace.verdict.violated, vec![]);
    assert!(trace.steps.iter().any(|s| matches!(
        (&s.event, &s.change),
        (sim::Event::EnactorRechecks { enactor: 0, .. }, Change::Rechecked { passed: false, .. })
    )));

    // But the re-check and the write are two steps: B can write in between. Played by hand
    // (the "you are the scheduler" order), one endpoint, clean-up keeping one older plan:
    use sim::Event::*;
    let scenario = Scenario {
        endpoint_count: 1,
        enactor_count: 2,
        cleanup_margin_generations: 1,
        ..Scenario::default()
    }
    .with_mitigations(&[Mitigation::RecheckBeforeWrite]);
    let mut world = sim::World::new(scenario);
    let schedule = [
        PlannerPublishes,                            // plan 101
        EnactorPicksUp { enactor: 0 },               // A takes 101: newer than 100
        EnactorRechecks { enactor: 0, endpoint: 0 }, // A re-checks: 101 is still the newest
        PlannerPublishes,                            // 102
        PlannerPublishes,                            // 103
        EnactorPicksUp { enactor: 1 },               // B takes 103
        EnactorRechecks { enactor: 1, endpoint: 0 },
        EnactorTakesLock { enactor: 1, endpoint: 0 },
        EnactorWrites { enactor: 1, endpoint: 0 },    // 103 is live
        EnactorTakesLock { enactor: 0, endpoint: 0 }, // A's re-check is already stale
        EnactorWrites { enactor: 0, endpoint: 0 },    // 101 over 103
        EnactorCleansUp { enactor: 1 },               // B deletes plans older than 102
    ];
    let mut last = None;
    for event in schedule {
        last = Some(world.try_apply(event).unwrap_or_else(|| panic!("{event:?} is enabled")));
    }
    let last = last.expect("the schedule ran");
    assert!(matches!(&last.change, Change::CleanedUp { emptied, .. } if emptied == &vec![(0, 101)]));
    assert!(last.violations.contains(&Invariant::NeverEmpty), "the regional record is empty");
    assert!(sim::resolve(&world, 0).addresses.is_empty());
}

/// The longest stretch (in ms) during which `invariant` failed.
fn longest_failure_ms(trace: &Trace, invariant: Invariant) -> u64 {
    let mut longest = 0;
    let mut since = None;
    for step in &trace.steps {
        match (step.violations.contains(&invariant), since) {
            (true, None) => since = Some(step.t_ms),
            (false, Some(t)) => {
                longest = longest.max(step.t_ms - t);
                since = None;
            }
            _ => {}
        }
    }
    let end = trace.steps.last().map_or(0, |s| s.t_ms);
    since.map_or(longest, |t| longest.max(end - t))
}

#[test]
fn a_single_enactor_whose_zone_fails_keeps_the_record_but_serves_stale_answers() {
    let faults = Scenario::zone_failure();
    let single = sim::run(&faults.clone().with_mitigations(&[Mitigation::SingleEnactor])).expect("valid");
    assert!(single.verdict.record_survived, "the record never empties");
    assert!(single.verdict.violated.contains(&Invariant::FreshEnough), "answers name failed load balancers");
    assert!(longest_failure_ms(&single, Invariant::FreshEnough) > 60 * 60_000, "for hours, not seconds");
    assert!(single.steps.iter().all(|s| s.t_ms < 30 * 60_000 || s.event.actor() != sim::Actor::Enactor(0)));

    // Three Enactors ride out the same zone failure: B and C apply every new plan, so a failed
    // load balancer is named only until the next plan lands.
    let three = sim::run(&faults).expect("valid");
    assert!(three.verdict.record_survived);
    // At worst: a failure just after a plan, the next plan a Planner interval later, applied.
    let bound = faults.planner_interval_ms_max + 30_000;
    assert!(longest_failure_ms(&three, Invariant::FreshEnough) < bound);
}

/// The most plans by which the newest applied plan ever lagged the newest published one.
fn worst_lag_of(trace: &Trace) -> u32 {
    let mut newest = 0;
    let mut applied = 0;
    let mut worst = 0;
    for step in &trace.steps {
        match step.change {
            Change::Published { generation, .. } => newest = generation,
            Change::Wrote { generation, .. } => applied = applied.max(generation),
            _ => {}
        }
        if applied > 0 {
            worst = worst.max(newest.saturating_sub(applied));
        }
    }
    worst
}
