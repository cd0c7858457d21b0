//! The native command line: `dns-race trace <scenario> [--seed N] [--json]`.
//!
//! Usage errors (an unknown scenario, a bad seed, an unknown flag) print a message on stderr
//! and exit with code 2, as clap does for every usage error.

use clap::{Parser, Subcommand};
use dns_race::scenario::{parse_mitigations, Mitigation, Scenario, PRESETS};
use dns_race::sim;
use std::io::Write;
use std::process::ExitCode;

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
    },
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
    help.push_str("\nMitigations (all off unless named in --mitigations):\n");
    let width = Mitigation::ALL.iter().map(|m| m.name().len()).max().unwrap_or(0);
    for m in Mitigation::ALL {
        help.push_str(&format!("  {:<width$}  {}\n", m.name(), m.about()));
    }
    help
}

fn parse_scenario(name: &str) -> Result<String, String> {
    if PRESETS.iter().any(|p| p.name == name) {
        Ok(name.to_string())
    } else {
        let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
        Err(format!("unknown scenario; choose one of: {}", names.join(", ")))
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Trace { scenario, seed, mitigations, json } => {
            trace(&scenario, seed, mitigations.as_ref().map_or(&[], |m| m.0.as_slice()), json)
        }
    }
}

/// A seed for `random` runs without `--seed`. Only the command line is allowed the clock:
/// the core never reads it.
fn seed_from_clock() -> u64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.map_or(1, |d| d.as_nanos() as u64)
}

fn trace(name: &str, seed: Option<u64>, mitigations: &[Mitigation], json: bool) -> ExitCode {
    let seed = seed.or_else(|| (name == "random").then(seed_from_clock));
    let Some(mut scenario) = Scenario::preset(name, seed.unwrap_or(1)) else {
        eprintln!("error: unknown scenario '{name}'");
        return ExitCode::from(2);
    };
    if let Some(seed) = seed {
        scenario.seed = seed;
    }
    let scenario = scenario.with_mitigations(mitigations);
    let trace = match sim::run(&scenario) {
        Ok(trace) => trace,
        Err(e) => {
            eprintln!("error: the scenario is invalid: {e}");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if json { print_json(&mut out, &trace) } else { print_text(&mut out, name, &trace) };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the trace: {e}");
            ExitCode::FAILURE
        }
    }
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
        match trace.scenario.mitigations.as_slice() {
            [] => "none".to_string(),
            list => list.iter().map(|m| m.name()).collect::<Vec<_>>().join(","),
        },
        trace.steps.len(),
        trace.digest()
    )?;
    for entry in trace.entries() {
        let mark = if entry.first_violation { "  <- first violation" } else { "" };
        writeln!(out, "{:<16} {:<10} {}{mark}", entry.clock, entry.actor, entry.text)?;
    }
    writeln!(out, "verdict: {}", trace.verdict.summary(trace.scenario.clock_start_ms))?;
    if let Some(first) = trace.verdict.first_violation {
        writeln!(out, "first violation: {} at step {}", first.invariant.name(), first.step)?;
    }
    Ok(())
}
