//! dns-race: an interactive, embeddable replay of the DNS race that emptied DynamoDB's
//! us-east-1 endpoint on 19–20 October 2025.
//!
//! * [`sim`]: the model (World, events, the step function, invariants, the timed scheduler).
//! * [`scenario`]: every knob with its default, and the presets (the 2025 incident, random).
//! * [`cascade`]: the fourteen hours after the race: clients, retries, DWFM, the NLB.
//! * [`explore`]: every interleaving up to a bound, and thousands of seeded random runs.
//! * [`compute`]: the page's heavy work as typed messages, and the handler its Web Workers run.
//! * [`ui`]: the Yew front end (feature `web`); it calls the core, never the other way round.
//!
//! `sim`, `scenario`, `cascade` and `explore` are pure Rust: deterministic, seeded and platform-free.

#![warn(missing_docs)]

pub mod cascade;
pub mod compute;
pub mod explore;
pub mod scenario;
pub mod sim;
#[cfg(feature = "web")]
pub mod ui;
