//! "Share": the link to this moment, and the iframe snippet that embeds it in a page.

use crate::ui::effects::address::page_url;
use crate::ui::link::{embed_snippet, Embed, Link, Theme};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`ShareDialog`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ShareDialogProps {
    /// This moment: what the learner set and the step.
    pub link: Link,
}

/// A "Share" button and its dialog: the link, with a copy button; embed options
/// (autoplay, controls, theme, a step range) and the snippet they give, with a preview.
#[function_component(ShareDialog)]
pub fn share_dialog(props: &ShareDialogProps) -> Html {
    let dialog = use_node_ref();
    let open = use_state(|| false);
    let embed = use_state(Embed::default);
    let theme = use_state(|| None::<Theme>);
    let copied = use_state(|| None::<&'static str>);
    let onopen = {
        let (dialog, open, embed, step) =
            (dialog.clone(), open.clone(), embed.clone(), props.link.cursor.step);
        Callback::from(move |_: MouseEvent| {
            // The figure starts where the learner is.
            embed.set(Embed { from: step, ..(*embed).clone() });
            open.set(true);
            if let Some(dialog) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let onclose = {
        let (dialog, open) = (dialog.clone(), open.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            if let Some(dialog) = dialog.cast::<web_sys::HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    // The dialog closed by Escape.
    let oncancel = {
        let open = open.clone();
        Callback::from(move |_: Event| open.set(false))
    };
    let link_url = page_url(&props.link.outside_embed());
    let page = link_url.split('#').next().unwrap_or_default().to_string();
    let mut embedded = props.link.clone();
    embedded.view.theme = *theme;
    embedded.view.embed = Some((*embed).clone());
    let snippet = embed_snippet(&page, &embedded);
    let copy = |text: String, what: &'static str| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                return;
            };
            let promise = clipboard.write_text(&text);
            let copied = copied.clone();
            yew::platform::spawn_local(async move {
                let done = wasm_bindgen_futures::JsFuture::from(promise).await;
                copied.set(Some(if done.is_ok() {
                    what
                } else {
                    "The browser refused: select the text and copy it"
                }));
            });
        })
    };
    let toggle = |set: fn(&mut Embed, bool)| {
        let embed = embed.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            let mut next = (*embed).clone();
            set(&mut next, on);
            embed.set(next);
        })
    };
    let step_input = |set: fn(&mut Embed, Option<u32>)| {
        let embed = embed.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            let mut next = (*embed).clone();
            // An empty or unreadable field means "no limit".
            set(&mut next, value.trim().parse().ok());
            embed.set(next);
        })
    };
    let ontheme = {
        let theme = theme.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            theme.set(match value.as_str() {
                "light" => Some(Theme::Light),
                "dark" => Some(Theme::Dark),
                _ => None,
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(field) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
            field.select();
        } else if let Some(field) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            field.select();
        }
    });
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let range_problem = matches!((embed.from, embed.to), (Some(f), Some(t)) if f > t);
    html! {
        <>
            <button type="button" class="btn" onclick={onopen} aria-haspopup="dialog" aria-label="Share or embed">
                { "Share" }
            </button>
            <dialog ref={dialog} class="share-dialog" aria-labelledby="share-title" {oncancel}>
                if *open {
                    <div class="share-head">
                        <h2 id="share-title">{ "Share this moment" }</h2>
                        <button type="button" class="btn btn--icon" aria-label="Close" onclick={onclose.clone()}>{ "✕" }</button>
                    </div>
                    <label class="share-label" for="share-link">{ "Link: opens this step, with these switches" }</label>
                    <div class="share-row">
                        <input id="share-link" class="share-field" readonly=true value={link_url.clone()} onfocus={select_all.clone()} />
                        <button type="button" class="btn btn--primary" onclick={copy(link_url.clone(), "Link copied")}>{ "Copy link" }</button>
                    </div>
                    <h3>{ "Embed in a page" }</h3>
                    <div class="share-options">
                        <label><input type="checkbox" checked={embed.autoplay} onchange={toggle(|e, on| e.autoplay = on)} />{ " Play on its own" }</label>
                        <label><input type="checkbox" checked={embed.controls} onchange={toggle(|e, on| e.controls = on)} />{ " Show the controls" }</label>
                        <label>{ "Colours " }
                            <select onchange={ontheme}>
                                <option value="" selected={theme.is_none()}>{ "the reader's" }</option>
                                <option value="light" selected={*theme == Some(Theme::Light)}>{ "light" }</option>
                                <option value="dark" selected={*theme == Some(Theme::Dark)}>{ "dark" }</option>
                            </select>
                        </label>
                        <label>{ "From event " }
                            <input type="number" min="0" class="share-step" value={number(embed.from)}
                                oninput={step_input(|e, n| e.from = n)} aria-describedby="share-range-note" />
                        </label>
                        <label>{ "to " }
                            <input type="number" min="0" class="share-step" value={number(embed.to)}
                                oninput={step_input(|e, n| e.to = n)} aria-describedby="share-range-note" />
                        </label>
                    </div>
                    <p id="share-range-note" class={classes!("share-note", range_problem.then_some("share-note--bad"))}>
                        if range_problem {
                            { "The range ends before it starts: the page would ignore it." }
                        } else {
                            { "Leave \"to\" empty for the whole run. The page posts its height to yours; the script below sizes the frame." }
                        }
                    </p>
                    <label class="share-label" for="share-snippet">{ "HTML to paste" }</label>
                    <textarea id="share-snippet" class="share-field share-snippet" readonly=true rows="6"
                        value={snippet.clone()} onfocus={select_all} />
                    <div class="share-row share-row--end">
                        <span class="share-copied" role="status">{ copied.unwrap_or_default() }</span>
                        <button type="button" class="btn btn--primary" onclick={copy(snippet, "Embed copied")}>{ "Copy embed" }</button>
                    </div>
                }
            </dialog>
        </>
    }
}
