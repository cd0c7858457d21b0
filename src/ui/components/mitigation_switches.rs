//! The mitigation switches: form a hypothesis, switch it on, see the verdict change.

use crate::scenario::Mitigation;
use yew::prelude::*;

/// Properties of [`MitigationSwitches`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct MitigationSwitchesProps {
    /// The mitigations switched on.
    pub on: Vec<Mitigation>,
    /// Called with a mitigation whose switch the learner flipped.
    pub ontoggle: Callback<Mitigation>,
}

/// One switch per mitigation, each with its one-line effect and a "why?" expander. The
/// run is recomputed at once when a switch flips.
#[function_component(MitigationSwitches)]
pub fn mitigation_switches(props: &MitigationSwitchesProps) -> Html {
    html! {
        <section class="mitigations panel" aria-labelledby="mitigations-title">
            <div class="section-head">
                <h2 id="mitigations-title">{ "What if…? Switch on a mitigation" }</h2>
                <p class="section-note">
                    { "The same scenario and seed run again with the switch on; the cursor stays at the \
                       same event while both runs agree." }
                </p>
            </div>
            <ul class="mitigation-list">
                { for Mitigation::ALL.iter().map(|&m| {
                    let checked = props.on.contains(&m);
                    let onchange = props.ontoggle.reform(move |_: Event| m);
                    let id = format!("mitigation-{}", m.name());
                    html! {
                        <li class={classes!("mitigation", checked.then_some("mitigation--on"))} key={m.name()}>
                            <input type="checkbox" role="switch" class="mitigation-switch" id={id.clone()}
                                {checked} {onchange} aria-describedby={format!("{id}-about")} />
                            <label for={id.clone()}>
                                <code class="mitigation-name">{ m.name() }</code>
                                <span class="mitigation-about" id={format!("{id}-about")}>{ m.about() }</span>
                            </label>
                            <details class="mitigation-why">
                                <summary>{ "why?" }</summary>
                                <p>{ m.why() }</p>
                            </details>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}
