//! What the narration panel says at a moment: the event's sentence, the PDT clock, the time
//! elapsed, whether that time is published or assumed, and the few events before it.

use crate::scenario::Scenario;
use crate::sim::{classify, format_duration, format_pdt, narrate, Actor, Change, Glyph, Invariant, Step};
use crate::ui::replay::Moment;

/// How many earlier events the panel lists.
pub const PREVIOUS_EVENTS: usize = 3;

/// Where a clock time comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockSource {
    /// AWS published this moment's time (to the minute): the record emptying at 23:48, the
    /// diagnosis at 00:38, the repair at 02:25. The simulated seconds are still assumed.
    Published(&'static str),
    /// The time follows from assumed durations.
    Assumed,
}

/// One earlier event, in a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierEvent {
    /// The position this event leads to (seek here to see it).
    pub position: u32,
    /// PDT clock time.
    pub clock: String,
    /// The narration (it names who acted).
    pub text: String,
    /// Whether an invariant failed right after it.
    pub violation: bool,
}

/// Everything the narration panel shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NarrationView {
    /// "Event 255 of 933", or "Before the first event".
    pub progress: String,
    /// PDT clock time of the moment: "23:48:05".
    pub clock: String,
    /// Where the clock time comes from.
    pub clock_source: ClockSource,
    /// Time since the replay started: "13 min 5 s".
    pub elapsed: String,
    /// Who acted (`None` before the first event).
    pub actor: Option<Actor>,
    /// The sentence.
    pub sentence: String,
    /// Invariants failing in this world.
    pub violations: Vec<Invariant>,
    /// Up to [`PREVIOUS_EVENTS`] events before this one, most recent last.
    pub earlier: Vec<EarlierEvent>,
    /// Whether the run is the incident's scenario (mitigations aside), whose order of events
    /// follows AWS's account; a run from the explorer has the explorer's or a seed's order.
    pub incident: bool,
}

/// Which of AWS's timeline entries a step of the unchanged incident is, if any. Any other
/// run (a mitigation, another seed) has no published times.
fn published_time(step: &Step, incident: bool) -> Option<&'static str> {
    if !incident {
        return None;
    }
    match classify(step).glyph {
        Glyph::CleanUpEmptied => Some("AWS: the regional record was empty from 23:48 PDT"),
        Glyph::Diagnose => Some("AWS: engineers identified DNS as the cause at 00:38 PDT"),
        Glyph::Repair => Some("AWS: all DNS information was restored at 02:25 PDT"),
        _ => None,
    }
}

/// The narration at `moment`.
pub fn narration(moment: &Moment) -> NarrationView {
    let replay = &moment.replay;
    let clock_start_ms = replay.trace.scenario.clock_start_ms;
    let step = moment.step();
    let earlier_from = moment.position.saturating_sub(1).saturating_sub(PREVIOUS_EVENTS as u32);
    let earlier = (earlier_from..moment.position.saturating_sub(1))
        .filter_map(|i| replay.trace.steps.get(i as usize))
        .map(|s| EarlierEvent {
            position: s.index + 1,
            clock: format_pdt(clock_start_ms + s.t_ms),
            text: narrate(s),
            violation: !s.violations.is_empty(),
        })
        .collect();
    let (progress, actor, sentence) = match step {
        Some(step) => (
            format!("Event {} of {}", moment.position, replay.len()),
            Some(step.event.actor()),
            narrate(step) + &self_repair_note(moment, step),
        ),
        None => ("Before the first event".to_string(), None, start_sentence(moment)),
    };
    NarrationView {
        progress,
        clock: format_pdt(moment.clock_ms()),
        clock_source: step
            .and_then(|s| published_time(s, replay.trace.scenario == Scenario::incident()))
            .map_or(ClockSource::Assumed, ClockSource::Published),
        elapsed: format_duration(moment.world.now_ms),
        incident: replay.trace.scenario.is_incident(),
        actor,
        sentence,
        violations: moment.step().map(|s| s.violations.clone()).unwrap_or_default(),
        earlier,
    }
}

/// The sentence before anything has happened: the starting state in words.
fn start_sentence(moment: &Moment) -> String {
    let world = &moment.world;
    let active = world.applied_generation();
    format!(
        "All is well: plan {active} is active on all {} endpoints, {} Enactors wait for the Planner's next plan, \
         and clients get {} addresses for the regional endpoint.",
        world.endpoints.len(),
        world.enactors.len(),
        crate::sim::resolve(world, 0).addresses.len()
    )
}

/// With `self-repair`, a write onto an endpoint whose alias pointed at deleted records is
/// the moment the record comes back: say so (the step alone cannot tell).
fn self_repair_note(moment: &Moment, step: &Step) -> String {
    let Change::Wrote { endpoint, previous, .. } = step.change else {
        return String::new();
    };
    let before = moment.replay.world_at(moment.position.saturating_sub(1));
    let was_broken = before.endpoints.get(usize::from(endpoint)).is_some_and(|e| !e.active_tree_present());
    if was_broken {
        crate::sim::self_repair_note(previous)
    } else {
        String::new()
    }
}
