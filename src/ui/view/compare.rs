//! Side by side: the same scenario and seed without and with the chosen mitigations,
//! stepped together (the same position in both), where they first differ, and both verdicts.

use crate::sim::{format_pdt, narrate, resolve, story};
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
    /// The event at this moment, narrated.
    pub sentence: String,
    /// PDT clock of that event.
    pub clock: String,
    /// How many addresses the regional endpoint answers with at this position.
    pub regional_answers: usize,
    /// What the whole run shows, read from its trace ([`story`]): what became of the slow
    /// Enactor's plan and the cost a "survived" can hide.
    pub story: Vec<String>,
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

fn side(moment: &Moment, title: String) -> Side {
    let verdict = &moment.replay.trace.verdict;
    Side {
        title,
        verdict: verdict.summary(moment.replay.trace.scenario.clock_start_ms),
        survived: verdict.record_survived,
        sentence: moment.step().map_or_else(|| "Before the first event.".to_string(), narrate),
        clock: format_pdt(moment.clock_ms()),
        regional_answers: resolve(&moment.world, 0).addresses.len(),
        story: story(&moment.replay.trace).lines,
    }
}

/// The run the page steps through, at `moment`, beside `baseline` (no mitigations) at the
/// same time: the same position while the runs agree, and after they part, the baseline's
/// last event at or before the moment's clock. `shared` is
/// [`Replay::shared_prefix`] of the two runs (computed once per pair, not per step).
pub fn compare(baseline: &Rc<Replay>, moment: &Moment, shared: u32) -> CompareView {
    let mitigated = &moment.replay;
    let position = moment.position;
    let identical = shared == baseline.len() && shared == mitigated.len();
    let diverges_at = (!identical).then_some(shared + 1);
    let baseline_position = if position <= shared {
        position
    } else {
        let t_ms = moment.world.now_ms;
        baseline.trace.steps.partition_point(|s| s.t_ms <= t_ms) as u32
    };
    let names: Vec<&str> = mitigated.trace.scenario.mitigations.iter().map(|m| m.name()).collect();
    CompareView {
        diverges_at,
        diverged: diverges_at.is_some_and(|d| position >= d),
        sides: [
            side(&Moment::at(baseline, baseline_position), "Without mitigations".to_string()),
            side(moment, format!("With {}", names.join(", "))),
        ],
    }
}
