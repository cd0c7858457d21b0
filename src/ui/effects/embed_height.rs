//! Inside a host's iframe: the page's height, posted to the host so that it can size the
//! iframe to fit (the embed snippet's script listens for it).

use gloo_events::EventListener;
use std::cell::Cell;
use yew::prelude::*;

/// The `type` of the message an embedded page posts to its host with its height.
pub const HEIGHT_MESSAGE: &str = "dns-race:height";

thread_local! {
    /// The height last posted, so that a render that changes nothing posts nothing.
    static POSTED_HEIGHT: Cell<i32> = const { Cell::new(-1) };
}

/// Inside a host's iframe, posts `{type: "dns-race:height", height}` (CSS pixels, the
/// whole document) to the host whenever it changes: after every render and on resize, so
/// that the host can size the iframe to fit.
#[hook]
pub fn use_post_height(embedded: bool) {
    use_effect(move || {
        if embedded {
            post_height();
        }
    });
    use_effect_with(embedded, |embedded| {
        let listener = embedded
            .then(web_sys::window)
            .flatten()
            .map(|window| EventListener::new(&window, "resize", |_| post_height()));
        move || drop(listener)
    });
}

fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window.document().and_then(|d| d.document_element()).map_or(0, |e| e.scroll_height());
    if POSTED_HEIGHT.with(|p| p.replace(height)) == height {
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
