//! The scrubber: a range input over every position of the run, with the invariant strip
//! beneath it (where each invariant fails) and marks for the key moments.

use crate::sim::{format_pdt, Invariant};
use crate::ui::replay::Replay;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Scrubber`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ScrubberProps {
    /// The run.
    pub replay: Rc<Replay>,
    /// The cursor.
    pub position: u32,
    /// Called with the position to seek to.
    pub onseek: Callback<u32>,
    /// Whether the invariant strip is drawn under the track (not in a figure's slim bar).
    #[prop_or(true)]
    pub strip: bool,
}

/// Where `position` sits along the strip, in percent.
fn percent(position: u32, len: u32) -> f64 {
    if len == 0 {
        0.0
    } else {
        f64::from(position) * 100.0 / f64::from(len)
    }
}

/// The range input and the strip, with a line at the cursor across both.
#[function_component(Scrubber)]
pub fn scrubber(props: &ScrubberProps) -> Html {
    let replay = &props.replay;
    let len = replay.len();
    let oninput = props.onseek.reform(move |e: InputEvent| {
        let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
        value.parse::<u32>().unwrap_or(0).min(len)
    });
    let clock = format_pdt(replay.trace.scenario.clock_start_ms + replay.world_time_at(props.position));
    let valuetext = if props.position == 0 {
        format!("Before the first event, {clock} PDT")
    } else {
        format!("Event {} of {len}, {clock} PDT", props.position)
    };
    html! {
        <div class="scrubber">
            <label class="visually-hidden" for="scrubber-input">{ "Position in the run" }</label>
            <div class="scrubber-track">
                <input id="scrubber-input" class="scrubber-input" type="range" min="0" max={len.to_string()}
                    step="1" value={props.position.to_string()} {oninput} aria-valuetext={valuetext} />
            </div>
            if props.strip {
                <InvariantStrip replay={replay.clone()} />
            }
            <div class="scrubber-cursor" aria-hidden="true"
                style={format!("--at: {:.3}%", percent(props.position, len))}></div>
        </div>
    }
}

/// Properties of [`InvariantStrip`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct InvariantStripProps {
    replay: Rc<Replay>,
}

/// One row per invariant, marked where it fails, and a row of key moments. It depends on
/// the run only, so moving the cursor never re-renders it.
#[function_component(InvariantStrip)]
fn invariant_strip(props: &InvariantStripProps) -> Html {
    let replay = &props.replay;
    let len = replay.len().max(1);
    let x = |position: u32| format!("{:.3}", percent(position, len) * 10.0);
    let key_marks: Vec<u32> =
        replay.key_steps.iter().enumerate().filter(|(_, k)| **k).map(|(i, _)| i as u32 + 1).collect();
    let first = replay.first_violation_position();
    html! {
        <div class="strip" role="group" aria-label="Where each invariant fails along the run">
            { for Invariant::ALL.iter().map(|&invariant| {
                let runs = replay.failing_runs(invariant);
                let state = if runs.is_empty() { "holds throughout" } else { "fails" };
                html! {
                    <div class={classes!("strip-row", (!runs.is_empty()).then_some("strip-row--fails"))}>
                        <span class="strip-label">
                            <code>{ invariant.name() }</code>
                            <span class="visually-hidden">{ format!(": {state}") }</span>
                        </span>
                        <svg class="strip-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
                            <rect class="strip-base" x="0" y="0" width="1000" height="10" />
                            { for runs.iter().map(|&(from, to)| html! {
                                <rect class="strip-fail" x={x(from - 1)} y="0"
                                    width={format!("{:.3}", (percent(to - from, len) * 10.0).max(2.0))} height="10" />
                            }) }
                        </svg>
                    </div>
                }
            }) }
            <div class="strip-row strip-row--keys">
                <span class="strip-label">{ "key moments" }</span>
                <svg class="strip-bar" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
                    { for key_marks.iter().map(|&p| html! {
                        <rect class="strip-key" x={x(p - 1)} y="1" width="2" height="8" />
                    }) }
                    if let Some(p) = first {
                        <rect class="strip-first" x={x(p - 1)} y="0" width="3" height="10" />
                    }
                </svg>
            </div>
        </div>
    }
}
