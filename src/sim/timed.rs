//! The timed scheduler: the earliest-ready actor moves; ties are broken by the run's PRNG.

use super::trace::Trace;
use super::world::World;
use crate::scenario::{InvalidScenario, Scenario};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// Mixed into the seed for the scheduler's own stream, so its tie-breaks never consume the
/// world's draws (the golden ratio, as in SplitMix64).
const TIE_BREAK_STREAM: u64 = 0x9e37_79b9_7f4a_7c15;

/// A run stops after this many steps even if simulated time is left (and says so in
/// [`Trace::truncated`]): a guard against a hand-edited scenario that would make the page
/// or the command line run for ever.
pub const MAX_STEPS: usize = 200_000;

/// Plays `scenario` with the timed scheduler until `duration_ms` (or nothing can happen).
/// Same scenario, same trace, on every platform. Ties between actors ready at the same
/// millisecond are broken by the scheduler's own PRNG stream, derived from the seed.
pub fn run(scenario: &Scenario) -> Result<Trace, InvalidScenario> {
    scenario.validate()?;
    let mut world = World::new(scenario.clone());
    let mut tie_break = Pcg64Mcg::seed_from_u64(scenario.seed ^ TIE_BREAK_STREAM);
    let mut enabled = Vec::new();
    let mut ties = Vec::new();
    let mut steps = Vec::new();
    while steps.len() < MAX_STEPS {
        world.enabled(&mut enabled);
        let at = |w: &World, e: &super::Event| w.ready_at(e.actor()).max(w.now_ms);
        let Some(next) = enabled.iter().map(|e| at(&world, e)).min() else {
            break;
        };
        if next > scenario.duration_ms {
            break;
        }
        ties.clear();
        ties.extend(enabled.iter().copied().filter(|e| at(&world, e) == next));
        // Drawn as u32, never usize, so that wasm32 and 64-bit hosts draw alike.
        let pick = if ties.len() > 1 { tie_break.random_range(0..ties.len() as u32) as usize } else { 0 };
        steps.push(world.apply(ties[pick]));
    }
    let truncated = steps.len() >= MAX_STEPS;
    Ok(Trace::new(scenario.clone(), steps, truncated))
}
