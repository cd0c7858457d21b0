//! What a run actually shows, in a few sentences read from its trace: what became of the
//! plan the slow Enactor held, what stopped (or did not stop) the race, and the cost a
//! "survived" verdict can hide (records lagging the Planner).
//!
//! Written from the run, not beside it: a mitigation's own description says what it is
//! meant to do; this says what happened, so that the side by side, the command line and the
//! README cannot tell a story the run does not show (with `fencing-token` the incident
//! survives because clean-up deleted A's plan first, not because a token rejected it).

use super::event::{Actor, Change, Rejection, Step};
use super::trace::Trace;
use super::vocabulary::{endpoint_phrase, format_duration, format_pdt, sentence_case};
use super::Generation;

/// A lag of the records behind the Planner worth telling, in plans: below this the
/// Enactors are merely a cycle or two behind, as on any calm day.
const LAG_TOLD_PLANS: u32 = 10;

/// The fate of the plan the slow Enactor held when its delays began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// It wrote the plan over a newer one: the stale write.
    WroteStale,
    /// It wrote the plan, and nothing newer had been applied there.
    Wrote,
    /// A clean-up had deleted the plan: the write was rejected.
    DeletedFirst,
    /// Route 53 rejected it as older than the active plan (`conditional-write`).
    RejectedOlder,
    /// Route 53 rejected its lease token (`fencing-token`).
    RejectedToken,
    /// Its re-check saw a newer plan applied (`recheck-before-write`).
    DroppedOnRecheck,
    /// It expired (`plan-expiry`).
    Expired,
}

/// What the run shows: the slow Enactor's plan, its fate and the sentences that tell it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// The plan the slow Enactor held when its delays began, and its fate (`None`: no slow
    /// Enactor in this scenario, or its plan had no fate before the run ended).
    pub fate: Option<(Generation, Fate)>,
    /// The largest lag of an endpoint behind the Planner while the record answered, in
    /// plans: (endpoint, plan it served, the Planner's newest then, until when, ms).
    pub lag: Option<(u8, Generation, Generation, u64)>,
    /// Plain sentences, in order.
    pub lines: Vec<String>,
}

/// Reads what `trace` shows.
pub fn story(trace: &Trace) -> Story {
    let clock = |t: u64| format_pdt(trace.scenario.clock_start_ms + t);
    let mut lines = Vec::new();
    let fate = slow_plan_fate(trace);
    if let Some((generation, fate, at)) = fate {
        let step = &trace.steps[at];
        let who = step.event.actor().label();
        let when = clock(step.t_ms);
        lines.push(match (&step.change, fate) {
            (Change::Wrote { previous, checked_at_ms, .. }, Fate::WroteStale) => format!(
                "{who} wrote its plan {generation} over the newer plan {previous} at {when}: its freshness check was {} old (time of check to time of use).",
                format_duration(step.t_ms.saturating_sub(*checked_at_ms))
            ),
            (Change::Wrote { checked_at_ms, endpoint, .. }, _) => format!(
                "{who} wrote plan {generation} to {} at {when}, {} after checking it; no newer plan had been applied there, so nothing went backwards.",
                endpoint_phrase(*endpoint),
                format_duration(step.t_ms.saturating_sub(*checked_at_ms))
            ),
            (_, Fate::DeletedFirst) => {
                let deleted = deletion_of(trace, generation, at).map_or_else(String::new, |t| format!(" at {}", clock(t)));
                let mut text = format!(
                    "A clean-up deleted plan {generation}{deleted}, before {who} could write it: its write at {when} was rejected because the plan's records were gone. The record survived because clean-up got there first"
                );
                if trace.scenario.mitigations.is_empty() {
                    text.push('.');
                } else {
                    text.push_str(", not because of the mitigation.");
                }
                text
            }
            (Change::WriteRejected { reason: Rejection::OlderThanActive { active }, .. }, _) => format!(
                "Route 53 rejected {who}'s plan {generation} inside the write transaction at {when}: plan {active} was already active."
            ),
            (Change::WriteRejected { reason: Rejection::StaleToken { token, fence }, .. }, _) => format!(
                "Route 53 rejected {who}'s write of plan {generation} at {when}: its lease token {token} is lower than token {fence}, already used there."
            ),
            (Change::Rechecked { applied, .. }, _) => format!(
                "{who}'s re-check at {when} saw plan {applied} already applied and dropped plan {generation}."
            ),
            (Change::PlanDropped { age_ms, .. }, _) => format!(
                "{who} dropped plan {generation} at {when}, {} after its publication: past its expiry, before it could write it.",
                format_duration(*age_ms)
            ),
            _ => format!("{who}'s plan {generation} met its fate at {when}."),
        });
        // Where the mitigation did not act on the slow plan, say where it did act.
        if fate == Fate::DeletedFirst {
            if let Some(first) = first_mitigation_act(trace) {
                lines.push(format!(
                    "The mitigation does act elsewhere in this run, first at {}: {}",
                    clock(trace.steps[first].t_ms),
                    super::narrate(&trace.steps[first])
                ));
            }
        }
    }
    let lag = largest_lag(trace);
    if let Some((endpoint, served, newest, until)) = lag {
        if trace.verdict.record_survived {
            lines.push(format!(
                "The cost: the records lagged the Planner. {} served plan {served} until {}, while the Planner had reached plan {newest}, {} plans ahead.",
                sentence_case(endpoint_phrase(endpoint)),
                clock(until),
                newest - served
            ));
        }
    }
    Story { fate: fate.map(|(g, f, _)| (g, f)), lag, lines }
}

/// The sentence added to a write that lands on an endpoint whose alias pointed at a deleted
/// plan (`self-repair`): the step alone cannot tell, so the page and the command line add it.
pub fn self_repair_note(previous: Generation) -> String {
    format!(" Plan {previous}'s records were gone: with self-repair the Enactor wrote anyway, and the endpoint answers again.")
}

/// The steps of `trace` that are writes onto an endpoint whose active plan a clean-up had
/// deleted: where self-repair brings the record back.
pub fn self_repairs(trace: &Trace) -> Vec<usize> {
    let mut broken = vec![false; usize::from(trace.scenario.endpoint_count)];
    let mut out = Vec::new();
    for (i, step) in trace.steps.iter().enumerate() {
        match &step.change {
            Change::CleanedUp { emptied, .. } => {
                for &(e, _) in emptied {
                    if let Some(b) = broken.get_mut(usize::from(e)) {
                        *b = true;
                    }
                }
            }
            Change::Wrote { endpoint, .. } => {
                if let Some(b) = broken.get_mut(usize::from(*endpoint)) {
                    if *b {
                        out.push(i);
                    }
                    *b = false;
                }
            }
            Change::Repaired { .. } => broken.iter_mut().for_each(|b| *b = false),
            _ => {}
        }
    }
    out
}

/// The slow Enactor's plan (its first fresh pick-up once its delays begin) and the index of
/// the step that decided its fate.
fn slow_plan_fate(trace: &Trace) -> Option<(Generation, Fate, usize)> {
    let slow = trace.scenario.slow_enactor.as_ref()?;
    let actor = Actor::Enactor(slow.enactor);
    let steps = &trace.steps;
    // The plan it holds when the delays begin: its last fresh pick-up before its first
    // delayed attempt at or after `from_ms`.
    let first_delay = steps.iter().position(|s| {
        s.event.actor() == actor && s.t_ms >= slow.from_ms && matches!(s.change, Change::LockLost { .. })
    })?;
    let (pick, generation) =
        steps[..first_delay].iter().enumerate().rev().find_map(|(i, s)| match s.change {
            Change::PickedUp { generation, fresh: true, .. } if s.event.actor() == actor => {
                Some((i, generation))
            }
            _ => None,
        })?;
    steps.iter().enumerate().skip(pick + 1).filter(|(_, s)| s.event.actor() == actor).find_map(|(i, s)| {
        let fate = fate_of(s, generation)?;
        Some((generation, fate, i))
    })
}

/// The fate `step` decides for plan `generation`, if it decides one.
fn fate_of(step: &Step, generation: Generation) -> Option<Fate> {
    match &step.change {
        Change::Wrote { generation: g, .. } if *g == generation => {
            Some(if step.change.overwrote_newer() { Fate::WroteStale } else { Fate::Wrote })
        }
        Change::WriteRejected { generation: g, reason, .. } if *g == generation => Some(match reason {
            Rejection::PlanDeleted => Fate::DeletedFirst,
            Rejection::OlderThanActive { .. } => Fate::RejectedOlder,
            Rejection::StaleToken { .. } => Fate::RejectedToken,
            // The active plan's tree is missing: the record already broke; the plan did not
            // get written.
            Rejection::ActiveTreeMissing { .. } => Fate::DeletedFirst,
        }),
        Change::Rechecked { generation: g, passed: false, .. } if *g == generation => {
            Some(Fate::DroppedOnRecheck)
        }
        Change::PlanDropped { generation: g, .. } if *g == generation => Some(Fate::Expired),
        _ => None,
    }
}

/// When a clean-up before step `before` deleted `generation`.
fn deletion_of(trace: &Trace, generation: Generation, before: usize) -> Option<u64> {
    trace.steps[..before].iter().rev().find_map(|s| match &s.change {
        Change::CleanedUp { deleted, .. } if deleted.contains(&generation) => Some(s.t_ms),
        _ => None,
    })
}

/// The first step at which a mitigation itself acted: a rejection it causes or a plan it
/// drops.
fn first_mitigation_act(trace: &Trace) -> Option<usize> {
    trace.steps.iter().position(|s| {
        matches!(
            s.change,
            Change::WriteRejected {
                reason: Rejection::OlderThanActive { .. } | Rejection::StaleToken { .. },
                ..
            } | Change::Rechecked { passed: false, .. }
                | Change::PlanDropped { .. }
        )
    })
}

/// The largest lag of an endpoint's active plan behind the Planner's newest, while the
/// endpoint answered: (endpoint, plan, the Planner's newest when the endpoint moved on,
/// when it moved on). Only lags of [`LAG_TOLD_PLANS`] or more are told.
fn largest_lag(trace: &Trace) -> Option<(u8, Generation, Generation, u64)> {
    let endpoints = usize::from(trace.scenario.endpoint_count);
    let start = trace.scenario.generation_start;
    let mut active: Vec<Generation> = vec![start; endpoints];
    let mut newest = start;
    let mut best: Option<(u8, Generation, Generation, u64)> = None;
    let mut consider = |e: usize, served: Generation, newest: Generation, until: u64| {
        let lag = newest.saturating_sub(served);
        if lag >= LAG_TOLD_PLANS && best.is_none_or(|(_, s, n, _)| lag > n - s) {
            best = Some((e as u8, served, newest, until));
        }
    };
    for step in &trace.steps {
        match &step.change {
            Change::Published { generation, .. } => newest = newest.max(*generation),
            Change::Wrote { endpoint, generation, .. } => {
                let e = usize::from(*endpoint);
                if e < endpoints && *generation != active[e] {
                    consider(e, active[e], newest, step.t_ms);
                    active[e] = *generation;
                }
            }
            Change::CleanedUp { emptied, .. } => {
                // An emptied endpoint serves nothing: its lag is not a staleness.
                for &(e, _) in emptied {
                    if let Some(a) = active.get_mut(usize::from(e)) {
                        *a = Generation::MAX;
                    }
                }
            }
            Change::Repaired { generation, .. } => active.iter_mut().for_each(|a| *a = *generation),
            _ => {}
        }
    }
    best
}
