//! The numbers behind the replay: every knob, its value, and whether AWS published it.

use crate::scenario::{Scenario, Source, KNOBS};
use yew::prelude::*;

/// Properties of [`Assumptions`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AssumptionsProps {
    /// The scenario whose knobs are listed.
    pub scenario: Scenario,
}

/// A collapsible table of every knob: label, value, and its source, "published" (with the
/// fact it comes from) or "assumed". Faults that are off are left out.
#[function_component(Assumptions)]
pub fn assumptions(props: &AssumptionsProps) -> Html {
    let scenario = &props.scenario;
    // Only the knobs this scenario uses: a fault or a mitigation that is off has none.
    let shown: Vec<_> = KNOBS.iter().filter(|k| (k.value)(scenario).is_some()).collect();
    let assumed = shown.iter().filter(|k| k.source == Source::Assumed).count();
    html! {
        <section class="assumptions" id="assumptions" aria-labelledby="assumptions-title">
            <details>
                <summary>
                    <h2 id="assumptions-title">{ "The numbers behind the replay" }</h2>
                    <span class="assumptions-hint">
                        { format!("{} of {} values are assumed: AWS has not published them", assumed, shown.len()) }
                    </span>
                </summary>
                <table class="assumptions-table">
                    <thead>
                        <tr><th scope="col">{ "Setting" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Source" }</th></tr>
                    </thead>
                    <tbody>
                        { for shown.iter().map(|knob| html! {
                            <tr key={knob.name}>
                                <th scope="row">
                                    { knob.label }
                                    <code class="assumptions-name">{ knob.name }</code>
                                </th>
                                <td class="assumptions-value">{ knob.format(scenario) }</td>
                                <td>
                                    { match knob.source {
                                        Source::Published(fact) => html! {
                                            <><span class="source source--published">{ "published" }</span>{ " " }{ fact }</>
                                        },
                                        Source::Assumed => html! { <span class="source source--assumed">{ "assumed" }</span> },
                                    } }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </section>
    }
}
