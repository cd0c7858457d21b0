//! Long work on the page's thread, in slices: each slice works for [`SLICE_MS`], then gives
//! the browser the thread back, so that the page keeps answering scrolls, keys and the
//! cancel button while the explorer runs.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsValue;

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

/// Resolves after the browser has painted what is on screen: the next animation frame, then a
/// task (a timeout after 100 ms too, in case frames are not running: a hidden tab).
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// How many of `total` parts of a page to draw: none in the first render, then one more after
/// each paint. The first screen paints without waiting for what is below it, and no single
/// task draws (and lays out) every part at once.
#[yew::hook]
pub fn use_revealed(total: usize) -> usize {
    let revealed = yew::use_state_eq(|| 0usize);
    {
        let revealed = revealed.clone();
        yew::use_effect_with(*revealed, move |&shown| {
            let alive = Rc::new(Cell::new(true));
            if shown < total {
                let alive = alive.clone();
                yew::platform::spawn_local(async move {
                    after_paint().await;
                    if alive.get() {
                        revealed.set(shown + 1);
                    }
                });
            }
            move || alive.set(false)
        });
    }
    *revealed
}

/// `value` as it was a frame ago: the value of the render before, then, once the browser has
/// painted, the latest. One wait at a time: values that change during it (a held key,
/// playback) are drawn together when it ends, so the value is never more than a paint
/// behind. What is on screen is drawn in the task of the learner's action; what follows the
/// cursor below the stage, in the task after its paint.
#[yew::hook]
pub fn use_after_paint<T: Clone + PartialEq + 'static>(value: T) -> T {
    let shown = yew::use_state_eq(|| value.clone());
    let latest = yew::use_mut_ref(|| value.clone());
    let waiting = yew::use_mut_ref(|| false);
    {
        let shown = shown.clone();
        yew::use_effect_with(value, move |value| {
            *latest.borrow_mut() = value.clone();
            if *value != *shown && !*waiting.borrow() {
                *waiting.borrow_mut() = true;
                yew::platform::spawn_local(async move {
                    after_paint().await;
                    *waiting.borrow_mut() = false;
                    // A component gone meanwhile ignores the update.
                    shown.set(latest.borrow().clone());
                });
            }
        });
    }
    (*shown).clone()
}
