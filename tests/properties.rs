//! Properties over random seeds and knobs: time never goes backwards, nothing panics, and
//! the invariant checker agrees with a recomputation from the state and its history.

use dns_race::scenario::{Mitigation, Scenario, SlowEnactor};
use dns_race::sim::{self, Invariant, LbSet, World};
use proptest::prelude::*;

fn scenario() -> impl Strategy<Value = Scenario> {
    let counts = (any::<u64>(), 1..=3u8, 1..=3u8, 1..=8u8, 0..=12u32);
    let timings = (1_000..=90_000u64, 1..=60_000u64, 1..=10_000u64, 1..=20_000u64, 1..=120_000u64);
    let slow = proptest::option::of((0..3u8, 0..=600_000u64, 0..=20u32, 1..=120_000u64));
    // The client's interval from 200 ms: over the longest duration drawn (3 h) and with the
    // most plans its Planner can publish (one a second), shorter ones are refused before the
    // run by the page's budget (`RunBudget::admit`, tested in tests/budget.rs), which this
    // property does not check (one case in about a hundred runs drew one).
    let operators =
        (2..=1_000_000u32, 1..=3_600_000u64, 1..=7_200_000u64, 1..=7_200_000u64, 200..=900_000u64);
    let mitigations = (
        proptest::sample::subsequence(Mitigation::ALL.to_vec(), 0..=Mitigation::ALL.len()),
        0..=200u32,
        1..=3_600_000u64,
        1..=3_600_000u64,
        1..=60_000u64,
    );
    let faults = (
        proptest::option::of(0..=3 * 3_600_000u64),
        0..3u8,
        proptest::option::of(60_000..=3 * 3_600_000u64),
        proptest::option::of(0..=20u32),
    );
    (counts, timings, slow, operators, 60_000..=3 * 3_600_000u64, 0..24 * 3_600_000u64, mitigations, faults)
        .prop_map(
            |(
                (seed, enactors, endpoints, lbs, margin),
                (planner, poll, write, backoff, ttl),
                slow,
                (generation_start, retry, diagnosis, repair, resolve),
                duration,
                clock_start_ms,
                (mitigations, wide_margin, alarm_ms, plan_expiry_ms, recheck_ms),
                (az_failure_at_ms, az_enactor, lb_failure_interval_ms, planner_plans_max),
            )| {
                let single = mitigations.contains(&Mitigation::SingleEnactor);
                Scenario {
                    seed,
                    enactor_count: enactors,
                    endpoint_count: endpoints,
                    lb_count: lbs,
                    cleanup_margin_generations: margin,
                    planner_interval_ms_min: planner,
                    planner_interval_ms_max: planner * 2,
                    enactor_poll_ms_min: poll,
                    enactor_poll_ms_max: poll + 1_000,
                    write_ms_min: write,
                    write_ms_max: write * 3,
                    backoff_ms_min: backoff,
                    backoff_ms_max: backoff * 2,
                    lock_ttl_ms: ttl,
                    duration_ms: duration,
                    generation_start,
                    retry_after_failure_ms: retry,
                    diagnosis_ms: diagnosis,
                    repair_ms: repair,
                    client_resolve_interval_ms: resolve,
                    clock_start_ms,
                    slow_enactor: slow.map(|(e, from_ms, lock_losses, backoff_ms)| SlowEnactor {
                        enactor: e % enactors,
                        from_ms,
                        lock_losses,
                        backoff_ms,
                    }),
                    mitigations,
                    wide_cleanup_margin_generations: margin + wide_margin,
                    alarm_ms,
                    plan_expiry_ms,
                    recheck_ms,
                    az_failure_at_ms,
                    az_failure_enactor: if single { 0 } else { az_enactor % enactors },
                    lb_failure_interval_ms,
                    planner_plans_max,
                }
            },
        )
}

/// The invariants recomputed from the records themselves, with the highest generation each
/// endpoint has ever had taken from the history of the run, not from the model's bookkeeping.
fn recompute(world: &World, highest: &[u32]) -> Vec<Invariant> {
    let answers: Vec<Option<&LbSet>> = world.endpoints.iter().map(|e| e.trees.get(&e.alias)).collect();
    let mut failing = Vec::new();
    if answers.iter().any(|a| a.is_none_or(|lbs| lbs.is_empty())) {
        failing.push(Invariant::NeverEmpty);
    }
    if world.endpoints.iter().zip(highest).any(|(e, &h)| e.alias < h) {
        failing.push(Invariant::NeverBackwards);
    }
    if answers.iter().any(Option::is_none) && !world.scenario.has(Mitigation::SelfRepair) {
        failing.push(Invariant::NeverStuck);
    }
    if answers.iter().flatten().any(|lbs| lbs.iter().any(|lb| !world.lbs[usize::from(lb)].healthy)) {
        failing.push(Invariant::FreshEnough);
    }
    failing
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn runs_are_well_formed_and_the_checker_is_right(scenario in scenario()) {
        let trace = sim::run(&scenario).map_err(|e| TestCaseError::fail(format!("{e} in {scenario:?}")))?;
        let mut world = World::new(scenario.clone());
        let mut highest: Vec<u32> = world.endpoints.iter().map(|e| e.alias).collect();
        let mut last_t = 0;
        for step in &trace.steps {
            prop_assert!(step.t_ms >= last_t, "time went back at step {} (seed {})", step.index, scenario.seed);
            prop_assert!(step.t_ms <= scenario.duration_ms);
            last_t = step.t_ms;
            let replayed = world.apply(step.event);
            prop_assert_eq!(&replayed, step);
            for (h, e) in highest.iter_mut().zip(&world.endpoints) {
                *h = (*h).max(e.alias);
            }
            prop_assert_eq!(&step.violations, &recompute(&world, &highest), "step {} of {:?}", step.index, scenario);
        }
        // The verdict agrees with the steps.
        let ever_empty = trace.steps.iter().any(|s| s.violations.contains(&Invariant::NeverEmpty));
        prop_assert_eq!(trace.verdict.record_survived, !ever_empty);
        // What the mitigations promise, on any schedule: a safe clean-up never deletes a tree
        // in use, so no endpoint ever answers empty; a conditional write never goes backwards.
        if scenario.has(Mitigation::SafeCleanup) {
            prop_assert!(trace.verdict.record_survived, "safe-cleanup emptied a record: {:?}", scenario);
        }
        if scenario.has(Mitigation::PlanExpiry) {
            // No plan is written after it has expired.
            let published: std::collections::BTreeMap<u32, u64> = trace.steps.iter().filter_map(|s| match s.change {
                sim::Change::Published { generation, .. } => Some((generation, s.t_ms)),
                _ => None,
            }).collect();
            for s in &trace.steps {
                if let sim::Change::Wrote { generation, .. } = s.change {
                    let at = published.get(&generation).copied().unwrap_or(0);
                    prop_assert!(s.t_ms - at <= scenario.plan_expiry_ms, "step {} of {:?}", s.index, scenario);
                }
            }
        }
        if scenario.has(Mitigation::ConditionalWrite) {
            prop_assert!(!trace.verdict.violated.contains(&Invariant::NeverBackwards), "{:?}", scenario);
        }
    }

    /// The largest values `validate` accepts (a day for every duration) and the smallest
    /// (1 ms) never overflow the clock or panic; a run that hits the budget says so.
    #[test]
    fn extreme_knobs_neither_overflow_nor_panic(
        seed in any::<u64>(),
        smallest in any::<bool>(),
        margin in prop_oneof![Just(0u32), Just(1_000u32)],
    ) {
        const DAY: u64 = 24 * 3_600_000;
        let pick = |v: u64| if smallest { 1 } else { v };
        let scenario = Scenario {
            seed,
            cleanup_margin_generations: margin,
            planner_interval_ms_min: pick(DAY),
            planner_interval_ms_max: pick(DAY),
            enactor_poll_ms_min: pick(DAY),
            enactor_poll_ms_max: pick(DAY),
            write_ms_min: pick(DAY),
            write_ms_max: pick(DAY),
            backoff_ms_min: pick(DAY),
            backoff_ms_max: pick(DAY),
            lock_ttl_ms: pick(DAY),
            retry_after_failure_ms: pick(DAY),
            diagnosis_ms: pick(DAY),
            repair_ms: pick(DAY),
            client_resolve_interval_ms: pick(DAY),
            duration_ms: 48 * 3_600_000,
            slow_enactor: Some(SlowEnactor { enactor: 0, from_ms: 0, lock_losses: 10_000, backoff_ms: pick(DAY) }),
            ..Scenario::default()
        };
        // 1 ms everything over 48 h is over the budget before it runs: the Planner is named.
        if smallest {
            let refused = sim::run(&scenario).err();
            prop_assert_eq!(refused.map(|e| e.knob), Some("planner_interval_ms_min"));
            return Ok(());
        }
        let trace = sim::run(&scenario).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(trace.steps.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
        prop_assert!(trace.steps.last().is_none_or(|s| s.t_ms <= scenario.duration_ms));
        prop_assert!(!trace.truncated, "a day for everything fits the budget");
        prop_assert_eq!(trace.verdict.stopped_at_events, None);
    }

    #[test]
    fn any_seed_replays_identically(seed in any::<u64>()) {
        let scenario = Scenario { duration_ms: 3_600_000, ..Scenario::random(seed) };
        prop_assert_eq!(sim::run(&scenario).unwrap().steps, sim::run(&scenario).unwrap().steps);
    }
}

#[test]
fn out_of_range_knobs_are_refused_with_the_knob_named() {
    let cases: [(Scenario, &str); 7] = [
        (Scenario { write_ms_max: u64::MAX, ..Scenario::default() }, "write_ms"),
        (Scenario { repair_ms: 25 * 3_600_000, ..Scenario::default() }, "repair_ms"),
        (Scenario { enactor_count: 0, ..Scenario::default() }, "enactor_count"),
        (Scenario { endpoint_count: 4, ..Scenario::default() }, "endpoint_count"),
        (Scenario { backoff_ms_min: 9, backoff_ms_max: 3, ..Scenario::default() }, "backoff_ms"),
        (Scenario { write_ms_min: 0, ..Scenario::default() }, "write_ms"),
        (
            Scenario {
                slow_enactor: Some(SlowEnactor { enactor: 5, from_ms: 0, lock_losses: 1, backoff_ms: 1 }),
                ..Scenario::default()
            },
            "slow_enactor.enactor",
        ),
    ];
    for (scenario, knob) in cases {
        let error = sim::run(&scenario).expect_err(knob);
        assert_eq!(error.knob, knob);
        assert!(!error.to_string().is_empty());
    }
}
