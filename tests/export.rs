//! Saving and opening a run: a saved run reopens the same link; a broken file is refused
//! with the first wrong field named; any string is read without a panic. The sequence
//! diagram saves as a well-formed standalone SVG of the whole run.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::cascade::{Response, RetryPolicy};
use dns_race::explore::Bound;
use dns_race::scenario::Mitigation;
use dns_race::sim::{self, Actor};
use dns_race::ui::export::{self, svg, ImportError, FILE_BYTES_MAX};
use dns_race::ui::link::{Base, Cursor, Hand, Link, Run, View};
use dns_race::ui::replay::Replay;
use proptest::prelude::*;
use serde_json::Value;
use std::rc::Rc;
use std::sync::OnceLock;

/// The run `link` gives, as the page builds it.
fn replay_of(link: &Link) -> Replay {
    let (scenario, notes) = link.run.scenario();
    assert!(notes.is_empty(), "the link runs as it says: {notes:?}");
    match &link.run.hand {
        None => Replay::run(&scenario).expect("the scenario runs"),
        Some(hand) => Replay::hand(&scenario, hand).expect("the scenario runs").0,
    }
}

fn saved(link: &Link) -> String {
    export::export(link, &replay_of(link))
}

fn round_trip(link: &Link) {
    let text = saved(link);
    assert_eq!(export::import(&text), Ok(link.clone()), "{}", &text[..text.len().min(600)]);
}

fn incident_at(step: u32) -> Link {
    Link { cursor: Cursor { step: Some(step), ..Cursor::default() }, ..Link::default() }
}

/// The saved incident at step 254, made once.
fn incident_file() -> &'static Value {
    static FILE: OnceLock<Value> = OnceLock::new();
    FILE.get_or_init(|| serde_json::from_str(&saved(&incident_at(254))).expect("JSON"))
}

/// The saved incident at step 254 with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = incident_file().clone();
    edit(&mut doc);
    serde_json::to_string_pretty(&doc).expect("serialises")
}

fn error(text: &str) -> ImportError {
    export::import(text).expect_err("the file is refused")
}

fn path_of(text: &str) -> Option<String> {
    error(text).path
}

#[test]
fn the_incident_at_a_step_round_trips() {
    round_trip(&incident_at(254));
    round_trip(&Link::default());
}

#[test]
fn a_run_with_mitigations_and_knobs_round_trips() {
    round_trip(&Link {
        run: Run {
            mitigations: vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup],
            ..Run::default()
        },
        cursor: Cursor { step: Some(40), ..Cursor::default() },
        ..Link::default()
    });
    round_trip(&Link {
        run: Run {
            base: Base::Preset("random"),
            seed: Some(7),
            knobs: vec![("backoff_ms_max", 9000)],
            mitigations: vec![Mitigation::SelfRepair],
            ..Run::default()
        },
        cursor: Cursor { step: Some(3), ..Cursor::default() },
        ..Link::default()
    });
}

#[test]
fn a_schedule_picked_by_hand_round_trips() {
    let link = Link {
        run: Run {
            hand: Some(Hand { fork: 5, picks: vec![Actor::Planner, Actor::Enactor(1), Actor::Enactor(1)] }),
            ..Run::default()
        },
        cursor: Cursor { step: Some(7), ..Cursor::default() },
        ..Link::default()
    };
    round_trip(&link);
}

#[test]
fn an_explorer_bound_round_trips() {
    let bound = Bound::default();
    let scenario = bound.scenario(&[Mitigation::SafeCleanup]);
    let trace = sim::run(&scenario).expect("the bound's scenario runs");
    let link = {
        let mut l = Link::of_schedule(bound, &trace);
        l.cursor.step = Some(4);
        l
    };
    assert!(matches!(link.run.base, Base::Bound(_)));
    round_trip(&link);
}

#[test]
fn the_file_has_the_trace_as_the_command_line_prints_it() {
    let link = incident_at(254);
    let replay = replay_of(&link);
    let doc: Value = serde_json::from_str(&export::export(&link, &replay)).expect("JSON");
    assert_eq!(doc["format"], "dns-race-run");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["link"], "#v=1&step=254");
    assert_eq!(doc["digest"], replay.digest.as_str());
    assert_eq!(doc["settings"]["preset"], "incident");
    assert_eq!(doc["settings"]["step"], 254);
    let trace = replay.trace.to_json();
    for field in ["events", "scenario", "verdict", "truncated"] {
        assert_eq!(doc[field], trace[field], "{field} as `trace --json` writes it");
    }
    assert_eq!(export::file_name(&replay, 254), format!("dns-race-{}-step254.json", replay.digest));
    // The reader's order: format first, events last.
    let text = export::export(&link, &replay);
    let first = |key: &str| text.find(&format!("\"{key}\"")).expect("the key is written");
    assert!(first("format") < first("settings") && first("settings") < first("events"));
}

#[test]
fn text_that_is_not_json_gives_its_line_and_column() {
    let e = error("{\n  \"format\": \"dns-race-run\",\n  oops\n}");
    assert_eq!(e.path, None);
    assert!(e.problem.contains("not valid JSON: line 3, column 3"), "{e}");
    let e = error("a saved run");
    assert!(e.problem.contains("line 1, column 1"), "{e}");
}

#[test]
fn a_truncated_file_says_it_was_cut_short() {
    let text = saved(&incident_at(254));
    let e = error(&text[..text.len() / 2]);
    assert_eq!(e.path, None);
    assert!(e.problem.contains("cut short"), "{e}");
}

#[test]
fn junk_after_the_file_or_an_unknown_field_is_refused() {
    let e = error(&(saved(&incident_at(254)) + "junk"));
    assert!(e.problem.contains("trailing characters"), "{e}");
    assert_eq!(
        path_of(&edited(|d| d["settings"]["colour"] = "red".into())).as_deref(),
        Some("settings.colour")
    );
    assert_eq!(path_of(&edited(|d| d["comment"] = "hi".into())).as_deref(), Some("comment"));
}

#[test]
fn another_format_or_version_is_refused() {
    let e = error(&edited(|d| d["format"] = "something-else".into()));
    assert_eq!(e.to_string(), "format: \"something-else\" is not a saved dns-race run (\"dns-race-run\")");
    let e = error(&edited(|d| d["version"] = 2.into()));
    assert_eq!(e.to_string(), "version: 2 is not a version this page reads (it reads 1)");
    let e = error("[1, 2]");
    assert_eq!(e.to_string(), "the file holds a list, not a saved run (a JSON object)");
}

#[test]
fn a_bad_mitigation_is_named_by_its_place_in_the_list() {
    let e = error(&edited(|d| d["settings"]["mitigations"] = serde_json::json!(["safe-cleanup", "magic"])));
    assert_eq!(e.to_string(), "settings.mitigations[1]: no such mitigation \"magic\"");
}

#[test]
fn a_negative_or_fractional_seed_is_not_a_whole_number() {
    let e = error(&edited(|d| d["settings"]["seed"] = (-3).into()));
    assert_eq!(e.to_string(), "settings.seed: -3 is not a whole number of 0 or more");
    let e = error(&edited(|d| d["settings"]["seed"] = "seven".into()));
    assert_eq!(e.to_string(), "settings.seed: \"seven\" is not a whole number");
    assert_eq!(path_of(&edited(|d| d["settings"]["step"] = 2.5.into())).as_deref(), Some("settings.step"));
}

/// A change to a saved file.
type Edit = Box<dyn FnOnce(&mut Value)>;

#[test]
fn each_setting_is_checked_and_named() {
    let cases: Vec<(Edit, &str)> = vec![
        (Box::new(|d| d["settings"]["preset"] = "tuesday".into()), "settings.preset"),
        (Box::new(|d| d["settings"]["knobs"] = serde_json::json!({"zoom": 3})), "settings.knobs.zoom"),
        (
            Box::new(|d| d["settings"]["knobs"] = serde_json::json!({"enactor_count": 0})),
            "settings.knobs.enactor_count",
        ),
        (
            Box::new(|d| d["settings"]["schedule"] = serde_json::json!({"picks": "PAZ"})),
            "settings.schedule.picks[2]",
        ),
        (Box::new(|d| d["settings"]["schedule"] = serde_json::json!({"fork": -1})), "settings.schedule.fork"),
        (Box::new(|d| d["settings"]["step"] = 99_999.into()), "settings.step"),
        (
            Box::new(|d| d["settings"] = serde_json::json!({"bound": {"enactors": 9}})),
            "settings.bound.endpoints",
        ),
        (
            Box::new(|d| {
                d["settings"] = serde_json::json!({"bound": {"enactors": 9, "endpoints": 1, "generations": 2,
                    "cleanup_margin_generations": 1, "wide_cleanup_margin_generations": 2}})
            }),
            "settings.bound.enactors",
        ),
        (Box::new(|d| d["digest"] = "not hex".into()), "digest"),
    ];
    for (edit, path) in cases {
        assert_eq!(path_of(&edited(edit)).as_deref(), Some(path));
    }
}

#[test]
fn the_first_bad_field_is_the_one_named() {
    let e = error(&edited(|d| {
        d["settings"]["seed"] = (-1).into();
        d["settings"]["mitigations"] = serde_json::json!(["magic"]);
    }));
    assert_eq!(e.path.as_deref(), Some("settings.seed"));
}

#[test]
fn a_wrong_digest_says_the_file_was_edited_and_names_both() {
    let ours = replay_of(&incident_at(254)).digest;
    let e = error(&edited(|d| d["digest"] = "0123456789abcdef".into()));
    assert_eq!(e.path.as_deref(), Some("digest"));
    assert!(e.problem.contains("0123456789abcdef") && e.problem.contains(&ours), "{e}");
    assert!(e.problem.contains("edited"), "{e}");
    // Settings edited to another run: the digest no longer matches.
    let e = error(&edited(|d| d["settings"]["mitigations"] = serde_json::json!(["conditional-write"])));
    assert_eq!(e.path.as_deref(), Some("digest"), "{e}");
}

#[test]
fn a_file_too_large_is_refused_before_it_is_parsed() {
    let text = " ".repeat(FILE_BYTES_MAX + 1);
    let e = error(&text);
    assert_eq!(e.path, None);
    assert_eq!(e.problem, "the file is 5.1 MB, more than the 5.0 MB a saved run can be");
}

/// Whether `text` is well-formed as far as tags go: every element closed in order, every
/// attribute quoted, no stray `<` or `&`.
fn balanced(text: &str) -> Result<usize, String> {
    let mut open: Vec<&str> = Vec::new();
    let mut elements = 0;
    let mut rest = text;
    while let Some(i) = rest.find(['<', '&']) {
        let after = &rest[i..];
        if let Some(entity) = after.strip_prefix('&') {
            let end = entity.find(';').ok_or("an unterminated entity")?;
            if !["amp", "lt", "gt", "quot", "apos"].contains(&&entity[..end]) {
                return Err(format!("unknown entity &{};", &entity[..end]));
            }
            rest = &entity[end + 1..];
            continue;
        }
        let end = after.find('>').ok_or("an unterminated tag")?;
        let tag = &after[1..end];
        rest = &after[end + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        if tag.contains('<') || !tag.matches('"').count().is_multiple_of(2) {
            return Err(format!("a malformed tag <{tag}>"));
        }
        elements += 1;
        let name = tag.split_whitespace().next().ok_or("an empty tag")?.trim_end_matches('/');
        if !tag.ends_with('/') {
            open.push(name);
        }
    }
    if open.is_empty() {
        Ok(elements)
    } else {
        Err(format!("unclosed {open:?}"))
    }
}

#[test]
fn the_sequence_diagram_saves_as_a_standalone_svg_of_the_whole_run() {
    let replay = Rc::new(replay_of(&Link {
        run: Run { mitigations: vec![Mitigation::SelfRepair], ..Run::default() },
        ..Link::default()
    }));
    let text = svg::sequence_svg(&replay);
    assert!(balanced(&text).is_ok(), "{:?}", balanced(&text));
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""
    ));
    for attribute in [" width=\"", " height=\"", " viewBox=\"0 0 "] {
        assert!(text.contains(attribute), "{attribute}");
    }
    for lane in ["Planner", "Enactor A", "Enactor B", "Enactor C", "Route 53", "Clients", "Operators"] {
        assert!(text.contains(&format!(">{lane}</text>")), "the lane {lane}");
    }
    assert_eq!(
        text.matches("<g class=\"seq-mark ").count() as u32,
        replay.len(),
        "every event, not a window"
    );
    assert!(text.contains("seq-hold--stale"), "the stale band of the race");
    assert!(!text.contains("var(--"), "colours resolved");
    assert!(text.contains("font-family:system-ui"));
    assert!(text.contains(&replay.digest));
    assert_eq!(svg::file_name(&replay), format!("dns-race-sequence-{}.svg", replay.digest));
}

#[test]
fn the_tag_check_catches_what_it_should() {
    assert!(balanced("<a><b/></a>").is_ok());
    assert!(balanced("<a><b></a>").is_err());
    assert!(balanced("<a>x & y</a>").is_err());
    assert!(balanced("<a title=\"x>").is_err());
}

#[test]
fn a_scenario_other_than_the_incident_saves_too() {
    let link = Link {
        run: Run { base: Base::Preset("zone-failure"), ..Run::default() },
        cursor: Cursor { step: Some(10), ..Cursor::default() },
        ..Link::default()
    };
    round_trip(&link);
    assert_ne!(replay_of(&link).digest, replay_of(&Link::default()).digest);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_is_read_without_a_panic(text in ".{0,300}") {
        let _ = export::import(&text);
    }

    #[test]
    fn any_json_shaped_text_is_read_without_a_panic(
        text in r#"\{("(format|version|settings|digest|preset|seed|step|knobs|mitigations|schedule|bound|picks|fork)"|[0-9\-.e]+|"[a-z\-]*"|[\[\]{}:, ]|null|true){0,40}\}"#
    ) {
        let _ = export::import(&text);
    }
}

proptest! {
    // Each case runs the incident to check the digest: a few dozen are enough.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_edit_of_a_setting_is_refused_or_reopens_a_valid_moment(
        field in proptest::sample::select(vec!["seed", "step", "knobs", "mitigations", "schedule", "preset"]),
        value in prop_oneof![
            any::<i64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::from),
            Just(Value::Null),
            Just(serde_json::json!(["safe-cleanup"])),
            Just(serde_json::json!({"fork": 3, "picks": "AB"})),
        ],
    ) {
        let text = edited(|d| d["settings"][field] = value);
        if let Ok(link) = export::import(&text) {
            prop_assert!(link.cursor.step.unwrap_or(0) <= replay_of(&link).len());
        }
    }
}

#[test]
fn opening_a_file_keeps_how_the_learner_looks_and_takes_the_run_and_step() {
    let current = Link {
        cursor: Cursor { step: Some(9), ..Cursor::default() },
        view: View { present: true, drive: true, speed: Some(3), ..View::default() },
        ..Link::default()
    };
    let saved = Link {
        run: Run { mitigations: vec![Mitigation::SafeCleanup], ..Run::default() },
        cursor: Cursor { step: Some(30), ..Cursor::default() },
        ..Link::default()
    };
    let next = export::reopened(&current, saved.clone());
    assert_eq!(next, {
        let mut l = saved.clone();
        l.view.present = true;
        l.view.drive = true;
        l.view.speed = Some(3);
        l
    });
    assert!(!export::same_run(&current, &next));
    assert!(export::same_run(
        &current,
        &Link {
            run: Run { seed: Some(49), ..Run::default() },
            cursor: Cursor { step: Some(2), ..Cursor::default() },
            ..Link::default()
        }
    ));
    // The cascade's controls are part of the moment: the file's replace the page's.
    let cascade = {
        let mut l = current.clone();
        l.cascade.policy = Some(RetryPolicy::Immediate);
        l.cascade.respond = Some(Vec::new());
        l.cursor.at = Some(300);
        l
    };
    let next = export::reopened(&cascade, saved.clone());
    assert_eq!((next.cascade.policy, next.cascade.respond, next.cursor.at), (None, None, None));
}

#[test]
fn the_cascade_section_is_saved_with_the_moment() {
    let link = {
        let mut l = incident_at(254);
        l.cascade.policy = Some(RetryPolicy::Immediate);
        l.cascade.vs = Some(RetryPolicy::FullJitter);
        l.cascade.respond = Some(vec![Response::QueueSizeLimit]);
        l.cursor.at = Some(5 * 60 + 30);
        l
    };
    round_trip(&link);
    let doc: Value = serde_json::from_str(&saved(&link)).expect("JSON");
    assert_eq!(
        doc["settings"]["cascade"],
        serde_json::json!({"policy": "immediate", "vs": "full-jitter", "respond": ["queue-size-limit"], "at": "0530"})
    );
    // Defaults are written out in the file, and read back as a link leaves them out.
    let plain: Value = serde_json::from_str(&saved(&incident_at(254))).expect("JSON");
    assert_eq!(plain["settings"]["cascade"]["policy"], "backoff");
    assert_eq!(plain["settings"]["cascade"]["respond"].as_array().map(Vec::len), Some(3));
    round_trip(&{
        let mut l = incident_at(254);
        l.cascade.respond = Some(Vec::new());
        l
    });
    // A file without the section opens with the defaults.
    let text = edited(|d| {
        d["settings"].as_object_mut().map(|s| s.remove("cascade"));
    });
    assert_eq!(export::import(&text), Ok(incident_at(254)));
}

#[test]
fn a_bad_cascade_setting_is_named() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (serde_json::json!({"policy": "yolo"}), "settings.cascade.policy", "no such retry policy \"yolo\""),
        (serde_json::json!({"vs": 3}), "settings.cascade.vs", "3 is not a name"),
        (serde_json::json!({"respond": ["throttle-dwfm", "magic"]}), "settings.cascade.respond[1]", "magic"),
        (
            serde_json::json!({"respond": ["throttle-dwfm", "throttle-dwfm"]}),
            "settings.cascade.respond[1]",
            "listed twice",
        ),
        (serde_json::json!({"respond": "all"}), "settings.cascade.respond", "not a list"),
        (serde_json::json!({"at": "2561"}), "settings.cascade.at", "HHMM"),
        (serde_json::json!({"zoom": 2}), "settings.cascade.zoom", "not part of a saved run"),
        (serde_json::json!("immediate"), "settings.cascade", "not an object"),
    ];
    for (cascade, path, problem) in cases {
        let e = error(&edited(|d| d["settings"]["cascade"] = cascade.clone()));
        assert_eq!(e.path.as_deref(), Some(path), "{cascade}");
        assert!(e.problem.contains(problem), "{cascade}: {e}");
    }
}
