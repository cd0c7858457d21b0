//! What the regional endpoint answered over the run, read from the DNS race's own trace: the
//! cascade's clients resolve the same simulated record set the race emptied.

use crate::sim::{Change, Trace};

/// The intervals in which the regional endpoint answered with zero addresses, in
/// milliseconds since the trace's start.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DnsTimeline {
    /// `[from, to)` intervals, in order; `to` is `None` when the record was still empty when
    /// the trace ended (it then stays empty for the whole cascade).
    pub empty: Vec<(u64, Option<u64>)>,
}

impl DnsTimeline {
    /// Reads the regional endpoint's state from every step of `trace`: a clean-up that
    /// deleted its active tree empties it; a write to it, or the operators' repair, fills it.
    pub fn of(trace: &Trace) -> DnsTimeline {
        let mut empty = Vec::new();
        let mut since: Option<u64> = None;
        for step in &trace.steps {
            let filled = match &step.change {
                Change::CleanedUp { emptied, .. } if emptied.iter().any(|&(e, _)| e == 0) => {
                    since.get_or_insert(step.t_ms);
                    false
                }
                Change::Wrote { endpoint: 0, .. } => true,
                Change::Repaired { broken, .. } => broken.contains(&0),
                _ => false,
            };
            if let (true, Some(from)) = (filled, since) {
                empty.push((from, Some(step.t_ms)));
                since = None;
            }
        }
        if let Some(from) = since {
            empty.push((from, None));
        }
        DnsTimeline { empty }
    }

    /// Whether the endpoint answered with zero addresses at `t_ms`.
    pub fn empty_at(&self, t_ms: u64) -> bool {
        self.empty.iter().any(|&(from, to)| from <= t_ms && to.is_none_or(|to| t_ms < to))
    }

    /// When the endpoint first answered with zero addresses.
    pub fn first_empty_ms(&self) -> Option<u64> {
        self.empty.first().map(|&(from, _)| from)
    }

    /// When it last came back (`None`: it never emptied, or never came back).
    pub fn restored_ms(&self) -> Option<u64> {
        self.empty.last().and_then(|&(_, to)| to)
    }
}

/// What a resolver got when it asked the authoritative servers (Route 53) for the endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upstream {
    /// An authoritative answer: NOERROR with addresses, or NOERROR with zero addresses (the
    /// alias to a deleted tree). Both are answers, and both are cached.
    Answer {
        /// Whether it names any address.
        addresses: bool,
    },
    /// No answer: the authoritative servers timed out or failed (not what happened in 2025:
    /// Route 53 itself worked normally).
    Unreachable,
}

/// What a resolver hands its clients after refreshing an expired cache entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refreshed {
    /// Whether the clients get no address (the empty answer, or a failure).
    pub empty: bool,
    /// Whether the answer came from the expired cache (RFC 8767's stale data).
    pub stale: bool,
}

/// A resolver refreshes an expired entry that held addresses (`cached_addresses`) or not.
/// With `serve_stale`, as RFC 8767 defines it, the expired data is served only when the
/// authoritative servers cannot be reached; an authoritative answer, empty or not, always
/// replaces it. That is why serve-stale did nothing against the 2025 record: Route 53 did
/// answer, with zero addresses.
pub fn refresh(upstream: Upstream, cached_addresses: bool, serve_stale: bool) -> Refreshed {
    match upstream {
        Upstream::Answer { addresses } => Refreshed { empty: !addresses, stale: false },
        Upstream::Unreachable if serve_stale && cached_addresses => Refreshed { empty: false, stale: true },
        Upstream::Unreachable => Refreshed { empty: true, stale: false },
    }
}
