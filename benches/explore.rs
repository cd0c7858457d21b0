//! `cargo bench`: how fast the explorer is on one core. Prints states per second of the
//! exhaustive search on the default bound, the state-space sizes of other bounds, and runs
//! per second of random runs. A plain `main` (no harness): the numbers are the output.

use dns_race::explore::{explore, Bound, Sampler};
use dns_race::scenario::Mitigation;
use std::time::Instant;

/// The median of `samples` timings of `f`, in seconds, and `f`'s last result.
fn median<T>(samples: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..samples {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.expect("at least one sample"))
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported and not needed.
    println!("exhaustive search, default bound (3 Enactors, 2 endpoints, 4 plans, margin 1), median of 7:");
    for (label, mitigations) in [
        ("none", vec![]),
        ("conditional-write,safe-cleanup", vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup]),
        ("recheck-before-write", vec![Mitigation::RecheckBeforeWrite]),
    ] {
        let (seconds, result) = median(7, || explore(Bound::default(), &mitigations).expect("valid bound"));
        println!(
            "  {label:<32} {:>9} states {:>10} transitions  {:.3} s  {:>5.2} M states/s  {:>5.2} M transitions/s",
            result.states,
            result.transitions,
            seconds,
            result.states as f64 / seconds / 1e6,
            result.transitions as f64 / seconds / 1e6
        );
    }

    println!("\nstate-space sizes without mitigations (Enactors, endpoints, plans, margin):");
    for (enactors, endpoints, generations, margin) in [
        (1, 1, 4, 1),
        (2, 1, 4, 1),
        (2, 2, 4, 1),
        (3, 1, 4, 1),
        (3, 2, 3, 1),
        (3, 2, 4, 1),
        (3, 2, 4, 2),
        (3, 3, 4, 1),
        (3, 2, 5, 1),
    ] {
        let bound = Bound {
            enactors,
            endpoints,
            generations,
            cleanup_margin_generations: margin,
            wide_cleanup_margin_generations: margin + 1,
        };
        let (seconds, result) = median(1, || explore(bound, &[]).expect("valid bound"));
        let shortest = result.headline().map_or("none".to_string(), |c| format!("{} events", c.events.len()));
        println!(
            "  {enactors} {endpoints} {generations} {margin}  {:>10} states  depth {:>3}  {:>7.2} s  shortest counterexample: {shortest}",
            result.states, result.depth, seconds
        );
    }

    println!("\nrandom runs of the incident's family (3 h each), median of 3:");
    for (label, mitigations) in [("none", vec![]), ("conditional-write", vec![Mitigation::ConditionalWrite])]
    {
        let runs = 2_000;
        let (seconds, _) = median(3, || {
            let mut sampler = Sampler::new("incident", vec![mitigations.clone()], runs, 1).expect("valid");
            while !sampler.step(100) {}
            sampler.runs_done()
        });
        println!("  {label:<32} {runs} runs  {seconds:.2} s  {:>6.0} runs/s", f64::from(runs) / seconds);
    }
}
