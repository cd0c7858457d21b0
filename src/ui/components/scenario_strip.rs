//! Which scenario runs: a preset and its seed, the knobs a link changed, and a schedule
//! picked by hand.

use crate::scenario::{Scenario, KNOBS, PRESETS};
use crate::ui::codec::actor_letter;
use crate::ui::link::{Base, Run};
use crate::ui::state::Action;
use yew::prelude::*;

/// Properties of [`ScenarioStrip`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ScenarioStripProps {
    /// Which run the learner set.
    pub run: Run,
    /// The scenario that runs.
    pub scenario: Scenario,
    /// Whether a run from the explorer is shown instead (the strip then says nothing).
    pub loaded: bool,
    /// Changes the run (another preset, seed, the preset's knobs, the timed schedule).
    pub ondispatch: Callback<Action>,
}

/// A preset select and a seed field; then, if any, the knobs set by the link (with a reset)
/// and the schedule picked by hand (with a way back to the timed run).
#[function_component(ScenarioStrip)]
pub fn scenario_strip(props: &ScenarioStripProps) -> Html {
    if props.loaded {
        return html! {};
    }
    let run = &props.run;
    let onpreset = {
        let ondispatch = props.ondispatch.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            if let Some(preset) = PRESETS.iter().find(|p| p.name == value) {
                ondispatch.emit(Action::Preset(preset.name));
            }
        })
    };

    let onseed = {
        let (ondispatch, current) = (props.ondispatch.clone(), props.scenario.seed);
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            match input.value().trim().parse::<u64>() {
                Ok(seed) if seed != current => ondispatch.emit(Action::Seed(seed)),
                // Not a seed: the field shows the seed that runs again.
                _ => input.set_value(&current.to_string()),
            }
        })
    };
    let reset_knobs = props.ondispatch.reform(|_: MouseEvent| Action::ResetKnobs);
    let timed = props.ondispatch.reform(|_: MouseEvent| Action::Timed);
    let preset = match run.base {
        Base::Preset(name) => Some(name),
        Base::Bound(_) => None,
    };
    let about = PRESETS.iter().find(|p| Some(p.name) == preset).map(|p| p.about);
    html! {
        <section class="scenario-strip" aria-label="Scenario">
            <label class="scenario-field">
                <span>{ "Scenario" }</span>
                <select onchange={onpreset}>
                    if let Base::Bound(b) = run.base {
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
            if !run.knobs.is_empty() {
                <p class="scenario-knobs">
                    { "Set by the link: " }
                    { for run.knobs.iter().enumerate().map(|(i, (name, _))| {
                        let shown = KNOBS.iter().find(|k| k.name == *name).map(|k| k.format(&props.scenario)).unwrap_or_default();
                        html! { <>{ if i > 0 { ", " } else { "" } }<code>{ format!("{name} = {shown}") }</code></> }
                    }) }
                    { " " }
                    <button type="button" class="link-button" onclick={reset_knobs}>{ "back to the preset's" }</button>
                </p>
            }
            if let Some(hand) = &run.hand {
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
