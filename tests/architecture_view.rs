//! What the architecture diagram tells a learner at the moments of the 2025 race: the
//! acting box and its arrow, Enactor A's stale plan, the regional endpoint pointing at a
//! deleted tree until the operators repair it, and the clients' empty answer.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::sim::{Change, Event};
use dns_race::ui::replay::{Moment, Replay};
use dns_race::ui::view::architecture::{
    architecture, Activity, ArchitectureView, Flow, Health, Node, OpsState, Progress, StoreItem, Tone,
    STORE_TOKENS,
};
use std::rc::Rc;

mod common;
use common::{after, emptied, incident_replay as incident};

fn view_at(replay: &Rc<Replay>, position: u32) -> ArchitectureView {
    architecture(&Moment::at(replay, position))
}

/// The position after the operators' repair.
fn repaired(replay: &Replay) -> u32 {
    after(replay, |s| matches!(s.event, Event::OperatorRepairs))
}

#[test]
fn before_the_race_every_endpoint_serves_its_plan() {
    let replay = incident();
    let stale_write = replay.first_violation_position().expect("the incident breaks an invariant");
    for position in [0, 1, stale_write / 2, stale_write - 1] {
        let view = view_at(&replay, position);
        assert_eq!(view.endpoints.len(), 3);
        for endpoint in &view.endpoints {
            assert_eq!(endpoint.health, Health::Serving, "{} at position {position}", endpoint.label);
            assert!(endpoint.addresses > 0 && endpoint.note.is_none());
            assert!(endpoint.answer.ends_with("addresses") && !endpoint.answer.starts_with('0'));
        }
        assert!(!view.client.empty);
        assert_eq!(view.operators.state, OpsState::OnCall);
    }
    let start = view_at(&replay, 0);
    assert!(start.current.is_none(), "nothing is highlighted before the first event");
    assert_eq!(start.progress, "before the first event");
}

#[test]
fn the_stale_write_is_highlighted_and_shows_how_far_behind_a_is() {
    let replay = incident();
    let position = replay.first_violation_position().expect("the incident breaks an invariant");
    let view = view_at(&replay, position);
    let current = view.current.as_ref().expect("an event at the cursor");
    assert_eq!(current.actor, Node::Enactor(0));
    assert_eq!(current.who, "Enactor A");
    assert_eq!(current.tone, Tone::Bad);
    assert!(current.caption.starts_with("writes old plan 102 over"), "{}", current.caption);
    assert_eq!(
        current.flows,
        vec![Flow { from: Node::Enactor(0), to: Node::Endpoint(0), tone: Tone::Bad, blocked: false }]
    );

    let a = &view.enactors[0];
    assert!(a.active && !view.enactors[1].active && !view.enactors[2].active);
    let plan = a.plan.as_ref().expect("A still holds its plan");
    assert_eq!(plan.generation, 102);
    assert!(plan.behind >= 10, "A is {} generations behind", plan.behind);
    assert_eq!(plan.text, format!("plan 102 · {} behind", plan.behind));
    assert!(plan.stale, "a newer plan is live: A's check no longer holds");
    let checked = a.checked.as_deref().expect("the age of A's check");
    assert_eq!(checked, "checked once, 11 min ago");
    assert_eq!(
        a.progress.iter().map(|p| p.state).collect::<Vec<_>>(),
        [Progress::Done, Progress::Current, Progress::Pending]
    );

    let regional = &view.endpoints[0];
    assert_eq!(regional.health, Health::Backwards);
    assert_eq!(regional.alias, 102);
    assert!(regional.note.as_deref().is_some_and(|n| n.starts_with("went back from")));
    assert!(regional.touched && !view.endpoints[1].touched);
}

#[test]
fn a_backs_off_in_words_while_it_keeps_losing_the_lock() {
    let replay = incident();
    let position = replay.first_violation_position().expect("the incident breaks an invariant");
    let backing_off = (1..position)
        .rev()
        .map(|p| view_at(&replay, p))
        .find(|v| v.enactors[0].activity == Activity::BackingOff)
        .expect("A backs off before its stale write");
    let a = &backing_off.enactors[0];
    assert!(a.phase.starts_with("backing off "), "{}", a.phase);
    let detail = a.detail.as_deref().expect("its failed attempts");
    assert!(detail.starts_with("failed ") && detail.ends_with("× there"), "{detail}");
    assert!(
        a.progress.first().is_some_and(|p| p.state == Progress::Current),
        "still on the regional endpoint"
    );
}

#[test]
fn the_clean_up_leaves_the_regional_alias_dangling_until_the_repair() {
    let replay = incident();
    let position = emptied(&replay);
    let view = view_at(&replay, position);
    let current = view.current.as_ref().expect("an event at the cursor");
    let Node::Enactor(cleaner) = current.actor else { panic!("an Enactor cleans up") };
    assert_eq!(current.tone, Tone::Bad);
    assert!(current.caption.contains("still live on regional"), "{}", current.caption);
    assert!(current.flows.contains(&Flow {
        from: Node::Enactor(cleaner),
        to: Node::Store,
        tone: Tone::Bad,
        blocked: false
    }));
    assert!(current.flows.contains(&Flow {
        from: Node::Enactor(cleaner),
        to: Node::Endpoint(0),
        tone: Tone::Bad,
        blocked: false
    }));

    let regional = &view.endpoints[0];
    assert_eq!(regional.health, Health::Dangling);
    assert!(regional.emptied_now);
    assert_eq!(regional.addresses, 0);
    assert_eq!(regional.answer, "0 addresses");
    assert_eq!(regional.note.as_deref(), Some("tree 102 deleted"));
    assert!(view.endpoints[1..].iter().all(|e| e.health == Health::Serving && !e.emptied_now));
    assert!(
        view.summary.contains("regional alias to plan 102, tree 102 deleted, 0 addresses"),
        "{}",
        view.summary
    );

    // The deleted plan is still drawn at this step, struck through, and gone at the next.
    let struck =
        view.store.items.iter().any(|i| matches!(i, StoreItem::Plan(t) if t.generation == 102 && t.deleted));
    assert!(struck, "{:?}", view.store.items);
    assert_eq!(view.store.deleted.as_deref(), Some("deleted plan 102"));
    let next = view_at(&replay, position + 1);
    assert!(!next.store.items.iter().any(|i| matches!(i, StoreItem::Plan(t) if t.generation == 102)));

    let repair = repaired(&replay);
    for p in position..repair {
        let view = view_at(&replay, p);
        assert_eq!(view.endpoints[0].health, Health::Dangling, "still dangling at position {p}");
        assert_ne!(view.operators.state, OpsState::OnCall);
    }
    let fixed = view_at(&replay, repair);
    assert!(fixed.endpoints.iter().all(|e| e.health == Health::Serving));
    assert_eq!(fixed.operators.state, OpsState::Restored);
    let current = fixed.current.as_ref().expect("the repair");
    assert_eq!((current.actor, current.tone), (Node::Operators, Tone::Good));
    assert_eq!(current.flows.len(), 3, "every endpoint is restored");
}

#[test]
fn the_clients_see_the_empty_answer() {
    let replay = incident();
    let position = after(&replay, |s| matches!(s.change, Change::Resolved { addresses: 0, .. }));
    let view = view_at(&replay, position);
    assert!(view.client.active && view.client.empty);
    assert_eq!(view.client.answer, "0 addresses");
    assert_eq!(view.client.detail, "NOERROR, ANSWER: 0");
    let current = view.current.as_ref().expect("a client resolves");
    assert_eq!(current.flows[0].from, Node::Endpoint(0));
    assert_eq!(current.flows[0].to, Node::Client);
    assert_eq!(current.tone, Tone::Bad);
    // The clients keep that last answer until they ask again.
    assert!(view_at(&replay, position + 1).client.empty);
}

#[test]
fn exactly_the_acting_box_is_highlighted() {
    let replay = incident();
    for position in 1..=replay.len() {
        let view = view_at(&replay, position);
        let current = view.current.as_ref().expect("an event at every position after 0");
        let mut active = Vec::new();
        if view.planner.active {
            active.push(Node::Planner);
        }
        active.extend(view.enactors.iter().filter(|e| e.active).map(|e| Node::Enactor(e.index)));
        if view.client.active {
            active.push(Node::Client);
        }
        if view.operators.active {
            active.push(Node::Operators);
        }
        assert_eq!(active, vec![current.actor], "at position {position}");
        assert!(!current.flows.is_empty() && !current.caption.is_empty(), "at position {position}");
        // Every arrow starts or ends at the actor: the eye goes from the pulse to the arrow.
        assert!(
            current.flows.iter().all(|f| f.from == current.actor || f.to == current.actor),
            "at position {position}: {current:?}"
        );
    }
}

#[test]
fn the_store_shows_the_newest_plans_and_the_held_ones_with_counted_gaps() {
    let replay = incident();
    let stale_write = replay.first_violation_position().expect("the incident breaks an invariant");
    for position in [0, 40, stale_write - 1, stale_write, emptied(&replay), replay.len()] {
        let moment = Moment::at(&replay, position);
        let view = architecture(&moment);
        let mut shown = Vec::new();
        let mut hidden = 0;
        for item in &view.store.items {
            match item {
                StoreItem::Plan(t) => shown.push(t.generation),
                StoreItem::Gap { hidden: n } => hidden += n,
            }
        }
        assert!(shown.len() <= STORE_TOKENS);
        assert!(shown.windows(2).all(|w| w[0] > w[1]), "newest first: {shown:?}");
        let deleted_now =
            view.store.items.iter().filter(|i| matches!(i, StoreItem::Plan(t) if t.deleted)).count();
        let all = moment.world.planner.store.len()
            + match moment.step().map(|s| &s.change) {
                Some(Change::CleanedUp { deleted, .. }) => deleted.len(),
                _ => 0,
            };
        assert_eq!(shown.len() + hidden as usize, all, "every plan is a token or counted in a gap");
        assert!(deleted_now == 0 || view.store.deleted.is_some());
        assert_eq!(shown.first().copied(), moment.world.planner.latest().map(|p| p.generation));
        // Every plan an Enactor holds and that is still stored carries its letter.
        for (i, e) in moment.world.enactors.iter().enumerate() {
            if let Some(g) = e.plan.filter(|g| moment.world.planner.store.contains_key(g)) {
                let letter = dns_race::sim::Enactor::name(i as u8);
                assert!(
                    view.store.items.iter().any(
                        |t| matches!(t, StoreItem::Plan(t) if t.generation == g && t.holders.iter().any(|h| h.letter == letter))
                    ),
                    "plan {g} of Enactor {letter} at position {position}"
                );
            }
        }
    }
    let at_stale_write = view_at(&replay, stale_write);
    assert!(
        at_stale_write.store.items.iter().any(|i| matches!(i, StoreItem::Plan(t) if t.generation == 102)),
        "A's old plan is among the tokens although many newer ones exist"
    );
}
