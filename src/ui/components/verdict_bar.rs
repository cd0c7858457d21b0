//! The verdict, always in view: a bar that sticks to the top of the page with the run's
//! outcome and the state at the cursor.

use super::{Icon, IconShape};
use crate::sim::{format_pdt, resolve};
use crate::ui::replay::Moment;
use yew::prelude::*;

/// Properties of [`VerdictBar`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct VerdictBarProps {
    /// The world at the cursor.
    pub moment: Moment,
}

/// The run's verdict (shape and words) and, at the cursor, the clock and the regional
/// endpoint's answer.
#[function_component(VerdictBar)]
pub fn verdict_bar(props: &VerdictBarProps) -> Html {
    let moment = &props.moment;
    let trace = &moment.replay.trace;
    let verdict = &trace.verdict;
    let (class, shape) = if verdict.record_survived {
        ("verdict-bar--ok", IconShape::Check)
    } else {
        ("verdict-bar--failed", IconShape::Stop)
    };
    let summary = verdict.summary(trace.scenario.clock_start_ms);
    // The summary starts with the outcome ("emptied at 23:48:05 ..."): its first word, capitalised,
    // is the headline, so that it still reads when the rest is cut off on a narrow screen.
    let (headline, rest) = summary.split_once([' ', ':']).unwrap_or((summary.as_str(), ""));
    let headline = crate::sim::sentence_case(headline);
    let regional = resolve(&moment.world, 0).addresses.len();
    html! {
        <div class={classes!("verdict-bar", class)} role="region" aria-label="Verdict">
            <div class="wrap verdict-bar-inner">
                <p class="verdict-bar-verdict">
                    <Icon {shape} class="icon--small" />
                    <strong>{ format!("Outcome of this run: {headline}") }</strong>
                    <span class="verdict-bar-summary">{ " " }{ rest.trim_start() }</span>
                </p>
                <p class="verdict-bar-now">
                    <span class="verdict-bar-clock">{ format!("{} PDT", format_pdt(moment.clock_ms())) }</span>
                    if regional == 0 {
                        <span class="now-bad">{ "regional: ANSWER: 0" }</span>
                    } else {
                        <span class="now-ok">{ format!("regional: {regional} addresses") }</span>
                    }
                </p>
            </div>
        </div>
    }
}
