//! The page's side effects, one module for each thing of the browser they touch. Each only
//! reads the browser and dispatches actions (or writes what the state says): the state and
//! its rules are [`super::state`]'s, pure and tested natively.

pub mod address;
pub mod autoplay;
pub mod embed_height;
pub mod keys;
pub mod render_measure;
pub mod swipe;
pub mod theme;
pub mod ticker;
