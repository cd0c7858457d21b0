//! What operators did during the recovery, what AWS changed afterwards, and a few things a
//! learner may try: switches flipped to see how long the recovery takes with and without each.

use serde::{Deserialize, Serialize};

/// One switch of the recovery: an operator action, a fix, or an idea to try. Names are
/// kebab-case everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Response {
    /// Operators throttle the work admitted to DWFM's queue to `dwfm_throttle_per_s`, from
    /// `operator_dwfm_after_ms` after the DNS repair (04:14 PDT in 2025). On in the incident.
    ThrottleDwfm,
    /// Operators restart DWFM hosts at the same moment, which drops every queued (and by
    /// then timed-out) attempt: the hosts ask again. On in the incident.
    RestartDwfm,
    /// Operators disable automatic health-check failover `operator_nlb_after_ms` after the
    /// first false health-check failure (09:36 PDT in 2025). On in the incident.
    DisableFailover,
    /// AWS's fix: DWFM admits new work only while its queue holds fewer than
    /// `dwfm_queue_limit_attempts`, so queued work never waits past its timeout.
    QueueSizeLimit,
    /// AWS's fix: a velocity control on health-check failover: at each check interval it may
    /// remove nodes only while fewer than `nlb_velocity_nodes_max` are out of service.
    VelocityControl,
    /// Automatic failover is off for the whole run: a failed health check never removes a
    /// node. Costs the protection failover gives against nodes that really are broken.
    NoFailover,
    /// Client side: the resolvers serve stale data as RFC 8767 defines it: when a cached
    /// answer has expired and the authoritative servers *cannot be reached*, they answer
    /// from the expired cache instead of failing. Route 53 was reachable in 2025 and
    /// answered NOERROR with zero addresses, an authoritative answer, so serve-stale never
    /// applies: the switch changes nothing, and the page says why.
    ServeStale,
}

impl Response {
    /// Every switch, in the order they are listed.
    pub const ALL: [Response; 7] = [
        Response::ThrottleDwfm,
        Response::RestartDwfm,
        Response::DisableFailover,
        Response::QueueSizeLimit,
        Response::VelocityControl,
        Response::NoFailover,
        Response::ServeStale,
    ];

    /// What the operators did in 2025 (the switches on in the incident).
    pub const INCIDENT: [Response; 3] =
        [Response::ThrottleDwfm, Response::RestartDwfm, Response::DisableFailover];

    /// The kebab-case name used in the URL, on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Response::ThrottleDwfm => "throttle-dwfm",
            Response::RestartDwfm => "restart-dwfm",
            Response::DisableFailover => "disable-failover",
            Response::QueueSizeLimit => "queue-size-limit",
            Response::VelocityControl => "velocity-control",
            Response::NoFailover => "no-failover",
            Response::ServeStale => "serve-stale",
        }
    }

    /// A short label for switches.
    pub fn label(self) -> &'static str {
        match self {
            Response::ThrottleDwfm => "Operators throttle DWFM",
            Response::RestartDwfm => "Operators restart DWFM hosts",
            Response::DisableFailover => "Operators disable NLB failover",
            Response::QueueSizeLimit => "Rate-limit by queue size (AWS fix)",
            Response::VelocityControl => "Failover velocity control (AWS fix)",
            Response::NoFailover => "No automatic failover at all",
            Response::ServeStale => "Resolvers serve stale answers (RFC 8767)",
        }
    }

    /// One line for `--help` and the UI.
    pub fn about(self) -> &'static str {
        match self {
            Response::ThrottleDwfm => "04:14 in 2025: cap the work admitted to DWFM's queue",
            Response::RestartDwfm => "04:14 in 2025: restart DWFM hosts, dropping the timed-out queue",
            Response::DisableFailover => "09:36 in 2025: stop health checks from removing capacity",
            Response::QueueSizeLimit => "after 2025: admit DWFM work only while the queue is short",
            Response::VelocityControl => {
                "after 2025: failover removes nodes only while few are out of service"
            }
            Response::NoFailover => "health-check failover never removes a node",
            Response::ServeStale => {
                "an expired answer is served only when Route 53 cannot be reached, not when it answers empty"
            }
        }
    }

    /// Whether this is something AWS changed after the incident (not an operator action).
    pub fn is_fix(self) -> bool {
        matches!(self, Response::QueueSizeLimit | Response::VelocityControl)
    }

    /// Whether this is a switch of the clients' side (their resolvers), not of AWS's.
    pub fn is_client(self) -> bool {
        self == Response::ServeStale
    }

    /// The switch called `name`, or an error that lists the names.
    pub fn parse(name: &str) -> Result<Response, String> {
        Response::ALL.into_iter().find(|r| r.name() == name).ok_or_else(|| {
            let names: Vec<&str> = Response::ALL.iter().map(|r| r.name()).collect();
            format!("unknown response {name:?}; choose one of: {}", names.join(", "))
        })
    }

    /// A comma-separated list of names ("" is none), sorted and without repeats.
    pub fn parse_list(list: &str) -> Result<Vec<Response>, String> {
        let mut out =
            list.split(',').filter(|n| !n.is_empty()).map(Response::parse).collect::<Result<Vec<_>, _>>()?;
        out.sort();
        out.dedup();
        Ok(out)
    }
}
