//! The replay's words, in one place: clock times and durations, counts with their plurals,
//! the names of actors and endpoints, and one classification of a step (what kind of thing
//! happened, how it reads, whether it is bad). The narration, the command line and every
//! view of the page say things the same way because they say them from here; the page
//! adds only what is its own (CSS classes, layout).

use super::event::{Actor, Change, Event, Step};
use super::route53::ENDPOINT_NAMES;
use super::Enactor;

const MINUTE_MS: u64 = 60_000;
const DAY_MS: u64 = 86_400_000;

// ---- Times and durations ----------------------------------------------------------------

/// The PDT wall-clock time `ms` after midnight of 19 October 2025, as "23:48:05", with
/// " (20 Oct)" appended once it is past midnight.
pub fn format_pdt(ms: u64) -> String {
    let day = ms / DAY_MS;
    let s = (ms % DAY_MS) / 1000;
    let hms = format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    if day == 0 {
        hms
    } else {
        format!("{hms} ({} Oct)", 19 + day)
    }
}

/// A duration for narration: "850 ms", "12.5 s", "14 min 3 s", "2 h 37 min".
pub fn format_duration(ms: u64) -> String {
    let s = ms / 1000;
    match ms {
        0..1_000 => format!("{ms} ms"),
        1_000..60_000 if ms.is_multiple_of(1000) => format!("{s} s"),
        // Tenths, truncated: 59 950 ms is "59.9 s", never "60.0 s".
        1_000..60_000 => format!("{s}.{} s", ms % 1000 / 100),
        60_000..3_600_000 if s.is_multiple_of(60) => format!("{} min", s / 60),
        60_000..3_600_000 => format!("{} min {} s", s / 60, s % 60),
        _ if (s / 60).is_multiple_of(60) => format!("{} h", s / 3600),
        _ => format!("{} h {} min", s / 3600, s / 60 % 60),
    }
}

/// The PDT wall-clock time of `ms` without the day, as "02:25:00": for places that give the
/// date already.
pub fn time_of_day(ms: u64) -> String {
    let s = (ms % DAY_MS) / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// A clock time to the minute, as "05:30" (no seconds, no day): the cascade's axis.
pub fn hhmm(clock_ms: u64) -> String {
    let minutes = clock_ms % DAY_MS / MINUTE_MS;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

// ---- Sentences ----------------------------------------------------------------------------

/// `text` with its first letter in upper case (the rest as it is: "the FIPS endpoint" →
/// "The FIPS endpoint"), for a phrase that starts a sentence.
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

// ---- Counts -------------------------------------------------------------------------------

/// `n` and its noun, plural unless one: "1 address", "3 addresses", "0 plans". `many` is
/// the plural, given whole because English plurals are irregular.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

// ---- Actors and endpoints -----------------------------------------------------------------

impl Actor {
    /// Its name in the trace and the narration: "Planner", "Enactor A", "Client",
    /// "Operators".
    pub fn label(self) -> String {
        match self {
            Actor::Planner => "Planner".into(),
            Actor::Enactor(i) => enactor_name(i),
            Actor::Client => "Client".into(),
            Actor::Operator => "Operators".into(),
        }
    }

    /// Its name as the subject of a caption: "Planner", "Enactor A", "A client",
    /// "Operators".
    pub fn subject(self) -> String {
        match self {
            Actor::Client => "A client".into(),
            other => other.label(),
        }
    }

    /// Its name on a lane of the sequence diagram, where clients are many: "Clients".
    pub fn lane_label(self) -> String {
        match self {
            Actor::Client => "Clients".into(),
            other => other.label(),
        }
    }

    /// Its badge, one or two letters: "P", "A", "Cl", "Op".
    pub fn badge(self) -> String {
        match self {
            Actor::Planner => "P".into(),
            Actor::Enactor(i) => Enactor::name(i).to_string(),
            Actor::Client => "Cl".into(),
            Actor::Operator => "Op".into(),
        }
    }
}

/// "Enactor A": Enactor `i` by its letter ([`Enactor::name`]).
pub fn enactor_name(i: u8) -> String {
    format!("Enactor {}", Enactor::name(i))
}

/// Route 53's lane and box.
pub const ROUTE53: &str = "Route 53";

/// What endpoint `i` is called in short: "regional", "dual-stack", "FIPS".
pub fn endpoint_label(i: u8) -> &'static str {
    ["regional", "dual-stack", "FIPS"].get(usize::from(i)).copied().unwrap_or("endpoint")
}

/// Endpoint `i` in a sentence: "the regional endpoint".
pub fn endpoint_phrase(i: u8) -> &'static str {
    ["the regional endpoint", "the dual-stack endpoint", "the FIPS endpoint"]
        .get(usize::from(i))
        .copied()
        .unwrap_or("an endpoint")
}

/// Endpoint `i`'s DNS name: "dynamodb.us-east-1.amazonaws.com".
pub fn endpoint_host(i: u8) -> &'static str {
    ENDPOINT_NAMES.get(usize::from(i)).copied().unwrap_or("endpoint.invalid")
}

// ---- What a step is -----------------------------------------------------------------------

/// What kind of thing a step did, one shape per kind in the diagrams: the shape says what
/// happened without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    /// The Planner publishes a plan (circle).
    Publish,
    /// An Enactor picks up a plan and checks it once (diamond).
    PickUp,
    /// An Enactor picks up a plan that is not newer: nothing to do (small diamond).
    PickUpNothing,
    /// An Enactor takes an endpoint's lock (small square).
    Lock,
    /// An Enactor loses a lock and backs off (open square).
    LockLost,
    /// An Enactor's write commits (filled square).
    Write,
    /// A write that replaced a newer plan with an older one (triangle).
    StaleWrite,
    /// Route 53 rejects a write (cross).
    WriteFailed,
    /// A clean-up (downward triangle).
    CleanUp,
    /// A clean-up that deleted an active tree (downward triangle, broken).
    CleanUpEmptied,
    /// A client gets addresses (circle).
    Answer,
    /// A client gets zero addresses (circle with a cross).
    EmptyAnswer,
    /// Operators diagnose, or the stuck alarm pages them (hexagon).
    Diagnose,
    /// Operators repair (hexagon with a check).
    Repair,
    /// An Enactor drops a plan, expired or failing its re-check (hollow circle, slash).
    Dropped,
    /// An Enactor's re-check passes (small hollow diamond with a dot).
    Recheck,
}

/// How a step reads. Never shown by colour alone: bad flows are dashed and bad states carry
/// a shape and words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The automation doing its job.
    Normal,
    /// A repair, or a mitigation stepping in.
    Good,
    /// The race doing damage.
    Bad,
}

impl Tone {
    /// Its name, the page's CSS modifier: "normal", "good", "bad".
    pub fn class(self) -> &'static str {
        match self {
            Tone::Normal => "normal",
            Tone::Good => "good",
            Tone::Bad => "bad",
        }
    }
}

/// A step classified: its kind and how it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Class {
    /// What kind of thing happened.
    pub glyph: Glyph,
    /// How it reads.
    pub tone: Tone,
}

impl Class {
    /// Whether the step did damage: a stale write, a rejected write, a clean-up that
    /// emptied an endpoint, an empty answer.
    pub fn bad(self) -> bool {
        self.tone == Tone::Bad
    }
}

/// What `step` is: the one classification the narration, the diagrams and the key steps
/// share.
pub fn classify(step: &Step) -> Class {
    use Glyph as G;
    use Tone::{Bad, Good, Normal};
    let (glyph, tone) = match (&step.event, &step.change) {
        (_, Change::Published { .. }) => (G::Publish, Normal),
        (_, Change::PickedUp { fresh: true, .. }) => (G::PickUp, Normal),
        (_, Change::PickedUp { .. }) => (G::PickUpNothing, Normal),
        (_, Change::LockTaken { .. }) => (G::Lock, Normal),
        (_, Change::LockLost { .. }) => (G::LockLost, Normal),
        (_, change) if change.overwrote_newer() => (G::StaleWrite, Bad),
        (_, Change::Wrote { .. }) => (G::Write, Normal),
        (_, Change::WriteRejected { .. }) => (G::WriteFailed, Bad),
        (_, Change::CleanedUp { emptied, .. }) if !emptied.is_empty() => (G::CleanUpEmptied, Bad),
        (_, Change::CleanedUp { .. }) => (G::CleanUp, Normal),
        (_, Change::Resolved { addresses: 0, .. }) => (G::EmptyAnswer, Bad),
        (_, Change::Resolved { .. }) => (G::Answer, Normal),
        (Event::OperatorRepairs, _) => (G::Repair, Good),
        (_, Change::PlanDropped { .. }) => (G::Dropped, Good),
        // A failed re-check drops the plan too, but reads as routine: the Enactor did its job.
        (_, Change::Rechecked { passed: false, .. }) => (G::Dropped, Normal),
        (_, Change::Rechecked { .. }) => (G::Recheck, Normal),
        _ => (G::Diagnose, Normal),
    };
    Class { glyph, tone }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_rolls_into_the_next_day() {
        assert_eq!(format_pdt(23 * 3_600_000 + 48 * 60_000 + 5_000), "23:48:05");
        assert_eq!(format_pdt(26 * 3_600_000 + 25 * 60_000), "02:25:00 (20 Oct)");
    }

    #[test]
    fn clocks_without_the_day() {
        assert_eq!(time_of_day(26 * 3_600_000 + 25 * 60_000), "02:25:00");
        assert_eq!(hhmm(5 * 3_600_000 + 30 * 60_000 + 59_000), "05:30");
    }

    #[test]
    fn sentence_case_capitalises_the_first_letter_only() {
        assert_eq!(sentence_case("the FIPS endpoint"), "The FIPS endpoint");
        assert_eq!(sentence_case(""), "");
    }

    #[test]
    fn counts_take_their_plural() {
        assert_eq!(count(1, "address", "addresses"), "1 address");
        assert_eq!(count(0, "plan", "plans"), "0 plans");
    }

    #[test]
    fn actors_are_named_for_where_they_appear() {
        let client = Actor::Client;
        assert_eq!(
            (client.label(), client.subject(), client.lane_label(), client.badge()),
            ("Client".into(), "A client".into(), "Clients".into(), "Cl".into())
        );
        assert_eq!(Actor::Enactor(1).label(), "Enactor B");
        assert_eq!(endpoint_phrase(2), "the FIPS endpoint");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(850), "850 ms");
        assert_eq!(format_duration(12_500), "12.5 s");
        assert_eq!(format_duration(59_950), "59.9 s");
        assert_eq!(format_duration(30_000), "30 s");
        assert_eq!(format_duration(14 * 60_000 + 3_000), "14 min 3 s");
        assert_eq!(format_duration(157 * 60_000), "2 h 37 min");
        assert_eq!(format_duration(7_200_000), "2 h");
    }
}
