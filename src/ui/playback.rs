//! The page's side effects, as hooks that only dispatch [`Action`]s: keyboard shortcuts,
//! the playback timer, pausing when the tab is hidden, and the render-time measurement
//! that the README's figure comes from.

use super::state::Action;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Name of the performance mark set when the learner acts.
const ACTION_MARK: &str = "dns-race:action";
/// Name of the performance measure from the learner's action to the updated, laid-out page.
pub const RENDER_MEASURE: &str = "dns-race:render";

thread_local! {
    /// Whether an action was marked and its render not measured yet.
    static PENDING: Cell<bool> = const { Cell::new(false) };
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
                let _ = performance.measure_with_start_mark(RENDER_MEASURE, ACTION_MARK);
                performance.clear_marks_with_mark_name(ACTION_MARK);
            }
        }
    });
}

/// The action a key stands for, if any: Space plays or pauses; Left and Right step; Home
/// and End go to the first and last event; Page Up and Page Down (what presentation
/// clickers send) jump between key steps.
pub fn key_action(key: &str) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" => Action::TogglePlay,
        "ArrowRight" => Action::StepForward,
        "ArrowLeft" => Action::StepBack,
        "Home" => Action::First,
        "End" => Action::Last,
        "PageDown" => Action::NextKeyStep,
        "PageUp" => Action::PreviousKeyStep,
        _ => return None,
    })
}

/// What the page shows that changes what some keys mean.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyMode {
    /// Presenter mode is on (`present=1`).
    pub presenting: bool,
    /// The guided tour is open at a chapter.
    pub touring: bool,
    /// The screen is blanked (presenter mode's `B`).
    pub blanked: bool,
}

/// What a key asks for, once the mode is taken into account.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyCommand {
    /// A player action (see [`key_action`]).
    Replay(Action),
    /// The tour's next chapter.
    NextChapter,
    /// The tour's previous chapter.
    PreviousChapter,
    /// Blank the screen to black.
    Blank,
    /// Bring the blanked screen back.
    Unblank,
    /// Leave presenter mode.
    LeavePresenter,
}

/// The command a key stands for in `mode`. Outside presenter mode, [`key_action`]'s
/// shortcuts. In presenter mode, a clicker's Page Down and Page Up turn the tour's chapters
/// while it is open (arrows still step events), `B` and `.` (what clickers send for a black
/// screen) blank the screen, and Escape leaves presenter mode. A blanked screen comes back
/// on any key, which does nothing else: the presenter should not lose their place.
pub fn key_command(key: &str, mode: KeyMode) -> Option<KeyCommand> {
    if mode.blanked {
        return Some(KeyCommand::Unblank);
    }
    if mode.presenting {
        match key {
            "b" | "B" | "." => return Some(KeyCommand::Blank),
            "Escape" => return Some(KeyCommand::LeavePresenter),
            "PageDown" if mode.touring => return Some(KeyCommand::NextChapter),
            "PageUp" if mode.touring => return Some(KeyCommand::PreviousChapter),
            _ => {}
        }
    }
    key_action(key).map(KeyCommand::Replay)
}

/// Whether the focused element handles the key itself. A slider (the scrubber, the speed)
/// takes the arrows and Home/End, which move it; Space and Page Up/Down stay the page's, so
/// that a presentation clicker keeps working whatever has focus. Other form fields take
/// every key; buttons and links take Space and Enter.
fn handled_by_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    // A dialog (the share dialog) has the keyboard: Escape closes it, and arrows behind it
    // should not step the replay.
    if element.closest("dialog").ok().flatten().is_some() {
        return true;
    }
    let key = event.key();
    let activation = matches!(key.as_str(), " " | "Spacebar" | "Enter");
    let tag = element.tag_name().to_ascii_lowercase();
    match tag.as_str() {
        "input" if element.get_attribute("type").is_some_and(|t| t == "range") => {
            matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End")
        }
        "input" | "select" | "textarea" => true,
        "button" | "a" | "summary" => activation,
        // The cascade's charts are a slider over time: arrows and Home/End move its cursor.
        _ if element.get_attribute("role").is_some_and(|r| r == "slider") => {
            matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End")
        }
        _ => activation && element.get_attribute("role").is_some_and(|r| r == "button"),
    }
}

/// Listens for the shortcuts of [`key_command`] in `mode` on the whole document. The
/// listener is added once and reads the latest mode and callback, so that a render (many a
/// second during playback) does not replace it.
#[hook]
pub fn use_keyboard_in(mode: KeyMode, oncommand: Callback<KeyCommand>) {
    let latest = use_mut_ref(|| (mode, oncommand.clone()));
    *latest.borrow_mut() = (mode, oncommand);
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
            // Not passive: the shortcuts replace the browser's scrolling on Space and Page Down.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let (mode, oncommand) = latest.borrow().clone();
                // A black screen comes back on any key, whatever has focus.
                if !mode.blanked
                    && (event.ctrl_key() || event.meta_key() || event.alt_key() || handled_by_target(event))
                {
                    return;
                }
                if let Some(command) = key_command(&event.key(), mode) {
                    event.prevent_default();
                    oncommand.emit(command);
                }
            })
        });
        move || drop(listener)
    });
}

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

/// The page's URL hash now (with its `#`, or empty).
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The address of this page opened at `link`.
pub fn page_url(link: &super::link::Link) -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let page = location.href().unwrap_or_default();
    let page = page.split('#').next().unwrap_or_default();
    match super::link::encode(link) {
        hash if hash.is_empty() => page.to_string(),
        hash => format!("{page}#{hash}"),
    }
}

/// Writes `link` into the URL hash. Another thing to look at (a scenario, a design, a
/// chapter, a view) is a new history entry, so that Back returns to the one before; a step
/// only replaces the current entry, so that Back does not walk through every event.
pub fn write_link(link: &super::link::Link) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = super::link::encode(link);
    let current = window.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == hash {
        return;
    }
    let url = if hash.is_empty() {
        // The bare page: no lone "#" left behind.
        let location = window.location();
        location.pathname().unwrap_or_default() + &location.search().unwrap_or_default()
    } else {
        format!("#{hash}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let new_entry = super::link::decode(&current).link.differs_beyond_step(link);
    let _ = if new_entry {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}

/// Sets the page's colours: `Some` forces light or dark, `None` follows the system.
pub fn set_theme(theme: Option<super::link::Theme>) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Some(theme) => root.set_attribute("data-theme", theme.name()),
            None => root.remove_attribute("data-theme"),
        };
    }
}

/// The `type` of the message an embedded page posts to its host with its height.
pub const HEIGHT_MESSAGE: &str = "dns-race:height";

thread_local! {
    /// The height last posted, so that a render that changes nothing posts nothing.
    static POSTED_HEIGHT: Cell<i32> = const { Cell::new(-1) };
}

/// Inside a host's iframe, posts `{type: "dns-race:height", height}` (CSS pixels, the
/// whole document) to the host whenever it changes: after every render and on resize, so
/// that the host can size the iframe to fit.
#[hook]
pub fn use_post_height(embedded: bool) {
    use_effect(move || {
        if embedded {
            post_height();
        }
    });
    use_effect_with(embedded, |embedded| {
        let listener = embedded
            .then(web_sys::window)
            .flatten()
            .map(|window| EventListener::new(&window, "resize", |_| post_height()));
        move || drop(listener)
    });
}

fn post_height() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window.document().and_then(|d| d.document_element()).map_or(0, |e| e.scroll_height());
    if POSTED_HEIGHT.with(|p| p.replace(height)) == height {
        return;
    }
    // The top window has no host to tell.
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    // "*": the page tells only its height, which any host may know; a sandboxed host
    // page has no origin to name.
    let _ = parent.post_message(&message, "*");
}

/// Calls `onnavigate` with the new hash when the learner goes Back or Forward, or edits the
/// hash in the address bar.
#[hook]
pub fn use_navigation(onnavigate: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window()
            .map(|window| EventListener::new(&window, "popstate", move |_| onnavigate.emit(current_hash())));
        move || drop(listener)
    });
}
