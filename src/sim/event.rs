//! Events (what an actor does next) and steps (what one event changed).

use super::invariants::Invariant;
use super::Generation;
use serde::{Deserialize, Serialize};

/// Who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Actor {
    /// The DNS Planner.
    Planner,
    /// DNS Enactor number n (0 = A).
    Enactor(u8),
    /// A client resolving the regional endpoint.
    Client,
    /// The on-call engineers.
    Operator,
}

/// One thing an actor can do next. [`super::World::enabled`] lists them; which one a
/// candidate turns out to be (a lock taken or lost, a write accepted or rejected) is decided
/// by the state, so the event names what happens. `enactor` and `endpoint` are indices
/// (Enactor 0 is A; endpoint 0 is the regional one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)] // The fields are the actor's and the endpoint's indices, as said above.
pub enum Event {
    /// The Planner publishes the next generation.
    PlannerPublishes,
    /// An Enactor picks up the latest plan and checks, once, that it is newer than the plan
    /// already applied.
    EnactorPicksUp { enactor: u8 },
    /// An Enactor writes the lock record of an endpoint.
    EnactorTakesLock { enactor: u8, endpoint: u8 },
    /// An Enactor finds an endpoint's lock held (or its batch aborted) and backs off.
    EnactorLosesLock { enactor: u8, endpoint: u8 },
    /// An Enactor's change batch commits: its plan becomes the endpoint's active plan.
    EnactorWrites { enactor: u8, endpoint: u8 },
    /// An Enactor's change batch is rejected by Route 53 (see [`Rejection`]).
    EnactorWriteFails { enactor: u8, endpoint: u8 },
    /// An Enactor deletes plans much older than the one it just applied.
    EnactorCleansUp { enactor: u8 },
    /// A client resolves an endpoint.
    ClientResolves { endpoint: u8 },
    /// Operators find that DynamoDB's DNS state is the cause.
    OperatorDiagnoses,
    /// Operators restore the records by hand.
    OperatorRepairs,
    // New variants go last: the trace digest hashes each variant's index.
    /// `plan-expiry`: an Enactor drops its plan, too old to write.
    EnactorDropsPlan { enactor: u8 },
    /// `recheck-before-write`: an Enactor checks again that its plan is not older than the
    /// newest applied one, before trying the lock of an endpoint.
    EnactorRechecks { enactor: u8, endpoint: u8 },
}

/// Why Route 53 rejected a change batch. Route 53 refuses an alias to a record that does
/// not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Rejection {
    /// The rollback record must point at the active tree, and it has been deleted: the
    /// stuck state. No write to this endpoint can succeed until it is repaired.
    ActiveTreeMissing {
        /// The generation the alias still names.
        active: Generation,
    },
    /// The Enactor's own plan has been deleted by a clean-up: there is no tree to point at.
    PlanDeleted,
    // New variants go last: the trace digest hashes each variant's index.
    /// `conditional-write`: the endpoint's active plan is newer than the one being written.
    OlderThanActive {
        /// The generation the alias names.
        active: Generation,
    },
    /// `fencing-token`: a write with a higher lease token has already been committed here.
    StaleToken {
        /// The writer's token.
        token: u64,
        /// The highest token the endpoint has seen.
        fence: u64,
    },
}

impl Event {
    /// Who performs it.
    pub fn actor(self) -> Actor {
        match self {
            Event::PlannerPublishes => Actor::Planner,
            Event::EnactorPicksUp { enactor }
            | Event::EnactorTakesLock { enactor, .. }
            | Event::EnactorLosesLock { enactor, .. }
            | Event::EnactorWrites { enactor, .. }
            | Event::EnactorWriteFails { enactor, .. }
            | Event::EnactorCleansUp { enactor }
            | Event::EnactorDropsPlan { enactor }
            | Event::EnactorRechecks { enactor, .. } => Actor::Enactor(enactor),
            Event::ClientResolves { .. } => Actor::Client,
            Event::OperatorDiagnoses | Event::OperatorRepairs => Actor::Operator,
        }
    }

    /// The endpoint it touches, if any.
    pub fn endpoint(self) -> Option<u8> {
        match self {
            Event::EnactorTakesLock { endpoint, .. }
            | Event::EnactorLosesLock { endpoint, .. }
            | Event::EnactorWrites { endpoint, .. }
            | Event::EnactorWriteFails { endpoint, .. }
            | Event::ClientResolves { endpoint }
            | Event::EnactorRechecks { endpoint, .. } => Some(endpoint),
            _ => None,
        }
    }

    /// The event's kind as a stable name: "EnactorWrites", "PlannerPublishes", ...
    pub fn kind(self) -> &'static str {
        match self {
            Event::PlannerPublishes => "PlannerPublishes",
            Event::EnactorPicksUp { .. } => "EnactorPicksUp",
            Event::EnactorTakesLock { .. } => "EnactorTakesLock",
            Event::EnactorLosesLock { .. } => "EnactorLosesLock",
            Event::EnactorWrites { .. } => "EnactorWrites",
            Event::EnactorWriteFails { .. } => "EnactorWriteFails",
            Event::EnactorCleansUp { .. } => "EnactorCleansUp",
            Event::ClientResolves { .. } => "ClientResolves",
            Event::OperatorDiagnoses => "OperatorDiagnoses",
            Event::OperatorRepairs => "OperatorRepairs",
            Event::EnactorDropsPlan { .. } => "EnactorDropsPlan",
            Event::EnactorRechecks { .. } => "EnactorRechecks",
        }
    }
}

/// What one event changed: enough to narrate it and draw it without the world. Endpoints
/// and Enactors are indices; generations are plan numbers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Change {
    /// A plan was added to the store.
    Published {
        /// The new plan.
        generation: Generation,
        /// How many load balancers it lists.
        lbs: u8,
    },
    /// The one-time freshness check ran.
    PickedUp {
        /// The plan picked up (the newest in the store).
        generation: Generation,
        /// The newest plan active on any endpoint.
        applied: Generation,
        /// Whether `generation` is newer than `applied`: if not, the Enactor does nothing.
        fresh: bool,
    },
    /// The lock record now names the Enactor.
    LockTaken {
        /// The endpoint locked.
        endpoint: u8,
        /// The plan the Enactor is about to write.
        generation: Generation,
        /// When the lock record expires.
        expires_at_ms: u64,
    },
    /// No lock this time; the Enactor backs off.
    LockLost {
        /// The endpoint it tried.
        endpoint: u8,
        /// The Enactor holding the lock, or `None` when nobody held it (the injected slow
        /// transaction failed, or the lock was released under the Enactor's batch).
        holder: Option<u8>,
        /// How long it waits before it tries again.
        backoff_ms: u64,
        /// Failed attempts on this endpoint so far, this one included.
        losses: u32,
    },
    /// The endpoint's alias moved to the Enactor's plan.
    Wrote {
        /// The endpoint written.
        endpoint: u8,
        /// The plan now active there.
        generation: Generation,
        /// The plan active before (equal to `generation` when the plan was rewritten).
        previous: Generation,
        /// When the Enactor checked that its plan was fresh.
        checked_at_ms: u64,
    },
    /// The batch was rejected; nothing changed but the lock's release.
    WriteRejected {
        /// The endpoint.
        endpoint: u8,
        /// The plan the Enactor tried to write.
        generation: Generation,
        /// Why Route 53 refused it.
        reason: Rejection,
    },
    /// Clean-up deleted old plans, their trees included.
    CleanedUp {
        /// The plan the Enactor had just applied.
        applied: Generation,
        /// The oldest generation kept: everything older was deleted.
        threshold: Generation,
        /// The generations deleted, from the store or any endpoint.
        deleted: Vec<Generation>,
        /// Endpoints whose active tree was deleted, with that tree's generation.
        emptied: Vec<(u8, Generation)>,
    },
    /// A client resolved an endpoint.
    Resolved {
        /// The endpoint resolved.
        endpoint: u8,
        /// How many addresses it got (zero: NOERROR with an empty answer).
        addresses: u8,
    },
    /// Operators diagnosed the empty record.
    Diagnosed {
        /// How long the first broken endpoint had been broken.
        broken_for_ms: u64,
    },
    /// Operators restored every endpoint to the latest plan by hand.
    Repaired {
        /// The endpoints that were broken.
        broken: Vec<u8>,
        /// The plan every endpoint now has.
        generation: Generation,
    },
    // New variants go last: the trace digest hashes each variant's index.
    /// `stuck-alarm`: the alarm paged the operators about the broken endpoint.
    Alarmed {
        /// How long the first broken endpoint had been broken.
        broken_for_ms: u64,
    },
    /// `plan-expiry`: an Enactor dropped its plan instead of writing it.
    PlanDropped {
        /// The plan.
        generation: Generation,
        /// How long ago it was published.
        age_ms: u64,
    },
    /// `recheck-before-write`: the result of an Enactor's second check.
    Rechecked {
        /// The endpoint whose lock attempt it guards.
        endpoint: u8,
        /// The plan it holds.
        generation: Generation,
        /// The newest plan applied on any endpoint.
        applied: Generation,
        /// Whether the plan passed (not older than `applied`); if not, it is dropped.
        passed: bool,
    },
}

impl Change {
    /// Whether this is a write that replaced a newer plan with an older one: a stale
    /// Enactor's write, the moment an endpoint goes backwards.
    pub fn overwrote_newer(&self) -> bool {
        matches!(self, Change::Wrote { generation, previous, .. } if generation < previous)
    }
}

/// One applied event with its time, what it changed, and the invariants violated after it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Step {
    /// Position in the trace, from 0.
    pub index: u32,
    /// Logical time of the event.
    pub t_ms: u64,
    /// What happened.
    pub event: Event,
    /// What it changed.
    pub change: Change,
    /// Invariants that do not hold in the state after the event.
    pub violations: Vec<Invariant>,
}
