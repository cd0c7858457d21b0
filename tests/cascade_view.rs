//! The cascade section's view model, natively: the shared time axis and its PDT ticks, the
//! one cursor shared with the replay, scales and paths, phase bands with both times, the
//! readout, the outcome figures and the assumed knobs.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::cascade::{self, Cascade, CascadeSettings, RetryPolicy, ASSUMED, END_CLOCK_MS};
use dns_race::scenario::Scenario;
use dns_race::sim::{self, Trace};
use dns_race::ui::view::cascade::{
    assumed_headline, assumed_knobs, aws_order, bands, charts, cursor_ms, figures, first_false_failure,
    grouped, markers, nice_ceiling, position_at, readout, short_number, step_time, TimeAxis, YScale,
    CHART_HEIGHT, CHART_WIDTH, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use std::sync::OnceLock;

mod common;

fn incident() -> &'static Trace {
    static TRACE: OnceLock<Trace> = OnceLock::new();
    TRACE.get_or_init(common::incident_trace)
}

fn run(policy: RetryPolicy) -> Cascade {
    cascade::run(incident(), &CascadeSettings::default().with_policy(policy)).expect("the defaults are valid")
}

fn default_run() -> &'static Cascade {
    static RUN: OnceLock<Cascade> = OnceLock::new();
    RUN.get_or_init(|| run(RetryPolicy::default()))
}

#[test]
fn the_time_axis_runs_from_the_races_start_to_1430_with_pdt_ticks() {
    let trace = incident();
    let axis = TimeAxis::of_trace(trace);
    let cascade = default_run();
    assert_eq!(axis, TimeAxis::of(cascade), "the axis is known before the cascade has run");
    assert_eq!(axis.clock_start_ms + axis.duration_ms, END_CLOCK_MS);
    assert_eq!(axis.x(0), PLOT_LEFT);
    assert_eq!(axis.x(axis.duration_ms), CHART_WIDTH - PLOT_RIGHT);
    assert_eq!(axis.x(u64::MAX), CHART_WIDTH - PLOT_RIGHT, "clamped");
    let labels: Vec<String> = axis.ticks().into_iter().map(|t| t.label).collect();
    assert_eq!(labels, ["00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00"]);
    // x and back land on the same whole minute.
    for t in [0, 60_000, 3 * 3_600_000, axis.duration_ms] {
        assert_eq!(axis.t_at(axis.x(axis.snap(t))), axis.snap(t));
    }
    assert_eq!(axis.t_at(-50.0), 0);
    assert_eq!(axis.t_at(10_000.0), axis.duration_ms);
}

#[test]
fn a_clock_time_in_a_link_is_the_first_one_after_the_start() {
    let axis = TimeAxis::of_trace(incident());
    // The incident starts at 23:35 PDT on 19 October.
    assert_eq!(axis.clock_start_ms, (23 * 60 + 35) * 60_000);
    assert_eq!(axis.t_of_clock(23 * 60 + 50), 15 * 60_000, "23:50 is on the 19th");
    assert_eq!(axis.t_of_clock(5 * 60 + 30), (25 + 5 * 60 + 30) * 60_000, "05:30 is on the 20th");
    assert_eq!(axis.clock_minutes(axis.t_of_clock(5 * 60 + 30)), 5 * 60 + 30);
    assert_eq!(axis.t_of_clock(20 * 60), axis.duration_ms, "past 14:30: the end");
}

#[test]
fn the_charts_cursor_follows_the_replay_unless_pinned_where_the_player_is() {
    let trace = incident();
    let last = trace.steps.len() as u32;
    assert_eq!(step_time(trace, 0), 0);
    assert_eq!(cursor_ms(trace, 5, None), trace.steps[4].t_ms);
    assert_eq!(cursor_ms(trace, 5, Some((99, 5))), 99, "pinned where the player is");
    assert_eq!(cursor_ms(trace, 6, Some((99, 5))), trace.steps[5].t_ms, "the player moved on");
    // Within the race, the player goes to the last event at or before the time.
    let t = trace.steps[40].t_ms;
    let p = position_at(trace, t);
    assert!(trace.steps[p as usize - 1].t_ms <= t);
    assert!(trace.steps.get(p as usize).is_none_or(|s| s.t_ms > t));
    assert_eq!(position_at(trace, 0), trace.steps.partition_point(|s| s.t_ms == 0) as u32);
    // Past the race's last event, the player rests on it.
    assert_eq!(position_at(trace, trace.steps[last as usize - 1].t_ms + 1), last);
    assert_eq!(position_at(trace, u64::MAX), last);
}

#[test]
fn scales_are_round_and_paths_stay_in_the_plot() {
    assert_eq!(nice_ceiling(0.0), 1.0);
    assert_eq!(nice_ceiling(7.3), 10.0);
    assert_eq!(nice_ceiling(1_800.0), 2_000.0);
    assert_eq!(nice_ceiling(2_400.0), 2_500.0);
    assert_eq!(short_number(12_000.0), "12k");
    assert_eq!(short_number(2_500_000.0), "2.5M");
    assert_eq!(short_number(750.0), "750");
    assert_eq!(grouped(1_234_567), "1,234,567");
    let log = YScale::log(80_000.0);
    assert_eq!(log, YScale::Log { max: 100_000.0 });
    assert_eq!(log.y(0.0), CHART_HEIGHT - PLOT_BOTTOM, "nothing sits on the floor");
    assert_eq!(log.y(100_000.0), PLOT_TOP);
    assert_eq!(YScale::Linear { max: 100.0 }.y(f64::NAN), CHART_HEIGHT - PLOT_BOTTOM);
    let cascade = default_run();
    let drawn = charts(cascade, None);
    let ids: Vec<&str> = drawn.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        [
            "cascade-chart-load",
            "cascade-chart-success",
            "cascade-chart-retries",
            "cascade-chart-dwfm",
            "cascade-chart-fallback",
            "cascade-chart-nlb"
        ]
    );
    for chart in &drawn {
        assert!(chart.y_ticks.len() >= 2, "{}", chart.id);
        for series in &chart.series {
            assert!(series.second.is_none());
            assert!(series.path.starts_with('M'));
            assert_eq!(series.path.matches('L').count() + 1, cascade.samples.len());
            for point in series.path[1..].split('L') {
                let (x, y) = point.split_once(',').expect("x,y");
                let (x, y): (f64, f64) = (x.parse().expect("x"), y.parse().expect("y"));
                assert!(
                    (PLOT_LEFT - 0.1..=CHART_WIDTH - PLOT_RIGHT + 0.1).contains(&x),
                    "{}: x {x}",
                    chart.id
                );
                assert!(
                    (PLOT_TOP - 0.1..=CHART_HEIGHT - PLOT_BOTTOM + 0.1).contains(&y),
                    "{}: y {y}",
                    chart.id
                );
            }
        }
    }
}

#[test]
fn a_second_policy_is_drawn_dashed_on_the_same_scale_and_gets_its_column() {
    let (first, second) = (run(RetryPolicy::None), run(RetryPolicy::Immediate));
    let drawn = charts(&first, Some(&second));
    let load = &drawn[0];
    assert!(load.series[0].second.is_some(), "offered load differs between policies");
    assert!(load.series[1].second.is_none(), "capacity is the same for both");
    // Immediate retries load the service more than no retries at all.
    assert!(second.figures.peak_load_over_capacity > first.figures.peak_load_over_capacity);
    let rows = figures(&first, Some(&second));
    assert!(rows.iter().all(|r| r.second.is_some()));
    let peak =
        rows.iter().find(|r| r.label == "Peak load over capacity (busiest 100 ms)").expect("a peak row");
    assert!(peak.value.ends_with('×') && peak.value != peak.second.clone().unwrap_or_default());
    let labels: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    for wanted in [
        "Time to full recovery",
        "Requests failed",
        "Writes lost",
        "Clients recovered",
        "All host leases back",
        "NLB capacity covers demand",
        "NLB capacity short of demand for",
    ] {
        assert!(labels.iter().any(|l| l.starts_with(wanted)), "{wanted}");
    }
}

#[test]
fn phases_are_labelled_with_simulated_and_awss_times_and_actions_are_marked() {
    let cascade = default_run();
    let strip = bands(cascade);
    assert_eq!(strip.len(), cascade.phases.len());
    for (band, phase) in strip.iter().zip(&cascade.phases) {
        assert!(band.label.contains("simulated"), "{}", band.label);
        assert!(band.label.contains(&format!("AWS {}", phase.aws)), "{}", band.label);
        assert!(band.x0 < band.x1 && band.label_x >= 0.0 && band.label_x <= band.x0);
    }
    let dwfm = strip.iter().find(|b| b.id == "dwfm").expect("a DWFM phase");
    assert!(dwfm.label.contains("AWS 02:25–05:28"), "{}", dwfm.label);
    let marked = markers(cascade);
    assert_eq!(marked.len(), 3, "AWS's 01:15 mitigations, then the incident's operators act twice");
    // AWS: 01:15, temporary mitigations; published, not modelled, and said so.
    assert!(marked[0].label.starts_with("01:15 temporary mitigations"), "{}", marked[0].label);
    assert!(marked[0].label.contains("not modelled"), "{}", marked[0].label);
    assert!(marked[1].label.contains("DWFM") && marked[2].label.contains("failover"));
}

#[test]
fn the_readout_and_the_nlb_accounts_name_their_times() {
    let cascade = default_run();
    let t = TimeAxis::of(cascade).t_of_clock(5 * 60 + 30);
    let rows = readout(cascade, None, t);
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r.second.is_none() && !r.value.is_empty()));
    let label = dns_race::ui::view::cascade::cursor_label(cascade, t);
    assert!(label.starts_with("05:30 PDT (20 Oct) · "), "{label}");
    assert!(label.contains("after the record emptied"), "{label}");
    let order = aws_order(cascade);
    assert_eq!(order.len(), 6);
    assert!(order[0].what.contains("DNS race") && order[5].what.contains("removes healthy capacity"));
    assert_eq!(order[0].at, "23:48", "the record empties at 23:48 PDT");
    let sentence = first_false_failure(cascade);
    assert!(sentence.contains("after the record emptied"), "{sentence}");
}

#[test]
fn every_assumed_knob_is_listed_with_its_value() {
    let settings = CascadeSettings::default();
    let knobs = assumed_knobs(&settings);
    assert_eq!(knobs.len(), ASSUMED.len(), "every assumed knob is a number shown");
    assert!(knobs.contains(&format!("clients: {}", grouped(settings.clients.into()))), "{knobs:?}");
    assert!(knobs.iter().any(|k| k.starts_with("dns ttl: ")), "{knobs:?}");
    let headline = assumed_headline(&settings);
    let start = format!(
        "assumed: {} clients behind {} resolvers, TTL ",
        grouped(settings.clients.into()),
        settings.resolvers
    );
    assert!(headline.starts_with(&start), "{headline}");
}

#[test]
fn a_mitigation_that_keeps_the_record_shows_no_outage() {
    use dns_race::scenario::Mitigation;
    let scenario = Scenario::incident().with_mitigations(&[Mitigation::ConditionalWrite]);
    let trace = sim::run(&scenario).expect("valid");
    let cascade = cascade::run(&trace, &CascadeSettings::default()).expect("valid");
    assert_eq!(cascade.figures.emptied_at_ms, None);
    let rows = figures(&cascade, None);
    assert_eq!(rows[0].value, "no outage");
    assert!(first_false_failure(&cascade).contains("never emptied"));
}

#[test]
fn each_policy_says_why_its_peak_is_what_it_is_and_serve_stale_says_why_it_did_nothing() {
    use dns_race::cascade::{DwfmRetry, Response};
    use dns_race::ui::view::cascade::{dwfm_why, peak_why, serve_stale_note};
    // "No retries" peaks far above back-off: the page says why, where the policy is picked.
    let none = run(RetryPolicy::None).figures.peak_load_over_capacity;
    let backoff = default_run().figures.peak_load_over_capacity;
    assert!(none > 2.0 * backoff, "{none} vs {backoff}");
    assert!(
        peak_why(RetryPolicy::None).contains("backlog") && peak_why(RetryPolicy::None).contains("in step")
    );
    for policy in RetryPolicy::ALL {
        assert!(!peak_why(policy).is_empty());
    }
    assert!(dwfm_why(DwfmRetry::Backoff).contains("still collapses"));
    assert!(dwfm_why(DwfmRetry::Deadline).contains("operators or not"));
    assert_eq!(serve_stale_note(default_run()), None, "off: no note");
    let mut on = CascadeSettings::default().responses;
    on.push(Response::ServeStale);
    let stale = cascade::run(incident(), &CascadeSettings::default().with_responses(&on)).expect("runs");
    let note = serve_stale_note(&stale).expect("a note");
    assert!(note.starts_with("Serve-stale (RFC 8767) answered 0 resolver refreshes"), "{note}");
    assert!(
        note.contains("cannot reach the authoritative servers")
            && note.contains("NOERROR with zero addresses")
    );
}

#[test]
fn an_nlb_that_never_fell_short_is_said_so_not_given_a_time() {
    use dns_race::cascade::Response;
    let settings = CascadeSettings::default().with_responses(&[
        Response::ThrottleDwfm,
        Response::RestartDwfm,
        Response::VelocityControl,
    ]);
    let capped = cascade::run(incident(), &settings).expect("runs");
    let rows = figures(&capped, None);
    let covers = rows.iter().find(|r| r.label == "NLB capacity covers demand").expect("the row");
    assert_eq!(covers.value, "never fell short");
    let short = rows.iter().find(|r| r.label == "NLB capacity short of demand for").expect("the row");
    assert_eq!(short.value, "never");
    let default_rows = figures(default_run(), None);
    let covers = default_rows.iter().find(|r| r.label == "NLB capacity covers demand").expect("the row");
    assert_eq!(covers.value, "09:34 PDT", "when the operators disabled failover");
}
