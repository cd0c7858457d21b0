//! The Yew front end. It calls the core; the core never calls it.

mod app;

pub use app::App;
