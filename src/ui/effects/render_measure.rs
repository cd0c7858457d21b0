//! The render-time measure the README's figures come from: the learner's action is marked,
//! and the render it causes is measured up to layout, in the browser's performance timeline
//! (where the benchmarks and the browser tests read it).

use std::cell::Cell;
use yew::prelude::*;

/// Name of the performance mark set when the learner acts.
const ACTION_MARK: &str = "dns-race:action";
/// Name of the performance measure from the learner's action to the updated, laid-out page.
pub const RENDER_MEASURE: &str = "dns-race:render";

/// The page keeps at most this many measures: a reader (the benchmarks, a test) takes them
/// and clears them; nobody reading, an hour of stepping would otherwise keep every one.
const MEASURES_KEPT_MAX: u32 = 1_000;

thread_local! {
    /// Whether an action was marked and its render not measured yet.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// Measures recorded since the page last cleared them.
    static RECORDED: Cell<u32> = const { Cell::new(0) };
}

/// Marks the moment the learner acted, so that the next render can be measured.
pub fn mark_action() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        if performance.mark(ACTION_MARK).is_ok() {
            PENDING.with(|p| p.set(true));
        }
    }
}

/// After every render that follows a marked action, forces layout (which the browser would
/// do before painting anyway) and records a `dns-race:render` performance measure from the
/// action: script, diff, DOM update, style and layout; paint is not included.
#[hook]
pub fn use_render_measure() {
    use_effect(|| {
        if PENDING.with(|p| p.replace(false)) {
            let window = web_sys::window();
            if let Some(body) = window.as_ref().and_then(|w| w.document()).and_then(|d| d.body()) {
                let _ = body.offset_height();
            }
            if let Some(performance) = window.and_then(|w| w.performance()) {
                if RECORDED.with(|n| n.replace(n.get() + 1)) >= MEASURES_KEPT_MAX {
                    performance.clear_measures_with_measure_name(RENDER_MEASURE);
                    RECORDED.with(|n| n.set(1));
                }
                let _ = performance.measure_with_start_mark(RENDER_MEASURE, ACTION_MARK);
                performance.clear_marks_with_mark_name(ACTION_MARK);
            }
        }
    });
}
