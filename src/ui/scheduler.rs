//! "You are the scheduler": the learner picks which actor moves next. Pure Rust, tested
//! natively: what each actor would do now, and the schedule a pick makes.

use super::link::{actor_letter, Hand};
use crate::sim::{narrate, Actor, Invariant, World};

/// One actor that can move now, and what its move would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Who moves.
    pub actor: Actor,
    /// Its letter in a link's `pick` list.
    pub letter: char,
    /// The narration of the move, as it would read after it.
    pub sentence: String,
    /// The invariants that would fail after it and hold now: the move breaks something.
    pub breaks: Vec<Invariant>,
}

/// Every actor that can move in `world`, in the order of [`World::enabled`], each with
/// what its move would do (tried on a copy of the world).
pub fn choices(world: &World) -> Vec<Choice> {
    let mut enabled = Vec::new();
    world.enabled(&mut enabled);
    let before = crate::sim::check(world);
    enabled
        .into_iter()
        .map(|event| {
            let mut next = world.clone();
            let step = next.apply(event);
            let breaks = step.violations.iter().copied().filter(|i| !before.contains(i)).collect();
            let actor = event.actor();
            Choice { actor, letter: actor_letter(actor), sentence: narrate(&step), breaks }
        })
        .collect()
}

/// The schedule after the learner picks `actor` at `position` of the run made by `hand`
/// (`None`: the timed run): the events up to `position` are kept, the later ones dropped.
pub fn picked(hand: Option<&Hand>, position: u32, actor: Actor) -> Hand {
    match hand {
        Some(hand) if position >= hand.fork => {
            let mut picks: Vec<Actor> =
                hand.picks.iter().copied().take((position - hand.fork) as usize).collect();
            picks.push(actor);
            Hand { fork: hand.fork, picks }
        }
        // Before the picks (or in the timed run): the timed run up to here, then this one.
        _ => Hand { fork: position, picks: vec![actor] },
    }
}
