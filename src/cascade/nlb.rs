//! The NLB phase: EC2 launches wait for leases, the Network Manager works through their
//! network configuration, and NLB health checks fail on new nodes whose network state has
//! not arrived; automatic failover then takes healthy capacity out of service.
//!
//! Two layers of failover, as in AWS's summary: a node whose check fails is removed from DNS
//! and put back after passing checks ("flapping"), and when an Availability Zone's checks
//! keep failing, automatic AZ DNS failover takes the whole zone's nodes out of service,
//! healthy ones included. Nothing in the model ends that on its own while new nodes still
//! wait for their network state: only the end of the Network Manager's backlog, or
//! operators disabling automatic failover (09:36 in 2025), does.

use super::response::Response;
use super::settings::CascadeSettings;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// What the launch path and the NLB did in one second.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NlbSecond {
    /// Launches customers asked for that have not happened yet.
    pub launches_waiting: f64,
    /// Launched instances waiting for their network configuration.
    pub network_backlog: f64,
    /// NLB capacity in service, percent of all nodes.
    pub capacity_pct: f64,
    /// Nodes waiting for their network state (their checks may fail).
    pub nodes_waiting: u32,
    /// Health checks that failed this second on nodes that were in fact healthy.
    pub false_failures: u32,
    /// Availability Zones that automatic AZ failover has taken out of service.
    pub zones_out: u32,
}

/// One NLB node.
#[derive(Clone, Copy, Debug)]
struct Node {
    in_service: bool,
    /// Consecutive passing checks since it was removed.
    passes: u32,
    /// For a new node: how many network configurations, counted from the moment the leases
    /// came back, the Network Manager must finish before this node's state arrives.
    waits_for: Option<f64>,
}

/// One Availability Zone's failover state.
#[derive(Clone, Copy, Debug, Default)]
struct Zone {
    /// Taken out of service by AZ failover.
    out: bool,
    /// Consecutive check intervals with few enough failures since it was taken out.
    passes: u32,
}

/// The launch path and the NLB.
pub struct Nlb {
    launch_rate: f64,
    launches_waiting: f64,
    backlog: f64,
    configured_since_launch: f64,
    configs_per_s: f64,
    nodes: Vec<Node>,
    zones: Vec<Zone>,
    new_nodes: usize,
    launched_nodes: bool,
    check_every_s: u64,
    fail: f64,
    healthy_checks: u32,
    zone_failures: u32,
    velocity_max: Option<u32>,
    no_failover: bool,
    rng: Pcg64Mcg,
}

impl Nlb {
    /// Every node in service, nothing waiting.
    pub fn new(settings: &CascadeSettings, seed: u64) -> Nlb {
        let nodes = settings.nlb_nodes as usize;
        Nlb {
            launch_rate: f64::from(settings.ec2_launches_per_s),
            launches_waiting: 0.0,
            backlog: 0.0,
            configured_since_launch: 0.0,
            configs_per_s: f64::from(settings.network_configs_per_s),
            nodes: vec![Node { in_service: true, passes: 0, waits_for: None }; nodes],
            zones: vec![Zone::default(); settings.nlb_zones.max(1) as usize],
            new_nodes: nodes * settings.nlb_new_nodes_pct as usize / 100,
            launched_nodes: false,
            check_every_s: (settings.nlb_check_interval_ms / 1000).max(1),
            fail: f64::from(settings.nlb_check_fail_pct) / 100.0,
            healthy_checks: settings.nlb_healthy_checks.max(1),
            zone_failures: settings.nlb_zone_failover_failures.max(1),
            velocity_max: settings.has(Response::VelocityControl).then_some(settings.nlb_velocity_nodes_max),
            no_failover: settings.has(Response::NoFailover),
            rng: Pcg64Mcg::seed_from_u64(seed ^ 0x0_41B),
        }
    }

    /// The zone node `i` is in: nodes are dealt round the zones.
    fn zone_of(&self, i: usize) -> usize {
        i % self.zones.len()
    }

    /// Whether node `i` takes traffic: in service itself, and its zone not failed over.
    fn serving(&self, i: usize) -> bool {
        self.nodes[i].in_service && !self.zones[self.zone_of(i)].out
    }

    /// Nodes not taking traffic.
    fn out_of_service(&self) -> u32 {
        (0..self.nodes.len()).filter(|&i| !self.serving(i)).count() as u32
    }

    /// One second. `leased_share`: the share of EC2 hosts with a lease (launches need one);
    /// `failover`: whether automatic health-check failover is enabled at this moment.
    pub fn second(&mut self, s: u64, leased_share: f64, failover: bool) -> NlbSecond {
        let mut out = NlbSecond::default();
        // Launches: what customers ask for, plus what waited, as far as leased hosts allow
        // (a leased fleet launches far faster than customers ask).
        self.launches_waiting += self.launch_rate;
        let leased = leased_share >= 1.0 - 1e-9;
        let launched = if leased {
            self.launches_waiting
        } else {
            self.launches_waiting.min(self.launch_rate * leased_share)
        };
        self.launches_waiting -= launched;
        // New NLB nodes are among the instances launched while the backlog lasts: the ones
        // that waited for the leases and the ones launched after them, which queue behind
        // them. With launches still arriving, the Network Manager finishes
        // `ahead × configs / (configs − launches)` configurations before the backlog is gone;
        // each new node's place is drawn evenly over that whole stretch.
        if !self.launched_nodes && leased && self.backlog + launched > self.configs_per_s {
            self.launched_nodes = true;
            let ahead = self.backlog + launched;
            let drains = if self.configs_per_s > self.launch_rate {
                ahead * self.configs_per_s / (self.configs_per_s - self.launch_rate)
            } else {
                ahead
            };
            self.configured_since_launch = 0.0;
            for node in self.nodes.iter_mut().take(self.new_nodes) {
                node.waits_for = Some(self.rng.random::<f64>() * drains);
            }
        }
        self.backlog += launched;
        let configured = self.backlog.min(self.configs_per_s);
        self.backlog -= configured;
        self.configured_since_launch += configured;
        let done = self.configured_since_launch;
        for node in &mut self.nodes {
            if node.waits_for.is_some_and(|w| w <= done) {
                node.waits_for = None;
            }
        }
        // Health checks, every node at once each interval.
        if s.is_multiple_of(self.check_every_s) {
            self.check(failover && !self.no_failover, &mut out);
        }
        let in_service = self.nodes.len() as u32 - self.out_of_service();
        out.capacity_pct = 100.0 * f64::from(in_service) / self.nodes.len().max(1) as f64;
        out.nodes_waiting = self.nodes.iter().filter(|n| n.waits_for.is_some()).count() as u32;
        out.zones_out = self.zones.iter().filter(|z| z.out).count() as u32;
        out.launches_waiting = self.launches_waiting;
        out.network_backlog = self.backlog;
        out
    }

    /// One round of health checks; `failover`: whether failed checks may remove capacity.
    fn check(&mut self, failover: bool, out: &mut NlbSecond) {
        let mut failures = vec![0u32; self.zones.len()];
        let mut removed = self.out_of_service();
        for i in 0..self.nodes.len() {
            let zone = self.zone_of(i);
            let failed = self.nodes[i].waits_for.is_some() && self.rng.random_bool(self.fail);
            if failed {
                out.false_failures += 1;
                failures[zone] += 1;
            }
            let may_remove = failover && self.velocity_max.is_none_or(|max| removed < max);
            let node = &mut self.nodes[i];
            if !failover {
                node.in_service = true;
                node.passes = 0;
            } else if failed {
                node.passes = 0;
                if node.in_service && may_remove {
                    node.in_service = false;
                    removed += 1;
                }
            } else if !node.in_service {
                node.passes += 1;
                node.in_service = node.passes >= self.healthy_checks;
            }
        }
        // AZ failover: a zone whose checks failed `zone_failures` times in this round is
        // taken out, unless another zone already is (failover moves traffic to the healthy
        // zones; it never empties the load balancer) or the velocity control forbids
        // removing that much. It comes back after `healthy_checks` quieter rounds.
        let zones_out = self.zones.iter().filter(|z| z.out).count();
        for (z, &failed) in self.zones.iter_mut().zip(&failures) {
            let failing = failed >= self.zone_failures;
            if !failover {
                *z = Zone::default();
            } else if failing {
                z.passes = 0;
            } else if z.out {
                z.passes += 1;
                z.out = z.passes < self.healthy_checks;
            }
        }
        if failover && zones_out == 0 && self.zones.len() > 1 {
            let worst = (0..self.zones.len()).max_by_key(|&z| (failures[z], std::cmp::Reverse(z)));
            if let Some(zone) = worst.filter(|&z| failures[z] >= self.zone_failures) {
                let serving =
                    (0..self.nodes.len()).filter(|&i| self.zone_of(i) == zone && self.serving(i)).count();
                let allowed = self.velocity_max.is_none_or(|max| removed + serving as u32 <= max);
                if allowed {
                    self.zones[zone] = Zone { out: true, passes: 0 };
                }
            }
        }
    }
}
