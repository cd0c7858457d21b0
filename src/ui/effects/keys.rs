//! The keyboard: which key stands for which action, in which mode (pure, tested natively),
//! and the one document listener that dispatches them.

use crate::ui::state::Action;
use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

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
