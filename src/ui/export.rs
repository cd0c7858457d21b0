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

use super::link::{actor_letter, encode, format_clock, letter_actor, parse_clock, quote, Base, Hand, Link};
use super::replay::Replay;
use crate::cascade::{Response, RetryPolicy};
use crate::explore::Bound;
use crate::scenario::{Mitigation, KNOBS, PRESETS};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt;

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
const CASCADE: &[&str] = &["policy", "vs", "respond", "at"];

/// The fields of `settings.bound`.
const BOUND: &[&str] = &[
    "enactors",
    "endpoints",
    "generations",
    "cleanup_margin_generations",
    "wide_cleanup_margin_generations",
];

/// The fields of `settings.schedule`.
const SCHEDULE: &[&str] = &["fork", "picks"];

/// Why a file could not be opened: the first field that is wrong, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where in the file: `settings.mitigations[1]`, `digest`; `None` for the whole file (too
    /// large, not JSON, not an object).
    pub path: Option<String>,
    /// What is wrong, in a sentence: `no such mitigation "magic"`.
    pub problem: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{path}: {}", self.problem),
            None => f.write_str(&self.problem),
        }
    }
}

impl std::error::Error for ImportError {}

fn at(path: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError { path: Some(path.into()), problem: problem.into() }
}

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
    enactors: u8,
    endpoints: u8,
    generations: u32,
    cleanup_margin_generations: u32,
    wide_cleanup_margin_generations: u32,
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
/// saved: the file holds what ran.
pub fn export(link: &Link, replay: &Replay) -> String {
    let step = link.step.unwrap_or(0).min(replay.len());
    let (_, left_out) = link.scenario();
    let knobs: Vec<(&'static str, u64)> = link
        .knobs
        .iter()
        .copied()
        .filter(|(name, value)| !left_out.iter().any(|note| note.starts_with(&format!("{name}={value}:"))))
        .collect();
    let saved = Link { knobs: knobs.clone(), step: Some(step).filter(|&s| s > 0), ..link.clone() };
    let (preset, bound) = match link.base {
        Base::Preset(name) => (Some(name), None),
        Base::Bound(b) => (
            None,
            Some(BoundOut {
                enactors: b.enactors,
                endpoints: b.endpoints,
                generations: b.generations,
                cleanup_margin_generations: b.cleanup_margin_generations,
                wide_cleanup_margin_generations: b.wide_cleanup_margin_generations,
            }),
        ),
    };
    let mut trace = replay.trace.to_json();
    let run = RunOut {
        format: FORMAT,
        version: FORMAT_VERSION,
        link: format!("#{}", encode(&saved)),
        settings: SettingsOut {
            preset,
            bound,
            seed: link.seed,
            knobs: Knobs(&knobs),
            mitigations: link.mitigations.iter().map(|m| m.name()).collect(),
            schedule: link.hand.as_ref().map(|hand| ScheduleOut {
                fork: hand.fork,
                picks: hand.picks.iter().map(|&a| actor_letter(a)).collect(),
            }),
            step,
            cascade: CascadeOut {
                policy: link.policy.unwrap_or_default().name(),
                vs: link.vs.map(RetryPolicy::name),
                respond: link
                    .respond
                    .as_deref()
                    .unwrap_or(&Response::INCIDENT)
                    .iter()
                    .map(|r| r.name())
                    .collect(),
                at: link.at.map(format_clock),
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

/// A piece of the file quoted for a message: JSON as written, at most 40 characters,
/// control characters replaced, so that a hostile file cannot flood or garble the page.
fn show(value: &Value) -> String {
    let text = serde_json::to_string(value).unwrap_or_default();
    quote(&text)
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

/// A whole number from 0 to `max` at `path`.
fn whole(value: &Value, path: &str, max: u64) -> Result<u64, ImportError> {
    match value {
        Value::Number(n) => match n.as_u64() {
            Some(x) if x <= max => Ok(x),
            Some(_) => Err(at(path, format!("{n} is too large (at most {max})"))),
            None => Err(at(path, format!("{n} is not a whole number of 0 or more"))),
        },
        _ => Err(at(path, format!("{} is not a whole number", show(value)))),
    }
}

fn object<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Map<String, Value>, ImportError> {
    value.as_object().ok_or_else(|| at(path, format!("{} is not {what}", show(value))))
}

fn read_bound(value: &Value) -> Result<Bound, ImportError> {
    let fields = object(value, "settings.bound", "an object (enactors, endpoints, generations, ...)")?;
    only(fields, "settings.bound", BOUND)?;
    let mut numbers = [0u64; 5];
    let (small, large) = (u64::from(u8::MAX), u64::from(u32::MAX));
    for (slot, (name, max)) in numbers.iter_mut().zip(BOUND.iter().zip([small, small, large, large, large])) {
        let path = format!("settings.bound.{name}");
        let value = get(fields, name).ok_or_else(|| at(&path, "missing"))?;
        *slot = whole(value, &path, max)?;
    }
    let [enactors, endpoints, generations, margin, wide] = numbers;
    // Each fits: `whole` checked it against its type's maximum.
    let bound = Bound {
        enactors: u8::try_from(enactors).unwrap_or(u8::MAX),
        endpoints: u8::try_from(endpoints).unwrap_or(u8::MAX),
        generations: u32::try_from(generations).unwrap_or(u32::MAX),
        cleanup_margin_generations: u32::try_from(margin).unwrap_or(u32::MAX),
        wide_cleanup_margin_generations: u32::try_from(wide).unwrap_or(u32::MAX),
    };
    bound.validate().map_err(|e| at(format!("settings.bound.{}", e.knob), e.problem))?;
    Ok(bound)
}

fn read_knobs(value: &Value) -> Result<Vec<(&'static str, u64)>, ImportError> {
    let fields = object(value, "settings.knobs", "an object of knobs by name")?;
    let mut knobs = Vec::new();
    for (name, value) in fields {
        let path = format!("settings.knobs.{}", quote(name));
        let knob = KNOBS.iter().find(|k| k.name == name).ok_or_else(|| at(&path, "no such knob"))?;
        knobs.push((knob.name, whole(value, &path, u64::MAX)?));
    }
    knobs.sort_by_key(|(name, _)| KNOBS.iter().position(|k| k.name == *name));
    Ok(knobs)
}

fn read_mitigations(value: &Value) -> Result<Vec<Mitigation>, ImportError> {
    let list = value
        .as_array()
        .ok_or_else(|| at("settings.mitigations", format!("{} is not a list of names", show(value))))?;
    let mut mitigations = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("settings.mitigations[{i}]");
        let name = item.as_str().ok_or_else(|| at(&path, format!("{} is not a name", show(item))))?;
        let m = Mitigation::from_name(name)
            .ok_or_else(|| at(&path, format!("no such mitigation {}", show(item))))?;
        if mitigations.contains(&m) {
            return Err(at(&path, format!("{} is listed twice", show(item))));
        }
        mitigations.push(m);
    }
    mitigations.sort();
    Ok(mitigations)
}

fn read_schedule(value: &Value) -> Result<Hand, ImportError> {
    let fields =
        object(value, "settings.schedule", "a schedule ({\"fork\": 0, \"picks\": \"PAB\"}) or null")?;
    only(fields, "settings.schedule", SCHEDULE)?;
    let fork = match get(fields, "fork") {
        Some(v) => whole(v, "settings.schedule.fork", u32::MAX.into())?,
        None => 0,
    };
    let picks = match get(fields, "picks") {
        Some(Value::String(letters)) => letters
            .chars()
            .enumerate()
            .map(|(i, c)| {
                letter_actor(c).ok_or_else(|| {
                    at(
                        format!("settings.schedule.picks[{i}]"),
                        format!("{} is not an actor (P, A, B, C, R, O)", quote(&format!("{c:?}"))),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => {
            return Err(at("settings.schedule.picks", format!("{} is not a string of actors", show(other))))
        }
        None => Vec::new(),
    };
    Ok(Hand { fork: u32::try_from(fork).unwrap_or(u32::MAX), picks })
}

/// The cascade's settings into `link`, defaults left out as a link leaves them.
fn read_cascade(value: &Value, link: &mut Link) -> Result<(), ImportError> {
    let fields = object(value, "settings.cascade", "an object (policy, vs, respond, at)")?;
    only(fields, "settings.cascade", CASCADE)?;
    let policy = |key: &str| -> Result<Option<RetryPolicy>, ImportError> {
        let path = format!("settings.cascade.{key}");
        get(fields, key)
            .map(|v| {
                let name = v.as_str().ok_or_else(|| at(&path, format!("{} is not a name", show(v))))?;
                RetryPolicy::parse(name).map_err(|_| {
                    at(&path, format!("no such retry policy {} ({})", show(v), RetryPolicy::names()))
                })
            })
            .transpose()
    };
    link.policy = policy("policy")?.filter(|&p| p != RetryPolicy::default());
    link.vs = policy("vs")?;
    let mut respond = Vec::new();
    match get(fields, "respond") {
        None => respond = Response::INCIDENT.to_vec(),
        Some(Value::Array(list)) => {
            for (i, item) in list.iter().enumerate() {
                let path = format!("settings.cascade.respond[{i}]");
                let name = item.as_str().ok_or_else(|| at(&path, format!("{} is not a name", show(item))))?;
                let r = Response::parse(name)
                    .map_err(|_| at(&path, format!("no such response {}", show(item))))?;
                if respond.contains(&r) {
                    return Err(at(&path, format!("{} is listed twice", show(item))));
                }
                respond.push(r);
            }
            respond.sort();
        }
        Some(other) => {
            return Err(at("settings.cascade.respond", format!("{} is not a list of names", show(other))))
        }
    }
    link.respond = Some(respond).filter(|r| r.as_slice() != Response::INCIDENT);
    link.at = get(fields, "at")
        .map(|v| {
            v.as_str().and_then(parse_clock).ok_or_else(|| {
                at("settings.cascade.at", format!("{} is not a PDT clock time written \"HHMM\"", show(v)))
            })
        })
        .transpose()?;
    Ok(())
}

/// The settings, checked field by field in the order of the format.
fn read_settings(settings: &Map<String, Value>) -> Result<Link, ImportError> {
    only(settings, "settings", SETTINGS)?;
    let base = match (get(settings, "preset"), get(settings, "bound")) {
        (Some(_), Some(_)) => {
            return Err(at("settings.bound", "a saved run has a preset or a bound, not both"))
        }
        (Some(v), None) => match v.as_str().and_then(|n| PRESETS.iter().find(|p| p.name == n)) {
            Some(preset) => Base::Preset(preset.name),
            None => {
                let names: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                return Err(at(
                    "settings.preset",
                    format!("no such scenario {} ({})", show(v), names.join(", ")),
                ));
            }
        },
        (None, Some(v)) => Base::Bound(read_bound(v)?),
        (None, None) => return Err(at("settings.preset", "missing: a saved run names a preset or a bound")),
    };
    let seed = get(settings, "seed").map(|v| whole(v, "settings.seed", u64::MAX)).transpose()?;
    let knobs = get(settings, "knobs").map(read_knobs).transpose()?.unwrap_or_default();
    let mitigations = get(settings, "mitigations").map(read_mitigations).transpose()?.unwrap_or_default();
    let hand = get(settings, "schedule").map(read_schedule).transpose()?;
    let step = get(settings, "step").map(|v| whole(v, "settings.step", u32::MAX.into())).transpose()?;
    let step = step.and_then(|s| u32::try_from(s).ok()).filter(|&s| s > 0);
    let mut link = Link { base, seed, knobs, mitigations, hand, step, ..Link::default() };
    if let Some(cascade) = get(settings, "cascade") {
        read_cascade(cascade, &mut link)?;
    }
    Ok(link)
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
    let (scenario, left_out) = link.scenario();
    if let Some(note) = left_out.first() {
        let name = note.split('=').next().unwrap_or_default();
        let path = if link.knobs.iter().any(|(k, _)| *k == name) {
            format!("settings.knobs.{name}")
        } else {
            "settings.knobs".to_string()
        };
        let problem = note.split_once(": ").map_or(note.as_str(), |(_, why)| why);
        return Err(at(path, problem.to_string()));
    }
    let replay = match &link.hand {
        None => Replay::run(&scenario),
        Some(hand) => Replay::hand(&scenario, hand).map(|(replay, _)| replay),
    }
    .map_err(|e| at("settings", format!("the scenario does not run: {e}")))?;
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
    if let Some(step) = link.step.filter(|&s| s > replay.len()) {
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
/// run and step, with the learner's own view kept (presenter mode, "you are the scheduler",
/// speed, colours, an embed), since a file records a moment, not how to look at it. The
/// tour's chapter is left: it belongs to the run the learner was reading. The cascade's
/// policies, responses and cursor are the file's: they are part of the moment it records.
pub fn reopened(current: &Link, saved: Link) -> Link {
    Link {
        chapter: None,
        present: current.present,
        drive: current.drive,
        speed: current.speed,
        theme: current.theme,
        embed: current.embed.clone(),
        ..saved
    }
}

/// Whether `a` and `b` run the same scenario with the same schedule: the page then keeps
/// its run and only moves the cursor, since no new run will arrive to move it after.
pub fn same_run(a: &Link, b: &Link) -> bool {
    a.hand == b.hand && a.scenario().0 == b.scenario().0
}
