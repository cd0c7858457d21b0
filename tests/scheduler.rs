//! "You are the scheduler": what each actor would do, and the schedule a pick makes.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::scenario::Scenario;
use dns_race::sim::{Actor, Invariant, World};
use dns_race::ui::link::Hand;
use dns_race::ui::replay::Replay;
use dns_race::ui::scheduler::{choices, picked};

#[test]
fn every_actor_that_can_move_is_a_choice_with_its_sentence() {
    let mut world = World::new(Scenario::incident());
    let at_start: Vec<Actor> = choices(&world).iter().map(|c| c.actor).collect();
    assert_eq!(at_start, [Actor::Planner, Actor::Client], "plan 100 is applied: the Enactors wait");
    let publish = choices(&world).remove(0);
    assert!(publish.sentence.starts_with("The Planner publishes plan 101"), "{}", publish.sentence);
    world.apply(dns_race::sim::Event::PlannerPublishes);
    let choices = choices(&world);
    let actors: Vec<Actor> = choices.iter().map(|c| c.actor).collect();
    assert_eq!(
        actors,
        [Actor::Planner, Actor::Enactor(0), Actor::Enactor(1), Actor::Enactor(2), Actor::Client],
        "no operators before anything breaks"
    );
    assert_eq!(choices.iter().map(|c| c.letter).collect::<String>(), "PABCR");
    assert!(choices[1].sentence.starts_with("Enactor A picks up plan 101"), "{}", choices[1].sentence);
    assert!(choices.iter().all(|c| c.breaks.is_empty()));
}

#[test]
fn the_move_that_empties_the_record_is_marked() {
    // In the incident's run, the clean-up that deletes the regional endpoint's plan.
    let replay = Replay::run(&Scenario::incident()).expect("runs");
    let empties = |i: usize| replay.trace.steps[i].violations.contains(&Invariant::NeverEmpty);
    let first = (0..replay.trace.steps.len()).find(|&i| empties(i)).expect("the incident empties the record");
    let before = replay.world_at(first as u32);
    let actor = replay.trace.steps[first].event.actor();
    let choice = choices(&before).into_iter().find(|c| c.actor == actor).expect("the cleaner can move");
    assert!(choice.breaks.contains(&Invariant::NeverEmpty), "{choice:?}");
    assert!(choice.sentence.contains("deletes"), "{}", choice.sentence);
}

#[test]
fn a_pick_keeps_the_events_before_the_cursor_and_drops_the_rest() {
    // From the timed run: fork there.
    assert_eq!(picked(None, 40, Actor::Planner), Hand { fork: 40, picks: vec![Actor::Planner] });
    let hand = Hand { fork: 10, picks: vec![Actor::Enactor(0), Actor::Enactor(1), Actor::Client] };
    // After two of the picks: keep them, replace the third.
    assert_eq!(
        picked(Some(&hand), 12, Actor::Planner),
        Hand { fork: 10, picks: vec![Actor::Enactor(0), Actor::Enactor(1), Actor::Planner] }
    );
    // At the end: append.
    assert_eq!(picked(Some(&hand), 13, Actor::Planner).picks.len(), 4);
    // Back inside the timed part: a new fork.
    assert_eq!(picked(Some(&hand), 5, Actor::Client), Hand { fork: 5, picks: vec![Actor::Client] });
}

#[test]
fn a_picked_schedule_plays_each_pick() {
    let scenario = Scenario::incident();
    let mut hand = Hand::default();
    for _ in 0..30 {
        let (replay, note) = Replay::hand(&scenario, &hand).expect("runs");
        assert_eq!(note, None);
        let world = replay.world_at(replay.len());
        // Always the last choice but one that is an Enactor, or the first: a varied schedule.
        let choices = choices(&world);
        let choice =
            choices.iter().rev().find(|c| matches!(c.actor, Actor::Enactor(_))).unwrap_or(&choices[0]);
        hand = picked(Some(&hand), replay.len(), choice.actor);
    }
    let (replay, note) = Replay::hand(&scenario, &hand).expect("runs");
    assert_eq!((replay.len(), note), (30, None));
    let actors: Vec<Actor> = replay.trace.steps.iter().map(|s| s.event.actor()).collect();
    assert_eq!(actors, hand.picks);
}
