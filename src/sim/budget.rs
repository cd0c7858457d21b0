//! The budget of a timed run: how many events it may play and how many plans it may keep,
//! derived from the memory of the page that holds it.

use super::vocabulary::format_duration;
use crate::scenario::{InvalidScenario, Scenario};

/// Everything the page may hold in wasm memory: a phone's tab. Wasm memory only grows, so
/// what a run allocates at its peak stays the page's until it is closed.
pub const PAGE_MEMORY_BYTES: u64 = 256 << 20;

/// What the page holds besides its runs: the code, Yew's tree, the view models and the
/// charts. Measured at 2.1 MiB of wasm memory with the incident shown (the README's memory
/// table); the rest is margin for the explorer's counterexamples and the views of a long
/// run.
pub const PAGE_OWN_BYTES: u64 = 64 << 20;

/// How many runs the page holds at once at most: the run shown and the same run without
/// mitigations to compare with, and, while a new link's pair is made, the pair it replaces.
pub const RUNS_HELD_MAX: u64 = 4;

/// What one event of a run costs the page, all included: its step in the trace, its share
/// of the checkpoints (a world every 64 events, sharing the plan store with the others),
/// the key steps and hold bands, and a plan in the store when the event publishes one.
/// Measured natively with a counting allocator at the peak of a run in which every event
/// publishes a plan that clean-up never deletes (the worst case: 357 bytes per event at a
/// 100 ms interval over 2 h), rounded up for the allocator's own overhead.
pub const RUN_BYTES_PER_EVENT: u64 = 512;

/// What a run may hold: at most `events_max` events, and a Planner that publishes at most
/// `plans_max` plans. A scenario whose clock-driven actors alone (the Planner, the client)
/// would exceed it is refused before it runs ([`RunBudget::admit`]); a run whose Enactors
/// reach it stops there and says so ([`super::Trace::truncated`], the verdict's
/// "stopped at N events: the budget").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunBudget {
    /// Events a run may play.
    pub events_max: u32,
    /// Plans the Planner may publish in a run (every one may stay in the store, and each
    /// is an event): less than `events_max`, so that the Enactors have events left.
    pub plans_max: u32,
}

impl RunBudget {
    /// The budget of every timed run, on the page and on the command line alike (so that
    /// both print the same trace and digest for a scenario): the page's memory less its
    /// own, shared by the runs it holds at once, at the measured cost of an event. 256 MiB
    /// less 64 MiB, over 4 runs, at 512 bytes: 98,304 events, five sixths of them plans.
    pub const PAGE: RunBudget = {
        let events = (PAGE_MEMORY_BYTES - PAGE_OWN_BYTES) / RUNS_HELD_MAX / RUN_BYTES_PER_EVENT;
        RunBudget { events_max: events as u32, plans_max: (events * 5 / 6) as u32 }
    };

    /// The largest memory a run within this budget may hold, by the measured cost of an
    /// event.
    pub fn run_bytes_max(&self) -> u64 {
        u64::from(self.events_max) * RUN_BYTES_PER_EVENT
    }

    /// Refuses, before it runs, a scenario whose Planner or client alone would exceed this
    /// budget, naming the knob and the smallest value that fits. Both act on a clock: the
    /// Planner publishes at most once every `planner_interval_ms_min` (and at most
    /// `planner_plans_max` times), the client resolves once every
    /// `client_resolve_interval_ms`, so their events by `duration_ms` are bounded before the
    /// run. The Enactors' events depend on the race itself: a run stops if they reach the
    /// budget. `scenario` must have passed [`Scenario::validate`].
    pub fn admit(&self, scenario: &Scenario) -> Result<(), InvalidScenario> {
        let duration = scenario.duration_ms;
        let publishes = publishes_max(scenario);
        if publishes > u64::from(self.plans_max) {
            // The Planner's n-th plan comes at n intervals or later: floor(duration / min)
            // plans at most, which fits when min > duration / (plans_max + 1).
            let smallest = duration / (u64::from(self.plans_max) + 1) + 1;
            return Err(InvalidScenario {
                knob: "planner_interval_ms_min",
                problem: format!(
                    "{} ms would publish up to {publishes} plans in {}, over the {} a run may keep \
                     (the page's budget of {} MB of memory); the smallest interval that fits is \
                     {smallest} ms (or a shorter duration_ms, or planner_plans_max)",
                    scenario.planner_interval_ms_min,
                    format_duration(duration),
                    self.plans_max,
                    PAGE_MEMORY_BYTES >> 20,
                ),
            });
        }
        let resolves = duration / scenario.client_resolve_interval_ms;
        let left = u64::from(self.events_max) - publishes;
        if resolves > left {
            let smallest = duration / (left + 1) + 1;
            return Err(InvalidScenario {
                knob: "client_resolve_interval_ms",
                problem: format!(
                    "{} ms would resolve up to {resolves} times in {}, with the Planner's {publishes} \
                     plans over the {} events a run may play (the page's budget of {} MB of memory); \
                     the smallest interval that fits is {smallest} ms (or a shorter duration_ms)",
                    scenario.client_resolve_interval_ms,
                    format_duration(duration),
                    self.events_max,
                    PAGE_MEMORY_BYTES >> 20,
                ),
            });
        }
        Ok(())
    }
}

/// The most plans the Planner of `scenario` can publish by its end: one per
/// `planner_interval_ms_min` at most, and no more than `planner_plans_max`.
fn publishes_max(scenario: &Scenario) -> u64 {
    let by_clock = scenario.duration_ms / scenario.planner_interval_ms_min;
    scenario.planner_plans_max.map_or(by_clock, |max| by_clock.min(max.into()))
}
