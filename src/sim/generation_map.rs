//! A small map keyed by generation: the plan store and an endpoint's record trees.

use super::Generation;
use rpds::RedBlackTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Bound, RangeBounds};

/// Up to this many generations a map is a sorted vector; past it, a persistent tree.
const INLINE_MAX: usize = 64;

/// A tree that shrinks to this many generations becomes a vector again (half of
/// [`INLINE_MAX`], so that a map at the edge does not convert at every step).
const INLINE_AGAIN: usize = INLINE_MAX / 2;

/// A map from generation to `V`, in ascending order of generation, with the reading
/// methods of a `BTreeMap` (`get`, `contains_key`, `iter`, `keys`, `values`, `range`,
/// `first_key_value`, `last_key_value`, `len`, ...) and the same `Debug`, `Hash` and
/// equality.
///
/// Two representations, one behaviour:
/// - a sorted vector while it holds at most [`INLINE_MAX`] generations (a plan store or a
///   record tree usually holds about a dozen): new ones are added at the end and clean-up
///   removes the oldest, each a short scan and no allocation, where a `BTreeMap` of that
///   size splits and merges nodes as it grows and shrinks around one node's capacity; the
///   explorer and the random runs do one of these operations at almost every step, and copy
///   such a map whenever a world shared it (`Rc::make_mut`);
/// - a persistent red-black tree (`rpds`) past that: when the Planner outpaces the
///   Enactors, clean-up never runs and the store holds every plan published. The page
///   keeps a copy of the world every 64 events; copies of a tree share every node but the
///   few an insert or a removal rewrites, so the checkpoints' memory grows with the plans,
///   not with their square (a vector copied per checkpoint did: 3.77 GB at a 100 ms
///   interval).
pub struct GenerationMap<V> {
    entries: Entries<V>,
}

/// The two representations of a [`GenerationMap`].
enum Entries<V> {
    /// Sorted by generation, each generation once.
    Inline(Vec<(Generation, V)>),
    /// More than [`INLINE_AGAIN`] generations, shared between copies.
    Shared(RedBlackTreeMap<Generation, V>),
}

impl<V: Clone> Clone for GenerationMap<V> {
    /// A copy with room for one more generation: the explorer copies a map shared between
    /// worlds (`Rc::make_mut`) just before it adds to it. A tree's copy shares every node.
    fn clone(&self) -> Self {
        let entries = match &self.entries {
            Entries::Inline(entries) => {
                let mut copy = Vec::with_capacity(entries.len() + 1);
                copy.extend_from_slice(entries);
                Entries::Inline(copy)
            }
            Entries::Shared(tree) => Entries::Shared(tree.clone()),
        };
        GenerationMap { entries }
    }
}

impl<V> Default for GenerationMap<V> {
    fn default() -> Self {
        GenerationMap { entries: Entries::Inline(Vec::new()) }
    }
}

impl<V: PartialEq> PartialEq for GenerationMap<V> {
    /// The same generations with equal values, whichever the representations.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<V: Eq> Eq for GenerationMap<V> {}

/// The iterator of a [`GenerationMap`]'s generations and values, oldest first.
pub struct Iter<'a, V> {
    inner: IterInner<'a, V>,
}

enum IterInner<'a, V> {
    Inline(std::slice::Iter<'a, (Generation, V)>),
    /// A tree's entries and how many are left (boxed: the explorer never meets a tree, and
    /// the tree's own iterator allocates its stack anyway).
    Shared(Box<dyn DoubleEndedIterator<Item = (&'a Generation, &'a V)> + 'a>, usize),
}

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a Generation, &'a V);

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            IterInner::Inline(it) => it.next().map(|(g, v)| (g, v)),
            IterInner::Shared(it, left) => counted(left, it.next()),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match &self.inner {
            IterInner::Inline(it) => it.len(),
            IterInner::Shared(_, left) => *left,
        };
        (n, Some(n))
    }
}

impl<V> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            IterInner::Inline(it) => it.next_back().map(|(g, v)| (g, v)),
            IterInner::Shared(it, left) => counted(left, it.next_back()),
        }
    }
}

impl<V> ExactSizeIterator for Iter<'_, V> {}

/// `next`, counted off the entries `left`.
fn counted<T>(left: &mut usize, next: Option<T>) -> Option<T> {
    *left -= usize::from(next.is_some());
    next
}

impl<V> GenerationMap<V> {
    /// Calls `f` with each generation and its value, oldest first. Where `iter` asks the
    /// representation at every entry, this asks once: the explorer's state hash walks the
    /// plan store and every record tree of every state it meets.
    #[inline]
    pub fn for_each(&self, mut f: impl FnMut(Generation, &V)) {
        match &self.entries {
            Entries::Inline(entries) => entries.iter().for_each(|(g, v)| f(*g, v)),
            Entries::Shared(tree) => tree.iter().for_each(|(g, v)| f(*g, v)),
        }
    }
}

impl<V> GenerationMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Where `generation` is (`Ok`) or would go (`Err`) in a vector. Generations are usually
    /// consecutive (the Planner numbers its plans one by one), so the first guess is the
    /// generation's distance from the oldest; otherwise a binary search.
    fn index_of(entries: &[(Generation, V)], generation: Generation) -> Result<usize, usize> {
        let guess = entries.first().and_then(|&(oldest, _)| generation.checked_sub(oldest));
        match guess.map(|i| i as usize).filter(|&i| entries.get(i).is_some_and(|&(g, _)| g == generation)) {
            Some(i) => Ok(i),
            None => entries.binary_search_by_key(&generation, |&(g, _)| g),
        }
    }

    /// The value of `generation`, if present.
    pub fn get(&self, generation: &Generation) -> Option<&V> {
        match &self.entries {
            Entries::Inline(entries) => Self::index_of(entries, *generation).ok().map(|i| &entries[i].1),
            Entries::Shared(tree) => tree.get(generation),
        }
    }

    /// Whether `generation` is present.
    pub fn contains_key(&self, generation: &Generation) -> bool {
        self.get(generation).is_some()
    }

    /// How many generations are present.
    pub fn len(&self) -> usize {
        match &self.entries {
            Entries::Inline(entries) => entries.len(),
            Entries::Shared(tree) => tree.size(),
        }
    }

    /// Whether no generation is present.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The generations and their values, oldest first.
    pub fn iter(&self) -> Iter<'_, V> {
        let inner = match &self.entries {
            Entries::Inline(entries) => IterInner::Inline(entries.iter()),
            Entries::Shared(tree) => IterInner::Shared(Box::new(tree.iter()), tree.size()),
        };
        Iter { inner }
    }

    /// The generations, oldest first.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Generation> + ExactSizeIterator {
        self.iter().map(|(g, _)| g)
    }

    /// The values, oldest generation first.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.iter().map(|(_, v)| v)
    }

    /// The generations in `range` and their values, oldest first.
    pub fn range(&self, range: impl RangeBounds<Generation>) -> Iter<'_, V> {
        let bounds = (range.start_bound().cloned(), range.end_bound().cloned());
        let inner = match &self.entries {
            Entries::Inline(entries) => {
                let start = match bounds.0 {
                    Bound::Included(lo) => entries.partition_point(|&(g, _)| g < lo),
                    Bound::Excluded(lo) => entries.partition_point(|&(g, _)| g <= lo),
                    Bound::Unbounded => 0,
                };
                let end = match bounds.1 {
                    Bound::Included(hi) => entries.partition_point(|&(g, _)| g <= hi),
                    Bound::Excluded(hi) => entries.partition_point(|&(g, _)| g < hi),
                    Bound::Unbounded => entries.len(),
                };
                IterInner::Inline(entries[start..end.max(start)].iter())
            }
            Entries::Shared(tree) => {
                // An empty range (start after end) is empty, as a vector's slice is; the
                // tree's own range would panic.
                let empty = match bounds {
                    (Bound::Included(lo), Bound::Included(hi)) => lo > hi,
                    (Bound::Included(lo) | Bound::Excluded(lo), Bound::Excluded(hi))
                    | (Bound::Excluded(lo), Bound::Included(hi)) => lo >= hi,
                    _ => false,
                };
                if empty {
                    IterInner::Inline([].iter())
                } else {
                    let left = tree.range(bounds).count();
                    IterInner::Shared(Box::new(tree.range(bounds)), left)
                }
            }
        };
        Iter { inner }
    }

    /// The oldest generation and its value.
    pub fn first_key_value(&self) -> Option<(&Generation, &V)> {
        match &self.entries {
            Entries::Inline(entries) => entries.first().map(|(g, v)| (g, v)),
            Entries::Shared(tree) => tree.first(),
        }
    }

    /// The newest generation and its value.
    pub fn last_key_value(&self) -> Option<(&Generation, &V)> {
        match &self.entries {
            Entries::Inline(entries) => entries.last().map(|(g, v)| (g, v)),
            Entries::Shared(tree) => tree.last(),
        }
    }
}

impl<V: Clone> GenerationMap<V> {
    /// Sets the value of `generation`; returns the value it replaced, if any.
    pub fn insert(&mut self, generation: Generation, value: V) -> Option<V> {
        match &mut self.entries {
            Entries::Inline(entries) => {
                // New generations usually come last.
                let replaced = if entries.last().is_none_or(|&(newest, _)| newest < generation) {
                    entries.push((generation, value));
                    None
                } else {
                    match Self::index_of(entries, generation) {
                        Ok(i) => Some(std::mem::replace(&mut entries[i].1, value)),
                        Err(i) => {
                            entries.insert(i, (generation, value));
                            None
                        }
                    }
                };
                if entries.len() > INLINE_MAX {
                    let tree = entries.drain(..).collect();
                    self.entries = Entries::Shared(tree);
                }
                replaced
            }
            Entries::Shared(tree) => {
                let replaced = tree.get(&generation).cloned();
                tree.insert_mut(generation, value);
                replaced
            }
        }
    }

    /// Removes `generation`; returns its value, if it was present.
    pub fn remove(&mut self, generation: &Generation) -> Option<V> {
        let removed = match &mut self.entries {
            Entries::Inline(entries) => {
                return Self::index_of(entries, *generation).ok().map(|i| entries.remove(i).1);
            }
            Entries::Shared(tree) => {
                let removed = tree.get(generation).cloned();
                tree.remove_mut(generation);
                removed
            }
        };
        self.shrink();
        removed
    }

    /// Removes every generation older than `threshold` except those in `keep`, and adds
    /// the removed generations to `removed`, in ascending order.
    pub fn remove_older_than(
        &mut self,
        threshold: Generation,
        keep: &[Generation],
        removed: &mut Vec<Generation>,
    ) {
        match &mut self.entries {
            Entries::Inline(entries) => {
                let older = entries.partition_point(|&(g, _)| g < threshold);
                // The kept ones move to the front, in order; the rest of the older ones go.
                let mut kept = 0;
                for i in 0..older {
                    let generation = entries[i].0;
                    if keep.contains(&generation) {
                        entries.swap(kept, i);
                        kept += 1;
                    } else {
                        removed.push(generation);
                    }
                }
                entries.drain(kept..older);
            }
            Entries::Shared(tree) => {
                let from = removed.len();
                removed.extend(tree.range(..threshold).map(|(&g, _)| g).filter(|g| !keep.contains(g)));
                for generation in &removed[from..] {
                    tree.remove_mut(generation);
                }
                self.shrink();
            }
        }
    }

    /// A tree that has shrunk to [`INLINE_AGAIN`] generations becomes a vector again.
    fn shrink(&mut self) {
        if let Entries::Shared(tree) = &self.entries {
            if tree.size() <= INLINE_AGAIN {
                let entries = tree.iter().map(|(&g, v)| (g, v.clone())).collect();
                self.entries = Entries::Inline(entries);
            }
        }
    }
}

impl<V: Clone, const N: usize> From<[(Generation, V); N]> for GenerationMap<V> {
    fn from(entries: [(Generation, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V: Clone> FromIterator<(Generation, V)> for GenerationMap<V> {
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
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
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
        state.write_usize(self.len());
        for (g, v) in self {
            (g, v).hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GenerationMap;
    use std::collections::BTreeMap;

    /// Every operation agrees with a `BTreeMap`'s, whatever order the generations come in,
    /// in a map that stays small (a vector) and in one that grows past
    /// [`super::INLINE_MAX`] and shrinks again (a tree, then a vector).
    #[test]
    fn behaves_like_a_btree_map() {
        for (window, cleanups) in [(6, 4), (300, 40)] {
            behaves_like_a_btree_map_within(window, cleanups);
        }
    }

    /// Clean-up keeps `window` generations and runs one step in `cleanups`; copies taken
    /// along the way keep what they held.
    fn behaves_like_a_btree_map_within(window: u32, cleanups: u32) {
        let mut copies: Vec<(GenerationMap<u32>, BTreeMap<u32, u32>)> = Vec::new();
        let mut map = GenerationMap::new();
        let mut reference = BTreeMap::new();
        let mut x: u32 = 7;
        for step in 0..2_000u32 {
            // A small LCG: generations mostly rising, sometimes out of order.
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let g = step / 3 + (x >> 16) % 5;
            match (x >> 8) % cleanups {
                0 => {
                    let threshold = g.saturating_sub(window);
                    let keep = [threshold.saturating_sub(2), g];
                    let mut removed = Vec::new();
                    map.remove_older_than(threshold, &keep, &mut removed);
                    let expected: Vec<u32> =
                        reference.range(..threshold).map(|(&k, _)| k).filter(|k| !keep.contains(k)).collect();
                    reference.retain(|k, _| !expected.contains(k));
                    assert_eq!(removed, expected);
                }
                1 => assert_eq!(map.remove(&g), reference.remove(&g)),
                _ => assert_eq!(map.insert(g, step), reference.insert(g, step)),
            }
            if step % 64 == 0 {
                copies.push((map.clone(), reference.clone()));
            }
            assert_eq!(map.len(), reference.len());
            assert!(map.iter().eq(reference.iter()));
            let mut visited = Vec::new();
            map.for_each(|g, &v| visited.push((g, v)));
            assert!(visited.into_iter().eq(reference.iter().map(|(&g, &v)| (g, v))));
            assert!(map.keys().rev().eq(reference.keys().rev()));
            assert!(map.range(g.saturating_sub(3)..g + 2).eq(reference.range(g.saturating_sub(3)..g + 2)));
            assert!(map.range(..=g).eq(reference.range(..=g)));
            assert_eq!(map.get(&g), reference.get(&g));
            assert_eq!(map.contains_key(&(g + 1)), reference.contains_key(&(g + 1)));
            assert_eq!(map.first_key_value(), reference.first_key_value());
            assert_eq!(map.last_key_value(), reference.last_key_value());
            assert_eq!(format!("{map:?}"), format!("{reference:?}"));
        }
        for (copy, reference) in &copies {
            assert!(copy.iter().eq(reference.iter()));
        }
        assert!(copies.iter().any(|(copy, _)| copy.len() > super::INLINE_MAX) == (window > 64));
    }
}
