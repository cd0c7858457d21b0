//! The link format `v=1` and the saved-file format `dns-race-run` version 1, pinned: a
//! table of links and files as the page wrote and read them before the page's state and
//! its codec were restructured (issue 16), and what each decodes to, written back in the
//! canonical form (`encode`) with what was ignored or the error. Links already shared and
//! files already saved must keep opening the same moment, so these tables only grow.
#![cfg(feature = "web")] // The link and the saved file are the page's: `cargo test --no-default-features` skips it.

use dns_race::ui::codec::{self, PICKS_MAX};
use dns_race::ui::export;
use dns_race::ui::link::{decode, encode};
use serde_json::Value;
use std::sync::OnceLock;

/// Each link, what it reads as (canonical), and what it ignored.
const LINKS: &[(&str, &str, &[&str])] = &[
    ("", "", &[]),
    ("#", "", &[]),
    ("#v=1", "", &[]),
    ("v=1&step=254", "v=1&step=254", &[]),
    ("#v=1&m=safe-cleanup,conditional-write&step=254", "v=1&m=conditional-write,safe-cleanup&step=254", &[]),
    ("#m=conditional-write%2Cconditional-write", "v=1&m=conditional-write", &[]),
    ("#m=magic,safe-cleanup,", "v=1&m=safe-cleanup", &["m=magic: no such mitigation"]),
    ("#v=2&step=3", "", &["the whole link: version 2 is not one this page reads (it reads 1)"]),
    ("#s=calm&seed=7", "v=1&s=calm&seed=7", &[]),
    ("#s=incident", "", &[]),
    ("#s=tuesday", "", &["s=tuesday: no such scenario"]),
    ("#seed=-1", "", &["seed=-1: not a whole number"]),
    ("#seed=18446744073709551615", "v=1&seed=18446744073709551615", &[]),
    ("#bound=3.2.4.1.2", "v=1&bound=3.2.4.1.2", &[]),
    ("#bound=2.1.3.1", "v=1&bound=2.1.3.1.2", &[]),
    (
        "#bound=2.1.3.1&s=calm",
        "v=1&bound=2.1.3.1.2",
        &["s=calm: a link runs a preset or a bound, not both; the bound counts"],
    ),
    (
        "#s=calm&bound=2.1.3.1",
        "v=1&s=calm",
        &["bound=2.1.3.1: a link runs a preset or a bound, not both; the preset counts"],
    ),
    (
        "#bound=1.2",
        "",
        &["bound=1.2: not five whole numbers (enactors.endpoints.generations.margin.wide-margin)"],
    ),
    ("#bound=9.1.2.1.2", "", &["bound=9.1.2.1.2: enactors: 9 is outside 1..=3"]),
    ("#backoff_ms_max=9000&enactor_count=2", "v=1&enactor_count=2&backoff_ms_max=9000", &[]),
    ("#slow_enactor.lock_losses=3", "v=1&slow_enactor.lock_losses=3", &[]),
    ("#backoff_ms_max=x", "", &["backoff_ms_max=x: not a whole number"]),
    ("#zoom=3", "", &["zoom=3: not a setting this page knows"]),
    ("#step=4&step=5", "v=1&step=4", &["step=5: set twice; the first one counts"]),
    ("#step=-4", "", &["step=-4: not a whole number of events"]),
    ("#fork=12&pick=PABR", "v=1&fork=12&pick=PABR", &[]),
    ("#pick=PAB", "v=1&pick=PAB", &[]),
    ("#fork=5", "v=1&fork=5&pick=", &[]),
    ("#pick=PAZ", "", &["pick=PAZ: not a list of actors (P, A, B, C, R, O)"]),
    ("#fork=x&pick=A", "v=1&pick=A", &["fork=x: not a whole number of events"]),
    ("#chapter=race", "v=1&chapter=race", &[]),
    ("#chapter=nowhere", "", &["chapter=nowhere: no such chapter"]),
    ("#present=1&drive=true&speed=3&theme=dark", "v=1&present=1&drive=1&speed=3&theme=dark", &[]),
    ("#present=0&drive=false&theme=light", "v=1&theme=light", &[]),
    ("#present=yes", "", &["present=yes: not 1 or 0"]),
    ("#speed=8", "", &["speed=8: not a whole number from -1 to 7"]),
    ("#speed=-1", "v=1&speed=-1", &[]),
    ("#theme=blue", "", &["theme=blue: not light or dark"]),
    ("#embed=1", "v=1&embed=1", &[]),
    ("#embed=0", "", &[]),
    ("#embed=1&autoplay=1&controls=0&from=10&to=20", "v=1&embed=1&autoplay=1&controls=0&from=10&to=20", &[]),
    ("#embed=1&from=30&to=20", "v=1&embed=1", &["from=30&to=20: the range ends before it starts"]),
    ("#autoplay=1&from=3", "", &["autoplay, from: embed options, for a link with embed=1"]),
    ("#policy=backoff&vs=circuit-breaker", "v=1&policy=backoff&vs=circuit-breaker", &[]),
    ("#policy=sometimes", "", &["policy=sometimes: no such retry policy"]),
    ("#respond=none", "v=1&respond=none", &[]),
    ("#respond=magic", "", &["respond=magic: no such response"]),
    ("#at=0530", "v=1&at=0530", &[]),
    ("#at=2360", "", &["at=2360: not a PDT clock time written HHMM (0000 to 2359)"]),
    ("#at=530", "", &["at=530: not a PDT clock time written HHMM (0000 to 2359)"]),
];

#[test]
fn every_link_of_format_1_reads_as_it_did() {
    let mut wrong = Vec::new();
    for &(hash, canonical, ignored) in LINKS {
        let decoded = decode(hash);
        let got = (encode(&decoded.link), decoded.ignored.clone());
        let want = (canonical.to_string(), ignored.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        if got != want {
            wrong.push(format!("{hash:?}: got {got:?}, want {want:?}"));
        }
        // What the page writes, it reads back unchanged.
        let again = decode(&encode(&decoded.link));
        assert_eq!(again.link, decoded.link, "{hash:?} round-trips");
        assert!(again.ignored.is_empty(), "{hash:?} writes nothing it ignores");
    }
    assert!(wrong.is_empty(), "links that read differently:\n{}", wrong.join("\n"));
}

#[test]
fn a_link_too_long_is_not_read() {
    let long = format!("#step=1&{}", "x".repeat(4_000));
    let decoded = decode(&long);
    assert_eq!(encode(&decoded.link), "");
    assert_eq!(decoded.ignored, vec!["the whole link: longer than 4000 characters".to_string()]);
}

/// A saved incident at step 254, as version 1 writes it: the settings are what import reads.
fn incident_file() -> &'static Value {
    static FILE: OnceLock<Value> = OnceLock::new();
    FILE.get_or_init(|| {
        let decoded = decode("#step=254");
        let replay =
            dns_race::ui::replay::Replay::run(&decoded.link.run.scenario().0).expect("the incident runs");
        serde_json::from_str(&export::export(&decoded.link, &replay)).expect("JSON")
    })
}

/// The incident file with its `settings` replaced by `settings` (JSON text).
fn with_settings(settings: &str) -> String {
    let mut doc = incident_file().clone();
    doc["settings"] = serde_json::from_str(settings).expect("the table's settings are JSON");
    serde_json::to_string(&doc).expect("serialises")
}

/// Each file's settings (the rest is the saved incident at step 254), and what import
/// gives: the link it reopens (canonical) or the error, `path: problem`.
const FILES: &[(&str, &str)] = &[
    (r#"{"preset": "incident", "seed": null, "knobs": {}, "mitigations": [], "schedule": null, "step": 254,
        "cascade": {"policy": "backoff", "vs": null, "respond": ["throttle-dwfm", "restart-dwfm", "disable-failover"], "at": null}}"#,
     "ok v=1&step=254"),
    // Files saved before the cascade section: no `cascade` at all.
    (r#"{"preset": "incident", "seed": null, "knobs": {}, "mitigations": [], "schedule": null, "step": 254}"#,
     "ok v=1&step=254"),
    (r#"{"preset": "incident", "step": 254}"#, "ok v=1&step=254"),
    (r#"{"preset": "incident", "step": 254, "cascade": {}}"#, "ok v=1&step=254"),
    (r#"{"preset": "incident", "step": 254, "cascade": {"policy": "full-jitter", "vs": "none", "respond": [], "at": "0530"}}"#,
     "ok v=1&step=254&policy=full-jitter&vs=none&respond=none&at=0530"),
    (r#"{"preset": "incident", "step": 254, "cascade": {"policy": null, "vs": null, "respond": null, "at": null}}"#,
     "ok v=1&step=254"),
    (r#"{"preset": "incident", "step": 0}"#, "ok "),
    (r#"{"preset": "incident", "seed": 2, "step": 254}"#, "digest: the file says"),
    (r#"{"preset": "incident", "step": 99999}"#, "settings.step: 99999 is past the end: the run has"),
    (r#"{"preset": "tuesday", "step": 254}"#, "settings.preset: no such scenario \"tuesday\" (incident, calm, random, zone-failure)"),
    (r#"{"step": 254}"#, "settings.preset: missing: a saved run names a preset or a bound"),
    (r#"{"preset": "incident", "bound": {}, "step": 254}"#, "settings.bound: a saved run has a preset or a bound, not both"),
    (r#"{"preset": "incident", "seed": -1}"#, "settings.seed: -1 is not a whole number of 0 or more"),
    (r#"{"preset": "incident", "seed": 1.5}"#, "settings.seed: 1.5 is not a whole number of 0 or more"),
    (r#"{"preset": "incident", "seed": "7"}"#, "settings.seed: \"7\" is not a whole number"),
    (r#"{"preset": "incident", "knobs": {"zoom": 3}}"#, "settings.knobs.zoom: no such knob"),
    (r#"{"preset": "incident", "knobs": []}"#, "settings.knobs: [] is not an object of knobs by name"),
    (r#"{"preset": "incident", "knobs": {"enactor_count": 0}}"#, "settings.knobs.enactor_count:"),
    (r#"{"preset": "incident", "mitigations": ["safe-cleanup", "magic"]}"#, "settings.mitigations[1]: no such mitigation \"magic\""),
    (r#"{"preset": "incident", "mitigations": ["safe-cleanup", "safe-cleanup"]}"#, "settings.mitigations[1]: \"safe-cleanup\" is listed twice"),
    (r#"{"preset": "incident", "mitigations": "safe-cleanup"}"#, "settings.mitigations: \"safe-cleanup\" is not a list of names"),
    (r#"{"preset": "incident", "mitigations": [3]}"#, "settings.mitigations[0]: 3 is not a name"),
    (r#"{"preset": "incident", "schedule": {"picks": "PAZ"}}"#, "settings.schedule.picks[2]: 'Z' is not an actor (P, A, B, C, R, O)"),
    (r#"{"preset": "incident", "schedule": {"fork": -1}}"#, "settings.schedule.fork: -1 is not a whole number of 0 or more"),
    (r#"{"preset": "incident", "schedule": {"fork": 4294967296}}"#, "settings.schedule.fork: 4294967296 is too large (at most 4294967295)"),
    (r#"{"preset": "incident", "schedule": {"picks": 3}}"#, "settings.schedule.picks: 3 is not a string of actors"),
    (r#"{"preset": "incident", "schedule": {"when": 3}}"#, "settings.schedule.when: not part of a saved run (version 1 has fork, picks)"),
    (r#"{"preset": "incident", "schedule": 3}"#, "settings.schedule: 3 is not a schedule ({\"fork\": 0, \"picks\": \"PAB\"}) or null"),
    (r#"{"preset": "incident", "step": -2}"#, "settings.step: -2 is not a whole number of 0 or more"),
    (r#"{"preset": "incident", "step": 4294967296}"#, "settings.step: 4294967296 is too large (at most 4294967295)"),
    (r#"{"preset": "incident", "colour": 3}"#, "settings.colour: not part of a saved run (version 1 has preset, bound, seed, knobs, mitigations, schedule, step, cascade)"),
    (r#"{"bound": {"enactors": 9}}"#, "settings.bound.endpoints: missing"),
    (r#"{"bound": {"enactors": 256, "endpoints": 1, "generations": 2, "cleanup_margin_generations": 1, "wide_cleanup_margin_generations": 2}}"#,
     "settings.bound.enactors: 256 is too large (at most 255)"),
    (r#"{"bound": {"enactors": 9, "endpoints": 1, "generations": 2, "cleanup_margin_generations": 1, "wide_cleanup_margin_generations": 2}}"#,
     "settings.bound.enactors:"),
    (r#"{"bound": {"enactors": 2, "endpoints": 1, "generations": 3, "cleanup_margin_generations": 1, "wide_cleanup_margin_generations": 2, "x": 1}}"#,
     "settings.bound.x: not part of a saved run (version 1 has enactors, endpoints, generations, cleanup_margin_generations, wide_cleanup_margin_generations)"),
    (r#"{"bound": 3}"#, "settings.bound: 3 is not an object (enactors, endpoints, generations, ...)"),
    (r#"{"preset": "incident", "cascade": {"policy": "sometimes"}}"#,
     "settings.cascade.policy: no such retry policy \"sometimes\" ("),
    (r#"{"preset": "incident", "cascade": {"vs": 3}}"#, "settings.cascade.vs: 3 is not a name"),
    (r#"{"preset": "incident", "cascade": {"respond": ["magic"]}}"#, "settings.cascade.respond[0]: no such response \"magic\""),
    (r#"{"preset": "incident", "cascade": {"respond": ["restart-dwfm", "restart-dwfm"]}}"#,
     "settings.cascade.respond[1]: \"restart-dwfm\" is listed twice"),
    (r#"{"preset": "incident", "cascade": {"respond": "none"}}"#, "settings.cascade.respond: \"none\" is not a list of names"),
    (r#"{"preset": "incident", "cascade": {"at": "2360"}}"#, "settings.cascade.at: \"2360\" is not a PDT clock time written \"HHMM\""),
    (r#"{"preset": "incident", "cascade": {"at": 530}}"#, "settings.cascade.at: 530 is not a PDT clock time written \"HHMM\""),
    (r#"{"preset": "incident", "cascade": {"zoom": 1}}"#, "settings.cascade.zoom: not part of a saved run (version 1 has policy, vs, respond, dwfm, at)"),
    (r#"{"preset": "incident", "cascade": 1}"#, "settings.cascade: 1 is not an object (policy, vs, respond, dwfm, at)"),
    (r#"3"#, "settings: 3 is not an object of settings"),
];

fn imported(text: &str) -> String {
    match export::import(text) {
        Ok(link) => format!("ok {}", encode(&link)),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_file_of_version_1_reads_as_it_did() {
    let mut wrong = Vec::new();
    for &(settings, want) in FILES {
        let got = imported(&with_settings(settings));
        // Errors that quote a figure of the run or a list from the model are pinned by
        // their start.
        if !(got == want || (!want.starts_with("ok ") && got.starts_with(want))) {
            wrong.push(format!("{settings}\n  got  {got}\n  want {want}"));
        }
    }
    assert!(wrong.is_empty(), "files that read differently:\n{}", wrong.join("\n"));
}

#[test]
fn the_whole_file_is_checked_before_its_settings() {
    let mut doc = incident_file().clone();
    doc["format"] = "other".into();
    assert_eq!(
        imported(&serde_json::to_string(&doc).expect("serialises")),
        "format: \"other\" is not a saved dns-race run (\"dns-race-run\")"
    );
    let mut doc = incident_file().clone();
    doc["version"] = 2.into();
    assert_eq!(
        imported(&serde_json::to_string(&doc).expect("serialises")),
        "version: 2 is not a version this page reads (it reads 1)"
    );
    let mut doc = incident_file().clone();
    doc["extra"] = 2.into();
    assert!(imported(&serde_json::to_string(&doc).expect("serialises"))
        .starts_with("extra: not part of a saved run"));
    let text = serde_json::to_string(incident_file()).expect("serialises");
    assert_eq!(imported(&format!("\u{feff}{text}")), "ok v=1&step=254");
    assert_eq!(imported("[]"), "the file holds a list, not a saved run (a JSON object)");
}

/// What version 1 writes for a link that sets a little of everything a file keeps.
#[test]
fn a_file_writes_its_settings_as_it_did() {
    for (hash, settings, reopens) in [
        (
            "#v=1&s=calm&seed=7&backoff_ms_max=9000&m=safe-cleanup&step=3&policy=full-jitter&vs=none&respond=none&at=0530&present=1&speed=3",
            r#"{"preset":"calm","seed":7,"knobs":{"backoff_ms_max":9000},"mitigations":["safe-cleanup"],"schedule":null,"step":3,"cascade":{"policy":"full-jitter","vs":"none","respond":[],"at":"0530"}}"#,
            "v=1&s=calm&seed=7&backoff_ms_max=9000&m=safe-cleanup&step=3&policy=full-jitter&vs=none&respond=none&at=0530",
        ),
        (
            "#v=1&bound=2.1.3.1.2&pick=PAB&step=2",
            r#"{"bound":{"enactors":2,"endpoints":1,"generations":3,"cleanup_margin_generations":1,"wide_cleanup_margin_generations":2},"seed":null,"knobs":{},"mitigations":[],"schedule":{"fork":0,"picks":"PAB"},"step":2,"cascade":{"policy":"backoff","vs":null,"respond":["throttle-dwfm","restart-dwfm","disable-failover"],"at":null}}"#,
            "v=1&bound=2.1.3.1.2&pick=PAB&step=2",
        ),
    ] {
        let link = decode(hash).link;
        let (replay, _) = link.run.replay().expect("runs");
        let doc: Value = serde_json::from_str(&export::export(&link, &replay)).expect("JSON");
        let want: Value = serde_json::from_str(settings).expect("the table's settings are JSON");
        assert_eq!(doc["settings"], want, "{hash}");
        let text = serde_json::to_string(&doc).expect("serialises");
        assert_eq!(export::import(&text).map(|l| encode(&l)), Ok(reopens.to_string()), "{hash}");
    }
}

/// A setting's limit lives with its reader in `ui::codec`: a value one past it is refused by
/// a link and by a file alike, and the limit itself is read by both.
#[test]
fn a_link_and_a_file_share_each_limit() {
    let file = |settings: &str| imported(&with_settings(settings));
    // The step: a u32 of events.
    assert_eq!(decode("#step=4294967295").link.cursor.step, Some(u32::MAX));
    assert_eq!(
        decode("#step=4294967296").ignored,
        vec!["step=4294967296: not a whole number of events".to_string()]
    );
    assert!(file(r#"{"preset": "incident", "step": 4294967296}"#)
        .starts_with("settings.step: 4294967296 is too large"));
    // A schedule's fork.
    assert_eq!(
        decode("#fork=4294967296").ignored,
        vec!["fork=4294967296: not a whole number of events".to_string()]
    );
    assert!(file(r#"{"preset": "incident", "schedule": {"fork": 4294967296}}"#)
        .starts_with("settings.schedule.fork: 4294967296 is too large"));
    // A bound's count of Enactors: a u8 in both (and then the explorer's own range).
    assert_eq!(
        decode("#bound=256.1.2.1.2").ignored,
        vec!["bound=256.1.2.1.2: enactors: 256 is too large (at most 255)".to_string()]
    );
    assert!(file(r#"{"bound": {"enactors": 256, "endpoints": 1, "generations": 2, "cleanup_margin_generations": 1, "wide_cleanup_margin_generations": 2}}"#)
        .starts_with("settings.bound.enactors: 256 is too large (at most 255)"));
    // A schedule's picks: at most codec::PICKS_MAX letters in both (a link cannot even carry
    // that many: its whole hash is at most 4,000 characters). A file had no limit, and
    // 300,000 picks crashed the page.
    let picks =
        |n: usize| format!(r#"{{"preset": "incident", "schedule": {{"picks": "{}"}}}}"#, "P".repeat(n));
    let at_limit = file(&picks(PICKS_MAX));
    assert!(!at_limit.contains("settings.schedule.picks"), "{PICKS_MAX} picks are read: {at_limit}");
    for over in [PICKS_MAX + 1, 300_000] {
        assert_eq!(
            file(&picks(over)),
            "settings.schedule.picks: more than 4000 picks (a schedule holds at most 4000)",
            "{over} picks"
        );
    }
    assert_eq!(
        decode(&format!("#pick={}", "P".repeat(3_990))).link.run.hand.map(|h| h.picks.len()),
        Some(3_990)
    );
    assert!(decode(&format!("#pick={}", "P".repeat(PICKS_MAX + 1))).ignored[0].starts_with("the whole link"));
    assert_eq!(
        codec::picks_from_text(&"P".repeat(PICKS_MAX + 1)),
        Err(codec::PicksError::TooMany),
        "the codec both read through refuses it, whatever carries it"
    );
    // A knob: a u64 in both, then the scenario's own range, checked before anything runs.
    let link_says = decode("#planner_interval_ms_min=0").link.run.scenario().1;
    let file_says = file(r#"{"preset": "incident", "knobs": {"planner_interval_ms_min": 0}}"#);
    assert_eq!(link_says.len(), 1, "{link_says:?}");
    let (_, link_problem) = link_says[0].split_once(": ").expect("a reason");
    assert_eq!(file_says, format!("settings.knobs.planner_interval_ms_min: {link_problem}"));
    let too_large = file(r#"{"preset": "incident", "knobs": {"backoff_ms_max": 18446744073709551616}}"#);
    assert!(
        too_large.starts_with("settings.knobs.backoff_ms_max: 1.8446744073709552e+19 is not a whole number"),
        "{too_large}"
    );
    assert_eq!(decode("#backoff_ms_max=18446744073709551616").ignored.len(), 1);
    // A margin at the top of its range: the wide margin a link leaves out does not overflow.
    assert_eq!(
        decode("#bound=1.1.1.4294967295").ignored,
        vec!["bound=1.1.1.4294967295: wide_cleanup_margin_generations: 4294967296 is too large (at most 4294967295)"
            .to_string()]
    );
}
