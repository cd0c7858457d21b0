//! The narration panel: what just happened, when, and what came before.

use super::ActorBadge;
use crate::ui::replay::Moment;
use crate::ui::view::narration::{narration, ClockSource};
use yew::prelude::*;

/// Properties of [`Narration`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct NarrationProps {
    /// The world at the cursor.
    pub moment: Moment,
    /// Whether playback runs: the live region is quiet then, so that a screen reader is not
    /// flooded with sentences it cannot keep up with.
    pub playing: bool,
    /// Called with a position when the learner picks an earlier event.
    pub onseek: Callback<u32>,
}

/// The current event's sentence in an `aria-live` region, the PDT clock (published or
/// assumed), the elapsed time, the failing invariants, and the events just before.
#[function_component(Narration)]
pub fn narration_panel(props: &NarrationProps) -> Html {
    let view = narration(&props.moment);
    let (source_class, source_text, source_title) = match view.clock_source {
        ClockSource::Published(fact) => ("source source--published", "published", fact.to_string()),
        ClockSource::Assumed => (
            "source source--assumed",
            "assumed",
            "AWS publishes only the minutes of the empty record (23:48), the diagnosis (00:38) and the \
             repair (02:25); the times between follow assumed durations."
                .to_string(),
        ),
    };
    html! {
        <section class="narration panel" aria-labelledby="narration-title">
            <h2 id="narration-title" class="visually-hidden">{ "What happens" }</h2>
            <div class="narration-meta">
                <span class="narration-progress">{ view.progress.clone() }</span>
                <span class="narration-clock">
                    <time>{ view.clock.clone() }</time>{ " PDT " }
                    <span class={source_class} title={source_title.clone()}>{ source_text }</span>
                </span>
                <span class="narration-elapsed">{ format!("{} into the replay", view.elapsed) }</span>
            </div>
            <div class="narration-now" aria-live={if props.playing { "off" } else { "polite" }} aria-atomic="true">
                if let Some(actor) = &view.actor {
                    <ActorBadge actor={*actor} />
                }
                <p class="narration-sentence">{ view.sentence.clone() }</p>
                if let ClockSource::Published(fact) = view.clock_source {
                    <p class="narration-fact">{ fact }{ " (to the minute; the seconds are assumed)" }</p>
                }
            </div>
            <div class="narration-state">
                if view.violations.is_empty() {
                    <span class="state-ok">{ "✓ Every invariant holds" }</span>
                } else {
                    <span class="state-bad">{ "⚠ Failing now:" }</span>
                    { for view.violations.iter().map(|v| html! {
                        <code class="chip chip--bad" title={v.explain()}>{ v.name() }</code>
                    }) }
                }
            </div>
            if !view.earlier.is_empty() {
                <div class="narration-earlier">
                    <h3>{ "Just before" }</h3>
                    <ol>
                        { for view.earlier.iter().rev().map(|e| {
                            let position = e.position;
                            let onclick = props.onseek.reform(move |_: MouseEvent| position);
                            html! {
                                <li class={classes!(e.violation.then_some("earlier--violation"))}>
                                    <button type="button" class="earlier-event" {onclick}
                                        title="Go back to this event">
                                        <span class="earlier-clock">{ e.clock.clone() }</span>
                                        <span class="earlier-text">{ e.text.clone() }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                </div>
            }
            <p class="narration-sources">
                <a href="#sources">{ "Sources" }</a>
                if view.incident {
                    { " · AWS publishes the order of events and three clock times; the durations in \
                       between are " }
                } else {
                    { " · This order of events comes from the explorer or a seed, not from AWS; the \
                       durations are " }
                }
                <span class="source source--assumed">{ "assumed" }</span>
            </p>
        </section>
    }
}
