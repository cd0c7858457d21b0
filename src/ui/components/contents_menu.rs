//! The page's short contents: a menu in the top bar that takes the learner from the stage to
//! any section below it, and closes once it has.

use gloo_events::EventListener;
use yew::prelude::*;

/// The sections below the stage, in page order: their anchor and a short title. The side by
/// side (`compare`) is listed only while it is shown.
pub const SECTIONS: [(&str, &str); 11] = [
    ("fixes", "What if…? Mitigations"),
    ("compare", "Side by side"),
    ("sequence", "Who did what, in order"),
    ("records", "The record sets"),
    ("verdict", "Verdict of the race"),
    ("cascade", "After the record comes back"),
    ("aws-changes", "What AWS changed"),
    ("save", "Save or open a run"),
    ("explorer", "Safe, or lucky? Explore"),
    ("assumptions", "The numbers behind it"),
    ("sources", "Sources"),
];

/// Properties of [`ContentsMenu`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ContentsMenuProps {
    /// Whether the side by side is on the page (a mitigation is on).
    pub compare: bool,
}

/// A disclosure button with the list of sections. A choice, Escape, or a click elsewhere
/// closes it; the in-page link itself is followed by the page's anchor handling.
#[function_component(ContentsMenu)]
pub fn contents_menu(props: &ContentsMenuProps) -> Html {
    let details = use_node_ref();
    let close = {
        let details = details.clone();
        move || {
            if let Some(d) = details.cast::<web_sys::Element>() {
                let _ = d.remove_attribute("open");
            }
        }
    };
    {
        let close = close.clone();
        let details = details.clone();
        use_effect_with((), move |_| {
            let document = web_sys::window().and_then(|w| w.document());
            let listeners = document.map(|document| {
                let on_click = {
                    let (close, details) = (close.clone(), details.clone());
                    EventListener::new(&document, "click", move |event| {
                        let inside = details.cast::<web_sys::Node>().is_some_and(|d| {
                            let target = event
                                .target()
                                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok());
                            d.contains(target.as_ref())
                        });
                        if !inside {
                            close();
                        }
                    })
                };
                let on_key = EventListener::new(&document, "keydown", move |event| {
                    let key = wasm_bindgen::JsCast::dyn_ref::<web_sys::KeyboardEvent>(event).map(|k| k.key());
                    if key.as_deref() == Some("Escape") {
                        close();
                    }
                });
                (on_click, on_key)
            });
            move || drop(listeners)
        });
    }
    let onchoose = Callback::from(move |_: MouseEvent| close());
    html! {
        <details class="contents-menu" ref={details}>
            <summary class="btn">{ "Contents" }</summary>
            <nav class="contents-menu-list" aria-label="Sections below the replay">
                <ol>
                    { for SECTIONS.iter().filter(|(id, _)| props.compare || *id != "compare").map(|(id, title)| html! {
                        <li><a href={format!("#{id}")} onclick={onchoose.clone()}>{ *title }</a></li>
                    }) }
                </ol>
            </nav>
        </details>
    }
}
