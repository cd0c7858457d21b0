//! After the record comes back: the fourteen and a half hours the DNS race set off.
//!
//! The race emptied the regional record for under three hours; the outage lasted until
//! 14:20. This module plays the rest of the story second by second, on the DNS race's own
//! trace ([`DnsTimeline::of`]): clients resolve the endpoint through caching resolvers and
//! retry by a [`RetryPolicy`]; DynamoDB has a fixed capacity; DWFM re-establishes EC2 host
//! leases through a queue that collapses; launches wait for the Network Manager, and NLB
//! health checks fail on new nodes whose network state has not arrived, so failover removes
//! healthy capacity. Operator actions and AWS's fixes are [`Response`] switches.
//!
//! Pure and deterministic: the same trace, settings and seed give the same run everywhere.

mod clients;
mod dns;
mod dwfm;
mod nlb;
mod policy;
mod response;
mod settings;

pub use clients::ClientSecond;
pub use dns::{refresh, DnsTimeline, Refreshed, Upstream};
pub use policy::{DwfmRetry, RetryPolicy};
pub use response::Response;
pub use settings::{CascadeSettings, ASSUMED};

use crate::scenario::InvalidScenario;
use crate::sim::{format_pdt, Trace};
use serde::{Deserialize, Deserializer, Serialize};

/// The cascade ends at 14:30 PDT on 20 October, ten minutes after AWS's event closed; in
/// milliseconds after midnight PDT on 19 October, as `Scenario::clock_start_ms`.
pub const END_CLOCK_MS: u64 = (24 * 60 + 14 * 60 + 30) * 60_000;

/// One sample per minute: what the charts draw.
pub const SAMPLE_MS: u64 = 60_000;

/// One minute of the cascade, averaged over its seconds (counts at its end).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Start of the minute, milliseconds since the trace's start.
    pub t_ms: u64,
    /// Writes per second reaching DynamoDB: first tries, retries and re-fed writes.
    pub offered_per_s: f64,
    /// DynamoDB's capacity, writes per second.
    pub capacity_per_s: f64,
    /// The highest offered load in the minute, writes per second: the busiest burst window
    /// (`service_burst_window_ms`) as a rate.
    pub peak_per_s: f64,
    /// Attempts that succeeded, percent of all attempts (100 when there were none).
    pub success_pct: f64,
    /// Retries per second (those that failed on the empty answer included).
    pub retries_per_s: f64,
    /// Clients whose resolver holds the empty answer, percent.
    pub clients_empty_pct: f64,
    /// Queued work waiting in the clients' backlogs.
    pub backlog_writes: f64,
    /// Writes held in fallback stores.
    pub fallback_held: f64,
    /// Writes put in a fallback store so far.
    pub stored_total: f64,
    /// Stored writes re-fed to the service so far.
    pub refed_total: f64,
    /// Writes lost so far.
    pub lost_total: f64,
    /// Attempts in DWFM's queue.
    pub dwfm_queue: f64,
    /// Leases DWFM established per second.
    pub dwfm_goodput_per_s: f64,
    /// Attempts DWFM worked on per second whose host had given up.
    pub dwfm_wasted_per_s: f64,
    /// EC2 hosts without a lease.
    pub hosts_without_lease: f64,
    /// Launched instances waiting for the Network Manager.
    pub network_backlog: f64,
    /// NLB capacity in service, percent of all nodes (the lowest second of the minute).
    pub nlb_capacity_pct: f64,
    /// Traffic the NLB carries, percent of all nodes' capacity.
    pub nlb_demand_pct: f64,
    /// NLB health checks that failed on healthy nodes, in the minute.
    pub false_health_failures: u32,
}

/// The phases a run can go through: id, title (for the chart's band) and AWS's times (PDT,
/// as printed in INCIDENT.md). One table, so that a phase read back from a worker's message
/// gets the same texts as one the run made.
const PHASES: [(&str, &str, &str); 5] = [
    ("dns-empty", "DNS record empty", "23:48–02:25"),
    ("clients", "Clients recover as cached empty answers expire", "02:25–02:40"),
    ("dwfm", "DWFM congestive collapse", "02:25–05:28"),
    ("network", "Network Manager backlog: new instances without connectivity", "05:28–10:36"),
    ("nlb", "NLB health checks flap", "05:30–09:36"),
];

/// A phase of the timeline: when the simulation had it, and when AWS's summary did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// Stable identifier: `dns-empty`, `clients`, `dwfm`, `network`, `nlb`.
    pub id: &'static str,
    /// What happened, for the chart's band.
    pub title: &'static str,
    /// Start, milliseconds since the trace's start.
    pub from_ms: u64,
    /// End (`None`: not over when the run ended).
    pub to_ms: Option<u64>,
    /// The same phase in AWS's timeline, PDT, as printed in INCIDENT.md ("02:25–05:28").
    pub aws: &'static str,
}

impl Phase {
    /// The phase `id` of [`PHASES`] from `from_ms` to `to_ms` (`None` for an unknown id).
    fn new(id: &str, from_ms: u64, to_ms: Option<u64>) -> Option<Phase> {
        let &(id, title, aws) = PHASES.iter().find(|(known, _, _)| *known == id)?;
        Some(Phase { id, title, from_ms, to_ms, aws })
    }
}

impl Phase {
    /// A phase the run names: its id is one of [`PHASES`]'s by construction.
    fn known(id: &str, from_ms: u64, to_ms: Option<u64>) -> Phase {
        Phase::new(id, from_ms, to_ms).expect("the run names only phases of PHASES")
    }
}

/// A phase reads back by its id and times; its texts come from [`PHASES`].
impl<'de> Deserialize<'de> for Phase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phase, D::Error> {
        // The fields as serialised, in order (binary formats read them by position); the
        // texts read are dropped for the table's.
        #[derive(Deserialize)]
        struct Wire {
            id: String,
            #[serde(rename = "title")]
            _title: String,
            from_ms: u64,
            to_ms: Option<u64>,
            #[serde(rename = "aws")]
            _aws: String,
        }
        let wire = Wire::deserialize(deserializer)?;
        Phase::new(&wire.id, wire.from_ms, wire.to_ms)
            .ok_or_else(|| serde::de::Error::custom(format!("no phase called '{}'", wire.id)))
    }
}

/// The figures a learner compares between runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// When the regional record first answered empty (ms since the trace's start).
    pub emptied_at_ms: Option<u64>,
    /// When every layer was back to normal for good: clients' writes succeed, every host
    /// has its lease, the network backlog is worked through, NLB capacity covers demand
    /// (`None`: never emptied, or not recovered by the end).
    pub recovered_at_ms: Option<u64>,
    /// `recovered_at_ms − emptied_at_ms`.
    pub time_to_recovery_ms: Option<u64>,
    /// When the clients' writes succeeded again and their backlogs were empty.
    pub clients_recovered_at_ms: Option<u64>,
    /// When every host had its lease again.
    pub leases_back_at_ms: Option<u64>,
    /// When NLB capacity covered demand for good (`None` also when it never fell below
    /// demand: see `nlb_capacity_min_pct`).
    pub nlb_recovered_at_ms: Option<u64>,
    /// When the first health check failed on a healthy node.
    pub first_false_health_failure_ms: Option<u64>,
    /// The highest offered load after the record came back, over capacity: the busiest burst
    /// window (`service_burst_window_ms`) as a rate per second.
    pub peak_load_over_capacity: f64,
    /// Attempts that failed, over the whole run.
    pub requests_failed: u64,
    /// Writes put in a fallback store.
    pub writes_stored: u64,
    /// Stored writes re-fed to the service.
    pub writes_refed: u64,
    /// Writes lost.
    pub writes_lost: u64,
    /// Lowest NLB capacity in service, percent.
    pub nlb_capacity_min_pct: f64,
    /// How long, in all, NLB capacity in service was below demand.
    pub nlb_short_ms: u64,
    /// Resolver refreshes answered from an expired cache (`serve-stale`, RFC 8767): only
    /// when Route 53 cannot be reached, so none after an authoritative empty answer.
    pub stale_answers: u64,
}

impl Figures {
    /// Whether NLB capacity in service ever fell below `demand_pct`.
    pub fn nlb_fell_short(&self) -> bool {
        self.nlb_short_ms > 0
    }
}

/// A whole cascade run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cascade {
    /// The settings it ran.
    pub settings: CascadeSettings,
    /// PDT clock time of t = 0 (ms after midnight, 19 Oct): the trace's.
    pub clock_start_ms: u64,
    /// Length of the run, ms.
    pub duration_ms: u64,
    /// One sample per minute.
    pub samples: Vec<Sample>,
    /// The phases, in order.
    pub phases: Vec<Phase>,
    /// The outcome figures.
    pub figures: Figures,
    /// When the operators' DWFM actions happened (if switched on and reached).
    pub dwfm_actions_at_ms: Option<u64>,
    /// When the operators disabled failover (if switched on and reached).
    pub failover_disabled_at_ms: Option<u64>,
}

/// What the cascade takes of a race's trace: a few numbers, so that the page can hand it to
/// a worker instead of the whole trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeInput {
    /// When the regional record answered empty.
    pub dns: DnsTimeline,
    /// PDT clock time of the trace's start (ms after midnight, 19 Oct).
    pub clock_start_ms: u64,
    /// The trace's seed, which seeds the cascade too.
    pub seed: u64,
}

impl CascadeInput {
    /// What the cascade after `trace`'s race needs of it.
    pub fn of(trace: &Trace) -> CascadeInput {
        CascadeInput {
            dns: DnsTimeline::of(trace),
            clock_start_ms: trace.scenario.clock_start_ms,
            seed: trace.scenario.seed,
        }
    }
}

/// Plays the cascade after `trace`'s race with `settings`, seeded by the trace's seed.
pub fn run(trace: &Trace, settings: &CascadeSettings) -> Result<Cascade, InvalidScenario> {
    run_after(&CascadeInput::of(trace), settings)
}

/// Plays the cascade after the race `input` was taken from, with `settings`.
pub fn run_after(input: &CascadeInput, settings: &CascadeSettings) -> Result<Cascade, InvalidScenario> {
    settings.validate()?;
    let dns = &input.dns;
    let clock_start_ms = input.clock_start_ms;
    let duration_s = END_CLOCK_MS.saturating_sub(clock_start_ms) / 1000;
    let seed = input.seed;
    let mut clients = clients::Clients::new(settings, seed);
    let mut dwfm = dwfm::Dwfm::new(settings);
    let mut nlb = nlb::Nlb::new(settings, seed);
    let hosts = f64::from(settings.dwfm_hosts);
    let capacity = clients.capacity;
    let restored_s = dns.restored_ms().map(|t| t.div_ceil(1000));
    let dwfm_actions_s = restored_s.map(|r| r + settings.operator_dwfm_after_ms / 1000);
    let throttling = settings.has(Response::ThrottleDwfm);
    let restarting = settings.has(Response::RestartDwfm);
    let mut failover_disabled_s: Option<u64> = None;
    let mut figures =
        Figures { emptied_at_ms: dns.first_empty_ms(), nlb_capacity_min_pct: 100.0, ..Figures::default() };
    let mut totals = ClientSecond::default();
    let (mut failed_total, mut peak) = (0.0f64, 0.0f64);
    // The last second each layer was not normal.
    let (mut clients_bad, mut hosts_bad, mut network_bad, mut nlb_bad) = (None, None, None, None);
    let mut last_false_failure_s = None;
    let mut samples = Vec::with_capacity((duration_s / 60 + 1) as usize);
    let mut minute = Sample::default();
    let (mut attempts_minute, mut succeeded_minute) = (0.0, 0.0);
    for s in 0..duration_s {
        let c = clients.second(s, dns);
        let reachable = !clients.first_resolver_empty();
        let acting = dwfm_actions_s.is_some_and(|at| s >= at);
        if restarting && dwfm_actions_s == Some(s) {
            dwfm.restart();
        }
        let d = dwfm.second(s, reachable, throttling && acting);
        let leased_share = if reachable && hosts > 0.0 {
            1.0 - d.hosts_without_lease / hosts
        } else if hosts > 0.0 {
            0.0
        } else {
            1.0
        };
        if settings.has(Response::DisableFailover) && failover_disabled_s.is_none() {
            if let Some(first) = figures.first_false_health_failure_ms {
                if s * 1000 >= first + settings.operator_nlb_after_ms {
                    failover_disabled_s = Some(s);
                }
            }
        }
        let n = nlb.second(s, leased_share, failover_disabled_s.is_none());
        if n.false_failures > 0 {
            figures.first_false_health_failure_ms.get_or_insert(s * 1000);
            last_false_failure_s = Some(s);
        }
        // Totals and the figures.
        totals.stored += c.stored;
        totals.refed += c.refed;
        totals.lost += c.lost;
        figures.stale_answers += c.stale_answers;
        failed_total += c.failed;
        if restored_s.is_some_and(|r| s >= r) {
            peak = peak.max(c.peak / capacity);
        }
        let attempts = c.succeeded + c.failed;
        if (attempts > 0.0 && c.succeeded < 0.99 * attempts) || c.backlog > 0.5 || c.clients_empty > 0.0 {
            clients_bad = Some(s);
        }
        if d.hosts_without_lease > 0.5 {
            hosts_bad = Some(s);
        }
        if n.network_backlog > 0.5 || n.launches_waiting > f64::from(settings.ec2_launches_per_s) + 0.5 {
            network_bad = Some(s);
        }
        if n.capacity_pct < f64::from(settings.nlb_demand_pct) {
            nlb_bad = Some(s);
            figures.nlb_short_ms += 1000;
        }
        figures.nlb_capacity_min_pct = figures.nlb_capacity_min_pct.min(n.capacity_pct);
        // The minute's sample.
        let first_of_minute = s % 60 == 0;
        if first_of_minute {
            minute = Sample { t_ms: s * 1000, nlb_capacity_pct: 100.0, ..Sample::default() };
            attempts_minute = 0.0;
            succeeded_minute = 0.0;
        }
        minute.offered_per_s += c.offered;
        minute.peak_per_s = minute.peak_per_s.max(c.peak);
        minute.retries_per_s += c.retries;
        minute.clients_empty_pct += 100.0 * c.clients_empty / f64::from(settings.clients);
        minute.dwfm_goodput_per_s += d.goodput;
        minute.dwfm_wasted_per_s += d.wasted;
        minute.nlb_capacity_pct = minute.nlb_capacity_pct.min(n.capacity_pct);
        minute.false_health_failures += n.false_failures;
        attempts_minute += attempts;
        succeeded_minute += c.succeeded;
        let last_of_minute = s % 60 == 59 || s + 1 == duration_s;
        if last_of_minute {
            let secs = (s % 60 + 1) as f64;
            minute.offered_per_s /= secs;
            minute.retries_per_s /= secs;
            minute.clients_empty_pct /= secs;
            minute.dwfm_goodput_per_s /= secs;
            minute.dwfm_wasted_per_s /= secs;
            minute.capacity_per_s = capacity;
            minute.success_pct =
                if attempts_minute > 0.0 { 100.0 * succeeded_minute / attempts_minute } else { 100.0 };
            minute.backlog_writes = c.backlog;
            minute.fallback_held = c.held;
            minute.stored_total = totals.stored;
            minute.refed_total = totals.refed;
            minute.lost_total = totals.lost;
            minute.dwfm_queue = d.queue;
            minute.hosts_without_lease = d.hosts_without_lease;
            minute.network_backlog = n.network_backlog;
            minute.nlb_demand_pct = f64::from(settings.nlb_demand_pct);
            samples.push(minute);
        }
    }
    let end_ms = duration_s * 1000;
    // A layer recovered the second after it was last not normal, if that was before the end.
    let after = |bad: Option<u64>| -> Option<u64> {
        match bad {
            None => Some(0),
            Some(b) if b + 1 < duration_s => Some((b + 1) * 1000),
            Some(_) => None,
        }
    };
    if figures.emptied_at_ms.is_some() {
        figures.clients_recovered_at_ms = after(clients_bad);
        figures.leases_back_at_ms = after(hosts_bad);
        // A capacity that never fell below demand did not "recover": no time to give.
        figures.nlb_recovered_at_ms = nlb_bad.and_then(|b| after(Some(b)));
        let network = after(network_bad);
        let layers = [figures.clients_recovered_at_ms, figures.leases_back_at_ms, after(nlb_bad), network];
        figures.recovered_at_ms = layers.iter().try_fold(0u64, |m, l| l.map(|l| m.max(l)));
        figures.time_to_recovery_ms =
            figures.recovered_at_ms.zip(figures.emptied_at_ms).map(|(r, e)| r.saturating_sub(e));
    }
    figures.peak_load_over_capacity = peak;
    figures.requests_failed = failed_total.round() as u64;
    figures.writes_stored = totals.stored.round() as u64;
    figures.writes_refed = totals.refed.round() as u64;
    figures.writes_lost = totals.lost.round() as u64;
    // Flapping ends with the last false failure, or when failover stops acting on them.
    let flapping_ends = [last_false_failure_s.map(|s| (s + 1) * 1000), failover_disabled_s.map(|s| s * 1000)]
        .into_iter()
        .flatten()
        .min();
    let phases = phases(dns, &figures, after(network_bad), flapping_ends);
    Ok(Cascade {
        settings: settings.clone(),
        clock_start_ms,
        duration_ms: end_ms,
        samples,
        phases,
        figures,
        dwfm_actions_at_ms: dwfm_actions_s
            .filter(|&s| s < duration_s && (throttling || restarting))
            .map(|s| s * 1000),
        failover_disabled_at_ms: failover_disabled_s.map(|s| s * 1000),
    })
}

/// The phases the run went through, each with AWS's times beside it.
fn phases(
    dns: &DnsTimeline,
    f: &Figures,
    network_done_ms: Option<u64>,
    flapping_ends_ms: Option<u64>,
) -> Vec<Phase> {
    let mut out = Vec::new();
    let (Some(emptied), restored) = (f.emptied_at_ms, dns.restored_ms()) else {
        return out;
    };
    out.push(Phase::known("dns-empty", emptied, restored));
    let Some(restored) = restored else {
        return out;
    };
    out.push(Phase::known("clients", restored, f.clients_recovered_at_ms));
    out.push(Phase::known("dwfm", restored, f.leases_back_at_ms));
    if let Some(leases) = f.leases_back_at_ms {
        if network_done_ms.is_some_and(|d| d > leases) || network_done_ms.is_none() {
            out.push(Phase::known("network", leases, network_done_ms));
        }
    }
    if let Some(first) = f.first_false_health_failure_ms {
        out.push(Phase::known("nlb", first, flapping_ends_ms));
    }
    out
}

impl Cascade {
    /// The sample of the minute holding `t_ms` (the last one past the end).
    pub fn sample_at(&self, t_ms: u64) -> Option<&Sample> {
        let i = (t_ms / SAMPLE_MS) as usize;
        self.samples.get(i.min(self.samples.len().saturating_sub(1)))
    }

    /// The PDT clock time `t_ms` after the start, as "02:25:05 (20 Oct)".
    pub fn clock(&self, t_ms: u64) -> String {
        format_pdt(self.clock_start_ms + t_ms)
    }

    /// The run as one JSON document: settings, figures, phases and every sample.
    pub fn to_json(&self) -> serde_json::Value {
        let clock = |t: Option<u64>| t.map(|t| self.clock(t));
        serde_json::json!({
            "settings": self.settings,
            "clock_start_ms": self.clock_start_ms,
            "duration_ms": self.duration_ms,
            "figures": self.figures,
            "clock": {
                "emptied": clock(self.figures.emptied_at_ms),
                "recovered": clock(self.figures.recovered_at_ms),
                "clients_recovered": clock(self.figures.clients_recovered_at_ms),
                "leases_back": clock(self.figures.leases_back_at_ms),
                "nlb_recovered": clock(self.figures.nlb_recovered_at_ms),
                "first_false_health_failure": clock(self.figures.first_false_health_failure_ms),
                "dwfm_actions": clock(self.dwfm_actions_at_ms),
                "failover_disabled": clock(self.failover_disabled_at_ms),
            },
            "phases": self.phases,
            "sample_ms": SAMPLE_MS,
            "samples": self.samples,
        })
    }
}
