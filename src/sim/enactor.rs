//! A DNS Enactor: picks up the latest plan, checks once that it is newer than the applied
//! one, writes it endpoint by endpoint under each endpoint's lock, then cleans up.

use super::Generation;

/// Where an Enactor is in its loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Waiting for a plan newer than the last one it looked at.
    Idle,
    /// Holding a plan, trying to take the lock of endpoint `endpoint`.
    Locking {
        /// Index into the world's endpoints.
        endpoint: u8,
    },
    /// Holding the lock of `endpoint`; its change batch is in flight.
    Writing {
        /// Index into the world's endpoints.
        endpoint: u8,
    },
    /// Every endpoint written; clean-up comes next.
    CleaningUp,
    /// With `recheck-before-write`: about to check its plan again before trying the lock
    /// of `endpoint`.
    Rechecking {
        /// Index into the world's endpoints.
        endpoint: u8,
    },
}

/// One Enactor, in its Availability Zone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Enactor {
    /// Where it is in its loop.
    pub phase: Phase,
    /// The generation of the plan it is applying. Its records live in the plan store: if a
    /// clean-up deletes the plan, the Enactor's writes of it fail.
    pub plan: Option<Generation>,
    /// When it last checked that `plan` is fresh: the one-time check at pick-up, or with
    /// `recheck-before-write` the latest re-check that passed.
    pub checked_at_ms: u64,
    /// The newest generation it has picked up (it waits for a newer one).
    pub seen: Generation,
    /// Failed lock attempts on the current endpoint.
    pub lock_losses: u32,
    /// Logical time at which it next acts.
    pub ready_at_ms: u64,
    /// With `fencing-token`: the token of its lease, taken when it picked up its plan.
    pub token: u64,
}

impl Enactor {
    /// A fresh Enactor that has already applied `generation`.
    pub fn new(generation: Generation) -> Self {
        Enactor {
            phase: Phase::Idle,
            plan: None,
            checked_at_ms: 0,
            seen: generation,
            lock_losses: 0,
            ready_at_ms: 0,
            token: 0,
        }
    }

    /// Display name: A, B, C.
    pub fn name(index: u8) -> char {
        char::from(b'A' + index)
    }
}
