//! The cascade's controls: the clients' retry policy, a second one to compare, DWFM's own
//! retry, and the operators' actions, AWS's fixes and the clients' serve-stale as switches.
//! Everything goes into the link.

use crate::cascade::{DwfmRetry, Response, RetryPolicy};
use crate::ui::link::CascadeChoice;
use crate::ui::view::cascade as view;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`CascadeControls`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CascadeControlsProps {
    /// What the learner set (`policy`, `vs`, `respond`).
    pub choice: CascadeChoice,
    /// Changes what the learner set.
    pub onchange: Callback<CascadeChoice>,
}

/// The value of the `<select>` an event came from.
fn selected(e: &Event) -> Option<String> {
    e.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()).map(|s| s.value())
}

/// Two policy pickers and three groups of switches.
#[function_component(CascadeControls)]
pub fn cascade_controls(props: &CascadeControlsProps) -> Html {
    let policy = props.choice.policy.unwrap_or_default();
    let on = props.choice.respond.clone().unwrap_or_else(|| Response::INCIDENT.to_vec());
    let onpolicy = {
        let (choice, onchange) = (props.choice.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            if let Some(policy) = selected(&e).and_then(|v| RetryPolicy::parse(&v).ok()) {
                // The default is left out of the link.
                let policy = (policy != RetryPolicy::default()).then_some(policy);
                onchange.emit(CascadeChoice { policy, ..choice.clone() });
            }
        })
    };
    let onvs = {
        let (choice, onchange) = (props.choice.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            if let Some(value) = selected(&e) {
                onchange.emit(CascadeChoice { vs: RetryPolicy::parse(&value).ok(), ..choice.clone() });
            }
        })
    };
    let dwfm = props.choice.dwfm.unwrap_or_default();
    let ondwfm = {
        let (choice, onchange) = (props.choice.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            if let Some(dwfm) = selected(&e).and_then(|v| DwfmRetry::parse(&v).ok()) {
                let dwfm = (dwfm != DwfmRetry::default()).then_some(dwfm);
                onchange.emit(CascadeChoice { dwfm, ..choice.clone() });
            }
        })
    };
    let toggle = |r: Response| {
        let (choice, onchange, on) = (props.choice.clone(), props.onchange.clone(), on.clone());
        Callback::from(move |_: Event| {
            let mut next: Vec<Response> = on.iter().copied().filter(|&x| x != r).collect();
            if !on.contains(&r) {
                next.push(r);
            }
            next.sort();
            // The incident's three are the default, left out of the link.
            let respond = (next != Response::INCIDENT.to_vec()).then_some(next);
            onchange.emit(CascadeChoice { respond, ..choice.clone() });
        })
    };
    let group = |title: &'static str, members: Vec<Response>| {
        html! {
            <fieldset class="cascade-switches">
                <legend>{ title }</legend>
                { for members.into_iter().map(|r| {
                    let id = format!("respond-{}", r.name());
                    html! {
                        <div class="cascade-switch" key={r.name()}>
                            <input type="checkbox" role="switch" id={id.clone()} checked={on.contains(&r)}
                                onchange={toggle(r)} aria-describedby={format!("{id}-about")} />
                            <label for={id.clone()}>
                                { r.label() }
                                <span class="cascade-switch-about" id={format!("{id}-about")}>{ r.about() }</span>
                            </label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    };
    let options = |current: Option<RetryPolicy>| {
        html! {
            { for RetryPolicy::ALL.iter().map(|&p| html! {
                <option value={p.name()} selected={current == Some(p)}>{ p.label() }</option>
            }) }
        }
    };
    html! {
        <div class="cascade-controls">
            <div class="cascade-policies">
                <label class="cascade-policy">
                    <span class="cascade-policy-label">{ "Clients retry with" }</span>
                    <select id="cascade-policy" onchange={onpolicy}>{ options(Some(policy)) }</select>
                    <span class="cascade-policy-about">{ policy.about() }</span>
                    <span class="cascade-policy-why">{ view::peak_why(policy) }</span>
                </label>
                <label class="cascade-policy cascade-policy--vs">
                    <span class="cascade-policy-label">{ "Compare with (dashed)" }</span>
                    <select id="cascade-vs" onchange={onvs}>
                        <option value="" selected={props.choice.vs.is_none()}>{ "nothing" }</option>
                        { options(props.choice.vs) }
                    </select>
                    <span class="cascade-policy-about">
                        { props.choice.vs.map_or("a second policy, run on the same trace, drawn dashed", |p| p.about()) }
                    </span>
                </label>
                <label class="cascade-policy cascade-policy--dwfm">
                    <span class="cascade-policy-label">{ "EC2 hosts retry leases with" }</span>
                    <select id="cascade-dwfm" onchange={ondwfm}>
                        { for DwfmRetry::ALL.iter().map(|&d| html! {
                            <option value={d.name()} selected={d == dwfm}>{ d.label() }</option>
                        }) }
                    </select>
                    <span class="cascade-policy-about">{ dwfm.about() }</span>
                    <span class="cascade-policy-why">{ view::dwfm_why(dwfm) }</span>
                </label>
            </div>
            <div class="cascade-responses">
                { group("What operators did (2025)", Response::INCIDENT.to_vec()) }
                { group("What AWS changed afterwards", Response::ALL.into_iter().filter(|r| r.is_fix()).collect()) }
                { group(
                    "Going further",
                    Response::ALL
                        .into_iter()
                        .filter(|r| !r.is_fix() && !r.is_client() && !Response::INCIDENT.contains(r))
                        .collect(),
                ) }
                { group("Clients' resolvers", Response::ALL.into_iter().filter(|r| r.is_client()).collect()) }
            </div>
            <p class="cascade-reach" role="note">{ view::CLIENT_POLICY_REACH }</p>
        </div>
    }
}
