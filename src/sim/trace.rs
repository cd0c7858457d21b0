//! A whole run: its steps, its narration, and the verdict.

use super::event::Step;
use super::invariants::Invariant;
use super::narration::narrate;
use super::vocabulary::{format_duration, format_pdt};
use crate::scenario::Scenario;
use serde::Serialize;

/// The first invariant violation of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct FirstViolation {
    /// Which invariant failed first (the first in display order if several failed at once).
    pub invariant: Invariant,
    /// Index of the step after which it failed.
    pub step: u32,
    /// Logical time of that step.
    pub t_ms: u64,
}

/// What happened to the record set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// Every endpoint answered with addresses throughout.
    Survived,
    /// An endpoint answered with zero addresses and the Enactors fixed it themselves.
    Emptied {
        /// When it first answered with zero addresses.
        at_ms: u64,
        /// How long it stayed empty (`None`: still empty when the run ended).
        for_ms: Option<u64>,
    },
    /// As `Emptied`, but the endpoint rejected every write meanwhile: it came back only when
    /// operators restored the records by hand.
    StuckUntilRepaired {
        /// When it first answered with zero addresses.
        at_ms: u64,
        /// How long until the repair (`None`: not repaired when the run ended).
        for_ms: Option<u64>,
    },
}

/// The verdict on a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Whether every endpoint answered with addresses at every step.
    pub record_survived: bool,
    /// The first violation of any invariant, if any.
    pub first_violation: Option<FirstViolation>,
    /// What happened to the record set.
    pub outcome: Outcome,
    /// Every invariant that failed at some step, in display order.
    pub violated: Vec<Invariant>,
    /// The run stopped at its budget ([`super::RunBudget`]) after this many events, before
    /// the scenario's end: the verdict speaks only of the events it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at_events: Option<u32>,
}

impl Verdict {
    /// Derives the verdict from the steps of a run.
    pub fn of(steps: &[Step]) -> Verdict {
        let first_violation = steps.iter().find_map(|s| {
            s.violations.first().map(|&invariant| FirstViolation { invariant, step: s.index, t_ms: s.t_ms })
        });
        let mut violated: Vec<Invariant> = steps.iter().flat_map(|s| s.violations.iter().copied()).collect();
        violated.sort();
        violated.dedup();
        let empty = |s: &Step| s.violations.contains(&Invariant::NeverEmpty);
        let outcome = match steps.iter().position(empty) {
            None => Outcome::Survived,
            Some(start) => {
                let at_ms = steps[start].t_ms;
                let back = steps[start..].iter().position(|s| !empty(s)).map(|n| start + n);
                let for_ms = back.map(|b| steps[b].t_ms - at_ms);
                let until = back.unwrap_or(steps.len());
                if steps[start..until].iter().any(|s| s.violations.contains(&Invariant::NeverStuck)) {
                    Outcome::StuckUntilRepaired { at_ms, for_ms }
                } else {
                    Outcome::Emptied { at_ms, for_ms }
                }
            }
        };
        Verdict {
            record_survived: outcome == Outcome::Survived,
            first_violation,
            outcome,
            violated,
            stopped_at_events: None,
        }
    }

    /// One line for people: "survived: …", "emptied at 23:48:05 for 2 h 37 min; …", and
    /// "; stopped at N events: the budget" when the run did not reach its end.
    pub fn summary(&self, clock_start_ms: u64) -> String {
        let outcome = self.outcome_summary(clock_start_ms);
        match self.stopped_at_events {
            Some(n) => format!(
                "{outcome}; stopped at {n} events: the budget (the run's memory on the page), before the scenario's end"
            ),
            None => outcome,
        }
    }

    /// [`Verdict::summary`] without the budget's note.
    fn outcome_summary(&self, clock_start_ms: u64) -> String {
        let clock = |t: u64| format_pdt(clock_start_ms + t);
        match self.outcome {
            Outcome::Survived if self.violated.contains(&Invariant::FreshEnough) => {
                "survived: every endpoint answered with addresses throughout, but some answers named load \
                 balancers that had failed their health checks"
                    .into()
            }
            Outcome::Survived => "survived: every endpoint answered with addresses throughout".into(),
            Outcome::Emptied { at_ms, for_ms: Some(d) } => format!(
                "emptied at {} for {}; the Enactors fixed it themselves",
                clock(at_ms),
                format_duration(d)
            ),
            Outcome::Emptied { at_ms, for_ms: None } => {
                format!("emptied at {} and still empty when the run ended", clock(at_ms))
            }
            Outcome::StuckUntilRepaired { at_ms, for_ms: Some(d) } => format!(
                "emptied at {} for {}; stuck until repaired: no Enactor could apply a newer plan until operators restored the records by hand",
                clock(at_ms),
                format_duration(d)
            ),
            Outcome::StuckUntilRepaired { at_ms, for_ms: None } => format!(
                "emptied at {}; stuck: no Enactor could apply a newer plan, and the run ended before operators repaired it",
                clock(at_ms)
            ),
        }
    }
}

/// One step as people and JSON consumers see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceEntry {
    /// Index of the step, from 0.
    pub step: u32,
    /// Logical time in milliseconds since the start of the run.
    pub t_ms: u64,
    /// PDT wall-clock time.
    pub clock: String,
    /// Who acted: "Planner", "Enactor A", "Client", "Operators".
    pub actor: String,
    /// The event kind: "EnactorWrites", ...
    pub kind: &'static str,
    /// One-sentence narration.
    pub text: String,
    /// Invariants that fail after this step.
    pub violations: Vec<Invariant>,
    /// Whether this is the step of the run's first violation.
    pub first_violation: bool,
}

/// A finished run.
#[derive(Clone, Debug)]
pub struct Trace {
    /// The scenario it ran.
    pub scenario: Scenario,
    /// Every applied event, in order.
    pub steps: Vec<Step>,
    /// The verdict on the run.
    pub verdict: Verdict,
    /// Whether the run stopped at its budget's events ([`super::RunBudget`]) before
    /// `duration_ms`: its verdict then speaks only of the steps it has, and says so
    /// ([`Verdict::stopped_at_events`]).
    pub truncated: bool,
}

impl Trace {
    /// Wraps the steps of a run of `scenario` and derives the verdict.
    pub fn new(scenario: Scenario, steps: Vec<Step>, truncated: bool) -> Trace {
        let verdict =
            Verdict { stopped_at_events: truncated.then_some(steps.len() as u32), ..Verdict::of(&steps) };
        Trace { scenario, steps, verdict, truncated }
    }

    /// The narrated entry of step `i`, or `None` past the end.
    pub fn entry(&self, i: usize) -> Option<TraceEntry> {
        let step = self.steps.get(i)?;
        Some(TraceEntry {
            step: step.index,
            t_ms: step.t_ms,
            clock: format_pdt(self.scenario.clock_start_ms + step.t_ms),
            actor: step.event.actor().label(),
            kind: step.event.kind(),
            text: narrate(step),
            violations: step.violations.clone(),
            first_violation: self.verdict.first_violation.is_some_and(|f| f.step == step.index),
        })
    }

    /// Every step, narrated.
    pub fn entries(&self) -> Vec<TraceEntry> {
        (0..self.steps.len()).filter_map(|i| self.entry(i)).collect()
    }

    /// Indices of the steps whose event is `event`'s kind (for tests and chapter marks).
    pub fn indices_of(&self, kind: &str) -> Vec<usize> {
        self.steps.iter().enumerate().filter(|(_, s)| s.event.kind() == kind).map(|(i, _)| i).collect()
    }

    /// A portable fingerprint of every step: equal on native and wasm32 when the traces are.
    pub fn digest(&self) -> u64 {
        super::portable_hash::portable_hash(&self.steps)
    }

    /// The trace and verdict as one JSON document: `scenario`, `events`, `verdict`.
    pub fn to_json(&self) -> serde_json::Value {
        let verdict = &self.verdict;
        let (emptied_at_ms, empty_for_ms) = match verdict.outcome {
            Outcome::Survived => (None, None),
            Outcome::Emptied { at_ms, for_ms } | Outcome::StuckUntilRepaired { at_ms, for_ms } => {
                (Some(at_ms), for_ms)
            }
        };
        serde_json::json!({
            "scenario": self.scenario,
            "digest": format!("{:016x}", self.digest()),
            "truncated": self.truncated,
            "events": self.entries(),
            "verdict": {
                "record_survived": verdict.record_survived,
                "first_violation": verdict.first_violation,
                "outcome": verdict.outcome,
                "emptied_at_ms": emptied_at_ms,
                "empty_for_ms": empty_for_ms,
                "violated": verdict.violated,
                "summary": verdict.summary(self.scenario.clock_start_ms),
            },
        })
    }
}
