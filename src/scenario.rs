//! Scenarios: every knob of the model, documented, with its default, and the presets.
//!
//! A scenario is data. The simulator reads it and never hard-codes a schedule: the 2025
//! incident is a preset (knob values plus injected faults) played by the same timed
//! scheduler as any other run, so a mitigation changes what happens in it.

mod faults;
mod knobs;
mod mitigations;
mod presets;

pub use faults::SlowEnactor;
pub use knobs::{source_of, Knob, Source, KNOBS};
pub use mitigations::{parse_mitigations, read_names, Mitigation};
pub use presets::{Preset, PRESETS};

use serde::{Deserialize, Serialize};

/// Every setting of one run. Durations are logical milliseconds; the unit is the last part
/// of the name. Faults are off by default: the default scenario is a calm day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Seed of the run's one PRNG (PCG-64 MCG). Same seed and knobs, same trace everywhere.
    pub seed: u64,
    /// How many DNS Enactors run, one per Availability Zone (the real system has three).
    pub enactor_count: u8,
    /// How many endpoints share the regional plan: regional, dual-stack, FIPS (1 to 3).
    pub endpoint_count: u8,
    /// How many load balancers back the endpoints (the real service has hundreds).
    pub lb_count: u8,
    /// Generation number of the plan already active when the run starts.
    pub generation_start: u32,
    /// Shortest time between two plans published by the DNS Planner.
    pub planner_interval_ms_min: u64,
    /// Longest time between two plans published by the DNS Planner.
    pub planner_interval_ms_max: u64,
    /// Shortest time an idle Enactor waits before it looks for a newer plan.
    pub enactor_poll_ms_min: u64,
    /// Longest time an idle Enactor waits before it looks for a newer plan.
    pub enactor_poll_ms_max: u64,
    /// Shortest Route 53 change batch, from taking an endpoint's lock to committing.
    pub write_ms_min: u64,
    /// Longest Route 53 change batch, from taking an endpoint's lock to committing.
    pub write_ms_max: u64,
    /// How long a lock record stays valid if its holder never commits.
    pub lock_ttl_ms: u64,
    /// Shortest back-off after an Enactor finds an endpoint's lock held.
    pub backoff_ms_min: u64,
    /// Longest back-off after an Enactor finds an endpoint's lock held.
    pub backoff_ms_max: u64,
    /// Clean-up deletes plans more than this many generations older than the plan just
    /// applied ("significantly older" in AWS's words).
    pub cleanup_margin_generations: u32,
    /// How long an Enactor waits before it tries again after a write was rejected.
    pub retry_after_failure_ms: u64,
    /// Time from the first empty answer until operators have found the cause.
    pub diagnosis_ms: u64,
    /// Time from the diagnosis until operators have restored the records by hand.
    pub repair_ms: u64,
    /// How often a client resolves the regional endpoint.
    pub client_resolve_interval_ms: u64,
    /// Simulated time after which the run stops.
    pub duration_ms: u64,
    /// Wall-clock time of t = 0, in milliseconds after midnight PDT on 19 October 2025:
    /// only used to print clock times in the narration.
    pub clock_start_ms: u64,
    /// Injected fault: one Enactor whose Route 53 transactions are unusually slow.
    pub slow_enactor: Option<SlowEnactor>,
    /// Injected fault: the Availability Zone of Enactor `az_failure_enactor` fails at this
    /// time, and that Enactor does nothing from then on.
    pub az_failure_at_ms: Option<u64>,
    /// Whose zone fails with `az_failure_at_ms` (0 = A's).
    pub az_failure_enactor: u8,
    /// Injected fault: every this many milliseconds one more load balancer fails its health
    /// checks (in order, never the last healthy one; seen at the next event of any actor);
    /// the Planner leaves it out of its next plan, but answers name it until a plan without
    /// it is applied.
    pub lb_failure_interval_ms: Option<u64>,
    /// The mitigations switched on, sorted, each at most once (none by default).
    pub mitigations: Vec<Mitigation>,
    /// With `wide-cleanup-margin`: clean-up keeps this many older generations instead of
    /// `cleanup_margin_generations`.
    pub wide_cleanup_margin_generations: u32,
    /// With `stuck-alarm`: the delay from an endpoint getting stuck to the operators'
    /// page, which replaces `diagnosis_ms`.
    pub alarm_ms: u64,
    /// With `plan-expiry`: how old (since its publication) a plan may be when an Enactor
    /// is about to take a lock or write it.
    pub plan_expiry_ms: u64,
    /// With `recheck-before-write`: how long the re-check's read takes before the lock
    /// attempt it guards.
    pub recheck_ms: u64,
    /// The Planner stops after publishing this many plans (none: it publishes all day). The
    /// explorer's generation bound: a finite number of plans gives a finite state space.
    pub planner_plans_max: Option<u32>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            seed: 1,
            enactor_count: 3,
            endpoint_count: 3,
            lb_count: 6,
            generation_start: 100,
            planner_interval_ms_min: 50_000,
            planner_interval_ms_max: 70_000,
            enactor_poll_ms_min: 1_000,
            enactor_poll_ms_max: 3_000,
            write_ms_min: 1_000,
            write_ms_max: 4_000,
            lock_ttl_ms: 30_000,
            backoff_ms_min: 2_000,
            backoff_ms_max: 8_000,
            cleanup_margin_generations: 10,
            retry_after_failure_ms: 300_000,
            diagnosis_ms: 50 * 60_000,
            repair_ms: 107 * 60_000,
            client_resolve_interval_ms: 300_000,
            duration_ms: 3 * 3_600_000,
            clock_start_ms: 23 * 3_600_000 + 30 * 60_000,
            slow_enactor: None,
            az_failure_at_ms: None,
            az_failure_enactor: 0,
            lb_failure_interval_ms: None,
            mitigations: Vec::new(),
            wide_cleanup_margin_generations: 100,
            alarm_ms: 5 * 60_000,
            plan_expiry_ms: 5 * 60_000,
            recheck_ms: 500,
            planner_plans_max: None,
        }
    }
}

/// Why a scenario cannot be run: the knob and what is wrong with its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidScenario {
    /// The knob's name as in [`Scenario`].
    pub knob: &'static str,
    /// What is wrong, in a sentence a learner can act on.
    pub problem: String,
}

impl std::fmt::Display for InvalidScenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.knob, self.problem)
    }
}

impl std::error::Error for InvalidScenario {}

/// `Ok` if `value` is in `lo..=hi`, else the error that says so for `knob`.
pub fn check_range(knob: &'static str, value: u64, lo: u64, hi: u64) -> Result<(), InvalidScenario> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(InvalidScenario { knob, problem: format!("{value} is outside {lo}..={hi}") })
    }
}

impl Scenario {
    /// Whether `mitigation` is switched on.
    pub fn has(&self, mitigation: Mitigation) -> bool {
        self.mitigations.contains(&mitigation)
    }

    /// How many Enactors run: `enactor_count`, or one with `single-enactor`.
    pub fn enactors_running(&self) -> u8 {
        if self.has(Mitigation::SingleEnactor) {
            1
        } else {
            self.enactor_count
        }
    }

    /// The scenario with `mitigations` switched on as well (kept sorted, without repeats).
    pub fn with_mitigations(mut self, mitigations: &[Mitigation]) -> Scenario {
        self.mitigations.extend_from_slice(mitigations);
        self.mitigations.sort();
        self.mitigations.dedup();
        self
    }

    /// Checks every knob against the range the model supports, so a hand-edited value
    /// gets a clear message instead of a panic or a run that never ends.
    pub fn validate(&self) -> Result<(), InvalidScenario> {
        let bad = |knob: &'static str, problem: String| Err(InvalidScenario { knob, problem });
        check_range("enactor_count", self.enactor_count.into(), 1, 3)?;
        check_range("endpoint_count", self.endpoint_count.into(), 1, 3)?;
        check_range("lb_count", self.lb_count.into(), 1, 32)?;
        check_range("generation_start", self.generation_start.into(), 2, 1_000_000)?;
        check_range("cleanup_margin_generations", self.cleanup_margin_generations.into(), 0, 1_000)?;
        check_range(
            "wide_cleanup_margin_generations",
            self.wide_cleanup_margin_generations.into(),
            0,
            1_000,
        )?;
        check_range("duration_ms", self.duration_ms, 1, 48 * 3_600_000)?;
        check_range("clock_start_ms", self.clock_start_ms, 0, 24 * 3_600_000 - 1)?;
        // A day bounds every duration, so that no sum of them can overflow the clock.
        const DAY_MS: u64 = 24 * 3_600_000;
        // Zero-length intervals would let an actor act forever at one instant.
        for (knob, lo, hi) in [
            ("planner_interval_ms", self.planner_interval_ms_min, self.planner_interval_ms_max),
            ("enactor_poll_ms", self.enactor_poll_ms_min, self.enactor_poll_ms_max),
            ("write_ms", self.write_ms_min, self.write_ms_max),
            ("backoff_ms", self.backoff_ms_min, self.backoff_ms_max),
        ] {
            if lo == 0 || lo > hi || hi > DAY_MS {
                return bad(
                    knob,
                    format!("needs 0 < min ≤ max ≤ {DAY_MS} (a day), got min {lo} and max {hi}"),
                );
            }
        }
        for (knob, v) in [
            ("lock_ttl_ms", self.lock_ttl_ms),
            ("retry_after_failure_ms", self.retry_after_failure_ms),
            ("diagnosis_ms", self.diagnosis_ms),
            ("repair_ms", self.repair_ms),
            ("client_resolve_interval_ms", self.client_resolve_interval_ms),
            ("alarm_ms", self.alarm_ms),
            ("plan_expiry_ms", self.plan_expiry_ms),
            ("recheck_ms", self.recheck_ms),
        ] {
            check_range(knob, v, 1, DAY_MS)?;
        }
        if let Some(at) = self.az_failure_at_ms {
            check_range("az_failure_at_ms", at, 0, 48 * 3_600_000)?;
        }
        if self.az_failure_at_ms.is_some() && self.az_failure_enactor >= self.enactors_running() {
            return bad(
                "az_failure_enactor",
                format!(
                    "Enactor {} does not exist in a run with {}",
                    self.az_failure_enactor,
                    self.enactors_running()
                ),
            );
        }
        if self.has(Mitigation::WideCleanupMargin)
            && self.wide_cleanup_margin_generations < self.cleanup_margin_generations
        {
            return bad(
                "wide_cleanup_margin_generations",
                format!(
                    "{} is narrower than cleanup_margin_generations ({})",
                    self.wide_cleanup_margin_generations, self.cleanup_margin_generations
                ),
            );
        }
        if let Some(plans) = self.planner_plans_max {
            check_range("planner_plans_max", plans.into(), 0, 1_000)?;
        }
        if let Some(every) = self.lb_failure_interval_ms {
            check_range("lb_failure_interval_ms", every, 1, DAY_MS)?;
        }
        if let Some(slow) = &self.slow_enactor {
            if slow.enactor >= self.enactor_count {
                return bad(
                    "slow_enactor.enactor",
                    format!("Enactor {} does not exist in a run with {}", slow.enactor, self.enactor_count),
                );
            }
            check_range("slow_enactor.from_ms", slow.from_ms, 0, 48 * 3_600_000)?;
            check_range("slow_enactor.lock_losses", slow.lock_losses.into(), 0, 10_000)?;
            check_range("slow_enactor.backoff_ms", slow.backoff_ms, 1, DAY_MS)?;
        }
        Ok(())
    }
}
