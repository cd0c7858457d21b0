//! How big a system the exhaustive search explores, and the scenario it explores.

use crate::scenario::{check_range, InvalidScenario, Mitigation, Scenario};
use serde::{Deserialize, Serialize};

/// The bound of an exhaustive search: how many Enactors and endpoints, how many plans the
/// Planner publishes, and how many older plans clean-up keeps. The state space is finite
/// because the number of plans is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    /// Enactors running (1 to 3). `single-enactor` runs one whatever this says.
    pub enactors: u8,
    /// Endpoints sharing the plan (1 to 3).
    pub endpoints: u8,
    /// Plans the Planner publishes after the one active at the start (1 to 8).
    pub generations: u32,
    /// Clean-up deletes plans more than this many generations older than the plan just
    /// applied (0 to 8).
    pub cleanup_margin_generations: u32,
    /// With `wide-cleanup-margin`: the margin clean-up keeps instead (at least
    /// `cleanup_margin_generations`, at most 16).
    pub wide_cleanup_margin_generations: u32,
}

impl Default for Bound {
    /// Three Enactors, two endpoints, four plans; clean-up keeps one older plan, two with
    /// `wide-cleanup-margin`: the incident's shape in miniature (two Enactors and one
    /// endpoint are enough for the race; this bound also lets a third Enactor and a second
    /// endpoint take part).
    fn default() -> Self {
        Bound {
            enactors: 3,
            endpoints: 2,
            generations: 4,
            cleanup_margin_generations: 1,
            wide_cleanup_margin_generations: 2,
        }
    }
}

/// A lock record lives a day in the explored scenario: no lock expires on its own, so lock
/// expiry, which needs a clock, plays no part in the search. That holds while the clock of
/// every explored path stays below a day (the longest seen, at 3 Enactors, 1 endpoint and
/// 8 plans, is under 8 h); the search checks it in debug builds.
pub(super) const LOCK_TTL_MS: u64 = 24 * 3_600_000;

impl Bound {
    /// Checks every setting against the range the explorer supports; the error names the
    /// setting as in [`Bound`]. The largest bounds are for the command line: 3 Enactors, 2
    /// endpoints and 8 plans is 28 million states (about 1.8 GB).
    pub fn validate(&self) -> Result<(), InvalidScenario> {
        check_range("enactors", self.enactors.into(), 1, 3)?;
        check_range("endpoints", self.endpoints.into(), 1, 3)?;
        check_range("generations", self.generations.into(), 1, 8)?;
        check_range("cleanup_margin_generations", self.cleanup_margin_generations.into(), 0, 8)?;
        check_range(
            "wide_cleanup_margin_generations",
            self.wide_cleanup_margin_generations.into(),
            self.cleanup_margin_generations.into(),
            16,
        )
    }

    /// The scenario the search explores with `mitigations`: a calm day's timings (they only
    /// date the counterexample's steps; the search ignores them), two load balancers, no
    /// fault, locks that never expire, and the mitigations that do not read the clock (see
    /// [`Mitigation::needs_clock`]).
    pub fn scenario(&self, mitigations: &[Mitigation]) -> Scenario {
        let untimed: Vec<Mitigation> = mitigations.iter().copied().filter(|m| !m.needs_clock()).collect();
        Scenario {
            enactor_count: self.enactors,
            endpoint_count: self.endpoints,
            lb_count: 2,
            planner_plans_max: Some(self.generations),
            cleanup_margin_generations: self.cleanup_margin_generations,
            wide_cleanup_margin_generations: self.wide_cleanup_margin_generations,
            lock_ttl_ms: LOCK_TTL_MS,
            ..Scenario::default()
        }
        .with_mitigations(&untimed)
    }
}
