//! The explorer: is a set of mitigations safe, or did the incident's schedule just miss the
//! bad case?
//!
//! Two answers, both over the same [`World::enabled`](crate::sim::World::enabled) and
//! [`World::apply`](crate::sim::World::apply) as the timeline:
//! * [`Search`]: every interleaving up to a [`Bound`], breadth-first with state hashing, so
//!   the counterexample it finds for each invariant is a shortest one. Proof up to the bound,
//!   for mitigations that do not read the clock.
//! * [`Sampler`]: thousands of seeded timed runs per set of mitigations: how often each
//!   invariant fails and how long the record stays empty. This judges the mitigations that
//!   act through time (plan expiry, the stuck alarm).
//!
//! Both work in slices ([`Search::step`], [`Sampler::step`]) so that the page can show
//! progress, stay responsive and cancel; both are deterministic and never read a clock:
//! callers time them.

mod bound;
mod sample;
mod search;

pub use bound::Bound;
pub use sample::{replay_scenario, sample_sets, Family, Sampler, Tally, FAMILIES, RUNS_DEFAULT};
pub use search::{explore, explore_within, Budget, Counterexample, Exploration, OverBudget, Search};
