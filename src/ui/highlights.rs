//! Which steps of a trace tell the story, and which are routine.
//!
//! A run has thousands of steps; most are the automation working normally (publications,
//! lock traffic, writes of fresh plans, clean-ups that delete nothing in use). The page
//! shows the *key* steps by default and folds the routine ones into gaps. Key steps are:
//!
//! * steps after which the set of violated invariants changes (the state breaks or heals);
//! * stale writes (a plan older than the one it overwrites); for the first stale write of
//!   each plan, the story behind it: the writer's pick-up of that plan and everything it did
//!   since (of a run of lock losses, the first and the last), the Planner's publication of
//!   the plan, and the write it overwrote;
//! * clean-ups that delete an endpoint's active plan, with the cleaner's pick-up and its
//!   writes to every endpoint;
//! * the first rejected write of each Enactor;
//! * the first empty answer each endpoint gives a client, and its first full answer after;
//! * everything the operators do.

use crate::sim::{classify, Actor, Change, Event, Glyph, Step};

/// Whether each step of `steps` is a key step (`true`) or routine (`false`), by index.
pub fn key_steps(steps: &[Step]) -> Vec<bool> {
    let mut key = vec![false; steps.len()];
    let mut failed_writers: Vec<u8> = Vec::new();
    let mut empty_endpoints: Vec<u8> = Vec::new();
    let mut previous_violations = &[][..];
    for (i, step) in steps.iter().enumerate() {
        // What the step is, by the one classification the diagrams share.
        let notable = match (classify(step).glyph, &step.event, &step.change) {
            (Glyph::Diagnose | Glyph::Repair, ..) => true,
            (Glyph::EmptyAnswer, _, Change::Resolved { endpoint, .. }) => {
                first_insert(&mut empty_endpoints, *endpoint)
            }
            (Glyph::Answer, _, Change::Resolved { endpoint, .. }) => remove(&mut empty_endpoints, *endpoint),
            (Glyph::WriteFailed, Event::EnactorWriteFails { enactor, .. }, _) => {
                first_insert(&mut failed_writers, *enactor)
            }
            (Glyph::CleanUpEmptied | Glyph::StaleWrite, ..) => true,
            _ => false,
        };
        key[i] = notable || step.violations.as_slice() != previous_violations;
        previous_violations = &step.violations;
    }
    // The story behind a stale plan is told once, at its first stale write.
    let mut told: Vec<(u8, u32)> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        match (&step.event, &step.change) {
            (Event::EnactorWrites { enactor, .. }, Change::Wrote { endpoint, generation, previous, .. })
                if step.change.overwrote_newer() && !told.contains(&(*enactor, *generation)) =>
            {
                told.push((*enactor, *generation));
                mark_story(steps, i, *enactor, *generation, &mut key);
                mark_overwritten(steps, i, *endpoint, *previous, &mut key);
            }
            (Event::EnactorCleansUp { enactor }, Change::CleanedUp { applied, emptied, .. })
                if !emptied.is_empty() =>
            {
                // The cleaner's run: its pick-up and its write to every endpoint.
                if let Some(j) = mark_pick_up(steps, i, *enactor, *applied, &mut key) {
                    for (k, s) in steps.iter().enumerate().take(i).skip(j) {
                        if matches!(s.event, Event::EnactorWrites { enactor: e, .. } if e == *enactor) {
                            key[k] = true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    key
}

/// Pushes `value` if absent; `true` if it was.
fn first_insert(list: &mut Vec<u8>, value: u8) -> bool {
    let absent = !list.contains(&value);
    if absent {
        list.push(value);
    }
    absent
}

/// Removes `value`; `true` if it was there.
fn remove(list: &mut Vec<u8>, value: u8) -> bool {
    let present = list.contains(&value);
    list.retain(|&v| v != value);
    present
}

/// Marks what `enactor` did from its pick-up of `generation` up to step `until`, and the
/// Planner's publication of that plan. Of a run of lock losses in a row, only the first and
/// the last are key: a presenter should not click through ten identical back-offs.
fn mark_story(steps: &[Step], until: usize, enactor: u8, generation: u32, key: &mut [bool]) {
    let Some(start) = mark_pick_up(steps, until, enactor, generation, key) else {
        return;
    };
    let own: Vec<usize> =
        (start..until).filter(|&j| steps[j].event.actor() == Actor::Enactor(enactor)).collect();
    let lost = |j: Option<&usize>| j.is_some_and(|&j| matches!(steps[j].change, Change::LockLost { .. }));
    for (n, &j) in own.iter().enumerate() {
        let inside_a_run =
            lost(Some(&j)) && lost(n.checked_sub(1).and_then(|p| own.get(p))) && lost(own.get(n + 1));
        if !inside_a_run {
            key[j] = true;
        }
    }
    if let Some(j) = steps[..start]
        .iter()
        .rposition(|s| matches!(s.change, Change::Published { generation: g, .. } if g == generation))
    {
        key[j] = true;
    }
}

/// Marks the last pick-up of `generation` by `enactor` before step `until`; returns its index.
fn mark_pick_up(
    steps: &[Step],
    until: usize,
    enactor: u8,
    generation: u32,
    key: &mut [bool],
) -> Option<usize> {
    let j = steps[..until].iter().rposition(|s| {
        s.event.actor() == Actor::Enactor(enactor)
            && matches!(s.change, Change::PickedUp { generation: g, .. } if g == generation)
    })?;
    key[j] = true;
    Some(j)
}

/// Marks the last write of `generation` to `endpoint` before step `until`.
fn mark_overwritten(steps: &[Step], until: usize, endpoint: u8, generation: u32, key: &mut [bool]) {
    if let Some(j) = steps[..until].iter().rposition(
        |s| matches!(s.change, Change::Wrote { endpoint: e, generation: g, .. } if e == endpoint && g == generation),
    ) {
        key[j] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::sim;

    #[test]
    fn the_incident_story_is_a_short_list_of_key_steps() {
        let trace = sim::run(&Scenario::incident()).expect("the incident preset is valid");
        let key = key_steps(&trace.steps);
        assert_eq!(key.len(), trace.steps.len());
        let count = key.iter().filter(|&&k| k).count();
        assert!((10..=80).contains(&count), "{count} key steps of {}", trace.steps.len());

        let first = trace.verdict.first_violation.expect("the incident breaks an invariant");
        assert!(key[first.step as usize], "the first violation is a key step");
        for kind in ["OperatorDiagnoses", "OperatorRepairs", "EnactorWriteFails"] {
            let first_of_kind = trace.indices_of(kind)[0];
            assert!(key[first_of_kind], "the first {kind} is a key step");
        }
        let emptying = trace
            .steps
            .iter()
            .position(|s| matches!(&s.change, Change::CleanedUp { emptied, .. } if !emptied.is_empty()));
        let emptying = emptying.expect("a clean-up empties the endpoint");
        assert!(key[emptying]);
        // The cleaner's run is told whole: it wrote its plan to every endpoint.
        let cleaner = trace.steps[emptying].event.actor();
        let writes = (0..emptying)
            .rev()
            .take_while(|&k| !matches!(trace.steps[k].event, Event::EnactorPicksUp { .. } if trace.steps[k].event.actor() == cleaner))
            .filter(|&k| trace.steps[k].event.actor() == cleaner && trace.steps[k].event.kind() == "EnactorWrites")
            .collect::<Vec<_>>();
        assert_eq!(writes.len(), 3, "the cleaner wrote all three endpoints");
        assert!(writes.iter().all(|&k| key[k]), "its writes are key steps");
        // The stale plan's story: its pick-up by the writer is a key step.
        let pick_up = trace.steps[..first.step as usize].iter().rposition(|s| {
            s.event.actor() == trace.steps[first.step as usize].event.actor()
                && matches!(s.change, Change::PickedUp { .. })
        });
        assert!(key[pick_up.expect("the writer picked up its plan")]);
    }

    #[test]
    fn on_a_calm_day_routine_work_stays_folded() {
        let trace = sim::run(&Scenario::default()).expect("the default scenario is valid");
        let key = key_steps(&trace.steps);
        for (step, &is_key) in trace.steps.iter().zip(&key) {
            let routine = matches!(
                step.event,
                Event::PlannerPublishes
                    | Event::EnactorTakesLock { .. }
                    | Event::EnactorLosesLock { .. }
                    | Event::EnactorPicksUp { .. }
            );
            if routine && step.violations.is_empty() {
                assert!(!is_key, "step {} ({}) is routine", step.index, step.event.kind());
            }
        }
    }
}
