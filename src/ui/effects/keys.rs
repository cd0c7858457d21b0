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

/// What has the keyboard focus, as far as the replay's keys are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// Nothing in particular: the page, a panel, the diagram.
    Page,
    /// Inside an open dialog (the share dialog): it has the keyboard.
    Dialog,
    /// A field that takes text (the seed, a saved file's name).
    TextField,
    /// A slider (the scrubber, the speed, the charts' cursor): arrows and Home/End move it.
    Slider,
    /// A switch (a checkbox) or a dropdown (a select).
    Choice,
    /// A button or a link, or an SVG element that acts as one (a sequence diagram's mark).
    Button,
}

/// Whether the focused element keeps `key` for itself. The replay's keys work wherever the
/// learner was: after a switch, a dropdown or a button was used (with the mouse, typically)
/// Space plays and pauses, the arrows step and Page Up/Down jump, as a presentation clicker
/// expects; a button keeps Enter, which activates it, and a switch toggles with Enter too
/// (its component's own handler). Only a dialog and a text field keep every key, and a
/// slider keeps the arrows and Home/End, which move it (the scrubber's move is the replay's).
pub fn focus_keeps(focus: Focus, key: &str) -> bool {
    let moves_slider = matches!(key, "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End");
    match focus {
        Focus::Dialog | Focus::TextField => true,
        Focus::Slider => moves_slider,
        // Enter activates a button or flips a switch; every other key is the page's (the
        // replay's, and presenter mode's B, `.` and Escape).
        Focus::Choice | Focus::Button => key == "Enter",
        Focus::Page => false,
    }
}

/// What `element` (the key's target) is, for [`focus_keeps`].
fn focus_of(element: &web_sys::Element) -> Focus {
    if element.closest("dialog").ok().flatten().is_some() {
        return Focus::Dialog;
    }
    let role = element.get_attribute("role");
    let input_type = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
    match element.tag_name().to_ascii_lowercase().as_str() {
        "input" => match input_type.as_str() {
            "range" => Focus::Slider,
            "checkbox" | "radio" => Focus::Choice,
            "button" | "submit" | "reset" | "file" => Focus::Button,
            _ => Focus::TextField,
        },
        "textarea" => Focus::TextField,
        "select" => Focus::Choice,
        "button" | "a" | "summary" => Focus::Button,
        _ if element.get_attribute("contenteditable").is_some_and(|v| v != "false") => Focus::TextField,
        _ if role.as_deref() == Some("slider") => Focus::Slider,
        _ if role.as_deref() == Some("button") => Focus::Button,
        _ => Focus::Page,
    }
}

/// Enter on a switch toggles it: Space, which browsers use for that, is the replay's
/// ([`focus_keeps`]), and a keyboard needs a way to flip a mitigation. Returns whether it
/// did.
fn toggle_switch_on_enter(event: &web_sys::KeyboardEvent) -> bool {
    let switch = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|input| matches!(input.type_().as_str(), "checkbox" | "radio"));
    match switch {
        Some(input) if event.key() == "Enter" && !event.default_prevented() => {
            event.prevent_default();
            input.click();
            true
        }
        _ => false,
    }
}

/// Whether the key's target keeps it ([`focus_keeps`]).
fn handled_by_target(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    focus_keeps(focus_of(&element), &event.key())
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
                if toggle_switch_on_enter(event) {
                    return;
                }
                let (mode, oncommand) = latest.borrow().clone();
                // A black screen comes back on any key, whatever has focus. A key a
                // component has handled already (the charts' cursor) is left to it.
                if !mode.blanked
                    && (event.ctrl_key()
                        || event.meta_key()
                        || event.alt_key()
                        || event.default_prevented()
                        || handled_by_target(event))
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
