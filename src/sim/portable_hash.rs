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
