//! Events (what an actor does next) and steps (what one event changed).

use super::invariants::Invariant;
use super::Generation;
use serde::Serialize;

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

impl Actor {
    /// Name shown in the trace: "Planner", "Enactor A", "Client", "Operators".
    pub fn label(self) -> String {
        match self {
            Actor::Planner => "Planner".into(),
            Actor::Enactor(i) => format!("Enactor {}", super::Enactor::name(i)),
            Actor::Client => "Client".into(),
            Actor::Operator => "Operators".into(),
        }
    }
}

/// One thing an actor can do next. [`super::World::enabled`] lists them; which one a
/// candidate turns out to be (a lock taken or lost, a write accepted or rejected) is decided
/// by the state, so the event names what happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
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
    /// An Enactor's change batch is rejected: the active tree it must point the rollback
    /// record at no longer exists.
    EnactorWriteFails { enactor: u8, endpoint: u8 },
    /// An Enactor deletes plans much older than the one it just applied.
    EnactorCleansUp { enactor: u8 },
    /// A client resolves an endpoint.
    ClientResolves { endpoint: u8 },
    /// Operators find that DynamoDB's DNS state is the cause.
    OperatorDiagnoses,
    /// Operators restore the broken records by hand.
    OperatorRepairs,
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
            | Event::EnactorCleansUp { enactor } => Actor::Enactor(enactor),
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
            | Event::ClientResolves { endpoint } => Some(endpoint),
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
        }
    }
}

/// What one event changed: enough to narrate it and draw it without the world.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Change {
    /// A plan was added to the store.
    Published { generation: Generation, lbs: u8 },
    /// The freshness check ran: `fresh` if `generation` is newer than `applied`.
    PickedUp {
        generation: Generation,
        applied: Generation,
        fresh: bool,
    },
    /// The lock record now names the Enactor until `expires_at_ms`.
    LockTaken {
        endpoint: u8,
        generation: Generation,
        expires_at_ms: u64,
    },
    /// No lock: `holder` had it (`None`: the Enactor's own batch was too slow). Retry after
    /// `backoff_ms`; `losses` counts failures on this endpoint so far.
    LockLost {
        endpoint: u8,
        holder: Option<u8>,
        backoff_ms: u64,
        losses: u32,
    },
    /// The endpoint's alias moved from `previous` to `generation`. `checked_at_ms` is when
    /// the Enactor checked that its plan was fresh.
    Wrote {
        endpoint: u8,
        generation: Generation,
        previous: Generation,
        checked_at_ms: u64,
    },
    /// The batch was rejected: the active tree `missing` is gone.
    WriteRejected {
        endpoint: u8,
        generation: Generation,
        missing: Generation,
    },
    /// Trees of these generations were deleted (`threshold` = first generation kept);
    /// `emptied` lists the endpoints whose active tree was among them, with its generation.
    CleanedUp {
        applied: Generation,
        threshold: Generation,
        deleted: Vec<Generation>,
        emptied: Vec<(u8, Generation)>,
    },
    /// A client got `addresses` addresses (zero: NOERROR with an empty answer).
    Resolved { endpoint: u8, addresses: u8 },
    /// Operators diagnosed the empty record.
    Diagnosed { broken_for_ms: u64 },
    /// Operators restored these endpoints to `generation`.
    Repaired {
        endpoints: Vec<u8>,
        generation: Generation,
    },
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
