//! Links: what the learner set, in the page's URL hash, so that a link reopens that exact
//! moment. Pure Rust, tested natively: [`decode`] never fails, it keeps what it understands
//! and says what it ignored.
//!
//! Version 1 (`#v=1&m=conditional-write,safe-cleanup&step=254`):
//! * `v`: the format's version, `1`;
//! * `m`: the mitigations switched on, comma-separated (kebab-case names);
//! * `step`: the cursor, in events applied (0: before the first event).
//!
//! Defaults are left out, so the incident before its first event is the bare page.

use crate::scenario::Mitigation;

/// The version this page writes and reads.
pub const VERSION: &str = "1";

/// A hash longer than this is not read at all: no learner writes one, and a hostile one
/// should not cost the page anything.
pub const HASH_LENGTH_MAX: usize = 2_000;

/// What a link sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    /// The mitigations switched on (sorted, each once).
    pub mitigations: Vec<Mitigation>,
    /// The cursor (`None`: the start).
    pub step: Option<u32>,
}

/// A decoded hash: the link, and a sentence per part that was ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// What the hash sets, defaults for the rest.
    pub link: Link,
    /// What was ignored and why, for the page's notice ("`zoom=3`: unknown setting").
    pub ignored: Vec<String>,
}

/// A part of a hash quoted for a message: at most 40 characters, control characters
/// replaced, so that a hostile hash cannot flood or garble the notice.
fn quote(text: &str) -> String {
    let mut quoted: String =
        text.chars().take(40).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect();
    if text.chars().count() > 40 {
        quoted.push('…');
    }
    quoted
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
    for (key, value) in &pairs {
        if seen.contains(&key.as_str()) {
            decoded.ignored.push(format!("{}={}: set twice; the first one counts", quote(key), quote(value)));
            continue;
        }
        seen.push(key);
        match key.as_str() {
            "v" => {}
            "m" => {
                for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    match Mitigation::from_name(name) {
                        Some(m) if !decoded.link.mitigations.contains(&m) => decoded.link.mitigations.push(m),
                        Some(_) => {}
                        None => decoded.ignored.push(format!("m={}: no such mitigation", quote(name))),
                    }
                }
                decoded.link.mitigations.sort();
            }
            "step" => match value.parse::<u32>() {
                Ok(step) => decoded.link.step = Some(step),
                Err(_) => {
                    decoded.ignored.push(format!("step={}: not a whole number of events", quote(value)))
                }
            },
            _ => decoded.ignored.push(format!(
                "{}={}: not a setting this page knows",
                quote(key),
                quote(value)
            )),
        }
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
    if !link.mitigations.is_empty() {
        let names: Vec<&str> = link.mitigations.iter().map(|m| m.name()).collect();
        hash.append_pair("m", &names.join(","));
    }
    if let Some(step) = link.step {
        hash.append_pair("step", &step.to_string());
    }
    // Commas are safe in a fragment: keep the list readable.
    hash.finish().replace("%2C", ",")
}
