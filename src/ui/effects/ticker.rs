//! Time: the playback timer that advances the cursor, and the pause when the tab is hidden
//! (nobody is watching, and browsers throttle timers). Both only dispatch actions.

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

/// The timer period and events per tick for a playback speed: one event per tick up to
/// about 60 events per second, several per tick above that (one tick per frame at most).
pub fn tick_plan(events_per_second: f64) -> (u32, u32) {
    let period_ms = (1000.0 / events_per_second).max(16.0);
    let events = (events_per_second * period_ms / 1000.0).round().max(1.0);
    (period_ms.round() as u32, events as u32)
}

/// While `playing`, advances the cursor at `events_per_second`.
#[hook]
pub fn use_ticker(playing: bool, events_per_second: f64, dispatch: Callback<Action>) {
    use_effect_with((playing, events_per_second.to_bits()), move |_| {
        let interval = playing.then(|| {
            let (period_ms, events) = tick_plan(events_per_second);
            Interval::new(period_ms, move || dispatch.emit(Action::Tick(events)))
        });
        move || drop(interval)
    });
}
