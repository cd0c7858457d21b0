//! Save and open a run: what the learner set and the trace it gives, as one JSON file that
//! reopens the same moment, and the whole run's sequence diagram as a standalone SVG file
//! ([`svg`]). Pure Rust, tested natively (`tests/export.rs`). [`import`] reads hostile
//! input: it never panics, and its error names the first field that is wrong.
//!
//! # The file: format `dns-race-run`, version 1
//!
//! ```text
//! {
//!   "format": "dns-race-run",
//!   "version": 1,
//!   "link": "#v=1&m=conditional-write&step=254",
//!   "settings": {
//!     "preset": "incident",
//!     "seed": null,
//!     "knobs": { "backoff_ms_max": 9000 },
//!     "mitigations": ["conditional-write"],
//!     "schedule": null,
//!     "step": 254,
//!     "cascade": { "policy": "backoff", "vs": null, "respond": ["throttle-dwfm", ...], "at": null }
//!   },
//!   "digest": "3f0c9a51d2e4b716",
//!   "truncated": false,
//!   "verdict": { ... },
//!   "scenario": { ... },
//!   "events": [ ... ]
//! }
//! ```
//!
//! * `format` and `version`: always `"dns-race-run"` and `1`;
//! * `link`: the page's URL hash for this moment (see [`super::link`]), for people; import
//!   does not read it;
//! * `settings`: what import reads, each as a link sets it:
//!   - `preset` (`incident`, `calm`, `random`, `zone-failure`) or `bound`, the explorer's
//!     miniature system: `{"enactors", "endpoints", "generations",
//!     "cleanup_margin_generations", "wide_cleanup_margin_generations"}`; exactly one;
//!   - `seed`: a whole number, or `null` for the preset's own;
//!   - `knobs`: knobs set to other values than the preset's, by field name as in
//!     [`KNOBS`] (`"slow_enactor.lock_losses": 3`); `{}` for none;
//!   - `mitigations`: the switches that are on, by kebab-case name;
//!   - `schedule`: `null` for the timed scheduler, or a schedule picked by hand:
//!     `{"fork": 12, "picks": "PABR"}`, the first `fork` events of the timed run and then
//!     one event of each actor in `picks` (`P` Planner, `A` `B` `C` Enactors, `R` a client
//!     resolves, `O` operators);
//!   - `step`: the cursor, in events applied (0: before the first event);
//!   - `cascade`, what the section after the race showed: `policy` and `vs` (a second
//!     policy or `null`) by kebab-case name, `respond` the switches that are on by name,
//!     `dwfm` DWFM's retry (`backoff` or `deadline`; left out for the default, `requeue`),
//!     `at` the charts' cursor as a link writes it (`"0530"`) or `null` (it follows the
//!     step). A field left out, or the whole object, means the default (as in a link);
//! * `digest`: the trace's portable digest, 16 hex digits, as `dns-race trace` prints it;
//! * `truncated`, `verdict`, `scenario` (every knob, as serde writes the scenario) and
//!   `events` (one narrated entry per step): exactly as `dns-race trace --json` writes them,
//!   for people and tools; import does not read them.
//!
//! Import checks, in this order, and stops at the first problem: the file's size (at most
//! [`FILE_BYTES_MAX`]), that it is JSON (a syntax error gives its line and column), the
//! format and version, that it has no field version 1 does not know, each setting (its path
//! in the error: `settings.mitigations[1]: no such mitigation "magic"`), that the scenario
//! runs, that the run the settings give has the file's digest (else the file was edited, or
//! it comes from another version of the model), and that the step lies within that run.

pub mod svg;

pub use super::codec::ImportError;
use super::codec::{
    self, at, format_clock, named_from_json, parse_clock, picks_from_text, quote, show, Named, Number,
    PicksError, Preset,
};
use super::link::{encode, Base, CascadeChoice, Cursor, Hand, Link, Run, View};
use super::replay::Replay;
use crate::cascade::{DwfmRetry, Response, RetryPolicy};
use crate::explore::Bound;
use crate::scenario::Mitigation;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};

/// The `format` of a saved run.
pub const FORMAT: &str = "dns-race-run";

/// The version of the format this page writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// A file larger than this is refused before it is read: the incident saves in well under a
/// megabyte, and the largest run the page steps through (10,000 events) in about three.
pub const FILE_BYTES_MAX: usize = 5 * 1024 * 1024;

/// The fields of a saved run, in the order the file has them.
const FIELDS: &[&str] =
    &["format", "version", "link", "settings", "digest", "truncated", "verdict", "scenario", "events"];

/// The fields of `settings`.
const SETTINGS: &[&str] = &["preset", "bound", "seed", "knobs", "mitigations", "schedule", "step", "cascade"];

/// The fields of `settings.cascade`.
const CASCADE: &[&str] = &["policy", "vs", "respond", "dwfm", "at"];

/// The fields of `settings.schedule`.
const SCHEDULE: &[&str] = &["fork", "picks"];

fn whole_file(problem: impl Into<String>) -> ImportError {
    ImportError { path: None, problem: problem.into() }
}

/// The name a saved run downloads as: `dns-race-<digest>-step<N>.json`.
pub fn file_name(replay: &Replay, step: u32) -> String {
    format!("dns-race-{}-step{}.json", replay.digest, step.min(replay.len()))
}

/// The knobs of a link as a JSON object, in the order of [`KNOBS`] (a `serde_json::Map`
/// would sort them by name).
struct Knobs<'a>(&'a [(&'static str, u64)]);

impl Serialize for Knobs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct BoundOut {
    enactors: u64,
    endpoints: u64,
    generations: u64,
    cleanup_margin_generations: u64,
    wide_cleanup_margin_generations: u64,
}

#[derive(Serialize)]
struct ScheduleOut {
    fork: u32,
    picks: String,
}

#[derive(Serialize)]
struct CascadeOut {
    policy: &'static str,
    vs: Option<&'static str>,
    respond: Vec<&'static str>,
    /// Left out when it is the default (`requeue`), so that files of runs without it read
    /// and write as they did before it existed.
    #[serde(skip_serializing_if = "Option::is_none")]
    dwfm: Option<&'static str>,
    at: Option<String>,
}

#[derive(Serialize)]
struct SettingsOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    preset: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bound: Option<BoundOut>,
    seed: Option<u64>,
    knobs: Knobs<'a>,
    mitigations: Vec<&'static str>,
    schedule: Option<ScheduleOut>,
    step: u32,
    cascade: CascadeOut,
}

/// The document, its fields in the order people read them (a `serde_json::Value` would
/// sort them by name).
#[derive(Serialize)]
struct RunOut<'a> {
    format: &'static str,
    version: u64,
    link: String,
    settings: SettingsOut<'a>,
    digest: &'a str,
    truncated: bool,
    verdict: Value,
    scenario: Value,
    events: Value,
}

/// The saved run of `replay` at the step of `link`, which set it up (see the module docs
/// for the format). A knob the scenario left out (the page's notice named it) is not
/// saved: the file holds what ran. Each setting is written by [`codec`], as a link writes it.
pub fn export(link: &Link, replay: &Replay) -> String {
    let step = link.cursor.step.unwrap_or(0).min(replay.len());
    let (_, left_out) = link.run.scenario();
    let knobs: Vec<(&'static str, u64)> = link
        .run
        .knobs
        .iter()
        .copied()
        .filter(|(name, value)| !left_out.iter().any(|note| note.starts_with(&format!("{name}={value}:"))))
        .collect();
    let mut saved = link.at_step(step);
    saved.run.knobs = knobs.clone();
    let (preset, bound) = match link.run.base {
        Base::Preset(name) => (Some(name), None),
        Base::Bound(b) => {
            let [enactors, endpoints, generations, margin, wide] = codec::bound_numbers(b);
            let bound = BoundOut {
                enactors,
                endpoints,
                generations,
                cleanup_margin_generations: margin,
                wide_cleanup_margin_generations: wide,
            };
            (None, Some(bound))
        }
    };
    let cascade = &link.cascade;
    let mut trace = replay.trace.to_json();
    let run = RunOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        link: format!("#{}", encode(&saved)),
        settings: SettingsOut {
            preset,
            bound,
            seed: link.run.seed,
            knobs: Knobs(&knobs),
            mitigations: codec::names_of(&link.run.mitigations),
            schedule: link
                .run
                .hand
                .as_ref()
                .map(|hand| ScheduleOut { fork: hand.fork, picks: codec::picks_text(&hand.picks) }),
            step,
            cascade: CascadeOut {
                policy: cascade.policy.unwrap_or_default().name(),
                vs: cascade.vs.map(RetryPolicy::name),
                respond: codec::names_of(cascade.respond.as_deref().unwrap_or(&Response::INCIDENT)),
                dwfm: cascade.dwfm.map(DwfmRetry::name),
                at: link.cursor.at.map(format_clock),
            },
        },
        digest: &replay.digest,
        truncated: replay.trace.truncated,
        verdict: trace["verdict"].take(),
        scenario: trace["scenario"].take(),
        events: trace["events"].take(),
    };
    // Serialising plain data into a string cannot fail; an empty object keeps this total.
    serde_json::to_string_pretty(&run).unwrap_or_else(|_| "{}".into()) + "\n"
}

/// A value that is present and not `null`.
fn get<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).filter(|v| !v.is_null())
}

/// Fails on the first key of `object` (at `path`) that is not one of `known`.
fn only(object: &Map<String, Value>, path: &str, known: &[&str]) -> Result<(), ImportError> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => {
            let place = if path.is_empty() { quote(key) } else { format!("{path}.{}", quote(key)) };
            Err(at(place, format!("not part of a saved run (version 1 has {})", known.join(", "))))
        }
        None => Ok(()),
    }
}

fn object<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Map<String, Value>, ImportError> {
    value.as_object().ok_or_else(|| at(path, format!("{} is not {what}", show(value))))
}

fn read_bound(value: &Value) -> Result<Bound, ImportError> {
    let fields = object(value, "settings.bound", "an object (enactors, endpoints, generations, ...)")?;
    let names = codec::BOUND_FIELDS.map(|(name, _)| name);
    only(fields, "settings.bound", &names)?;
    let mut numbers = [0u64; 5];
    for (slot, (name, limit)) in numbers.iter_mut().zip(codec::BOUND_FIELDS) {
        let path = format!("settings.bound.{name}");
        let value = get(fields, name).ok_or_else(|| at(&path, "missing"))?;
        *slot = limit.from_json(value, &path)?;
    }
    codec::bound_of(numbers).map_err(|(field, problem)| at(format!("settings.bound.{field}"), problem))
}

fn read_knobs(value: &Value) -> Result<Vec<(&'static str, u64)>, ImportError> {
    let fields = object(value, "settings.knobs", "an object of knobs by name")?;
    let mut knobs = Vec::new();
    for (name, value) in fields {
        let path = format!("settings.knobs.{}", quote(name));
        let name = codec::knob_named(name).ok_or_else(|| at(&path, "no such knob"))?;
        knobs.push((name, codec::KNOB.from_json(value, &path)?));
    }
    codec::sort_knobs(&mut knobs);
    Ok(knobs)
}

fn read_schedule(value: &Value) -> Result<Hand, ImportError> {
    let fields =
        object(value, "settings.schedule", "a schedule ({\"fork\": 0, \"picks\": \"PAB\"}) or null")?;
    only(fields, "settings.schedule", SCHEDULE)?;
    let fork = match get(fields, "fork") {
        Some(v) => Number::narrow(codec::EVENTS.from_json(v, "settings.schedule.fork")?),
        None => 0,
    };
    let picks = match get(fields, "picks") {
        Some(Value::String(letters)) => picks_from_text(letters).map_err(|e| match e {
            PicksError::NotActor(i, _) => at(format!("settings.schedule.picks[{i}]"), e.problem()),
            PicksError::TooMany => at("settings.schedule.picks", e.problem()),
        })?,
        Some(other) => {
            return Err(at("settings.schedule.picks", format!("{} is not a string of actors", show(other))))
        }
        None => Vec::new(),
    };
    Ok(Hand { fork, picks })
}

/// The cascade's settings and the charts' cursor, defaults left out as a link leaves them.
fn read_cascade(value: &Value) -> Result<(CascadeChoice, Option<u16>), ImportError> {
    let fields = object(value, "settings.cascade", "an object (policy, vs, respond, dwfm, at)")?;
    only(fields, "settings.cascade", CASCADE)?;
    let policy = |key: &str| {
        get(fields, key)
            .map(|v| named_from_json::<RetryPolicy>(v, &format!("settings.cascade.{key}")))
            .transpose()
    };
    let respond = match get(fields, "respond") {
        None => Response::INCIDENT.to_vec(),
        Some(list) => codec::list_from_json::<Response>(list, "settings.cascade.respond")?,
    };
    let dwfm =
        get(fields, "dwfm").map(|v| named_from_json::<DwfmRetry>(v, "settings.cascade.dwfm")).transpose()?;
    let choice = CascadeChoice {
        policy: policy("policy")?.filter(|&p| p != RetryPolicy::default()),
        vs: policy("vs")?,
        respond: Some(respond).filter(|r| r.as_slice() != Response::INCIDENT),
        dwfm: dwfm.filter(|&d| d != DwfmRetry::default()),
    };
    let at_minutes = get(fields, "at")
        .map(|v| {
            v.as_str().and_then(parse_clock).ok_or_else(|| {
                at("settings.cascade.at", format!("{} is not a PDT clock time written \"HHMM\"", show(v)))
            })
        })
        .transpose()?;
    Ok((choice, at_minutes))
}

/// The settings, checked field by field in the order of the format.
fn read_settings(settings: &Map<String, Value>) -> Result<Link, ImportError> {
    only(settings, "settings", SETTINGS)?;
    let base = match (get(settings, "preset"), get(settings, "bound")) {
        (Some(_), Some(_)) => {
            return Err(at("settings.bound", "a saved run has a preset or a bound, not both"))
        }
        (Some(v), None) => match v.as_str().and_then(Preset::named) {
            Some(Preset(name)) => Base::Preset(name),
            None => {
                let names = Preset::names().unwrap_or_default();
                return Err(at("settings.preset", format!("no such scenario {} ({names})", show(v))));
            }
        },
        (None, Some(v)) => Base::Bound(read_bound(v)?),
        (None, None) => return Err(at("settings.preset", "missing: a saved run names a preset or a bound")),
    };
    let seed = get(settings, "seed").map(|v| codec::SEED.from_json(v, "settings.seed")).transpose()?;
    let knobs = get(settings, "knobs").map(read_knobs).transpose()?.unwrap_or_default();
    let mitigations = get(settings, "mitigations")
        .map(|v| codec::list_from_json::<Mitigation>(v, "settings.mitigations"))
        .transpose()?
        .unwrap_or_default();
    let hand = get(settings, "schedule").map(read_schedule).transpose()?;
    let step = get(settings, "step").map(|v| codec::EVENTS.from_json(v, "settings.step")).transpose()?;
    let step = step.map(Number::narrow).filter(|&s| s > 0);
    let (cascade, at_minutes) = match get(settings, "cascade") {
        Some(cascade) => read_cascade(cascade)?,
        None => (CascadeChoice::default(), None),
    };
    Ok(Link {
        run: Run { base, seed, knobs, mitigations, hand },
        cursor: Cursor { step, at: at_minutes },
        view: View::default(),
        cascade,
    })
}

/// Where serde_json stopped, in words a learner can act on.
fn syntax_error(error: &serde_json::Error) -> ImportError {
    let (line, column) = (error.line(), error.column());
    if error.is_eof() {
        return whole_file(format!(
            "the file is not complete JSON: it ends at line {line}, column {column}, in the middle of a value \
             (was it cut short?)"
        ));
    }
    // serde_json's message ends with its own "at line L column C": keep the reason only.
    let message = error.to_string();
    let reason = message.split(" at line ").next().unwrap_or(&message);
    whole_file(format!("the file is not valid JSON: line {line}, column {column}: {reason}"))
}

/// Reads a saved run (see the module docs) and returns the link of its moment: what it set
/// and its step. Checks everything it reads, and that the run those settings give has the
/// file's digest; the error names the first field that is wrong.
pub fn import(text: &str) -> Result<Link, ImportError> {
    if text.len() > FILE_BYTES_MAX {
        return Err(whole_file(too_large(text.len() as u64)));
    }
    // Some editors on Windows begin a UTF-8 file with a byte order mark, which JSON forbids.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    let top = doc.as_object().ok_or_else(|| {
        whole_file(format!("the file holds {}, not a saved run (a JSON object)", kind(&doc)))
    })?;
    match top.get("format") {
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return Err(at("format", format!("{} is not a saved dns-race run ({FORMAT:?})", show(other))))
        }
        None => return Err(at("format", format!("missing: this is not a saved dns-race run ({FORMAT:?})"))),
    }
    match top.get("version") {
        Some(v) if v.as_u64() == Some(FORMAT_VERSION) => {}
        Some(other) => {
            return Err(at(
                "version",
                format!("{} is not a version this page reads (it reads {FORMAT_VERSION})", show(other)),
            ))
        }
        None => return Err(at("version", "missing")),
    }
    only(top, "", FIELDS)?;
    let settings = match top.get("settings") {
        Some(v) => object(v, "settings", "an object of settings")?,
        None => return Err(at("settings", "missing")),
    };
    let link = read_settings(settings)?;
    let digest = match top.get("digest") {
        Some(Value::String(d)) if d.len() == 16 && d.bytes().all(|b| b.is_ascii_hexdigit()) => {
            d.to_ascii_lowercase()
        }
        Some(other) => return Err(at("digest", format!("{} is not 16 hexadecimal digits", show(other)))),
        None => return Err(at("digest", "missing")),
    };
    let (scenario, left_out) = link.run.scenario();
    if let Some(note) = left_out.first() {
        let name = note.split('=').next().unwrap_or_default();
        let path = if link.run.knobs.iter().any(|(k, _)| *k == name) {
            format!("settings.knobs.{name}")
        } else {
            "settings.knobs".to_string()
        };
        let problem = note.split_once(": ").map_or(note.as_str(), |(_, why)| why);
        return Err(at(path, problem.to_string()));
    }
    let (replay, _) =
        link.run.play(&scenario).map_err(|e| at("settings", format!("the scenario does not run: {e}")))?;
    if replay.digest != digest {
        return Err(at(
            "digest",
            format!(
                "the file says {digest}, but the run its settings give has digest {}: the file was edited, \
                 or it comes from another version of the model",
                replay.digest
            ),
        ));
    }
    if let Some(step) = link.cursor.step.filter(|&s| s > replay.len()) {
        return Err(at(
            "settings.step",
            format!("{step} is past the end: the run has {} events", replay.len()),
        ));
    }
    Ok(link)
}

/// What a JSON value is, for a message.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Why a file of `bytes` is refused: "the file is 5.1 MB, more than the 5.0 MB a saved run
/// can be" (rounded up, so that a file just over the limit does not read as equal to it).
pub fn too_large(bytes: u64) -> String {
    let megabytes = |b: u64| (b as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0;
    format!(
        "the file is {:.1} MB, more than the {:.1} MB a saved run can be",
        megabytes(bytes),
        megabytes(FILE_BYTES_MAX as u64)
    )
}

/// The link the page takes on after opening `saved` while it showed `current`: the saved
/// run, cursor and cascade (a file records a moment, and the cascade's policies, responses
/// and cursor are part of it), with the learner's own view kept (presenter mode, "you are
/// the scheduler", speed, colours, an embed), since a file does not say how to look at the
/// moment. The tour's chapter is left: it belongs to the run the learner was reading.
pub fn reopened(current: &Link, saved: Link) -> Link {
    Link { view: View { chapter: None, ..current.view.clone() }, ..saved }
}

/// Whether `a` and `b` run the same scenario with the same schedule.
pub fn same_run(a: &Link, b: &Link) -> bool {
    a.run.hand == b.run.hand && a.run.scenario().0 == b.run.scenario().0
}
