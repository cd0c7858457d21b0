//! A finished run, ready to step through: the trace, its key steps, and checkpoints of the
//! world so that any position can be shown without replaying the whole run.
//!
//! Pure Rust: no Yew, no browser. The page keeps one [`Replay`] per scenario and asks it for
//! the world at the cursor on every render.

use super::highlights::key_steps;
use super::link::{Hand, Link};
use super::view::sequence::{hold_spans, HoldSpan};
use crate::scenario::{InvalidScenario, Scenario};
use crate::sim::{self, Invariant, Step, Trace, World};
use std::rc::Rc;

/// A run loaded into the timeline from elsewhere than the switches: a counterexample of the
/// explorer, or one of its random runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedRun {
    /// The run, ready to step through.
    pub replay: Rc<Replay>,
    /// What it is, as a heading: "Shortest counterexample: never-empty".
    pub title: String,
    /// Where it comes from, in a sentence.
    pub about: String,
    /// The command line that prints the same run.
    pub command: String,
    /// The link that reopens the same run (without this banner).
    pub link: Link,
}

/// A checkpoint is kept every this many events: seeking replays at most this many events
/// from the nearest one (microseconds), and memory stays a few clones per thousand events.
/// The clones share their plan store and record trees with each other (`Rc`, and past 64
/// generations a persistent tree: [`crate::sim::GenerationMap`]), so a checkpoint costs
/// its own world and the few entries that changed since the one before: the checkpoints'
/// memory grows with the events, not with the events times the plans.
const CHECKPOINT_EVERY: u32 = 64;

/// One run, as the page steps through it. A *position* counts the events applied: 0 is the
/// world before the first event, [`Replay::len`] the world after the last; the event "at"
/// position `p > 0` is step `p - 1`, the one that produced that world.
#[derive(Debug)]
pub struct Replay {
    /// The run: scenario, steps, verdict.
    pub trace: Trace,
    /// Whether each step is a key step (same indices as `trace.steps`).
    pub key_steps: Vec<bool>,
    /// The trace's portable digest in hex: equal to the command line's for the same scenario.
    pub digest: String,
    /// Every Enactor's hold of a plan, for the sequence diagram's stale bands.
    pub holds: Vec<HoldSpan>,
    /// The world after `k * CHECKPOINT_EVERY` events, for every `k` up to the end.
    checkpoints: Vec<World>,
}

impl Replay {
    /// Runs `scenario` with the timed scheduler and prepares it for stepping.
    pub fn run(scenario: &Scenario) -> Result<Replay, InvalidScenario> {
        Ok(Replay::of(sim::run(scenario)?))
    }

    /// `scenario` scheduled by hand: the first `hand.fork` events of its timed run, then one
    /// event of each actor in `hand.picks`. Picks come from links and imported files, so an
    /// actor that cannot move at its turn ends the schedule there; the second value says
    /// so (`None`: every pick was played).
    pub fn hand(scenario: &Scenario, hand: &Hand) -> Result<(Replay, Option<String>), InvalidScenario> {
        let timed = sim::run(scenario)?;
        let fork = hand.fork.min(timed.steps.len() as u32);
        let mut note = (fork < hand.fork).then(|| {
            format!("fork={}: the timed run has {} events; the schedule starts there", hand.fork, fork)
        });
        let mut world = World::new(scenario.clone());
        let mut steps: Vec<Step> = timed.steps.into_iter().take(fork as usize).collect();
        for step in &steps {
            world.apply(step.event);
        }
        let mut enabled = Vec::new();
        let events_max = sim::RunBudget::PAGE.events_max as usize;
        let mut stopped = false;
        for (i, &actor) in hand.picks.iter().enumerate() {
            if steps.len() >= events_max {
                stopped = true;
                note.get_or_insert(format!(
                    "pick: stopped at {} events: the budget ({} of {} picks played)",
                    steps.len(),
                    i,
                    hand.picks.len()
                ));
                break;
            }
            world.enabled(&mut enabled);
            let Some(&event) = enabled.iter().find(|e| e.actor() == actor) else {
                note.get_or_insert(format!(
                    "pick: {} cannot move after event {}; the schedule stops there ({} of {} picks played)",
                    actor.label(),
                    steps.len(),
                    i,
                    hand.picks.len()
                ));
                break;
            };
            steps.push(world.apply(event));
        }
        Ok((Replay::of(Trace::new(scenario.clone(), steps, stopped)), note))
    }

    /// Prepares a finished trace for stepping: replays its events once to keep checkpoints.
    pub fn of(trace: Trace) -> Replay {
        let mut world = World::new(trace.scenario.clone());
        let mut checkpoints = vec![world.clone()];
        for (i, step) in trace.steps.iter().enumerate() {
            world.apply(step.event);
            if (i as u32 + 1).is_multiple_of(CHECKPOINT_EVERY) {
                checkpoints.push(world.clone());
            }
        }
        let key_steps = key_steps(&trace.steps);
        let digest = format!("{:016x}", trace.digest());
        let holds = hold_spans(&trace.steps);
        Replay { trace, key_steps, digest, holds, checkpoints }
    }

    /// Number of events in the run: the last position.
    pub fn len(&self) -> u32 {
        self.trace.steps.len() as u32
    }

    /// Whether the run has no events at all.
    pub fn is_empty(&self) -> bool {
        self.trace.steps.is_empty()
    }

    /// The world after `position` events (clamped to the end of the run).
    pub fn world_at(&self, position: u32) -> World {
        let position = position.min(self.len());
        let k = (position / CHECKPOINT_EVERY) as usize;
        let mut world = self.checkpoints[k.min(self.checkpoints.len() - 1)].clone();
        for step in &self.trace.steps[world.steps as usize..position as usize] {
            world.apply(step.event);
        }
        world
    }

    /// The step that produced the world at `position` (`None` at position 0).
    pub fn step_at(&self, position: u32) -> Option<&Step> {
        position.checked_sub(1).and_then(|i| self.trace.steps.get(i as usize))
    }

    /// Logical time of the world at `position`: the time of the step that produced it.
    pub fn world_time_at(&self, position: u32) -> u64 {
        self.step_at(position).map_or(0, |s| s.t_ms)
    }

    /// The invariants that fail in the world at `position`.
    pub fn violations_at(&self, position: u32) -> &[Invariant] {
        self.step_at(position).map_or(&[], |s| s.violations.as_slice())
    }

    /// The position right after the run's first violation, if any.
    pub fn first_violation_position(&self) -> Option<u32> {
        self.trace.verdict.first_violation.map(|f| f.step + 1)
    }

    /// How many leading steps this run and `other` share: the same events with the same
    /// effects, in the same order. Runs of one scenario with different mitigations agree
    /// up to the first moment a mitigation acts.
    pub fn shared_prefix(&self, other: &Replay) -> u32 {
        self.trace.steps.iter().zip(&other.trace.steps).take_while(|(a, b)| a == b).count() as u32
    }

    /// The position of the next key step after `position` (the end if there is none).
    pub fn next_key_position(&self, position: u32) -> u32 {
        (position..self.len()).find(|&i| self.key_steps[i as usize]).map_or(self.len(), |i| i + 1)
    }

    /// The position of the last key step before `position` (0 if there is none).
    pub fn previous_key_position(&self, position: u32) -> u32 {
        (0..position.saturating_sub(1)).rev().find(|&i| self.key_steps[i as usize]).map_or(0, |i| i + 1)
    }

    /// Runs of consecutive positions in which `invariant` fails, as half-open ranges of
    /// positions `start..end`: the marks of the scrubber's invariant strip.
    pub fn failing_runs(&self, invariant: Invariant) -> Vec<(u32, u32)> {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for (i, step) in self.trace.steps.iter().enumerate() {
            if step.violations.contains(&invariant) {
                let position = i as u32 + 1;
                match runs.last_mut() {
                    Some((_, end)) if *end == position => *end = position + 1,
                    _ => runs.push((position, position + 1)),
                }
            }
        }
        runs
    }
}

impl PartialEq for Replay {
    /// A replay is never mutated after it is built, so identity is equality: comparing two
    /// `Rc<Replay>` props is a pointer comparison, not a walk over thousands of steps.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// The world at one position of a replay: what every panel of the page draws. Two moments
/// are equal when they are the same position of the same replay, so components re-render
/// only when the cursor moves or the run changes.
#[derive(Clone, Debug)]
pub struct Moment {
    /// The run.
    pub replay: Rc<Replay>,
    /// How many events have been applied.
    pub position: u32,
    /// The world after them.
    pub world: Rc<World>,
}

impl Moment {
    /// The world of `replay` at `position` (clamped to the run).
    pub fn at(replay: &Rc<Replay>, position: u32) -> Moment {
        let position = position.min(replay.len());
        Moment { replay: replay.clone(), position, world: Rc::new(replay.world_at(position)) }
    }

    /// The step that produced this world (`None` before the first event).
    pub fn step(&self) -> Option<&Step> {
        self.replay.step_at(self.position)
    }

    /// PDT wall-clock time of this moment, in milliseconds after midnight of 19 October.
    pub fn clock_ms(&self) -> u64 {
        self.replay.trace.scenario.clock_start_ms + self.world.now_ms
    }
}

impl PartialEq for Moment {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.replay, &other.replay) && self.position == other.position
    }
}
