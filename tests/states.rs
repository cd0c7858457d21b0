//! The zero-address answer and the stuck state, each asserted directly on a world.

use dns_race::scenario::Scenario;
use dns_race::sim::{check, resolve, Change, Event, Invariant, Phase, Rejection, World};

fn calm_world() -> World {
    World::new(Scenario::default())
}

/// A calm world whose regional endpoint's active tree has been deleted (at t = 0), and the
/// generation that was active.
fn broken_world() -> (World, u32) {
    let mut world = calm_world();
    let active = world.endpoints[0].alias;
    world.endpoints[0].delete_older_than(active + 1, &[], 0);
    (world, active)
}

#[test]
fn an_alias_to_a_deleted_tree_answers_noerror_with_zero_addresses() {
    let mut world = calm_world();
    let active = world.endpoints[0].alias;
    let healthy = resolve(&world, 0);
    assert_eq!(healthy.addresses.len(), usize::from(world.scenario.lb_count));
    assert!(check(&world).is_empty(), "a fresh world violates nothing");

    world.endpoints[0].delete_older_than(active + 1, &[], 5_000);
    let answer = resolve(&world, 0);
    assert!(answer.addresses.is_empty(), "zero addresses");
    assert!(!answer.tree_present);
    assert_eq!(
        answer.generation, active,
        "the name still exists and still names its plan: NOERROR, not NXDOMAIN"
    );
    assert_eq!(world.endpoints[0].broken_since_ms, Some(5_000));
    assert_eq!(check(&world), vec![Invariant::NeverEmpty, Invariant::NeverStuck]);
    assert_eq!(resolve(&world, 1).addresses.len(), healthy.addresses.len(), "other endpoints are unaffected");
}

#[test]
fn a_write_that_cannot_point_the_rollback_record_at_the_active_tree_fails() {
    let (mut world, active) = broken_world();

    // Publish a newer plan; Enactor A picks it up (the check passes: it is newer).
    world.apply(Event::PlannerPublishes);
    let picked = world.apply(Event::EnactorPicksUp { enactor: 0 });
    assert!(matches!(picked.change, Change::PickedUp { fresh: true, .. }));
    assert_eq!(
        world.apply(Event::EnactorTakesLock { enactor: 0, endpoint: 0 }).event.kind(),
        "EnactorTakesLock"
    );

    // Its batch can only be rejected.
    let mut enabled = Vec::new();
    world.enabled(&mut enabled);
    assert!(enabled.contains(&Event::EnactorWriteFails { enactor: 0, endpoint: 0 }), "{enabled:?}");
    assert!(!enabled.contains(&Event::EnactorWrites { enactor: 0, endpoint: 0 }));
    let step = world.apply(Event::EnactorWriteFails { enactor: 0, endpoint: 0 });
    assert_eq!(
        step.change,
        Change::WriteRejected {
            endpoint: 0,
            generation: active + 1,
            reason: Rejection::ActiveTreeMissing { active }
        }
    );
    assert_eq!(world.endpoints[0].alias, active, "nothing changed in Route 53");
    assert_eq!(world.endpoints[0].lock, None, "the lock is released");
    assert_eq!(world.enactors[0].phase, Phase::Idle, "the Enactor gives up this plan");
    assert!(step.violations.contains(&Invariant::NeverStuck));
}

#[test]
fn operators_restore_every_endpoint_with_the_latest_plan() {
    let (mut world, active) = broken_world();
    world.apply(Event::PlannerPublishes);
    assert_eq!(
        world.apply(Event::OperatorDiagnoses).change,
        Change::Diagnosed { broken_for_ms: world.now_ms }
    );
    let step = world.apply(Event::OperatorRepairs);
    assert_eq!(step.change, Change::Repaired { broken: vec![0], generation: active + 1 });
    assert!(step.violations.is_empty(), "{:?}", step.violations);
    for endpoint in 0..world.endpoints.len() {
        assert_eq!(resolve(&world, endpoint).generation, active + 1, "endpoint {endpoint}");
    }
}

#[test]
fn a_lock_held_by_another_enactor_makes_the_attempt_lose() {
    let mut world = calm_world();
    world.apply(Event::PlannerPublishes);
    world.apply(Event::EnactorPicksUp { enactor: 0 });
    world.apply(Event::EnactorPicksUp { enactor: 1 });
    world.apply(Event::EnactorTakesLock { enactor: 0, endpoint: 0 });
    let mut enabled = Vec::new();
    world.enabled(&mut enabled);
    assert!(enabled.contains(&Event::EnactorLosesLock { enactor: 1, endpoint: 0 }), "{enabled:?}");
    let step = world.apply(Event::EnactorLosesLock { enactor: 1, endpoint: 0 });
    let Change::LockLost { holder, backoff_ms, losses, .. } = step.change else {
        panic!("{:?}", step.change)
    };
    assert_eq!((holder, losses), (Some(0), 1));
    assert!((world.scenario.backoff_ms_min..=world.scenario.backoff_ms_max).contains(&backoff_ms));
}

#[test]
fn an_event_that_is_not_enabled_is_refused_and_changes_nothing() {
    let mut world = calm_world();
    let before = format!("{world:?}");
    for event in [
        Event::EnactorWrites { enactor: 0, endpoint: 0 },
        Event::EnactorTakesLock { enactor: 9, endpoint: 0 },
        Event::EnactorCleansUp { enactor: 200 },
        Event::OperatorRepairs,
        Event::ClientResolves { endpoint: 7 },
    ] {
        assert_eq!(world.try_apply(event), None, "{event:?}");
    }
    assert_eq!(format!("{world:?}"), before);
    assert!(world.try_apply(Event::PlannerPublishes).is_some());
}

#[test]
fn a_write_of_a_plan_that_clean_up_deleted_fails_and_creates_nothing() {
    let mut world = calm_world();
    world.apply(Event::PlannerPublishes);
    let held = world.planner.latest().unwrap().generation;
    world.apply(Event::EnactorPicksUp { enactor: 0 });
    world.apply(Event::EnactorTakesLock { enactor: 0, endpoint: 0 });
    // Another Enactor's clean-up deletes the held plan from the store (as after many newer ones).
    std::rc::Rc::make_mut(&mut world.planner.store).remove(&held);
    let mut enabled = Vec::new();
    world.enabled(&mut enabled);
    assert!(enabled.contains(&Event::EnactorWriteFails { enactor: 0, endpoint: 0 }), "{enabled:?}");
    let step = world.apply(Event::EnactorWriteFails { enactor: 0, endpoint: 0 });
    assert_eq!(
        step.change,
        Change::WriteRejected { endpoint: 0, generation: held, reason: Rejection::PlanDeleted }
    );
    assert!(!world.endpoints[0].trees.contains_key(&held), "no tree was created for a deleted plan");
    assert_eq!(world.endpoints[0].alias, held - 1);
}

#[test]
fn rewriting_the_active_plan_keeps_the_rollback_record() {
    let mut world = calm_world();
    let before = world.endpoints[0].clone();
    let previous = world.endpoints[0].commit(before.alias, [0, 1].into_iter().collect());
    assert_eq!(previous, before.alias);
    assert_eq!(world.endpoints[0].rollback, before.rollback, "the plan before stays reachable");
    world.endpoints[0].commit(before.alias + 1, [0].into_iter().collect());
    assert_eq!(world.endpoints[0].rollback, Some(before.alias));
}
