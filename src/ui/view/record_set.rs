//! The record set of each endpoint as `dig` prints it, with the Route 53 records behind
//! the answer: which tree the alias points at, the rollback record, and the lock.

use crate::sim::{enactor_name, endpoint_host, format_duration, resolve, Change, Generation, World};
use crate::ui::replay::Moment;

/// The TTL printed in the answers. AWS does not publish the record's TTL: assumed, and the
/// same as the cascade's resolvers use (`CascadeSettings::dns_ttl_ms`, 60 s), so that the
/// page states one value (tested).
pub const TTL_S: u32 = 60;

/// One endpoint's record set at a moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordSetView {
    /// The DNS name.
    pub name: &'static str,
    /// Which endpoint: "regional", "dual-stack", "FIPS".
    pub label: &'static str,
    /// The `dig` output, line by line.
    pub dig: Vec<String>,
    /// How many A records the answer holds.
    pub answers: usize,
    /// The generation the alias points at.
    pub alias: Generation,
    /// Whether that generation's tree of records exists.
    pub alias_present: bool,
    /// The generation the rollback record points at, and whether its tree exists.
    pub rollback: Option<(Generation, bool)>,
    /// Who holds the lock record, and for how long yet: "Enactor B, 9.5 s left".
    pub lock: Option<String>,
    /// Whether the event at this moment touched this endpoint.
    pub touched: bool,
}

/// The `dig` lines for `name` answering `addresses` (dotted quads).
pub fn dig_lines(name: &str, addresses: &[String]) -> Vec<String> {
    let mut lines = vec![
        format!("; <<>> DiG <<>> {name} A"),
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR".to_string(),
        format!(";; flags: qr rd ra; QUERY: 1, ANSWER: {}", addresses.len()),
        String::new(),
        ";; QUESTION SECTION:".to_string(),
        format!(";{name}.\t\tIN\tA"),
    ];
    if !addresses.is_empty() {
        lines.push(String::new());
        lines.push(";; ANSWER SECTION:".to_string());
        lines.extend(addresses.iter().map(|a| format!("{name}.\t{TTL_S}\tIN\tA\t{a}")));
    }
    lines
}

/// The record set of every endpoint at `moment`.
pub fn record_sets(moment: &Moment) -> Vec<RecordSetView> {
    let touched = moment.step().and_then(|s| s.event.endpoint());
    // A repair rewrites every endpoint; a clean-up touches them all only if it deleted a tree.
    let repaired_or_cleaned = moment.step().is_some_and(|s| match &s.change {
        Change::Repaired { .. } => true,
        Change::CleanedUp { deleted, .. } => !deleted.is_empty(),
        _ => false,
    });
    (0..moment.world.endpoints.len())
        .map(|i| record_set(&moment.world, i, repaired_or_cleaned || touched == Some(i as u8)))
        .collect()
}

fn record_set(world: &World, i: usize, touched: bool) -> RecordSetView {
    let name = endpoint_host(i as u8);
    let answer = resolve(world, i);
    let addresses: Vec<String> = answer
        .addresses
        .iter()
        .filter_map(|&lb| world.lbs.get(usize::from(lb)))
        .map(|lb| lb.address.map(|o| o.to_string()).join("."))
        .collect();
    let record = world.endpoints.get(i);
    RecordSetView {
        name,
        label: super::endpoint_label(i as u8),
        dig: dig_lines(name, &addresses),
        answers: addresses.len(),
        alias: answer.generation,
        alias_present: answer.tree_present,
        rollback: record.and_then(|r| r.rollback.map(|g| (g, r.trees.contains_key(&g)))),
        lock: record.and_then(|r| r.lock).filter(|l| l.expires_at_ms > world.now_ms).map(|l| {
            format!("{}, {} left", enactor_name(l.holder), format_duration(l.expires_at_ms - world.now_ms))
        }),
        touched,
    }
}
