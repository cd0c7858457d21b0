//! The address bar: the URL hash the page opens with, the address of a link, writing the
//! learner's link into the history, and hearing Back and Forward. The link's own format is
//! [`crate::ui::link`]'s; this module only moves it in and out of the browser. In-page
//! anchors (`#sources`: [`crate::ui::link::anchor`]) are not links: they scroll to their
//! element and focus it, and never reach the page's state or the history.

use crate::ui::link::{anchor, decode, encode, Link};
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
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
    // The page at its defaults, opened at an anchor (`#sources`): the anchor stays.
    if hash.is_empty() && anchor(&current).is_some() {
        return;
    }
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
/// hash in the address bar. An anchor (`#sources`) typed or returned to is scrolled to
/// instead: it is not a link.
#[hook]
pub fn use_navigation(onnavigate: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "popstate", move |_| {
                let hash = current_hash();
                match anchor(&hash) {
                    Some(id) => {
                        scroll_to(id);
                    }
                    None => onnavigate.emit(hash),
                }
            })
        });
        move || drop(listener)
    });
}

/// Brings the element `id` into view and moves the keyboard focus to it (a section that is
/// not focusable is made focusable from script only, `tabindex="-1"`), as a browser does for
/// an anchor, so that a keyboard or screen-reader user lands where a sighted one looks.
/// Returns whether the element exists.
pub fn scroll_to(id: &str) -> bool {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    let Some(element) = element else {
        return false;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    // Focus without a scroll of its own, which would cut the smooth one short.
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
    element.scroll_into_view();
    settle_on(element);
    true
}

/// How long after a scroll to an anchor its end may still correct it, in milliseconds:
/// longer than a smooth scroll down the page, shorter than a learner's next move.
const SETTLE_MS: f64 = 3_000.0;

thread_local! {
    /// The listener that corrects the last scroll to an anchor once it ends.
    static SETTLING: std::cell::RefCell<Option<EventListener>> = const { std::cell::RefCell::new(None) };
}

/// Sections above the target may grow while a smooth scroll runs (the cascade's charts fill
/// in as the page passes them), so that it ends short of the target: when the scroll ends,
/// soon after it began, land on the target without animation if it is out of place.
fn settle_on(target: web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let started = crate::ui::slices::now_ms();
    let listener = EventListener::once(&window, "scrollend", move |_| {
        let rect = target.get_bounding_client_rect();
        let height = web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|h| h.as_f64());
        let out_of_place = height.is_some_and(|h| rect.top() >= h * 0.5 || rect.bottom() <= 0.0);
        if out_of_place && crate::ui::slices::now_ms() - started < SETTLE_MS {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_behavior(web_sys::ScrollBehavior::Instant);
            target.scroll_into_view_with_scroll_into_view_options(&options);
        }
    });
    SETTLING.with(|s| *s.borrow_mut() = Some(listener));
}

/// The page's own in-page links (`<a href="#sources">`) as anchors: a click scrolls to the
/// element and focuses it, without touching the address. Left to the browser, the click
/// would set the hash, which the page would read as a link (and, in an embed, add an entry
/// to the host's history, which is not ours).
#[hook]
pub fn use_in_page_anchors() {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|document| {
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "click", options, move |event| {
                let link = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|e| e.closest("a[href^='#']").ok().flatten());
                let href = link.and_then(|a| a.get_attribute("href")).unwrap_or_default();
                if let Some(id) = anchor(&href) {
                    event.prevent_default();
                    scroll_to(id);
                }
            })
        });
        move || drop(listener)
    });
}

/// The page opened at an anchor (`page#sources`): scrolls there once the element is drawn
/// (the sections below the stage are drawn one per frame after the first paint, so it is
/// looked for every 100 ms, for at most 5 s).
#[hook]
pub fn use_opening_anchor() {
    let opened = use_state(|| anchor(&current_hash()).map(str::to_string));
    let tries = use_state_eq(|| 0u32);
    use_effect_with(*tries, move |&tried| {
        let retry = match (*opened).as_deref() {
            Some(id) if tried < 50 && !scroll_to(id) => {
                Some(gloo_timers::callback::Timeout::new(100, move || tries.set(tried + 1)))
            }
            _ => None,
        };
        move || drop(retry)
    });
}
