//! Injected faults. Each is off unless a scenario sets it.

use serde::{Deserialize, Serialize};

/// One Enactor whose Route 53 transactions are unusually slow from `from_ms` on: each time it
/// tries an endpoint, its first `lock_losses` attempts fail as if the lock were held, and
/// each failure costs `backoff_ms`. This is how the 2025 incident's Enactor A "experienced
/// unusually high delays needing to retry its update" (AWS); the exact cause and numbers
/// are not published.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlowEnactor {
    /// Which Enactor is slow (0 = A, 1 = B, 2 = C).
    pub enactor: u8,
    /// Simulated time from which its transactions are slow.
    pub from_ms: u64,
    /// Failed attempts per endpoint before an attempt can succeed.
    pub lock_losses: u32,
    /// Back-off after each failed attempt (replaces the scenario's back-off).
    pub backoff_ms: u64,
}
