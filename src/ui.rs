//! The Yew front end. It calls the core; the core never calls it.
//!
//! [`replay`], [`state`], [`view`] and [`export`] are pure Rust, tested natively; `components` draws
//! what the view models say; `effects` holds the page's side effects, by what each touches.

mod app;
pub mod codec;
pub mod components;
pub mod effects;
pub mod export;
mod highlights;
pub mod link;
pub mod replay;
pub mod scheduler;
pub mod slices;
pub mod state;
pub mod tour;
pub mod view;
pub mod viewport;
pub mod workers;

pub use app::{App, AppProps, AWS_SUMMARY_URL};
pub use highlights::key_steps;
use wasm_bindgen::JsCast;

/// Starts the page. The copy of its first paint that the build pre-rendered into index.html
/// (scripts/first-paint.mjs) is taken away first: the app draws the same stage live, in the
/// same task, so no frame shows both or neither.
pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(copies) = document.and_then(|d| d.query_selector_all("body > [data-first-paint]").ok()) {
        for i in 0..copies.length() {
            if let Some(copy) = copies.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                copy.remove();
            }
        }
    }
    yew::Renderer::<App>::new().render();
}
