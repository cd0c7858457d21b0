//! Exhaustive search: every interleaving up to a bound, breadth-first, so that the first
//! violation found of each invariant comes with a shortest path to it.

use super::bound::Bound;
use crate::scenario::{InvalidScenario, Mitigation, Scenario};
use crate::sim::{Actor, Event, Invariant, Trace, World};
use serde::{Deserialize, Serialize};
use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// A shortest sequence of events from the start to a state in which `invariant` fails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counterexample {
    /// The invariant that fails in the last state.
    pub invariant: Invariant,
    /// The events, in order, each enabled when it happens.
    pub events: Vec<Event>,
}

impl Counterexample {
    /// The counterexample as a trace of `scenario` (the search's), to step through, narrate
    /// and share like any run. Its times are the calm day's durations, drawn as the events
    /// happen in this order. If the regional endpoint ends empty, a client's lookup is
    /// added, so that the last step shows what clients got.
    pub fn trace(&self, scenario: &Scenario) -> Trace {
        let mut world = World::new(scenario.clone());
        // Each event was enabled when the search applied it; `try_apply` stops a
        // counterexample from elsewhere (a hand-edited link) at its first impossible event.
        let mut steps: Vec<_> = self.events.iter().map_while(|&event| world.try_apply(event)).collect();
        if self.invariant == Invariant::NeverEmpty && crate::sim::resolve(&world, 0).addresses.is_empty() {
            steps.extend(world.try_apply(Event::ClientResolves { endpoint: 0 }));
        }
        Trace::new(scenario.clone(), steps, false)
    }
}

/// What a search found: how much it explored and, for each invariant that can fail within
/// the bound, a shortest counterexample.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exploration {
    /// The bound explored.
    pub bound: Bound,
    /// The scenario explored: the bound's, with the mitigations that do not need a clock.
    pub scenario: Scenario,
    /// The mitigations asked for.
    pub mitigations: Vec<Mitigation>,
    /// Those among them that act through the clock: left out of the search, judged only by
    /// the random runs.
    pub needs_clock: Vec<Mitigation>,
    /// Distinct states reached.
    pub states: u64,
    /// Events applied, including those that led to a state already seen.
    pub transitions: u64,
    /// The most events on a shortest path from the start to any state reached.
    pub depth: u32,
    /// Whether every reachable state was explored (not cancelled, not stopped early).
    pub complete: bool,
    /// A shortest counterexample for each invariant that fails somewhere, in display order.
    pub counterexamples: Vec<Counterexample>,
}

impl Exploration {
    /// Whether no invariant fails anywhere within the bound: proof up to the bound.
    pub fn safe(&self) -> bool {
        self.complete && self.counterexamples.is_empty()
    }

    /// The counterexample to show first: the one for the first failing invariant in
    /// display order (never-empty, if it fails).
    pub fn headline(&self) -> Option<&Counterexample> {
        self.counterexamples.first()
    }

    /// Whether `invariant` can fail at all in the explored scenario: fresh-enough needs
    /// load balancers that fail, which takes a clock.
    pub fn invariant_can_fail(&self, invariant: Invariant) -> bool {
        invariant != Invariant::FreshEnough || self.scenario.lb_failure_interval_ms.is_some()
    }

    /// The shortest counterexample for `invariant`, if it fails within the bound.
    pub fn counterexample(&self, invariant: Invariant) -> Option<&Counterexample> {
        self.counterexamples.iter().find(|c| c.invariant == invariant)
    }

    /// The result as one JSON document: `states`, `safe`, `counterexample` (`null`, or the
    /// headline counterexample's events shaped as in `trace --json`), and the rest. The
    /// caller adds how long it took.
    pub fn to_json(&self) -> serde_json::Value {
        let events = |c: &Counterexample| c.trace(&self.scenario).entries();
        let by_invariant: serde_json::Map<String, serde_json::Value> = Invariant::ALL
            .into_iter()
            .map(|i| (i.name().to_string(), serde_json::json!(self.counterexample(i).map(events))))
            .collect();
        serde_json::json!({
            "bound": self.bound,
            "mitigations": self.mitigations,
            "needs_clock": self.needs_clock,
            "states": self.states,
            "transitions": self.transitions,
            "depth": self.depth,
            "complete": self.complete,
            "safe": self.safe(),
            "counterexample": self.headline().map(events),
            "counterexamples": by_invariant,
            "scenario": self.scenario,
        })
    }
}

/// The state hashes are already well mixed: the visited map uses them as they are.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; fold anything else in, so this stays a hasher.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// How each state was first reached: from which state, by which event.
#[derive(Clone, Copy)]
struct Parent {
    state: u32,
    event: Event,
    depth: u32,
}

/// A breadth-first search in progress. Call [`Search::step`] until it returns `true` (or
/// stop calling it: that is cancelling), then read [`Search::report`].
pub struct Search {
    bound: Bound,
    mitigations: Vec<Mitigation>,
    scenario: Scenario,
    frontier: VecDeque<(u32, World)>,
    /// The frontier's worlds' [`World::heap_bytes`], summed as they come and go.
    frontier_heap_bytes: u64,
    /// The hashes of the states reached. Only asked for membership, never iterated: its
    /// order would depend on the hasher, and nothing here may.
    visited: HashSet<u64, BuildHasherDefault<PassThrough>>,
    parents: Vec<Parent>,
    first_violation: [Option<u32>; Invariant::ALL.len()],
    transitions: u64,
    enabled: Vec<Event>,
    /// Where each transition is tried: a copy of the state it starts from, kept only if
    /// the state it reaches is new (most are not).
    scratch: World,
    /// Worlds already explored, whose lists the next scratch worlds reuse: a new state
    /// moves the scratch world into the frontier and takes one of these in its place, so
    /// that keeping a state neither copies it nor allocates (at most [`SPARES_MAX`]).
    spares: Vec<World>,
}

/// How many explored worlds a search keeps for reuse: about one is needed per state
/// explored (each leads to one new state on average); more would only hold memory.
const SPARES_MAX: usize = 16;

impl Search {
    /// A search of `bound` with `mitigations` switched on, standing at the start state.
    pub fn new(bound: Bound, mitigations: &[Mitigation]) -> Result<Search, InvalidScenario> {
        bound.validate()?;
        let scenario = bound.scenario(mitigations);
        let start = World::new(scenario.clone());
        let mut search = Search {
            bound,
            mitigations: {
                let mut sorted = mitigations.to_vec();
                sorted.sort();
                sorted.dedup();
                sorted
            },
            scenario,
            frontier: VecDeque::new(),
            frontier_heap_bytes: start.heap_bytes(),
            visited: HashSet::default(),
            parents: Vec::new(),
            first_violation: [None; Invariant::ALL.len()],
            transitions: 0,
            enabled: Vec::new(),
            scratch: start.clone(),
            spares: Vec::new(),
        };
        search.visited.insert(start.state_hash());
        search.parents.push(Parent { state: 0, event: Event::PlannerPublishes, depth: 0 });
        search.note_violations(0, crate::sim::failing(&start));
        search.frontier.push_back((0, start));
        Ok(search)
    }

    /// The scenario explored: the bound's, with the mitigations that do not need a clock.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Distinct states reached so far.
    pub fn states(&self) -> u64 {
        self.parents.len() as u64
    }

    /// Whether every reachable state has been explored.
    pub fn done(&self) -> bool {
        self.frontier.is_empty()
    }

    /// Explores up to `budget` states from the frontier; returns whether the search is done.
    /// Clients are left out: a lookup reads the records and changes nothing the state hash
    /// covers, so it can never lead to a new state.
    pub fn step(&mut self, budget: u32) -> bool {
        for _ in 0..budget {
            let Some((id, world)) = self.frontier.pop_front() else {
                break;
            };
            self.frontier_heap_bytes -= world.heap_bytes();
            let depth = self.parents[id as usize].depth + 1;
            world.enabled(&mut self.enabled);
            for i in 0..self.enabled.len() {
                let event = self.enabled[i];
                if event.actor() == Actor::Client {
                    continue;
                }
                let next = &mut self.scratch;
                next.clone_from(&world);
                next.perform(event);
                debug_assert!(
                    next.now_ms < super::bound::LOCK_TTL_MS,
                    "a lock could expire: {}",
                    next.now_ms
                );
                self.transitions += 1;
                if !self.visited.insert(next.state_hash()) {
                    continue;
                }
                let next_id = self.parents.len() as u32;
                self.parents.push(Parent { state: id, event, depth });
                let failing = crate::sim::failing(next);
                // The scratch world becomes the new state; a spare (or a copy of the state
                // explored, whose lists fit) becomes the scratch world.
                let spare = self.spares.pop().unwrap_or_else(|| world.clone());
                let next = std::mem::replace(&mut self.scratch, spare);
                self.note_violations(next_id, failing);
                self.frontier_heap_bytes += next.heap_bytes();
                self.frontier.push_back((next_id, next));
            }
            if self.spares.len() < SPARES_MAX {
                self.spares.push(world);
            }
        }
        self.done()
    }

    /// Records `state` as the first to break each invariant `failing` says fails, unless an
    /// earlier state did.
    fn note_violations(&mut self, state: u32, failing: [bool; 4]) {
        for (slot, fails) in self.first_violation.iter_mut().zip(failing) {
            if fails && slot.is_none() {
                *slot = Some(state);
            }
        }
    }

    /// The events on the recorded shortest path from the start to `state`.
    fn path_to(&self, mut state: u32) -> Vec<Event> {
        let mut events = Vec::new();
        while state != 0 {
            let parent = self.parents[state as usize];
            events.push(parent.event);
            state = parent.state;
        }
        events.reverse();
        events
    }

    /// What the search has found so far (all of it, once [`Search::step`] returned `true`).
    pub fn report(&self) -> Exploration {
        let counterexamples = Invariant::ALL
            .into_iter()
            .zip(self.first_violation)
            .filter_map(|(invariant, state)| Some(Counterexample { invariant, events: self.path_to(state?) }))
            .collect();
        Exploration {
            bound: self.bound,
            scenario: self.scenario.clone(),
            mitigations: self.mitigations.clone(),
            needs_clock: self.mitigations.iter().copied().filter(|m| m.needs_clock()).collect(),
            states: self.states(),
            transitions: self.transitions,
            depth: self.parents.iter().map(|p| p.depth).max().unwrap_or(0),
            complete: self.done(),
            counterexamples,
        }
    }
}

/// How far a search may go: a bound's state space can outgrow any machine (3 Enactors, 3
/// endpoints and 8 plans reach billions of states), so every search stops at a budget of
/// states and of memory, and says so, instead of failing to allocate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Distinct states at most.
    pub states_max: u64,
    /// Memory at most, by [`Search::bytes`]'s estimate.
    pub bytes_max: u64,
}

impl Budget {
    /// The command line's default: 2 GiB, and as many states as fit in it.
    pub const COMMAND_LINE: Budget = Budget { states_max: 100_000_000, bytes_max: 2 << 30 };
    /// The page's: a phone's tab. 5 million states, and 256 MiB of the worker's memory. The
    /// largest bounds the page offers are bigger (3 Enactors, 3 endpoints, 6 plans: 19
    /// million states), so for those the page gives the states it reached, not a proof.
    pub const PAGE: Budget = Budget { states_max: 5_000_000, bytes_max: 256 << 20 };
}

/// Which part of a [`Budget`] stopped a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverBudget {
    /// It reached the budget's number of states.
    States,
    /// Its memory reached the budget's bytes.
    Bytes,
}

impl Search {
    /// An upper estimate of the search's memory: the states seen (hash set and parents) and
    /// the frontier's worlds, each with [`World::heap_bytes`].
    pub fn bytes(&self) -> u64 {
        use std::mem::size_of;
        // hashbrown: one control byte per bucket beside the entry.
        let visited = self.visited.capacity() * (size_of::<u64>() + 1);
        let parents = self.parents.capacity() * size_of::<Parent>();
        let slots = self.frontier.capacity() * size_of::<(u32, World)>();
        (visited + parents + slots) as u64 + self.frontier_heap_bytes
    }

    /// Whether the search is over `budget`, and by which part.
    pub fn over(&self, budget: &Budget) -> Option<OverBudget> {
        if self.states() >= budget.states_max {
            Some(OverBudget::States)
        } else if self.bytes() >= budget.bytes_max {
            Some(OverBudget::Bytes)
        } else {
            None
        }
    }
}

/// Explores `bound` with `mitigations` to the end, in one go (tests; the bounds they use are
/// small).
pub fn explore(bound: Bound, mitigations: &[Mitigation]) -> Result<Exploration, InvalidScenario> {
    explore_within(bound, mitigations, &Budget::COMMAND_LINE).map(|(exploration, _)| exploration)
}

/// Explores `bound` with `mitigations` until the end or `budget`: what was found, and what
/// stopped it early if something did (the exploration is then not `complete`).
pub fn explore_within(
    bound: Bound,
    mitigations: &[Mitigation],
    budget: &Budget,
) -> Result<(Exploration, Option<OverBudget>), InvalidScenario> {
    let mut search = Search::new(bound, mitigations)?;
    loop {
        // Small steps, so that the search stops close to the budget.
        if search.step(256) {
            return Ok((search.report(), None));
        }
        if let Some(over) = search.over(budget) {
            return Ok((search.report(), Some(over)));
        }
    }
}
