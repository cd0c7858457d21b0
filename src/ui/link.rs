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
//!   actions of 2025), and `at` the charts' cursor as a PDT clock time `HHMM` (`at=0530`:
//!   the first 05:30 after the run's start, so `2350` is 19 October and `0530` the 20th).
//!
//! Defaults are left out, so the incident before its first event is the bare page.

use super::state::{SPEED_EXPONENT_MAX, SPEED_EXPONENT_MIN};
use super::tour::Chapter;
use crate::cascade::{Response, RetryPolicy};
use crate::explore::{replay_scenario, Bound};
use crate::scenario::{InvalidScenario, Mitigation, Scenario, KNOBS, PRESETS};
use crate::sim::{Actor, Trace};

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

/// What a link sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// The scenario, before knobs and mitigations.
    pub base: Base,
    /// The seed, if not the preset's.
    pub seed: Option<u64>,
    /// Knobs set to other values than the preset's, by field name as in [`KNOBS`], in the
    /// order of [`KNOBS`].
    pub knobs: Vec<(&'static str, u64)>,
    /// The mitigations switched on (sorted, each once).
    pub mitigations: Vec<Mitigation>,
    /// A schedule picked by hand instead of the timed scheduler's.
    pub hand: Option<Hand>,
    /// The cursor (`None`: the start).
    pub step: Option<u32>,
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
    /// The clients' retry policy after the record comes back (`None`: the default).
    pub policy: Option<RetryPolicy>,
    /// A second retry policy, run beside the first to compare.
    pub vs: Option<RetryPolicy>,
    /// The operator actions and fixes switched on (sorted, each once; `None`: the three
    /// operator actions of 2025).
    pub respond: Option<Vec<Response>>,
    /// The charts' cursor, as a PDT clock time in minutes after midnight (`None`: it follows
    /// the replay's step).
    pub at: Option<u16>,
}

impl Link {
    /// Whether `other` is a different thing to look at, not just another step of it:
    /// Back and Forward move between those, not between steps.
    pub fn differs_beyond_step(&self, other: &Link) -> bool {
        // The charts' cursor is a cursor too: moving it is not a new thing to look at.
        let rest = |l: &Link| Link { step: None, hand: None, at: None, ..l.clone() };
        rest(self) != rest(other) || self.hand.is_some() != other.hand.is_some()
    }

    /// The link of a schedule the explorer found in the system of `bound`: the events of
    /// `trace` (a run of `bound.scenario(mitigations)`), by who moved.
    pub fn of_schedule(bound: Bound, trace: &Trace) -> Link {
        Link {
            base: Base::Bound(bound),
            mitigations: trace.scenario.mitigations.clone(),
            hand: Some(Hand { fork: 0, picks: trace.steps.iter().map(|s| s.event.actor()).collect() }),
            ..Link::default()
        }
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
        Link {
            base: Base::Preset(preset),
            seed: Some(seed),
            knobs: ran.filter(|&d| Some(d) != usual).map(|d| ("duration_ms", d)).into_iter().collect(),
            mitigations: mitigations.to_vec(),
            ..Link::default()
        }
    }

    /// The scenario this link runs, and a sentence for each knob left out because the
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
        let scenario = build(&self.knobs, &mut ignored);
        if scenario.validate().is_ok() {
            return (scenario, ignored);
        }
        // Some knob, or a pair (a shortest above a longest), does not fit: keep each knob in
        // turn only if the scenario still runs with it, and say why the others were left out.
        let mut kept: Vec<(&'static str, u64)> = Vec::new();
        let mut quiet = Vec::new();
        for &(name, value) in &self.knobs {
            kept.push((name, value));
            if let Err(InvalidScenario { knob, problem }) = build(&kept, &mut quiet).validate() {
                kept.pop();
                ignored.push(format!(
                    "{name}={value}: {}",
                    if knob == name { problem } else { format!("{knob} {problem}") }
                ));
            }
        }
        let scenario = build(&kept, &mut quiet);
        match scenario.validate() {
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

/// The letter of `actor` in a `pick` list.
pub fn actor_letter(actor: Actor) -> char {
    match actor {
        Actor::Planner => 'P',
        Actor::Enactor(i) => char::from(b'A' + i.min(25)),
        Actor::Client => 'R',
        Actor::Operator => 'O',
    }
}

/// The actor of a letter in a `pick` list (Enactors `A` to `C`): the inverse of
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

/// Reads a PDT clock time written `HHMM` (`0530`) into minutes after midnight.
pub fn parse_clock(value: &str) -> Option<u16> {
    if value.len() != 4 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: u16 = value.get(..2)?.parse().ok()?;
    let minutes: u16 = value.get(2..)?.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// Writes minutes after midnight as the `HHMM` of an `at=` (the inverse of [`parse_clock`]).
pub fn format_clock(minutes: u16) -> String {
    format!("{:02}{:02}", minutes / 60 % 24, minutes % 60)
}

/// Reads `1` or `0` (also `true`/`false`) for a switch.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    }
}

/// Reads a bound written as `3.2.4.1.2` (the wide margin may be left out: margin + 1).
fn parse_bound(value: &str) -> Result<Bound, String> {
    let numbers: Vec<u32> = value.split('.').map(str::parse).collect::<Result<_, _>>().map_err(|_| {
        "not five whole numbers (enactors.endpoints.generations.margin.wide-margin)".to_string()
    })?;
    let (enactors, endpoints, generations, margin, wide) = match numbers[..] {
        [e, p, g, m, w] => (e, p, g, m, w),
        [e, p, g, m] => (e, p, g, m, m + 1),
        _ => return Err("not five whole numbers (enactors.endpoints.generations.margin.wide-margin)".into()),
    };
    let small = |n: u32| u8::try_from(n).unwrap_or(u8::MAX);
    let bound = Bound {
        enactors: small(enactors),
        endpoints: small(endpoints),
        generations,
        cleanup_margin_generations: margin,
        wide_cleanup_margin_generations: wide,
    };
    bound.validate().map(|()| bound).map_err(|e| e.to_string())
}

/// Reads a URL hash (with or without its leading `#`). Never fails: what it does not
/// understand is listed in [`Decoded::ignored`] and left at its default.
pub fn decode(hash: &str) -> Decoded {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    let mut decoded = Decoded::default();
    if hash.is_empty() {
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
    let link = &mut decoded.link;
    let ignored = &mut decoded.ignored;
    for (key, value) in &pairs {
        if seen.contains(&key.as_str()) {
            ignored.push(format!("{}={}: set twice; the first one counts", quote(key), quote(value)));
            continue;
        }
        seen.push(key);
        let mut bad = |why: &str| ignored.push(format!("{}={}: {why}", quote(key), quote(value)));
        let number = || value.parse::<u32>().ok();
        match key.as_str() {
            "v" => {}
            "s" => match PRESETS.iter().find(|p| p.name == value) {
                Some(preset) if link.base == Base::default() => link.base = Base::Preset(preset.name),
                Some(_) => bad("a link runs a preset or a bound, not both; the bound counts"),
                None => bad("no such scenario"),
            },
            "bound" => match parse_bound(value) {
                Ok(bound) if link.base == Base::default() => link.base = Base::Bound(bound),
                Ok(_) => bad("a link runs a preset or a bound, not both; the preset counts"),
                Err(why) => bad(&why),
            },
            "seed" => match value.parse::<u64>() {
                Ok(seed) => link.seed = Some(seed),
                Err(_) => bad("not a whole number"),
            },
            "m" => {
                for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    match Mitigation::from_name(name) {
                        Some(m) if !link.mitigations.contains(&m) => link.mitigations.push(m),
                        Some(_) => {}
                        None => ignored.push(format!("m={}: no such mitigation", quote(name))),
                    }
                }
                link.mitigations.sort();
            }
            "step" => match number() {
                Some(step) => link.step = Some(step),
                None => bad("not a whole number of events"),
            },
            "fork" => match number() {
                Some(n) => fork = Some(n),
                None => bad("not a whole number of events"),
            },
            "pick" => match value.chars().map(letter_actor).collect::<Option<Vec<_>>>() {
                Some(actors) => pick = Some(actors),
                None => bad("not a list of actors (P, A, B, C, R, O)"),
            },
            "chapter" => match Chapter::from_id(value) {
                Some(chapter) => link.chapter = Some(chapter),
                None => bad("no such chapter"),
            },
            "present" | "drive" | "embed" | "autoplay" | "controls" => match flag(value) {
                Some(on) => match key.as_str() {
                    "present" => link.present = on,
                    "drive" => link.drive = on,
                    "embed" => {
                        if on {
                            link.embed = Some(Embed::default());
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
            "from" | "to" => match number() {
                Some(n) => {
                    if key == "from" {
                        embed.from = Some(n);
                    } else {
                        embed.to = Some(n);
                    }
                    embed_options.push(key.clone());
                }
                None => bad("not a whole number of events"),
            },
            "speed" => match value.parse::<i8>() {
                Ok(s) if (SPEED_EXPONENT_MIN..=SPEED_EXPONENT_MAX).contains(&s) => link.speed = Some(s),
                _ => bad(&format!("not a whole number from {SPEED_EXPONENT_MIN} to {SPEED_EXPONENT_MAX}")),
            },
            "policy" | "vs" => match RetryPolicy::parse(value) {
                Ok(policy) if key == "policy" => link.policy = Some(policy),
                Ok(policy) => link.vs = Some(policy),
                Err(_) => bad("no such retry policy"),
            },
            "respond" => {
                let mut on = Vec::new();
                if value != "none" {
                    for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        match Response::parse(name) {
                            Ok(r) => on.push(r),
                            Err(_) => ignored.push(format!("respond={}: no such response", quote(name))),
                        }
                    }
                }
                on.sort();
                on.dedup();
                // A list of nothing but unknown names is left out whole: the default stays.
                if value == "none" || !on.is_empty() {
                    link.respond = Some(on);
                }
            }
            "at" => match parse_clock(value) {
                Some(minutes) => link.at = Some(minutes),
                None => bad("not a PDT clock time written HHMM (0000 to 2359)"),
            },
            "theme" => match value.as_str() {
                "light" => link.theme = Some(Theme::Light),
                "dark" => link.theme = Some(Theme::Dark),
                _ => bad("not light or dark"),
            },
            _ => match KNOBS.iter().find(|k| k.name == key) {
                Some(knob) => match value.parse::<u64>() {
                    Ok(n) => link.knobs.push((knob.name, n)),
                    Err(_) => bad("not a whole number"),
                },
                None => bad("not a setting this page knows"),
            },
        }
    }
    link.knobs.sort_by_key(|(name, _)| KNOBS.iter().position(|k| k.name == *name));
    match (&mut link.embed, embed_options.is_empty()) {
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
        (fork, Some(picks)) => link.hand = Some(Hand { fork: fork.unwrap_or(0), picks }),
        (Some(fork), None) => link.hand = Some(Hand { fork, picks: Vec::new() }),
        (None, None) => {}
    }
    decoded
}

/// The hash of `link`, without the leading `#`: empty for the defaults.
pub fn encode(link: &Link) -> String {
    if link == &Link::default() {
        return String::new();
    }
    let mut hash = form_urlencoded::Serializer::new(String::new());
    hash.append_pair("v", VERSION);
    match link.base {
        Base::Preset(PRESET_DEFAULT) => {}
        Base::Preset(name) => {
            hash.append_pair("s", name);
        }
        Base::Bound(b) => {
            let bound = format!(
                "{}.{}.{}.{}.{}",
                b.enactors,
                b.endpoints,
                b.generations,
                b.cleanup_margin_generations,
                b.wide_cleanup_margin_generations
            );
            hash.append_pair("bound", &bound);
        }
    }
    if let Some(seed) = link.seed {
        hash.append_pair("seed", &seed.to_string());
    }
    for (name, value) in &link.knobs {
        hash.append_pair(name, &value.to_string());
    }
    if !link.mitigations.is_empty() {
        let names: Vec<&str> = link.mitigations.iter().map(|m| m.name()).collect();
        hash.append_pair("m", &names.join(","));
    }
    if let Some(hand) = &link.hand {
        if hand.fork > 0 {
            hash.append_pair("fork", &hand.fork.to_string());
        }
        let picks: String = hand.picks.iter().map(|&a| actor_letter(a)).collect();
        hash.append_pair("pick", &picks);
    }
    let mut number = |key: &str, value: Option<u32>| {
        if let Some(n) = value {
            hash.append_pair(key, &n.to_string());
        }
    };
    number("step", link.step);
    if let Some(chapter) = link.chapter {
        hash.append_pair("chapter", chapter.id());
    }
    if link.present {
        hash.append_pair("present", "1");
    }
    if link.drive {
        hash.append_pair("drive", "1");
    }
    if let Some(speed) = link.speed {
        hash.append_pair("speed", &speed.to_string());
    }
    if let Some(theme) = link.theme {
        hash.append_pair("theme", theme.name());
    }
    if let Some(policy) = link.policy {
        hash.append_pair("policy", policy.name());
    }
    if let Some(vs) = link.vs {
        hash.append_pair("vs", vs.name());
    }
    if let Some(respond) = &link.respond {
        let names: Vec<&str> = respond.iter().map(|r| r.name()).collect();
        let list = if names.is_empty() { "none".to_string() } else { names.join(",") };
        hash.append_pair("respond", &list);
    }
    if let Some(at) = link.at {
        hash.append_pair("at", &format_clock(at));
    }
    if let Some(embed) = &link.embed {
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
/// sandboxed: scripts only, and popups for its "Open the full replay" link.
pub fn embed_snippet(page: &str, link: &Link) -> String {
    let link = Link { embed: Some(link.embed.clone().unwrap_or_default()), ..link.clone() };
    let src = format!("{page}#{}", encode(&link));
    format!(
        "<iframe src=\"{}\" title=\"dns-race: the DynamoDB DNS race of October 2025\" width=\"100%\" \
         height=\"{}\" style=\"border:0\" loading=\"lazy\" \
         sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"></iframe>\n\
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

/// The iframe's height before the page has told its own (a wide layout with controls).
pub const EMBED_HEIGHT_START: u32 = 720;
