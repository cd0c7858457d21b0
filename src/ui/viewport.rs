//! Whether a part of the page has come near the viewport: the cue to prepare what it will
//! need (the cascade's run, the search's worker) before the learner gets there, and not
//! before.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How near counts as near: within 900 px below the viewport, about a screen of scrolling.
pub const NEAR_MARGIN: &str = "0px 0px 900px 0px";

/// An IntersectionObserver and its callback, which must live as long as it observes.
type Watch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// Watches `node` and sets `near` once it comes within [`NEAR_MARGIN`] of the viewport;
/// where the browser has no IntersectionObserver, sets it at once.
fn observe_near(node: &NodeRef, near: &UseStateHandle<bool>) -> Option<Watch> {
    let element = node.cast::<web_sys::Element>()?;
    let seen = {
        let near = near.clone();
        Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let close =
                entries.iter().any(|e| e.unchecked_into::<IntersectionObserverEntry>().is_intersecting());
            if close {
                near.set(true);
            }
        })
    };
    let init = IntersectionObserverInit::new();
    init.set_root_margin(NEAR_MARGIN);
    match IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(&element);
            Some((observer, seen))
        }
        Err(_) => {
            near.set(true);
            None
        }
    }
}

/// Whether the element of `node` has come near the viewport (once near, it stays so). It is
/// watched while `watch` is true.
#[hook]
pub fn use_near_viewport(node: &NodeRef, watch: bool) -> bool {
    let near = use_state_eq(|| false);
    {
        let (node, near) = (node.clone(), near.clone());
        use_effect_with(watch, move |watch| {
            let observer = if *watch && !*near { observe_near(&node, &near) } else { None };
            move || {
                if let Some((observer, _seen)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    *near
}

/// The media query under which the page lays out its stage (www/layout.css uses the same):
/// the diagram, the sentence and the controls on one screen.
pub const STAGE_MEDIA: &str = "(min-width: 64rem) and (min-height: 34rem)";

/// Whether the window is wide and tall enough for the stage ([`STAGE_MEDIA`]).
pub fn on_stage() -> bool {
    web_sys::window().and_then(|w| w.match_media(STAGE_MEDIA).ok().flatten()).is_some_and(|m| m.matches())
}
