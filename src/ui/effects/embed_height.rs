//! Inside a host's iframe: the figure's height, posted to the host so that it can size the
//! iframe to fit (the embed snippet's script listens for it). The message is
//! `{ type: "dns-race:height", height }`, `height` in CSS pixels, the figure's whole height;
//! a host with several figures tells them apart by `event.source`.

use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The `type` of the message an embedded page posts to its host with its height.
pub const HEIGHT_MESSAGE: &str = "dns-race:height";

/// The element whose height is posted: the embed's root.
const FIGURE_SELECTOR: &str = ".embed";

thread_local! {
    /// The height last posted, so that a render that changes nothing posts nothing.
    static POSTED_HEIGHT: Cell<i32> = const { Cell::new(-1) };
}

/// A ResizeObserver and its callback, which must live as long as it observes.
type Watch = (web_sys::ResizeObserver, Closure<dyn FnMut(js_sys::Array)>);

/// Inside a host's iframe, posts the figure's height to the host whenever it changes, larger
/// or smaller: a ResizeObserver on the figure sees every change of its content and of the
/// frame's width. Without one, it posts after every render and on resize.
#[hook]
pub fn use_post_height(embedded: bool) {
    use_effect(move || {
        if embedded {
            post_height();
        }
    });
    use_effect_with(embedded, |embedded| {
        let watch = embedded.then(observe).flatten();
        let listener = (embedded & watch.is_none())
            .then(web_sys::window)
            .flatten()
            .map(|window| gloo_events::EventListener::new(&window, "resize", |_| post_height()));
        move || {
            drop(listener);
            if let Some((observer, _callback)) = watch {
                observer.disconnect();
            }
        }
    });
}

fn observe() -> Option<Watch> {
    let figure = web_sys::window()?.document()?.query_selector(FIGURE_SELECTOR).ok()??;
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(|_: js_sys::Array| post_height());
    let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
    observer.observe(&figure);
    Some((observer, callback))
}

/// The figure's height in CSS pixels, rounded up, with the page's margin above it.
fn figure_height(document: &web_sys::Document) -> i32 {
    match document.query_selector(FIGURE_SELECTOR).ok().flatten() {
        Some(figure) => {
            let rect = figure.get_bounding_client_rect();
            let top = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
            (rect.bottom() + top).ceil() as i32
        }
        None => document.document_element().map_or(0, |e| e.scroll_height()),
    }
}

fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let height = figure_height(&document);
    if height <= 0 || POSTED_HEIGHT.with(|p| p.replace(height)) == height {
        return;
    }
    // The top window has no host to tell.
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    // "*": the page tells only its height, which any host may know; a sandboxed host
    // page has no origin to name.
    let _ = parent.post_message(&message, "*");
}
