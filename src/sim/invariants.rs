//! The safety properties, checked in the state after every step.

use super::world::World;
use serde::{Deserialize, Serialize};

/// A property the DNS automation should keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Invariant {
    /// Every endpoint resolves to at least one address.
    NeverEmpty,
    /// No endpoint's active generation is below the highest it has had.
    NeverBackwards,
    /// No endpoint rejects every write: an Enactor holding a newer plan can apply it.
    NeverStuck,
    /// Answers name only load balancers whose health checks pass.
    FreshEnough,
}

impl Invariant {
    /// All invariants, in display order.
    pub const ALL: [Invariant; 4] =
        [Invariant::NeverEmpty, Invariant::NeverBackwards, Invariant::NeverStuck, Invariant::FreshEnough];

    /// Stable kebab-case name, as in the JSON trace and the URL.
    pub fn name(self) -> &'static str {
        match self {
            Invariant::NeverEmpty => "never-empty",
            Invariant::NeverBackwards => "never-backwards",
            Invariant::NeverStuck => "never-stuck",
            Invariant::FreshEnough => "fresh-enough",
        }
    }

    /// One sentence for a learner: what it means that this invariant fails.
    pub fn explain(self) -> &'static str {
        match self {
            Invariant::NeverEmpty => "an endpoint answers with zero addresses",
            Invariant::NeverBackwards => "an endpoint serves an older plan than it already had",
            Invariant::NeverStuck => "an endpoint rejects every write until repaired by hand",
            Invariant::FreshEnough => "an answer names a load balancer that is unhealthy",
        }
    }
}

/// The invariants that do not hold in `world`, in [`Invariant::ALL`] order.
pub fn check(world: &World) -> Vec<Invariant> {
    failing(world)
        .into_iter()
        .zip(Invariant::ALL)
        .filter_map(|(fails, invariant)| fails.then_some(invariant))
        .collect()
}

/// Whether each invariant fails in `world`, in [`Invariant::ALL`] order: [`check`] without
/// the list. It reads each endpoint's active tree once, without copying the answer: every
/// scheduler, the explorer and the random runs call it after every step.
pub fn failing(world: &World) -> [bool; 4] {
    let (mut empty, mut backwards, mut missing, mut stale) = (false, false, false, false);
    let healthy = world.healthy_lbs();
    for record in &world.endpoints {
        // What a resolver gets: the active tree's addresses, or none if it was deleted.
        match record.active_tree() {
            None => (empty, missing) = (true, true),
            Some(lbs) => {
                empty |= lbs.is_empty();
                stale |= !lbs.is_subset(healthy);
            }
        }
        backwards |= record.alias < record.high_water;
    }
    // With self-repair a missing active tree no longer blocks writes.
    let stuck = missing && !world.scenario.has(crate::scenario::Mitigation::SelfRepair);
    [empty, backwards, stuck, stale]
}
