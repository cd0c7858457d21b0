//! Named scenarios: the 2025 incident, a calm day, and seeded random runs.

use super::{Scenario, SlowEnactor};

/// A named scenario a learner can pick.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Name on the command line and in the URL.
    pub name: &'static str,
    /// One line for `--help` and the UI.
    pub about: &'static str,
}

/// Every preset, in the order they are listed.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "incident",
        about: "the 2025 race: Enactor A is slow, B runs fast, B's clean-up deletes A's plan",
    },
    Preset { name: "calm", about: "a normal day: three Enactors, no injected fault" },
    Preset { name: "random", about: "a calm day with timings drawn from the seed (use --seed)" },
    Preset {
        name: "zone-failure",
        about:
            "a calm day on which A's Availability Zone fails after 30 min while load balancers keep failing",
    },
];

impl Scenario {
    /// The preset called `name` (seeded with `seed` for "random"), or `None`.
    pub fn preset(name: &str, seed: u64) -> Option<Scenario> {
        match name {
            "incident" => Some(Scenario::incident()),
            "calm" => Some(Scenario::default()),
            "random" => Some(Scenario::random(seed)),
            "zone-failure" => Some(Scenario::zone_failure()),
            _ => None,
        }
    }

    /// The 19 October 2025 race. The automation runs normally until Enactor A, holding a
    /// freshly checked plan, starts losing the lock on every endpoint it tries and backs off
    /// for minutes each time (the injected fault). The Planner keeps publishing, B and C
    /// keep applying newer plans and cleaning up; A's stale write to the regional endpoint
    /// lands just before one of their clean-ups. Timings are assumed; the clock is mapped
    /// so that the record empties at about 23:48 PDT, as in AWS's timeline, and the repair
    /// follows AWS's 50 minutes to diagnosis and 107 more to the fix.
    pub fn incident() -> Scenario {
        Scenario {
            seed: 49,
            clock_start_ms: 23 * 3_600_000 + 35 * 60_000,
            slow_enactor: Some(SlowEnactor {
                enactor: 0,
                from_ms: 110_000,
                lock_losses: 11,
                backoff_ms: 60_000,
            }),
            ..Scenario::default()
        }
    }

    /// Whether this is the 2025 incident's scenario, whatever mitigations are switched on:
    /// its order of events follows AWS's account.
    pub fn is_incident(&self) -> bool {
        Scenario { mitigations: Vec::new(), ..self.clone() } == Scenario::incident()
    }

    /// A calm day with two faults: Enactor A's Availability Zone fails after 30 minutes, and
    /// one more load balancer fails its health checks every 20 minutes. Three Enactors ride
    /// it out; with `single-enactor` the records go stale (fresh-enough fails for hours).
    pub fn zone_failure() -> Scenario {
        Scenario {
            az_failure_at_ms: Some(30 * 60_000),
            az_failure_enactor: 0,
            lb_failure_interval_ms: Some(20 * 60_000),
            ..Scenario::default()
        }
    }

    /// A calm day whose seed shuffles every timing: lock contention and back-off differ, the
    /// knobs stay at their defaults.
    pub fn random(seed: u64) -> Scenario {
        Scenario { seed, ..Scenario::default() }
    }
}
