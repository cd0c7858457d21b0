//! Presenter mode: the speaker notes panel, the black screen, and the keys of a
//! presentation clicker. The page's large type and laser-pointer highlight are CSS, keyed on
//! the page root's `page--present` class.

use crate::ui::effects::keys::{self, KeyCommand, KeyMode};
use crate::ui::state::Action;
use crate::ui::tour::Chapter;
use yew::prelude::*;

/// Listens for the page's keys (see [`keys::key_command`]) and dispatches what they ask for:
/// player actions, and in presenter mode (with the tour open at `chapter`) the tour's
/// chapters and leaving presenter mode. Returns whether the screen is blanked, and the
/// handle that brings it back (the black screen is this component's own, not the page's).
#[hook]
pub fn use_presenter_keys(
    chapter: Option<Chapter>,
    presenting: bool,
    dispatch: Callback<Action>,
) -> UseStateHandle<bool> {
    let blanked = use_state(|| false);
    // Leaving presenter mode (by its button too) leaves no black screen behind.
    {
        let blanked = blanked.clone();
        use_effect_with(presenting, move |presenting| {
            if !*presenting {
                blanked.set(false);
            }
        });
    }
    let mode = KeyMode { presenting, touring: chapter.is_some(), blanked: presenting && *blanked };
    let oncommand = {
        let blanked = blanked.clone();
        Callback::from(move |command: KeyCommand| match command {
            KeyCommand::Replay(action) => dispatch.emit(action),
            KeyCommand::NextChapter => {
                if let Some(next) = chapter.and_then(Chapter::next) {
                    dispatch.emit(Action::Chapter(Some(next)));
                }
            }
            KeyCommand::PreviousChapter => {
                if let Some(previous) = chapter.and_then(Chapter::previous) {
                    dispatch.emit(Action::Chapter(Some(previous)));
                }
            }
            KeyCommand::Blank => blanked.set(true),
            KeyCommand::Unblank => blanked.set(false),
            KeyCommand::LeavePresenter => dispatch.emit(Action::Present(false)),
        })
    };
    keys::use_keyboard_in(mode, oncommand);
    blanked
}

/// Properties of [`BlankScreen`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct BlankScreenProps {
    /// Brings the page back.
    pub onclose: Callback<()>,
}

/// A black screen over everything, as a projector shows between slides: any key (see
/// [`use_presenter_keys`]) or a click brings the page back.
#[function_component(BlankScreen)]
pub fn blank_screen(props: &BlankScreenProps) -> Html {
    html! {
        <div class="blank-screen" aria-hidden="true" title="Press any key to come back"
            onclick={props.onclose.reform(|_: MouseEvent| ())}></div>
    }
}

/// Properties of [`PresenterNotes`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct PresenterNotesProps {
    /// The tour's chapter, if it is open.
    pub chapter: Option<Chapter>,
}

/// The speaker notes of the tour's chapter, and the presenter's keys.
#[function_component(PresenterNotes)]
pub fn presenter_notes(props: &PresenterNotesProps) -> Html {
    let paging =
        if props.chapter.is_some() { "next / previous chapter" } else { "next / previous key moment" };
    html! {
        <aside class="presenter-notes panel" aria-labelledby="presenter-notes-title">
            <h2 id="presenter-notes-title" class="presenter-notes-title">
                { match props.chapter {
                    Some(chapter) => format!("Speaker notes · {}", chapter.title()),
                    None => "Speaker notes".to_string(),
                } }
            </h2>
            if let Some(chapter) = props.chapter {
                <ul class="presenter-notes-list">
                    { for chapter.notes().iter().map(|n| html! { <li>{ *n }</li> }) }
                </ul>
            } else {
                <p class="presenter-notes-empty">{ "Start the guided tour for notes on each chapter." }</p>
            }
            <p class="presenter-keys">
                <kbd>{ "Page Down" }</kbd>{ " " }<kbd>{ "Page Up" }</kbd>{ format!(" {paging} · ") }
                <kbd>{ "→" }</kbd>{ " " }<kbd>{ "←" }</kbd>{ " one event · " }
                <kbd>{ "B" }</kbd>{ " black screen · " }
                <kbd>{ "Esc" }</kbd>{ " leave presenter mode" }
            </p>
        </aside>
    }
}
