//! What a client does when a write fails: the retry policies a learner can compare.

use serde::{Deserialize, Serialize};

/// How a client's SDK reacts to a failed write. Names are kebab-case everywhere: the UI, the
/// URL, the command line and JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryPolicy {
    /// A failed write is given up at once. Adds no load; loses every write that fails.
    None,
    /// A failed write is tried again at once, up to `retry_attempts_max` more times, in the
    /// same second. Multiplies the load exactly when the service is short of capacity.
    Immediate,
    /// Retry `k` waits `retry_backoff_ms_min × 2^(k-1)`, at most `retry_backoff_ms_max`.
    /// The waits are whole seconds, so a resolver's backlog workers, which woke together,
    /// stay in step: their batches arrive in the same burst window, in waves.
    #[default]
    Backoff,
    /// As `backoff`, but each retry waits a uniformly random time up to that delay ("full
    /// jitter"), which takes the worker out of step and spreads each wave over the whole
    /// interval. The waits are shorter on average, so the load in a minute is higher.
    FullJitter,
    /// As `full-jitter`, but each retry spends a token from the client's bucket
    /// (`retry_budget_tokens_max`); a success earns back `retry_budget_refill_pct` of one.
    /// When the bucket is empty a failure is final: retries stay a small share of traffic.
    RetryBudget,
    /// No retries. After failures reach `breaker_failure_pct` of a second's writes the
    /// breaker opens: for `breaker_open_ms` writes go to a fallback store instead of the
    /// service; then one probe decides whether it closes. Once closed, stored writes are
    /// re-fed at `fallback_refeed_per_client_per_min`. A write is lost only when the store
    /// is full (`fallback_writes_per_client_max`).
    CircuitBreaker,
}

impl RetryPolicy {
    /// Every policy, in the order they are listed.
    pub const ALL: [RetryPolicy; 6] = [
        RetryPolicy::None,
        RetryPolicy::Immediate,
        RetryPolicy::Backoff,
        RetryPolicy::FullJitter,
        RetryPolicy::RetryBudget,
        RetryPolicy::CircuitBreaker,
    ];

    /// The kebab-case name used in the URL, on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            RetryPolicy::None => "none",
            RetryPolicy::Immediate => "immediate",
            RetryPolicy::Backoff => "backoff",
            RetryPolicy::FullJitter => "full-jitter",
            RetryPolicy::RetryBudget => "retry-budget",
            RetryPolicy::CircuitBreaker => "circuit-breaker",
        }
    }

    /// A short label for buttons and chart legends.
    pub fn label(self) -> &'static str {
        match self {
            RetryPolicy::None => "No retries",
            RetryPolicy::Immediate => "Immediate retries",
            RetryPolicy::Backoff => "Exponential back-off",
            RetryPolicy::FullJitter => "Back-off with full jitter",
            RetryPolicy::RetryBudget => "Retry budget",
            RetryPolicy::CircuitBreaker => "Circuit breaker + fallback",
        }
    }

    /// One line for `--help` and the UI.
    pub fn about(self) -> &'static str {
        match self {
            RetryPolicy::None => "give up on a failed write at once",
            RetryPolicy::Immediate => "try a failed write again at once, up to the attempt limit",
            RetryPolicy::Backoff => "wait 1 s, 2 s, 4 s, … between attempts: workers stay in step",
            RetryPolicy::FullJitter => "wait a random time up to the back-off delay: the waves spread out",
            RetryPolicy::RetryBudget => "full jitter, and each retry spends a token that successes earn back",
            RetryPolicy::CircuitBreaker => {
                "stop calling after repeated failures; keep writes in a fallback store, re-feed them later"
            }
        }
    }

    /// Whether a failed write is tried again by this policy.
    pub fn retries(self) -> bool {
        !matches!(self, RetryPolicy::None | RetryPolicy::CircuitBreaker)
    }

    /// Every policy's name, comma-separated: the choices a message lists.
    pub fn names() -> String {
        RetryPolicy::ALL.map(RetryPolicy::name).join(", ")
    }

    /// The policy called `name`, or an error that lists the names.
    pub fn parse(name: &str) -> Result<RetryPolicy, String> {
        RetryPolicy::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| format!("unknown retry policy {name:?}; choose one of: {}", RetryPolicy::names()))
    }
}

/// What an EC2 host does when its lease attempt times out in DWFM's queue: the retry policy
/// that mattered in 2025. The clients' [`RetryPolicy`] shapes the load on DynamoDB once the
/// record is back; it cannot touch DWFM, whose own re-queueing kept EC2 down for hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DwfmRetry {
    /// As AWS describes 2025: the host queues a new attempt at once and the timed-out one
    /// stays queued; DWFM later works on it for nothing. Past the point where the queue
    /// takes longer than the timeout to drain, every attempt it reaches is dead: congestive
    /// collapse.
    #[default]
    Requeue,
    /// The host waits a random time up to `dwfm_backoff_ms_min × 2^(k-1)` (at most
    /// `dwfm_backoff_ms_max`) before its `k`-th new attempt; the timed-out one still stays
    /// queued. Fewer attempts pile up, but every one that times out is still worked on
    /// later: back-off slows the collapse, it does not end it.
    Backoff,
    /// Each attempt carries its deadline, and DWFM drops attempts whose host has given up
    /// instead of working on them; the host queues a new one at once. No work is wasted,
    /// so the queue drains at DWFM's full rate (deadline propagation, "drop expired work").
    Deadline,
}

impl DwfmRetry {
    /// Every choice, in the order they are listed.
    pub const ALL: [DwfmRetry; 3] = [DwfmRetry::Requeue, DwfmRetry::Backoff, DwfmRetry::Deadline];

    /// The kebab-case name used in the URL, on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DwfmRetry::Requeue => "requeue",
            DwfmRetry::Backoff => "backoff",
            DwfmRetry::Deadline => "deadline",
        }
    }

    /// A short label for the controls.
    pub fn label(self) -> &'static str {
        match self {
            DwfmRetry::Requeue => "Re-queue at once (2025)",
            DwfmRetry::Backoff => "Back off with jitter",
            DwfmRetry::Deadline => "Drop timed-out attempts",
        }
    }

    /// One line for `--help` and the UI.
    pub fn about(self) -> &'static str {
        match self {
            DwfmRetry::Requeue => {
                "a timed-out lease attempt is queued again at once; the old one stays queued"
            }
            DwfmRetry::Backoff => {
                "wait a jittered, doubling time before queueing again; the old one still stays"
            }
            DwfmRetry::Deadline => "DWFM drops attempts whose host gave up, so no work is wasted",
        }
    }

    /// The choice called `name`, or an error that lists the names.
    pub fn parse(name: &str) -> Result<DwfmRetry, String> {
        DwfmRetry::ALL.into_iter().find(|p| p.name() == name).ok_or_else(|| {
            let names: Vec<&str> = DwfmRetry::ALL.iter().map(|p| p.name()).collect();
            format!("unknown DWFM retry {name:?}; choose one of: {}", names.join(", "))
        })
    }
}
