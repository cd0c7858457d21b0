//! The sequence (space-time) diagram: a lane per actor, one column per event, a window of
//! events around the cursor. Every event is a mark on its actor's lane, with a message
//! arrow to the lane it touches (Route 53, the Planner's store, the clients). Each
//! Enactor's hold of a plan, from its one-time freshness check to the end of its run, is a
//! bar on its lane; the part of it after a newer plan was applied (the check has gone
//! stale) is drawn as a hatched band with its age in words.

use super::actor_class;
use crate::sim::{
    classify, format_duration, format_pdt, narrate, Actor, Change, Enactor, Event, Generation, Step, ROUTE53,
};
use crate::ui::replay::Moment;

/// The most events the diagram shows at once (on a wide screen).
pub const WINDOW: u32 = 33;
/// The fewest events it shows (on a phone).
pub const WINDOW_MIN: u32 = 9;
/// A clock label every this many columns.
const TICK_EVERY: u32 = 8;

pub mod drawing;

/// What kind of mark an event is drawn as: the core's one classification of a step.
pub use crate::sim::Glyph;

/// One event in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The position this event leads to: clicking the mark seeks here.
    pub position: u32,
    /// Column in the window, from 0.
    pub column: u32,
    /// The actor's lane.
    pub lane: u32,
    /// The lane the event's message arrow goes to or comes from, if any.
    pub other_lane: Option<u32>,
    /// Whether the arrow points from the actor to `other_lane` (`false`: it points in).
    pub outgoing: bool,
    /// Its shape.
    pub glyph: Glyph,
    /// Whether it did damage ([`crate::sim::Class::bad`]): drawn in the colour of a violation.
    pub bad: bool,
    /// Its accessible name: "Event 255 at 23:48:05 PDT: Enactor A writes ...".
    pub label: String,
    /// Whether this is the event at the cursor.
    pub current: bool,
    /// Whether it lies after the cursor.
    pub future: bool,
    /// Whether an invariant that held before fails after it.
    pub breaks: bool,
}

/// An Enactor's hold of one plan, from its freshness check to the end of its run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoldSpan {
    /// Which Enactor.
    pub enactor: u8,
    /// The plan it holds.
    pub generation: Generation,
    /// Step of the last freshness check: the pick-up (the one-time check), or with
    /// `recheck-before-write` the latest re-check that passed.
    pub checked_step: u32,
    /// Logical time of that check.
    pub checked_at_ms: u64,
    /// First step after which a newer plan than this one was applied somewhere: from here on
    /// the check's answer is stale.
    pub stale_step: Option<u32>,
    /// Step that ended the run (its clean-up or a rejected write); `None`: it still held the
    /// plan when the run ended.
    pub end_step: Option<u32>,
}

/// Every hold of a plan in a run, in order of pick-up.
pub fn hold_spans(steps: &[Step]) -> Vec<HoldSpan> {
    let mut spans: Vec<HoldSpan> = Vec::new();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut aliases: Vec<Generation> = Vec::new();
    for step in steps {
        match (&step.event, &step.change) {
            (Event::EnactorPicksUp { enactor }, Change::PickedUp { generation, fresh: true, .. }) => {
                open.retain(|(e, _)| e != enactor);
                open.push((*enactor, spans.len()));
                spans.push(HoldSpan {
                    enactor: *enactor,
                    generation: *generation,
                    checked_step: step.index,
                    checked_at_ms: step.t_ms,
                    stale_step: None,
                    end_step: None,
                });
            }
            (_, Change::Wrote { endpoint, generation, .. }) => {
                let i = usize::from(*endpoint);
                if aliases.len() <= i {
                    aliases.resize(i + 1, 0);
                }
                aliases[i] = *generation;
            }
            (_, Change::Repaired { generation, .. }) => aliases.iter_mut().for_each(|a| *a = *generation),
            // A passing re-check (`recheck-before-write`) is a fresh check: the hold's age
            // counts from here, as the narration of the write does.
            (Event::EnactorRechecks { enactor, .. }, Change::Rechecked { passed: true, .. }) => {
                if let Some(&(_, s)) = open.iter().find(|(e, _)| e == enactor) {
                    spans[s].checked_step = step.index;
                    spans[s].checked_at_ms = step.t_ms;
                    spans[s].stale_step = None;
                }
            }
            _ => {}
        }
        let applied = aliases.iter().copied().max().unwrap_or(0);
        for &(_, s) in &open {
            let span = &mut spans[s];
            if span.stale_step.is_none() && applied > span.generation {
                span.stale_step = Some(step.index);
            }
        }
        if let (Event::EnactorCleansUp { enactor } | Event::EnactorWriteFails { enactor, .. }, _) =
            (&step.event, &step.change)
        {
            if let Some(k) = open.iter().position(|(e, _)| e == enactor) {
                spans[open[k].1].end_step = Some(step.index);
                open.remove(k);
            }
        }
    }
    spans
}

/// A hold bar in the window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoldBar {
    /// The Enactor's lane.
    pub lane: u32,
    /// First column covered (0 when it started before the window).
    pub from_column: u32,
    /// Last column covered (the last column when it goes on after the window).
    pub to_column: u32,
    /// Whether it started before the window.
    pub clipped_left: bool,
    /// Whether it goes on after the window.
    pub clipped_right: bool,
    /// Whether this is the stale part of a hold.
    pub stale: bool,
    /// What the bar means, for the stale part: "A's check of plan 102 (23:36:57) is 11 min
    /// 8 s old".
    pub label: Option<String>,
    /// The position of the hold's freshness check: the stale band's label seeks there.
    pub checked_position: u32,
}

/// A lane of the diagram.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// Name on the left: "Enactor A", "Route 53".
    pub label: String,
    /// CSS modifier for its colour: "planner", "enactor-a", "route53", "client", "operators".
    pub class: &'static str,
}

/// A clock label on the time axis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tick {
    /// Column.
    pub column: u32,
    /// PDT clock time of that column's event.
    pub clock: String,
}

/// A pause between two neighbouring columns: the diagram spaces events evenly, so a long
/// quiet stretch is marked, lest eleven minutes look like five seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeBreak {
    /// The column after the pause.
    pub column: u32,
    /// The pause in words: "+4 min".
    pub label: String,
}

/// Pauses at least this long between neighbouring events are marked.
pub const TIME_BREAK_MS: u64 = 30_000;

/// Everything the sequence diagram draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SequenceView {
    /// The lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// The events in the window.
    pub marks: Vec<Mark>,
    /// Hold bars (and their stale parts) in the window.
    pub holds: Vec<HoldBar>,
    /// Clock labels.
    pub ticks: Vec<Tick>,
    /// Long pauses between neighbouring columns.
    pub breaks: Vec<TimeBreak>,
    /// Column of the event at the cursor, if it is in the window.
    pub cursor_column: Option<u32>,
    /// Events before and after the window: "312 earlier events", for the edges.
    pub hidden_before: u32,
    /// Events after the window.
    pub hidden_after: u32,
}

/// Lane indices: the Planner first, then the Enactors, Route 53, clients and operators.
struct Lanes {
    enactors: u32,
}

impl Lanes {
    fn route53(&self) -> u32 {
        self.enactors + 1
    }
    fn client(&self) -> u32 {
        self.enactors + 2
    }
    fn operators(&self) -> u32 {
        self.enactors + 3
    }
    fn of(&self, actor: Actor) -> u32 {
        match actor {
            Actor::Planner => 0,
            Actor::Enactor(i) => 1 + u32::from(i),
            Actor::Client => self.client(),
            Actor::Operator => self.operators(),
        }
    }
}

/// The first step index in a window of `columns` events for a cursor at `position` in a
/// run of `len` events: the cursor's event in the middle, clamped to the run.
pub fn window_start(position: u32, len: u32, columns: u32) -> u32 {
    position.saturating_sub(1).saturating_sub(columns / 2).min(len.saturating_sub(columns))
}

/// The diagram at `moment`, `columns` events wide (clamped to [`WINDOW_MIN`]..=[`WINDOW`]);
/// `spans` are the run's [`hold_spans`].
pub fn sequence(moment: &Moment, spans: &[HoldSpan], columns: u32) -> SequenceView {
    let columns = columns.clamp(WINDOW_MIN, WINDOW);
    let start = window_start(moment.position, moment.replay.len(), columns);
    sequence_between(moment, spans, start, start + columns)
}

/// The diagram at `moment` for the events `start..end` (clamped to the run), however many:
/// the page draws a window ([`sequence`]); a saved diagram draws the whole run.
pub fn sequence_between(moment: &Moment, spans: &[HoldSpan], start: u32, end: u32) -> SequenceView {
    let replay = &moment.replay;
    let steps = &replay.trace.steps;
    let len = replay.len();
    let clock_start_ms = replay.trace.scenario.clock_start_ms;
    let running = replay.trace.scenario.enactors_running();
    let lanes_of = Lanes { enactors: u32::from(running) };
    let end = end.min(len);
    let start = start.min(end);
    let current = moment.position.checked_sub(1);

    let lane = |actor: Actor| Lane { label: actor.lane_label(), class: actor_class(actor) };
    let mut lanes = vec![lane(Actor::Planner)];
    lanes.extend((0..running).map(|i| lane(Actor::Enactor(i))));
    lanes.push(Lane { label: ROUTE53.into(), class: "route53" });
    lanes.push(lane(Actor::Client));
    lanes.push(lane(Actor::Operator));

    let mut marks = Vec::with_capacity((end - start) as usize);
    let mut previous_violations =
        start.checked_sub(1).and_then(|i| steps.get(i as usize)).map_or(&[][..], |s| s.violations.as_slice());
    for step in steps.get(start as usize..end as usize).unwrap_or(&[]) {
        let lane = lanes_of.of(step.event.actor());
        let (other_lane, outgoing) = match step.event {
            Event::PlannerPublishes => (None, true),
            Event::EnactorPicksUp { .. } => (Some(0), false),
            Event::ClientResolves { .. } | Event::EnactorRechecks { .. } => (Some(lanes_of.route53()), false),
            Event::OperatorDiagnoses | Event::EnactorDropsPlan { .. } => (None, true),
            _ => (Some(lanes_of.route53()), true),
        };
        let breaks = step.violations.iter().any(|v| !previous_violations.contains(v));
        previous_violations = &step.violations;
        let class = classify(step);
        marks.push(Mark {
            position: step.index + 1,
            column: step.index - start,
            lane,
            other_lane,
            outgoing,
            glyph: class.glyph,
            bad: class.bad(),
            label: format!(
                "Event {} at {} PDT: {}",
                step.index + 1,
                format_pdt(clock_start_ms + step.t_ms),
                narrate(step)
            ),
            current: current == Some(step.index),
            future: current.is_none_or(|c| step.index > c),
            breaks,
        });
    }

    let mut holds = Vec::new();
    if end > start {
        let last = end - 1;
        for span in spans {
            let span_end = span.end_step.unwrap_or(len.saturating_sub(1));
            if span_end < start || span.checked_step > last {
                continue;
            }
            let lane = 1 + u32::from(span.enactor);
            let stale_from = span.stale_step.filter(|&s| s <= span_end);
            let fresh_end = stale_from.map_or(span_end, |s| s.saturating_sub(1));
            let mut push = |from: u32, to: u32, stale: bool, label: Option<String>| {
                if to < start || from > last || to < from {
                    return;
                }
                holds.push(HoldBar {
                    lane,
                    from_column: from.max(start) - start,
                    to_column: to.min(last) - start,
                    clipped_left: from < start,
                    clipped_right: to > last,
                    stale,
                    label,
                    checked_position: span.checked_step + 1,
                });
            };
            if stale_from != Some(span.checked_step) {
                push(span.checked_step, fresh_end, false, None);
            }
            if let Some(stale) = stale_from {
                push(stale, span_end, true, Some(stale_label(moment, span, span_end)));
            }
        }
    }

    let ticks = (start..end)
        .filter(|i| (i - start).is_multiple_of(TICK_EVERY))
        .filter_map(|i| steps.get(i as usize))
        .map(|s| Tick { column: s.index - start, clock: format_pdt(clock_start_ms + s.t_ms) })
        .collect();

    let breaks = (start + 1..end)
        .filter_map(|i| Some((i, steps.get(i as usize - 1)?.t_ms, steps.get(i as usize)?.t_ms)))
        .filter(|(_, before, after)| after - before >= TIME_BREAK_MS)
        .map(|(i, before, after)| TimeBreak {
            column: i - start,
            label: format!("+{}", format_duration(after - before)),
        })
        .collect();

    SequenceView {
        lanes,
        marks,
        holds,
        ticks,
        breaks,
        cursor_column: current.filter(|c| (start..end).contains(c)).map(|c| c - start),
        hidden_before: start,
        hidden_after: len - end,
    }
}

/// The words on a stale band, as of the cursor (or the end of the hold if the cursor is
/// past it): how old the check is and which newer plan is applied.
fn stale_label(moment: &Moment, span: &HoldSpan, span_end: u32) -> String {
    let name = Enactor::name(span.enactor);
    let steps = &moment.replay.trace.steps;
    let at_ms = match moment.position.checked_sub(1) {
        Some(c) if c >= span.checked_step && c <= span_end => moment.world.now_ms,
        _ => steps.get(span_end as usize).map_or(span.checked_at_ms, |s| s.t_ms),
    };
    let clock_start_ms = moment.replay.trace.scenario.clock_start_ms;
    format!(
        "{name}'s check of plan {} ({}) is {} old",
        span.generation,
        format_pdt(clock_start_ms + span.checked_at_ms),
        format_duration(at_ms.saturating_sub(span.checked_at_ms))
    )
}
