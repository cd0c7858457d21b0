//! Same seed, same trace; another seed, another trace.

use dns_race::scenario::Scenario;
use dns_race::sim;

#[test]
fn one_seed_twice_gives_identical_traces() {
    for scenario in [Scenario::incident(), Scenario::random(7)] {
        let first = sim::run(&scenario).unwrap();
        let second = sim::run(&scenario).unwrap();
        assert_eq!(first.steps, second.steps, "seed {} scenario {scenario:?}", scenario.seed);
        assert_eq!(first.digest(), second.digest());
        assert_eq!(first.to_json(), second.to_json());
    }
}

#[test]
fn two_seeds_give_different_traces() {
    let a = sim::run(&Scenario::random(1)).unwrap();
    let b = sim::run(&Scenario::random(2)).unwrap();
    assert_ne!(a.steps, b.steps);
    assert_ne!(a.digest(), b.digest());
}

/// The incident's digest, pinned: a change to the model or the PRNG that alters the
/// incident must be deliberate (and the browser test checks wasm32 gives this same value).
#[test]
fn the_incident_trace_is_pinned() {
    let trace = sim::run(&Scenario::incident()).unwrap();
    assert_eq!(format!("{:016x}", trace.digest()), "0bfbf6a46111cde3", "{} steps", trace.steps.len());
}

#[test]
fn the_portable_hash_writes_lengths_as_u64() {
    use std::hash::{Hash, Hasher};
    // A Vec's derived Hash writes its length with write_usize: the portable hasher must
    // turn that into the same bytes as a u64, whatever the platform's pointer width.
    let mut via_vec = sim::PortableHasher::default();
    vec![7u8].hash(&mut via_vec);
    let mut by_hand = sim::PortableHasher::default();
    by_hand.write_u64(1);
    by_hand.write_u8(7);
    assert_eq!(via_vec.finish(), by_hand.finish());
    assert_ne!(sim::portable_hash(&vec![7u8]), sim::portable_hash(&vec![7u8, 0]));
}
