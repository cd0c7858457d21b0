//! The callers: cohorts of clients behind caching resolvers, their retry policy, and the
//! service of fixed capacity they call.
//!
//! Clients are counted, not listed: the clients of one resolver see the same answer at the
//! same moment and run the same policy, so the model keeps one cohort per resolver with
//! fractional counts of writes, retries and stored writes. The cost grows with resolvers
//! and seconds, not with clients.
//!
//! Within a second, time is cut into the service's burst windows. Live writes and jittered
//! retries arrive spread over them. A resolver's backlog workers wake together, at the
//! moment its answer changes, and each keeps its own rhythm from then on: a batch a second,
//! or a back-off of whole seconds after a failure. Plain back-off (and no retries, and
//! immediate retries) never moves a worker off that moment, so the resolver's workers stay
//! in step and land in one window; a jittered wait moves the worker to a random moment, and
//! the waves spread out. The service takes at most a window's share of its capacity in each
//! window.

use super::dns::{refresh, DnsTimeline, Upstream};
use super::policy::RetryPolicy;
use super::response::Response;
use super::settings::CascadeSettings;
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Three kinds of write: a caller's live write, lost if it fails for good; and queued work
/// from its backlog, which goes back to the backlog instead, sent by workers out of step
/// (`QUEUED`) or in step with their resolver (`STEP`).
const LIVE: usize = 0;
const QUEUED: usize = 1;
const STEP: usize = 2;
const KINDS: usize = 3;

/// What the clients did in one second, summed over cohorts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ClientSecond {
    /// Attempts that reached the service (first tries, retries and re-fed writes).
    pub offered: f64,
    /// The busiest burst window's attempts, as a rate per second.
    pub peak: f64,
    /// Attempts the service completed.
    pub succeeded: f64,
    /// Attempts that failed: an empty answer, or the service out of capacity.
    pub failed: f64,
    /// Retries among the attempts (those of an empty answer included).
    pub retries: f64,
    /// Writes put in a fallback store this second.
    pub stored: f64,
    /// Stored writes re-fed to the service that it took, this second.
    pub refed: f64,
    /// Writes lost for good this second.
    pub lost: f64,
    /// Writes held in fallback stores at the end of the second.
    pub held: f64,
    /// Queued work waiting in the clients' backlogs at the end of the second.
    pub backlog: f64,
    /// Clients whose resolver holds the empty answer.
    pub clients_empty: f64,
    /// Resolvers that answered from an expired cache this second (`serve-stale`).
    pub stale_answers: u64,
}

/// The circuit breaker of a cohort's clients.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Breaker {
    Closed,
    /// Open until this second; then one probe.
    Open(u64),
}

/// The clients of one resolver.
struct Cohort {
    clients: f64,
    /// This resolver's cap on negative caching, in seconds (resolvers cap it differently).
    negative_ttl_s: u64,
    empty: bool,
    expires_s: u64,
    /// The burst window in which this resolver's answers change: its workers' moment.
    window: usize,
    backlog: f64,
    /// Writes the workers still in step with the resolver can carry (workers × batch).
    in_step: f64,
    /// Retries due per slot of the wheel, per retry number and kind (plain back-off).
    due: Vec<f64>,
    /// Changes in the rate of jittered retries, per slot, retry number and kind.
    delta: Vec<f64>,
    /// Jittered retries arriving per second, per retry number and kind.
    rate: Vec<f64>,
    /// Retries scheduled and not yet due.
    pending: f64,
    /// Queued writes held by workers waiting to retry them (scheduled, or due this second),
    /// out of step and in step.
    in_flight: f64,
    in_flight_step: f64,
    tokens: f64,
    breaker: Breaker,
    held: f64,
    /// Attempts this second, per try (0: first) and kind, before the service answers.
    attempts: Vec<f64>,
    /// Re-fed writes among this second's first tries.
    refeeding: f64,
}

/// Every client, and the service they call.
pub struct Clients {
    cohorts: Vec<Cohort>,
    policy: RetryPolicy,
    retries_max: usize,
    wheel: usize,
    /// Back-off of retry `k` (index `k - 1`), in whole seconds, at least 1.
    backoff_s: Vec<usize>,
    ttl_s: u64,
    serve_stale: bool,
    writes_per_client_s: f64,
    backlog_per_client_s: f64,
    /// Writes in one worker's batch.
    batch: f64,
    refeed_per_client_s: f64,
    held_per_client_max: f64,
    tokens_per_client_max: f64,
    refill: f64,
    breaker_failure: f64,
    breaker_open_s: u64,
    /// Each burst window of the second (at least one).
    in_window: Vec<Window>,
    /// The service's capacity, writes per second.
    pub capacity: f64,
}

impl Clients {
    /// The clients of `settings`, their resolvers' caches filled at seeded moments of the
    /// first TTL.
    pub fn new(settings: &CascadeSettings, seed: u64) -> Clients {
        let mut rng = Pcg64Mcg::seed_from_u64(seed ^ 0xC1_1E_47);
        let resolvers = settings.resolvers.max(1);
        let ttl_s = (settings.dns_ttl_ms / 1000).max(1);
        let retries_max = settings.retry_attempts_max as usize;
        let backoff_s: Vec<usize> = (0..retries_max)
            .map(|k| {
                let ms = settings
                    .retry_backoff_ms_min
                    .saturating_mul(1 << k.min(20))
                    .min(settings.retry_backoff_ms_max);
                ((ms / 1000) as usize).max(1)
            })
            .collect();
        let wheel = backoff_s.iter().copied().max().unwrap_or(1) + 2;
        let per_cohort = f64::from(settings.clients) / f64::from(resolvers);
        let negative_ttl_s = (settings.dns_negative_ttl_ms / 1000).max(1);
        let tokens_per_client_max = f64::from(settings.retry_budget_tokens_max);
        let slots = wheel * retries_max.max(1) * KINDS;
        let windows = (1000 / settings.service_burst_window_ms.max(1)).max(1) as usize;
        let workers = per_cohort * f64::from(settings.backlog_batch_writes);
        let cohorts = (0..resolvers)
            .map(|_| Cohort {
                clients: per_cohort,
                negative_ttl_s: rng.random_range(1..=negative_ttl_s),
                empty: false,
                expires_s: rng.random_range(0..ttl_s),
                window: rng.random_range(0..windows),
                backlog: 0.0,
                in_step: workers,
                due: vec![0.0; slots],
                delta: vec![0.0; slots],
                rate: vec![0.0; retries_max.max(1) * KINDS],
                pending: 0.0,
                in_flight: 0.0,
                in_flight_step: 0.0,
                tokens: per_cohort * tokens_per_client_max,
                breaker: Breaker::Closed,
                held: 0.0,
                attempts: vec![0.0; (retries_max + 1) * KINDS],
                refeeding: 0.0,
            })
            .collect();
        let per_min = |v: u32| f64::from(v) / 60.0;
        Clients {
            cohorts,
            policy: settings.retry_policy,
            retries_max,
            wheel,
            backoff_s,
            ttl_s,
            serve_stale: settings.has(Response::ServeStale),
            writes_per_client_s: per_min(settings.client_writes_per_min),
            backlog_per_client_s: per_min(settings.backlog_writes_per_client_per_min),
            batch: f64::from(settings.backlog_batch_writes),
            refeed_per_client_s: per_min(settings.fallback_refeed_per_client_per_min),
            held_per_client_max: f64::from(settings.fallback_writes_per_client_max),
            tokens_per_client_max,
            refill: f64::from(settings.retry_budget_refill_pct) / 100.0,
            breaker_failure: f64::from(settings.breaker_failure_pct) / 100.0,
            breaker_open_s: (settings.breaker_open_ms / 1000).max(1),
            in_window: vec![Window::default(); windows],
            capacity: f64::from(settings.clients)
                * per_min(settings.client_writes_per_min)
                * f64::from(settings.service_capacity_pct)
                / 100.0,
        }
    }

    /// Whether the first cohort's resolver holds the empty answer: what AWS's own internal
    /// callers (DWFM among them) see.
    pub fn first_resolver_empty(&self) -> bool {
        self.cohorts.first().is_some_and(|c| c.empty)
    }

    /// One second: resolvers refresh expired answers from `dns`, every cohort sends its
    /// writes, the service completes what its capacity allows in each burst window, and each
    /// failure is retried, stored, put back in the backlog or lost, as the policy says.
    pub fn second(&mut self, s: u64, dns: &DnsTimeline) -> ClientSecond {
        let mut out = ClientSecond::default();
        let slot = (s as usize) % self.wheel;
        let kinds = self.retries_max.max(1) * KINDS;
        // First pass: what each cohort sends, spread over the second or in its window.
        let (mut spread_first, mut spread_all) = (0.0, 0.0);
        self.in_window.iter_mut().for_each(|w| *w = Window::default());
        for c in &mut self.cohorts {
            if s >= c.expires_s {
                let was_empty = c.empty;
                // Route 53 always answers (it worked normally in 2025): with or without
                // addresses, the answer is authoritative, and serve-stale does not apply.
                let upstream = Upstream::Answer { addresses: !dns.empty_at(s * 1000) };
                let answer = refresh(upstream, !was_empty, self.serve_stale);
                c.empty = answer.empty;
                out.stale_answers += u64::from(answer.stale);
                c.expires_s = s + if c.empty { c.negative_ttl_s } else { self.ttl_s };
                // Idle workers wake together when the answer turns empty: in step again.
                let idle = c.backlog + c.in_flight + c.in_flight_step < 1e-9 * c.clients;
                if c.empty && !was_empty && idle {
                    c.in_step = c.clients * self.batch;
                }
            }
            c.attempts.iter_mut().for_each(|a| *a = 0.0);
            c.refeeding = 0.0;
            if c.empty {
                c.backlog += c.clients * self.backlog_per_client_s;
                out.clients_empty += c.clients;
            }
            let live = c.clients * self.writes_per_client_s;
            if let Breaker::Open(until) = c.breaker {
                if s < until {
                    c.store(live, self.held_per_client_max, &mut out);
                    out.held += c.held;
                    out.backlog += c.backlog;
                    continue;
                }
            }
            c.attempts[LIVE] = live;
            if c.pending > 0.0 {
                for k in 0..kinds {
                    let i = slot * kinds + k;
                    c.rate[k] += c.delta[i];
                    c.delta[i] = 0.0;
                    let due = c.due[i] + c.rate[k].max(0.0);
                    c.due[i] = 0.0;
                    c.attempts[KINDS + k] = due;
                    c.pending -= due;
                }
                if c.pending < 1e-9 * c.clients {
                    c.reset_wheel();
                }
            }
            // The backlog is worked by one worker per client, one batch a second, whatever the
            // answer (an empty one fails the batch at once): a worker waiting to retry its
            // batch takes no new work meanwhile.
            let free_in_step = (c.in_step - c.in_flight_step).max(0.0);
            let free = (c.clients * self.batch - c.in_step - c.in_flight).max(0.0);
            let drain_in_step = c.backlog.min(free_in_step);
            let drain = (c.backlog - drain_in_step).min(free);
            c.backlog -= drain_in_step + drain;
            c.attempts[STEP] = drain_in_step;
            c.attempts[QUEUED] = drain;
            if !c.empty && c.breaker == Breaker::Closed {
                c.refeeding = c.held.min(c.clients * self.refeed_per_client_s);
                c.held -= c.refeeding;
                c.attempts[LIVE] += c.refeeding;
            }
            let sum: f64 = c.attempts.iter().sum();
            out.retries += sum - c.attempts[LIVE] - c.attempts[QUEUED] - c.attempts[STEP];
            if !c.empty {
                let in_step: f64 = (0..=self.retries_max).map(|k| c.attempts[k * KINDS + STEP]).sum();
                spread_first += c.attempts[LIVE] + c.attempts[QUEUED];
                spread_all += sum - in_step;
                let w = &mut self.in_window[c.window];
                w.first += c.attempts[STEP];
                w.all += in_step;
            }
        }
        // The service, window by window: a window takes its share of the capacity, and what
        // it cannot take fails at once (it throttles). Loads are rates per second.
        let n = self.in_window.len() as f64;
        let mut spread = Outcome::default();
        for w in &mut self.in_window {
            let (first, all) = (spread_first + n * w.first, spread_all + n * w.all);
            let (fail, load) = if self.policy == RetryPolicy::Immediate {
                let (accept, total) = immediate_fixed_point(first, self.capacity, self.retries_max);
                (1.0 - accept, total)
            } else {
                (if all > self.capacity { 1.0 - self.capacity / all } else { 0.0 }, all)
            };
            w.outcome = Outcome::of(fail, self.retries_max);
            spread.add(w.outcome, 1.0 / n);
            out.offered += load / n;
            out.peak = out.peak.max(load);
        }
        let unreachable = Outcome::of(1.0, self.retries_max);
        // Second pass: what became of each attempt.
        for c in &mut self.cohorts {
            if matches!(c.breaker, Breaker::Open(until) if s < until) {
                continue;
            }
            let (spread, in_step) =
                if c.empty { (unreachable, unreachable) } else { (spread, self.in_window[c.window].outcome) };
            let of = |kind: usize| if kind == STEP { in_step } else { spread };
            // The workers' retries due now are settled below (and scheduled again if they fail).
            let settling =
                |kind: usize| -> f64 { (1..=self.retries_max).map(|k| c.attempts[k * KINDS + kind]).sum() };
            let (settled, settled_in_step) = (settling(QUEUED), settling(STEP));
            c.in_flight = (c.in_flight - settled).max(0.0);
            c.in_flight_step = (c.in_flight_step - settled_in_step).max(0.0);
            match self.policy {
                RetryPolicy::Immediate => {
                    for kind in [LIVE, QUEUED, STEP] {
                        let o = of(kind);
                        let first = c.attempts[kind];
                        let final_fail = first * o.final_fail;
                        out.retries += first * (o.tries - 1.0);
                        out.succeeded += first - final_fail;
                        out.failed += first * o.tries - (first - final_fail);
                        c.give_up(kind, final_fail, &mut out);
                    }
                }
                RetryPolicy::CircuitBreaker => {
                    let sent = c.attempts[LIVE] + c.attempts[QUEUED] + c.attempts[STEP];
                    let failed_live = c.attempts[LIVE] * of(LIVE).fail;
                    let failed_queued =
                        c.attempts[QUEUED] * of(QUEUED).fail + c.attempts[STEP] * of(STEP).fail;
                    let failed = failed_live + failed_queued;
                    out.succeeded += sent - failed;
                    out.failed += failed;
                    c.backlog += failed_queued;
                    c.store(failed_live, self.held_per_client_max, &mut out);
                    // A re-fed write that fails is stored again, not stored anew.
                    out.stored -= c.refeeding * of(LIVE).fail;
                    out.refed += c.refeeding * (1.0 - of(LIVE).fail);
                    // The share is a sum of products: allow for rounding when every write failed.
                    let opening = sent > 0.0 && failed >= self.breaker_failure * sent * (1.0 - 1e-12);
                    c.breaker =
                        if opening { Breaker::Open(s + self.breaker_open_s) } else { Breaker::Closed };
                }
                _ => {
                    let jitter = matches!(self.policy, RetryPolicy::FullJitter | RetryPolicy::RetryBudget);
                    for k in 0..=self.retries_max {
                        for kind in [LIVE, QUEUED, STEP] {
                            let n = c.attempts[k * KINDS + kind];
                            if n <= 0.0 {
                                continue;
                            }
                            let failed = n * of(kind).fail;
                            out.succeeded += n - failed;
                            out.failed += failed;
                            if self.policy == RetryPolicy::RetryBudget {
                                c.tokens = (c.tokens + (n - failed) * self.refill)
                                    .min(c.clients * self.tokens_per_client_max);
                            }
                            if failed <= 0.0 {
                                continue;
                            }
                            // A worker retries its batch until it goes through (at the longest
                            // back-off once past the attempt limit); a live write gives up.
                            let retrying = k < self.retries_max || (kind != LIVE && self.retries_max > 0);
                            let retried = if retrying && self.policy.retries() {
                                if self.policy == RetryPolicy::RetryBudget {
                                    let spend = failed.min(c.tokens);
                                    c.tokens -= spend;
                                    spend
                                } else {
                                    failed
                                }
                            } else {
                                0.0
                            };
                            if retried > 0.0 {
                                // A random wait takes a worker off its resolver's moment for good.
                                let scheduled = if jitter && kind == STEP {
                                    c.in_step = (c.in_step - retried).max(0.0);
                                    QUEUED
                                } else {
                                    kind
                                };
                                let level = k.min(self.retries_max - 1);
                                let retry = Retry { k: level, kind: scheduled, n: retried };
                                c.schedule(s, retry, self.backoff_s[level], jitter, self.wheel, kinds);
                            }
                            c.give_up(kind, failed - retried, &mut out);
                        }
                    }
                }
            }
            out.held += c.held;
            out.backlog += c.backlog;
        }
        out
    }
}

/// What arrives in one burst window of a second, and what the service made of it.
#[derive(Clone, Copy, Debug, Default)]
struct Window {
    /// First tries of workers in step, writes.
    first: f64,
    /// All attempts of workers in step, writes.
    all: f64,
    outcome: Outcome,
}

/// What became of an attempt: the share that fails; with immediate retries, the attempts
/// made per write and the share that fails for good.
#[derive(Clone, Copy, Debug, Default)]
struct Outcome {
    fail: f64,
    tries: f64,
    final_fail: f64,
}

impl Outcome {
    fn of(fail: f64, retries: usize) -> Outcome {
        Outcome { fail, tries: geometric(fail, retries), final_fail: power(fail, retries + 1) }
    }

    /// Adds `weight` of `other`: the outcome of writes spread over the windows is the mean.
    fn add(&mut self, other: Outcome, weight: f64) {
        self.fail += other.fail * weight;
        self.tries += other.tries * weight;
        self.final_fail += other.final_fail * weight;
    }
}

/// `n` failed writes of one kind, to be tried again as retry `k + 1`.
struct Retry {
    k: usize,
    kind: usize,
    n: f64,
}

impl Cohort {
    /// Puts `writes` in the fallback store; what does not fit is lost.
    fn store(&mut self, writes: f64, per_client_max: f64, out: &mut ClientSecond) {
        let room = (self.clients * per_client_max - self.held).max(0.0);
        let kept = writes.min(room);
        self.held += kept;
        out.stored += kept;
        out.lost += writes - kept;
    }

    /// Writes that failed for good: live ones are lost, queued ones go back to the backlog.
    fn give_up(&mut self, kind: usize, writes: f64, out: &mut ClientSecond) {
        if kind == LIVE {
            out.lost += writes;
        } else {
            self.backlog += writes;
        }
    }

    /// Schedules `retry`: all `backoff_s` seconds from now, or spread evenly over the next
    /// `backoff_s` seconds with jitter.
    fn schedule(&mut self, s: u64, retry: Retry, backoff_s: usize, jitter: bool, wheel: usize, kinds: usize) {
        let index = |at: usize| (at % wheel) * kinds + retry.k * KINDS + retry.kind;
        let now = s as usize;
        if jitter {
            let per_s = retry.n / backoff_s as f64;
            self.delta[index(now + 1)] += per_s;
            self.delta[index(now + 1 + backoff_s)] -= per_s;
        } else {
            self.due[index(now + backoff_s)] += retry.n;
        }
        self.pending += retry.n;
        match retry.kind {
            QUEUED => self.in_flight += retry.n,
            STEP => self.in_flight_step += retry.n,
            _ => {}
        }
    }

    /// Clears the wheel's rounding dust once nothing is scheduled. The workers' batches due
    /// this second stay in flight until the service has answered them.
    fn reset_wheel(&mut self) {
        self.due.iter_mut().for_each(|v| *v = 0.0);
        self.delta.iter_mut().for_each(|v| *v = 0.0);
        self.rate.iter_mut().for_each(|v| *v = 0.0);
        self.pending = 0.0;
    }
}

/// `f^n` by multiplication: `powi` may differ between platforms, and runs must not.
fn power(f: f64, n: usize) -> f64 {
    (0..n).fold(1.0, |p, _| p * f)
}

/// `1 + f + f² + … + f^retries`: attempts per write when each fails with chance `f`.
fn geometric(f: f64, retries: usize) -> f64 {
    let mut sum = 1.0;
    let mut term = 1.0;
    for _ in 0..retries {
        term *= f;
        sum += term;
    }
    sum
}

/// With immediate retries, the load and the share the service accepts depend on each other:
/// `load = first × (1 + f + … + f^retries)` with `f = 1 − capacity / load`. Solved by
/// bisection (the right side falls as the load grows). Returns the accepted share and load.
fn immediate_fixed_point(first: f64, capacity: f64, retries: usize) -> (f64, f64) {
    if first <= capacity {
        return (1.0, first);
    }
    let (mut lo, mut hi) = (first, first * (retries as f64 + 1.0));
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if first * geometric(1.0 - capacity / mid, retries) > mid {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (capacity / hi, hi)
}
