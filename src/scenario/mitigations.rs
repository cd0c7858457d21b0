//! Mitigations: changes to the design that a learner can switch on to see whether the record
//! set survives. Each is data, off by default, so the default run shows the bug; each says
//! what it does, which gap it closes and what it costs. Names are kebab-case everywhere: the
//! UI, the URL, the command line and JSON.

use serde::{Deserialize, Serialize};

/// One change to the DNS automation's design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mitigation {
    /// Before each endpoint's lock attempt, the Enactor checks again, as its own step, that
    /// its plan is not older than the newest applied one, and drops it if it is. Narrows the
    /// gap between check and write to one lock attempt and one read (`recheck_ms`); does not
    /// close it: another Enactor can still write in between. Costs a read per attempt.
    RecheckBeforeWrite,
    /// Route 53 checks, inside the write transaction, that the plan being written is not
    /// older than the active one, and rejects the batch if it is. Closes the stale-write gap:
    /// the check and the write are one atomic step. Costs a conditional write per endpoint.
    ConditionalWrite,
    /// Clean-up never deletes a tree that an endpoint's alias or rollback record points at,
    /// checked inside the delete. Closes the gap between "this plan is old" and "this plan
    /// is in use". Costs a read of every endpoint's records in each clean-up.
    SafeCleanup,
    /// Clean-up keeps `wide_cleanup_margin_generations` plans instead of
    /// `cleanup_margin_generations`. Closes no gap: a slower Enactor still loses the race;
    /// it only lowers the odds. Costs storage for more plan trees.
    WideCleanupMargin,
    /// An Enactor that finds the active tree missing applies its plan anyway, instead of
    /// failing because the rollback record cannot point at it. Does not prevent the empty
    /// record, but ends it at the next Enactor write. Costs a rollback record that may point
    /// at nothing.
    SelfRepair,
    /// An Enactor drops a plan older than `plan_expiry_ms` (since it was published) instead
    /// of writing it, checked when it is about to take a lock or write. Closes the gap for
    /// any delay longer than the expiry; a shorter delay still writes a stale plan, so the
    /// expiry must stay below the clean-up horizon, and the plan's age needs clocks that
    /// agree. Costs work thrown away when an Enactor is slow.
    PlanExpiry,
    /// Only one Enactor runs (A). No race between Enactors at all; but no redundancy
    /// across Availability Zones: if it is slow or its zone fails, the records go stale.
    SingleEnactor,
    /// Each Enactor takes a lease with an increasing token when it picks up a plan, held for
    /// its whole run; Route 53 rejects a write whose token is lower than the highest it has
    /// seen for the endpoint. Because the lease is taken at the one-time check, the token
    /// orders runs, and so plans. A token issued with each endpoint's lock would not help:
    /// A's lock is valid when it writes. Costs a lease service.
    FencingToken,
    /// Operators are paged `alarm_ms` after an endpoint's alias starts pointing at a deleted
    /// tree (the state in which it rejects every write), instead of finding out from the outage. Prevents nothing; shortens the outage to the
    /// alarm delay plus the repair. Costs an alarm to build and keep quiet.
    StuckAlarm,
}

impl Mitigation {
    /// Every mitigation, in the order they are listed.
    pub const ALL: [Mitigation; 9] = [
        Mitigation::RecheckBeforeWrite,
        Mitigation::ConditionalWrite,
        Mitigation::PlanExpiry,
        Mitigation::SafeCleanup,
        Mitigation::WideCleanupMargin,
        Mitigation::SingleEnactor,
        Mitigation::FencingToken,
        Mitigation::SelfRepair,
        Mitigation::StuckAlarm,
    ];

    /// The kebab-case name, as in the URL and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mitigation::ConditionalWrite => "conditional-write",
            Mitigation::SafeCleanup => "safe-cleanup",
            Mitigation::WideCleanupMargin => "wide-cleanup-margin",
            Mitigation::SelfRepair => "self-repair",
            Mitigation::StuckAlarm => "stuck-alarm",
            Mitigation::PlanExpiry => "plan-expiry",
            Mitigation::SingleEnactor => "single-enactor",
            Mitigation::FencingToken => "fencing-token",
            Mitigation::RecheckBeforeWrite => "recheck-before-write",
        }
    }

    /// Whether it acts through the clock (a plan's age, an alarm's delay): the exhaustive
    /// explorer, which lets any actor be arbitrarily slow, cannot judge it, and leaves it to
    /// the random runs.
    pub fn needs_clock(self) -> bool {
        matches!(self, Mitigation::PlanExpiry | Mitigation::StuckAlarm)
    }

    /// The mitigation called `name`, if any.
    pub fn from_name(name: &str) -> Option<Mitigation> {
        Mitigation::ALL.into_iter().find(|m| m.name() == name)
    }

    /// One line: what it does.
    pub fn about(self) -> &'static str {
        match self {
            Mitigation::ConditionalWrite => {
                "Route 53 rejects a write older than the active plan, inside the transaction"
            }
            Mitigation::SafeCleanup => "clean-up never deletes a tree an alias or rollback record points at",
            Mitigation::WideCleanupMargin => "clean-up keeps many more old plans (lowers the odds only)",
            Mitigation::SelfRepair => "an Enactor that finds the active tree missing writes its plan anyway",
            Mitigation::StuckAlarm => {
                "operators are paged soon after an endpoint's alias points at a deleted tree"
            }
            Mitigation::PlanExpiry => {
                "an Enactor drops a plan older than plan_expiry_ms instead of writing it (shorter delays still write stale plans)"
            }
            Mitigation::SingleEnactor => "only one Enactor runs: no race, but no redundancy across zones",
            Mitigation::RecheckBeforeWrite => {
                "re-check the plan before each endpoint's lock attempt (narrows the gap only)"
            }
            Mitigation::FencingToken => {
                "Route 53 rejects writes whose lease token is lower than one it has seen"
            }
        }
    }
}

impl Mitigation {
    /// Why it helps or not, for the page's "why?": the gap it closes and what it costs.
    pub fn why(self) -> &'static str {
        match self {
            Mitigation::RecheckBeforeWrite => {
                "The race is check-then-act: it lives in the gap between the time of check (the one-time \
                 freshness check) and the time of use (the write). Checking \
                 again before each lock attempt shrinks that gap from minutes to one lock attempt, so \
                 Enactor A sees B's newer plan and drops its own. But the check and the write are still \
                 two steps: another Enactor can write in between, so the gap is narrowed, not closed. \
                 Cost: one more read per endpoint."
            }
            Mitigation::ConditionalWrite => {
                "Route 53 itself compares the generations inside the change batch, in the same \
                 transaction as the write: there is no gap left between check and write, so \
                 check-then-act becomes one atomic step. A's stale \
                 batch is rejected and the newer plan stays. Cost: a conditional write per endpoint."
            }
            Mitigation::PlanExpiry => {
                "A plan has a shelf life: an Enactor about to take a lock or write a plan older than \
                 plan_expiry_ms drops it and waits for a fresh one. A's eleven-minute-old plan is \
                 never written. It only closes the gap for delays longer than the expiry: an Enactor \
                 delayed by less still writes a stale plan over a newer one. So the expiry must stay \
                 below the clean-up horizon (the age at which clean-up deletes a plan), or a plan \
                 young enough to write can already be deleted; and it reads a plan's age from clocks, \
                 which must agree across the Planner and the Enactors' zones. Cost: a slow Enactor \
                 throws its work away, and too short an expiry means no plan is ever applied."
            }
            Mitigation::SafeCleanup => {
                "Clean-up deletes plans by age, not by use: it inferred “unused” from “old”, which was \
                 harmless until a stale write made an old plan the active one. Checking, inside the delete, that no alias \
                 or rollback record points at a tree keeps the record answering even after a stale \
                 write; the endpoint still goes backwards to the old plan until the next write. Cost: \
                 clean-up reads every endpoint's records."
            }
            Mitigation::WideCleanupMargin => {
                "Keeping more old plans means a late Enactor's plan is less likely to be deleted just \
                 after it is written. It closes no gap: an Enactor delayed by more than the margin \
                 still loses the race. Cost: storage for more plan trees."
            }
            Mitigation::SingleEnactor => {
                "With one Enactor nothing races. But nothing replaces it either: when it is slow or its \
                 Availability Zone fails, every endpoint keeps an old plan, which may name load \
                 balancers that are no longer healthy. In the incident the record survives, yet the \
                 records fall dozens of plans behind the Planner while A is slow: “survived” hides \
                 that, because no load balancer fails in this scenario (try zone-failure to see \
                 fresh-enough fail). Cost: redundancy, and fresh records."
            }
            Mitigation::FencingToken => {
                "The per-endpoint lock gives mutual exclusion (one writer at a time), not ordering (the \
                 newest plan last): A holds the lock rightfully when it writes its old plan. A token \
                 orders the writers. Each Enactor takes a lease with an increasing token when it picks up a plan and keeps \
                 it for the whole run; Route 53 remembers the highest token it has accepted for each \
                 endpoint. A's lease is older than B's, so its late write is refused. The lease must \
                 be taken with the check: a token issued with each endpoint's lock would be fresh when \
                 A takes the regional lock, and would not help. Cost: a lease service, and the token \
                 check in every write."
            }
            Mitigation::SelfRepair => {
                "The stuck state needed hands because a rule had no way out: every write must point \
                 the rollback record at the active tree, which is gone. Treating that state as valid and writing anyway ends \
                 the outage at the next Enactor run. It does not prevent the empty record. Cost: a \
                 rollback record that may point at nothing."
            }
            Mitigation::StuckAlarm => {
                "In 2025 it took about 50 minutes to find the cause. Why is not published; our \
                 reasoning: NOERROR looks like success, and nothing watched for an alias to a deleted \
                 tree. An alarm on \"an alias points at a \
                 deleted tree\", the state in which every write is rejected, pages the operators after \
                 alarm_ms instead. Nothing is prevented; the \
                 outage is shorter. Cost: an alarm to build and keep quiet."
            }
        }
    }
}

/// Reads a comma-separated list of names (`"conditional-write, safe-cleanup"`): the ones
/// `named` knows, sorted and each once, and the ones it does not, in order. The one reader of
/// such lists: the command line's `--mitigations` ([`parse_mitigations`]) and the page's
/// link (`m=`, `respond=`) both use it, so a list reads the same everywhere.
pub fn read_names<T: Ord>(list: &str, named: impl Fn(&str) -> Option<T>) -> (Vec<T>, Vec<&str>) {
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match named(name) {
            Some(x) => known.push(x),
            None => unknown.push(name),
        }
    }
    known.sort();
    known.dedup();
    (known, unknown)
}

/// Parses a comma-separated list of mitigation names ("conditional-write,safe-cleanup"); an
/// empty string is none. An unknown name is an error that lists the known ones.
pub fn parse_mitigations(list: &str) -> Result<Vec<Mitigation>, String> {
    let (known, unknown) = read_names(list, Mitigation::from_name);
    match unknown.first() {
        None => Ok(known),
        Some(name) => {
            let names: Vec<&str> = Mitigation::ALL.iter().map(|m| m.name()).collect();
            Err(format!("unknown mitigation '{name}'; choose from: {}", names.join(", ")))
        }
    }
}
