//! The address bar: the URL hash the page opens with, the address of a link, writing the
//! learner's link into the history, and hearing Back and Forward. The link's own format is
//! [`crate::ui::link`]'s; this module only moves it in and out of the browser.

use crate::ui::link::{decode, encode, Link};
use gloo_events::EventListener;
use yew::prelude::*;

/// The page's URL hash now (with its `#`, or empty).
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The address of this page opened at `link`.
pub fn page_url(link: &Link) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let page = location.href().unwrap_or_default();
    let page = page.split('#').next().unwrap_or_default();
    match encode(link) {
        hash if hash.is_empty() => page.to_string(),
        hash => format!("{page}#{hash}"),
    }
}

/// Writes `link` into the URL hash. Another thing to look at (a scenario, a design, a
/// chapter, a view) is a new history entry, so that Back returns to the one before; a step
/// only replaces the current entry, so that Back does not walk through every event.
pub fn write_link(link: &Link) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = encode(link);
    let current = window.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == hash {
        return;
    }
    let url = if hash.is_empty() {
        // The bare page: no lone "#" left behind.
        let location = window.location();
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    } else {
        format!("#{hash}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let new_entry = decode(&current).link.differs_beyond_step(link);
    let _ = if new_entry {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Calls `onnavigate` with the new hash when the learner goes Back or Forward, or edits the
/// hash in the address bar.
#[hook]
pub fn use_navigation(onnavigate: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .map(|window| EventListener::new(&window, "popstate", move |_| onnavigate.emit(current_hash())));
        move || drop(listener)
    });
}
