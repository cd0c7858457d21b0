//! A counting global allocator, shared by the budget's tests (tests/budget.rs) and the memory
//! benchmark (benches/memory.rs): the memory a run holds, as the page's wasm allocator would
//! be asked for it. Included with `#[path]`; it installs itself as the global allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the bytes live and their peak on each thread: the test
/// harness runs tests on several threads at once, and only the measuring thread's own
/// allocations are the run's.
struct Counting;

thread_local! {
    /// Bytes allocated less bytes freed on this thread (negative when it frees what another
    /// thread allocated).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The highest `LIVE` since the last [`measure`] began.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

// SAFETY: every call is passed on to the system allocator unchanged; only counted, in
// const-initialised thread-locals that never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = LIVE.try_with(|live| {
            live.set(live.get() + layout.size() as isize);
            let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
        });
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        let _ = LIVE.try_with(|live| live.set(live.get() - layout.size() as isize));
        // SAFETY: `ptr` was allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The bytes this thread has allocated and not freed.
pub fn live() -> isize {
    LIVE.with(Cell::get)
}

/// What `f` allocated at its peak and what it still held when it returned (its result
/// alive), in bytes, and its result: on this thread only.
pub fn measure<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let before = live();
    PEAK.with(|peak| peak.set(before));
    let result = f();
    let peak = PEAK.with(Cell::get) - before;
    let held = live() - before;
    (peak.max(0) as usize, held.max(0) as usize, result)
}
