//! The Yew front end. It calls the core; the core never calls it.

mod app;
pub mod components;
mod highlights;

pub use app::{App, AWS_SUMMARY_URL};
pub use highlights::key_steps;
