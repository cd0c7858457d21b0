//! The explorer's state hash: what decides the future of a world when time does not matter.

use super::portable_hash::PortableHasher;
use super::world::World;
use std::hash::{Hash, Hasher};

impl World {
    /// A portable 64-bit hash of everything that decides which events can follow and what
    /// they do, when nothing in the scenario reads the clock (no plan expiry, no injected
    /// fault, lock records that outlive the run). It leaves out the clock and every ready
    /// time, the step count, the PRNG (it only draws durations), when the freshness check
    /// ran, counted lock losses (only the slow-Enactor fault reads them), when plans were
    /// published, when an endpoint broke and when it was diagnosed (only that it did). Two
    /// worlds of one such scenario with equal hashes have the same futures, so the
    /// exhaustive explorer visits each once.
    pub fn state_hash(&self) -> u64 {
        let mut h = PortableHasher::default();
        self.planner.next_generation.hash(&mut h);
        self.planner.store.len().hash(&mut h);
        for (generation, plan) in &self.planner.store {
            (generation, &plan.lbs).hash(&mut h);
        }
        for enactor in &self.enactors {
            (enactor.phase, enactor.plan, enactor.seen, enactor.token).hash(&mut h);
        }
        for record in &self.endpoints {
            record.trees.hash(&mut h);
            let lock_holder = record.lock.map(|lock| lock.holder);
            let broken = record.broken_since_ms.is_some();
            (record.alias, record.rollback, lock_holder, record.high_water, broken, record.fence).hash(&mut h);
        }
        for lb in &self.lbs {
            lb.healthy.hash(&mut h);
        }
        (self.next_token, self.diagnosed_at_ms.is_some()).hash(&mut h);
        h.finish()
    }
}
