//! `cargo bench --bench memory`: what a run holds natively, measured with a counting
//! allocator: the replay the page keeps (trace, checkpoints, key steps, hold bands) at its
//! peak while it is made and once made, for the incident and for Planners that outpace the
//! Enactors (every plan kept). The README's memory table. A plain `main` (no harness).

use dns_race::scenario::Scenario;
use dns_race::sim::{self, RunBudget, RUN_BYTES_PER_EVENT};
use dns_race::ui::replay::Replay;
#[path = "../tests/support/counting.rs"]
mod counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
}

fn main() {
    // Large enough for the settings the page refuses, measured for comparison.
    let unbounded = RunBudget { events_max: 400_000, plans_max: 400_000 };
    let incident = Scenario::incident();
    let edge_ms = (incident.duration_ms / (u64::from(RunBudget::PAGE.plans_max) + 1)) + 1;
    let every =
        |ms: u64| Scenario { planner_interval_ms_min: ms, planner_interval_ms_max: ms, ..incident.clone() };
    println!(
        "a replay as the page keeps it (budget: {} events, {} plans, {} bytes an event):",
        RunBudget::PAGE.events_max,
        RunBudget::PAGE.plans_max,
        RUN_BYTES_PER_EVENT
    );
    for (label, scenario) in [
        ("the incident".to_string(), incident.clone()),
        ("a plan every 2 s".to_string(), every(2_000)),
        ("a plan every 500 ms".to_string(), every(500)),
        ("a plan every 200 ms".to_string(), every(200)),
        (format!("a plan every {edge_ms} ms (the smallest accepted)"), every(edge_ms)),
        ("a plan every 100 ms (refused on the page)".to_string(), every(100)),
    ] {
        let admitted = RunBudget::PAGE.admit(&scenario).is_ok();
        let before = counting::live();
        let (peak, held, replay) =
            counting::measure(|| Replay::of(sim::run_within(&scenario, &unbounded).expect("valid")));
        let events = replay.len();
        drop(replay);
        let after = counting::live() - before;
        println!(
            "  {label:<46} {events:>7} events  held {:>9}  peak {:>9}  {:>4} B/event at the peak  {}  after drop: {after} B",
            mib(held),
            mib(peak),
            peak / (events as usize).max(1),
            if admitted { "admitted" } else { "refused " },
        );
    }
}
