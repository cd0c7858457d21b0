//! "What AWS changed": the fixes AWS published, kept apart from the switches this page lets
//! a learner try. A switch that stops the race in the replay is an idea from write-ups of
//! the incident, not AWS's mechanism (AWS does not publish how its protections work); the
//! two modelled after AWS's own words say so, with their assumed limits.
//!
//! Pure: the texts and groupings, tested natively (`tests/fidelity.rs`); the component only
//! draws them.

use crate::cascade::{DwfmRetry, Response, RetryPolicy};
use crate::scenario::Mitigation;

/// One fix AWS published after the incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishedFix {
    /// The layer it fixed: "DNS automation", "Network Load Balancer", "EC2".
    pub layer: &'static str,
    /// What AWS changed, in its summary's terms.
    pub what: &'static str,
    /// How the page relates to it: modelled (with which switch), or not.
    pub on_this_page: &'static str,
    /// The switch that models it, if any (its name in a link).
    pub switch: Option<&'static str>,
}

/// One switch of the page: what it is called, where it is, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageSwitch {
    /// Its name in a link and on the command line.
    pub name: &'static str,
    /// One line: what it does.
    pub about: &'static str,
}

/// A group of the page's switches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwitchGroup {
    /// The group's heading.
    pub title: &'static str,
    /// Where on the page they are.
    pub place: &'static str,
    /// The switches.
    pub switches: Vec<PageSwitch>,
}

/// The whole view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsChangesView {
    /// AWS's published fixes, in the order of its summary.
    pub published: Vec<PublishedFix>,
    /// The page's switches, none of which is AWS's fix for the race.
    pub switches: Vec<SwitchGroup>,
    /// The warning, in plain words, shown with the switches.
    pub warning: &'static str,
}

/// The switch names of AWS's fixes that the cascade models after AWS's description.
pub const MODELLED_FIXES: [Response; 2] = [Response::QueueSizeLimit, Response::VelocityControl];

/// The view: published fixes first, then the switches, grouped by where they act.
pub fn aws_changes() -> AwsChangesView {
    let published = vec![
        PublishedFix {
            layer: "DNS automation",
            what: "Disabled the DNS Planner and Enactor automation worldwide, and re-enabled it region by \
                   region (24–28 October) after fixing the race and adding protections against applying \
                   incorrect plans. The fix was checked against a TLA+ model of the design.",
            on_this_page:
                "Not modelled: AWS does not publish how its protections work. The race mitigations \
                           on this page are ideas from write-ups of the incident, not AWS's fix.",
            switch: None,
        },
        PublishedFix {
            layer: "Network Load Balancer",
            what: "A velocity control that limits how much capacity health-check failover may remove.",
            on_this_page: "Modelled after AWS's description in the cascade; its limit is assumed.",
            switch: Some(Response::VelocityControl.name()),
        },
        PublishedFix {
            layer: "EC2",
            what: "Throttling of DWFM's work by queue size.",
            on_this_page: "Modelled after AWS's description in the cascade; the queue limit is assumed.",
            switch: Some(Response::QueueSizeLimit.name()),
        },
        PublishedFix {
            layer: "EC2",
            what: "A test suite for the DropletWorkflow Manager's recovery workflow.",
            on_this_page: "Not modelled: a test suite changes how the next incident is caught, not this run.",
            switch: None,
        },
    ];
    let race = Mitigation::ALL.iter().map(|m| PageSwitch { name: m.name(), about: m.about() }).collect();
    let operators =
        Response::INCIDENT.iter().map(|r| PageSwitch { name: r.name(), about: r.about() }).collect();
    let further = Response::ALL
        .iter()
        .filter(|r| !Response::INCIDENT.contains(r) && !MODELLED_FIXES.contains(r))
        .map(|r| PageSwitch { name: r.name(), about: r.about() })
        .chain(
            DwfmRetry::ALL
                .iter()
                .filter(|&&d| d != DwfmRetry::default())
                .map(|d| PageSwitch { name: dwfm_name(*d), about: d.about() }),
        )
        .chain(RetryPolicy::ALL.iter().map(|p| PageSwitch { name: policy_name(*p), about: p.about() }))
        .collect();
    AwsChangesView {
        published,
        switches: vec![
            SwitchGroup { title: "Race mitigations", place: "the switches under the replay", switches: race },
            SwitchGroup {
                title: "What operators did in 2025",
                place: "the cascade, on by default",
                switches: operators,
            },
            SwitchGroup {
                title: "Ideas to try after the record comes back",
                place: "the cascade",
                switches: further,
            },
        ],
        warning: "These switches are not AWS's fix for the race: they are ideas from write-ups of the \
                  incident, and each shows a trade-off. Read what a run with it shows, cost included.",
    }
}

/// A DWFM retry choice as the page names it: "dwfm=deadline".
fn dwfm_name(d: DwfmRetry) -> &'static str {
    match d {
        DwfmRetry::Requeue => "dwfm=requeue",
        DwfmRetry::Backoff => "dwfm=backoff",
        DwfmRetry::Deadline => "dwfm=deadline",
    }
}

/// A client retry policy as the page names it: "policy=full-jitter".
fn policy_name(p: RetryPolicy) -> &'static str {
    match p {
        RetryPolicy::None => "policy=none",
        RetryPolicy::Immediate => "policy=immediate",
        RetryPolicy::Backoff => "policy=backoff",
        RetryPolicy::FullJitter => "policy=full-jitter",
        RetryPolicy::RetryBudget => "policy=retry-budget",
        RetryPolicy::CircuitBreaker => "policy=circuit-breaker",
    }
}
