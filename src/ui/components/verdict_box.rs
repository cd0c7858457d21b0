//! The verdict on a run, in a prominent box.

use super::{Icon, IconShape};
use crate::sim::{format_pdt, sentence_case, Outcome, Verdict};
use yew::prelude::*;

/// Properties of [`VerdictBox`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct VerdictBoxProps {
    /// The verdict on the run.
    pub verdict: Verdict,
    /// The scenario's wall-clock start, to print PDT times.
    pub clock_start_ms: u64,
    /// Called when the learner asks to see the first violation.
    pub onseek: Callback<()>,
}

/// The headline of an outcome, in plain words.
fn headline(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Survived => "The record survived",
        Outcome::Emptied { .. } => "The endpoint's record was emptied",
        Outcome::StuckUntilRepaired { .. } => {
            "The endpoint's record was emptied, and stuck until repaired by hand"
        }
    }
}

/// The outcome with a shape (octagon for a failure, circle for survival) and words, the
/// first violation with a link to its row, and every violated invariant explained.
#[function_component(VerdictBox)]
pub fn verdict_box(props: &VerdictBoxProps) -> Html {
    let verdict = &props.verdict;
    let (modifier, shape) = if verdict.record_survived {
        ("verdict--ok", IconShape::Check)
    } else {
        ("verdict--failed", IconShape::Stop)
    };
    html! {
        <section class={classes!("verdict", modifier)} id="verdict" aria-labelledby="verdict-title">
            <Icon {shape} class="icon--verdict" />
            <div class="verdict-body">
                <p class="verdict-kicker">{ "Verdict" }</p>
                <h2 id="verdict-title">{ headline(&verdict.outcome) }</h2>
                <p class="verdict-summary">{ sentence_case(&verdict.summary(props.clock_start_ms)) }{ "." }</p>
                if let Some(first) = verdict.first_violation {
                    <p class="verdict-first">
                        { "First violation: " }
                        <code class="chip">{ first.invariant.name() }</code>
                        { " at " }
                        <button type="button" class="link-button" onclick={props.onseek.reform(|_: MouseEvent| ())}>
                            { format!("{} PDT (event {})", format_pdt(props.clock_start_ms + first.t_ms), first.step + 1) }
                        </button>
                    </p>
                }
                if !verdict.violated.is_empty() {
                    <dl class="verdict-invariants">
                        { for verdict.violated.iter().map(|inv| html! {
                            <div class="verdict-invariant">
                                <dt><code class="chip">{ inv.name() }</code></dt>
                                <dd>{ sentence_case(inv.explain()) }</dd>
                            </div>
                        }) }
                    </dl>
                }
            </div>
        </section>
    }
}
