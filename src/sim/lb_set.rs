//! A set of load balancers, as a plan or a record tree names them.

use serde::{Serialize, Serializer};

/// A set of load balancers by index, at most 32 of them (`lb_count` is validated to that).
/// A bit set rather than a list: plans and record trees are copied on every step of the
/// exhaustive search, and a copy of this costs nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LbSet(u32);

impl LbSet {
    /// The indices in the set, ascending.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let lowest = bits.trailing_zeros() as u8;
                bits &= bits - 1;
                lowest
            })
        })
    }

    /// Whether every balancer in this set is also in `other`.
    pub fn is_subset(self, other: LbSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether balancer `lb` is in the set.
    pub fn contains(self, lb: u8) -> bool {
        lb < 32 && self.0 & (1 << lb) != 0
    }

    /// How many balancers are in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The set as a bit mask: bit `i` is balancer `i` (for hashing).
    pub fn bits(self) -> u32 {
        self.0
    }

    /// The set whose bit mask is `bits` (the inverse of [`LbSet::bits`]).
    pub fn from_bits(bits: u32) -> LbSet {
        LbSet(bits)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl FromIterator<u8> for LbSet {
    /// The set of the given indices; an index of 32 or more is left out.
    fn from_iter<I: IntoIterator<Item = u8>>(indices: I) -> Self {
        LbSet(indices.into_iter().filter(|&i| i < 32).fold(0, |bits, i| bits | 1 << i))
    }
}

impl Serialize for LbSet {
    /// As the list of indices, ascending.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::LbSet;

    #[test]
    fn holds_what_it_was_given() {
        let set: LbSet = [0, 3, 31, 40].into_iter().collect();
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 3, 31]);
        assert_eq!(set.len(), 3);
        assert!(set.contains(3) && !set.contains(1) && !set.contains(40));
        assert!(LbSet::default().is_empty());
        let wider: LbSet = [0, 1, 3, 31].into_iter().collect();
        assert!(set.is_subset(wider) && set.is_subset(set) && !wider.is_subset(set));
    }
}
