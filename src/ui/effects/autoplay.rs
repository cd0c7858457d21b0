//! An embed's `autoplay=1`: playback starts the first time at least half of the figure is in
//! view (not while the reader is still paragraphs above it), from the range's start, and
//! never when the reader asked for reduced motion. It plays once, to the range's end.

use crate::ui::state::Action;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How much of the figure must be in view for it to start: half.
const IN_VIEW_RATIO: f64 = 0.5;

/// Whether the reader asked the system for reduced motion.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// An IntersectionObserver and its callback, which must live as long as it observes.
type Watch = (IntersectionObserver, Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>);

/// Starts playback (with [`Action::Play`]) once the element of `node` is half in view, if
/// `autoplay` is set and motion is welcome. Where the browser has no IntersectionObserver, it
/// starts at once.
#[hook]
pub fn use_autoplay(node: NodeRef, autoplay: bool, dispatch: Callback<Action>) {
    use_effect_with(autoplay, move |autoplay| {
        let watch: Option<Watch> = (*autoplay && !prefers_reduced_motion())
            .then(|| {
                let element = node.cast::<web_sys::Element>()?;
                let on_view = dispatch.clone();
                let seen = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
                    move |entries: js_sys::Array, observer: IntersectionObserver| {
                        let in_view = entries.iter().any(|e| {
                            let e = e.unchecked_into::<IntersectionObserverEntry>();
                            e.is_intersecting() && e.intersection_ratio() >= IN_VIEW_RATIO
                        });
                        if in_view {
                            observer.disconnect();
                            on_view.emit(Action::Play);
                        }
                    },
                );
                let init = IntersectionObserverInit::new();
                init.set_threshold(&JsValue::from_f64(IN_VIEW_RATIO));
                match IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init) {
                    Ok(observer) => {
                        observer.observe(&element);
                        Some((observer, seen))
                    }
                    Err(_) => {
                        dispatch.emit(Action::Play);
                        None
                    }
                }
            })
            .flatten();
        move || {
            if let Some((observer, _seen)) = watch {
                observer.disconnect();
            }
        }
    });
}
