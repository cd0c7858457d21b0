//! The NLB phase: EC2 launches wait for leases, the Network Manager works through their
//! network configuration, and NLB health checks fail on new nodes whose network state has
//! not arrived; automatic failover then takes healthy capacity out of service.

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
}

/// One NLB node.
#[derive(Clone, Copy, Debug)]
struct Node {
    in_service: bool,
    /// Consecutive passing checks since it was removed.
    passes: u32,
    /// For a new node: how much of the Network Manager's backlog (when the node was
    /// launched) must be worked through before its network state arrives.
    waits_for: Option<f64>,
}

/// The launch path and the NLB.
pub struct Nlb {
    launch_rate: f64,
    launches_waiting: f64,
    backlog: f64,
    configured_since_launch: f64,
    configs_per_s: f64,
    nodes: Vec<Node>,
    new_nodes: usize,
    launched_nodes: bool,
    check_every_s: u64,
    fail: f64,
    healthy_checks: u32,
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
            new_nodes: nodes * settings.nlb_new_nodes_pct as usize / 100,
            launched_nodes: false,
            check_every_s: (settings.nlb_check_interval_ms / 1000).max(1),
            fail: f64::from(settings.nlb_check_fail_pct) / 100.0,
            healthy_checks: settings.nlb_healthy_checks.max(1),
            velocity_max: settings.has(Response::VelocityControl).then_some(settings.nlb_velocity_nodes_max),
            no_failover: settings.has(Response::NoFailover),
            rng: Pcg64Mcg::seed_from_u64(seed ^ 0x0_41B),
        }
    }

    /// One second. `leased_share`: the share of EC2 hosts with a lease (launches need one);
    /// `failover`: whether automatic health-check failover is enabled at this moment.
    pub fn second(&mut self, s: u64, leased_share: f64, failover: bool) -> NlbSecond {
        let mut out = NlbSecond::default();
        // Launches: what customers ask for, plus what waited, as far as leased hosts allow
        // (a leased fleet launches far faster than customers ask).
        self.launches_waiting += self.launch_rate;
        let launched = if leased_share >= 1.0 - 1e-9 {
            self.launches_waiting
        } else {
            self.launches_waiting.min(self.launch_rate * leased_share)
        };
        self.launches_waiting -= launched;
        // New NLB nodes come up with the launches that waited, spread through the backlog.
        if !self.launched_nodes && leased_share >= 1.0 - 1e-9 && self.backlog + launched > self.configs_per_s
        {
            self.launched_nodes = true;
            let ahead = self.backlog + launched;
            self.configured_since_launch = 0.0;
            for node in self.nodes.iter_mut().take(self.new_nodes) {
                node.waits_for = Some(self.rng.random::<f64>() * ahead);
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
            let mut removed = self.nodes.iter().filter(|n| !n.in_service).count() as u32;
            for node in &mut self.nodes {
                let failed = node.waits_for.is_some() && self.rng.random_bool(self.fail);
                if failed {
                    out.false_failures += 1;
                }
                let failover = failover && !self.no_failover;
                let may_remove = failover && self.velocity_max.is_none_or(|max| removed < max);
                if !failover {
                    node.in_service = true;
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
        }
        let in_service = self.nodes.iter().filter(|n| n.in_service).count();
        out.capacity_pct = 100.0 * in_service as f64 / self.nodes.len().max(1) as f64;
        out.nodes_waiting = self.nodes.iter().filter(|n| n.waits_for.is_some()).count() as u32;
        out.launches_waiting = self.launches_waiting;
        out.network_backlog = self.backlog;
        out
    }
}
