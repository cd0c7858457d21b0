//! The explorer's state hash: what decides the future of a world when time does not matter.

use super::enactor::{Enactor, Phase};
use super::portable_hash::WordHasher;
use super::world::World;
use super::Generation;
use crate::scenario::Mitigation;
use std::hash::Hasher;

/// What of one Enactor decides its future: where it is and its plan, with the newest plan
/// it has seen (one number, sorted on), and (with `fencing-token`, the only reader) its
/// lease token.
type EnactorKey = (u128, u64);

/// A phase as a number: the kind in the high byte, the endpoint in the low one.
fn phase_code(phase: Phase) -> u64 {
    match phase {
        Phase::Idle => 0,
        Phase::Locking { endpoint } => 0x100 | u64::from(endpoint),
        Phase::Writing { endpoint } => 0x200 | u64::from(endpoint),
        Phase::CleaningUp => 0x300,
        Phase::Rechecking { endpoint } => 0x400 | u64::from(endpoint),
    }
}

/// A generation that may be absent, as a number (0 for none).
fn maybe(generation: Option<Generation>) -> u64 {
    generation.map_or(0, |g| u64::from(g) + 1)
}

impl World {
    /// A portable 64-bit hash of everything that decides which events can follow and what
    /// they do, when nothing in the scenario reads the clock (no plan expiry, no injected
    /// fault, lock records that outlive the run). It leaves out the clock and every ready
    /// time, the step count, the PRNG (it only draws durations), when the freshness check
    /// ran, counted lock losses (only the slow-Enactor fault reads them), when plans were
    /// published, when an endpoint broke and when it was diagnosed (only that it did), and
    /// lease tokens unless `fencing-token` reads them.
    ///
    /// Enactors are interchangeable: they run the same program, and nothing but the timed
    /// scheduler's choices and the injected faults tells A from B. So the hash names an
    /// Enactor by what it is doing, not by its letter: two worlds that differ only by which
    /// Enactor is which hash alike. Two worlds of one such scenario with equal hashes have
    /// the same futures up to the Enactors' names, so the exhaustive explorer visits one.
    /// The explorer keeps only these 64 bits per state: two different states with the same
    /// hash would be taken for one, with a chance of about n² / 2⁶⁵ for n states (3 × 10⁻¹⁰
    /// at the default bound).
    pub fn state_hash(&self) -> u64 {
        let fenced = self.scenario.has(Mitigation::FencingToken);
        let key = |enactor: &Enactor| -> EnactorKey {
            let place = phase_code(enactor.phase) << 32 | maybe(enactor.plan);
            (u128::from(place) << 64 | u128::from(enactor.seen), if fenced { enactor.token } else { 0 })
        };
        let mut h = WordHasher::default();
        let enactor_words = |h: &mut WordHasher, (place, token): EnactorKey| {
            [(place >> 64) as u64, place as u64, token].into_iter().for_each(|w| h.write_u64(w));
        };
        // Sorted on the stack: scenarios have at most three Enactors.
        let (mut stack, mut heap) = ([(0, 0); 3], Vec::new());
        let enactors: &mut [EnactorKey] = if self.enactors.len() <= stack.len() {
            &mut stack[..self.enactors.len()]
        } else {
            heap.resize(self.enactors.len(), (0, 0));
            &mut heap
        };
        for (slot, enactor) in enactors.iter_mut().zip(&self.enactors) {
            *slot = key(enactor);
        }
        // An insertion sort: for three keys it does less than the general sort's set-up.
        for i in 1..enactors.len() {
            let mut j = i;
            while j > 0 && enactors[j - 1] > enactors[j] {
                enactors.swap(j - 1, j);
                j -= 1;
            }
        }
        enactors.iter().for_each(|&k| enactor_words(&mut h, k));
        [self.planner.next_generation.into(), self.planner.store.len() as u64]
            .into_iter()
            .for_each(|w| h.write_u64(w));
        self.planner.store.for_each(|generation, plan| {
            h.write_u64(u64::from(generation) << 32 | u64::from(plan.lbs.bits()));
        });
        for record in &self.endpoints {
            h.write_u64(record.trees.len() as u64);
            record
                .trees
                .for_each(|generation, lbs| h.write_u64(u64::from(generation) << 32 | u64::from(lbs.bits())));
            // The lock's holder, by what it is doing (its letter is not part of the state).
            // Only an Enactor of this world takes a lock (World::take_lock).
            let holder = record.lock.map(|lock| {
                self.enactors
                    .get(usize::from(lock.holder))
                    .expect("a lock's holder is one of the world's Enactors")
            });
            enactor_words(&mut h, holder.map_or((u128::MAX, u64::MAX), key));
            let broken = u64::from(record.broken_since_ms.is_some());
            [
                u64::from(record.alias) << 32 | maybe(record.rollback),
                u64::from(record.high_water) << 1 | broken,
                record.fence,
            ]
            .into_iter()
            .for_each(|w| h.write_u64(w));
        }
        let next_token = if fenced { self.next_token } else { 0 };
        [self.healthy_lbs().bits().into(), next_token, u64::from(self.diagnosed_at_ms.is_some())]
            .into_iter()
            .for_each(|w| h.write_u64(w));
        h.finish()
    }
}
