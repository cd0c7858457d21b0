//! Side by side: the run without mitigations beside the run with them, at the same position.

use super::{Icon, IconShape};
use crate::ui::replay::{Moment, Replay};
use crate::ui::view::compare::{compare, Side};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`SideBySide`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SideBySideProps {
    /// The scenario without mitigations.
    pub baseline: Rc<Replay>,
    /// The run the page steps through (with the chosen mitigations) at the cursor.
    pub moment: Moment,
    /// Called with a position to go to (the first difference).
    pub onseek: Callback<u32>,
}

fn column(side: &Side) -> Html {
    let (shape, class) = if side.survived {
        (IconShape::Check, "compare-side--ok")
    } else {
        (IconShape::Stop, "compare-side--failed")
    };
    html! {
        <div class={classes!("compare-side", class)}>
            <h3>{ side.title.clone() }</h3>
            <p class="compare-verdict"><Icon {shape} class="icon--small" />{ crate::sim::sentence_case(&side.verdict) }</p>
            <p class="compare-now">
                <time>{ side.clock.clone() }</time>{ " · regional: " }
                if side.regional_answers == 0 {
                    <strong class="now-bad">{ "ANSWER: 0" }</strong>
                } else {
                    <strong>{ format!("{} addresses", side.regional_answers) }</strong>
                }
            </p>
            <p class="compare-sentence">{ side.sentence.clone() }</p>
            if !side.story.is_empty() {
                <div class="compare-story">
                    <p class="compare-story-title">{ "What this run shows" }</p>
                    <ul>{ for side.story.iter().map(|line| html! { <li>{ line.clone() }</li> }) }</ul>
                </div>
            }
        </div>
    }
}

/// Both verdicts, the event at the cursor in each run, and where the runs first differ.
#[function_component(SideBySide)]
pub fn side_by_side(props: &SideBySideProps) -> Html {
    let shared = use_memo((props.baseline.clone(), props.moment.replay.clone()), |(baseline, mitigated)| {
        baseline.shared_prefix(mitigated)
    });
    let view = compare(&props.baseline, &props.moment, *shared);
    html! {
        <section class="compare panel" id="compare" aria-labelledby="compare-title"
            data-position={props.moment.position.to_string()}>
            <div class="section-head">
                <h2 id="compare-title">{ "Side by side: the same seed, without and with" }</h2>
                { match view.diverges_at {
                    Some(at) => html! {
                        <p class="section-note">
                            <span class={classes!("compare-diverge", view.diverged.then_some("compare-diverge--past"))}>
                                { format!("The runs first differ at event {at}") }
                            </span>
                            { " " }
                            <button type="button" class="link-button"
                                onclick={props.onseek.reform(move |_: MouseEvent| at)}>{ "go there" }</button>
                            { if view.diverged { " · you are past it" } else { " · before it both runs are the same" } }
                        </p>
                    },
                    None => html! { <p class="section-note">{ "The two runs are identical: the mitigation never acts." }</p> },
                } }
            </div>
            <div class="compare-grid">
                { for view.sides.iter().map(column) }
            </div>
        </section>
    }
}
