//! Where each knob's default comes from, so the UI can label what the sources do not give.

/// Where a default value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Given by AWS's post-event summary or its timeline.
    Published(&'static str),
    /// Not published: chosen to make the model behave plausibly. Shown as "assumed".
    Assumed,
}

/// One knob of [`super::Scenario`]: its field name and the source of its default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Knob {
    /// The field name, as in the scenario and the URL.
    pub name: &'static str,
    /// Where its default comes from.
    pub source: Source,
}

const fn assumed(name: &'static str) -> Knob {
    Knob { name, source: Source::Assumed }
}

/// Every knob, in the order the UI lists them; a fault's fields are `fault.field`.
pub const KNOBS: &[Knob] = &[
    Knob { name: "enactor_count", source: Source::Published("three Enactors, one per AZ") },
    Knob {
        name: "endpoint_count",
        source: Source::Published("regional, IPv6/dual-stack and FIPS endpoints share one regional plan"),
    },
    assumed("lb_count"),
    assumed("generation_start"),
    assumed("planner_interval_ms_min"),
    assumed("planner_interval_ms_max"),
    assumed("enactor_poll_ms_min"),
    assumed("enactor_poll_ms_max"),
    assumed("write_ms_min"),
    assumed("write_ms_max"),
    assumed("lock_ttl_ms"),
    assumed("backoff_ms_min"),
    assumed("backoff_ms_max"),
    assumed("cleanup_margin_generations"),
    assumed("retry_after_failure_ms"),
    Knob { name: "diagnosis_ms", source: Source::Published("23:48 empty, 00:38 cause identified") },
    Knob {
        name: "repair_ms",
        source: Source::Published("00:38 cause identified, 02:25 DNS restored by hand"),
    },
    assumed("client_resolve_interval_ms"),
    assumed("duration_ms"),
    assumed("clock_start_ms"),
    // The incident's injected fault: AWS reports "unusually high delays" but no numbers.
    assumed("slow_enactor.enactor"),
    assumed("slow_enactor.from_ms"),
    assumed("slow_enactor.lock_losses"),
    assumed("slow_enactor.backoff_ms"),
];

/// The source of a knob's default, or `None` for an unknown name.
pub fn source_of(name: &str) -> Option<Source> {
    KNOBS.iter().find(|k| k.name == name).map(|k| k.source)
}
