//! The guided tour's panel, its "what happens next?" prompts, and the top bar buttons that
//! open the tour and presenter mode. What each chapter says and where it goes is
//! [`crate::ui::tour`]'s; these components only draw it and report the learner's choices.

use crate::scenario::Mitigation;
use crate::ui::link::{Run, View};
use crate::ui::replay::Replay;
use crate::ui::state::Action;
use crate::ui::tour::{follows_incident, Chapter, Prompt, PromptStage};
use crate::ui::view::cascade::TimeAxis;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`TourButtons`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TourButtonsProps {
    /// How the page is shown (its chapter and presenter mode).
    pub view: View,
    /// Opens a chapter or leaves the tour; presenter mode on or off.
    pub ondispatch: Callback<Action>,
}

/// The top bar's "Start the guided tour" (or "Leave the guided tour") and "Present".
#[function_component(TourButtons)]
pub fn tour_buttons(props: &TourButtonsProps) -> Html {
    let touring = props.view.chapter.is_some();
    let ontour =
        props.ondispatch.reform(move |_: MouseEvent| Action::Chapter((!touring).then_some(Chapter::Design)));
    let present = props.view.present;
    let onpresent = props.ondispatch.reform(move |_: MouseEvent| Action::Present(!present));
    html! {
        <>
            <button type="button" class="btn tour-start" onclick={ontour}
                aria-label={if touring { "Leave the guided tour" } else { "Start the guided tour" }}>
                { "Guided tour" }
            </button>
            <button type="button" class="btn present-toggle" aria-pressed={props.view.present.to_string()}
                title="Large type, speaker notes and clicker keys; Escape leaves" onclick={onpresent}>
                { "Present" }
            </button>
        </>
    }
}

/// Properties of [`TourPanel`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct TourPanelProps {
    /// The chapter being read.
    pub chapter: Chapter,
    /// Which run the learner set.
    pub run: Run,
    /// The run shown (the incident, unless the learner chose another).
    pub replay: Rc<Replay>,
    /// Whether that run came from the explorer.
    pub loaded: bool,
    /// The cursor.
    pub position: u32,
    /// Where the charts' cursor is, milliseconds of run time.
    pub cursor_ms: u64,
    /// Moves the charts' cursor (and the player with it) to a run time.
    pub onseek_time: Callback<u64>,
    /// Opens a chapter, or leaves the tour with `None`.
    pub onchapter: Callback<Option<Chapter>>,
    /// Moves the cursor.
    pub onseek: Callback<u32>,
    /// Opens the chapter over the incident, at the chapter's moment, when the tour does not
    /// follow the run shown.
    pub onopen: Callback<Chapter>,
    /// Flips a mitigation (the last chapter).
    pub ontoggle: Callback<Mitigation>,
}

/// "Chapter n of 7": the chapter's title and text, its question, the way to the previous
/// and next chapters and a list of all of them. Over a run the tour does not follow, it says
/// so and offers to open the incident at the same chapter.
#[function_component(TourPanel)]
pub fn tour_panel(props: &TourPanelProps) -> Html {
    let chapter = props.chapter;
    let follows = !props.loaded && follows_incident(&props.run, chapter);
    let at = if follows { chapter.position(&props.replay.trace) } else { None };
    // A chapter about the cascade has its moment on the charts' axis, past the race's end:
    // going back to it moves the charts' cursor, not only the player.
    let chart_moment =
        chapter.cascade_clock().map(|minutes| TimeAxis::of_trace(&props.replay.trace).t_of_clock(minutes));
    let away = |at: u32| match chart_moment {
        Some(t) => t != props.cursor_ms,
        None => at != props.position,
    };
    let back = |at: u32| match chart_moment {
        Some(t) => props.onseek_time.reform(move |_: MouseEvent| t),
        None => props.onseek.reform(move |_: MouseEvent| at),
    };
    let go = |target: Option<Chapter>| {
        let onchapter = props.onchapter.clone();
        Callback::from(move |_: MouseEvent| onchapter.emit(target))
    };
    let number = chapter.number();
    let total = Chapter::ALL.len();
    html! {
        <section class="tour panel" id="tour" aria-labelledby="tour-title">
            <div class="tour-head">
                <p class="tour-kicker">{ format!("Guided tour · Chapter {number} of {total}") }</p>
                <button type="button" class="btn btn--icon tour-close" aria-label="Leave the guided tour"
                    title="Leave the guided tour" onclick={go(None)}>{ "✕" }</button>
            </div>
            <h2 id="tour-title" class="tour-title">{ chapter.title() }</h2>
            if follows {
                <div class="tour-body">
                    <div class="tour-text">
                        { for chapter.text().iter().map(|p| html! { <p>{ *p }</p> }) }
                        if let Some(at) = at.filter(|&at| chapter.prompt().is_none() && away(at)) {
                            <p class="tour-return">
                                <button type="button" class="link-button" onclick={back(at)}>
                                    { "Back to this chapter's moment" }
                                </button>
                            </p>
                        }
                    </div>
                    if let (Some(prompt), Some(at)) = (chapter.prompt(), at) {
                        <PromptBox {chapter} {prompt} {at} position={props.position} onseek={props.onseek.clone()} />
                    }
                    if chapter == Chapter::Try {
                        { try_it(props) }
                    }
                </div>
            } else {
                { elsewhere(props) }
            }
            <nav class="tour-nav" aria-label="Chapters of the guided tour">
                <button type="button" class="btn" disabled={chapter.previous().is_none()}
                    onclick={go(chapter.previous())}>{ "← Previous chapter" }</button>
                <ol class="tour-chapters">
                    { for Chapter::ALL.iter().map(|&c| html! {
                        <li>
                            <button type="button" class="tour-chapter" onclick={go(Some(c))}
                                aria-current={(c == chapter).then_some("step")}>
                                <span class="tour-chapter-number">{ c.number() }</span>{ c.title() }
                            </button>
                        </li>
                    }) }
                </ol>
                if chapter.next().is_some() {
                    <button type="button" class="btn btn--primary" onclick={go(chapter.next())}>
                        { "Next chapter →" }
                    </button>
                } else {
                    <button type="button" class="btn btn--primary" onclick={go(None)}>{ "Finish the tour" }</button>
                }
            </nav>
        </section>
    }
}

/// The tour over a run it does not follow: what it follows, and a way there.
fn elsewhere(props: &TourPanelProps) -> Html {
    let chapter = props.chapter;
    let shown = if props.loaded {
        "a run from the explorer"
    } else if follows_incident(&Run { mitigations: Vec::new(), ..props.run.clone() }, chapter) {
        "the incident with mitigations switched on"
    } else {
        "another scenario"
    };
    let onopen = props.onopen.reform(move |_: MouseEvent| chapter);
    html! {
        <div class="tour-elsewhere">
            <p>
                { format!(
                    "The guided tour follows the 2025 incident{}; the page now shows {shown}.",
                    if chapter == Chapter::Try { "" } else { " without mitigations" }
                ) }
            </p>
            <button type="button" class="btn btn--primary" onclick={onopen}>
                { format!("Open “{}” in the incident", chapter.title()) }
            </button>
        </div>
    }
}

/// The last chapter's switches, and what became of the record with them.
fn try_it(props: &TourPanelProps) -> Html {
    let trace = &props.replay.trace;
    let verdict = &trace.verdict;
    let on = &props.run.mitigations;
    let with = match on.as_slice() {
        [] => "With no mitigation".to_string(),
        list => format!("With {}", list.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")),
    };
    let (class, headline) = if verdict.record_survived {
        ("tour-outcome tour-outcome--ok", "✓ The record survived")
    } else {
        ("tour-outcome tour-outcome--bad", "⚠ The record did not survive")
    };
    html! {
        <div class="tour-try">
            <p class="tour-try-label" id="tour-try-label">{ "Switch a mitigation on or off" }</p>
            <div class="tour-switches" role="group" aria-labelledby="tour-try-label">
                { for Mitigation::ALL.iter().map(|&m| {
                    let pressed = on.contains(&m);
                    html! {
                        <button type="button" class="tour-switch" aria-pressed={pressed.to_string()} title={m.about()}
                            onclick={props.ontoggle.reform(move |_| m)}>{ m.name() }</button>
                    }
                }) }
            </div>
            <p class={class} role="status">
                <strong>{ headline }</strong>
                { format!(" {with}: {}.", verdict.summary(trace.scenario.clock_start_ms)) }
            </p>
        </div>
    }
}

/// Properties of [`PromptBox`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct PromptBoxProps {
    /// The chapter asking (a new chapter clears the guess).
    pub chapter: Chapter,
    /// The question.
    pub prompt: Prompt,
    /// The position it is asked at.
    pub at: u32,
    /// The cursor.
    pub position: u32,
    /// Moves the cursor.
    pub onseek: Callback<u32>,
}

/// "What happens next?": the learner picks a guess, steps (or presses "Show me"), and only
/// then sees the answer, with what the event did.
#[function_component(PromptBox)]
pub fn prompt_box(props: &PromptBoxProps) -> Html {
    let guess = use_state(|| None::<usize>);
    {
        let guess = guess.clone();
        use_effect_with(props.chapter, move |_| guess.set(None));
    }
    let prompt = props.prompt;
    let at = props.at;
    let stage = PromptStage::of(at, props.position);
    let answered = stage == PromptStage::Answered;
    let verdict = match *guess {
        Some(g) if g == prompt.answer => "Right.",
        Some(_) => "Not quite.",
        None => "The answer:",
    };
    html! {
        <div class="prompt" role="group" aria-labelledby="prompt-question">
            <p class="prompt-kicker">{ "What happens next?" }</p>
            <p class="prompt-question" id="prompt-question">{ prompt.question }</p>
            if stage == PromptStage::Elsewhere {
                <button type="button" class="btn" onclick={props.onseek.reform(move |_| at)}>
                    { "Go to the question" }
                </button>
            } else {
                <ul class="prompt-choices">
                    { for prompt.choices.iter().enumerate().map(|(i, choice)| {
                        let picked = *guess == Some(i);
                        let mark = match (answered, i == prompt.answer, picked) {
                            (true, true, _) => Some(("prompt-choice--right", "✓ ")),
                            (true, false, true) => Some(("prompt-choice--wrong", "✗ ")),
                            _ => None,
                        };
                        let onclick = {
                            let guess = guess.clone();
                            Callback::from(move |_: MouseEvent| guess.set(Some(i)))
                        };
                        html! {
                            <li>
                                <button type="button" class={classes!("prompt-choice", mark.map(|m| m.0))}
                                    aria-pressed={picked.to_string()} disabled={answered} {onclick}>
                                    if let Some((_, sign)) = mark { <span aria-hidden="true">{ sign }</span> }
                                    { *choice }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if !answered {
                    <div class="prompt-actions">
                        <button type="button" class="btn btn--primary" onclick={props.onseek.reform(move |_| at + 1)}>
                            { "Show me" }
                        </button>
                        <span class="prompt-hint">
                            { if guess.is_some() { "or step forward with " } else { "Pick a guess, then step forward with " } }
                            <kbd>{ "→" }</kbd>
                        </span>
                    </div>
                }
            }
            <div class="prompt-answer" aria-live="polite">
                if answered {
                    <p>
                        <strong>{ verdict }</strong>{ " " }
                        { prompt.choices.get(prompt.answer).copied().unwrap_or_default() }{ ". " }
                        { prompt.explanation }
                    </p>
                    <button type="button" class="link-button" onclick={props.onseek.reform(move |_| at)}>
                        { "Ask again" }
                    </button>
                }
            </div>
        </div>
    }
}
