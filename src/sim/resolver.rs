//! What a client's resolver gets for an endpoint.

use super::world::World;
use super::Generation;

/// A DNS answer. Route 53 itself works: an alias to a deleted tree is NOERROR with zero
/// addresses, not NXDOMAIN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The A records returned, as indices into the world's load balancers.
    pub addresses: Vec<u8>,
    /// The generation the alias points at.
    pub generation: Generation,
    /// Whether that generation's tree exists.
    pub tree_present: bool,
}

/// Resolves endpoint `endpoint` (an index) against the current records. An index past the
/// last endpoint resolves to nothing.
pub fn resolve(world: &World, endpoint: usize) -> Answer {
    let Some(record) = world.endpoints.get(endpoint) else {
        return Answer { addresses: Vec::new(), generation: 0, tree_present: false };
    };
    let tree = record.trees.get(&record.alias);
    Answer {
        addresses: tree.map(|lbs| lbs.iter().collect()).unwrap_or_default(),
        generation: record.alias,
        tree_present: tree.is_some(),
    }
}
