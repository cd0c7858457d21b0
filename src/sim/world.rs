//! The whole state and the one step function.

use super::enactor::{Enactor, Phase};
use super::event::{Actor, Change, Event, Rejection, Step};
use super::invariants;
use super::planner::{Plan, Planner};
use super::resolver;
use super::route53::{Endpoint, Lock};
use super::{Generation, GenerationMap, LbSet};
use crate::scenario::{Mitigation, Scenario};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;
use std::rc::Rc;

/// One load balancer behind the endpoints.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LoadBalancer {
    /// Its address, from the documentation range 192.0.2.0/24 (the real ones are not the point).
    pub address: [u8; 4],
    /// Its weight in every plan (25 to 100, drawn at the start of the run; assumed).
    pub weight: u8,
    /// Whether its health checks pass.
    pub healthy: bool,
}

/// The whole state of one run: Planner, Enactors, Route 53, load balancers, clients'
/// resolver, operators, the clock, and the PRNG that draws every duration. Because the PRNG
/// is part of the state and only [`World::apply`] draws from it, replaying a trace's events
/// on a fresh world reproduces its steps exactly, whichever scheduler chose them.
#[derive(Debug)]
pub struct World {
    /// The settings of this run (shared by every copy of the world).
    pub scenario: Rc<Scenario>,
    /// Logical time of the last applied event.
    pub now_ms: u64,
    /// Number of events applied so far.
    pub steps: u32,
    /// The DNS Planner and its plan store.
    pub planner: Planner,
    /// The Enactors, one per Availability Zone.
    pub enactors: Vec<Enactor>,
    /// Route 53 records per endpoint, in the order Enactors walk them (regional first).
    pub endpoints: Vec<Endpoint>,
    /// The load balancers.
    pub lbs: Rc<Vec<LoadBalancer>>,
    /// When the client next resolves.
    pub client_ready_at_ms: u64,
    /// When operators diagnosed the current breakage, if they have.
    pub diagnosed_at_ms: Option<u64>,
    /// The lease token the next Enactor to pick up a plan gets (`fencing-token`).
    pub next_token: u64,
    rng: Pcg64Mcg,
}

impl Clone for World {
    fn clone(&self) -> Self {
        // A struct expression names every field, as clone_from's destructuring does.
        World {
            scenario: Rc::clone(&self.scenario),
            now_ms: self.now_ms,
            steps: self.steps,
            planner: self.planner.clone(),
            enactors: self.enactors.clone(),
            endpoints: self.endpoints.clone(),
            lbs: Rc::clone(&self.lbs),
            client_ready_at_ms: self.client_ready_at_ms,
            diagnosed_at_ms: self.diagnosed_at_ms,
            next_token: self.next_token,
            rng: self.rng.clone(),
        }
    }

    /// Copies `source` into this world, reusing its lists: the explorer copies a world into
    /// the same scratch world for every transition it tries, and keeps only the new ones.
    fn clone_from(&mut self, source: &Self) {
        let World {
            scenario,
            now_ms,
            steps,
            planner,
            enactors,
            endpoints,
            lbs,
            client_ready_at_ms,
            diagnosed_at_ms,
            next_token,
            rng,
        } = source;
        self.scenario.clone_from(scenario);
        self.now_ms = *now_ms;
        self.steps = *steps;
        self.planner.clone_from(planner);
        self.enactors.clone_from(enactors);
        self.endpoints.clone_from(endpoints);
        self.lbs.clone_from(lbs);
        self.client_ready_at_ms = *client_ready_at_ms;
        self.diagnosed_at_ms = *diagnosed_at_ms;
        self.next_token = *next_token;
        self.rng.clone_from(rng);
    }
}

impl World {
    /// The world at t = 0: plan `generation_start` is active on every endpoint (with the
    /// plan before it as rollback), every Enactor has applied it, all balancers healthy.
    /// The scenario must have passed [`Scenario::validate`].
    pub fn new(scenario: Scenario) -> Self {
        let mut rng = Pcg64Mcg::seed_from_u64(scenario.seed);
        let lbs: Vec<LoadBalancer> = (0..scenario.lb_count)
            .map(|i| LoadBalancer {
                address: [192, 0, 2, 10 + i],
                weight: rng.random_range(1..=4u8) * 25,
                healthy: true,
            })
            .collect();
        let g = scenario.generation_start;
        let all: LbSet = (0..scenario.lb_count).collect();
        let store = Rc::new(GenerationMap::from([
            (g - 1, Plan { generation: g - 1, lbs: all, published_at_ms: 0 }),
            (g, Plan { generation: g, lbs: all, published_at_ms: 0 }),
        ]));
        let mut world = World {
            planner: Planner { next_generation: g + 1, store, ready_at_ms: 0 },
            enactors: (0..scenario.enactors_running()).map(|_| Enactor::new(g)).collect(),
            endpoints: (0..scenario.endpoint_count).map(|_| Endpoint::new(g, all, g - 1)).collect(),
            lbs: Rc::new(lbs),
            client_ready_at_ms: scenario.client_resolve_interval_ms,
            diagnosed_at_ms: None,
            next_token: 1,
            now_ms: 0,
            steps: 0,
            rng,
            scenario: Rc::new(scenario),
        };
        world.planner.ready_at_ms =
            world.draw(world.scenario.planner_interval_ms_min, world.scenario.planner_interval_ms_max);
        world
    }

    /// A uniform draw from `lo..=hi` from the run's PRNG.
    fn draw(&mut self, lo: u64, hi: u64) -> u64 {
        self.rng.random_range(lo..=hi.max(lo))
    }

    /// How long an idle Enactor takes to notice a new plan, drawn from the run's PRNG.
    fn draw_poll(&mut self) -> u64 {
        self.draw(self.scenario.enactor_poll_ms_min, self.scenario.enactor_poll_ms_max)
    }

    /// Ends `enactor`'s run (done, rejected or given up): it lets go of its plan and acts
    /// again after `pause_ms`.
    fn end_run(&mut self, enactor: u8, pause_ms: u64) {
        let state = &mut self.enactors[usize::from(enactor)];
        state.phase = Phase::Idle;
        state.plan = None;
        state.ready_at_ms = self.now_ms + pause_ms;
    }

    /// When `actor` next acts (`u64::MAX`: not until something changes).
    pub fn ready_at(&self, actor: Actor) -> u64 {
        match actor {
            Actor::Planner => self.planner.ready_at_ms,
            Actor::Enactor(i) => self.enactors.get(usize::from(i)).map_or(u64::MAX, |e| e.ready_at_ms),
            Actor::Client => self.client_ready_at_ms,
            Actor::Operator => {
                self.broken_since_ms().map_or(u64::MAX, |since| self.operators_ready_at(since))
            }
        }
    }

    /// When operators act on an endpoint broken since `since`: they diagnose it, or, once
    /// they have, they repair it.
    fn operators_ready_at(&self, since: u64) -> u64 {
        match self.diagnosed_at_ms {
            None => since.saturating_add(self.diagnosis_delay_ms()),
            Some(at) => at.saturating_add(self.scenario.repair_ms),
        }
    }

    /// How long after an endpoint breaks the operators know: the stuck alarm's delay if that
    /// mitigation is on, else the time it took people to find the cause.
    fn diagnosis_delay_ms(&self) -> u64 {
        if self.scenario.has(Mitigation::StuckAlarm) {
            self.scenario.alarm_ms
        } else {
            self.scenario.diagnosis_ms
        }
    }

    /// The earliest time any endpoint's alias started pointing at a deleted tree.
    pub fn broken_since_ms(&self) -> Option<u64> {
        self.endpoints.iter().filter_map(|e| e.broken_since_ms).min()
    }

    /// The generation of the newest plan active on any endpoint: what the freshness check
    /// compares a picked-up plan against.
    pub fn applied_generation(&self) -> Generation {
        self.endpoints.iter().map(|e| e.alias).max().unwrap_or(0)
    }

    /// Lists what may happen next, at most one event per actor, in a fixed order: Planner,
    /// Enactors A, B, C, client, operators. Which variant an Enactor's next move is (lock
    /// taken or lost, write accepted or rejected) follows from the state at the time the
    /// Enactor acts.
    pub fn enabled(&self, out: &mut Vec<Event>) {
        out.clear();
        self.for_each_enabled(|_, event| out.push(event));
    }

    /// Calls `f` with each event [`World::enabled`] lists, in its order, and the time at
    /// which it would happen (its actor's [`World::ready_at`], never before the clock): the
    /// timed scheduler's one pass over the choices, without a list.
    #[inline]
    pub(crate) fn for_each_enabled(&self, mut f: impl FnMut(u64, Event)) {
        let now = self.now_ms;
        if self.planner_may_publish() {
            f(self.planner.ready_at_ms.max(now), Event::PlannerPublishes);
        }
        for (i, enactor) in self.enactors.iter().enumerate() {
            if let Some(event) = self.enactor_next(i as u8, enactor) {
                f(enactor.ready_at_ms.max(now), event);
            }
        }
        f(self.client_ready_at_ms.max(now), Event::ClientResolves { endpoint: 0 });
        if let Some(since) = self.broken_since_ms() {
            let event = if self.diagnosed_at_ms.is_none() {
                Event::OperatorDiagnoses
            } else {
                Event::OperatorRepairs
            };
            f(self.operators_ready_at(since).max(now), event);
        }
    }

    /// The load balancers whose health checks pass: what a new plan names.
    pub fn healthy_lbs(&self) -> LbSet {
        LbSet::from_bits(
            self.lbs.iter().enumerate().take(32).fold(0, |bits, (i, lb)| bits | u32::from(lb.healthy) << i),
        )
    }

    /// Whether the Planner has plans left to publish under `planner_plans_max`.
    fn planner_may_publish(&self) -> bool {
        let published = self.planner.next_generation - self.scenario.generation_start - 1;
        self.scenario.planner_plans_max.is_none_or(|max| published < max)
    }

    #[inline(always)]
    fn enactor_next(&self, enactor: u8, state: &Enactor) -> Option<Event> {
        let at = self.now_ms.max(state.ready_at_ms);
        if self.zone_down(enactor, at) {
            return None;
        }
        if matches!(state.phase, Phase::Locking { .. } | Phase::Writing { .. } | Phase::Rechecking { .. })
            && self.plan_expired(state, at)
        {
            return Some(Event::EnactorDropsPlan { enactor });
        }
        match state.phase {
            Phase::Idle => {
                let latest = self.planner.latest()?.generation;
                (latest > state.seen).then_some(Event::EnactorPicksUp { enactor })
            }
            Phase::Locking { endpoint } => {
                let free = self.endpoints[usize::from(endpoint)].lock_free_for(enactor, at);
                Some(if free && !self.slow_fault_blocks(enactor, at) {
                    Event::EnactorTakesLock { enactor, endpoint }
                } else {
                    Event::EnactorLosesLock { enactor, endpoint }
                })
            }
            Phase::Writing { endpoint } => {
                // The batch deletes and re-creates the lock record: it aborts if the lock
                // record is no longer ours (it expired and another Enactor took it).
                if self.endpoints[usize::from(endpoint)].lock.map(|l| l.holder) != Some(enactor) {
                    Some(Event::EnactorLosesLock { enactor, endpoint })
                } else if self.rejection(enactor, endpoint).is_some() {
                    Some(Event::EnactorWriteFails { enactor, endpoint })
                } else {
                    Some(Event::EnactorWrites { enactor, endpoint })
                }
            }
            Phase::CleaningUp => Some(Event::EnactorCleansUp { enactor }),
            Phase::Rechecking { endpoint } => Some(Event::EnactorRechecks { enactor, endpoint }),
        }
    }

    /// Whether `enactor`'s Availability Zone has failed by `at` (the injected AZ failure).
    pub fn zone_down(&self, enactor: u8, at: u64) -> bool {
        self.scenario.az_failure_at_ms.is_some_and(|t| at >= t) && self.scenario.az_failure_enactor == enactor
    }

    /// Marks the load balancers whose scheduled failure (every `lb_failure_interval_ms`, in
    /// order) has come by now as unhealthy, always leaving the last one healthy.
    fn fail_load_balancers(&mut self) {
        let Some(every) = self.scenario.lb_failure_interval_ms else {
            return;
        };
        let due = (self.now_ms / every).min(self.lbs.len().saturating_sub(1) as u64) as usize;
        // Changed only when one more fails: copies of the world share the list until then.
        if self.lbs.iter().take(due).any(|lb| lb.healthy) {
            for lb in Rc::make_mut(&mut self.lbs).iter_mut().take(due) {
                lb.healthy = false;
            }
        }
    }

    /// With `plan-expiry`: whether `state`'s plan is older than the expiry at `at`. A plan
    /// already deleted from the store has no age to check: its write fails anyway.
    fn plan_expired(&self, state: &Enactor, at: u64) -> bool {
        self.scenario.has(Mitigation::PlanExpiry)
            && state
                .plan
                .and_then(|g| self.planner.store.get(&g))
                .is_some_and(|plan| at.saturating_sub(plan.published_at_ms) > self.scenario.plan_expiry_ms)
    }

    /// Whether the injected slow-Enactor fault makes `enactor`'s attempt at `at` fail.
    fn slow_fault_blocks(&self, enactor: u8, at: u64) -> bool {
        let losses = self.enactors[usize::from(enactor)].lock_losses;
        self.scenario
            .slow_enactor
            .as_ref()
            .is_some_and(|slow| slow.enactor == enactor && at >= slow.from_ms && losses < slow.lock_losses)
    }

    /// Why Route 53 would reject `enactor`'s change batch on `endpoint` now, if it would.
    /// Route 53 refuses an alias to a record that does not exist: the batch can neither
    /// point the rollback record at a deleted active tree (unless `self-repair` lets the
    /// Enactor skip that), nor the alias at a plan whose records a clean-up has deleted.
    /// With `conditional-write` the batch also carries the generation check, so it fails if
    /// the active plan is newer: checked and written in one atomic step.
    fn rejection(&self, enactor: u8, endpoint: u8) -> Option<Rejection> {
        let record = &self.endpoints[usize::from(endpoint)];
        let generation = self.enactors[usize::from(enactor)].plan?;
        if !record.active_tree_present() && !self.scenario.has(Mitigation::SelfRepair) {
            Some(Rejection::ActiveTreeMissing { active: record.alias })
        } else if !self.planner.store.contains_key(&generation) {
            Some(Rejection::PlanDeleted)
        } else if self.scenario.has(Mitigation::ConditionalWrite) && generation < record.alias {
            Some(Rejection::OlderThanActive { active: record.alias })
        } else if self.scenario.has(Mitigation::FencingToken)
            && self.enactors[usize::from(enactor)].token < record.fence
        {
            Some(Rejection::StaleToken {
                token: self.enactors[usize::from(enactor)].token,
                fence: record.fence,
            })
        } else {
            None
        }
    }

    /// Applies `event` if it is enabled now, and returns `None` (changing nothing) if it is
    /// not: the entry point for events that come from outside, such as a learner's choice or
    /// a shared link, which may name an actor or endpoint that does not exist.
    pub fn try_apply(&mut self, event: Event) -> Option<Step> {
        self.is_enabled(event).then(|| self.apply(event))
    }

    /// Whether `event` is among [`World::enabled`] now.
    pub fn is_enabled(&self, event: Event) -> bool {
        let mut enabled = Vec::new();
        self.enabled(&mut enabled);
        enabled.contains(&event)
    }

    /// Performs one event atomically, at the time its actor is ready (never before the
    /// current time), and returns what it changed and which invariants fail afterwards.
    /// `event` must come from [`World::enabled`] (schedulers call this in their inner loop,
    /// so it does not check again): use [`World::try_apply`] for anything else.
    pub fn apply(&mut self, event: Event) -> Step {
        let index = self.steps;
        let change = self.perform(event);
        Step { index, t_ms: self.now_ms, event, change, violations: invariants::check(self) }
    }

    /// [`World::apply`] without the invariant check: the exhaustive explorer checks only the
    /// states it has not seen before, a third of those it reaches.
    pub fn perform(&mut self, event: Event) -> Change {
        debug_assert!(self.is_enabled(event), "{event:?} is not enabled");
        self.now_ms = self.now_ms.max(self.ready_at(event.actor()));
        // Load balancers fail on their own schedule; the next plan leaves them out.
        self.fail_load_balancers();
        let change = match event {
            Event::PlannerPublishes => self.publish(),
            Event::EnactorPicksUp { enactor } => self.pick_up(enactor),
            Event::EnactorTakesLock { enactor, endpoint } => self.take_lock(enactor, endpoint),
            Event::EnactorLosesLock { enactor, endpoint } => self.lose_lock(enactor, endpoint),
            Event::EnactorWrites { enactor, endpoint } => self.write(enactor, endpoint),
            Event::EnactorWriteFails { enactor, endpoint } => self.write_fails(enactor, endpoint),
            Event::EnactorCleansUp { enactor } => self.clean_up(enactor),
            Event::ClientResolves { endpoint } => self.client_resolves(endpoint),
            Event::OperatorDiagnoses => self.diagnose(),
            Event::OperatorRepairs => self.repair(),
            Event::EnactorDropsPlan { enactor } => self.drop_plan(enactor),
            Event::EnactorRechecks { enactor, endpoint } => self.recheck(enactor, endpoint),
        };
        self.steps += 1;
        change
    }

    fn publish(&mut self) -> Change {
        let generation = self.planner.next_generation;
        let lbs = self.healthy_lbs();
        let count = lbs.len() as u8;
        Rc::make_mut(&mut self.planner.store)
            .insert(generation, Plan { generation, lbs, published_at_ms: self.now_ms });
        self.planner.next_generation += 1;
        let (lo, hi) = (self.scenario.planner_interval_ms_min, self.scenario.planner_interval_ms_max);
        self.planner.ready_at_ms = self.now_ms + self.draw(lo, hi);
        // Idle Enactors poll for new plans: each notices this one within a poll interval.
        for i in 0..self.enactors.len() {
            if self.enactors[i].phase == Phase::Idle {
                let notice = self.now_ms + self.draw_poll();
                self.enactors[i].ready_at_ms = self.enactors[i].ready_at_ms.max(notice);
            }
        }
        Change::Published { generation, lbs: count }
    }

    fn pick_up(&mut self, enactor: u8) -> Change {
        let recheck = self.scenario.has(Mitigation::RecheckBeforeWrite);
        let applied = self.applied_generation();
        let generation = self
            .planner
            .latest()
            .expect("an Enactor picks up only when a plan is published (World::enactor_next)")
            .generation;
        let fresh = generation > applied;
        let poll = self.draw_poll();
        let now = self.now_ms;
        let state = &mut self.enactors[usize::from(enactor)];
        state.seen = generation;
        if fresh {
            state.phase = approach(recheck, 0);
            state.plan = Some(generation);
            state.checked_at_ms = now;
            state.lock_losses = 0;
            state.token = self.next_token;
            self.next_token += 1;
        } else {
            state.ready_at_ms = now + poll;
        }
        Change::PickedUp { generation, applied, fresh }
    }

    /// The plan `enactor` holds. Only an Enactor out of `Idle` acts on a plan, and it holds
    /// one from its pick-up to `end_run`: a plan-less Enactor here is a scheduling bug,
    /// which would otherwise write, check or clean up as if it held plan 0.
    fn held_generation(&self, enactor: u8) -> Generation {
        self.enactors[usize::from(enactor)]
            .plan
            .expect("an Enactor out of Idle holds a plan from its pick-up to the end of its run")
    }

    fn take_lock(&mut self, enactor: u8, endpoint: u8) -> Change {
        let expires_at_ms = self.now_ms + self.scenario.lock_ttl_ms;
        self.endpoints[usize::from(endpoint)].lock = Some(Lock { holder: enactor, expires_at_ms });
        let batch = self.draw(self.scenario.write_ms_min, self.scenario.write_ms_max);
        let state = &mut self.enactors[usize::from(enactor)];
        state.phase = Phase::Writing { endpoint };
        state.ready_at_ms = self.now_ms + batch;
        Change::LockTaken { endpoint, generation: self.held_generation(enactor), expires_at_ms }
    }

    fn lose_lock(&mut self, enactor: u8, endpoint: u8) -> Change {
        let now = self.now_ms;
        let holder = self.endpoints[usize::from(endpoint)]
            .lock
            .filter(|l| l.holder != enactor && l.expires_at_ms > now)
            .map(|l| l.holder);
        let backoff_ms = match &self.scenario.slow_enactor {
            Some(slow) if self.slow_fault_blocks(enactor, now) => slow.backoff_ms,
            _ => self.draw(self.scenario.backoff_ms_min, self.scenario.backoff_ms_max),
        };
        let recheck = self.scenario.has(Mitigation::RecheckBeforeWrite);
        let state = &mut self.enactors[usize::from(enactor)];
        state.lock_losses += 1;
        state.phase = approach(recheck, endpoint);
        state.ready_at_ms = now + backoff_ms;
        Change::LockLost { endpoint, holder, backoff_ms, losses: state.lock_losses }
    }

    fn write(&mut self, enactor: u8, endpoint: u8) -> Change {
        let generation = self.held_generation(enactor);
        // Defaulting here would commit an empty tree: the incident's own bug class.
        let lbs = self
            .planner
            .store
            .get(&generation)
            .expect("a write is enabled only while its plan is stored (World::rejection)")
            .lbs;
        let token = self.enactors[usize::from(enactor)].token;
        let record = &mut self.endpoints[usize::from(endpoint)];
        let previous = record.commit(generation, lbs);
        if self.scenario.has(Mitigation::FencingToken) {
            record.fence = record.fence.max(token);
        }
        if self.broken_since_ms().is_none() {
            // A self-repairing write healed the last broken endpoint: nothing left to diagnose.
            self.diagnosed_at_ms = None;
        }
        let last = usize::from(endpoint) + 1 == self.endpoints.len();
        let recheck = self.scenario.has(Mitigation::RecheckBeforeWrite);
        let state = &mut self.enactors[usize::from(enactor)];
        state.lock_losses = 0;
        state.phase = if last { Phase::CleaningUp } else { approach(recheck, endpoint + 1) };
        Change::Wrote { endpoint, generation, previous, checked_at_ms: state.checked_at_ms }
    }

    fn write_fails(&mut self, enactor: u8, endpoint: u8) -> Change {
        let reason = self
            .rejection(enactor, endpoint)
            .expect("a write fails only when Route 53 has a reason (World::enactor_next)");
        let generation = self.held_generation(enactor);
        self.endpoints[usize::from(endpoint)].lock = None;
        // The run is abandoned; the Enactor tries the next plan after a pause.
        self.end_run(enactor, self.scenario.retry_after_failure_ms);
        Change::WriteRejected { endpoint, generation, reason }
    }

    fn clean_up(&mut self, enactor: u8) -> Change {
        let applied = self.held_generation(enactor);
        let margin = if self.scenario.has(Mitigation::WideCleanupMargin) {
            self.scenario.wide_cleanup_margin_generations
        } else {
            self.scenario.cleanup_margin_generations
        };
        let threshold = applied.saturating_sub(margin);
        let safe = self.scenario.has(Mitigation::SafeCleanup);
        let now = self.now_ms;
        // One list for the store's plans and every endpoint's trees, sorted at the end.
        let mut deleted: Vec<Generation> = Vec::new();
        if self.planner.store.first_key_value().is_some_and(|(&oldest, _)| oldest < threshold) {
            Rc::make_mut(&mut self.planner.store).remove_older_than(threshold, &[], &mut deleted);
        }
        let mut emptied = Vec::new();
        for (i, record) in self.endpoints.iter_mut().enumerate() {
            let was_present = record.active_tree_present();
            // Safe clean-up reads the records it is about to delete from, in the same step.
            let in_use = [record.rollback.unwrap_or(record.alias), record.alias];
            let keep: &[Generation] = if safe { &in_use } else { &[] };
            record.delete_older_than_into(threshold, keep, now, &mut deleted);
            if was_present && !record.active_tree_present() {
                emptied.push((i as u8, record.alias));
            }
        }
        deleted.sort_unstable();
        deleted.dedup();
        let poll = self.draw_poll();
        self.end_run(enactor, poll);
        Change::CleanedUp { applied, threshold, deleted, emptied }
    }

    fn client_resolves(&mut self, endpoint: u8) -> Change {
        self.client_ready_at_ms = self.now_ms + self.scenario.client_resolve_interval_ms;
        let addresses = resolver::resolve(self, usize::from(endpoint)).addresses.len() as u8;
        Change::Resolved { endpoint, addresses }
    }

    fn recheck(&mut self, enactor: u8, endpoint: u8) -> Change {
        let generation = self.held_generation(enactor);
        let applied = self.applied_generation();
        let passed = generation >= applied;
        // Drawn whether or not it passes, so that a re-check consumes the PRNG the same way.
        let poll = self.draw_poll();
        if passed {
            let state = &mut self.enactors[usize::from(enactor)];
            // A passing re-check is a freshness check: the write's age counts from here.
            state.checked_at_ms = self.now_ms;
            state.phase = Phase::Locking { endpoint };
            state.ready_at_ms = self.now_ms + self.scenario.recheck_ms;
        } else {
            self.end_run(enactor, poll);
        }
        Change::Rechecked { endpoint, generation, applied, passed }
    }

    fn drop_plan(&mut self, enactor: u8) -> Change {
        let generation = self.held_generation(enactor);
        let published = self
            .planner
            .store
            .get(&generation)
            .expect("a plan expires only while it is stored (World::plan_expired)")
            .published_at_ms;
        // A lock it holds is released with the plan.
        for record in &mut self.endpoints {
            if record.lock.is_some_and(|l| l.holder == enactor) {
                record.lock = None;
            }
        }
        let poll = self.draw_poll();
        self.end_run(enactor, poll);
        Change::PlanDropped { generation, age_ms: self.now_ms - published }
    }

    fn diagnose(&mut self) -> Change {
        let broken_since_ms = self
            .broken_since_ms()
            .expect("operators act only on a broken endpoint (World::for_each_enabled)");
        let broken_for_ms = self.now_ms - broken_since_ms;
        self.diagnosed_at_ms = Some(self.now_ms);
        if self.scenario.has(Mitigation::StuckAlarm) {
            Change::Alarmed { broken_for_ms }
        } else {
            Change::Diagnosed { broken_for_ms }
        }
    }

    /// "All DNS information restored by hand": every endpoint gets the latest plan, as
    /// both its active and its rollback plan.
    fn repair(&mut self) -> Change {
        self.diagnosed_at_ms = None;
        // A broken endpoint's alias names a published plan, and clean-up never deletes
        // the newest one: there is a plan to restore.
        let plan = self.planner.latest().cloned().expect("a broken endpoint implies a published plan");
        let broken = (0..self.endpoints.len() as u8)
            .filter(|&i| self.endpoints[usize::from(i)].broken_since_ms.is_some())
            .collect();
        for record in &mut self.endpoints {
            record.restore(plan.generation, plan.lbs);
        }
        Change::Repaired { broken, generation: plan.generation }
    }
}

/// The phase in which an Enactor approaches `endpoint`: straight to the lock, or through a
/// re-check first with `recheck-before-write`.
fn approach(recheck: bool, endpoint: u8) -> Phase {
    if recheck {
        Phase::Rechecking { endpoint }
    } else {
        Phase::Locking { endpoint }
    }
}
