//! The explorer: exhaustive search up to a bound, and seeded random runs.

use dns_race::explore::{explore, replay_scenario, sample_sets, Bound, Sampler, Search, Tally};
use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim::{self, Invariant, Outcome, World};

/// Replays `events` from the start of `scenario`, each of which must be enabled.
fn replay(scenario: &Scenario, events: &[sim::Event]) -> World {
    let mut world = World::new(scenario.clone());
    for (i, &event) in events.iter().enumerate() {
        assert!(world.try_apply(event).is_some(), "event {i} ({event:?}) is not enabled");
    }
    world
}

#[test]
fn without_mitigations_the_shortest_counterexample_empties_an_endpoint() {
    let result = explore(Bound::default(), &[]).expect("the default bound is valid");
    assert!(result.complete && !result.safe());
    let c = result.counterexample(Invariant::NeverEmpty).expect("never-empty fails");
    let last = replay(&result.scenario, &c.events);
    assert!(
        (0..last.endpoints.len()).any(|e| sim::resolve(&last, e).addresses.is_empty()),
        "the last state has an endpoint answering with zero addresses"
    );
    // The 2025 race, as short as it gets: publish ×3 and a pick-up on each side, B writes
    // one endpoint, A overwrites it with its older plan, B finishes and cleans up.
    assert_eq!(c.events.len(), 12);
    assert_eq!(result.states, 109_796, "the state count of the default bound");
    assert_eq!(result.headline().map(|c| c.invariant), Some(Invariant::NeverEmpty));
}

#[test]
fn conditional_write_and_safe_cleanup_are_safe_up_to_the_default_bound() {
    let both = [Mitigation::ConditionalWrite, Mitigation::SafeCleanup];
    let result = explore(Bound::default(), &both).expect("valid");
    assert!(result.safe(), "{:?}", result.counterexamples);
    assert_eq!(result.states, 21_391);
}

#[test]
fn recheck_before_write_alone_still_has_a_counterexample() {
    let result = explore(Bound::default(), &[Mitigation::RecheckBeforeWrite]).expect("valid");
    let c = result.counterexample(Invariant::NeverEmpty).expect("the re-check narrows the gap, no more");
    let trace = c.trace(&result.scenario);
    assert!(trace.steps.iter().any(|s| s.event.kind() == "EnactorRechecks"), "it re-checks on the way");
    assert!(!trace.verdict.record_survived);
    assert!(c.events.len() > 12, "the re-check makes the race longer, not impossible");
    // The stale write's age counts from A's last (passing) re-check, in the narration and
    // in the sequence diagram's band alike.
    let write = trace.steps.iter().find(|s| s.change.overwrote_newer()).expect("a stale write");
    let sim::Change::Wrote { checked_at_ms, .. } = write.change else { panic!("a write") };
    let recheck = trace.steps[..write.index as usize]
        .iter()
        .rev()
        .find(|s| s.event.actor() == write.event.actor() && s.event.kind() == "EnactorRechecks")
        .expect("A re-checked before writing");
    assert_eq!(checked_at_ms, recheck.t_ms);
    #[cfg(feature = "web")]
    the_page_counts_from_the_recheck(&trace, write, recheck);
}

/// The page's side of the test above (feature `web`): the sequence diagram's band and the
/// architecture diagram's Enactor box count the write's age from the last re-check too.
#[cfg(feature = "web")]
fn the_page_counts_from_the_recheck(trace: &sim::Trace, write: &sim::Step, recheck: &sim::Step) {
    let holds = dns_race::ui::view::sequence::hold_spans(&trace.steps);
    assert!(holds.iter().any(|h| h.checked_at_ms == recheck.t_ms && h.checked_step == recheck.index));
    // The diagram's Enactor box says so too: not "checked once".
    let replay = std::rc::Rc::new(dns_race::ui::replay::Replay::of(trace.clone()));
    let moment = dns_race::ui::replay::Moment::at(&replay, write.index + 1);
    let a = usize::from(match write.event {
        sim::Event::EnactorWrites { enactor, .. } => enactor,
        _ => panic!("a write"),
    });
    let view = dns_race::ui::view::architecture::architecture(&moment);
    let checked = view.enactors[a].checked.as_deref().expect("A holds its plan after writing regional");
    assert!(checked.starts_with("last checked, "), "{checked}");
}

#[test]
fn a_counterexample_plays_as_a_trace_that_ends_with_what_clients_get() {
    let result = explore(Bound::default(), &[]).expect("valid");
    let c = result.headline().expect("a counterexample");
    let trace = c.trace(&result.scenario);
    assert_eq!(trace.steps.len(), c.events.len() + 1, "every event plays, and a client looks up");
    let last = trace.steps.last().expect("steps");
    assert_eq!(last.event, sim::Event::ClientResolves { endpoint: 0 });
    assert!(last.violations.contains(&Invariant::NeverEmpty));
    // Times grow with the events, as in any run.
    assert!(trace.steps.windows(2).all(|w| w[0].t_ms <= w[1].t_ms));
    assert!(matches!(trace.verdict.outcome, Outcome::StuckUntilRepaired { .. }));
}

#[test]
fn mitigations_that_need_a_clock_are_left_out_and_said_to_be() {
    let result =
        explore(Bound::default(), &[Mitigation::PlanExpiry, Mitigation::SafeCleanup]).expect("valid");
    assert_eq!(result.needs_clock, [Mitigation::PlanExpiry]);
    assert!(!result.scenario.has(Mitigation::PlanExpiry) && result.scenario.has(Mitigation::SafeCleanup));
    let plain = explore(Bound::default(), &[Mitigation::SafeCleanup]).expect("valid");
    assert_eq!(result.states, plain.states, "plan-expiry changes nothing without a clock");
}

#[test]
fn a_search_in_slices_finds_what_a_search_in_one_go_finds() {
    let bound = Bound { enactors: 2, generations: 3, ..Bound::default() };
    let whole = explore(bound, &[]).expect("valid");
    let mut search = Search::new(bound, &[]).expect("valid");
    let mut slices = 0;
    while !search.step(100) {
        slices += 1;
        assert!(!search.report().complete, "a partial report says so");
    }
    assert!(slices > 3);
    assert_eq!(search.report(), whole);
}

#[test]
fn single_enactor_has_nothing_to_race() {
    let result = explore(Bound::default(), &[Mitigation::SingleEnactor]).expect("valid");
    assert!(result.safe());
    assert!(result.states < 1_000);
}

#[test]
fn enactors_are_interchangeable_in_the_state_hash() {
    let result = explore(Bound::default(), &[]).expect("valid");
    let c = result.headline().expect("a counterexample");
    let world = replay(&result.scenario, &c.events[..8]);
    let mut swapped = world.clone();
    swapped.enactors.swap(0, 1);
    for record in &mut swapped.endpoints {
        if let Some(lock) = &mut record.lock {
            lock.holder = [1, 0, 2][usize::from(lock.holder)];
        }
    }
    assert_ne!(world.enactors, swapped.enactors);
    assert_eq!(world.state_hash(), swapped.state_hash());
    let mut moved = world.clone();
    moved.endpoints[0].alias += 1;
    assert_ne!(world.state_hash(), moved.state_hash(), "a different record is a different state");
}

#[test]
fn bounds_out_of_range_are_refused_with_the_setting_named() {
    for (bound, setting) in [
        (Bound { enactors: 0, ..Bound::default() }, "enactors"),
        (Bound { endpoints: 4, ..Bound::default() }, "endpoints"),
        (Bound { generations: 9, ..Bound::default() }, "generations"),
        (Bound { wide_cleanup_margin_generations: 0, ..Bound::default() }, "wide_cleanup_margin_generations"),
    ] {
        let error = explore(bound, &[]).expect_err("out of range");
        assert_eq!(error.knob, setting);
    }
}

fn sample(runs: u32, seed: u64) -> Sampler {
    let sets = vec![Vec::new(), vec![Mitigation::ConditionalWrite], vec![Mitigation::StuckAlarm]];
    let mut sampler = Sampler::new("incident", sets, runs, seed).expect("valid");
    while !sampler.step(7) {}
    sampler
}

#[test]
fn random_runs_are_deterministic_per_seed() {
    let a = sample(60, 1);
    let b = sample(60, 1);
    assert_eq!(a.tallies(), b.tallies());
    assert_eq!(a.runs_done(), 180);
    let other = sample(60, 1_000);
    assert_ne!(a.tallies(), other.tallies(), "another seed, other runs");
}

#[test]
fn random_runs_tell_the_mitigations_apart() {
    let sampler = sample(60, 1);
    let [none, conditional, alarm] = sampler.tallies() else { panic!("three sets") };
    assert!(none.share(Invariant::NeverEmpty) > 0.1, "the incident's faults empty the record often");
    assert_eq!(conditional.failed, [0; 4], "conditional writes never let an old plan in");
    let (Some(slow), Some(fast)) = (none.empty_ms_mean(), alarm.empty_ms_mean()) else {
        panic!("both empty sometimes")
    };
    assert!(fast < slow, "the stuck alarm shortens the outage: {fast} < {slow}");
}

#[test]
fn ranges_merged_in_any_order_equal_one_sampler_run_for_run() {
    let whole = sample(60, 1);
    let sets = || vec![Vec::new(), vec![Mitigation::ConditionalWrite], vec![Mitigation::StuckAlarm]];
    let mut parts: Vec<Vec<Tally>> = [0..17, 17..18, 18..45, 45..60]
        .into_iter()
        .map(|runs| {
            let mut part = Sampler::range("incident", sets(), runs, 1).expect("valid");
            while !part.step(5) {}
            part.into_tallies()
        })
        .collect();
    // Merge out of order: the last range first, as a pool of workers may finish them.
    parts.reverse();
    let mut merged = parts[0].clone();
    for part in &parts[1..] {
        for (into, from) in merged.iter_mut().zip(part) {
            into.merge(from);
        }
    }
    assert_eq!(merged, whole.tallies(), "the same counts, times and worst runs");
    assert!(merged[0].worst_seed.is_some(), "the test compares a worst run");
}

/// How long some endpoint answered with zero addresses in `trace`, in all, up to its end.
fn time_empty(trace: &sim::Trace) -> u64 {
    let end = trace.scenario.duration_ms;
    let mut total = 0;
    for (i, step) in trace.steps.iter().enumerate() {
        if step.violations.contains(&Invariant::NeverEmpty) {
            let next = trace.steps.get(i + 1).map_or(end.max(step.t_ms), |s| s.t_ms);
            total += next - step.t_ms;
        }
    }
    total
}

#[test]
fn every_worst_run_replays_from_its_seed_with_the_same_time_empty() {
    let sets = vec![Vec::new(), vec![Mitigation::StuckAlarm], vec![Mitigation::SelfRepair]];
    let mut sampler = Sampler::new("incident", sets, 30, 1).expect("valid");
    while !sampler.step(7) {}
    for tally in sampler.tallies() {
        let seed = tally.worst_seed.expect("a run emptied");
        let scenario =
            replay_scenario("incident", seed, &tally.mitigations, tally.worst_end_ms).expect("a preset");
        let trace = sim::run(&scenario).expect("valid");
        assert_eq!(time_empty(&trace), tally.empty_ms_worst, "{:?}, seed {seed}", tally.mitigations);
    }
    let stuck = &sampler.tallies()[1];
    assert!(
        stuck.worst_end_ms > Scenario::incident().duration_ms,
        "a run still empty at the end goes on until the record answers"
    );
}

#[test]
fn the_table_has_none_every_mitigation_alone_and_the_pairs() {
    let sets = sample_sets();
    assert_eq!(sets[0], Vec::<Mitigation>::new());
    for m in Mitigation::ALL {
        assert!(sets.contains(&vec![m]), "{m:?} alone");
    }
    assert!(sets.contains(&vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup]));
    assert!(Sampler::new("no-such-preset", sets, 10, 1).is_err());
}

/// What a world offers next, with the Enactors' letters left out: the kinds of its enabled
/// events, sorted.
fn offers(world: &World) -> Vec<&'static str> {
    let mut enabled = Vec::new();
    world.enabled(&mut enabled);
    let mut kinds: Vec<&'static str> = enabled.iter().map(|e| e.kind()).collect();
    kinds.sort_unstable();
    kinds
}

#[test]
fn worlds_the_state_hash_merges_offer_the_same_next_steps_and_break_the_same_invariants() {
    // A search of its own that keeps the first world behind each hash, and compares every
    // later world with the same hash to it.
    for mitigations in [vec![], vec![Mitigation::FencingToken], vec![Mitigation::RecheckBeforeWrite]] {
        let bound = Bound { generations: 3, ..Bound::default() };
        let scenario = bound.scenario(&mitigations);
        let start = World::new(scenario);
        let mut seen = std::collections::HashMap::from([(start.state_hash(), start.clone())]);
        let mut frontier = std::collections::VecDeque::from([start]);
        let mut merged = 0;
        let mut enabled = Vec::new();
        while let Some(world) = frontier.pop_front() {
            world.enabled(&mut enabled);
            for &event in &enabled {
                let mut next = world.clone();
                next.perform(event);
                match seen.get(&next.state_hash()) {
                    Some(first) => {
                        merged += 1;
                        assert_eq!(offers(first), offers(&next), "{event:?} after {world:?}");
                        assert_eq!(sim::check(first), sim::check(&next));
                    }
                    None => {
                        seen.insert(next.state_hash(), next.clone());
                        frontier.push_back(next);
                    }
                }
            }
        }
        assert_eq!(seen.len() as u64, explore(bound, &mitigations).expect("valid").states);
        assert!(merged > seen.len(), "most transitions lead to a state already seen");
    }
}
