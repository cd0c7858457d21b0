//! What the explorer panel shows: the exhaustive search's verdict and the random runs'
//! table, as text and bar widths, from the core's results.

use crate::explore::{Bound, Exploration, Tally};
use crate::scenario::Mitigation;
use crate::sim::{format_duration, Invariant};

/// How a set of mitigations is named on the page: "none", "conditional-write +
/// safe-cleanup".
pub fn set_label(mitigations: &[Mitigation]) -> String {
    match mitigations {
        [] => "none".to_string(),
        list => list.iter().map(|m| m.name()).collect::<Vec<_>>().join(" + "),
    }
}

/// The `--mitigations` argument of a set ("" for none).
fn mitigations_arg(mitigations: &[Mitigation]) -> String {
    match mitigations {
        [] => String::new(),
        list => format!(" --mitigations {}", list.iter().map(|m| m.name()).collect::<Vec<_>>().join(",")),
    }
}

/// The command line that explores `bound` with `mitigations` and prints the
/// counterexample for `invariant` (the headline one if `None`).
pub fn explore_command(bound: &Bound, mitigations: &[Mitigation], invariant: Option<Invariant>) -> String {
    format!(
        "cargo run --release -- explore --enactors {} --endpoints {} --generations {} --margin {} --wide-margin {}{}{}",
        bound.enactors,
        bound.endpoints,
        bound.generations,
        bound.cleanup_margin_generations,
        bound.wide_cleanup_margin_generations,
        mitigations_arg(mitigations),
        invariant.map_or(String::new(), |i| format!(" --invariant {}", i.name()))
    )
}

/// The command line that prints the run of `preset` with `seed` and `mitigations`.
pub fn trace_command(preset: &str, seed: u64, mitigations: &[Mitigation]) -> String {
    format!("cargo run -- trace {preset} --seed {seed}{}", mitigations_arg(mitigations))
}

/// "109,796": thousands separated, as people read counts.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "310,000 states/s" from a count and the seconds it took.
pub fn rate(n: u64, seconds: f64, unit: &str) -> String {
    if seconds <= 0.0 {
        return String::new();
    }
    format!("{} {unit}/s", count((n as f64 / seconds).round() as u64))
}

/// How long the rest of a job takes at the pace so far ("2 min 10 s"); `None` until there
/// is a pace to go by.
pub fn time_left(done: u64, total: u64, seconds: f64) -> Option<String> {
    if done == 0 || seconds < 0.5 {
        return None;
    }
    let left_s = (total.saturating_sub(done) as f64) * seconds / done as f64;
    // Whole seconds: a countdown in tenths only flickers.
    Some(format_duration((left_s.ceil() as u64) * 1000))
}

/// One invariant's line in the search's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct InvariantLine {
    /// Which invariant.
    pub invariant: Invariant,
    /// "no violation up to this bound", or "fails: shortest counterexample, 12 events".
    pub text: String,
    /// Whether it fails within the bound (the line offers to play the counterexample).
    pub fails: bool,
}

/// The search's verdict, as the panel prints it.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchView {
    /// "Safe up to this bound", "Unsafe", or "Stopped early".
    pub title: String,
    /// What was explored and how fast: "109,796 states, depth 45, in 0.21 s (520,000 states/s)".
    pub detail: String,
    /// Whether no invariant fails anywhere within the bound (and the search finished).
    pub safe: bool,
    /// One line per invariant.
    pub lines: Vec<InvariantLine>,
    /// What the search could not judge: the mitigations that need a clock, and a margin
    /// that the bound never reaches.
    pub caveats: Vec<String>,
}

/// The verdict of `exploration`, explored in `seconds`.
pub fn search_view(exploration: &Exploration, seconds: f64) -> SearchView {
    let detail = format!(
        "{} states, depth {}, in {:.2} s ({})",
        count(exploration.states),
        exploration.depth,
        seconds,
        rate(exploration.states, seconds, "states")
    );
    let left_out = set_label(&exploration.needs_clock);
    let title = match (exploration.complete, exploration.safe()) {
        (_, true) if !exploration.needs_clock.is_empty() => format!(
            "No violation in any interleaving up to this bound, without {left_out}, which needs a clock"
        ),
        (_, true) => "No violation in any interleaving up to this bound".to_string(),
        (true, false) if !exploration.needs_clock.is_empty() => format!(
            "Not judged here: {left_out} needs a clock. Without it, a schedule exists that breaks the design"
        ),
        (true, false) => "Unsafe: a schedule exists that breaks it".to_string(),
        (false, false) if exploration.counterexamples.is_empty() => {
            "Stopped early: no violation among the states explored, which proves nothing".to_string()
        }
        (false, false) => "Stopped early, with a counterexample already found".to_string(),
    };
    let lines = Invariant::ALL
        .into_iter()
        .map(|invariant| match exploration.counterexample(invariant) {
            Some(c) => InvariantLine {
                invariant,
                text: format!("fails: shortest counterexample, {} events", c.events.len()),
                fails: true,
            },
            None if exploration.complete => {
                InvariantLine { invariant, text: "no violation up to this bound".to_string(), fails: false }
            }
            None => InvariantLine { invariant, text: "no violation found so far".to_string(), fails: false },
        })
        .collect();
    let mut caveats: Vec<String> = exploration
        .needs_clock
        .iter()
        .map(|m| {
            format!(
                "{} acts through the clock, and the explorer lets any actor be arbitrarily slow: it \
                 was left out of the search. The random runs below judge it.",
                m.name()
            )
        })
        .collect();
    let bound = &exploration.bound;
    if exploration.mitigations.contains(&Mitigation::WideCleanupMargin)
        && bound.wide_cleanup_margin_generations >= bound.generations
    {
        caveats.push(format!(
            "wide-cleanup-margin keeps {} older plans and the bound publishes only {}: clean-up never \
             deletes a plan anyone holds. Publish more plans than the margin to see the race come back.",
            bound.wide_cleanup_margin_generations, bound.generations
        ));
    }
    if !exploration.invariant_can_fail(Invariant::FreshEnough) {
        caveats.push(
            "fresh-enough cannot fail here: no load balancer fails within the bound. The random runs of \
             the zone-failure day judge it."
                .to_string(),
        );
    }
    SearchView { title, detail, safe: exploration.safe(), lines, caveats }
}

/// One cell of the random runs' table: the share of runs in which an invariant failed.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareCell {
    /// "36.0 %", "0 %", "< 0.1 %".
    pub text: String,
    /// The bar's width, in percent of the cell.
    pub width: f64,
    /// Whether any run failed.
    pub failed: bool,
    /// The cell's tooltip: the 95 % interval, and how long it failed in those runs on
    /// average ("95 % interval 35.1–36.9 %; failing 2 h 37 min per run that failed").
    pub tooltip: String,
}

/// One row of the random runs' table: a set of mitigations.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleRow {
    /// "none", "conditional-write + safe-cleanup".
    pub label: String,
    /// The set.
    pub mitigations: Vec<Mitigation>,
    /// Whether it is the set switched on above.
    pub current: bool,
    /// Runs done.
    pub runs: u32,
    /// One cell per invariant, in display order.
    pub shares: Vec<ShareCell>,
    /// Mean time empty of the runs that emptied ("2 h 37 min"), or "never empty".
    pub empty_mean: String,
    /// The worst run's time empty, or "".
    pub empty_worst: String,
    /// The worst run's seed, to replay it.
    pub worst_seed: Option<u64>,
    /// When the worst run ended (see [`crate::explore::replay_scenario`]).
    pub worst_end_ms: u64,
}

/// The share `k` of `n` as the table prints it.
fn share_text(k: u32, n: u32) -> String {
    if k == 0 || n == 0 {
        return "0 %".to_string();
    }
    let percent = 100.0 * f64::from(k) / f64::from(n);
    // Never "100.0 %" or "0.0 %" unless every run or none: a teacher reads those as "all".
    if percent < 0.1 {
        "< 0.1 %".to_string()
    } else if k < n && percent >= 99.95 {
        "> 99.9 %".to_string()
    } else {
        format!("{percent:.1} %")
    }
}

/// The Wilson score interval (95 %) of `k` successes in `n` runs, in percent: it stays
/// inside 0–100 and says something even when `k` is 0.
pub fn wilson_interval(k: u32, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 100.0);
    }
    let (k, n, z) = (f64::from(k), f64::from(n), 1.96f64);
    let p = k / n;
    let denominator = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denominator;
    (100.0 * (centre - half).max(0.0), 100.0 * (centre + half).min(1.0))
}

/// The table's rows, one per tally, marking the set switched on (`current`).
pub fn sample_rows(tallies: &[Tally], current: &[Mitigation]) -> Vec<SampleRow> {
    tallies
        .iter()
        .map(|tally| {
            let shares = Invariant::ALL
                .into_iter()
                .map(|invariant| {
                    let k = tally.failed[invariant as usize];
                    let (lo, hi) = wilson_interval(k, tally.runs);
                    let how_long = tally.failed_ms_mean(invariant).map_or(String::new(), |ms| {
                        format!("; failing {} per run that failed", format_duration(ms))
                    });
                    ShareCell {
                        text: share_text(k, tally.runs),
                        width: 100.0 * tally.share(invariant),
                        failed: k > 0,
                        tooltip: format!("95 % interval {lo:.1}–{hi:.1} %{how_long}"),
                    }
                })
                .collect();
            let (empty_mean, empty_worst) = match tally.empty_ms_mean() {
                Some(mean) => (format_duration(mean), format_duration(tally.empty_ms_worst)),
                None => ("never empty".to_string(), String::new()),
            };
            SampleRow {
                label: set_label(&tally.mitigations),
                mitigations: tally.mitigations.clone(),
                current: tally.mitigations == current,
                runs: tally.runs,
                shares,
                empty_mean,
                empty_worst,
                worst_seed: tally.worst_seed,
                worst_end_ms: tally.worst_end_ms,
            }
        })
        .collect()
}
