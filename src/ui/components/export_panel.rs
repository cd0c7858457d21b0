//! "Save or open a run": download this moment as a JSON file, open one (from a file picker
//! or dropped on the panel), and download the whole run's sequence diagram as SVG. What the
//! files hold, and every check on opening one, live in the pure [`crate::ui::export`].

use crate::ui::export::{self, svg, FILE_BYTES_MAX};
use crate::ui::link::Link;
use crate::ui::replay::Replay;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Properties of [`ExportPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ExportPanelProps {
    /// The run shown.
    pub replay: Rc<Replay>,
    /// This moment: what set the run up, and the step.
    pub link: Link,
    /// Reopens the moment of a file that passed every check.
    pub onimport: Callback<Link>,
}

/// What the last attempt to open a file gave.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Opened: a sentence for the status line.
    Opened(String),
    /// Refused or failed: a sentence for the alert. The page is as it was.
    Refused(String),
}

/// Makes the browser download `text` as `name`: a Blob behind an object URL and a
/// temporary `<a download>`, so that nothing leaves the machine.
fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoked once the click has been handled: revoking at once may cancel the download.
    Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A file's name for a message: the learner's own, but shortened and never markup (Yew
/// writes it as text).
fn shown_name(file: &web_sys::File) -> String {
    let name = file.name();
    let mut short: String = name.chars().take(60).collect();
    if name.chars().count() > 60 {
        short.push('…');
    }
    short
}

/// Reads `file` and checks it; the outcome goes to `outcome`, a valid moment to `onimport`.
fn open(file: web_sys::File, onimport: Callback<Link>, outcome: UseStateHandle<Option<Outcome>>) {
    let name = shown_name(&file);
    let refused =
        move |why: String| Outcome::Refused(format!("{name} was not opened: {why}. The page is as it was."));
    // Refused before a byte is read: the size is known without reading.
    if file.size() > FILE_BYTES_MAX as f64 {
        outcome.set(Some(refused(export::too_large(file.size() as u64))));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
        let next = match text {
            None => refused("the browser could not read the file".into()),
            Some(text) => match export::import(&text) {
                Ok(link) => {
                    let at = match link.cursor.step {
                        Some(step) => format!("at event {step}"),
                        None => "before its first event".to_string(),
                    };
                    onimport.emit(link);
                    Outcome::Opened(format!("Opened {}: the saved run, {at}.", shown_name(&file)))
                }
                Err(error) => refused(error.to_string()),
            },
        };
        outcome.set(Some(next));
    });
}

/// The panel: three buttons, a status or alert line, and a drop target.
#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let input = use_node_ref();
    let outcome = use_state(|| None::<Outcome>);
    let dragging = use_state_eq(|| false);
    let step = props.link.cursor.step.unwrap_or(0);

    let onsave = {
        let (replay, link, outcome) = (props.replay.clone(), props.link.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            let text = export::export(&link, &replay);
            let name = export::file_name(&replay, link.cursor.step.unwrap_or(0));
            if download(&name, "application/json", &text).is_err() {
                outcome.set(Some(Outcome::Refused("The browser would not start the download.".into())));
            }
        })
    };
    let onsvg = {
        let (replay, outcome) = (props.replay.clone(), outcome.clone());
        Callback::from(move |_: MouseEvent| {
            let text = svg::sequence_svg(&replay);
            if download(&svg::file_name(&replay), "image/svg+xml", &text).is_err() {
                outcome.set(Some(Outcome::Refused("The browser would not start the download.".into())));
            }
        })
    };
    let onpick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<web_sys::HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onfile = {
        let (onimport, outcome) = (props.onimport.clone(), outcome.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                open(file, onimport.clone(), outcome.clone());
            }
            // The same file may be chosen again (after editing it, say).
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens a dropped file in place of the page.
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Moving onto a button inside the panel also leaves the panel itself: only
            // leaving it for good ends the highlight.
            let node = |t: Option<web_sys::EventTarget>| t.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = match (node(e.current_target()), node(e.related_target())) {
                (Some(panel), Some(to)) => panel.contains(Some(&to)),
                _ => false,
            };
            if !inside {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let (onimport, outcome, dragging) = (props.onimport.clone(), outcome.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
                open(file, onimport.clone(), outcome.clone());
            }
        })
    };
    let ondismiss = {
        let outcome = outcome.clone();
        Callback::from(move |_: MouseEvent| outcome.set(None))
    };

    html! {
        <section class={classes!("export", "panel", dragging.then_some("export--dragging"))} id="save"
            aria-labelledby="export-title" {ondragover} {ondragleave} {ondrop}>
            <div class="section-head">
                <h2 id="export-title">{ "Save or open a run" }</h2>
                <p class="section-note">
                    { format!("Save this run at event {step} with everything that set it up, and open it again \
                               later, here or on another machine. You can also drop a saved file on this panel.") }
                </p>
            </div>
            <div class="export-actions">
                <button type="button" class="btn" onclick={onsave}>{ "Download the run (JSON)" }</button>
                <button type="button" class="btn" onclick={onpick}>{ "Open a saved run…" }</button>
                <button type="button" class="btn" onclick={onsvg}>{ "Download the diagram (SVG)" }</button>
                <input ref={input} type="file" class="visually-hidden" id="export-file" tabindex="-1"
                    aria-hidden="true" accept=".json,application/json" onchange={onfile} />
            </div>
            // Always present, so that screen readers announce what arrives in it.
            <p class="export-status" role="status">
                if let Some(Outcome::Opened(message)) = &*outcome {
                    { message.clone() }
                }
            </p>
            if let Some(Outcome::Refused(message)) = &*outcome {
                <div class="export-error" role="alert">
                    <p>{ message.clone() }</p>
                    <button type="button" class="btn" onclick={ondismiss}>{ "Dismiss" }</button>
                </div>
            }
        </section>
    }
}
