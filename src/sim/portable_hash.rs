//! A hasher whose output is the same on every platform, for trace digests and state hashes.

use std::hash::Hasher;

/// FNV-1a (64-bit) behind [`Hasher`], with `usize` written as `u64`, so that a value's
/// `#[derive(Hash)]` gives the same number on wasm32 and on 64-bit hosts. (Both are
/// little-endian, which the integer writes rely on.)
#[derive(Default)]
pub struct PortableHasher(fnv::FnvHasher);

impl Hasher for PortableHasher {
    fn finish(&self) -> u64 {
        self.0.finish()
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    fn write_usize(&mut self, n: usize) {
        self.0.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.0.write_i64(n as i64);
    }
}

/// The portable hash of `value`.
pub fn portable_hash<T: std::hash::Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = PortableHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A faster portable hasher for the explorer's state hashes, which hashes millions of small
/// states: every integer is mixed in as one 64-bit word (bytes eight at a time). Each word
/// goes through a step that is a bijection of the running value, so two equally long inputs
/// that differ in a single word never collide; the result goes through MurmurHash3's
/// 64-bit finaliser, so every bit depends on every input bit.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn mix(&mut self, word: u64) {
        // Odd multiplier (2^64 / golden ratio): multiplying by it is a bijection.
        let h = (self.0 ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        self.mix(bytes.len() as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(n.into());
    }

    fn write_u16(&mut self, n: u16) {
        self.mix(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(n.into());
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.mix(n as i64 as u64);
    }
}
