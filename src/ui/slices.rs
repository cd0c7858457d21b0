//! Long work on the page's thread, in slices: each slice works for [`SLICE_MS`], then gives
//! the browser the thread back, so that the page keeps answering scrolls, keys and the
//! cancel button while the explorer runs.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// How long one slice works: short enough that a click is answered within a frame or so.
pub const SLICE_MS: f64 = 12.0;

/// The page's clock in milliseconds (`performance.now()`), for deadlines and rates.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// A job running in slices. Dropping it cancels the job before its next slice.
pub struct Slices {
    cancelled: Rc<Cell<bool>>,
}

impl Drop for Slices {
    fn drop(&mut self) {
        self.cancelled.set(true);
    }
}

/// Calls `slice` with a deadline (in [`now_ms`] time) in a task of its own, again and
/// again, until it returns `true` (done) or the returned [`Slices`] is dropped.
pub fn run_in_slices(mut slice: impl FnMut(f64) -> bool + 'static) -> Slices {
    let cancelled = Rc::new(Cell::new(false));
    let stop = cancelled.clone();
    yew::platform::spawn_local(async move {
        loop {
            // The browser gets the thread first, so the click that started the job paints.
            yew::platform::time::sleep(Duration::ZERO).await;
            if stop.get() || slice(now_ms() + SLICE_MS) {
                break;
            }
        }
    });
    Slices { cancelled }
}

/// Runs the job in `slot` in slices: `slice` gets the job and a deadline and says whether
/// it is done. A done job is dropped (its memory freed at once); a job taken out of `slot`
/// (a cancel button keeping what it found) ends the slices.
pub fn run_job_in_slices<J: 'static>(
    slot: Rc<RefCell<Option<J>>>,
    mut slice: impl FnMut(&mut J, f64) -> bool + 'static,
) -> Slices {
    run_in_slices(move |deadline| {
        let mut slot = slot.borrow_mut();
        let Some(job) = slot.as_mut() else {
            return true;
        };
        let done = slice(job, deadline);
        if done {
            *slot = None;
        }
        done
    })
}
