//! The timed scheduler: the earliest-ready actor moves; ties are broken by the run's PRNG.

use super::budget::RunBudget;
use super::event::Event;
use super::trace::Trace;
use super::world::World;
use crate::scenario::{InvalidScenario, Scenario};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Mixed into the seed for the scheduler's own stream, so its tie-breaks never consume the
/// world's draws (the golden ratio, as in SplitMix64).
const TIE_BREAK_STREAM: u64 = 0x9e37_79b9_7f4a_7c15;

/// Chooses the next event of a timed run: the one whose actor is ready first, ties broken
/// by the scheduler's own PRNG stream, derived from the seed. Same scenario, same choices,
/// on every platform.
pub struct TimedScheduler {
    tie_break: Pcg64Mcg,
    /// The enabled events tied for the earliest time, in `enabled` order (kept between
    /// choices, so that a choice allocates nothing).
    tied: Vec<Event>,
}

impl TimedScheduler {
    /// The scheduler for a run seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        TimedScheduler { tie_break: Pcg64Mcg::seed_from_u64(seed ^ TIE_BREAK_STREAM), tied: Vec::new() }
    }

    /// The event that happens next in `world`, or `None` if nothing can happen by
    /// `until_ms`.
    pub fn next(&mut self, world: &World, until_ms: u64) -> Option<Event> {
        self.next_timed(world, until_ms).map(|(_, event)| event)
    }

    /// As [`TimedScheduler::next`], with the time at which the event happens (the time its
    /// actor is ready, never before the world's clock): what [`World::apply`] sets the
    /// clock to.
    pub fn next_timed(&mut self, world: &World, until_ms: u64) -> Option<(u64, Event)> {
        // One pass over the enabled events: the earliest time so far and the events tied
        // for it, in `enabled` order.
        let mut earliest = u64::MAX;
        let tied = &mut self.tied;
        tied.clear();
        world.for_each_enabled(|at_ms, event| {
            if at_ms < earliest {
                earliest = at_ms;
                tied.clear();
            }
            if at_ms == earliest {
                tied.push(event);
            }
        });
        if tied.is_empty() || earliest > until_ms {
            return None;
        }
        let ties = tied.len();
        // Drawn as u32, never usize, so that wasm32 and 64-bit hosts draw alike.
        let pick = if ties > 1 { self.tie_break.random_range(0..ties as u32) as usize } else { 0 };
        Some((earliest, tied[pick]))
    }
}

/// Plays `scenario` with the timed scheduler until `duration_ms` (or nothing can happen),
/// within the page's budget ([`RunBudget::PAGE`]). Same scenario, same trace, on every
/// platform.
pub fn run(scenario: &Scenario) -> Result<Trace, InvalidScenario> {
    run_within(scenario, &RunBudget::PAGE)
}

/// As [`run`], within `budget`: a scenario whose Planner or client alone would exceed it is
/// refused before it runs; a run that reaches its events stops there, and its trace says
/// so ([`Trace::truncated`]).
pub fn run_within(scenario: &Scenario, budget: &RunBudget) -> Result<Trace, InvalidScenario> {
    scenario.validate()?;
    budget.admit(scenario)?;
    let mut world = World::new(scenario.clone());
    let mut scheduler = TimedScheduler::new(scenario.seed);
    let events_max = budget.events_max as usize;
    let mut steps = Vec::new();
    while steps.len() < events_max {
        let Some(event) = scheduler.next(&world, scenario.duration_ms) else {
            break;
        };
        steps.push(world.apply(event));
    }
    // Stopped by the budget only if something could still happen before the end.
    let truncated = steps.len() >= events_max && scheduler.next(&world, scenario.duration_ms).is_some();
    // The trace is kept for as long as the page shows the run: without the room a growing
    // vector leaves (up to as much again).
    steps.shrink_to_fit();
    Ok(Trace::new(scenario.clone(), steps, truncated))
}
