//! The model of the DNS automation and the race, as one step function.
//!
//! [`World`] holds the whole state. [`World::enabled`] lists what may happen next, in a fixed
//! order; [`World::apply`] performs one [`Event`] atomically and returns a [`Step`] saying
//! what changed. Schedulers choose among the enabled events: [`run`] is the timed scheduler
//! (logical milliseconds, seeded PRNG). Everything here is deterministic and platform-free:
//! the same scenario and seed give the same trace on native and wasm32.

mod budget;
mod enactor;
mod event;
mod generation_map;
mod invariants;
mod lb_set;
mod narration;
mod planner;
mod portable_hash;
mod resolver;
mod route53;
mod state_hash;
mod story;
mod timed;
mod trace;
mod vocabulary;
mod world;

pub use budget::{RunBudget, PAGE_MEMORY_BYTES, PAGE_OWN_BYTES, RUNS_HELD_MAX, RUN_BYTES_PER_EVENT};
pub use enactor::{Enactor, Phase};
pub use event::{Actor, Change, Event, Rejection, Step};
pub use generation_map::GenerationMap;
pub use invariants::{check, failing, Invariant};
pub use lb_set::LbSet;
pub use narration::narrate;
pub use planner::{Plan, Planner};
pub use portable_hash::{portable_hash, PortableHasher};
pub use resolver::{resolve, Answer};
pub use route53::{Endpoint, Lock, ENDPOINT_NAMES};
pub use story::{self_repair_note, self_repairs, story, Fate, Story};
pub use timed::{run, run_within, TimedScheduler};
pub use trace::{FirstViolation, Outcome, Trace, TraceEntry, Verdict};
pub use vocabulary::{
    classify, count, enactor_name, endpoint_host, endpoint_label, endpoint_phrase, format_duration,
    format_pdt, hhmm, sentence_case, time_of_day, Class, Glyph, Tone, ROUTE53,
};
pub use world::{LoadBalancer, World};

/// A plan's generation number: increases with every plan the Planner publishes.
pub type Generation = u32;
