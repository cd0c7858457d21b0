//! The command line: text and JSON traces, and exit code 2 with a message for bad usage.

use std::process::{Command, Output};

fn dns_race(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dns-race")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn trace_incident_prints_one_line_per_event_then_the_verdict() {
    let output = dns_race(&["trace", "incident"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("# scenario incident, seed 49,"), "{}", lines[0]);
    assert!(lines.len() > 100);
    assert!(lines[1].starts_with("23:3"), "clock first: {}", lines[1]);
    assert!(lines.iter().any(|l| l.contains("Enactor B") && l.contains("NOERROR with zero addresses")));
    let verdict = lines.iter().find(|l| l.starts_with("verdict: ")).expect("a verdict line");
    assert!(verdict.contains("emptied at 23:48") && verdict.contains("stuck until repaired"), "{verdict}");
}

#[test]
fn trace_json_has_events_and_a_verdict() {
    let output = dns_race(&["trace", "incident", "--json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    let events = json["events"].as_array().expect("events");
    assert!(events.len() > 100);
    for event in events {
        assert!(
            event["t_ms"].is_u64()
                && event["actor"].is_string()
                && event["kind"].is_string()
                && event["text"].is_string()
        );
    }
    assert_eq!(events[0]["kind"], "PlannerPublishes");
    let verdict = &json["verdict"];
    assert_eq!(verdict["record_survived"], false);
    assert_eq!(verdict["first_violation"]["invariant"], "never-backwards");
    let step = verdict["first_violation"]["step"].as_u64().expect("a step number") as usize;
    assert_eq!(events[step]["kind"], "EnactorWrites");
}

#[test]
fn a_calm_day_survives_with_a_null_first_violation() {
    let output = dns_race(&["trace", "calm", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["verdict"]["record_survived"], true);
    assert!(json["verdict"]["first_violation"].is_null());
}

#[test]
fn trace_random_uses_the_seed() {
    let seven = stdout(&dns_race(&["trace", "random", "--seed", "7"]));
    let eight = stdout(&dns_race(&["trace", "random", "--seed", "8"]));
    assert!(seven.starts_with("# scenario random, seed 7,"));
    assert_eq!(seven, stdout(&dns_race(&["trace", "random", "--seed", "7"])));
    assert_ne!(seven, eight);
    let unseeded = stdout(&dns_race(&["trace", "random"]));
    assert!(unseeded.starts_with("# scenario random, seed "), "the chosen seed is printed: {unseeded}");
}

#[test]
fn bad_usage_exits_2_with_a_message() {
    for (args, says) in [
        (&["trace", "tuesday"][..], "unknown scenario; choose one of: incident, calm, random"),
        (&["trace", "random", "--seed", "-3"], "--seed"),
        (&["trace", "random", "--seed", "lots"], "invalid value 'lots'"),
        (&["trace", "incident", "--colour"], "--colour"),
        (&["replay"], "unrecognized subcommand"),
    ] {
        let output = dns_race(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_lists_the_scenarios() {
    let help = stdout(&dns_race(&["trace", "--help"]));
    for name in ["incident", "calm", "random"] {
        assert!(help.contains(name), "{help}");
    }
}

#[test]
fn mitigations_change_the_verdict_and_are_listed_in_help() {
    let output = dns_race(&["trace", "incident", "--mitigations", "conditional-write"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.lines().next().is_some_and(|l| l.contains("mitigations: conditional-write")), "{text:.200}");
    assert!(text.lines().any(|l| l.starts_with("verdict: survived")), "conditional-write saves the record");

    let help = stdout(&dns_race(&["trace", "--help"]));
    for m in dns_race::scenario::Mitigation::ALL {
        let name = m.name();
        let line = help.lines().find(|l| l.trim_start().starts_with(name)).unwrap_or_default();
        assert!(line.len() > name.len() + 10, "--help explains {name}: {line:?}");
    }

    let unknown = dns_race(&["trace", "incident", "--mitigations", "conditional-write,fencing"]);
    assert_eq!(unknown.status.code(), Some(2));
    let err = String::from_utf8_lossy(&unknown.stderr);
    assert!(err.contains("unknown mitigation 'fencing'") && err.contains("safe-cleanup"), "{err}");
}

#[test]
fn explore_json_has_the_states_the_verdict_and_a_counterexample_shaped_like_a_trace() {
    let output =
        dns_race(&["explore", "--enactors", "3", "--endpoints", "2", "--generations", "4", "--json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["states"].as_u64(), Some(109_796));
    assert_eq!(json["safe"].as_bool(), Some(false));
    assert!(json["seconds"].is_f64());
    let events = json["counterexample"].as_array().expect("a counterexample");
    let trace = dns_race(&["trace", "incident", "--json"]);
    let trace: serde_json::Value = serde_json::from_slice(&trace.stdout).expect("valid JSON");
    let keys = |v: &serde_json::Value| {
        let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(keys(&events[0]), keys(&trace["events"][0]), "events shaped as in trace --json");
    assert!(events.last().expect("events")["text"].as_str().expect("text").contains("zero addresses"));
    assert!(json["counterexample_digest"].as_str().is_some_and(|d| d.len() == 16));
}

#[test]
fn explore_prints_the_counterexample_of_the_invariant_asked_for_with_its_digest() {
    let text = stdout(&dns_race(&["explore", "--invariant", "never-backwards"]));
    let head = text.lines().find(|l| l.starts_with("counterexample for ")).expect("a counterexample");
    assert!(
        head.starts_with("counterexample for never-backwards (") && head.contains("8 events, digest "),
        "{head}"
    );
    assert!(text.contains("writes its old plan 101"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&dns_race(&["explore", "--invariant", "never-stuck", "--json"]).stdout)
            .expect("JSON");
    assert_eq!(json["counterexample"], json["counterexamples"]["never-stuck"]);
    // --wide-margin follows --margin unless given.
    let wider = stdout(&dns_race(&["explore", "--margin", "3", "--enactors", "2"]));
    assert!(
        wider.starts_with("# bound: 2 Enactors, 2 endpoints, 4 plans, clean-up margin 3 (4 with"),
        "{wider}"
    );
}

#[test]
fn explore_with_both_fixes_is_safe_and_has_no_counterexample() {
    let output = dns_race(&["explore", "--mitigations", "conditional-write,safe-cleanup", "--json"]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["safe"].as_bool(), Some(true));
    assert!(json["counterexample"].is_null());
    let text = stdout(&dns_race(&["explore", "--mitigations", "plan-expiry"]));
    assert!(text.contains("plan-expiry acts through the clock"), "{text}");
}

#[test]
fn sample_prints_the_failure_shares_and_is_deterministic() {
    let args = ["sample", "--runs", "40", "--seed", "1", "--json"];
    let a: serde_json::Value = serde_json::from_slice(&dns_race(&args).stdout).expect("valid JSON");
    let b: serde_json::Value = serde_json::from_slice(&dns_race(&args).stdout).expect("valid JSON");
    assert_eq!(a["sets"], b["sets"]);
    let share = a["sets"][0]["share"]["never-empty"].as_f64().expect("a share");
    assert!(share > 0.0 && share < 1.0, "{share}");
    let text = stdout(&dns_race(&["sample", "--runs", "20", "--mitigations", "conditional-write"]));
    assert!(text.contains("conditional-write") && text.contains("never empty"), "{text}");
}

#[test]
fn sample_prints_the_same_table_on_one_thread_and_on_three() {
    let on = |threads: &str| -> serde_json::Value {
        let output = dns_race(&["sample", "--table", "--runs", "40", "--json", "--threads", threads]);
        assert!(output.status.success(), "--threads {threads}");
        let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
        // Only the time taken may differ.
        let seconds = json.as_object_mut().and_then(|doc| doc.remove("seconds"));
        assert!(seconds.is_some_and(|s| s.is_number()), "--threads {threads} says how long it took");
        json
    };
    let one = on("1");
    assert_eq!(one["sets"].as_array().map(Vec::len), Some(13), "the page's thirteen designs");
    assert_eq!(one, on("3"));
}

#[test]
fn explore_and_sample_refuse_bad_settings_with_exit_code_2() {
    for args in [
        &["explore", "--enactors", "5"][..],
        &["explore", "--generations", "0"],
        &["explore", "--mitigations", "magic"],
        &["explore", "--invariant", "never-late"],
        &["explore", "--wide-margin", "0"],
        &["sample", "--runs", "0"],
        &["sample", "--scenario", "calm"],
        &["sample", "--table", "--mitigations", "self-repair"],
        &["sample", "--threads", "0"],
    ] {
        let output = dns_race(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?} says why");
    }
}

#[test]
fn trace_cascade_prints_the_outcome_figures_and_the_phases() {
    let output =
        dns_race(&["trace", "cascade", "--retry-policy", "circuit-breaker", "--compare", "immediate"]);
    assert!(output.status.success());
    let text = stdout(&output);
    for expected in [
        "time to full recovery",
        "peak load over capacity",
        "requests failed",
        "writes lost",
        "circuit-breaker",
        "immediate",
        "DWFM congestive collapse [02:25–05:28]",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn trace_cascade_json_has_the_figures_and_the_charts_data() {
    let output = dns_race(&["trace", "cascade", "--retry-policy", "none", "--json"]);
    assert!(output.status.success());
    let doc: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(doc["settings"]["retry_policy"], "none");
    assert!(doc["figures"]["writes_lost"].as_u64().is_some_and(|n| n > 0));
    let samples = doc["samples"].as_array().expect("samples");
    assert_eq!(samples.len(), 895, "one per minute from 23:35 to 14:30");
    assert!(samples[0]["offered_per_s"].is_number() && samples[0]["dwfm_queue"].is_number());
    assert_eq!(doc["trace_digest"], "0bfbf6a46111cde3");
}

#[test]
fn trace_cascade_refuses_unknown_names_and_cascade_flags_elsewhere() {
    for args in [
        &["trace", "cascade", "--retry-policy", "exponential"][..],
        &["trace", "cascade", "--responses", "reboot"],
        &["trace", "incident", "--retry-policy", "none"],
    ] {
        let output = dns_race(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&output.stderr).is_empty());
    }
    let help = stdout(&dns_race(&["trace", "--help"]));
    for name in
        ["none", "immediate", "backoff", "full-jitter", "retry-budget", "circuit-breaker", "velocity-control"]
    {
        assert!(help.contains(name), "--help lists {name}");
    }
}

#[test]
fn explore_stops_at_its_budget_and_says_so_instead_of_running_out_of_memory() {
    // A bound of hundreds of millions of states (it once grew to 3.76 GB and aborted):
    // stopped by the memory budget, with what it found and an honest verdict.
    let out = dns_race(&[
        "explore",
        "--enactors",
        "3",
        "--endpoints",
        "3",
        "--generations",
        "8",
        "--margin",
        "0",
        "--wide-margin",
        "16",
        "--memory-max-mb",
        "64",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("the memory budget (--memory-max-mb 64)"), "{text}");
    assert!(text.contains("never-empty: fails"), "{text}");
    // A safe design stopped early is not called safe.
    let out =
        dns_race(&["explore", "--mitigations", "conditional-write,safe-cleanup", "--states-max", "1000"]);
    let text = stdout(&out);
    assert!(text.contains("the budget (--states-max 1000)"), "{text}");
    assert!(text.contains("verdict: unknown"), "{text}");
    assert!(!text.contains("verdict: safe"), "{text}");
    // Out of range: refused with the flag named.
    let out = dns_race(&["explore", "--memory-max-mb", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--memory-max-mb"));
}

#[test]
fn explore_counts_the_counterexamples_events_the_same_way_twice() {
    // It used to say "shortest counterexample: 12 events" and then list 13 (the client's
    // lookup that shows the empty answer was counted in the listing only).
    let text = stdout(&dns_race(&["explore"]));
    let shortest = text
        .lines()
        .find(|l| l.starts_with("never-empty: fails; shortest counterexample: "))
        .expect("never-empty fails");
    let n: usize = shortest
        .rsplit(": ")
        .next()
        .and_then(|t| t.trim_end_matches(" events").parse().ok())
        .expect("a count");
    let header =
        text.lines().find(|l| l.starts_with("counterexample for never-empty")).expect("a counterexample");
    assert!(header.contains(&format!(": {n} events, then a client's lookup")), "{header}");
    let listed = text.lines().skip_while(|l| !l.starts_with("counterexample for")).skip(1).count();
    assert_eq!(listed, n + 1, "{n} events and the lookup");
}

#[test]
fn trace_cascade_says_never_fell_short_when_the_nlb_never_dropped() {
    let text = stdout(&dns_race(&[
        "trace",
        "cascade",
        "--responses",
        "throttle-dwfm,restart-dwfm,velocity-control",
    ]));
    let row = text.lines().find(|l| l.starts_with("NLB capacity covers demand")).expect("the row");
    assert!(row.contains("never fell short"), "{row}");
    assert!(!text.contains("23:35:00"), "no time before the record emptied");
}

#[test]
fn trace_cascade_without_disabling_failover_gives_other_figures() {
    // The operators' 09:36 action ended the NLB phase: switching it off must show.
    let with = stdout(&dns_race(&["trace", "cascade"]));
    let without = stdout(&dns_race(&["trace", "cascade", "--responses", "throttle-dwfm,restart-dwfm"]));
    let row = |text: &str, label: &str| text.lines().find(|l| l.starts_with(label)).map(str::to_string);
    assert_ne!(row(&with, "NLB capacity covers demand"), row(&without, "NLB capacity covers demand"));
    assert_ne!(row(&with, "NLB short of demand for"), row(&without, "NLB short of demand for"));
}

#[test]
fn trace_cascade_takes_dwfms_retry() {
    let text = stdout(&dns_race(&["trace", "cascade", "--responses", "none", "--dwfm-retry", "deadline"]));
    let row = text.lines().find(|l| l.starts_with("all leases back")).expect("the row");
    assert!(row.contains("03:"), "dropping dead work recovers without operators: {row}");
    let bad = dns_race(&["trace", "cascade", "--dwfm-retry", "sometimes"]);
    assert_eq!(bad.status.code(), Some(2));
    let wrong_place = dns_race(&["trace", "incident", "--dwfm-retry", "deadline"]);
    assert_eq!(wrong_place.status.code(), Some(2));
}

#[test]
fn trace_self_repair_says_the_write_brings_the_record_back_as_the_page_does() {
    let text = stdout(&dns_race(&["trace", "incident", "--mitigations", "self-repair"]));
    assert!(
        text.lines()
            .any(|l| l.contains("with self-repair the Enactor wrote anyway, and the endpoint answers again")),
        "the page's note"
    );
}

#[test]
fn trace_prints_what_the_run_shows() {
    let text = stdout(&dns_race(&["trace", "incident", "--mitigations", "fencing-token"]));
    assert!(
        text.lines().any(|l| l.starts_with("shows: ") && l.contains("clean-up got there first")),
        "{text}"
    );
}
