//! View models: pure functions from a [`super::replay::Moment`] to exactly what a panel
//! shows (texts, positions, states), so that what the learner reads is tested natively and
//! the components only draw.

pub mod architecture;
pub mod aws_changes;
pub mod cascade;
pub mod compare;
pub mod explorer;
pub mod narration;
pub mod record_set;
pub mod sequence;

// The words (clock times, durations, counts, names, what a step is) are the core's
// (`sim::vocabulary`); the page adds only its CSS classes.
pub use crate::sim::endpoint_label;
use crate::sim::Actor;

/// The CSS modifier of Enactor `i`, which gives it its colour everywhere on the page.
pub fn enactor_class(i: u8) -> &'static str {
    ["enactor-a", "enactor-b", "enactor-c"].get(usize::from(i)).copied().unwrap_or("enactor-other")
}

/// The CSS modifier of `actor`: "planner", "enactor-a", "client", "operators".
pub fn actor_class(actor: Actor) -> &'static str {
    match actor {
        Actor::Planner => "planner",
        Actor::Enactor(i) => enactor_class(i),
        Actor::Client => "client",
        Actor::Operator => "operators",
    }
}

/// Text for XML and HTML (an SVG file, an attribute of the embed snippet): the five special
/// characters escaped, and the control characters XML 1.0 forbids replaced.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
