//! The incident preset reproduces AWS's sequence, in order, with the effect of each event on
//! the state (the world is replayed alongside the trace and inspected at each step).

use dns_race::scenario::Scenario;
use dns_race::sim::{self, resolve, Change, Event, Invariant, Outcome, Phase, Rejection, Step, World};

const REGIONAL: u8 = 0;
const A: u8 = 0;
const B: u8 = 1;

/// The incident's trace, and the world as it was after each step (`worlds[i]` is the state
/// after step i).
fn incident() -> (Vec<Step>, Vec<World>) {
    let scenario = Scenario::incident();
    let trace = sim::run(&scenario).expect("the incident preset is valid");
    let mut world = World::new(scenario);
    let worlds = trace
        .steps
        .iter()
        .map(|step| {
            let replayed = world.apply(step.event);
            assert_eq!(&replayed, step, "replaying the trace's events gives the same steps");
            world.clone()
        })
        .collect();
    (trace.steps, worlds)
}

fn position(steps: &[Step], from: usize, what: impl Fn(&Step) -> bool) -> usize {
    from + steps[from..].iter().position(what).expect("the expected event happens")
}

fn clock(step: &Step) -> String {
    sim::format_pdt(Scenario::incident().clock_start_ms + step.t_ms)
}

#[test]
fn the_incident_happens_as_aws_describes_it() {
    let (steps, worlds) = incident();
    let margin = Scenario::incident().cleanup_margin_generations;

    // The race: A's stale write of its old plan to the regional endpoint.
    let stale_write = position(&steps, 0, |s| {
        matches!(s.change, Change::Wrote { endpoint: REGIONAL, generation, previous, .. } if generation < previous)
            && s.event == Event::EnactorWrites { enactor: A, endpoint: REGIONAL }
    });
    let Change::Wrote { generation: old, previous: newer, .. } = steps[stale_write].change else {
        unreachable!()
    };

    // 1. A picked up that plan, and its one-time freshness check passed.
    let pick_up = (0..stale_write)
        .rev()
        .find(|&i| steps[i].event == Event::EnactorPicksUp { enactor: A })
        .expect("A picked up its plan");
    assert_eq!(steps[pick_up].change, Change::PickedUp { generation: old, applied: old - 1, fresh: true });
    assert_eq!(worlds[pick_up].enactors[usize::from(A)].phase, Phase::Locking { endpoint: REGIONAL });

    // 2. A lost the regional lock again and again, holding its plan all the while.
    let losses: Vec<usize> = (pick_up..stale_write)
        .filter(|&i| steps[i].event == Event::EnactorLosesLock { enactor: A, endpoint: REGIONAL })
        .collect();
    assert!(losses.len() >= 10, "A lost the lock {} times", losses.len());
    for &i in &losses {
        assert_eq!(worlds[i].enactors[usize::from(A)].plan, Some(old));
    }
    assert!(!steps[pick_up + 1..stale_write]
        .iter()
        .any(|s| matches!(s.event, Event::EnactorWrites { enactor: A, .. })));

    // 3. Meanwhile the Planner published many newer generations.
    let published =
        steps[pick_up..stale_write].iter().filter(|s| matches!(s.change, Change::Published { .. })).count()
            as u32;
    assert!(published > margin, "{published} plans published while A was stuck");
    assert!(newer > old + margin, "the plan A overwrote ({newer}) is much newer than A's ({old})");

    // 4. B applied that much newer plan to every endpoint, the regional one before A's write.
    let b_writes: Vec<usize> = (pick_up..steps.len())
        .filter(|&i| matches!(steps[i].change, Change::Wrote { generation, .. } if generation == newer))
        .filter(|&i| matches!(steps[i].event, Event::EnactorWrites { enactor: B, .. }))
        .collect();
    let b_endpoints: Vec<u8> = b_writes.iter().filter_map(|&i| steps[i].event.endpoint()).collect();
    assert_eq!(b_endpoints, vec![0, 1, 2], "B writes plan {newer} to regional, dual-stack and FIPS");
    assert!(b_writes[0] < stale_write, "B wrote the regional endpoint before A overwrote it");

    // A's plan still exists when A writes it: no clean-up before B's has deleted it.
    assert!(worlds[stale_write].planner.store.contains_key(&old), "plan {old} exists at A's write");
    assert!(!steps[..stale_write]
        .iter()
        .any(|s| matches!(&s.change, Change::CleanedUp { deleted, .. } if deleted.contains(&old))));

    // 5. A's write overwrote B's newer plan: the regional endpoint went backwards.
    let after_write = &worlds[stale_write].endpoints[usize::from(REGIONAL)];
    assert_eq!((after_write.alias, after_write.rollback), (old, Some(newer)));
    assert!(steps[stale_write].violations.contains(&Invariant::NeverBackwards));
    assert!(!steps[stale_write].violations.contains(&Invariant::NeverEmpty));

    // 6. B started its clean-up as A wrote, and deleted A's plan, the active one.
    let cleanup = position(&steps, stale_write, |s| matches!(s.event, Event::EnactorCleansUp { .. }));
    assert_eq!(steps[cleanup].event, Event::EnactorCleansUp { enactor: B });
    assert!(cleanup - stale_write <= 3, "B's clean-up follows A's write closely");
    assert!(*b_writes.last().unwrap() < cleanup, "B finished every endpoint before cleaning up");
    let Change::CleanedUp { applied, deleted, emptied, .. } = &steps[cleanup].change else { unreachable!() };
    assert_eq!(*applied, newer);
    assert!(deleted.contains(&old));
    assert_eq!(emptied, &vec![(REGIONAL, old)]);

    // 7. The regional endpoint now answers NOERROR with zero addresses, and is stuck.
    let regional = resolve(&worlds[cleanup], usize::from(REGIONAL));
    assert!(regional.addresses.is_empty());
    assert!(!regional.tree_present);
    assert_eq!(regional.generation, old, "the alias still names plan {old}: NOERROR, not NXDOMAIN");
    assert!(steps[cleanup].violations.contains(&Invariant::NeverEmpty));
    assert!(steps[cleanup].violations.contains(&Invariant::NeverStuck));
    assert_eq!(
        clock(&steps[cleanup])[..5],
        *"23:48",
        "the record empties at 23:48 PDT, as in AWS's timeline"
    );
    let client = position(&steps, cleanup, |s| matches!(s.change, Change::Resolved { .. }));
    assert_eq!(steps[client].change, Change::Resolved { endpoint: REGIONAL, addresses: 0 });

    // 8. Every later Enactor write fails, on every endpoint, and no Enactor finishes a plan,
    //    until the operators' repair: the regional endpoint's active tree is gone, and A's own
    //    plan has been deleted under it.
    let diagnosis = position(&steps, cleanup, |s| s.event == Event::OperatorDiagnoses);
    let repair = position(&steps, cleanup, |s| s.event == Event::OperatorRepairs);
    assert!(diagnosis < repair);
    let attempts: Vec<&Step> = steps[cleanup + 1..repair]
        .iter()
        .filter(|s| matches!(s.event, Event::EnactorWrites { .. } | Event::EnactorWriteFails { .. }))
        .collect();
    assert!(attempts.len() >= 20, "Enactors keep trying: {} attempts", attempts.len());
    for s in &attempts {
        let Change::WriteRejected { endpoint, reason, .. } = s.change else {
            panic!("step {} should fail: {:?}", s.index, s.change);
        };
        let expected = if endpoint == REGIONAL {
            Rejection::ActiveTreeMissing { active: old }
        } else {
            Rejection::PlanDeleted
        };
        assert_eq!(reason, expected, "step {}", s.index);
    }
    let a_fails = attempts.iter().find(|s| s.event.endpoint() != Some(REGIONAL)).expect("A tries to go on");
    assert_eq!(a_fails.event, Event::EnactorWriteFails { enactor: A, endpoint: 1 });
    for enactor in [A, B, 2] {
        let tried =
            attempts.iter().any(|s| s.event == Event::EnactorWriteFails { enactor, endpoint: REGIONAL });
        assert!(tried, "Enactor {enactor} also fails at the regional endpoint");
    }
    assert!(!steps[cleanup + 1..repair].iter().any(|s| matches!(s.change, Change::CleanedUp { .. })));
    for step in &steps[cleanup..repair] {
        assert!(step.violations.contains(&Invariant::NeverEmpty), "still empty at step {}", step.index);
    }

    // 9. Operators diagnose at 00:38 and repair at 02:25, as in AWS's timeline.
    assert_eq!(clock(&steps[diagnosis])[..5], *"00:38");
    assert_eq!(clock(&steps[repair])[..5], *"02:25");
    assert!(!steps[repair].violations.contains(&Invariant::NeverEmpty));
    assert!(!resolve(&worlds[repair], usize::from(REGIONAL)).addresses.is_empty());
    let next_write =
        position(&steps, repair, |s| matches!(s.event, Event::EnactorWrites { endpoint: REGIONAL, .. }));
    assert!(
        matches!(steps[next_write].change, Change::Wrote { .. }),
        "Enactors can write again after the repair"
    );
}

#[test]
fn the_verdict_says_stuck_until_repaired_after_a_backwards_write() {
    let trace = sim::run(&Scenario::incident()).unwrap();
    let verdict = &trace.verdict;
    assert!(!verdict.record_survived);
    let first = verdict.first_violation.expect("the incident violates an invariant");
    assert_eq!(first.invariant, Invariant::NeverBackwards);
    assert!(trace.entry(first.step as usize).unwrap().first_violation);
    let Outcome::StuckUntilRepaired { for_ms: Some(for_ms), .. } = verdict.outcome else {
        panic!("expected stuck until repaired, got {:?}", verdict.outcome);
    };
    // 23:48 to 02:25 is 2 h 37 min: AWS's diagnosis (50 min) plus repair (107 min).
    assert_eq!(for_ms, (50 + 107) * 60_000);
    assert_eq!(
        verdict.violated,
        vec![Invariant::NeverEmpty, Invariant::NeverBackwards, Invariant::NeverStuck],
        "fresh-enough holds: every load balancer stays healthy"
    );
    let summary = verdict.summary(trace.scenario.clock_start_ms);
    assert!(summary.starts_with("emptied at 23:48:"), "{summary}");
    assert!(summary.contains("stuck until repaired"), "{summary}");
}

#[test]
fn every_step_of_the_incident_is_narrated_with_a_clock_time() {
    let trace = sim::run(&Scenario::incident()).unwrap();
    let entries = trace.entries();
    assert_eq!(entries.len(), trace.steps.len());
    for entry in &entries {
        assert!(entry.text.ends_with('.'), "one finished sentence: {}", entry.text);
        assert!(entry.clock.len() >= 8 && entry.clock.as_bytes()[2] == b':', "{}", entry.clock);
    }
    assert!(entries.iter().any(|e| e.text.contains("NOERROR with zero addresses")));
    assert!(entries.iter().any(|e| e.text.contains("its freshness check is 11 min")));
}
