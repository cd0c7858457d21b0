//! The page's compute worker, natively: what a worker answers (through the same JSON the page
//! reads) equals what the page would compute on its own thread.

use dns_race::cascade::{self, CascadeInput, CascadeSettings, RetryPolicy};
use dns_race::compute::{
    warm_bound, Compute, Reply, Request, SamplePlan, Stopped, MESSAGE_BYTES_MAX, PROTOCOL,
};
use dns_race::explore::{explore, Bound, Sampler};
use dns_race::scenario::{Mitigation, Scenario};
use dns_race::sim;

/// Posts `request` to a fresh handler as a worker would get it, and reads the reply as the
/// page would.
fn ask(compute: &mut Compute, request: &Request, past_deadline: &mut dyn FnMut() -> bool) -> Reply {
    let request = Request::decode(&request.encode()).expect("a request reads back");
    let reply = compute.handle(request, past_deadline);
    Reply::decode(&reply.encode()).expect("a reply reads back")
}

/// The worker's next slice of the search `job` (it goes on by itself after each
/// `Searching`), read as the page would; `None` once that search is no longer running.
fn more(compute: &mut Compute, job: u32, past_deadline: &mut dyn FnMut() -> bool) -> Option<Reply> {
    compute
        .search_more(job, past_deadline)
        .map(|reply| Reply::decode(&reply.encode()).expect("a reply reads back"))
}

#[test]
fn a_cascade_from_the_worker_equals_the_pages_own_run() {
    let trace = sim::run(&Scenario::incident()).expect("valid");
    let settings = CascadeSettings::default().with_policy(RetryPolicy::FullJitter);
    let own = cascade::run(&trace, &settings).expect("valid");
    let request = Request::Cascade { job: 7, input: CascadeInput::of(&trace), settings: Box::new(settings) };
    let Reply::Cascade { job, result, .. } = ask(&mut Compute::default(), &request, &mut || false) else {
        panic!("a cascade reply")
    };
    assert_eq!(job, 7, "the job's number comes back");
    let theirs = result.expect("it ran");
    assert_eq!(theirs.phases, own.phases, "phases read back with their texts");
    assert_eq!(theirs.figures, own.figures);
    assert_eq!(theirs.samples, own.samples);
    assert_eq!(theirs, own);
}

#[test]
fn a_bad_cascade_setting_is_refused_with_its_name() {
    let trace = sim::run(&Scenario::incident()).expect("valid");
    let settings = CascadeSettings { clients: 0, ..CascadeSettings::default() };
    let request = Request::Cascade { job: 1, input: CascadeInput::of(&trace), settings: Box::new(settings) };
    let Reply::Cascade { result: Err(problem), .. } = ask(&mut Compute::default(), &request, &mut || false)
    else {
        panic!("an error")
    };
    assert!(problem.contains("clients"), "{problem}");
}

#[test]
fn ranges_handed_out_in_any_order_make_one_samplers_table() {
    let sets = vec![Vec::new(), vec![Mitigation::StuckAlarm], vec![Mitigation::SelfRepair]];
    let mut whole = Sampler::new("incident", sets.clone(), 200, 5).expect("valid");
    while !whole.step(50) {}
    let mut plan = SamplePlan::new("incident", sets, 200, 5).expect("valid");
    let mut compute = Compute::default();
    // Two "workers": each takes a range; the first fails once and hands its range back.
    let mut in_flight = Vec::new();
    let mut failed_once = false;
    while let Some(range) = plan.take() {
        in_flight.push(range);
        if in_flight.len() < 2 {
            continue;
        }
        let late = in_flight.remove(0);
        if !failed_once {
            failed_once = true;
            plan.give_back(late);
            continue;
        }
        let Reply::Sampled { tallies, runs, .. } =
            ask(&mut compute, &plan.request(3, late.clone()), &mut || false)
        else {
            panic!("tallies")
        };
        assert_eq!(runs, late);
        plan.add(&tallies);
    }
    // The last one, played on the page's own thread instead.
    for range in in_flight {
        let mut here = plan.sampler(range);
        while !here.step(3) {}
        plan.add(&here.into_tallies());
    }
    assert!(plan.done(), "{} of {}", plan.runs_done(), plan.runs_total());
    assert_eq!(plan.tallies(), whole.tallies(), "the same table, run for run");
}

#[test]
fn a_search_in_slices_finds_what_one_search_finds_and_stops_when_asked() {
    let whole = explore(Bound::default(), &[]).expect("valid");
    let mut compute = Compute::default();
    // A deadline that passes every third check: many slices.
    let mut checks = 0;
    let mut past = move || {
        checks += 1;
        checks % 3 == 0
    };
    let start =
        Request::Search { job: 2, bound: Bound::default(), mitigations: vec![], states_max: u64::MAX };
    let mut reply = ask(&mut compute, &start, &mut past);
    let mut slices = 1;
    while let Reply::Searching { job, states } = reply {
        assert_eq!(job, 2);
        assert!(states > 0);
        reply = more(&mut compute, job, &mut past).expect("the search goes on");
        slices += 1;
    }
    let Reply::Searched { exploration, stopped, .. } = reply else { panic!("a result") };
    assert!(slices > 10, "the search came back between slices ({slices})");
    assert_eq!(stopped, None);
    assert_eq!(exploration, whole, "the same states and counterexamples");

    // Cancelled after one slice: what it found so far, said to be cancelled.
    let mut once = || true;
    let start =
        Request::Search { job: 3, bound: Bound::default(), mitigations: vec![], states_max: u64::MAX };
    assert!(matches!(ask(&mut compute, &start, &mut once), Reply::Searching { .. }));
    let Reply::Searched { exploration, stopped, .. } =
        ask(&mut compute, &Request::SearchStop { job: 3 }, &mut once)
    else {
        panic!("a partial result")
    };
    assert_eq!(stopped, Some(Stopped::Cancelled));
    assert!(!exploration.complete && exploration.states < whole.states);
    assert!(more(&mut compute, 3, &mut once).is_none(), "a stopped search is gone: no more slices");

    // The page's limit of states.
    let start = Request::Search { job: 4, bound: Bound::default(), mitigations: vec![], states_max: 1_000 };
    let Reply::Searched { exploration, stopped, .. } = ask(&mut compute, &start, &mut || false) else {
        panic!("stopped at the limit")
    };
    assert_eq!(stopped, Some(Stopped::Limit));
    assert!(exploration.states >= 1_000 && !exploration.complete);
}

#[test]
fn warming_runs_a_smaller_search_and_leaves_a_running_search_as_it_was() {
    let mut compute = Compute::default();
    let start =
        Request::Search { job: 5, bound: Bound::default(), mitigations: vec![], states_max: u64::MAX };
    let Reply::Searching { states: before, .. } = ask(&mut compute, &start, &mut || true) else {
        panic!("a search under way")
    };
    let Reply::Warmed { states } = ask(&mut compute, &Request::Warm, &mut || true) else { panic!("warmed") };
    let default_states = explore(Bound::default(), &[]).expect("valid").states;
    assert_eq!(states, explore(warm_bound(), &[]).expect("valid").states);
    assert!(states > 5_000 && states * 5 < default_states, "{states} states against {default_states}");
    // The search that was running goes on where it was, to the same end.
    let mut reply = more(&mut compute, 5, &mut || false).expect("still running");
    while let Reply::Searching { job, states } = reply {
        assert!(states >= before);
        reply = more(&mut compute, job, &mut || false).expect("still running");
    }
    let Reply::Searched { exploration, .. } = reply else { panic!("a result") };
    assert_eq!(exploration.states, default_states);
}

#[test]
fn unreadable_and_oversized_messages_are_refused_not_parsed() {
    assert!(Request::decode(&[200, 1, 2]).is_err(), "no such request");
    assert!(Reply::decode(b"not a reply").is_err());
    let mut cut = Reply::Ready { protocol: PROTOCOL.into() }.encode();
    cut.pop();
    assert!(Reply::decode(&cut).is_err(), "a message cut short");
    let long = vec![0; MESSAGE_BYTES_MAX + 1];
    let problem = Request::decode(&long).expect_err("too long");
    assert!(problem.contains("over the limit"), "{problem}");
    assert!(PROTOCOL.contains(env!("CARGO_PKG_VERSION")), "the protocol names the build");
    let bad = Request::Search {
        job: 9,
        bound: Bound { enactors: 0, ..Bound::default() },
        mitigations: vec![],
        states_max: 10,
    };
    let Reply::Refused { job, problem } = ask(&mut Compute::default(), &bad, &mut || false) else {
        panic!("refused")
    };
    assert_eq!(job, 9);
    assert!(problem.contains("enactors"), "{problem}");
}
