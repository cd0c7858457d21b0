//! View models: pure functions from a [`super::replay::Moment`] to exactly what a panel
//! shows (texts, positions, states), so that what the learner reads is tested natively and
//! the components only draw.

pub mod architecture;
pub mod cascade;
pub mod compare;
pub mod explorer;
pub mod narration;
pub mod record_set;
pub mod sequence;

/// The CSS modifier of Enactor `i`, which gives it its colour everywhere on the page.
pub fn enactor_class(i: u8) -> &'static str {
    ["enactor-a", "enactor-b", "enactor-c"].get(usize::from(i)).copied().unwrap_or("enactor-other")
}

/// What endpoint `i` is called on the page: "regional", "dual-stack", "FIPS".
pub fn endpoint_label(i: u8) -> &'static str {
    ["regional", "dual-stack", "FIPS"].get(usize::from(i)).copied().unwrap_or("endpoint")
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
