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
pub mod workers;

pub use app::{App, AppProps, AWS_SUMMARY_URL};
pub use highlights::key_steps;
