//! Links: what the learner set, in the page's URL hash, so that a link reopens that exact
//! moment. Pure Rust, tested natively: [`decode`] never fails, it keeps what it understands
//! and says what it ignored.
//!
//! Version 1 (`#v=1&m=conditional-write,safe-cleanup&step=254`), every key optional:
//! * `v`: the format's version, `1`;
//! * what runs: `s` a preset (`incident`, `calm`, `random`, `zone-failure`), `seed` its
//!   seed, and any knob of the scenario by its field name (`backoff_ms_max=9000`,
//!   `slow_enactor.lock_losses=3`); or `bound` an explorer bound
//!   (`enactors.endpoints.generations.margin.wide-margin`, as `3.2.4.1.2`);
//! * `m`: the mitigations switched on, comma-separated (kebab-case names);
//! * a schedule picked by hand: `fork` events of the timed run, then `pick`, one letter per
//!   event for the actor that moved (`P` Planner, `A` `B` `C` Enactors, `R` a client
//!   resolves, `O` operators);
//! * `step`: the cursor, in events applied (0: before the first event);
//! * the view: `chapter` (a chapter of the guided tour), `present=1` (presenter mode),
//!   `drive=1` (you are the scheduler), `speed` (playback, a power of two events per
//!   second, -1 to 7), `theme=light|dark`;
//! * an embed: `embed=1`, with `autoplay=1`, `controls=0`, `from` and `to` (a step range);
//! * after the record comes back (the cascade section): `policy` the clients' retry policy
//!   and `vs` a second one to compare (kebab-case names: `none`, `immediate`, `backoff`,
//!   `full-jitter`, `retry-budget`, `circuit-breaker`), `respond` the operator actions and
//!   fixes switched on (comma-separated names, `none` for none; absent: the three operator
//!   actions of 2025; `serve-stale` is the clients' resolvers' switch), `dwfm` what an EC2
//!   host does when its lease attempt times out (`requeue`, the default and 2025's,
//!   `backoff`, `deadline`), and `at` the charts' cursor as a PDT clock time `HHMM` (`at=0530`:
//!   the first 05:30 after the run's start, so `2350` is 19 October and `0530` the 20th).
//!
//! Defaults are left out, so the incident before its first event is the bare page.

use super::codec::{self, Named, Number, Preset};
pub use super::codec::{actor_letter, format_clock, letter_actor, parse_clock, quote};
use super::replay::Replay;
use super::state::{SPEED_EXPONENT_MAX, SPEED_EXPONENT_MIN};
use super::tour::Chapter;
use crate::cascade::{DwfmRetry, Response, RetryPolicy};
use crate::explore::{replay_scenario, Bound};
use crate::scenario::{InvalidScenario, Mitigation, Scenario, PRESETS};
use crate::sim::{Actor, RunBudget, Trace};

/// The version this page writes and reads.
pub const VERSION: &str = "1";

/// A hash longer than this is not read at all: no learner writes one, and a hostile one
/// should not cost the page anything. A schedule picked by hand is a letter an event.
pub const HASH_LENGTH_MAX: usize = 4_000;

/// The preset a link runs when it names none.
pub const PRESET_DEFAULT: &str = "incident";

/// Which scenario a link runs, before its mitigations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// A named preset (one of [`PRESETS`]).
    Preset(&'static str),
    /// The miniature system the explorer searches (its counterexamples are shared so).
    Bound(Bound),
}

impl Default for Base {
    fn default() -> Self {
        Base::Preset(PRESET_DEFAULT)
    }
}

/// A schedule picked by hand: the first `fork` events of the timed run, then one event of
/// each actor in `picks`, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hand {
    /// How many events of the timed run come first.
    pub fork: u32,
    /// Who moved next, event by event.
    pub picks: Vec<Actor>,
}

/// Page colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on light paper.
    Light,
    /// Light text on a dark ground.
    Dark,
}

impl Theme {
    /// The name in a link and in the page's `data-theme`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// How a page inside a host's iframe shows itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// Playback starts on its own.
    pub autoplay: bool,
    /// The playback controls are shown (`controls=0` hides them: a figure).
    pub controls: bool,
    /// The first position shown (the cursor starts here; playback starts here).
    pub from: Option<u32>,
    /// The last position shown (playback stops here).
    pub to: Option<u32>,
}

impl Default for Embed {
    fn default() -> Self {
        Embed { autoplay: false, controls: true, from: None, to: None }
    }
}

/// What a link sets, by concern: which run, where its cursor is, how the page shows it, and
/// what the section after the race runs. Each rule about links compares or replaces one of
/// these parts (Back and Forward: [`Link::differs_beyond_step`]; opening a file:
/// [`super::export::reopened`]; the tour: [`super::tour::incident_link`]), so a new setting
/// lands in one part and every rule already treats it as its part says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// Which run: the scenario, its knobs and mitigations, and the schedule.
    pub run: Run,
    /// Where the learner is in that run.
    pub cursor: Cursor,
    /// How the page shows it: the tour, presenter mode, speed, colours, an embed.
    pub view: View,
    /// What the section after the race runs on that run.
    pub cascade: CascadeChoice,
}

/// Which run a link shows: everything that goes into the trace, so that equal `Run`s give
/// the same digest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The scenario, before knobs and mitigations.
    pub base: Base,
    /// The seed, if not the preset's.
    pub seed: Option<u64>,
    /// Knobs set to other values than the preset's, by field name as in [`crate::scenario::KNOBS`], in the
    /// order of [`crate::scenario::KNOBS`].
    pub knobs: Vec<(&'static str, u64)>,
    /// The mitigations switched on (sorted, each once).
    pub mitigations: Vec<Mitigation>,
    /// A schedule picked by hand instead of the timed scheduler's.
    pub hand: Option<Hand>,
}

/// Where the learner is: the replay's cursor and the charts' own cursor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The replay's cursor, in events applied (`None`: the start).
    pub step: Option<u32>,
    /// The charts' cursor, as a PDT clock time in minutes after midnight (`None`: it follows
    /// the replay's step).
    pub at: Option<u16>,
}

/// How the page shows the run: none of it changes the trace or the cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// The chapter of the guided tour being read.
    pub chapter: Option<Chapter>,
    /// Presenter mode: large type and speaker notes.
    pub present: bool,
    /// "You are the scheduler": the learner picks who moves next.
    pub drive: bool,
    /// Playback speed, a power of two events per second.
    pub speed: Option<i8>,
    /// Colours (`None`: the reader's system setting).
    pub theme: Option<Theme>,
    /// Inside a host's iframe.
    pub embed: Option<Embed>,
}

/// What the section after the race runs (the cascade's settings a learner can change).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CascadeChoice {
    /// The clients' retry policy after the record comes back (`None`: the default).
    pub policy: Option<RetryPolicy>,
    /// A second retry policy, run beside the first to compare.
    pub vs: Option<RetryPolicy>,
    /// The operator actions and fixes switched on (sorted, each once; `None`: the three
    /// operator actions of 2025).
    pub respond: Option<Vec<Response>>,
    /// What an EC2 host does when its lease attempt times out in DWFM's queue (`None`: the
    /// default, `requeue`, as in 2025).
    pub dwfm: Option<DwfmRetry>,
}

impl Link {
    /// Whether `other` is a different thing to look at, not just another step of it:
    /// Back and Forward move between those, not between steps. Both cursors are cursors,
    /// and picking the next actor by hand is stepping too (but leaving the timed run is not).
    pub fn differs_beyond_step(&self, other: &Link) -> bool {
        self.run.differs_beyond_picks(&other.run) || self.view != other.view || self.cascade != other.cascade
    }

    /// Whether `other` differs from this link in its cursors only (the replay's step, the
    /// charts' moment): a held arrow key or a dragged cursor changes them many times a
    /// second, and each write of the address costs the page a few milliseconds, so the
    /// address waits for them to rest.
    pub fn differs_only_in_cursors(&self, other: &Link) -> bool {
        self.cursor != other.cursor && self.same_apart_from_cursors(other)
    }

    /// Whether `other` is this link, or this link at other cursors: the same run, view and
    /// cascade.
    pub fn same_apart_from_cursors(&self, other: &Link) -> bool {
        self.run == other.run && self.view == other.view && self.cascade == other.cascade
    }

    /// The link of `run` with nothing else set.
    pub fn of_run(run: Run) -> Link {
        Link { run, ..Link::default() }
    }

    /// The link of a schedule the explorer found in the system of `bound`: the events of
    /// `trace` (a run of `bound.scenario(mitigations)`), by who moved.
    pub fn of_schedule(bound: Bound, trace: &Trace) -> Link {
        Link::of_run(Run {
            base: Base::Bound(bound),
            mitigations: trace.scenario.mitigations.clone(),
            hand: Some(Hand { fork: 0, picks: trace.steps.iter().map(|s| s.event.actor()).collect() }),
            ..Run::default()
        })
    }

    /// The link of one of the explorer's random runs: `preset` with `seed`, run until
    /// `end_ms` if that is later than the preset's end (see [`replay_scenario`]).
    pub fn of_random_run(preset: &'static str, seed: u64, mitigations: &[Mitigation], end_ms: u64) -> Link {
        let preset = PRESETS.iter().find(|p| p.name == preset).map_or(PRESET_DEFAULT, |p| p.name);
        let duration = |s: Option<Scenario>| s.map(|s| s.duration_ms);
        let (ran, usual) = (
            duration(replay_scenario(preset, seed, mitigations, end_ms)),
            duration(Scenario::preset(preset, seed)),
        );
        Link::of_run(Run {
            base: Base::Preset(preset),
            seed: Some(seed),
            knobs: ran.filter(|&d| Some(d) != usual).map(|d| ("duration_ms", d)).into_iter().collect(),
            mitigations: mitigations.to_vec(),
            hand: None,
        })
    }

    /// The same link opened outside a host's iframe (the full page): "Open the full replay",
    /// the link a learner shares.
    pub fn outside_embed(&self) -> Link {
        Link { view: View { embed: None, ..self.view.clone() }, ..self.clone() }
    }

    /// The same link with the replay's cursor at `step` (0: the start, which a link leaves out).
    pub fn at_step(&self, step: u32) -> Link {
        Link { cursor: Cursor { step: (step > 0).then_some(step), ..self.cursor }, ..self.clone() }
    }
}

impl Run {
    /// Whether `other` is another run, not the same one with other picks by hand.
    pub fn differs_beyond_picks(&self, other: &Run) -> bool {
        let rest = |r: &Run| Run { hand: None, ..r.clone() };
        rest(self) != rest(other) || self.hand.is_some() != other.hand.is_some()
    }

    /// Whether this is the 2025 incident as the tour tells it (its preset, seed and knobs,
    /// the timed schedule), whatever the mitigations.
    pub fn is_incident_schedule(&self) -> bool {
        self.base == Base::default() && self.seed.is_none() && self.knobs.is_empty() && self.hand.is_none()
    }

    /// The same run with mitigation `m` switched on if it was off, off if it was on.
    pub fn toggled(&self, m: Mitigation) -> Run {
        let mut next = self.clone();
        match next.mitigations.iter().position(|&x| x == m) {
            Some(i) => {
                next.mitigations.remove(i);
            }
            None => {
                next.mitigations.push(m);
                next.mitigations.sort();
            }
        }
        next
    }

    /// The run of another preset: its own seed and knobs, and no schedule of the last one;
    /// the mitigations stay.
    pub fn with_preset(&self, preset: &'static str) -> Run {
        Run { base: Base::Preset(preset), mitigations: self.mitigations.clone(), ..Run::default() }
    }

    /// The scenario this run uses, and a sentence for each knob left out because the
    /// scenario would not run with it (the scenario's own check names the knob).
    pub fn scenario(&self) -> (Scenario, Vec<String>) {
        let mut ignored = Vec::new();
        let base = match self.base {
            Base::Preset(name) => Scenario::preset(name, self.seed.unwrap_or(1)),
            Base::Bound(bound) => Some(bound.scenario(&[])),
        };
        let mut base = base.unwrap_or_else(Scenario::incident);
        if let Some(seed) = self.seed {
            base.seed = seed;
        }
        let build = |knobs: &[(&'static str, u64)], ignored: &mut Vec<String>| {
            with_knobs(&base, knobs, ignored).with_mitigations(&self.mitigations)
        };
        // A knob must fit the model's ranges and, with the others, the run's budget: a run
        // over it is refused before it runs, so the knob is left out and named here.
        let runs = |scenario: &Scenario| scenario.validate().and_then(|()| RunBudget::PAGE.admit(scenario));
        let scenario = build(&self.knobs, &mut ignored);
        if runs(&scenario).is_ok() {
            return (scenario, ignored);
        }
        // Some knob, or a pair (a shortest above a longest), does not fit: keep each knob in
        // turn only if the scenario still runs with it, and say why the others were left out.
        let mut kept: Vec<(&'static str, u64)> = Vec::new();
        let mut quiet = Vec::new();
        for &(name, value) in &self.knobs {
            kept.push((name, value));
            if let Err(InvalidScenario { knob, problem }) = runs(&build(&kept, &mut quiet)) {
                kept.pop();
                ignored.push(format!(
                    "{name}={value}: {}",
                    if knob == name { problem } else { format!("{knob} {problem}") }
                ));
            }
        }
        let scenario = build(&kept, &mut quiet);
        match runs(&scenario) {
            Ok(()) => (scenario, ignored),
            // The mitigations do not fit the base: the base alone, and say so.
            Err(problem) => {
                let names: Vec<&str> = self.mitigations.iter().map(|m| m.name()).collect();
                ignored
                    .push(format!("m={}: this scenario cannot run with them ({problem})", names.join(",")));
                (base, ignored)
            }
        }
    }

    /// The replay of this run: its scenario, played by the timed scheduler or by the picks,
    /// and a note if a pick could not move. Deterministic: the same run gives the same trace.
    pub fn replay(&self) -> Result<(Replay, Option<String>), InvalidScenario> {
        self.play(&self.scenario().0)
    }

    /// `scenario` (this run's, or a host page's with this run's mitigations) played with this
    /// run's schedule: the timed scheduler's, or the picks.
    pub fn play(&self, scenario: &Scenario) -> Result<(Replay, Option<String>), InvalidScenario> {
        match &self.hand {
            None => Replay::run(scenario).map(|r| (r, None)),
            Some(hand) => Replay::hand(scenario, hand),
        }
    }
}

/// `base` with `knobs` set through its serialised form, so that every knob (a fault's too)
/// is set by its field name. A knob the scenario has no place for (a fault that is off) or
/// whose value does not fit its type is left out and named in `ignored`.
fn with_knobs(base: &Scenario, knobs: &[(&'static str, u64)], ignored: &mut Vec<String>) -> Scenario {
    if knobs.is_empty() {
        return base.clone();
    }
    let Ok(mut json) = serde_json::to_value(base) else {
        return base.clone();
    };
    let mut scenario = base.clone();
    for &(name, value) in knobs {
        let mut trial = json.clone();
        let slot = match name.split_once('.') {
            Some((fault, field)) => trial.get_mut(fault).and_then(|f| f.as_object_mut()).map(|f| (f, field)),
            None => trial.as_object_mut().map(|o| (o, name)),
        };
        let Some((object, field)) = slot else {
            ignored.push(format!(
                "{name}={value}: this scenario has no {}",
                name.split('.').next().unwrap_or(name)
            ));
            continue;
        };
        object.insert(field.to_string(), value.into());
        match serde_json::from_value::<Scenario>(trial.clone()) {
            Ok(next) => {
                json = trial;
                scenario = next;
            }
            Err(_) => ignored.push(format!("{name}={value}: too large for this setting")),
        }
    }
    scenario
}

/// A decoded hash: the link, and a sentence per part that was ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// What the hash sets, defaults for the rest.
    pub link: Link,
    /// What was ignored and why, for the page's notice ("`zoom=3`: unknown setting").
    pub ignored: Vec<String>,
    /// The element a fragment such as `#sources` names (see [`anchor`]): the hash is an
    /// in-page anchor, not a link, and sets nothing.
    pub anchor: Option<String>,
}

/// The longest fragment read as an in-page anchor: the page's ids are short words.
pub const ANCHOR_LENGTH_MAX: usize = 64;

/// The element id of an in-page anchor (`#sources`, `#cascade`, `#tour`), or `None` for a
/// link. A link is always `key=value` pairs; a fragment that is one word (letters, digits,
/// `-`, `_`; no `=`, no `&`) is what the page's own `<a href="#sources">`, a heading's
/// anchor or a reader's bookmark puts in the address, and it must scroll to that element,
/// never reset what the learner set (the Sources link once switched the mitigations off and
/// moved the cursor to the start).
pub fn anchor(hash: &str) -> Option<&str> {
    let id = hash.strip_prefix('#').unwrap_or(hash);
    let word = !id.is_empty()
        && id.len() <= ANCHOR_LENGTH_MAX
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    word.then_some(id)
}

/// Reads `1` or `0` (also `true`/`false`) for a switch.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// Reads a bound written as `3.2.4.1.2` (the wide margin may be left out: margin + 1), each
/// number within its limit in [`codec::BOUND_FIELDS`], as a file's bound.
fn parse_bound(value: &str) -> Result<Bound, String> {
    const SHAPE: &str = "not five whole numbers (enactors.endpoints.generations.margin.wide-margin)";
    let numbers: Vec<u64> = value.split('.').map(str::parse).collect::<Result<_, _>>().map_err(|_| SHAPE)?;
    let numbers = match numbers[..] {
        [e, p, g, m, w] => [e, p, g, m, w],
        [e, p, g, m] => [e, p, g, m, m.saturating_add(1)],
        _ => return Err(SHAPE.into()),
    };
    codec::bound_of(numbers).map_err(|(field, problem)| format!("{field}: {problem}"))
}

/// Reads a URL hash (with or without its leading `#`). Never fails: what it does not
/// understand is listed in [`Decoded::ignored`] and left at its default. A fragment that is
/// an in-page [`anchor`] (`#sources`) is no link: it sets nothing and names its element in
/// [`Decoded::anchor`]. Each setting is read
/// by [`codec`], as a saved file's is, with the same limits.
pub fn decode(hash: &str) -> Decoded {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let mut decoded = Decoded::default();
    if hash.is_empty() {
        return decoded;
    }
    if let Some(id) = anchor(hash) {
        decoded.anchor = Some(id.to_string());
        return decoded;
    }
    if hash.len() > HASH_LENGTH_MAX {
        decoded.ignored.push(format!("the whole link: longer than {HASH_LENGTH_MAX} characters"));
        return decoded;
    }
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(hash.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    if let Some((_, version)) = pairs.iter().find(|(k, _)| k == "v") {
        if version != VERSION {
            decoded.ignored.push(format!(
                "the whole link: version {} is not one this page reads (it reads {VERSION})",
                quote(version)
            ));
            return decoded;
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut embed = Embed::default();
    let mut embed_options: Vec<String> = Vec::new();
    let mut pick: Option<Vec<Actor>> = None;
    let mut fork: Option<u32> = None;
    let Decoded { link, ignored, .. } = &mut decoded;
    for (key, value) in &pairs {
        if seen.contains(&key.as_str()) {
            ignored.push(format!("{}={}: set twice; the first one counts", quote(key), quote(value)));
            continue;
        }
        seen.push(key);
        let mut bad = |why: &str| ignored.push(format!("{}={}: {why}", quote(key), quote(value)));
        let events = || codec::EVENTS.from_text(value).map(Number::narrow);
        let not_events = format!("not {}", codec::EVENTS.what);
        match key.as_str() {
            "v" => {}
            "s" => match Preset::named(value) {
                Some(Preset(name)) if link.run.base == Base::default() => link.run.base = Base::Preset(name),
                Some(_) => bad("a link runs a preset or a bound, not both; the bound counts"),
                None => bad("no such scenario"),
            },
            "bound" => match parse_bound(value) {
                Ok(bound) if link.run.base == Base::default() => link.run.base = Base::Bound(bound),
                Ok(_) => bad("a link runs a preset or a bound, not both; the preset counts"),
                Err(why) => bad(&why),
            },
            "seed" => match codec::SEED.from_text(value) {
                Some(seed) => link.run.seed = Some(seed),
                None => bad(&format!("not {}", codec::SEED.what)),
            },
            "m" => {
                let (on, unknown) = codec::list_from_text::<Mitigation>(value);
                link.run.mitigations = on;
                for name in unknown {
                    ignored.push(format!("m={}: no such mitigation", quote(name)));
                }
            }
            "step" => match events() {
                Some(step) => link.cursor.step = Some(step),
                None => bad(&not_events),
            },
            "fork" => match events() {
                Some(n) => fork = Some(n),
                None => bad(&not_events),
            },
            "pick" => match codec::picks_from_text(value) {
                Ok(actors) => pick = Some(actors),
                Err(codec::PicksError::TooMany) => bad(&codec::PicksError::TooMany.problem()),
                Err(_) => bad("not a list of actors (P, A, B, C, R, O)"),
            },
            "chapter" => match Chapter::from_id(value) {
                Some(chapter) => link.view.chapter = Some(chapter),
                None => bad("no such chapter"),
            },
            "present" | "drive" | "embed" | "autoplay" | "controls" => match flag(value) {
                Some(on) => match key.as_str() {
                    "present" => link.view.present = on,
                    "drive" => link.view.drive = on,
                    "embed" => {
                        if on {
                            link.view.embed = Some(Embed::default());
                        }
                    }
                    "autoplay" => {
                        embed.autoplay = on;
                        embed_options.push(key.clone());
                    }
                    _ => {
                        embed.controls = on;
                        embed_options.push(key.clone());
                    }
                },
                None => bad("not 1 or 0"),
            },
            "from" | "to" => match events() {
                Some(n) => {
                    if key == "from" {
                        embed.from = Some(n);
                    } else {
                        embed.to = Some(n);
                    }
                    embed_options.push(key.clone());
                }
                None => bad(&not_events),
            },
            "speed" => match value.parse::<i8>() {
                Ok(s) if (SPEED_EXPONENT_MIN..=SPEED_EXPONENT_MAX).contains(&s) => link.view.speed = Some(s),
                _ => bad(&format!("not a whole number from {SPEED_EXPONENT_MIN} to {SPEED_EXPONENT_MAX}")),
            },
            "policy" | "vs" => match RetryPolicy::named(value) {
                Some(policy) if key == "policy" => link.cascade.policy = Some(policy),
                Some(policy) => link.cascade.vs = Some(policy),
                None => bad("no such retry policy"),
            },
            "dwfm" => match DwfmRetry::named(value) {
                // The default is left out, as the page writes it.
                Some(dwfm) => link.cascade.dwfm = (dwfm != DwfmRetry::default()).then_some(dwfm),
                None => bad("no such DWFM retry"),
            },
            "respond" => {
                let (on, unknown) =
                    codec::list_from_text::<Response>(if value == "none" { "" } else { value });
                for name in unknown {
                    ignored.push(format!("respond={}: no such response", quote(name)));
                }
                // A list of nothing but unknown names is left out whole: the default stays.
                if value == "none" || !on.is_empty() {
                    link.cascade.respond = Some(on);
                }
            }
            "at" => match parse_clock(value) {
                Some(minutes) => link.cursor.at = Some(minutes),
                None => bad("not a PDT clock time written HHMM (0000 to 2359)"),
            },
            "theme" => match value.as_str() {
                "light" => link.view.theme = Some(Theme::Light),
                "dark" => link.view.theme = Some(Theme::Dark),
                _ => bad("not light or dark"),
            },
            _ => match codec::knob_named(key) {
                Some(name) => match codec::KNOB.from_text(value) {
                    Some(n) => link.run.knobs.push((name, n)),
                    None => bad(&format!("not {}", codec::KNOB.what)),
                },
                None => bad("not a setting this page knows"),
            },
        }
    }
    codec::sort_knobs(&mut link.run.knobs);
    match (&mut link.view.embed, embed_options.is_empty()) {
        (Some(options), _) => {
            if let (Some(from), Some(to)) = (embed.from, embed.to) {
                if from > to {
                    ignored.push(format!("from={from}&to={to}: the range ends before it starts"));
                    embed.from = None;
                    embed.to = None;
                }
            }
            *options = embed;
        }
        (None, false) => {
            ignored.push(format!("{}: embed options, for a link with embed=1", embed_options.join(", ")))
        }
        (None, true) => {}
    }
    match (fork, pick) {
        (fork, Some(picks)) => link.run.hand = Some(Hand { fork: fork.unwrap_or(0), picks }),
        (Some(fork), None) => link.run.hand = Some(Hand { fork, picks: Vec::new() }),
        (None, None) => {}
    }
    decoded
}

/// The hash of `link`, without the leading `#`: empty for the defaults. Each setting is
/// written by [`codec`], as a saved file writes it.
pub fn encode(link: &Link) -> String {
    if link == &Link::default() {
        return String::new();
    }
    let Link { run, cursor, view, cascade } = link;
    let mut hash = form_urlencoded::Serializer::new(String::new());
    hash.append_pair("v", VERSION);
    match run.base {
        Base::Preset(PRESET_DEFAULT) => {}
        Base::Preset(name) => {
            hash.append_pair("s", name);
        }
        Base::Bound(b) => {
            let numbers: Vec<String> = codec::bound_numbers(b).iter().map(u64::to_string).collect();
            hash.append_pair("bound", &numbers.join("."));
        }
    }
    if let Some(seed) = run.seed {
        hash.append_pair("seed", &seed.to_string());
    }
    for (name, value) in &run.knobs {
        hash.append_pair(name, &value.to_string());
    }
    if !run.mitigations.is_empty() {
        hash.append_pair("m", &codec::names_of(&run.mitigations).join(","));
    }
    if let Some(hand) = &run.hand {
        if hand.fork > 0 {
            hash.append_pair("fork", &hand.fork.to_string());
        }
        hash.append_pair("pick", &codec::picks_text(&hand.picks));
    }
    if let Some(step) = cursor.step {
        hash.append_pair("step", &step.to_string());
    }
    if let Some(chapter) = view.chapter {
        hash.append_pair("chapter", chapter.id());
    }
    if view.present {
        hash.append_pair("present", "1");
    }
    if view.drive {
        hash.append_pair("drive", "1");
    }
    if let Some(speed) = view.speed {
        hash.append_pair("speed", &speed.to_string());
    }
    if let Some(theme) = view.theme {
        hash.append_pair("theme", theme.name());
    }
    if let Some(policy) = cascade.policy {
        hash.append_pair("policy", policy.name());
    }
    if let Some(vs) = cascade.vs {
        hash.append_pair("vs", vs.name());
    }
    if let Some(respond) = &cascade.respond {
        let names = codec::names_of(respond);
        let list = if names.is_empty() { "none".to_string() } else { names.join(",") };
        hash.append_pair("respond", &list);
    }
    if let Some(dwfm) = cascade.dwfm {
        hash.append_pair("dwfm", dwfm.name());
    }
    if let Some(at) = cursor.at {
        hash.append_pair("at", &format_clock(at));
    }
    if let Some(embed) = &view.embed {
        hash.append_pair("embed", "1");
        if embed.autoplay {
            hash.append_pair("autoplay", "1");
        }
        if !embed.controls {
            hash.append_pair("controls", "0");
        }
        for (key, value) in [("from", embed.from), ("to", embed.to)] {
            if let Some(n) = value {
                hash.append_pair(key, &n.to_string());
            }
        }
    }
    // Commas are safe in a fragment: keep the list readable.
    hash.finish().replace("%2C", ",")
}

/// The iframe snippet that embeds `link` (its `embed` options set) from the page at
/// `page` (its address without the hash), with the script that sizes the iframe to the
/// height the page posts (see [`crate::ui::effects::embed_height::HEIGHT_MESSAGE`]). The iframe is
/// sandboxed: scripts, popups for its "Open the full replay" link, and its own origin, so
/// that it loads its script and wasm from a plain static server with no CORS headers (an
/// opaque origin would need them). On a host of another origin that origin gives the frame
/// nothing of the host's; on a host of the same origin, a sandbox with both scripts and
/// same-origin is no barrier (the README says so).
pub fn embed_snippet(page: &str, link: &Link) -> String {
    let mut link = link.clone();
    link.view.embed = Some(link.view.embed.unwrap_or_default());
    let src = format!("{page}#{}", encode(&link));
    format!(
        "<iframe src=\"{}\" title=\"dns-race: the DynamoDB DNS race of October 2025\" width=\"100%\" \
         height=\"{}\" style=\"border:0\" loading=\"lazy\" \
         sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\"></iframe>\n\
         <script>\n\
         addEventListener(\"message\", (e) => {{\n  \
           if (e.data?.type !== \"dns-race:height\") return;\n  \
           for (const f of document.querySelectorAll(\"iframe\"))\n    \
             if (f.contentWindow === e.source) f.height = e.data.height;\n\
         }});\n\
         </script>",
        super::view::escape_xml(&src),
        EMBED_HEIGHT_START
    )
}

/// The iframe's height before the page has told its own: about a figure's at 700 px wide.
pub const EMBED_HEIGHT_START: u32 = 600;
