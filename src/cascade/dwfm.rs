//! EC2's DropletWorkflow Manager (DWFM) re-establishing host leases: a queue that collapses.
//!
//! A host without a lease queues an attempt and waits `dwfm_timeout_ms` for it. If nobody
//! has worked on it by then, the host gives up and queues another; the old attempt stays in
//! the queue, and working on it later is wasted. Once the queue is longer than DWFM can work
//! through within the timeout, every attempt it reaches is one its host has given up on:
//! goodput falls to nothing while the queue grows ("congestive collapse").

use super::policy::DwfmRetry;
use super::response::Response;
use super::settings::CascadeSettings;
use std::collections::{BTreeMap, VecDeque};

/// Back-off levels tracked: a host's `k`-th retry for `k` up to this; later ones wait the
/// longest back-off (reached well before, at the default knobs).
const TRIES: usize = 8;

/// A host backing off spreads its next attempt over this many equal slices of its wait:
/// the jitter, drawn without an RNG so that cohorts stay fractional and exact.
const JITTER_SLICES: u64 = 8;

/// Attempts queued in the same second.
#[derive(Clone, Copy, Debug)]
struct Batch {
    queued_s: u64,
    count: f64,
    /// Whether their hosts still wait for them (not timed out).
    live: bool,
    /// How many times their hosts had timed out before (0: a first attempt).
    tries: usize,
}

/// What DWFM did in one second.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DwfmSecond {
    /// Attempts in the queue at the end of the second.
    pub queue: f64,
    /// Leases established this second.
    pub goodput: f64,
    /// Attempts worked on whose host had given up.
    pub wasted: f64,
    /// Hosts without a lease at the end of the second.
    pub hosts_without_lease: f64,
}

/// DWFM's state.
pub struct Dwfm {
    hosts: f64,
    leased: f64,
    /// Hosts without a lease and without a live attempt in the queue, by how many times they
    /// had timed out: they ask at once.
    asking: [f64; TRIES],
    /// `DwfmRetry::Backoff`: hosts waiting to ask again, by the second they ask and their
    /// number of time-outs.
    backing_off: BTreeMap<u64, [f64; TRIES]>,
    retry: DwfmRetry,
    backoff_s_min: u64,
    backoff_s_max: u64,
    queue: VecDeque<Batch>,
    queued: f64,
    /// Index of the first live batch: older ones have all timed out.
    live_from: usize,
    attempts_per_s: f64,
    timeout_s: u64,
    lease_loss_per_s: f64,
    throttle_per_s: f64,
    queue_limit: Option<f64>,
}

impl Dwfm {
    /// DWFM with every host leased.
    pub fn new(settings: &CascadeSettings) -> Dwfm {
        let hosts = f64::from(settings.dwfm_hosts);
        Dwfm {
            hosts,
            leased: hosts,
            asking: [0.0; TRIES],
            backing_off: BTreeMap::new(),
            retry: settings.dwfm_retry,
            backoff_s_min: (settings.dwfm_backoff_ms_min / 1000).max(1),
            backoff_s_max: (settings.dwfm_backoff_ms_max / 1000).max(1),
            queue: VecDeque::new(),
            queued: 0.0,
            live_from: 0,
            attempts_per_s: f64::from(settings.dwfm_attempts_per_s),
            timeout_s: (settings.dwfm_timeout_ms / 1000).max(1),
            // Leases were renewed at evenly spread moments: with renewals impossible, an
            // equal share of hosts loses its lease every second until none is left.
            lease_loss_per_s: hosts / (settings.dwfm_lease_ms as f64 / 1000.0),
            throttle_per_s: f64::from(settings.dwfm_throttle_per_s),
            queue_limit: settings
                .has(Response::QueueSizeLimit)
                .then_some(f64::from(settings.dwfm_queue_limit_attempts)),
        }
    }

    /// Hosts without a lease.
    pub fn without_lease(&self) -> f64 {
        (self.hosts - self.leased).max(0.0)
    }

    /// Operators restart DWFM: every queued attempt is dropped; their hosts ask again.
    pub fn restart(&mut self) {
        for batch in self.queue.iter().skip(self.live_from) {
            self.asking[batch.tries] += batch.count;
        }
        self.queue.clear();
        self.queued = 0.0;
        self.live_from = 0;
    }

    /// One second. `reachable`: whether DWFM can reach DynamoDB (it can neither renew nor
    /// establish a lease without it); `throttled`: whether operators cap admissions.
    pub fn second(&mut self, s: u64, reachable: bool, throttled: bool) -> DwfmSecond {
        let mut out = DwfmSecond::default();
        if !reachable {
            let lost = self.lease_loss_per_s.min(self.leased);
            self.leased -= lost;
            self.asking[0] += lost;
        }
        // Hosts whose attempt timed out give up on it and ask again: at once, or after a
        // jittered back-off.
        while let Some(batch) = self.queue.get_mut(self.live_from) {
            if s < batch.queued_s + self.timeout_s {
                break;
            }
            batch.live = false;
            let (count, tries) = (batch.count, (batch.tries + 1).min(TRIES - 1));
            self.live_from += 1;
            if self.retry == DwfmRetry::Backoff {
                let wait = (self.backoff_s_min << (tries - 1).min(20)).min(self.backoff_s_max);
                for slice in 1..=JITTER_SLICES {
                    let at = s + (wait * slice).div_ceil(JITTER_SLICES);
                    self.backing_off.entry(at).or_insert([0.0; TRIES])[tries] += count / JITTER_SLICES as f64;
                }
            } else {
                self.asking[tries] += count;
            }
        }
        while let Some(entry) = self.backing_off.first_entry() {
            if *entry.key() > s {
                break;
            }
            for (asking, back) in self.asking.iter_mut().zip(entry.remove()) {
                *asking += back;
            }
        }
        // Admission: everyone who asks, unless throttled or limited by the queue's size.
        let asking: f64 = self.asking.iter().sum();
        let mut admit = asking;
        if throttled {
            admit = admit.min(self.throttle_per_s);
        }
        if let Some(limit) = self.queue_limit {
            admit = admit.min((limit - self.queued).max(0.0));
        }
        if admit > 0.0 {
            // Admitted in proportion from every level of tries (one batch per level).
            let share = admit / asking;
            for tries in 0..TRIES {
                let count = self.asking[tries] * share;
                if count > 0.0 {
                    self.asking[tries] -= count;
                    self.queue.push_back(Batch { queued_s: s, count, live: true, tries });
                }
            }
            self.queued += admit;
        }
        // Work, oldest first; without DynamoDB every attempt just waits.
        let mut budget = if reachable { self.attempts_per_s } else { 0.0 };
        let drops_dead = self.retry == DwfmRetry::Deadline;
        while budget > 0.0 || drops_dead {
            let Some(front) = self.queue.front_mut() else { break };
            if drops_dead && !front.live {
                // Expired: dropped unread, at no cost.
                self.queued -= front.count;
                self.queue.pop_front();
                self.live_from = self.live_from.saturating_sub(1);
                continue;
            }
            if budget <= 0.0 {
                break;
            }
            let take = front.count.min(budget);
            front.count -= take;
            budget -= take;
            self.queued -= take;
            if front.live {
                out.goodput += take;
            } else {
                out.wasted += take;
            }
            if front.count <= 1e-9 {
                self.queue.pop_front();
                self.live_from = self.live_from.saturating_sub(1);
            }
        }
        self.leased = (self.leased + out.goodput).min(self.hosts);
        if self.queue.is_empty() {
            self.queued = 0.0;
        }
        out.queue = self.queued.max(0.0);
        out.hosts_without_lease = self.without_lease();
        out
    }
}
