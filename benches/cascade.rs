//! `cargo bench --bench cascade`: how long the whole 14.5-hour cascade takes natively, for
//! each retry policy with 10,000 clients and for 1,000 to 100,000 clients. A plain `main`
//! (no harness): the numbers are the output.

use dns_race::cascade::{self, CascadeSettings, RetryPolicy};
use dns_race::scenario::Scenario;
use std::time::Instant;

/// The median of `samples` timings of `f`, in seconds.
fn median(samples: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let trace = dns_race::sim::run(&Scenario::incident()).expect("the incident runs");
    println!("cascade after the incident, 23:35 to 14:30 PDT (53,700 simulated seconds), median of 5:");
    for policy in RetryPolicy::ALL {
        let settings = CascadeSettings::default().with_policy(policy);
        let seconds = median(5, || {
            cascade::run(&trace, &settings).expect("valid settings");
        });
        println!("  {:<16} 10,000 clients  {:.3} s", policy.name(), seconds);
    }
    for clients in [1_000, 10_000, 100_000] {
        let settings = CascadeSettings { clients, ..CascadeSettings::default() };
        let seconds = median(5, || {
            cascade::run(&trace, &settings).expect("valid settings");
        });
        println!("  backoff          {clients:>6} clients  {seconds:.3} s");
    }
}
