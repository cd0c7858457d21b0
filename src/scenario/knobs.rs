//! Every knob's name, value and source, so the UI can list them and label what the sources
//! do not give as "assumed".

use super::Scenario;
use crate::sim::{format_duration, format_pdt};

/// Where a default value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Given by AWS's post-event summary or its timeline.
    Published(&'static str),
    /// Not published: chosen to make the model behave plausibly. Shown as "assumed".
    Assumed,
}

/// One knob of [`Scenario`]: its field name, how to read it, and the source of its default.
#[derive(Clone, Copy, Debug)]
pub struct Knob {
    /// The field name, as in the scenario's JSON (a fault's fields as `fault.field`).
    pub name: &'static str,
    /// A short label for people.
    pub label: &'static str,
    /// Where its default comes from.
    pub source: Source,
    /// Its value in a scenario (`None` when it belongs to a fault that is off).
    pub value: fn(&Scenario) -> Option<u64>,
}

impl Knob {
    /// The value in `scenario` as people read it: "1 min", "3", "23:35:00", or "off".
    pub fn format(&self, scenario: &Scenario) -> String {
        match (self.value)(scenario) {
            None => "off".into(),
            Some(ms) if self.name == "clock_start_ms" => format_pdt(ms),
            Some(ms) if self.name.ends_with("_ms") || self.name.contains("_ms_") => format_duration(ms),
            Some(n) => n.to_string(),
        }
    }
}

const fn assumed(name: &'static str, label: &'static str, value: fn(&Scenario) -> Option<u64>) -> Knob {
    Knob { name, label, source: Source::Assumed, value }
}

/// Every knob, in the order the UI lists them.
pub const KNOBS: &[Knob] = &[
    Knob {
        name: "enactor_count",
        label: "DNS Enactors",
        source: Source::Published("three Enactors, one per Availability Zone"),
        value: |s| Some(s.enactor_count.into()),
    },
    // AWS lists more endpoints sharing the plan (account-specific ones too): how many the
    // replay keeps is its choice, so assumed.
    assumed(
        "endpoint_count",
        "Endpoints sharing the plan (AWS lists more: account-specific ones too)",
        |s| Some(s.endpoint_count.into()),
    ),
    assumed("lb_count", "Load balancers (the real service has hundreds)", |s| Some(s.lb_count.into())),
    assumed("generation_start", "Plan generation at the start", |s| Some(s.generation_start.into())),
    assumed("planner_interval_ms_min", "Planner interval, shortest", |s| Some(s.planner_interval_ms_min)),
    assumed("planner_interval_ms_max", "Planner interval, longest", |s| Some(s.planner_interval_ms_max)),
    assumed("enactor_poll_ms_min", "Enactor notices a new plan within, shortest", |s| {
        Some(s.enactor_poll_ms_min)
    }),
    assumed("enactor_poll_ms_max", "Enactor notices a new plan within, longest", |s| {
        Some(s.enactor_poll_ms_max)
    }),
    assumed("write_ms_min", "Route 53 change batch, shortest", |s| Some(s.write_ms_min)),
    assumed("write_ms_max", "Route 53 change batch, longest", |s| Some(s.write_ms_max)),
    assumed("lock_ttl_ms", "Lock record expiry", |s| Some(s.lock_ttl_ms)),
    assumed("backoff_ms_min", "Back-off after a lost lock, shortest", |s| Some(s.backoff_ms_min)),
    assumed("backoff_ms_max", "Back-off after a lost lock, longest", |s| Some(s.backoff_ms_max)),
    assumed("cleanup_margin_generations", "Clean-up keeps this many older generations", |s| {
        Some(s.cleanup_margin_generations.into())
    }),
    assumed("wide_cleanup_margin_generations", "With wide-cleanup-margin: clean-up keeps", |s| {
        s.has(super::Mitigation::WideCleanupMargin).then_some(s.wide_cleanup_margin_generations.into())
    }),
    assumed("retry_after_failure_ms", "Retry after a rejected write", |s| Some(s.retry_after_failure_ms)),
    Knob {
        name: "diagnosis_ms",
        label: "Empty record to diagnosis",
        source: Source::Published("23:48 empty, 00:38 cause identified"),
        value: |s| Some(s.diagnosis_ms),
    },
    assumed("recheck_ms", "With recheck-before-write: the re-check's read takes", |s| {
        s.has(super::Mitigation::RecheckBeforeWrite).then_some(s.recheck_ms)
    }),
    assumed("plan_expiry_ms", "With plan-expiry: a plan expires after", |s| {
        s.has(super::Mitigation::PlanExpiry).then_some(s.plan_expiry_ms)
    }),
    assumed("alarm_ms", "With stuck-alarm: stuck endpoint to page", |s| {
        s.has(super::Mitigation::StuckAlarm).then_some(s.alarm_ms)
    }),
    Knob {
        name: "repair_ms",
        label: "Diagnosis to repair by hand",
        source: Source::Published("00:38 cause identified, 02:25 DNS restored by hand"),
        value: |s| Some(s.repair_ms),
    },
    assumed("client_resolve_interval_ms", "Client resolves every", |s| Some(s.client_resolve_interval_ms)),
    assumed("duration_ms", "Length of the replay", |s| Some(s.duration_ms)),
    assumed("planner_plans_max", "The Planner stops after this many plans", |s| {
        s.planner_plans_max.map(u64::from)
    }),
    assumed("clock_start_ms", "Clock at the start (PDT)", |s| Some(s.clock_start_ms)),
    assumed("az_failure_at_ms", "Fault: an Availability Zone fails at", |s| s.az_failure_at_ms),
    assumed("az_failure_enactor", "Fault: the failing zone is Enactor (0 = A)'s", |s| {
        s.az_failure_at_ms.map(|_| s.az_failure_enactor.into())
    }),
    assumed("lb_failure_interval_ms", "Fault: one more load balancer fails every", |s| {
        s.lb_failure_interval_ms
    }),
    // The incident's injected fault: AWS reports "unusually high delays" but no numbers.
    assumed("slow_enactor.enactor", "Slow Enactor (0 = A)", |s| {
        s.slow_enactor.as_ref().map(|f| f.enactor.into())
    }),
    assumed("slow_enactor.from_ms", "Slow from", |s| s.slow_enactor.as_ref().map(|f| f.from_ms)),
    assumed("slow_enactor.lock_losses", "Slow Enactor's failed attempts per endpoint", |s| {
        s.slow_enactor.as_ref().map(|f| f.lock_losses.into())
    }),
    assumed("slow_enactor.backoff_ms", "Slow Enactor's back-off", |s| {
        s.slow_enactor.as_ref().map(|f| f.backoff_ms)
    }),
];

/// The source of a knob's default, or `None` for an unknown name.
pub fn source_of(name: &str) -> Option<Source> {
    KNOBS.iter().find(|k| k.name == name).map(|k| k.source)
}
