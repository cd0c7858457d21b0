//! Where a part of the page is against the viewport: whether it has come near (the cue to
//! prepare what it will need, the cascade's run and the search's worker, before the learner
//! gets there, and not before), whether it is in view (an embed's autoplay), and which
//! layout the window's size and the reader's settings ask for (media queries).

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How near counts as near: within 900 px below the viewport, about a screen of scrolling.
pub const NEAR_MARGIN: &str = "0px 0px 900px 0px";

/// An IntersectionObserver and its callback, which must live as long as it observes.
pub type Watch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>);

/// A call to make at most once.
type Once = Cell<Option<Box<dyn FnOnce()>>>;

/// Calls `seen` once, the first time the element of `node` comes within `margin` of the
/// viewport (a CSS margin, as IntersectionObserver's rootMargin) with at least `ratio` of it
/// showing, then stops watching. Where the browser has no IntersectionObserver, calls it at
/// once. `None` when there is nothing to watch; disconnect the returned observer to stop
/// early (its callback must live as long as it observes).
pub fn when_in_view(
    node: &NodeRef,
    margin: &str,
    ratio: f64,
    seen: impl FnOnce() + 'static,
) -> Option<Watch> {
    let element = node.cast::<web_sys::Element>()?;
    // Shared by the observer's callback and the fallback, so that it runs once either way.
    let seen: Rc<Once> = Rc::new(Cell::new(Some(Box::new(seen))));
    let fire = move |seen: &Once| {
        if let Some(f) = seen.take() {
            f();
        }
    };
    let callback = {
        let seen = seen.clone();
        Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: IntersectionObserver| {
                let in_view = entries.iter().any(|e| {
                    let e = e.unchecked_into::<IntersectionObserverEntry>();
                    e.is_intersecting() && e.intersection_ratio() >= ratio
                });
                if in_view {
                    observer.disconnect();
                    fire(&seen);
                }
            },
        )
    };
    let init = IntersectionObserverInit::new();
    init.set_root_margin(margin);
    init.set_threshold(&JsValue::from_f64(ratio));
    match IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(&element);
            Some((observer, callback))
        }
        Err(_) => {
            fire(&seen);
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
            let observer = if *watch && !*near {
                let setter = near.clone();
                when_in_view(&node, NEAR_MARGIN, 0.0, move || setter.set(true))
            } else {
                None
            };
            move || {
                if let Some((observer, _seen)) = observer {
                    observer.disconnect();
                }
            }
        });
    }
    *near
}

/// Whether the window matches the media query `query` now.
pub fn media_matches(query: &str) -> bool {
    web_sys::window().and_then(|w| w.match_media(query).ok().flatten()).is_some_and(|m| m.matches())
}

/// The media query under which the page lays out its stage (www/layout.css uses the same):
/// the diagram, the sentence and the controls on one screen.
pub const STAGE_MEDIA: &str = "(min-width: 64rem) and (min-height: 34rem)";

/// Whether the window is wide and tall enough for the stage ([`STAGE_MEDIA`]).
pub fn on_stage() -> bool {
    media_matches(STAGE_MEDIA)
}
