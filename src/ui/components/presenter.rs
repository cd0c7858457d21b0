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

/// The speaker notes' own window, to drag onto the presenter's screen while the page is on
/// the projector: the name browsers know it by, and its size.
const NOTES_WINDOW: (&str, &str) = ("dns-race-notes", "popup,width=560,height=720");

/// Fills the notes window with `chapter`'s notes, the next chapter's title and the keys.
fn write_notes(notes: &web_sys::Window, chapter: Option<Chapter>) -> Option<()> {
    let document = notes.document()?;
    document.set_title(&match chapter {
        Some(c) => format!("Speaker notes · {} · dns-race", c.title()),
        None => "Speaker notes · dns-race".to_string(),
    });
    let body = document.body()?;
    body.set_inner_html("");
    let add = |parent: &web_sys::Element, tag: &str, text: &str| -> Option<web_sys::Element> {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        parent.append_child(&element).ok()?;
        Some(element)
    };
    add(
        &body,
        "style",
        "body{font:18px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1b1f24;background:#fbfaf7}\
         h1{font-size:1.3rem;margin:0 0 .2rem}p.k{color:#5b6470;font-size:.8rem;letter-spacing:.06em;\
         text-transform:uppercase;margin:0}li+li{margin-top:.5rem}.next{color:#5b6470}\
         kbd{border:1px solid #ccc;border-radius:4px;padding:0 .3rem;font-size:.85rem}",
    )?;
    match chapter {
        Some(c) => {
            add(&body, "p", &format!("Chapter {} of {}", c.number(), Chapter::ALL.len()))?
                .set_class_name("k");
            add(&body, "h1", c.title())?;
            let list = add(&body, "ul", "")?;
            for note in c.notes() {
                add(&list, "li", note)?;
            }
            let next =
                c.next().map_or("Next: the end of the tour".to_string(), |n| format!("Next: {}", n.title()));
            add(&body, "p", &next)?.set_class_name("next");
        }
        None => {
            add(&body, "h1", "Speaker notes")?;
            add(&body, "p", "Start the guided tour for notes on each chapter.")?;
        }
    }
    add(
        &body,
        "p",
        "Keys here work as on the page: Page Down / Page Up next or previous chapter, → ← one event, \
         B black screen, Esc leave presenter mode.",
    )?
    .set_class_name("next");
    Some(())
}

/// Forwards the keys pressed in the notes window to the page, so the presenter can drive the
/// projected page from their own screen.
fn forward_keys(notes: &web_sys::Window) -> Option<gloo_events::EventListener> {
    let page = web_sys::window()?.document()?;
    let options = gloo_events::EventListenerOptions::enable_prevent_default();
    Some(gloo_events::EventListener::new_with_options(notes, "keydown", options, move |event| {
        // Not `dyn_ref`: the event comes from the other window's realm, where `instanceof`
        // this window's KeyboardEvent is false; a keydown listener only gets keyboard events.
        let key = wasm_bindgen::JsCast::unchecked_ref::<web_sys::KeyboardEvent>(event);
        if key.ctrl_key() || key.meta_key() || key.alt_key() {
            return;
        }
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(&key.key());
        init.set_bubbles(true);
        init.set_cancelable(true);
        if let Ok(copy) = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init) {
            if !page.dispatch_event(&copy).unwrap_or(true) {
                event.prevent_default();
            }
        }
    }))
}

/// The speaker notes in a window of their own, kept on the tour's chapter. Returns the
/// callback that opens it (from a click: browsers block a window nobody asked for). Where the
/// browser refuses a window, the notes stay below the stage.
#[hook]
pub fn use_notes_window(chapter: Option<Chapter>, presenting: bool) -> Callback<MouseEvent> {
    let opened = use_mut_ref(|| None::<(web_sys::Window, Option<gloo_events::EventListener>)>);
    {
        let opened = opened.clone();
        use_effect_with((chapter, presenting), move |(chapter, presenting)| {
            let mut slot = opened.borrow_mut();
            if slot.as_ref().is_some_and(|(w, _)| w.closed().unwrap_or(true)) {
                *slot = None;
            }
            match (presenting, slot.as_ref()) {
                (true, Some((notes, _))) => {
                    let _ = write_notes(notes, *chapter);
                }
                (false, Some((notes, _))) => {
                    let _ = notes.close();
                    *slot = None;
                }
                _ => {}
            }
        });
    }
    Callback::from(move |_: MouseEvent| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let (name, features) = NOTES_WINDOW;
        if let Ok(Some(notes)) = window.open_with_url_and_target_and_features("", name, features) {
            let _ = write_notes(&notes, chapter);
            let keys = forward_keys(&notes);
            let _ = notes.focus();
            *opened.borrow_mut() = Some((notes, keys));
        }
    })
}
