//! One plain sentence per step, for the trace, the command line and the UI.

use super::event::{Change, Rejection, Step};
use super::vocabulary::{
    classify, enactor_name, endpoint_host, endpoint_phrase as endpoint, format_duration, Glyph,
};
use super::Generation;

/// "plan 7", "plans 3–9", "plans 2, 4 and 6–9": ascending generations, runs compressed.
fn generations(list: &[Generation]) -> String {
    let mut runs: Vec<(Generation, Generation)> = Vec::new();
    for &g in list {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == g => *last = g,
            _ => runs.push((g, g)),
        }
    }
    let parts: Vec<String> =
        runs.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") }).collect();
    match parts.as_slice() {
        [] => "nothing".into(),
        [one] if list.len() == 1 => format!("plan {one}"),
        [one] => format!("plans {one}"),
        [init @ .., last] => format!("plans {} and {last}", init.join(", ")),
    }
}

/// The narration of `step`: one sentence (two where the state breaks), present tense.
pub fn narrate(step: &Step) -> String {
    let who = step.event.actor().label();
    let stale = classify(step).glyph == Glyph::StaleWrite;
    match &step.change {
        Change::Published { generation, lbs } => {
            format!("The Planner publishes plan {generation}: {lbs} load balancers and their weights.")
        }
        Change::PickedUp { generation, applied, fresh: true } => format!(
            "{who} picks up plan {generation} and checks, once, that it is newer than plan {applied}, the newest applied: it is."
        ),
        Change::PickedUp { generation, applied, fresh: false } => {
            format!("{who} picks up plan {generation}, but plan {applied} is already applied: nothing to do.")
        }
        Change::LockTaken { endpoint: e, generation, .. } => {
            format!("{who} takes the lock on {} to write plan {generation}.", endpoint(*e))
        }
        Change::LockLost { endpoint: e, holder: Some(h), backoff_ms, .. } => format!(
            "{who} finds the lock on {} held by {} and backs off for {}.",
            endpoint(*e),
            enactor_name(*h),
            format_duration(*backoff_ms)
        ),
        // Nobody holds the lock: the failure is the scenario's injected delay, which stands
        // for AWS's "unusually high delays" (the talk says lock contention). Said so, and
        // labelled assumed, rather than told as contention with an Enactor that is not there.
        Change::LockLost { endpoint: e, holder: None, backoff_ms, losses: 1 } => format!(
            "{who}'s attempt on {} is delayed until it fails, with no other Enactor holding the lock (an injected delay, assumed: AWS reports only “unusually high delays”), and it retries in {}; it still holds its plan.",
            endpoint(*e),
            format_duration(*backoff_ms)
        ),
        Change::LockLost { endpoint: e, holder: None, backoff_ms, losses } => format!(
            "{who}'s attempt {losses} on {} is delayed until it fails (the injected delay, assumed), and it retries in {}; it still holds its plan.",
            endpoint(*e),
            format_duration(*backoff_ms)
        ),
        Change::Wrote { endpoint: e, generation, previous, checked_at_ms } if stale => format!(
            "{who} writes its old plan {generation} to {}, overwriting the newer plan {previous}: its freshness check is {} old.",
            endpoint(*e),
            format_duration(step.t_ms.saturating_sub(*checked_at_ms))
        ),
        Change::Wrote { endpoint: e, generation, previous, .. } if generation == previous => {
            format!("{who} writes plan {generation} to {} again: it is already the active plan there.", endpoint(*e))
        }
        Change::Wrote { endpoint: e, generation, previous, .. } => format!(
            "{who} writes plan {generation} to {}: the alias now points at plan {generation}, the rollback record at plan {previous}.",
            endpoint(*e)
        ),
        Change::WriteRejected { endpoint: e, generation, reason: Rejection::ActiveTreeMissing { active } } => format!(
            "{who} cannot write plan {generation} to {}: the rollback record must point at the active plan {active}, whose records no longer exist. The write fails.",
            endpoint(*e)
        ),
        Change::WriteRejected { endpoint: e, generation, reason: Rejection::PlanDeleted } => format!(
            "{who} cannot write plan {generation} to {}: a clean-up has deleted plan {generation}'s records. The write fails.",
            endpoint(*e)
        ),
        Change::WriteRejected { endpoint: e, generation, reason: Rejection::OlderThanActive { active } } => format!(
            "{who} tries to write plan {generation} to {}, but the write is conditional and plan {active} is already active: Route 53 rejects it, and {who} drops its old plan.",
            endpoint(*e)
        ),
        Change::WriteRejected { endpoint: e, generation, reason: Rejection::StaleToken { token, fence } } => format!(
            "{who} tries to write plan {generation} to {} with lease token {token}, but a write with token {fence} has already landed there: Route 53 rejects it, and {who} drops its plan.",
            endpoint(*e)
        ),
        Change::Rechecked { endpoint: e, generation, applied, passed: true } => format!(
            "{who} checks again before trying the lock on {}: plan {generation} is not older than plan {applied}, the newest applied.",
            endpoint(*e)
        ),
        Change::Rechecked { endpoint: e, generation, applied, passed: false } => format!(
            "{who} checks again before trying the lock on {}: plan {applied} is already applied, newer than its plan {generation}, so it drops its plan.",
            endpoint(*e)
        ),
        Change::PlanDropped { generation, age_ms } => format!(
            "{who} drops plan {generation} instead of writing it: the plan was published {} ago, past its expiry.",
            format_duration(*age_ms)
        ),
        Change::CleanedUp { applied, deleted, emptied, .. } => {
            let mut text = format!("{who} cleans up after plan {applied}: it deletes {}.", generations(deleted));
            for (e, generation) in emptied {
                text.push_str(&format!(
                    " Plan {generation} was the active plan of {}: its alias now points at nothing, and DNS answers NOERROR with zero addresses.",
                    endpoint(*e)
                ));
            }
            text
        }
        // The replay's client asks Route 53 itself, with no cache in between: it sees the
        // records as they are. Clients behind caching resolvers (the cascade's) keep an empty
        // answer until it expires: AWS's 02:25–02:40.
        Change::Resolved { endpoint: e, addresses: 0 } => format!(
            "A client resolves {} at Route 53, uncached: NOERROR, zero addresses. Whatever needs this name cannot reach DynamoDB, and resolvers cache the empty answer.",
            endpoint_host(*e)
        ),
        Change::Resolved { endpoint: e, addresses } => {
            format!("A client resolves {} at Route 53, uncached: {addresses} addresses.", endpoint_host(*e))
        }
        Change::Diagnosed { broken_for_ms } => format!(
            "Engineers identify DynamoDB's DNS state as the cause, {} after the record emptied.",
            format_duration(*broken_for_ms)
        ),
        Change::Alarmed { broken_for_ms } => format!(
            "The stuck alarm pages the operators, {} after the record emptied: an endpoint's alias points at a deleted tree.",
            format_duration(*broken_for_ms)
        ),
        Change::Repaired { broken, generation } => format!(
            "Operators restore the DNS records by hand: every endpoint's alias points at plan {generation}{}, and Enactors can write again.",
            if broken.is_empty() {
                String::new()
            } else {
                format!(", {} included", broken.iter().map(|e| endpoint(*e)).collect::<Vec<_>>().join(" and "))
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::generations;

    #[test]
    fn plan_lists_compress_runs() {
        assert_eq!(generations(&[]), "nothing");
        assert_eq!(generations(&[7]), "plan 7");
        assert_eq!(generations(&[3, 4, 5]), "plans 3–5");
        assert_eq!(generations(&[2, 4, 6, 7, 8, 9]), "plans 2, 4 and 6–9");
        assert_eq!(generations(&[102, 104, 105, 106]), "plans 102 and 104–106");
    }
}
