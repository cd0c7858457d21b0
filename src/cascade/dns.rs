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
