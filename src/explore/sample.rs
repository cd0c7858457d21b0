//! Random runs: thousands of seeded timed runs per set of mitigations, to judge what the
//! exhaustive search cannot (mitigations that act through the clock) and to show how often
//! the race happens, not only whether it can.

use crate::scenario::{InvalidScenario, Mitigation, Scenario};
use crate::sim::{self, Invariant, RunBudget, TimedScheduler, World};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How many runs per set of mitigations unless told otherwise.
pub const RUNS_DEFAULT: u32 = 10_000;

/// A family of runs to sample: a preset whose seed each run replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Family {
    /// The preset's name, as on the command line.
    pub preset: &'static str,
    /// One line for people.
    pub about: &'static str,
}

/// The families the sampler offers, the incident's first.
pub const FAMILIES: &[Family] = &[
    Family {
        preset: "incident",
        about: "the incident's fault (assumed: Enactor A slow from 1 min 50 s into the run; B and C at \
                normal speed), every timing drawn from the seed",
    },
    Family {
        preset: "zone-failure",
        about:
            "a calm day on which A's zone fails and load balancers keep failing, timings drawn from the seed",
    },
];

/// The sets of mitigations the page's table compares: none, each one alone, and the pairs
/// that teach something (the two gaps closed together; two partial fixes together; recovery
/// instead of prevention).
pub fn sample_sets() -> Vec<Vec<Mitigation>> {
    let mut sets = vec![Vec::new()];
    sets.extend(Mitigation::ALL.iter().map(|&m| vec![m]));
    for pair in [
        [Mitigation::ConditionalWrite, Mitigation::SafeCleanup],
        [Mitigation::RecheckBeforeWrite, Mitigation::WideCleanupMargin],
        [Mitigation::SelfRepair, Mitigation::StuckAlarm],
    ] {
        let mut set = pair.to_vec();
        set.sort();
        sets.push(set);
    }
    sets
}

/// What the runs of one set of mitigations came to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The mitigations switched on (sorted; empty: none).
    pub mitigations: Vec<Mitigation>,
    /// Runs done so far.
    pub runs: u32,
    /// Runs in which each invariant failed at some step, in [`Invariant::ALL`] order.
    pub failed: [u32; 4],
    /// Total time, over all runs, during which each invariant failed, in
    /// [`Invariant::ALL`] order (for never-empty: the time some endpoint answered with zero
    /// addresses).
    pub failed_ms_total: [u64; 4],
    /// The longest time empty in one run.
    pub empty_ms_worst: u64,
    /// The seed of that run, to replay it in the timeline (`None` until a run empties).
    pub worst_seed: Option<u64>,
    /// When that run ended: after the scenario's end if it was empty then (see
    /// [`replay_scenario`]).
    pub worst_end_ms: u64,
    /// That run's index (its seed minus the first seed), which breaks ties between shards
    /// the way one thread would: the earliest run of the longest time empty wins.
    #[serde(default)]
    pub worst_run: u32,
}

impl Tally {
    fn new(mitigations: Vec<Mitigation>) -> Tally {
        Tally {
            mitigations,
            runs: 0,
            failed: [0; 4],
            failed_ms_total: [0; 4],
            empty_ms_worst: 0,
            worst_seed: None,
            worst_end_ms: 0,
            worst_run: 0,
        }
    }

    /// Adds the runs of `other`, a tally of the same mitigations over other run indices.
    /// Merging the tallies of disjoint ranges that cover `0..n`, in any order, gives exactly
    /// the tally one thread makes of `0..n`: counts and times add up, and the worst run is
    /// the longest time empty, ties going to the earliest run (one thread keeps the first of
    /// equals).
    pub fn merge(&mut self, other: &Tally) {
        assert_eq!(self.mitigations, other.mitigations, "tallies of different designs merged");
        self.runs += other.runs;
        for i in 0..Invariant::ALL.len() {
            self.failed[i] += other.failed[i];
            self.failed_ms_total[i] += other.failed_ms_total[i];
        }
        if let Some(seed) = other.worst_seed {
            let better = match self.worst_seed {
                None => true,
                Some(_) => {
                    other.empty_ms_worst > self.empty_ms_worst
                        || (other.empty_ms_worst == self.empty_ms_worst && other.worst_run < self.worst_run)
                }
            };
            if better {
                self.empty_ms_worst = other.empty_ms_worst;
                self.worst_seed = Some(seed);
                self.worst_end_ms = other.worst_end_ms;
                self.worst_run = other.worst_run;
            }
        }
    }

    /// The share of runs (0 to 1) in which `invariant` failed.
    pub fn share(&self, invariant: Invariant) -> f64 {
        if self.runs == 0 {
            0.0
        } else {
            f64::from(self.failed[invariant as usize]) / f64::from(self.runs)
        }
    }

    /// The mean time `invariant` failed in the runs in which it did (`None`: in none).
    pub fn failed_ms_mean(&self, invariant: Invariant) -> Option<u64> {
        let i = invariant as usize;
        (self.failed[i] > 0).then(|| self.failed_ms_total[i] / u64::from(self.failed[i]))
    }

    /// The mean time empty of the runs in which the record emptied (`None`: none did).
    pub fn empty_ms_mean(&self) -> Option<u64> {
        self.failed_ms_mean(Invariant::NeverEmpty)
    }

    /// The tally as JSON: the counts, the shares by invariant name, and the times.
    pub fn to_json(&self) -> serde_json::Value {
        let by_name =
            |value: &dyn Fn(Invariant) -> serde_json::Value| -> serde_json::Map<String, serde_json::Value> {
                Invariant::ALL.into_iter().map(|i| (i.name().to_string(), value(i))).collect()
            };
        serde_json::json!({
            "mitigations": self.mitigations,
            "runs": self.runs,
            "failed": by_name(&|i| self.failed[i as usize].into()),
            "share": by_name(&|i| self.share(i).into()),
            "failed_ms_mean": by_name(&|i| serde_json::json!(self.failed_ms_mean(i))),
            "empty_ms_mean": self.empty_ms_mean(),
            "empty_ms_worst": self.empty_ms_worst,
            "worst_seed": self.worst_seed,
        })
    }

    fn add(&mut self, run: &RunResult, seed: u64, index: u32) {
        self.runs += 1;
        for i in 0..Invariant::ALL.len() {
            self.failed[i] += u32::from(run.failed[i]);
            self.failed_ms_total[i] += run.failed_ms[i];
        }
        let empty_ms = run.failed_ms[Invariant::NeverEmpty as usize];
        if empty_ms > self.empty_ms_worst
            || (run.failed[Invariant::NeverEmpty as usize] && self.worst_seed.is_none())
        {
            self.empty_ms_worst = empty_ms;
            self.worst_seed = Some(seed);
            self.worst_end_ms = run.end_ms;
            self.worst_run = index;
        }
    }
}

/// What one run came to.
struct RunResult {
    /// Whether each invariant failed at some step, in [`Invariant::ALL`] order.
    failed: [bool; 4],
    /// How long each invariant failed, in all.
    failed_ms: [u64; 4],
    /// When the run ended: the scenario's end, or later if it was empty then.
    end_ms: u64,
}

/// A run that ends with an endpoint answering empty goes on, past the scenario's end, until
/// it answers again or this much later: its time empty is then measured, not cut off.
const OVERTIME_MS_MAX: u64 = 24 * 3_600_000;

/// Plays one run with the timed scheduler, as the timeline would (the same events, so a
/// run's seed replays it there), keeping only what the tally needs.
fn run_once(scenario: Scenario) -> RunResult {
    let end_ms = scenario.duration_ms;
    let mut scheduler = TimedScheduler::new(scenario.seed);
    let mut world = World::new(scenario);
    let mut result = RunResult { failed: [false; 4], failed_ms: [0; 4], end_ms };
    // Since when each invariant has been failing, if it is.
    let mut since: [Option<u64>; 4] = [None; 4];
    // Which invariants failed after the previous step (none at the start).
    let mut before = [false; 4];
    let mut now_ms = 0;
    for _ in 0..RunBudget::PAGE.events_max {
        let Some((at_ms, event)) = scheduler.next_timed(&world, end_ms + OVERTIME_MS_MAX) else {
            break;
        };
        if at_ms > end_ms && since[Invariant::NeverEmpty as usize].is_none() {
            break;
        }
        // What `World::apply` does, without the step the timeline narrates: only whether
        // each invariant fails afterwards counts here.
        world.perform(event);
        now_ms = world.now_ms;
        let after = sim::failing(&world);
        // Most steps change none of them.
        if after == before {
            continue;
        }
        for (i, failing) in after.into_iter().enumerate() {
            result.failed[i] |= failing;
            match (failing, since[i]) {
                (true, None) => since[i] = Some(now_ms),
                (false, Some(start)) => {
                    result.failed_ms[i] += now_ms - start;
                    since[i] = None;
                }
                _ => {}
            }
        }
        before = after;
    }
    // Whatever still fails at the end is counted up to the end.
    result.end_ms = now_ms.max(end_ms);
    for (total, start) in result.failed_ms.iter_mut().zip(since) {
        *total += start.map_or(0, |start| result.end_ms - start);
    }
    result
}

/// The scenario that replays run `seed` of `preset` with `mitigations` in the timeline, up
/// to `end_ms` (a tally's `worst_end_ms`): the same events as the sampler played, overtime
/// included. `None` for an unknown preset.
pub fn replay_scenario(preset: &str, seed: u64, mitigations: &[Mitigation], end_ms: u64) -> Option<Scenario> {
    let scenario = Scenario::preset(preset, seed)?;
    let duration_ms = scenario.duration_ms.max(end_ms);
    Some(Scenario { seed, duration_ms, ..scenario }.with_mitigations(mitigations))
}

/// Random runs in progress: run `i` of every set has the seed `seed + i`, so the sets face
/// the same timings (their differences are the mitigations', not luck's), and any run can
/// be replayed in the timeline from its seed. Runs go round the sets, so that a partial
/// result already compares them all. Call [`Sampler::step`] until it returns `true`.
///
/// A sampler can also take a range of run indices ([`Sampler::range`]): threads or Web
/// Workers each play one range, and [`Tally::merge`] joins their tallies into exactly the
/// table one sampler of all the runs makes.
pub struct Sampler {
    family: Scenario,
    seed: u64,
    runs: Range<u32>,
    tallies: Vec<Tally>,
    next_run: u32,
    next_set: usize,
}

impl Sampler {
    /// `runs` runs of `preset` for each of `sets`, seeds from `seed`. An unknown preset or a
    /// set that makes the scenario invalid is an error.
    pub fn new(
        preset: &str,
        sets: Vec<Vec<Mitigation>>,
        runs: u32,
        seed: u64,
    ) -> Result<Sampler, InvalidScenario> {
        Sampler::range(preset, sets, 0..runs, seed)
    }

    /// Runs `runs.start` to `runs.end - 1` (indices; run `i` has the seed `seed + i`) of
    /// `preset` for each of `sets`.
    pub fn range(
        preset: &str,
        sets: Vec<Vec<Mitigation>>,
        runs: Range<u32>,
        seed: u64,
    ) -> Result<Sampler, InvalidScenario> {
        let family = Scenario::preset(preset, seed).ok_or_else(|| InvalidScenario {
            knob: "preset",
            problem: format!("no preset called '{preset}'"),
        })?;
        let mut tallies = Vec::with_capacity(sets.len());
        for set in sets {
            let scenario = family.clone().with_mitigations(&set);
            scenario.validate()?;
            tallies.push(Tally::new(scenario.mitigations));
        }
        let next_run = runs.start;
        Ok(Sampler { family, seed, runs, tallies, next_run, next_set: 0 })
    }

    /// Runs `budget` more runs; returns whether every run is done.
    pub fn step(&mut self, budget: u32) -> bool {
        for _ in 0..budget {
            if self.done() {
                break;
            }
            let seed = self.seed.wrapping_add(self.next_run.into());
            let tally = &mut self.tallies[self.next_set];
            let scenario = Scenario { seed, ..self.family.clone() }.with_mitigations(&tally.mitigations);
            tally.add(&run_once(scenario), seed, self.next_run);
            self.next_set += 1;
            if self.next_set == self.tallies.len() {
                self.next_set = 0;
                self.next_run += 1;
            }
        }
        self.done()
    }

    /// Whether every run is done.
    pub fn done(&self) -> bool {
        self.next_run >= self.runs.end || self.tallies.is_empty()
    }

    /// Runs done so far, over all sets.
    pub fn runs_done(&self) -> u64 {
        self.tallies.iter().map(|t| u64::from(t.runs)).sum()
    }

    /// Runs to do in all, over all sets.
    pub fn runs_total(&self) -> u64 {
        u64::from(self.runs.end.saturating_sub(self.runs.start)) * self.tallies.len() as u64
    }

    /// The tallies so far, one per set, in the order given.
    pub fn tallies(&self) -> &[Tally] {
        &self.tallies
    }

    /// The tallies, for merging with other ranges' ([`Tally::merge`]).
    pub fn into_tallies(self) -> Vec<Tally> {
        self.tallies
    }
}
