//! The DNS Planner and its plan store.

use super::{Generation, GenerationMap, LbSet};
use serde::Serialize;
use std::rc::Rc;

/// One plan: the load balancers (by index) that should answer for every endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Plan {
    /// Increasing generation number.
    pub generation: Generation,
    /// The world's load balancers it names; weights are the balancers' own.
    pub lbs: LbSet,
    /// Logical time of its publication (`plan-expiry` measures age from here).
    pub published_at_ms: u64,
}

/// The DNS Planner: publishes a new plan every planner interval into the plan store.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Planner {
    /// Generation of the next plan to publish.
    pub next_generation: Generation,
    /// Plans not yet deleted by clean-up, by generation. Shared between copies of a world
    /// until one of them changes it (`Rc::make_mut`): the explorer copies worlds millions
    /// of times, and most events leave the store alone.
    pub store: Rc<GenerationMap<Plan>>,
    /// Logical time of the next publication.
    pub ready_at_ms: u64,
}

impl Planner {
    /// The newest plan in the store, the one an Enactor picks up.
    pub fn latest(&self) -> Option<&Plan> {
        self.store.last_key_value().map(|(_, plan)| plan)
    }
}
