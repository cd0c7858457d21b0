//! The budget of a timed run (`sim::RunBudget`): a setting whose run would exceed it is
//! refused before it runs, naming the knob and the value that fits; a run at the edge stays
//! within the memory the budget was derived from (a counting allocator measures it); the
//! checkpoints' memory grows with the events, not with their square; a run that reaches
//! the budget says so.

use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim::{self, RunBudget};
#[path = "support/counting.rs"]
mod counting;
use counting::measure;

/// The incident with the Planner publishing every `interval_ms`, for `duration_ms`.
fn fast_planner(interval_ms: u64, duration_ms: u64) -> Scenario {
    Scenario {
        planner_interval_ms_min: interval_ms,
        planner_interval_ms_max: interval_ms,
        duration_ms,
        ..Scenario::incident()
    }
}

/// The smallest planner interval the budget accepts for `duration_ms`, as the refusal of a
/// 1 ms interval names it.
fn smallest_interval(duration_ms: u64) -> u64 {
    let refused = sim::run(&fast_planner(1, duration_ms)).expect_err("a 1 ms interval is over any budget");
    assert_eq!(refused.knob, "planner_interval_ms_min", "{refused}");
    let words: Vec<&str> = refused.problem.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "is").expect("the refusal names the smallest interval");
    words[at + 1].parse().expect("a number of milliseconds")
}

#[test]
fn the_hostile_link_is_refused_naming_the_knob_and_the_smallest_interval_that_fits() {
    let three_hours = 3 * 3_600_000;
    let refused = sim::run(&fast_planner(1, three_hours)).expect_err("1 ms over 3 h");
    assert_eq!(refused.knob, "planner_interval_ms_min");
    let smallest = smallest_interval(three_hours);
    // The smallest that fits fits, and one less does not.
    assert!(RunBudget::PAGE.admit(&fast_planner(smallest, three_hours)).is_ok());
    assert_eq!(
        RunBudget::PAGE.admit(&fast_planner(smallest - 1, three_hours)).map_err(|e| e.knob),
        Err("planner_interval_ms_min")
    );
    assert!(refused.problem.contains(&format!("over the {} a run may keep", RunBudget::PAGE.plans_max)));
    // A Planner told to stop early fits whatever its interval.
    let bounded = Scenario { planner_plans_max: Some(1_000), ..fast_planner(1, three_hours) };
    assert!(RunBudget::PAGE.admit(&bounded).is_ok());
}

#[test]
fn a_client_that_resolves_too_often_is_refused_naming_its_interval() {
    let scenario = Scenario { client_resolve_interval_ms: 1, ..Scenario::incident() };
    let refused = sim::run(&scenario).expect_err("a resolve every millisecond for hours");
    assert_eq!(refused.knob, "client_resolve_interval_ms", "{refused}");
    let words: Vec<&str> = refused.problem.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "is").expect("the refusal names the smallest interval");
    let smallest: u64 = words[at + 1].parse().expect("a number of milliseconds");
    let fits = Scenario { client_resolve_interval_ms: smallest, ..scenario.clone() };
    assert!(RunBudget::PAGE.admit(&fits).is_ok(), "{smallest} ms");
    let over = Scenario { client_resolve_interval_ms: smallest - 1, ..scenario };
    assert!(RunBudget::PAGE.admit(&over).is_err(), "{} ms", smallest - 1);
}

#[test]
fn the_budget_is_derived_from_the_pages_memory() {
    let budget = RunBudget::PAGE;
    assert!(budget.plans_max < budget.events_max);
    let runs = u64::from(budget.events_max) * sim::RUN_BYTES_PER_EVENT * sim::RUNS_HELD_MAX;
    assert!(runs + sim::PAGE_OWN_BYTES <= sim::PAGE_MEMORY_BYTES);
}

#[test]
fn a_run_at_the_edge_of_the_budget_stays_within_its_memory() {
    let three_hours = 3 * 3_600_000;
    let edge = fast_planner(smallest_interval(three_hours), three_hours);
    let before = counting::live();
    let (peak, held, trace) = measure(|| sim::run(&edge).expect("the edge is admitted"));
    assert!(!trace.truncated, "every publish fits: {} events", trace.steps.len());
    let budget = RunBudget::PAGE.run_bytes_max() as usize;
    assert!(peak <= budget, "the run peaked at {peak} bytes, over its {budget}");
    assert!(held <= peak);
    drop(trace);
    assert!(counting::live() <= before, "memory is returned when the run is dropped");
    #[cfg(feature = "web")]
    {
        let (peak, _, replay) = measure(|| dns_race::ui::replay::Replay::run(&edge).expect("admitted"));
        assert!(peak <= budget, "the replay peaked at {peak} bytes, over its {budget}");
        drop(replay);
        assert!(counting::live() <= before, "memory is returned when the run is dropped");
    }
}

/// The checkpoints (a world every 64 events) share the plan store: a run twice as long
/// holds about twice the memory, where a copy of the store per checkpoint held four times.
#[cfg(feature = "web")]
#[test]
fn the_checkpoints_memory_grows_linearly_with_the_plans() {
    use dns_race::ui::replay::Replay;
    // Every 200 ms the Planner publishes; the Enactors never catch up, clean-up never runs,
    // and the store holds every plan.
    let held = |hours: u64| {
        let scenario = fast_planner(200, hours * 3_600_000);
        let trace = sim::run(&scenario).expect("admitted");
        let (_, held, replay) = measure(|| Replay::of(trace));
        assert!(replay.len() >= (hours * 18_000) as u32);
        held
    };
    let (one, two) = (held(1), held(2));
    let ratio = two as f64 / one as f64;
    assert!(ratio < 2.4, "twice the plans took {ratio:.2} times the memory ({one} then {two} bytes)");
}

#[test]
fn a_run_that_reaches_the_budget_stops_and_says_so() {
    // A small budget, so that the test stays quick: the incident's Enactors reach it.
    let budget = RunBudget { events_max: 100, plans_max: 50 };
    let scenario = Scenario { planner_plans_max: Some(40), ..Scenario::incident() };
    let trace = sim::run_within(&scenario, &budget).expect("forty plans fit");
    assert!(trace.truncated);
    assert_eq!(trace.steps.len(), 100);
    assert_eq!(trace.verdict.stopped_at_events, Some(100));
    let summary = trace.verdict.summary(scenario.clock_start_ms);
    assert!(summary.contains("stopped at 100 events: the budget"), "{summary}");
    // A run that ends on its own says nothing of the kind.
    let whole = sim::run(&Scenario::incident().with_mitigations(&[Mitigation::SafeCleanup])).expect("valid");
    assert!(!whole.truncated);
    assert!(!whole.verdict.summary(0).contains("budget"));
}
