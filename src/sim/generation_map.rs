//! A small map keyed by generation: the plan store and an endpoint's record trees.

use super::Generation;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Bound, RangeBounds};

/// A map from generation to `V`, in ascending order of generation, with the reading
/// methods of a `BTreeMap` (`get`, `contains_key`, `iter`, `keys`, `values`, `range`,
/// `first_key_value`, `last_key_value`, `len`, ...) and the same `Debug`, `Hash` and
/// equality.
///
/// A sorted vector rather than a `BTreeMap`: a plan store or a record tree holds about a
/// dozen generations, new ones are added at the end and clean-up removes the oldest. A
/// vector does each of these with a short scan and no allocation, where a `BTreeMap` of
/// that size splits and merges nodes as it grows and shrinks around one node's capacity;
/// the random runs do one of these operations at almost every step.
#[derive(PartialEq, Eq)]
pub struct GenerationMap<V> {
    /// Sorted by generation, each generation once.
    entries: Vec<(Generation, V)>,
}

impl<V: Clone> Clone for GenerationMap<V> {
    /// A copy with room for one more generation: the explorer copies a map shared between
    /// worlds (`Rc::make_mut`) just before it adds to it.
    fn clone(&self) -> Self {
        let mut entries = Vec::with_capacity(self.entries.len() + 1);
        entries.extend_from_slice(&self.entries);
        GenerationMap { entries }
    }
}

impl<V> Default for GenerationMap<V> {
    fn default() -> Self {
        GenerationMap { entries: Vec::new() }
    }
}

impl<V> GenerationMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `generation` is (`Ok`) or would go (`Err`). Generations are usually
    /// consecutive (the Planner numbers its plans one by one), so the first guess is the
    /// generation's distance from the oldest; otherwise a binary search.
    fn index_of(&self, generation: Generation) -> Result<usize, usize> {
        let guess = self.entries.first().and_then(|&(oldest, _)| generation.checked_sub(oldest));
        match guess
            .map(|i| i as usize)
            .filter(|&i| self.entries.get(i).is_some_and(|&(g, _)| g == generation))
        {
            Some(i) => Ok(i),
            None => self.entries.binary_search_by_key(&generation, |&(g, _)| g),
        }
    }

    /// The value of `generation`, if present.
    pub fn get(&self, generation: &Generation) -> Option<&V> {
        self.index_of(*generation).ok().map(|i| &self.entries[i].1)
    }

    /// Whether `generation` is present.
    pub fn contains_key(&self, generation: &Generation) -> bool {
        self.index_of(*generation).is_ok()
    }

    /// Sets the value of `generation`; returns the value it replaced, if any.
    pub fn insert(&mut self, generation: Generation, value: V) -> Option<V> {
        // New generations usually come last.
        if self.entries.last().is_none_or(|&(newest, _)| newest < generation) {
            self.entries.push((generation, value));
            return None;
        }
        match self.index_of(generation) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (generation, value));
                None
            }
        }
    }

    /// Removes `generation`; returns its value, if it was present.
    pub fn remove(&mut self, generation: &Generation) -> Option<V> {
        self.index_of(*generation).ok().map(|i| self.entries.remove(i).1)
    }

    /// Removes every generation older than `threshold` except those in `keep`, and adds
    /// the removed generations to `removed`, in ascending order.
    pub fn remove_older_than(
        &mut self,
        threshold: Generation,
        keep: &[Generation],
        removed: &mut Vec<Generation>,
    ) {
        let older = self.entries.partition_point(|&(g, _)| g < threshold);
        // The kept ones move to the front, in order; the rest of the older ones go.
        let mut kept = 0;
        for i in 0..older {
            let generation = self.entries[i].0;
            if keep.contains(&generation) {
                self.entries.swap(kept, i);
                kept += 1;
            } else {
                removed.push(generation);
            }
        }
        self.entries.drain(kept..older);
    }

    /// How many generations are present.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no generation is present.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The generations and their values, oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Generation, &V)> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(g, v)| (g, v))
    }

    /// The generations, oldest first.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Generation> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(g, _)| g)
    }

    /// The values, oldest generation first.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The generations in `range` and their values, oldest first.
    pub fn range(
        &self,
        range: impl RangeBounds<Generation>,
    ) -> impl DoubleEndedIterator<Item = (&Generation, &V)> + ExactSizeIterator + Clone {
        let start = match range.start_bound() {
            Bound::Included(&lo) => self.entries.partition_point(|&(g, _)| g < lo),
            Bound::Excluded(&lo) => self.entries.partition_point(|&(g, _)| g <= lo),
            Bound::Unbounded => 0,
        };
        let end = match range.end_bound() {
            Bound::Included(&hi) => self.entries.partition_point(|&(g, _)| g <= hi),
            Bound::Excluded(&hi) => self.entries.partition_point(|&(g, _)| g < hi),
            Bound::Unbounded => self.entries.len(),
        };
        self.entries[start..end.max(start)].iter().map(|(g, v)| (g, v))
    }

    /// The oldest generation and its value.
    pub fn first_key_value(&self) -> Option<(&Generation, &V)> {
        self.entries.first().map(|(g, v)| (g, v))
    }

    /// The newest generation and its value.
    pub fn last_key_value(&self) -> Option<(&Generation, &V)> {
        self.entries.last().map(|(g, v)| (g, v))
    }
}

impl<V, const N: usize> From<[(Generation, V); N]> for GenerationMap<V> {
    fn from(entries: [(Generation, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> FromIterator<(Generation, V)> for GenerationMap<V> {
    /// As a `BTreeMap` collects: a later value for the same generation wins.
    fn from_iter<I: IntoIterator<Item = (Generation, V)>>(entries: I) -> Self {
        let mut map = GenerationMap::new();
        for (generation, value) in entries {
            map.insert(generation, value);
        }
        map
    }
}

impl<'a, V> IntoIterator for &'a GenerationMap<V> {
    type Item = (&'a Generation, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (Generation, V)>, fn(&'a (Generation, V)) -> Self::Item>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(g, v)| (g, v))
    }
}

impl<V: fmt::Debug> fmt::Debug for GenerationMap<V> {
    /// As a `BTreeMap` prints: `{100: …, 101: …}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Hash> Hash for GenerationMap<V> {
    /// As a `BTreeMap` hashes: the length, then each entry.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_usize(self.entries.len());
        for (g, v) in self {
            (g, v).hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GenerationMap;
    use std::collections::BTreeMap;

    /// Every operation agrees with a `BTreeMap`'s, whatever order the generations come in.
    #[test]
    fn behaves_like_a_btree_map() {
        let mut map = GenerationMap::new();
        let mut reference = BTreeMap::new();
        let mut x: u32 = 7;
        for step in 0..2_000u32 {
            // A small LCG: generations mostly rising, sometimes out of order.
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let g = step / 3 + (x >> 16) % 5;
            match (x >> 8) % 4 {
                0 | 1 => assert_eq!(map.insert(g, step), reference.insert(g, step)),
                2 => assert_eq!(map.remove(&g), reference.remove(&g)),
                _ => {
                    let threshold = g.saturating_sub(6);
                    let keep = [threshold.saturating_sub(2), g];
                    let mut removed = Vec::new();
                    map.remove_older_than(threshold, &keep, &mut removed);
                    let expected: Vec<u32> =
                        reference.range(..threshold).map(|(&k, _)| k).filter(|k| !keep.contains(k)).collect();
                    reference.retain(|k, _| !expected.contains(k));
                    assert_eq!(removed, expected);
                }
            }
            assert_eq!(map.len(), reference.len());
            assert!(map.iter().eq(reference.iter()));
            assert!(map.keys().rev().eq(reference.keys().rev()));
            assert!(map.range(g.saturating_sub(3)..g + 2).eq(reference.range(g.saturating_sub(3)..g + 2)));
            assert!(map.range(..=g).eq(reference.range(..=g)));
            assert_eq!(map.get(&g), reference.get(&g));
            assert_eq!(map.contains_key(&(g + 1)), reference.contains_key(&(g + 1)));
            assert_eq!(map.first_key_value(), reference.first_key_value());
            assert_eq!(map.last_key_value(), reference.last_key_value());
            assert_eq!(format!("{map:?}"), format!("{reference:?}"));
        }
    }
}
