//! On a touch screen, a swipe across the stage's diagram steps the replay, as the arrow keys
//! do on a keyboard: left for the next event, right for the one before.

use crate::ui::state::Action;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The shortest horizontal travel that counts as a swipe, in CSS pixels: a thumb's drift while
/// scrolling stays well under it.
pub const SWIPE_PX_MIN: f64 = 48.0;

/// What a touch that moved by (`dx`, `dy`) CSS pixels asks for: a step when it went mostly
/// sideways, far enough; nothing when it was a tap or a scroll.
pub fn swipe_action(dx: f64, dy: f64) -> Option<Action> {
    if dx.abs() < SWIPE_PX_MIN || dx.abs() < 2.0 * dy.abs() {
        None
    } else if dx < 0.0 {
        Some(Action::StepForward)
    } else {
        Some(Action::StepBack)
    }
}

/// Listens for swipes on the element of `node` and dispatches the step each asks for.
#[hook]
pub fn use_swipe(node: NodeRef, dispatch: Callback<Action>) {
    use_effect_with(node, move |node| {
        let listeners = node.cast::<web_sys::Element>().map(|element| {
            let start: Rc<Cell<Option<(f64, f64)>>> = Rc::default();
            let passive = EventListenerOptions::default();
            let on_start = {
                let start = start.clone();
                EventListener::new_with_options(&element, "touchstart", passive, move |event| {
                    let touch = wasm_bindgen::JsCast::dyn_ref::<web_sys::TouchEvent>(event)
                        .filter(|t| t.touches().length() == 1)
                        .and_then(|t| t.touches().get(0));
                    start.set(touch.map(|t| (f64::from(t.client_x()), f64::from(t.client_y()))));
                })
            };
            let on_end = EventListener::new_with_options(&element, "touchend", passive, move |event| {
                let end = wasm_bindgen::JsCast::dyn_ref::<web_sys::TouchEvent>(event)
                    .and_then(|t| t.changed_touches().get(0))
                    .map(|t| (f64::from(t.client_x()), f64::from(t.client_y())));
                if let (Some((x0, y0)), Some((x1, y1))) = (start.take(), end) {
                    if let Some(action) = swipe_action(x1 - x0, y1 - y0) {
                        dispatch.emit(action);
                    }
                }
            });
            (on_start, on_end)
        });
        move || drop(listeners)
    });
}
