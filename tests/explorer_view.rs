//! What the explorer panel prints, from the core's results.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::explore::{explore, Bound, Sampler, Tally};
use dns_race::scenario::Mitigation;
use dns_race::sim::Invariant;
use dns_race::ui::view::explorer::{
    count, explore_command, sample_rows, search_view, set_label, time_left, trace_command, wilson_interval,
};

#[test]
fn counts_and_labels_read_as_people_write_them() {
    assert_eq!(count(0), "0");
    assert_eq!(count(999), "999");
    assert_eq!(count(109_796), "109,796");
    assert_eq!(count(1_000_000), "1,000,000");
    assert_eq!(set_label(&[]), "none");
    assert_eq!(
        set_label(&[Mitigation::ConditionalWrite, Mitigation::SafeCleanup]),
        "conditional-write + safe-cleanup"
    );
    assert_eq!(trace_command("incident", 3, &[]), "cargo run -- trace incident --seed 3");
    assert_eq!(
        explore_command(&Bound::default(), &[Mitigation::SelfRepair], Some(Invariant::NeverEmpty)),
        "cargo run --release -- explore --enactors 3 --endpoints 2 --generations 4 --margin 1 --wide-margin 2 \
         --mitigations self-repair --invariant never-empty"
    );
}

#[test]
fn the_search_verdict_names_each_invariant_and_what_it_could_not_judge() {
    let unsafe_run = explore(Bound::default(), &[Mitigation::PlanExpiry]).expect("valid");
    let view = search_view(&unsafe_run, 0.5);
    assert!(!view.safe);
    assert!(view.title.starts_with("Not judged here: plan-expiry needs a clock"), "{}", view.title);
    assert!(
        view.detail.starts_with("109,796 states, depth 45, in 0.50 s (219,592 states/s)"),
        "{}",
        view.detail
    );
    let empty = &view.lines[0];
    assert_eq!(empty.invariant, Invariant::NeverEmpty);
    assert!(empty.fails && empty.text == "fails: shortest counterexample, 12 events");
    assert!(!view.lines[3].fails);
    assert!(view.caveats.iter().any(|c| c.starts_with("plan-expiry acts through the clock")));
    assert!(view.caveats.iter().any(|c| c.starts_with("fresh-enough cannot fail here")));

    let wide = Bound { generations: 2, ..Bound::default() };
    let view = search_view(&explore(wide, &[Mitigation::WideCleanupMargin]).expect("valid"), 0.1);
    assert!(!view.lines[0].fails, "nothing held is ever deleted");
    assert!(view.lines[1].fails, "but an old plan still overwrites a newer one");
    assert!(view.caveats.iter().any(|c| c.starts_with("wide-cleanup-margin keeps 2 older plans")));
}

#[test]
fn a_search_stopped_early_says_it_proves_nothing() {
    let mut search = dns_race::explore::Search::new(Bound::default(), &[]).expect("valid");
    search.step(10);
    let view = search_view(&search.report(), 0.01);
    assert!(!view.safe);
    assert!(view.title.contains("proves nothing"), "{}", view.title);
    assert!(view.lines.iter().all(|l| l.text == "no violation found so far"));
}

#[test]
fn the_table_marks_the_design_switched_on_and_prints_shares() {
    let sets = vec![Vec::new(), vec![Mitigation::ConditionalWrite]];
    let mut sampler = Sampler::new("incident", sets, 40, 1).expect("valid");
    while !sampler.step(10) {}
    let rows = sample_rows(sampler.tallies(), &[Mitigation::ConditionalWrite]);
    let (none, conditional) = (&rows[0], &rows[1]);
    assert!(!none.current && conditional.current);
    assert_eq!(none.label, "none");
    let empty = &none.shares[0];
    assert!(empty.failed && empty.text.ends_with(" %") && empty.width > 0.0 && empty.width < 100.0);
    assert_eq!(none.shares[1].text, "100.0 %", "the slow Enactor always writes an old plan");
    assert_eq!(none.empty_mean, "2 h 37 min", "50 min to diagnose, 107 to repair, as in 2025");
    assert!(none.worst_seed.is_some() && !none.empty_worst.is_empty());
    assert!(conditional.shares.iter().all(|c| !c.failed && c.text == "0 %" && c.width == 0.0));
    assert_eq!(conditional.empty_mean, "never empty");
    assert_eq!(conditional.worst_seed, None);
    assert!(conditional.shares[0].tooltip.starts_with("95 % interval 0.0–"));
    assert!(
        none.shares[0].tooltip.ends_with("; failing 2 h 37 min per run that failed"),
        "{}",
        none.shares[0].tooltip
    );
}

#[test]
fn a_share_reads_100_or_0_only_when_every_run_or_none_failed() {
    let tally = |failed: u32| Tally {
        mitigations: Vec::new(),
        runs: 10_000,
        failed: [failed, 0, 0, 0],
        failed_ms_total: [0; 4],
        empty_ms_worst: 0,
        worst_seed: None,
        worst_end_ms: 0,
        worst_run: 0,
    };
    let text = |failed| sample_rows(&[tally(failed)], &[])[0].shares[0].text.clone();
    assert_eq!(text(9_998), "> 99.9 %");
    assert_eq!(text(10_000), "100.0 %");
    assert_eq!(text(3_392), "33.9 %");
    assert_eq!(text(4), "< 0.1 %");
    assert_eq!(text(0), "0 %");
}

#[test]
fn the_wilson_interval_stays_within_0_and_100_and_narrows_with_runs() {
    let (lo, hi) = wilson_interval(0, 40);
    assert_eq!(lo, 0.0);
    assert!(hi > 5.0 && hi < 15.0, "0 of 40 still allows a few percent: {hi}");
    let (lo, hi) = wilson_interval(3_600, 10_000);
    assert!(lo > 35.0 && hi < 37.0, "{lo}–{hi}");
    let (lo, hi) = wilson_interval(40, 40);
    assert!(lo > 85.0 && hi == 100.0);
    assert_eq!(wilson_interval(0, 0), (0.0, 100.0));
}

#[test]
fn time_left_follows_the_pace_so_far() {
    assert_eq!(time_left(0, 100, 5.0), None);
    assert_eq!(time_left(10, 100, 0.1), None, "too early for a pace");
    assert_eq!(time_left(1_000, 13_000, 1.0).as_deref(), Some("12 s"));
    assert_eq!(time_left(13_000, 130_000, 15.0).as_deref(), Some("2 min 15 s"));
}
