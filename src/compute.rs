//! The page's heavy work as typed messages, and the pure handler that a Web Worker runs.
//!
//! The page never runs the cascade, the exhaustive search or the random runs on its own
//! thread when it can help it: it posts a [`Request`] to a worker (`src/bin/dns-race-worker.rs`,
//! built for speed, none of Yew) and draws the [`Reply`]. Messages are postcard bytes (serde's
//! compact binary format: exact floats, no field names), checked on both sides, and the
//! first reply, [`Reply::Ready`], names the [`PROTOCOL`]: a worker of another build (a stale
//! cache) is not spoken to.
//!
//! Random runs are split into ranges of run indices ([`SamplePlan`]): a pool of workers each
//! plays one range at a time and the page merges the tallies, which gives exactly the table
//! one thread makes ([`Tally::merge`]).
//!
//! Pure and platform-free: the worker's glue passes in its clock as a deadline test, and the
//! same handler runs natively in the tests.

use crate::cascade::{self, Cascade, CascadeInput, CascadeSettings};
use crate::explore::{Bound, Budget, Exploration, OverBudget, Sampler, Search, Tally};
use crate::scenario::Mitigation;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The protocol's name, version and the build's: the page and its worker must say the same.
pub const PROTOCOL: &str = concat!("dns-race ", env!("CARGO_PKG_VERSION"), " compute 3");

/// How long a worker searches before it reports progress and reads the page's messages, in
/// its own milliseconds: also how soon a Cancel is heard.
pub const SEARCH_SLICE_MS: f64 = 50.0;

/// The longest message the page or a worker reads (a cascade run is about 100 KB): anything
/// longer is refused before it is parsed.
pub const MESSAGE_BYTES_MAX: usize = 8 << 20;

/// What the page asks of a worker. `job` is the page's number for the job, echoed in every
/// reply, so that a reply to a job the page no longer wants is recognised and dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    /// Play the cascade after a race.
    Cascade {
        /// The page's number for the job.
        job: u32,
        /// What the cascade takes of the race's trace.
        input: CascadeInput,
        /// The learner's settings (boxed: they are far larger than the other requests;
        /// serde reads and writes a box as its contents).
        settings: Box<CascadeSettings>,
    },
    /// Play the runs `runs` (indices; run `i` has the seed `seed + i`) of `preset` for each
    /// of `sets`.
    Sample {
        /// The page's number for the job.
        job: u32,
        /// The family's preset.
        preset: String,
        /// The designs, in the table's order.
        sets: Vec<Vec<Mitigation>>,
        /// The first run's seed.
        seed: u64,
        /// The run indices to play.
        runs: Range<u32>,
    },
    /// Start an exhaustive search. The worker goes on slice after slice by itself
    /// ([`Compute::search_more`]), answering [`Reply::Searching`] after each, until
    /// [`Reply::Searched`]: it never waits for the page between slices.
    Search {
        /// The page's number for the job.
        job: u32,
        /// The bound to explore.
        bound: Bound,
        /// The design to check.
        mitigations: Vec<Mitigation>,
        /// Stop after this many states (the page's memory budget), and say so.
        states_max: u64,
    },
    /// Stop the search `job` and report what it found so far.
    SearchStop {
        /// The page's number for the job.
        job: u32,
    },
    /// Get the search's code ready before the learner asks for a search: a browser compiles
    /// each function of the wasm when it is first called, and its faster code only once the
    /// function has run a while, so a worker's first search ran half again as long as the
    /// next. The worker runs [`warm_bound`]'s search and drops it, answering
    /// [`Reply::Warmed`].
    Warm,
}

/// The search a worker runs to get ready ([`Request::Warm`]): the default bound with one plan
/// fewer (about 15,000 states, a seventh of the default's), through every function the
/// default's search calls.
pub fn warm_bound() -> Bound {
    let default = Bound::default();
    Bound { generations: default.generations - 1, ..default }
}

/// Why a search ended before it had explored every state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stopped {
    /// It reached the page's limit of states.
    Limit,
    /// Its memory reached the page's budget ([`Budget::PAGE`]).
    Memory,
    /// The learner cancelled it.
    Cancelled,
}

impl From<OverBudget> for Stopped {
    fn from(over: OverBudget) -> Stopped {
        match over {
            OverBudget::States => Stopped::Limit,
            OverBudget::Bytes => Stopped::Memory,
        }
    }
}

/// What a worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    /// The worker is listening (the first message; requests sent earlier would be lost).
    Ready {
        /// The worker's [`PROTOCOL`].
        protocol: String,
    },
    /// A cascade run, or why it could not run.
    Cascade {
        /// The page's number for the job.
        job: u32,
        /// The run.
        result: Result<Cascade, String>,
        /// How long it took in the worker, ms.
        ms: f64,
    },
    /// The tallies of the runs `runs`, one per set, in the request's order.
    Sampled {
        /// The page's number for the job.
        job: u32,
        /// The run indices played.
        runs: Range<u32>,
        /// One tally per set.
        tallies: Vec<Tally>,
    },
    /// The search goes on: states so far.
    Searching {
        /// The page's number for the job.
        job: u32,
        /// Distinct states so far.
        states: u64,
    },
    /// The search ended: all of it, or what it found before it stopped.
    Searched {
        /// The page's number for the job.
        job: u32,
        /// What it found.
        exploration: Exploration,
        /// Why it stopped early, if it did.
        stopped: Option<Stopped>,
    },
    /// The worker has run [`Request::Warm`]'s search.
    Warmed {
        /// Distinct states it explored.
        states: u64,
    },
    /// The request could not be taken (a bad setting, a search the worker does not hold).
    Refused {
        /// The page's number for the job (0 when the request could not be read).
        job: u32,
        /// What was wrong, for people.
        problem: String,
    },
}

impl Request {
    /// The request as the bytes posted to a worker.
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a request always serialises")
    }

    /// Reads a posted request; a message too long or not a request is named.
    pub fn decode(bytes: &[u8]) -> Result<Request, String> {
        decode(bytes)
    }
}

impl Reply {
    /// The reply as the bytes a worker posts.
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a reply always serialises")
    }

    /// Reads a worker's reply; a message too long or not a reply is named.
    pub fn decode(bytes: &[u8]) -> Result<Reply, String> {
        decode(bytes)
    }
}

fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    if bytes.len() > MESSAGE_BYTES_MAX {
        return Err(format!("a message of {} bytes, over the limit of {MESSAGE_BYTES_MAX}", bytes.len()));
    }
    postcard::from_bytes(bytes).map_err(|e| format!("an unreadable message: {e}"))
}

/// A worker's state between messages: the search it is running, if any.
#[derive(Default)]
pub struct Compute {
    search: Option<RunningSearch>,
}

struct RunningSearch {
    job: u32,
    search: Search,
    states_max: u64,
}

impl Compute {
    /// Does what `request` asks and says what came of it. `past_deadline` says whether the
    /// current slice's time is up (the worker's clock; the search checks it between steps).
    pub fn handle(&mut self, request: Request, past_deadline: &mut dyn FnMut() -> bool) -> Reply {
        match request {
            Request::Cascade { job, input, settings } => {
                let result = cascade::run_after(&input, &settings).map_err(|e| e.to_string());
                Reply::Cascade { job, result, ms: 0.0 }
            }
            Request::Sample { job, preset, sets, seed, runs } => {
                match Sampler::range(&preset, sets, runs.clone(), seed) {
                    Ok(mut sampler) => {
                        while !sampler.step(64) {}
                        Reply::Sampled { job, runs, tallies: sampler.into_tallies() }
                    }
                    Err(e) => Reply::Refused { job, problem: e.to_string() },
                }
            }
            Request::Search { job, bound, mitigations, states_max } => match Search::new(bound, &mitigations)
            {
                Ok(search) => {
                    self.search = Some(RunningSearch { job, search, states_max });
                    self.search_slice(job, past_deadline)
                }
                Err(e) => Reply::Refused { job, problem: e.to_string() },
            },
            Request::SearchStop { job } => match self.search.take() {
                Some(running) if running.job == job => Reply::Searched {
                    job,
                    exploration: running.search.report(),
                    stopped: Some(Stopped::Cancelled),
                },
                other => {
                    self.search = other;
                    Reply::Refused { job, problem: format!("no search {job} is running") }
                }
            },
            Request::Warm => match Search::new(warm_bound(), &[]) {
                Ok(mut search) => {
                    while !search.step(512) {}
                    // The report too: a counterexample is replayed and told.
                    let report = search.report();
                    Reply::Warmed { states: report.states }
                }
                Err(e) => Reply::Refused { job: 0, problem: e.to_string() },
            },
        }
    }

    /// Goes on with the search `job` for another slice (the worker calls it after each
    /// [`Reply::Searching`], between the page's messages, so that a stop is heard); `None`
    /// when that search is no longer running (it was stopped).
    pub fn search_more(&mut self, job: u32, past_deadline: &mut dyn FnMut() -> bool) -> Option<Reply> {
        self.search.as_ref().is_some_and(|r| r.job == job).then(|| self.search_slice(job, past_deadline))
    }

    /// Searches until the deadline, the end or the limit of states.
    fn search_slice(&mut self, job: u32, past_deadline: &mut dyn FnMut() -> bool) -> Reply {
        let Some(running) = self.search.as_mut().filter(|r| r.job == job) else {
            return Reply::Refused { job, problem: format!("no search {job} is running") };
        };
        // The page's budget: its limit of states, and a phone tab's memory.
        let budget = Budget { states_max: running.states_max, ..Budget::PAGE };
        let mut done = running.search.done();
        let mut over = None;
        while !done && over.is_none() && !past_deadline() {
            done = running.search.step(512);
            over = running.search.over(&budget);
        }
        if !done && over.is_none() {
            return Reply::Searching { job, states: running.search.states() };
        }
        let exploration = running.search.report();
        // The search's memory goes as soon as it has reported.
        self.search = None;
        Reply::Searched { job, exploration, stopped: over.filter(|_| !done).map(Stopped::from) }
    }
}

/// Random runs handed out in ranges of run indices, to a pool of workers or to the page's
/// own slices, and merged as they come back, in any order: the finished table equals one
/// [`Sampler`]'s of all the runs.
#[derive(Clone, Debug)]
pub struct SamplePlan {
    /// The family's preset.
    pub preset: String,
    /// The designs, in the table's order.
    pub sets: Vec<Vec<Mitigation>>,
    /// The first run's seed.
    pub seed: u64,
    /// Runs per design.
    pub runs: u32,
    chunk: u32,
    next: u32,
    /// Ranges handed back (a worker failed): handed out again first.
    returned: Vec<Range<u32>>,
    tallies: Vec<Tally>,
}

/// About this many runs (over all designs) in one range: a fifth of a second or so in a
/// worker, so that the table moves often and a pool stays evenly busy.
const RANGE_RUNS: u32 = 256;

impl SamplePlan {
    /// `runs` runs of `preset` per design in `sets`, seeds from `seed`; an unknown preset or
    /// a design the scenario refuses is an error.
    pub fn new(preset: &str, sets: Vec<Vec<Mitigation>>, runs: u32, seed: u64) -> Result<SamplePlan, String> {
        let tallies =
            Sampler::range(preset, sets.clone(), 0..0, seed).map_err(|e| e.to_string())?.into_tallies();
        let chunk = (RANGE_RUNS / (sets.len() as u32).max(1)).max(1);
        Ok(SamplePlan {
            preset: preset.to_string(),
            sets,
            seed,
            runs,
            chunk,
            next: 0,
            returned: Vec::new(),
            tallies,
        })
    }

    /// The next range of run indices to play, if any is left to hand out.
    pub fn take(&mut self) -> Option<Range<u32>> {
        if let Some(range) = self.returned.pop() {
            return Some(range);
        }
        (self.next < self.runs).then(|| {
            let from = self.next;
            self.next = from.saturating_add(self.chunk).min(self.runs);
            from..self.next
        })
    }

    /// Takes back a range that was handed out and will not be played (its worker failed).
    pub fn give_back(&mut self, range: Range<u32>) {
        self.returned.push(range);
    }

    /// The request that plays `range` in a worker.
    pub fn request(&self, job: u32, range: Range<u32>) -> Request {
        Request::Sample {
            job,
            preset: self.preset.clone(),
            sets: self.sets.clone(),
            seed: self.seed,
            runs: range,
        }
    }

    /// A sampler that plays `range` here (the page's slices, where no worker can start).
    pub fn sampler(&self, range: Range<u32>) -> Sampler {
        Sampler::range(&self.preset, self.sets.clone(), range, self.seed)
            .expect("the plan's preset and sets were checked when it was made")
    }

    /// Merges the tallies of a range played.
    pub fn add(&mut self, tallies: &[Tally]) {
        assert_eq!(tallies.len(), self.tallies.len(), "a tally per design");
        for (into, from) in self.tallies.iter_mut().zip(tallies) {
            into.merge(from);
        }
    }

    /// The tallies so far, one per design.
    pub fn tallies(&self) -> &[Tally] {
        &self.tallies
    }

    /// Runs done, over all designs.
    pub fn runs_done(&self) -> u64 {
        self.tallies.iter().map(|t| u64::from(t.runs)).sum()
    }

    /// Runs to do, over all designs.
    pub fn runs_total(&self) -> u64 {
        u64::from(self.runs) * self.sets.len() as u64
    }

    /// Whether every run has been played and merged.
    pub fn done(&self) -> bool {
        self.runs_done() >= self.runs_total()
    }
}
