//! Time: the playback timer that advances the cursor, and the pause when the tab is hidden
//! (nobody is watching, and browsers throttle timers). Both only dispatch actions.

use crate::ui::slices::now_ms;
use crate::ui::state::Action;
use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Pauses playback when the tab is hidden: nobody is watching, and browsers throttle timers.
#[hook]
pub fn use_pause_when_hidden(dispatch: Callback<Action>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
            let target = document.clone();
            EventListener::new(&target, "visibilitychange", move |_| {
                if document.visibility_state() == web_sys::VisibilityState::Hidden {
                    dispatch.emit(Action::Pause);
                }
            })
        });
        move || drop(listener)
    });
}

/// The timer's period for a playback speed: one tick per event up to about 60 events per
/// second, one tick a frame above that.
pub fn tick_period_ms(events_per_second: f64) -> u32 {
    (1000.0 / events_per_second).max(FRAME_MS).round() as u32
}

/// A frame at 60 Hz: the timer never ticks more often.
const FRAME_MS: f64 = 16.0;

/// At most this many events in one tick: after a stall (a long render, a busy machine) the
/// replay moves on from where it is rather than rushing through what it missed.
pub const TICK_EVENTS_MAX: u64 = 16;

/// The events a tick plays, from the playback clock: those due `elapsed_ms` after playback
/// started at `events_per_second`, less the `played` ones, at most [`TICK_EVENTS_MAX`].
/// Returns (events to play now, events played after it). Counting from the clock rather
/// than ticks keeps the nominal speed whatever the timer's jitter and the render's cost:
/// the speed control says 128 events/s, and the replay plays 128 a second.
pub fn events_due(elapsed_ms: f64, events_per_second: f64, played: u64) -> (u32, u64) {
    let due = (elapsed_ms.max(0.0) * events_per_second / 1000.0).floor() as u64;
    let now = due.saturating_sub(played);
    if now > TICK_EVENTS_MAX {
        (TICK_EVENTS_MAX as u32, due)
    } else {
        (now as u32, played + now)
    }
}

/// While `playing`, advances the cursor at `events_per_second`, by the clock.
#[hook]
pub fn use_ticker(playing: bool, events_per_second: f64, dispatch: Callback<Action>) {
    use_effect_with((playing, events_per_second.to_bits()), move |_| {
        let interval = playing.then(|| {
            let started = now_ms();
            let mut played = 0u64;
            Interval::new(tick_period_ms(events_per_second), move || {
                let (events, after) = events_due(now_ms() - started, events_per_second, played);
                played = after;
                if events > 0 {
                    dispatch.emit(Action::Tick(events));
                }
            })
        });
        move || drop(interval)
    });
}
