//! Helpers the integration tests share: the incident's trace and replay, with or without
//! mitigations, and positions in it. Each test crate includes this file (`mod common;`)
//! and uses some of it, hence `dead_code` and `unused_imports` allowed. (A folder with `mod.rs`, not
//! `tests/common.rs`: Cargo would build that as a test crate of its own.)
#![allow(dead_code, unused_imports)]

use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim::{self, Trace};

/// The 2025 incident's trace.
pub fn incident_trace() -> Trace {
    incident_trace_with(&[])
}

/// The incident's trace with `mitigations` switched on.
pub fn incident_trace_with(mitigations: &[Mitigation]) -> Trace {
    sim::run(&Scenario::incident().with_mitigations(mitigations)).expect("the incident preset is valid")
}

#[cfg(feature = "web")]
pub use page::*;

/// The page's side (feature `web`): the incident as a [`Replay`] and positions in it.
#[cfg(feature = "web")]
mod page {
    use dns_race::scenario::{Mitigation, Scenario};
    use dns_race::sim::{Change, Step};
    use dns_race::ui::replay::Replay;
    use std::rc::Rc;

    /// The incident, ready to step.
    pub fn incident_replay() -> Rc<Replay> {
        incident_replay_with(&[])
    }

    /// The incident with `mitigations` switched on, ready to step.
    pub fn incident_replay_with(mitigations: &[Mitigation]) -> Rc<Replay> {
        Rc::new(
            Replay::run(&Scenario::incident().with_mitigations(mitigations))
                .expect("the incident preset is valid"),
        )
    }

    /// The position right after the first step matching `what`.
    pub fn after(replay: &Replay, what: impl Fn(&Step) -> bool) -> u32 {
        replay.trace.steps.iter().position(what).expect("the event happens") as u32 + 1
    }

    /// The position after the clean-up that deletes an endpoint's active tree.
    pub fn emptied(replay: &Replay) -> u32 {
        after(replay, |s| matches!(&s.change, Change::CleanedUp { emptied, .. } if !emptied.is_empty()))
    }
}
