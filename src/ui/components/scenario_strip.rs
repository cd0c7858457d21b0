//! Which scenario runs: a preset and its seed, the knobs a link changed, and a schedule
//! picked by hand.

use crate::scenario::{Scenario, KNOBS, PRESETS};
use crate::ui::link::{actor_letter, Base, Link};
use yew::prelude::*;

/// Properties of [`ScenarioStrip`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ScenarioStripProps {
    /// What the learner set.
    pub link: Link,
    /// The scenario that runs.
    pub scenario: Scenario,
    /// Whether a run from the explorer is shown instead (the strip then says nothing).
    pub loaded: bool,
    /// Called with the settings changed.
    pub onchange: Callback<Link>,
}

/// A preset select and a seed field; then, if any, the knobs set by the link (with a reset)
/// and the schedule picked by hand (with a way back to the timed run).
#[function_component(ScenarioStrip)]
pub fn scenario_strip(props: &ScenarioStripProps) -> Html {
    if props.loaded {
        return html! {};
    }
    let link = &props.link;
    let onpreset = {
        let (link, onchange) = (link.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(preset) = PRESETS.iter().find(|p| p.name == value) {
                // Another scenario: its own seed and knobs, and no schedule of the last one.
                onchange.emit(Link {
                    base: Base::Preset(preset.name),
                    seed: None,
                    knobs: Vec::new(),
                    hand: None,
                    ..link.clone()
                });
            }
        })
    };
    let onseed = {
        let (link, onchange, current) = (link.clone(), props.onchange.clone(), props.scenario.seed);
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            match input.value().trim().parse::<u64>() {
                Ok(seed) if seed != current => {
                    onchange.emit(Link { seed: Some(seed), hand: None, ..link.clone() })
                }
                // Not a seed: the field shows the seed that runs again.
                _ => input.set_value(&current.to_string()),
            }
        })
    };
    let reset_knobs = {
        let (link, onchange) = (link.clone(), props.onchange.clone());
        Callback::from(move |_: MouseEvent| onchange.emit(Link { knobs: Vec::new(), ..link.clone() }))
    };
    let timed = {
        let (link, onchange) = (link.clone(), props.onchange.clone());
        Callback::from(move |_: MouseEvent| onchange.emit(Link { hand: None, ..link.clone() }))
    };
    let preset = match link.base {
        Base::Preset(name) => Some(name),
        Base::Bound(_) => None,
    };
    let about = PRESETS.iter().find(|p| Some(p.name) == preset).map(|p| p.about);
    html! {
        <section class="scenario-strip" aria-label="Scenario">
            <label class="scenario-field">
                <span>{ "Scenario" }</span>
                <select onchange={onpreset}>
                    if let Base::Bound(b) = link.base {
                        <option selected=true value="">
                            { format!("the explorer's: {} Enactors, {} endpoints, {} plans", b.enactors, b.endpoints, b.generations) }
                        </option>
                    }
                    { for PRESETS.iter().map(|p| html! {
                        <option value={p.name} selected={preset == Some(p.name)}>{ p.name }</option>
                    }) }
                </select>
            </label>
            <label class="scenario-field">
                <span>{ "Seed" }</span>
                <input type="number" min="0" class="scenario-seed" value={props.scenario.seed.to_string()} onchange={onseed} />
            </label>
            if let Some(about) = about {
                <p class="scenario-about">{ about }</p>
            }
            if !link.knobs.is_empty() {
                <p class="scenario-knobs">
                    { "Set by the link: " }
                    { for link.knobs.iter().enumerate().map(|(i, (name, _))| {
                        let shown = KNOBS.iter().find(|k| k.name == *name).map(|k| k.format(&props.scenario)).unwrap_or_default();
                        html! { <>{ if i > 0 { ", " } else { "" } }<code>{ format!("{name} = {shown}") }</code></> }
                    }) }
                    { " " }
                    <button type="button" class="link-button" onclick={reset_knobs}>{ "back to the preset's" }</button>
                </p>
            }
            if let Some(hand) = &link.hand {
                <p class="scenario-hand">
                    { format!(
                        "Schedule picked by hand: {} events of the timed run, then {} {}: ",
                        hand.fork,
                        hand.picks.len(),
                        if hand.picks.len() == 1 { "pick" } else { "picks" }
                    ) }
                    <code>{ hand.picks.iter().map(|&a| actor_letter(a)).collect::<String>() }</code>
                    { ". " }
                    <button type="button" class="link-button" onclick={timed}>{ "back to the timed run" }</button>
                </p>
            }
        </section>
    }
}
