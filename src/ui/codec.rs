//! One codec for the settings a learner can save: each is read and written here, once, and
//! its limit lives beside its reader. Two formats use it: the URL hash ([`super::link`],
//! text that is forgiving: what it cannot read is left out and named) and the saved file
//! ([`super::export`], JSON that is strict: the first bad field is named by its path). Both
//! read a number through the same [`Number`] (so a step too large for a link is too large
//! for a file), a name through the same [`Named`] lookup, a schedule's picks through
//! [`picks_from_text`], a clock time through [`parse_clock`] and a bound through
//! [`bound_of`]; and both write them through the same writers.
//!
//! Pure Rust, tested natively (`tests/formats.rs` pins both formats).

use crate::cascade::{DwfmRetry, Response, RetryPolicy};
use crate::explore::Bound;
use crate::scenario::{read_names, Mitigation, KNOBS, PRESETS};
use crate::sim::Actor;
use serde_json::Value;
use std::fmt;

/// Why a saved file could not be opened: the first field that is wrong, and what is wrong
/// with it.
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

/// The error of the field at `path`.
pub fn at(path: impl Into<String>, problem: impl Into<String>) -> ImportError {
    ImportError { path: Some(path.into()), problem: problem.into() }
}

/// Untrusted text (a part of a hash, a piece of an imported file) quoted for a message: at
/// most 40 characters, control characters replaced, so that it cannot flood or garble it.
pub fn quote(text: &str) -> String {
    let mut quoted: String =
        text.chars().take(40).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    if text.chars().count() > 40 {
        quoted.push('…');
    }
    quoted
}

/// A piece of a file quoted for a message: JSON as written, quoted as [`quote`] does.
pub fn show(value: &Value) -> String {
    quote(&serde_json::to_string(value).unwrap_or_default())
}

/// A whole-number setting and its limit, the same in a link and in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    /// The largest value read.
    pub max: u64,
    /// What a link says of a value it cannot read: "not {what}".
    pub what: &'static str,
}

/// A seed: any `u64`.
pub const SEED: Number = Number { max: u64::MAX, what: "a whole number" };
/// A knob's value: any `u64` here; whether the scenario takes it is the scenario's check.
pub const KNOB: Number = Number { max: u64::MAX, what: "a whole number" };
/// A position in a run (the step, a schedule's fork, an embed's range): a `u32`, as the
/// player counts events.
pub const EVENTS: Number = Number { max: u32::MAX as u64, what: "a whole number of events" };
/// A bound's count of Enactors or endpoints: a `u8`, as [`Bound`] holds them.
pub const BOUND_COUNT: Number = Number { max: u8::MAX as u64, what: "a whole number" };
/// A bound's plans and margins: a `u32`, as [`Bound`] holds them.
pub const BOUND_GENERATIONS: Number = Number { max: u32::MAX as u64, what: "a whole number" };

impl Number {
    /// The value a link writes (`None`: not a whole number within the limit).
    pub fn from_text(self, text: &str) -> Option<u64> {
        text.parse::<u64>().ok().filter(|&n| n <= self.max)
    }

    /// The value a file holds at `path`.
    pub fn from_json(self, value: &Value, path: &str) -> Result<u64, ImportError> {
        match value {
            Value::Number(n) => match n.as_u64() {
                Some(x) if x <= self.max => Ok(x),
                Some(_) => Err(at(path, format!("{n} is too large (at most {})", self.max))),
                None => Err(at(path, format!("{n} is not a whole number of 0 or more"))),
            },
            _ => Err(at(path, format!("{} is not a whole number", show(value)))),
        }
    }

    /// A value read as `u32`: every [`Number`] whose limit fits one (checked on reading).
    pub fn narrow(n: u64) -> u32 {
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

/// A setting whose value is one of a fixed set of names (a preset, a mitigation, a retry
/// policy, a response): how each is named, looked up, and called in messages.
pub trait Named: Copy + Ord + Sized + 'static {
    /// What one is called in a message: "no such {WHAT}".
    const WHAT: &'static str;
    /// Whether a message about an unknown one lists the names (for a single choice, not an
    /// item of a list).
    const LISTED: bool = false;
    /// Every one, in order.
    fn all() -> &'static [Self];
    /// Its name in a link and a file.
    fn name(self) -> &'static str;
    /// The one named `name`.
    fn named(name: &str) -> Option<Self> {
        Self::all().iter().copied().find(|x| x.name() == name)
    }
    /// Every name, for a message that lists them (`None`: the message does not list them).
    fn names() -> Option<String> {
        Self::LISTED.then(|| Self::all().iter().map(|x| x.name()).collect::<Vec<_>>().join(", "))
    }
}

/// [`Named`] for a type of the core with an `ALL` array and a `name` method.
macro_rules! named {
    ($type:ty, $what:literal, listed: $listed:literal) => {
        impl Named for $type {
            const WHAT: &'static str = $what;
            const LISTED: bool = $listed;
            fn all() -> &'static [Self] {
                &<$type>::ALL
            }
            fn name(self) -> &'static str {
                <$type>::name(self)
            }
        }
    };
}

named!(Mitigation, "mitigation", listed: false);
named!(Response, "response", listed: false);
named!(RetryPolicy, "retry policy", listed: true);
named!(DwfmRetry, "DWFM retry", listed: true);

/// A preset, by its name (one of [`PRESETS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Preset(pub &'static str);

impl Named for Preset {
    const WHAT: &'static str = "scenario";
    const LISTED: bool = true;
    fn all() -> &'static [Self] {
        const ALL: [Preset; PRESETS.len()] = {
            let mut all = [Preset(""); PRESETS.len()];
            let mut i = 0;
            while i < PRESETS.len() {
                all[i] = Preset(PRESETS[i].name);
                i += 1;
            }
            all
        };
        &ALL
    }
    fn name(self) -> &'static str {
        self.0
    }
}

/// The one named by the string at `path` of a file.
pub fn named_from_json<T: Named>(value: &Value, path: &str) -> Result<T, ImportError> {
    let name = value.as_str().ok_or_else(|| at(path, format!("{} is not a name", show(value))))?;
    T::named(name).ok_or_else(|| {
        let names = T::names().map(|n| format!(" ({n})")).unwrap_or_default();
        at(path, format!("no such {} {}{names}", T::WHAT, show(value)))
    })
}

/// The names of a link's comma-separated list (`m=a,b`), sorted, each once; and the names
/// it does not know, in order, for the notice. Forgiving, as a link is: a bad name leaves
/// the others.
pub fn list_from_text<T: Named>(text: &str) -> (Vec<T>, Vec<&str>) {
    read_names(text, T::named)
}

/// The names of a file's list at `path`, sorted. Strict, as a file is: a name it does not
/// know, or one listed twice, is an error at its index.
pub fn list_from_json<T: Named>(value: &Value, path: &str) -> Result<Vec<T>, ImportError> {
    let list = value.as_array().ok_or_else(|| at(path, format!("{} is not a list of names", show(value))))?;
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = format!("{path}[{i}]");
        let name = item.as_str().ok_or_else(|| at(&path, format!("{} is not a name", show(item))))?;
        let x = T::named(name).ok_or_else(|| at(&path, format!("no such {} {}", T::WHAT, show(item))))?;
        if out.contains(&x) {
            return Err(at(&path, format!("{} is listed twice", show(item))));
        }
        out.push(x);
    }
    out.sort();
    Ok(out)
}

/// The names of a list, as both formats write them.
pub fn names_of<T: Named>(list: &[T]) -> Vec<&'static str> {
    list.iter().map(|&x| x.name()).collect()
}

/// A knob by its field name (one of [`KNOBS`]).
pub fn knob_named(name: &str) -> Option<&'static str> {
    KNOBS.iter().find(|k| k.name == name).map(|k| k.name)
}

/// Sorts knobs in the order of [`KNOBS`], as both formats keep them.
pub fn sort_knobs(knobs: &mut [(&'static str, u64)]) {
    knobs.sort_by_key(|(name, _)| KNOBS.iter().position(|k| k.name == *name));
}

/// The letter of `actor` in a schedule's picks.
pub fn actor_letter(actor: Actor) -> char {
    match actor {
        Actor::Planner => 'P',
        Actor::Enactor(i) => char::from(b'A' + i.min(25)),
        Actor::Client => 'R',
        Actor::Operator => 'O',
    }
}

/// The actor of a letter in a schedule's picks (Enactors `A` to `C`): the inverse of
/// [`actor_letter`].
pub fn letter_actor(letter: char) -> Option<Actor> {
    match letter {
        'P' => Some(Actor::Planner),
        'A' | 'B' | 'C' => Some(Actor::Enactor(letter as u8 - b'A')),
        'R' => Some(Actor::Client),
        'O' => Some(Actor::Operator),
        _ => None,
    }
}

/// The most picks a schedule holds, in a link and in a file alike. A link cannot carry more
/// (the whole hash is at most [`super::link::HASH_LENGTH_MAX`] characters); a file could,
/// and 300,000 picks once crashed the page (every pick is an event replayed with its
/// checkpoints), so a file is held to the link's limit, checked before anything runs.
pub const PICKS_MAX: usize = 4_000;

/// Why a schedule's picks cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PicksError {
    /// More than [`PICKS_MAX`] letters.
    TooMany,
    /// The index and letter of the first that is not an actor.
    NotActor(usize, char),
}

impl PicksError {
    /// What is wrong, in the words of a link's notice and a file's error.
    pub fn problem(self) -> String {
        match self {
            PicksError::TooMany => {
                format!("more than {PICKS_MAX} picks (a schedule holds at most {PICKS_MAX})")
            }
            PicksError::NotActor(_, c) => {
                format!("{} is not an actor (P, A, B, C, R, O)", quote(&format!("{c:?}")))
            }
        }
    }
}

/// The picks of a schedule, written as letters in both formats (`PABR`), at most
/// [`PICKS_MAX`]: the length is checked first, without reading past the limit, so a hostile
/// file of millions of letters costs nothing.
pub fn picks_from_text(letters: &str) -> Result<Vec<Actor>, PicksError> {
    if letters.chars().nth(PICKS_MAX).is_some() {
        return Err(PicksError::TooMany);
    }
    letters.chars().enumerate().map(|(i, c)| letter_actor(c).ok_or(PicksError::NotActor(i, c))).collect()
}

/// The letters of a schedule's picks.
pub fn picks_text(picks: &[Actor]) -> String {
    picks.iter().map(|&a| actor_letter(a)).collect()
}

/// Reads a PDT clock time written `HHMM` (`0530`) into minutes after midnight.
pub fn parse_clock(value: &str) -> Option<u16> {
    if value.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: u16 = value.get(..2)?.parse().ok()?;
    let minutes: u16 = value.get(2..)?.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// Writes minutes after midnight as `HHMM` (the inverse of [`parse_clock`]).
pub fn format_clock(minutes: u16) -> String {
    format!("{:02}{:02}", minutes / 60 % 24, minutes % 60)
}

/// The fields of a bound, in the order a link writes them (`3.2.4.1.2`), with their limits.
pub const BOUND_FIELDS: [(&str, Number); 5] = [
    ("enactors", BOUND_COUNT),
    ("endpoints", BOUND_COUNT),
    ("generations", BOUND_GENERATIONS),
    ("cleanup_margin_generations", BOUND_GENERATIONS),
    ("wide_cleanup_margin_generations", BOUND_GENERATIONS),
];

/// The bound of five numbers, each within its limit in [`BOUND_FIELDS`], checked as the
/// explorer checks it; the error names the field and what is wrong.
pub fn bound_of(numbers: [u64; 5]) -> Result<Bound, (&'static str, String)> {
    for ((name, limit), &n) in BOUND_FIELDS.iter().zip(&numbers) {
        if n > limit.max {
            return Err((name, format!("{n} is too large (at most {})", limit.max)));
        }
    }
    let [enactors, endpoints, generations, margin, wide] = numbers;
    // Each fits its type: checked just above against its limit.
    let small = |n: u64| u8::try_from(n).unwrap_or(u8::MAX);
    let bound = Bound {
        enactors: small(enactors),
        endpoints: small(endpoints),
        generations: Number::narrow(generations),
        cleanup_margin_generations: Number::narrow(margin),
        wide_cleanup_margin_generations: Number::narrow(wide),
    };
    bound.validate().map(|()| bound).map_err(|e| (e.knob, e.problem))
}

/// The five numbers of a bound, in the order of [`BOUND_FIELDS`].
pub fn bound_numbers(b: Bound) -> [u64; 5] {
    [
        b.enactors.into(),
        b.endpoints.into(),
        b.generations.into(),
        b.cleanup_margin_generations.into(),
        b.wide_cleanup_margin_generations.into(),
    ]
}
