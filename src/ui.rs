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

/// Starts the page. Each function of the wasm is compiled when it is first called, on the
/// page's thread, so the start is spread over tasks that each stay short: this one started
/// the wasm; the next runs the opening run (the simulator's first calls); the one after
/// starts Yew, whose first render draws the page's empty frame (`app.rs`, `part`). The copy
/// of the first paint that the build pre-rendered into index.html (scripts/first-paint.mjs)
/// stays on screen until the app's stage is whole: the app draws the page in parts, one per
/// frame, and removes the copy in the task that shows its stage.
pub fn start() {
    yew::platform::spawn_local(async {
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        let opened = state::PageState::open(link::decode(&effects::address::current_hash()), None);
        yew::platform::time::sleep(std::time::Duration::ZERO).await;
        let props = AppProps { opened: Some(app::Opened::new(opened)), ..AppProps::default() };
        yew::Renderer::<App>::with_props(props).render();
    });
}
