//! The native command line: `dns-race trace <scenario>`, `dns-race explore`, `dns-race
//! sample`, each with `--json`.
//!
//! Usage errors (an unknown scenario, a bad seed, an unknown flag) print a message on stderr
//! and exit with code 2, as clap does for every usage error.

use clap::{Parser, Subcommand};
use dns_race::cascade::{self, Cascade, CascadeSettings, DwfmRetry, Response, RetryPolicy};
use dns_race::compute::SamplePlan;
use dns_race::explore::{
    self, Bound, Budget, Counterexample, Exploration, OverBudget, Sampler, Tally, FAMILIES, RUNS_DEFAULT,
};
use dns_race::scenario::{parse_mitigations, Mitigation, Scenario, PRESETS};
use dns_race::sim::{self, count, format_duration, Invariant};
use std::io::Write;
use std::ops::Range;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "dns-race",
    version,
    about = "Replay the DNS race that emptied DynamoDB's us-east-1 endpoint (Oct 2025)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario with the timed scheduler and print the narrated trace and the verdict.
    #[command(after_help = scenarios_help())]
    Trace {
        /// Which scenario to run (see the list below).
        #[arg(value_parser = parse_scenario)]
        scenario: String,
        /// Seed of the run's PRNG (a whole number from 0 to 18446744073709551615); replaces
        /// the preset's own seed. Without it, `random` takes a new seed from the clock (and
        /// prints it, so the run can be repeated).
        #[arg(long, allow_negative_numbers = true)]
        seed: Option<u64>,
        /// Mitigations to switch on, comma-separated (see the list below).
        #[arg(long, value_name = "NAMES", value_parser = parse_mitigation_list)]
        mitigations: Option<MitigationList>,
        /// Print the trace and verdict as one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// `cascade` only: what clients do when a write fails (see the list below).
        #[arg(long, value_name = "NAME", value_parser = RetryPolicy::parse)]
        retry_policy: Option<RetryPolicy>,
        /// `cascade` only: a second retry policy to run beside the first.
        #[arg(long, value_name = "NAME", value_parser = RetryPolicy::parse)]
        compare: Option<RetryPolicy>,
        /// `cascade` only: operator actions and fixes switched on, comma-separated; "none" for
        /// none (default: what the operators did in 2025, see the list below).
        #[arg(long, value_name = "NAMES", value_parser = parse_response_list)]
        responses: Option<ResponseList>,
        /// `cascade` only: what an EC2 host does when its lease attempt times out in DWFM's
        /// queue (see the list below; default: requeue, as in 2025).
        #[arg(long, value_name = "NAME", value_parser = DwfmRetry::parse)]
        dwfm_retry: Option<DwfmRetry>,
        /// `cascade` only: how many clients call DynamoDB (1 to 1000000).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        clients: Option<u32>,
    },
    /// Check every interleaving of the Planner, the Enactors and the operators up to a bound,
    /// and print the shortest counterexample for each invariant that can fail.
    #[command(after_help = mitigations_help())]
    Explore {
        /// Enactors running (1 to 3).
        #[arg(long, default_value_t = Bound::default().enactors)]
        enactors: u8,
        /// Endpoints sharing the plan (1 to 3).
        #[arg(long, default_value_t = Bound::default().endpoints)]
        endpoints: u8,
        /// Plans the Planner publishes (1 to 8).
        #[arg(long, default_value_t = Bound::default().generations)]
        generations: u32,
        /// Clean-up deletes plans more than this many generations older than the plan just
        /// applied (0 to 8).
        #[arg(long, default_value_t = Bound::default().cleanup_margin_generations)]
        margin: u32,
        /// The margin with wide-cleanup-margin (from --margin to 16; default: --margin + 1).
        #[arg(long)]
        wide_margin: Option<u32>,
        /// Mitigations to switch on, comma-separated (see the list below).
        #[arg(long, value_name = "NAMES", value_parser = parse_mitigation_list)]
        mitigations: Option<MitigationList>,
        /// Which invariant's counterexample to print: never-empty, never-backwards,
        /// never-stuck or fresh-enough (default: the first that fails, in that order).
        #[arg(long, value_name = "NAME", value_parser = parse_invariant)]
        invariant: Option<Invariant>,
        /// Print the result as one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// Stop after this many distinct states (1 to 1000000000), with what was found.
        #[arg(long, default_value_t = Budget::COMMAND_LINE.states_max,
            value_parser = clap::value_parser!(u64).range(1..=1_000_000_000))]
        states_max: u64,
        /// Stop when the search's memory reaches this many MiB (16 to 1048576), with what was
        /// found. The search's own estimate: the process uses a little more.
        #[arg(long, default_value_t = Budget::COMMAND_LINE.bytes_max >> 20,
            value_parser = clap::value_parser!(u64).range(16..=1_048_576))]
        memory_max_mb: u64,
    },
    /// Play thousands of seeded timed runs and print how often each invariant fails and how
    /// long the record stays empty.
    #[command(after_help = mitigations_help())]
    Sample {
        /// Runs per set of mitigations (1 to 1000000).
        #[arg(long, default_value_t = RUNS_DEFAULT, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
        runs: u32,
        /// Seed of the first run; run i has seed + i, so `trace <scenario> --seed` replays it.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Mitigations to switch on, comma-separated (see the list below).
        #[arg(long, value_name = "NAMES", value_parser = parse_mitigation_list, conflicts_with = "table")]
        mitigations: Option<MitigationList>,
        /// Which runs: "incident" (its faults, timings from the seed) or "zone-failure".
        #[arg(long, default_value = "incident", value_parser = parse_family)]
        scenario: String,
        /// Sample the page's whole table instead: none, each mitigation alone, and the pairs.
        #[arg(long)]
        table: bool,
        /// Threads to play the runs on (1 to 1024; default: one per core). The result is the
        /// same whatever the number.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1024))]
        threads: Option<u32>,
        /// Print the result as one JSON document instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// The `--responses` list (a newtype, so that clap takes it as one value).
#[derive(Clone, Debug)]
struct ResponseList(Vec<Response>);

fn parse_response_list(list: &str) -> Result<ResponseList, String> {
    if list == "none" {
        return Ok(ResponseList(Vec::new()));
    }
    Response::parse_list(list).map(ResponseList)
}

/// The `--mitigations` list (a newtype, so that clap takes it as one value).
#[derive(Clone, Debug)]
struct MitigationList(Vec<Mitigation>);

fn parse_mitigation_list(list: &str) -> Result<MitigationList, String> {
    parse_mitigations(list).map(MitigationList)
}

fn scenarios_help() -> String {
    let mut help = String::from("Scenarios:\n");
    let width = PRESETS.iter().map(|p| p.name.len()).max().unwrap_or(0);
    for preset in PRESETS {
        help.push_str(&format!("  {:<width$}  {}\n", preset.name, preset.about));
    }
    help.push_str(&format!("  {:<width$}  {}\n", "cascade", CASCADE_ABOUT));
    help.push('\n');
    help.push_str(&mitigations_help());
    help.push_str("\nRetry policies (cascade; default: backoff):\n");
    let width = RetryPolicy::ALL.iter().map(|p| p.name().len()).max().unwrap_or(0);
    for p in RetryPolicy::ALL {
        help.push_str(&format!("  {:<width$}  {}\n", p.name(), p.about()));
    }
    help.push_str(
        "\nDWFM retry (cascade; default: requeue): the retry that kept EC2 down; the clients' \
         policy cannot change it\n",
    );
    let width = DwfmRetry::ALL.iter().map(|p| p.name().len()).max().unwrap_or(0);
    for p in DwfmRetry::ALL {
        help.push_str(&format!("  {:<width$}  {}\n", p.name(), p.about()));
    }
    help.push_str("\nResponses (cascade; default: throttle-dwfm,restart-dwfm,disable-failover):\n");
    let width = Response::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
    for r in Response::ALL {
        help.push_str(&format!("  {:<width$}  {}\n", r.name(), r.about()));
    }
    help
}

/// What `trace cascade` runs.
const CASCADE_ABOUT: &str =
    "the incident, then the 14.5 hours after it: clients and retries, DWFM's collapse, the NLB";

fn mitigations_help() -> String {
    let mut help = String::from("Mitigations (all off unless named in --mitigations):\n");
    let width = Mitigation::ALL.iter().map(|m| m.name().len()).max().unwrap_or(0);
    for m in Mitigation::ALL {
        help.push_str(&format!("  {:<width$}  {}\n", m.name(), m.about()));
    }
    help
}

fn parse_invariant(name: &str) -> Result<Invariant, String> {
    Invariant::ALL.into_iter().find(|i| i.name() == name).ok_or_else(|| {
        let names: Vec<&str> = Invariant::ALL.iter().map(|i| i.name()).collect();
        format!("unknown invariant; choose one of: {}", names.join(", "))
    })
}

fn parse_family(name: &str) -> Result<String, String> {
    if FAMILIES.iter().any(|f| f.preset == name) {
        Ok(name.to_string())
    } else {
        let names: Vec<&str> = FAMILIES.iter().map(|f| f.preset).collect();
        Err(format!("unknown scenario; choose one of: {}", names.join(", ")))
    }
}

fn parse_scenario(name: &str) -> Result<String, String> {
    if PRESETS.iter().any(|p| p.name == name) || name == "cascade" {
        Ok(name.to_string())
    } else {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).chain(["cascade"]).collect();
        Err(format!("unknown scenario; choose one of: {}", names.join(", ")))
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Trace {
            scenario,
            seed,
            mitigations,
            json,
            retry_policy,
            compare,
            responses,
            dwfm_retry,
            clients,
        } => {
            let mitigations = mitigations.as_ref().map_or(&[][..], |m| m.0.as_slice());
            if scenario == "cascade" {
                let mut settings = CascadeSettings {
                    retry_policy: retry_policy.unwrap_or_default(),
                    dwfm_retry: dwfm_retry.unwrap_or_default(),
                    ..CascadeSettings::default()
                };
                if let Some(responses) = responses {
                    settings = settings.with_responses(&responses.0);
                }
                if let Some(clients) = clients {
                    settings.clients = clients;
                    settings.resolvers = settings.resolvers.min(clients);
                }
                return cascade(seed, mitigations, &settings, compare, json);
            }
            let cascade_only = [
                ("--retry-policy", retry_policy.is_some()),
                ("--compare", compare.is_some()),
                ("--responses", responses.is_some()),
                ("--dwfm-retry", dwfm_retry.is_some()),
                ("--clients", clients.is_some()),
            ];
            if let Some((flag, _)) = cascade_only.iter().find(|(_, given)| *given) {
                eprintln!("error: {flag} applies to `trace cascade` only, not to `trace {scenario}`");
                return ExitCode::from(2);
            }
            trace(&scenario, seed, mitigations, json)
        }
        Command::Explore {
            enactors,
            endpoints,
            generations,
            margin,
            wide_margin,
            mitigations,
            invariant,
            json,
            states_max,
            memory_max_mb,
        } => {
            let budget = Budget { states_max, bytes_max: memory_max_mb << 20 };
            let bound = Bound {
                enactors,
                endpoints,
                generations,
                cleanup_margin_generations: margin,
                wide_cleanup_margin_generations: wide_margin.unwrap_or(margin.saturating_add(1)),
            };
            explore(bound, mitigations.as_ref().map_or(&[], |m| m.0.as_slice()), invariant, &budget, json)
        }
        Command::Sample { runs, seed, mitigations, scenario, table, threads, json } => {
            let sets =
                if table { explore::sample_sets() } else { vec![mitigations.map_or_else(Vec::new, |m| m.0)] };
            let threads = threads
                .map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), |n| n as usize);
            sample(&scenario, sets, runs, seed, threads, json)
        }
    }
}

/// Ends a command that printed to stdout: a closed pipe (`| head`) is not an error.
fn finish(written: std::io::Result<()>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the result: {e}");
            ExitCode::FAILURE
        }
    }
}

fn names(mitigations: &[Mitigation]) -> String {
    match mitigations {
        [] => "none".to_string(),
        list => list.iter().map(|m| m.name()).collect::<Vec<_>>().join(","),
    }
}

/// The command-line flag of a bound's setting, for error messages.
fn flag_of(setting: &str) -> &str {
    match setting {
        "cleanup_margin_generations" => "--margin",
        "wide_cleanup_margin_generations" => "--wide-margin",
        "enactors" => "--enactors",
        "endpoints" => "--endpoints",
        "generations" => "--generations",
        other => other,
    }
}

fn explore(
    bound: Bound,
    mitigations: &[Mitigation],
    invariant: Option<Invariant>,
    budget: &Budget,
    json: bool,
) -> ExitCode {
    let started = Instant::now();
    let (result, over) = match explore::explore_within(bound, mitigations, budget) {
        Ok(found) => found,
        Err(e) => {
            eprintln!("error: the bound is invalid: {}: {}", flag_of(e.knob), e.problem);
            return ExitCode::from(2);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let stopped = over.map(|over| match over {
        OverBudget::States => {
            format!("stopped at {} states: the budget (--states-max {})", result.states, budget.states_max)
        }
        OverBudget::Bytes => format!(
            "stopped at {} states: the memory budget (--memory-max-mb {})",
            result.states,
            budget.bytes_max >> 20
        ),
    });
    let shown = match invariant {
        Some(invariant) => result.counterexample(invariant),
        None => result.headline(),
    };
    let mut out = std::io::stdout().lock();
    finish(if json {
        let mut doc = result.to_json();
        doc["seconds"] = serde_json::json!(seconds);
        doc["stopped"] = serde_json::json!(stopped);
        if let Some(invariant) = invariant {
            doc["counterexample"] = doc["counterexamples"][invariant.name()].clone();
        }
        doc["counterexample_digest"] =
            serde_json::json!(shown.map(|c| format!("{:016x}", c.trace(&result.scenario).digest())));
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print_exploration(&mut out, &result, shown, seconds).and_then(|()| match &stopped {
            Some(stopped) => writeln!(out, "{stopped}; the results above are for the states explored"),
            None => Ok(()),
        })
    })
}

fn print_exploration(
    out: &mut impl Write,
    result: &Exploration,
    shown: Option<&Counterexample>,
    seconds: f64,
) -> std::io::Result<()> {
    let b = result.bound;
    writeln!(
        out,
        "# bound: {}, {}, {}, clean-up margin {} ({} with wide-cleanup-margin); mitigations: {}",
        count(result.scenario.enactors_running().into(), "Enactor", "Enactors"),
        count(b.endpoints.into(), "endpoint", "endpoints"),
        count(b.generations.into(), "plan", "plans"),
        b.cleanup_margin_generations,
        b.wide_cleanup_margin_generations,
        names(&result.mitigations)
    )?;
    writeln!(
        out,
        "explored {} states ({} transitions, depth {}) in {seconds:.3} s: {:.0} states/s",
        result.states,
        result.transitions,
        result.depth,
        result.states as f64 / seconds.max(1e-9)
    )?;
    for invariant in Invariant::ALL {
        match result.counterexample(invariant) {
            None if result.complete => writeln!(out, "{}: no violation up to this bound", invariant.name())?,
            None => writeln!(out, "{}: no violation in the states explored", invariant.name())?,
            Some(c) => writeln!(
                out,
                "{}: fails; shortest counterexample: {} events",
                invariant.name(),
                c.events.len()
            )?,
        }
    }
    for m in &result.needs_clock {
        writeln!(
            out,
            "note: {} acts through the clock, which the explorer does not have: it was left out; \
             `dns-race sample` judges it",
            m.name()
        )?;
    }
    let without = match result.needs_clock.as_slice() {
        [] => String::new(),
        list => format!(" without {}, which needs a clock", names(list)),
    };
    match result.headline() {
        None if result.complete => {
            writeln!(out, "verdict: safe{without}: no invariant fails in any interleaving up to this bound")?
        }
        None => writeln!(
            out,
            "verdict: unknown{without}: no invariant fails in the states explored, but the search \
             stopped before the end of the bound"
        )?,
        Some(c) => writeln!(out, "verdict: unsafe{without}: {} fails", c.invariant.name())?,
    }
    if let Some(c) = shown {
        let trace = c.trace(&result.scenario);
        // The same count as the line above; the client's lookup that shows the empty answer
        // is listed after them and said to be extra.
        let shown_lookup = trace.steps.len().saturating_sub(c.events.len());
        writeln!(
            out,
            "\ncounterexample for {} ({}): {} events{}, digest {:016x}",
            c.invariant.name(),
            c.invariant.explain(),
            c.events.len(),
            if shown_lookup > 0 { ", then a client's lookup that shows the answer" } else { "" },
            trace.digest()
        )?;
        for entry in trace.entries() {
            writeln!(out, "{:<16} {:<10} {}", entry.clock, entry.actor, entry.text)?;
        }
    }
    Ok(())
}

fn sample(
    family: &str,
    sets: Vec<Vec<Mitigation>>,
    runs: u32,
    seed: u64,
    threads: usize,
    json: bool,
) -> ExitCode {
    let started = Instant::now();
    let tallies = match sample_on_threads(family, sets, runs, seed, threads) {
        Ok(tallies) => tallies,
        Err(code) => return code,
    };
    let seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    finish(if json {
        let doc = serde_json::json!({
            "scenario": family,
            "runs": runs,
            "seed": seed,
            "seconds": seconds,
            "sets": tallies.iter().map(Tally::to_json).collect::<Vec<_>>(),
        });
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print_samples(&mut out, family, &tallies, seed, seconds)
    })
}

/// Plays `runs` runs of `family` for each of `sets` on `threads` threads and returns one
/// tally per set: exactly the tallies one [`Sampler`] of all the runs makes. The runs are
/// handed out in ranges of run indices as the page hands them to its workers
/// ([`SamplePlan`]: about 256 runs over all designs each, many per thread, so that a thread
/// that finishes early takes another), and merged in. An error is printed and becomes the
/// exit code.
fn sample_on_threads(
    family: &str,
    sets: Vec<Vec<Mitigation>>,
    runs: u32,
    seed: u64,
    threads: usize,
) -> Result<Vec<Tally>, ExitCode> {
    let invalid = |e: String| {
        eprintln!("error: the scenario is invalid: {e}");
        ExitCode::from(2)
    };
    if threads <= 1 {
        let mut sampler = Sampler::new(family, sets, runs, seed).map_err(|e| invalid(e.to_string()))?;
        while !sampler.step(256) {}
        return Ok(sampler.into_tallies());
    }
    // Checks the family and every design before any thread starts.
    let mut plan = SamplePlan::new(family, sets, runs, seed).map_err(invalid)?;
    let ranges: Vec<Range<u32>> = std::iter::from_fn(|| plan.take()).collect();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| {
        eprintln!("error: cannot start {threads} threads: {e}");
        ExitCode::FAILURE
    })?;
    let shards: Vec<Vec<Tally>> = pool.install(|| {
        use rayon::prelude::*;
        ranges
            .into_par_iter()
            .map(|range| {
                let mut sampler = plan.sampler(range);
                while !sampler.step(256) {}
                sampler.into_tallies()
            })
            .collect()
    });
    for shard in &shards {
        plan.add(shard);
    }
    Ok(plan.tallies().to_vec())
}

fn print_samples(
    out: &mut impl Write,
    family: &str,
    tallies: &[Tally],
    seed: u64,
    seconds: f64,
) -> std::io::Result<()> {
    let done: u64 = tallies.iter().map(|t| u64::from(t.runs)).sum();
    writeln!(
        out,
        "# {done} runs of {family}, seeds from {seed}, in {seconds:.1} s: {:.0} runs/s",
        done as f64 / seconds.max(1e-9)
    )?;
    let header: Vec<&str> = Invariant::ALL.iter().map(|i| i.name()).collect();
    writeln!(
        out,
        "{:<42} {:>15} {:>15} {:>15} {:>15}  time empty (mean / worst, seed)",
        "mitigations", header[0], header[1], header[2], header[3]
    )?;
    for tally in tallies {
        let shares: Vec<String> =
            Invariant::ALL.iter().map(|&i| format!("{:.2}%", 100.0 * tally.share(i))).collect();
        let empty = match (tally.empty_ms_mean(), tally.worst_seed) {
            (Some(mean), Some(worst_seed)) => format!(
                "{} / {}, seed {worst_seed}",
                format_duration(mean),
                format_duration(tally.empty_ms_worst)
            ),
            _ => "never empty".to_string(),
        };
        writeln!(
            out,
            "{:<42} {:>15} {:>15} {:>15} {:>15}  {empty}",
            names(&tally.mitigations),
            shares[0],
            shares[1],
            shares[2],
            shares[3]
        )?;
    }
    Ok(())
}

/// A seed for `random` runs without `--seed`. Only the command line is allowed the clock:
/// the core never reads it.
fn seed_from_clock() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(1, |d| d.as_nanos() as u64)
}

/// Runs preset `name` with `seed` (if given) and `mitigations`; a usage error is printed and
/// becomes exit code 2.
fn run_preset(name: &str, seed: Option<u64>, mitigations: &[Mitigation]) -> Result<sim::Trace, ExitCode> {
    let Some(mut scenario) = Scenario::preset(name, seed.unwrap_or(1)) else {
        eprintln!("error: unknown scenario '{name}'");
        return Err(ExitCode::from(2));
    };
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    sim::run(&scenario.with_mitigations(mitigations)).map_err(|e| {
        eprintln!("error: the scenario is invalid: {e}");
        ExitCode::from(2)
    })
}

fn trace(name: &str, seed: Option<u64>, mitigations: &[Mitigation], json: bool) -> ExitCode {
    let seed = seed.or_else(|| (name == "random").then(seed_from_clock));
    let trace = match run_preset(name, seed, mitigations) {
        Ok(trace) => trace,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    finish(if json { print_json(&mut out, &trace) } else { print_text(&mut out, name, &trace) })
}

fn print_json(out: &mut impl Write, trace: &sim::Trace) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &trace.to_json())?;
    writeln!(out)
}

fn print_text(out: &mut impl Write, name: &str, trace: &sim::Trace) -> std::io::Result<()> {
    writeln!(
        out,
        "# scenario {name}, seed {}, mitigations: {}, {} events, digest {:016x}",
        trace.scenario.seed,
        names(&trace.scenario.mitigations),
        trace.steps.len(),
        trace.digest()
    )?;
    let repairs = sim::self_repairs(trace);
    for (i, entry) in trace.entries().into_iter().enumerate() {
        let mark = if entry.first_violation { "  <- first violation" } else { "" };
        // As on the page: a write that brings an emptied endpoint back says so.
        let note = match trace.steps.get(i).map(|s| &s.change) {
            Some(sim::Change::Wrote { previous, .. }) if repairs.contains(&i) => {
                sim::self_repair_note(*previous)
            }
            _ => String::new(),
        };
        writeln!(out, "{:<16} {:<10} {}{note}{mark}", entry.clock, entry.actor, entry.text)?;
    }
    writeln!(out, "verdict: {}", trace.verdict.summary(trace.scenario.clock_start_ms))?;
    if let Some(first) = trace.verdict.first_violation {
        writeln!(out, "first violation: {} at step {}", first.invariant.name(), first.step)?;
    }
    // What the run shows, read from its steps (the same sentences as the page's side by side).
    for line in sim::story(trace).lines {
        writeln!(out, "shows: {line}")?;
    }
    Ok(())
}

/// One row of the figures table: its label and how to print a run's value.
type Row<'a> = (&'a str, Box<dyn Fn(&Cascade) -> String + 'a>);

/// `trace cascade`: the incident's race, then the cascade after it, with one retry policy or
/// two side by side.
fn cascade(
    seed: Option<u64>,
    mitigations: &[Mitigation],
    settings: &CascadeSettings,
    compare: Option<RetryPolicy>,
    json: bool,
) -> ExitCode {
    let trace = match run_preset("incident", seed, mitigations) {
        Ok(trace) => trace,
        Err(code) => return code,
    };
    let started = Instant::now();
    let mut settings_all = vec![settings.clone()];
    settings_all.extend(compare.map(|p| settings.with_policy(p)));
    let mut runs = Vec::new();
    for settings in &settings_all {
        match cascade::run(&trace, settings) {
            Ok(run) => runs.push(run),
            Err(e) => {
                eprintln!("error: the cascade settings are invalid: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64() / runs.len() as f64;
    let mut out = std::io::stdout().lock();
    finish(if json {
        let digest = format!("{:016x}", trace.digest());
        let mut docs: Vec<serde_json::Value> = runs.iter().map(Cascade::to_json).collect();
        let doc = if docs.len() == 1 {
            let mut doc = docs.remove(0);
            doc["trace_digest"] = serde_json::json!(digest);
            doc
        } else {
            serde_json::json!({ "trace_digest": digest, "runs": docs })
        };
        serde_json::to_writer_pretty(&mut out, &doc)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print_cascade(&mut out, &trace, &runs, seconds)
    })
}

fn print_cascade(
    out: &mut impl Write,
    trace: &sim::Trace,
    runs: &[Cascade],
    seconds: f64,
) -> std::io::Result<()> {
    let Some(first) = runs.first() else { return Ok(()) };
    let s = &first.settings;
    writeln!(
        out,
        "# cascade after the incident (seed {}, mitigations: {}, trace {:016x}); {} clients behind {} resolvers; \
         responses: {}",
        trace.scenario.seed,
        names(&trace.scenario.mitigations),
        trace.digest(),
        s.clients,
        s.resolvers,
        match s.responses.as_slice() {
            [] => "none".to_string(),
            list => list.iter().map(|r| r.name()).collect::<Vec<_>>().join(","),
        }
    )?;
    writeln!(out, "# simulated {} in {:.3} s per run", format_duration(first.duration_ms), seconds)?;
    writeln!(out, "verdict of the race: {}", trace.verdict.summary(trace.scenario.clock_start_ms))?;
    let when =
        |run: &Cascade, t: Option<u64>| t.map_or_else(|| "not by the end".to_string(), |t| run.clock(t));
    let rows: [Row; 13] = [
        ("retry policy", Box::new(|r: &Cascade| r.settings.retry_policy.name().to_string())),
        ("DWFM retry", Box::new(|r: &Cascade| r.settings.dwfm_retry.name().to_string())),
        ("record emptied", Box::new(move |r: &Cascade| when(r, r.figures.emptied_at_ms))),
        ("clients recovered", Box::new(move |r: &Cascade| when(r, r.figures.clients_recovered_at_ms))),
        ("all leases back", Box::new(move |r: &Cascade| when(r, r.figures.leases_back_at_ms))),
        (
            "NLB capacity covers demand",
            Box::new(move |r: &Cascade| {
                if r.figures.nlb_fell_short() {
                    when(r, r.figures.nlb_recovered_at_ms)
                } else {
                    "never fell short".to_string()
                }
            }),
        ),
        (
            "NLB short of demand for",
            Box::new(|r: &Cascade| match r.figures.nlb_short_ms / 60_000 * 60_000 {
                0 => "never".to_string(),
                t => format_duration(t),
            }),
        ),
        ("full recovery", Box::new(move |r: &Cascade| when(r, r.figures.recovered_at_ms))),
        (
            "time to full recovery",
            Box::new(|r: &Cascade| r.figures.time_to_recovery_ms.map_or("-".into(), format_duration)),
        ),
        (
            "peak load over capacity",
            Box::new(|r: &Cascade| format!("{:.2}x", r.figures.peak_load_over_capacity)),
        ),
        ("requests failed", Box::new(|r: &Cascade| r.figures.requests_failed.to_string())),
        (
            "writes stored / re-fed",
            Box::new(|r: &Cascade| format!("{} / {}", r.figures.writes_stored, r.figures.writes_refed)),
        ),
        ("writes lost", Box::new(|r: &Cascade| r.figures.writes_lost.to_string())),
    ];
    for (label, value) in &rows {
        write!(out, "{label:<28}")?;
        for run in runs {
            write!(out, "  {:<22}", value(run))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "phases (simulated; AWS's times in brackets):")?;
    for phase in &first.phases {
        writeln!(
            out,
            "  {} to {}  {} [{}]",
            first.clock(phase.from_ms),
            phase.to_ms.map_or_else(|| "the end".to_string(), |t| first.clock(t)),
            phase.title,
            phase.aws
        )?;
    }
    Ok(())
}
