//! Playback controls: first, back, play/pause, step, last, the jump to the first violation,
//! the speed slider (a log scale), and the scrubber with its invariant strip.

use super::Scrubber;
use crate::ui::replay::Replay;
use crate::ui::state::{Action, SPEED_EXPONENT_MAX, SPEED_EXPONENT_MIN};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ControlsProps {
    /// The run.
    pub replay: Rc<Replay>,
    /// The cursor.
    pub position: u32,
    /// The positions the cursor may take (`first`, `last`): the whole run, or an embed's
    /// range, which has no scrubber (a figure of one moment).
    pub range: (u32, u32),
    /// Whether playback runs.
    pub playing: bool,
    /// Playback speed as a power of two events per second.
    pub speed_exponent: i8,
    /// Called with the learner's action.
    pub ondispatch: Callback<Action>,
    /// One row for a figure in a blog post: the buttons and the scrubber, without the speed,
    /// the invariant strip and the keys.
    #[prop_or_default]
    pub slim: bool,
}

/// Words for a speed: "4 events/s", "½ event/s".
pub fn speed_label(exponent: i8) -> String {
    match exponent {
        -1 => "½ event/s".to_string(),
        0 => "1 event/s".to_string(),
        e => format!("{} events/s", 1u32 << e.clamp(0, 30)),
    }
}

/// Which icon a transport button shows.
#[derive(Clone, Copy, PartialEq)]
enum Glyph {
    First,
    Back,
    Play,
    Pause,
    Forward,
    Last,
    Warning,
}

fn glyph(g: Glyph) -> Html {
    let path = match g {
        Glyph::First => "M6 5h2v14H6zM19 5v14L9 12z",
        Glyph::Back => "M18 5v14l-9-7zM8 5v14H6V5z",
        Glyph::Play => "M7 4.5v15L19.5 12z",
        Glyph::Pause => "M6.5 5h4v14h-4zM13.5 5h4v14h-4z",
        Glyph::Forward => "M6 5v14l9-7zM16 5v14h2V5z",
        Glyph::Last => "M5 5v14l10-7zM16 5h2v14h-2z",
        Glyph::Warning => "M12 3L22.5 21h-21zM11 10v5h2v-5zM11 17v2h2v-2z",
    };
    html! {
        <svg class="btn-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" fill-rule="evenodd" />
        </svg>
    }
}

/// The transport bar above the scrubber.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let (first, end) = props.range;
    let at_start = props.position <= first;
    let at_end = props.position >= end;
    let whole_run = props.range == (0, props.replay.len());
    let send = |action: Action| props.ondispatch.reform(move |_: MouseEvent| action.clone());
    let first_violation = props.replay.first_violation_position();
    let on_speed = props.ondispatch.reform(|e: InputEvent| {
        let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
        Action::SetSpeed(value.parse().unwrap_or(crate::ui::state::SPEED_EXPONENT_DEFAULT))
    });
    let button = |label: &'static str, keys: &'static str, g: Glyph, action: Action, disabled: bool| {
        html! {
            <button type="button" class="btn btn--icon" onclick={send(action)} {disabled}
                title={format!("{label} ({keys})")} aria-label={label} aria-keyshortcuts={keys}>
                { glyph(g) }
            </button>
        }
    };
    html! {
        <section class={classes!("controls", "panel", props.slim.then_some("controls--slim"))} aria-label="Playback">
            <div class="controls-row">
                <div class="transport" role="group" aria-label="Step through the events">
                    { button("First event", "Home", Glyph::First, Action::First, at_start) }
                    { button("Step back", "ArrowLeft", Glyph::Back, Action::StepBack, at_start) }
                    <button type="button" class="btn btn--play" onclick={send(Action::TogglePlay)}
                        aria-keyshortcuts="Space" aria-pressed={props.playing.to_string()}
                        title={if props.playing { "Pause (Space)" } else { "Play (Space)" }}>
                        { glyph(if props.playing { Glyph::Pause } else { Glyph::Play }) }
                        <span>{ if props.playing { "Pause" } else { "Play" } }</span>
                    </button>
                    { button("Step forward", "ArrowRight", Glyph::Forward, Action::StepForward, at_end) }
                    { button("Last event", "End", Glyph::Last, Action::Last, at_end) }
                </div>
                if let Some(target) = first_violation.filter(|t| (first..=end).contains(t)) {
                    // aria-disabled, not disabled: a disabled button would drop the keyboard
                    // focus that just pressed it (the action is harmless when already there).
                    <button type="button" class="btn btn--violation" onclick={send(Action::FirstViolation)}
                        aria-label="Jump to first violation" title="Jump to first violation"
                        aria-disabled={(props.position == target).to_string()}>
                        { glyph(Glyph::Warning) }
                        <span>{ "Jump to first violation" }</span>
                    </button>
                }
                if props.slim && whole_run {
                    <Scrubber replay={props.replay.clone()} position={props.position}
                        onseek={props.ondispatch.reform(Action::SeekTo)} strip={false} />
                }
                if !props.slim {
                <label class="speed">
                    <span class="speed-label">{ "Speed" }</span>
                    <input type="range" class="speed-input"
                        min={SPEED_EXPONENT_MIN.to_string()} max={SPEED_EXPONENT_MAX.to_string()} step="1"
                        value={props.speed_exponent.to_string()} oninput={on_speed}
                        aria-valuetext={speed_label(props.speed_exponent)} />
                    <output class="speed-value">{ speed_label(props.speed_exponent) }</output>
                </label>
                }
            </div>
            if whole_run && !props.slim {
                <Scrubber replay={props.replay.clone()} position={props.position}
                    onseek={props.ondispatch.reform(Action::SeekTo)} />
            }
            if !props.slim {
            <p class="controls-keys">
                // Each key with what it does, never broken across lines.
                <span class="keys-group"><kbd>{ "Space" }</kbd>{ " play/pause" }</span>{ " · " }
                <span class="keys-group"><kbd>{ "←" }</kbd>{ " " }<kbd>{ "→" }</kbd>{ " one event" }</span>{ " · " }
                <span class="keys-group">
                    <kbd>{ "PgUp" }</kbd>{ " " }<kbd>{ "PgDn" }</kbd>{ " previous/next key moment" }
                </span>{ " · " }
                <span class="keys-group"><kbd>{ "Home" }</kbd>{ " " }<kbd>{ "End" }</kbd>{ " first/last" }</span>
            </p>
            }
        </section>
    }
}
