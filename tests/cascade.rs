//! The cascade after the race: what the learner is told about retries, DWFM's collapse and
//! the NLB, pinned on the incident's own trace. Deterministic: every run here is seeded.

use dns_race::cascade::{self, Cascade, CascadeSettings, Response, RetryPolicy, END_CLOCK_MS};
use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim::{self, Trace};

/// PDT clock time (hours and minutes, 0–47 h from midnight on 19 Oct) as ms since the
/// incident trace's start.
fn at(trace: &Trace, hours: u64, minutes: u64) -> u64 {
    (hours * 60 + minutes) * 60_000 - trace.scenario.clock_start_ms
}

mod common;
use common::incident_trace as incident;

fn run(trace: &Trace, settings: &CascadeSettings) -> Cascade {
    cascade::run(trace, settings).expect("valid settings")
}

fn with_policy(trace: &Trace, policy: RetryPolicy) -> Cascade {
    run(trace, &CascadeSettings::default().with_policy(policy))
}

#[test]
fn clients_see_the_record_the_race_emptied() {
    let trace = incident();
    let c = with_policy(&trace, RetryPolicy::Backoff);
    let f = &c.figures;
    let emptied = f.emptied_at_ms.expect("the race empties the record");
    assert_eq!(c.clock(emptied), "23:48:05", "as in AWS's timeline");
    // The first sample inside the outage: every client's resolver holds the empty answer
    // and nothing reaches DynamoDB.
    let during = c.sample_at(at(&trace, 24, 30)).expect("a sample at 00:30");
    assert_eq!(during.clients_empty_pct, 100.0);
    assert_eq!(during.offered_per_s, 0.0);
    assert_eq!(during.success_pct, 0.0);
    // AWS: clients recovered from 02:25 to 02:40 as cached empty answers expired.
    let back = f.clients_recovered_at_ms.expect("clients recover");
    assert!(back > at(&trace, 26, 25) && back < at(&trace, 26, 50), "clients back at {}", c.clock(back));
    let sample = c.sample_at(at(&trace, 26, 30)).expect("a sample at 02:30");
    assert!(sample.clients_empty_pct > 0.0 && sample.clients_empty_pct < 100.0, "caches expire one by one");
}

#[test]
fn a_mitigation_that_keeps_the_record_leaves_nothing_to_recover() {
    let scenario = Scenario::incident().with_mitigations(&[Mitigation::SafeCleanup]);
    let trace = sim::run(&scenario).expect("runs");
    let c = run(&trace, &CascadeSettings::default());
    assert_eq!(c.figures.emptied_at_ms, None);
    assert_eq!(c.figures.requests_failed, 0);
    assert_eq!(c.figures.writes_lost, 0);
    assert!(c.phases.is_empty());
    assert!(c.samples.iter().all(|s| s.hosts_without_lease == 0.0 && s.nlb_capacity_pct == 100.0));
}

#[test]
fn immediate_retries_raise_the_peak_well_above_no_retries() {
    let trace = incident();
    let none = with_policy(&trace, RetryPolicy::None).figures.peak_load_over_capacity;
    let immediate = with_policy(&trace, RetryPolicy::Immediate).figures.peak_load_over_capacity;
    assert!(none > 1.0, "the backlog alone overloads the service: {none}");
    assert!(immediate > 3.0 * none, "immediate {immediate} vs none {none}");
}

#[test]
fn full_jitter_lowers_the_peak_below_plain_backoff() {
    let trace = incident();
    let plain = with_policy(&trace, RetryPolicy::Backoff);
    let jitter = with_policy(&trace, RetryPolicy::FullJitter);
    let (p, j) = (plain.figures.peak_load_over_capacity, jitter.figures.peak_load_over_capacity);
    assert!(j > 1.0, "the backlog still overloads the service: {j}");
    assert!(j < 0.75 * p, "full jitter {j} vs plain back-off {p}");
    // Why: plain back-off keeps a resolver's workers in step, so its peak is a wave far
    // above the mean of the minute it falls in; jitter spreads the same work over the second.
    let burst = |c: &Cascade| {
        let peak = c.samples.iter().max_by(|a, b| a.peak_per_s.total_cmp(&b.peak_per_s));
        peak.map_or(0.0, |m| m.peak_per_s / m.offered_per_s)
    };
    assert!(burst(&plain) > 1.5, "plain back-off arrives in waves: {}", burst(&plain));
    assert!(burst(&jitter) < 1.2, "full jitter arrives spread: {}", burst(&jitter));
    // And so it holds only while the service cannot absorb a burst: when it takes any burst
    // within a second, jitter's shorter waits make its peak the higher one.
    let absorbing = CascadeSettings { service_burst_window_ms: 1000, ..CascadeSettings::default() };
    let peak = |policy| run(&trace, &absorbing.with_policy(policy)).figures.peak_load_over_capacity;
    assert!(peak(RetryPolicy::FullJitter) > peak(RetryPolicy::Backoff));
}

#[test]
fn the_circuit_breaker_with_a_fallback_store_loses_no_writes() {
    let trace = incident();
    let breaker = with_policy(&trace, RetryPolicy::CircuitBreaker).figures;
    let none = with_policy(&trace, RetryPolicy::None).figures;
    assert_eq!(breaker.writes_lost, 0);
    assert!(none.writes_lost > 1_000_000, "without a fallback the outage loses writes: {}", none.writes_lost);
    assert!(breaker.writes_stored > 1_000_000);
    // Every stored write is re-fed or still held at the end: none disappears.
    let c = with_policy(&trace, RetryPolicy::CircuitBreaker);
    let last = c.samples.last().expect("samples");
    let accounted = last.refed_total + last.fallback_held;
    assert!(
        (accounted - last.stored_total).abs() < 1.0,
        "stored {} re-fed {} held {}",
        last.stored_total,
        last.refed_total,
        last.fallback_held
    );
    assert!(breaker.writes_refed > 0);
}

#[test]
fn dwfm_recovers_at_05_28_with_the_operators_actions_of_04_14() {
    let trace = incident();
    let c = run(&trace, &CascadeSettings::default());
    let back = c.figures.leases_back_at_ms.expect("leases come back");
    let expected = at(&trace, 29, 28);
    assert!(back.abs_diff(expected) < 10 * 60_000, "leases back at {}", c.clock(back));
    let actions = c.dwfm_actions_at_ms.expect("operators act");
    assert!(actions.abs_diff(at(&trace, 28, 14)) < 60_000, "operators act at {}", c.clock(actions));
    // Congestive collapse before the actions: the queue grows, goodput is nothing.
    let collapsed = c.sample_at(at(&trace, 27, 30)).expect("a sample at 03:30");
    assert_eq!(collapsed.dwfm_goodput_per_s, 0.0);
    assert!(collapsed.dwfm_queue > 1_000_000.0, "queue {}", collapsed.dwfm_queue);
    assert!(collapsed.dwfm_wasted_per_s > 0.0);
}

#[test]
fn without_queue_size_throttling_dwfm_stays_collapsed_after_the_throttled_one_recovered() {
    let trace = incident();
    let nobody = run(&trace, &CascadeSettings::default().with_responses(&[]));
    let fixed = run(&trace, &CascadeSettings::default().with_responses(&[Response::QueueSizeLimit]));
    let recovered = fixed.figures.leases_back_at_ms.expect("the queue-size limit recovers");
    assert!(recovered < at(&trace, 28, 0), "recovered at {}", fixed.clock(recovered));
    assert_eq!(nobody.figures.leases_back_at_ms, None, "collapsed to the end");
    let then = nobody.sample_at(recovered + 60_000).expect("a sample");
    assert_eq!(then.dwfm_goodput_per_s, 0.0);
    let later = nobody.sample_at(recovered + 3_600_000).expect("a sample an hour later");
    assert!(later.dwfm_queue > then.dwfm_queue, "the queue keeps growing");
    // Throttling alone cannot drain a queue of timed-out work; with the restart it can.
    let throttle = run(&trace, &CascadeSettings::default().with_responses(&[Response::ThrottleDwfm]));
    assert_eq!(throttle.figures.leases_back_at_ms, None);
}

#[test]
fn velocity_control_keeps_capacity_above_demand_where_unbounded_failover_does_not() {
    let trace = incident();
    let demand = f64::from(CascadeSettings::default().nlb_demand_pct);
    let unbounded = run(&trace, &CascadeSettings::default());
    assert!(unbounded.figures.nlb_capacity_min_pct < demand, "{}", unbounded.figures.nlb_capacity_min_pct);
    let mut responses = Response::INCIDENT.to_vec();
    responses.push(Response::VelocityControl);
    let capped = run(&trace, &CascadeSettings::default().with_responses(&responses));
    assert!(capped.figures.nlb_capacity_min_pct >= demand, "{}", capped.figures.nlb_capacity_min_pct);
    let off = run(&trace, &CascadeSettings::default().with_responses(&[Response::NoFailover]));
    assert_eq!(off.figures.nlb_capacity_min_pct, 100.0);
}

#[test]
fn health_checks_fail_hours_after_the_dns_race_not_before_it() {
    let trace = incident();
    let c = run(&trace, &CascadeSettings::default());
    let f = &c.figures;
    let first = f.first_false_health_failure_ms.expect("health checks fail");
    let leases = f.leases_back_at_ms.expect("leases back");
    assert!(first >= leases, "the NLB phase follows DWFM's recovery");
    assert!(
        first > f.emptied_at_ms.expect("emptied") + 5 * 3_600_000,
        "over five hours after the record emptied"
    );
    let off = c.failover_disabled_at_ms.expect("operators disable failover");
    assert!(off.abs_diff(at(&trace, 33, 36)) < 15 * 60_000, "failover disabled at {}", c.clock(off));
    let ids: Vec<&str> = c.phases.iter().map(|p| p.id).collect();
    assert_eq!(ids, ["dns-empty", "clients", "dwfm", "network", "nlb"]);
    assert!(c.phases.iter().all(|p| p.to_ms.is_some()), "every phase ends before 14:30");
    assert_eq!(c.duration_ms, END_CLOCK_MS - trace.scenario.clock_start_ms);
}

#[test]
fn runs_are_deterministic_per_seed() {
    let trace = incident();
    let settings = CascadeSettings::default().with_policy(RetryPolicy::FullJitter);
    assert_eq!(run(&trace, &settings), run(&trace, &settings));
    let mut other = Scenario::incident();
    other.seed = 50;
    let other = sim::run(&other).expect("runs");
    assert_ne!(run(&trace, &settings).samples, run(&other, &settings).samples);
}

#[test]
fn a_bad_knob_is_named() {
    let trace = incident();
    let bad = CascadeSettings { resolvers: 0, ..CascadeSettings::default() };
    let err = cascade::run(&trace, &bad).expect_err("zero resolvers is invalid");
    assert_eq!(err.knob, "resolvers");
    for window in [0, 300, 1001] {
        let bad = CascadeSettings { service_burst_window_ms: window, ..CascadeSettings::default() };
        assert_eq!(cascade::run(&trace, &bad).expect_err("invalid").knob, "service_burst_window_ms");
    }
    let bad = CascadeSettings { retry_backoff_ms_max: 10, ..CascadeSettings::default() };
    assert_eq!(cascade::run(&trace, &bad).expect_err("invalid").knob, "retry_backoff_ms_max");
}

#[test]
fn names_round_trip_and_unknown_names_list_the_choices() {
    for p in RetryPolicy::ALL {
        assert_eq!(RetryPolicy::parse(p.name()), Ok(p));
    }
    let err = RetryPolicy::parse("exponential").expect_err("unknown");
    assert!(err.contains("full-jitter") && err.contains("circuit-breaker"), "{err}");
    assert_eq!(
        Response::parse_list("velocity-control,throttle-dwfm,velocity-control"),
        Ok(vec![Response::ThrottleDwfm, Response::VelocityControl])
    );
    assert!(Response::parse_list("reboot").is_err());
}
