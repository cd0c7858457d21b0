//! Every knob of the cascade: the clients, their caches and retry policy, the service they
//! call, DWFM and the NLB phase. Values AWS has not published are assumptions, listed in
//! [`ASSUMED`] so that the UI can label them.

use super::policy::{DwfmRetry, RetryPolicy};
use super::response::Response;
use crate::scenario::{check_range, InvalidScenario};
use serde::{Deserialize, Serialize};

/// Every setting of one cascade run. Durations are milliseconds and rates are per second or
/// per minute, the unit last in the name. All integers, so that a link or a file can carry
/// them exactly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CascadeSettings {
    /// What a client does when a write fails.
    pub retry_policy: RetryPolicy,
    /// Operator actions and AWS fixes switched on (sorted, each once).
    pub responses: Vec<Response>,
    /// What an EC2 host does when its lease attempt times out in DWFM's queue.
    pub dwfm_retry: DwfmRetry,
    /// How many clients call DynamoDB's regional endpoint.
    pub clients: u32,
    /// How many caching resolvers the clients share: the clients of one resolver see the
    /// same answer and learn of a change at the same moment.
    pub resolvers: u32,
    /// How long a resolver keeps an answer with addresses.
    pub dns_ttl_ms: u64,
    /// The longest a resolver keeps the empty answer (negative caching); each resolver caps
    /// it at its own value, drawn evenly up to this.
    pub dns_negative_ttl_ms: u64,
    /// Writes each client sends in a normal minute.
    pub client_writes_per_min: u32,
    /// Queued work (stream consumers, jobs) each client puts aside per minute while it
    /// cannot reach the service; it is sent once the service answers again.
    pub backlog_writes_per_client_per_min: u32,
    /// Writes in one batch of a client's backlog worker (DynamoDB's BatchWriteItem takes up
    /// to 25). The worker sends a batch a second, and retries a failed batch (by the policy)
    /// before it takes the next.
    pub backlog_batch_writes: u32,
    /// The service's capacity, as a percentage of the clients' normal load.
    pub service_capacity_pct: u32,
    /// The service takes at most this window's share of its capacity in any such window of
    /// a second: it has no room to queue a burst. Workers in step with their resolver land
    /// in one window; writes spread over the second fill them all. It divides 1000 evenly
    /// (1000: any burst within a second is absorbed).
    pub service_burst_window_ms: u64,
    /// Retries after the first attempt before a write fails for good.
    pub retry_attempts_max: u32,
    /// The first retry's back-off; each further retry doubles it.
    pub retry_backoff_ms_min: u64,
    /// The longest back-off.
    pub retry_backoff_ms_max: u64,
    /// `retry-budget`: tokens in each client's bucket (a retry spends one).
    pub retry_budget_tokens_max: u32,
    /// `retry-budget`: the share of a token a success earns back.
    pub retry_budget_refill_pct: u32,
    /// `circuit-breaker`: the share of a second's writes that must fail to open the breaker.
    pub breaker_failure_pct: u32,
    /// `circuit-breaker`: how long the breaker stays open before a probe.
    pub breaker_open_ms: u64,
    /// `circuit-breaker`: stored writes each client re-feeds per minute once closed.
    pub fallback_refeed_per_client_per_min: u32,
    /// `circuit-breaker`: writes a client's fallback store holds; more are lost.
    pub fallback_writes_per_client_max: u32,
    /// EC2 hosts (droplets) whose leases DWFM keeps.
    pub dwfm_hosts: u32,
    /// How long a lease lasts without renewal; DWFM cannot renew while DynamoDB is
    /// unreachable.
    pub dwfm_lease_ms: u64,
    /// Lease attempts DWFM completes per second.
    pub dwfm_attempts_per_s: u32,
    /// How long a host waits for its attempt before it gives up and queues another; the old
    /// one stays queued, and working on it later is wasted.
    pub dwfm_timeout_ms: u64,
    /// `dwfm_retry: backoff`: a host's first wait before it queues a new attempt; each
    /// further timeout doubles it.
    pub dwfm_backoff_ms_min: u64,
    /// `dwfm_retry: backoff`: the longest wait.
    pub dwfm_backoff_ms_max: u64,
    /// `throttle-dwfm`: attempts admitted to the queue per second.
    pub dwfm_throttle_per_s: u32,
    /// `queue-size-limit`: DWFM admits new attempts only while fewer than this are queued.
    pub dwfm_queue_limit_attempts: u32,
    /// Time from the DNS repair to the operators' DWFM actions (04:14 PDT in 2025: 1 h 49 min).
    pub operator_dwfm_after_ms: u64,
    /// Instance launches per second customers ask for; launches wait while hosts lack leases.
    pub ec2_launches_per_s: u32,
    /// Network configurations the Network Manager propagates per second.
    pub network_configs_per_s: u32,
    /// NLB nodes serving traffic.
    pub nlb_nodes: u32,
    /// Share of the NLB nodes that are new instances, launched in the backlog after the
    /// leases return, whose network state arrives when the Network Manager reaches them.
    pub nlb_new_nodes_pct: u32,
    /// Traffic the NLB carries, as a share of all its nodes' capacity.
    pub nlb_demand_pct: u32,
    /// How often each node's health is checked.
    pub nlb_check_interval_ms: u64,
    /// Chance that a check on a node still waiting for its network state fails (checks
    /// alternate between failing and passing).
    pub nlb_check_fail_pct: u32,
    /// Consecutive passing checks before a removed node is put back in service.
    pub nlb_healthy_checks: u32,
    /// `velocity-control`: at each check interval, failover may take nodes out of service
    /// only while fewer than this many are out (a whole zone only if it fits under this).
    pub nlb_velocity_nodes_max: u32,
    /// Availability Zones the NLB's nodes are spread over (dealt round them).
    pub nlb_zones: u32,
    /// Failed checks in one zone in one round that set off automatic AZ failover: the whole
    /// zone is taken out of service, healthy nodes included, until it passes
    /// `nlb_healthy_checks` quieter rounds. At most one zone is out at a time.
    pub nlb_zone_failover_failures: u32,
    /// Time from the first false health-check failure to the operators disabling failover
    /// (09:36 PDT in 2025, 4 h 6 min after 05:30).
    pub operator_nlb_after_ms: u64,
}

impl Default for CascadeSettings {
    fn default() -> Self {
        CascadeSettings {
            retry_policy: RetryPolicy::default(),
            responses: Response::INCIDENT.to_vec(),
            dwfm_retry: DwfmRetry::default(),
            clients: 10_000,
            resolvers: 40,
            dns_ttl_ms: 60_000,
            dns_negative_ttl_ms: 15 * 60_000,
            client_writes_per_min: 60,
            backlog_writes_per_client_per_min: 3,
            backlog_batch_writes: 25,
            service_capacity_pct: 130,
            service_burst_window_ms: 100,
            retry_attempts_max: 4,
            retry_backoff_ms_min: 1_000,
            retry_backoff_ms_max: 20_000,
            retry_budget_tokens_max: 10,
            retry_budget_refill_pct: 10,
            breaker_failure_pct: 50,
            breaker_open_ms: 30_000,
            fallback_refeed_per_client_per_min: 15,
            fallback_writes_per_client_max: 100_000,
            dwfm_hosts: 80_000,
            dwfm_lease_ms: 3_600_000,
            dwfm_attempts_per_s: 25,
            dwfm_timeout_ms: 120_000,
            dwfm_backoff_ms_min: 60_000,
            dwfm_backoff_ms_max: 30 * 60_000,
            dwfm_throttle_per_s: 18,
            dwfm_queue_limit_attempts: 1_500,
            operator_dwfm_after_ms: 109 * 60_000,
            ec2_launches_per_s: 20,
            network_configs_per_s: 40,
            nlb_nodes: 200,
            nlb_new_nodes_pct: 60,
            nlb_demand_pct: 75,
            nlb_check_interval_ms: 30_000,
            nlb_check_fail_pct: 50,
            nlb_healthy_checks: 3,
            nlb_velocity_nodes_max: 20,
            nlb_zones: 3,
            nlb_zone_failover_failures: 2,
            operator_nlb_after_ms: 246 * 60_000,
        }
    }
}

/// Knobs whose values AWS has not published: the UI labels them "assumed". Every knob is,
/// except the policy and the switches; the operators' delays come from AWS's timeline.
pub const ASSUMED: &[&str] = &[
    "clients",
    "resolvers",
    "dns_ttl_ms",
    "dns_negative_ttl_ms",
    "client_writes_per_min",
    "backlog_writes_per_client_per_min",
    "backlog_batch_writes",
    "service_capacity_pct",
    "service_burst_window_ms",
    "retry_attempts_max",
    "retry_backoff_ms_min",
    "retry_backoff_ms_max",
    "retry_budget_tokens_max",
    "retry_budget_refill_pct",
    "breaker_failure_pct",
    "breaker_open_ms",
    "fallback_refeed_per_client_per_min",
    "fallback_writes_per_client_max",
    "dwfm_hosts",
    "dwfm_lease_ms",
    "dwfm_attempts_per_s",
    "dwfm_timeout_ms",
    "dwfm_backoff_ms_min",
    "dwfm_backoff_ms_max",
    "dwfm_throttle_per_s",
    "dwfm_queue_limit_attempts",
    "ec2_launches_per_s",
    "network_configs_per_s",
    "nlb_nodes",
    "nlb_new_nodes_pct",
    "nlb_demand_pct",
    "nlb_check_interval_ms",
    "nlb_check_fail_pct",
    "nlb_healthy_checks",
    "nlb_velocity_nodes_max",
    "nlb_zones",
    "nlb_zone_failover_failures",
];

impl CascadeSettings {
    /// Whether `response` is switched on.
    pub fn has(&self, response: Response) -> bool {
        self.responses.contains(&response)
    }

    /// The same settings with another retry policy.
    pub fn with_policy(&self, retry_policy: RetryPolicy) -> CascadeSettings {
        CascadeSettings { retry_policy, ..self.clone() }
    }

    /// The same settings with DWFM's hosts retrying by `dwfm_retry`.
    pub fn with_dwfm_retry(&self, dwfm_retry: DwfmRetry) -> CascadeSettings {
        CascadeSettings { dwfm_retry, ..self.clone() }
    }

    /// The same settings with exactly `responses` switched on.
    pub fn with_responses(&self, responses: &[Response]) -> CascadeSettings {
        let mut responses = responses.to_vec();
        responses.sort();
        responses.dedup();
        CascadeSettings { responses, ..self.clone() }
    }

    /// Checks every knob against the range the model supports, so that a hand-edited value
    /// gets a clear message instead of a panic or a run that takes minutes.
    pub fn validate(&self) -> Result<(), InvalidScenario> {
        const DAY_MS: u64 = 24 * 3_600_000;
        check_range("clients", self.clients.into(), 1, 1_000_000)?;
        check_range("resolvers", self.resolvers.into(), 1, 1_000.min(self.clients.into()))?;
        for (knob, v, lo, hi) in [
            ("dns_ttl_ms", self.dns_ttl_ms, 1_000, DAY_MS),
            ("dns_negative_ttl_ms", self.dns_negative_ttl_ms, 1_000, DAY_MS),
            ("service_burst_window_ms", self.service_burst_window_ms, 1, 1_000),
            ("retry_backoff_ms_min", self.retry_backoff_ms_min, 1_000, 60_000),
            ("retry_backoff_ms_max", self.retry_backoff_ms_max, self.retry_backoff_ms_min, 60_000),
            ("breaker_open_ms", self.breaker_open_ms, 1_000, DAY_MS),
            ("dwfm_lease_ms", self.dwfm_lease_ms, 1_000, DAY_MS),
            ("dwfm_timeout_ms", self.dwfm_timeout_ms, 1_000, DAY_MS),
            ("dwfm_backoff_ms_min", self.dwfm_backoff_ms_min, 1_000, DAY_MS),
            ("dwfm_backoff_ms_max", self.dwfm_backoff_ms_max, self.dwfm_backoff_ms_min, DAY_MS),
            ("operator_dwfm_after_ms", self.operator_dwfm_after_ms, 0, DAY_MS),
            ("nlb_check_interval_ms", self.nlb_check_interval_ms, 1_000, DAY_MS),
            ("operator_nlb_after_ms", self.operator_nlb_after_ms, 0, DAY_MS),
        ] {
            check_range(knob, v, lo, hi)?;
        }
        if !1000u64.is_multiple_of(self.service_burst_window_ms.max(1)) {
            return Err(InvalidScenario {
                knob: "service_burst_window_ms",
                problem: format!(
                    "{} ms does not cut a second into whole windows: try 100, 125, 200, 250, 500 or 1000",
                    self.service_burst_window_ms
                ),
            });
        }
        for (knob, v, lo, hi) in [
            ("client_writes_per_min", self.client_writes_per_min, 1u32, 6_000u32),
            ("backlog_writes_per_client_per_min", self.backlog_writes_per_client_per_min, 0, 6_000),
            ("backlog_batch_writes", self.backlog_batch_writes, 1, 1_000),
            ("service_capacity_pct", self.service_capacity_pct, 1, 10_000),
            ("retry_attempts_max", self.retry_attempts_max, 0, 10),
            ("retry_budget_tokens_max", self.retry_budget_tokens_max, 0, 10_000),
            ("retry_budget_refill_pct", self.retry_budget_refill_pct, 0, 100),
            ("breaker_failure_pct", self.breaker_failure_pct, 1, 100),
            ("fallback_refeed_per_client_per_min", self.fallback_refeed_per_client_per_min, 1, 60_000),
            ("fallback_writes_per_client_max", self.fallback_writes_per_client_max, 0, 10_000_000),
            ("dwfm_hosts", self.dwfm_hosts, 0, 10_000_000),
            ("dwfm_attempts_per_s", self.dwfm_attempts_per_s, 1, 1_000_000),
            ("dwfm_throttle_per_s", self.dwfm_throttle_per_s, 1, 1_000_000),
            ("dwfm_queue_limit_attempts", self.dwfm_queue_limit_attempts, 1, 100_000_000),
            ("ec2_launches_per_s", self.ec2_launches_per_s, 0, 1_000_000),
            ("network_configs_per_s", self.network_configs_per_s, 1, 1_000_000),
            ("nlb_nodes", self.nlb_nodes, 1, 100_000),
            ("nlb_new_nodes_pct", self.nlb_new_nodes_pct, 0, 100),
            ("nlb_demand_pct", self.nlb_demand_pct, 0, 100),
            ("nlb_check_fail_pct", self.nlb_check_fail_pct, 0, 100),
            ("nlb_healthy_checks", self.nlb_healthy_checks, 1, 100),
            ("nlb_velocity_nodes_max", self.nlb_velocity_nodes_max, 0, 100_000),
            ("nlb_zones", self.nlb_zones, 1, 6),
            ("nlb_zone_failover_failures", self.nlb_zone_failover_failures, 1, 100_000),
        ] {
            check_range(knob, v.into(), lo.into(), hi.into())?;
        }
        Ok(())
    }
}
