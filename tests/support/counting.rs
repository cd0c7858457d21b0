//! A counting global allocator, shared by the budget's tests (tests/budget.rs) and the memory
//! benchmark (benches/memory.rs): the memory a run holds, as the page's wasm allocator would
//! be asked for it. Included with `#[path]`; it installs itself as the global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes allocated now.
pub fn live() -> usize {
    LIVE.load(Relaxed)
}

/// What `f` allocated at its peak and what it still held when it returned (its result
/// alive), in bytes, and its result. Measure one thing at a time: the counters are the
/// process's.
pub fn measure<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let result = f();
    let peak = PEAK.load(Relaxed).saturating_sub(before);
    let held = LIVE.load(Relaxed).saturating_sub(before);
    (peak, held, result)
}
