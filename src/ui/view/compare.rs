//! Side by side: the same scenario and seed without and with the chosen mitigations,
//! stepped together (the same position in both), where they first differ, and both verdicts.

use crate::sim::{format_pdt, narrate, resolve};
use crate::ui::replay::{Moment, Replay};
use std::rc::Rc;

/// One run's column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// "Without mitigations", "With conditional-write".
    pub title: String,
    /// The verdict in a sentence.
    pub verdict: String,
    /// Whether the record survived the whole run.
    pub survived: bool,
    /// The event at this moment, narrated ("the run has ended" past its end).
    pub sentence: String,
    /// PDT clock of that event.
    pub clock: String,
    /// How many addresses the regional endpoint answers with at this position.
    pub regional_answers: usize,
}

/// The comparison at one position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareView {
    /// The position of the first event that differs between the runs (`None`: identical).
    pub diverges_at: Option<u32>,
    /// Whether the cursor is at or past that point.
    pub diverged: bool,
    /// The run without mitigations, then the run with them.
    pub sides: [Side; 2],
}

fn side(replay: &Rc<Replay>, position: u32, title: String) -> Side {
    let clock_start_ms = replay.trace.scenario.clock_start_ms;
    let moment = Moment::at(replay, position);
    let past_end = position > replay.len();
    Side {
        title,
        verdict: replay.trace.verdict.summary(clock_start_ms),
        survived: replay.trace.verdict.record_survived,
        sentence: match (past_end, moment.step()) {
            (true, _) => "This run has ended.".to_string(),
            (false, Some(step)) => narrate(step),
            (false, None) => "Before the first event.".to_string(),
        },
        clock: format_pdt(moment.clock_ms()),
        regional_answers: resolve(&moment.world, 0).addresses.len(),
    }
}

/// `mitigated` (the run the page steps through) at `position`, and `baseline` (no
/// mitigations) at the same moment: the same position while the runs agree, and after they
/// part, the baseline's last event at or before the mitigated run's clock.
pub fn compare(baseline: &Rc<Replay>, mitigated: &Rc<Replay>, position: u32) -> CompareView {
    let shared = baseline.shared_prefix(mitigated);
    let identical = shared == baseline.len() && shared == mitigated.len();
    let diverges_at = (!identical).then_some(shared + 1);
    let baseline_position = if position <= shared {
        position
    } else {
        let t_ms = mitigated.world_time_at(position);
        baseline.trace.steps.partition_point(|s| s.t_ms <= t_ms) as u32
    };
    let names: Vec<&str> = mitigated.trace.scenario.mitigations.iter().map(|m| m.name()).collect();
    CompareView {
        diverges_at,
        diverged: diverges_at.is_some_and(|d| position >= d),
        sides: [
            side(baseline, baseline_position, "Without mitigations".to_string()),
            side(mitigated, position, format!("With {}", names.join(", "))),
        ],
    }
}
