//! The sequence (space-time) diagram: a lane per actor, time flowing right, a window of
//! events around the cursor. Clicking an event seeks to it.

use crate::ui::replay::Moment;
use crate::ui::view::sequence::{sequence, Glyph, HoldBar, Mark, SequenceView, WINDOW, WINDOW_MIN};
use gloo_events::EventListener;
use yew::prelude::*;

/// Properties of [`SequenceDiagram`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SequenceDiagramProps {
    /// The world at the cursor.
    pub moment: Moment,
    /// Called with the position of a clicked event.
    pub onseek: Callback<u32>,
}

/// Width of the lane labels, in SVG units.
const LABEL_W: f64 = 96.0;
/// Width of one event's column.
const COLUMN_W: f64 = 26.0;
/// Height of a lane.
const LANE_H: f64 = 38.0;
/// Height of the time axis above the lanes.
const AXIS_H: f64 = 26.0;

/// How many columns fit in `width_px` at one SVG unit per pixel: odd, so that the cursor's
/// event sits in the middle.
fn columns_for(width_px: f64) -> u32 {
    let fit = ((width_px - LABEL_W - 8.0) / COLUMN_W).floor().max(0.0) as u32;
    let fit = fit.clamp(WINDOW_MIN, WINDOW);
    if fit.is_multiple_of(2) {
        fit - 1
    } else {
        fit
    }
}

fn x(column: u32) -> f64 {
    LABEL_W + (f64::from(column) + 0.5) * COLUMN_W
}

/// The transform of the group that holds the hold bars and the marks, for a window that
/// starts at event index `start`. In that group event `i` is drawn at `x(i)`, and the group
/// is shifted left by the window's start: an event keeps its x while the window slides, so a
/// step moves one group instead of every mark.
fn window_shift(start: u32) -> String {
    format!("translate({:.1} 0)", -f64::from(start) * COLUMN_W)
}

fn y(lane: u32) -> f64 {
    AXIS_H + (f64::from(lane) + 0.5) * LANE_H
}

/// The mark's shape, centred on (`cx`, `cy`).
fn glyph(glyph: Glyph, cx: f64, cy: f64) -> Html {
    let at = format!("translate({cx:.1} {cy:.1})");
    let shape = match glyph {
        Glyph::Publish | Glyph::Answer => html! { <circle r="5.5" /> },
        Glyph::EmptyAnswer => html! {
            <><circle r="6.5" class="g-hollow" /><path d="M-3.5 -3.5L3.5 3.5M3.5 -3.5L-3.5 3.5" class="g-stroke" /></>
        },
        Glyph::PickUp => html! { <path d="M0 -7L7 0L0 7L-7 0z" /> },
        Glyph::PickUpNothing => html! { <path d="M0 -4.5L4.5 0L0 4.5L-4.5 0z" class="g-hollow" /> },
        Glyph::Lock => html! { <rect x="-4" y="-4" width="8" height="8" /> },
        Glyph::LockLost => html! { <rect x="-4.5" y="-4.5" width="9" height="9" class="g-hollow" /> },
        Glyph::Write => html! { <rect x="-6" y="-6" width="12" height="12" rx="1.5" /> },
        Glyph::StaleWrite => html! { <path d="M0 -9L9 7H-9z" class="g-bad" /> },
        Glyph::WriteFailed => {
            html! { <path d="M-5.5 -5.5L5.5 5.5M5.5 -5.5L-5.5 5.5" class="g-stroke g-stroke--bad" /> }
        }
        Glyph::CleanUp => html! { <path d="M-6.5 -5H6.5L0 6.5z" /> },
        Glyph::CleanUpEmptied => html! { <path d="M-8.5 -6.5H8.5L0 8.5z" class="g-bad" /> },
        Glyph::Dropped => html! {
            <><circle r="5.5" class="g-hollow" /><path d="M-4 4L4 -4" class="g-stroke" /></>
        },
        Glyph::Recheck => html! {
            <><path d="M0 -5L5 0L0 5L-5 0z" class="g-hollow" /><circle r="1.6" /></>
        },
        Glyph::Diagnose => html! { <path d="M-3.5 -6.5H3.5L7 0L3.5 6.5H-3.5L-7 0z" /> },
        Glyph::Repair => html! {
            <><path d="M-3.5 -6.5H3.5L7 0L3.5 6.5H-3.5L-7 0z" /><path d="M-3 0.5L-0.8 2.8L3.4 -2" class="g-stroke g-stroke--light" /></>
        },
    };
    html! { <g class="seq-glyph" transform={at}>{ shape }</g> }
}

/// Enter or Space on a focused SVG "button" seeks to `position`.
fn on_activate(onseek: &Callback<u32>, position: u32) -> Callback<KeyboardEvent> {
    let onseek = onseek.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            onseek.emit(position);
        }
    })
}

/// One event's mark; `focusable` for the one mark in the tab order (a roving tabindex: the
/// diagram is one Tab stop, not one per event).
fn mark(
    m: &Mark,
    lanes: &[crate::ui::view::sequence::Lane],
    onseek: &Callback<u32>,
    focusable: bool,
) -> Html {
    // Within the sliding group: the event's own x (its position is its index + 1).
    let (cx, cy) = (x(m.position - 1), y(m.lane));
    let lane_class = lanes.get(m.lane as usize).map_or("other", |l| l.class);
    let position = m.position;
    let onclick = onseek.reform(move |_: MouseEvent| position);
    let onkeydown = on_activate(onseek, position);
    let arrow = m.other_lane.map(|other| {
        let (from, to) = if m.outgoing { (m.lane, other) } else { (other, m.lane) };
        let (y1, y2) = (y(from), y(to));
        // Stop short of the glyph at the arrow's head.
        let head = if y2 > y1 { y2 - 9.0 } else { y2 + 9.0 };
        html! {
            <line class="seq-arrow" x1={format!("{cx:.1}")} y1={format!("{y1:.1}")}
                x2={format!("{cx:.1}")} y2={format!("{head:.1}")} marker-end="url(#seq-head)" />
        }
    });
    let classes = classes!(
        "seq-mark",
        format!("seq-mark--{lane_class}"),
        m.current.then_some("seq-mark--current"),
        m.future.then_some("seq-mark--future"),
        m.breaks.then_some("seq-mark--breaks"),
        matches!(
            m.glyph,
            Glyph::StaleWrite | Glyph::CleanUpEmptied | Glyph::WriteFailed | Glyph::EmptyAnswer
        )
        .then_some("seq-mark--bad"),
    );
    html! {
        <g key={m.position} class={classes} role="button" tabindex={if focusable { "0" } else { "-1" }}
            aria-label={m.label.clone()}
            aria-current={m.current.then_some("step")} data-position={m.position.to_string()} {onclick} {onkeydown}>
            <title>{ m.label.clone() }</title>
            <rect class="seq-hit" x={format!("{:.1}", cx - COLUMN_W / 2.0)} y={format!("{AXIS_H}")}
                width={format!("{COLUMN_W}")} height={format!("{:.1}", LANE_H * lanes.len() as f64)} />
            { for arrow }
            if m.breaks {
                <circle class="seq-break-ring" cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="12" />
            }
            { glyph(m.glyph, cx, cy) }
        </g>
    }
}

/// Where a hold bar starts and ends, in SVG units within the sliding group of a window that
/// starts at event index `start`.
fn bar_ends(h: &HoldBar, start: u32) -> (f64, f64) {
    let (from, to) = (x(h.from_column + start), x(h.to_column + start));
    let x1 = from - COLUMN_W / 2.0 + if h.clipped_left { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    let x2 = to + COLUMN_W / 2.0 - if h.clipped_right { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    (x1, x2)
}

fn holds(view: &SequenceView) -> Html {
    html! {
        <g class="seq-holds" aria-hidden="true">
            { for view.holds.iter().map(|h| {
                let (x1, x2) = bar_ends(h, view.hidden_before);
                let cy = y(h.lane);
                let height = if h.stale { 16.0 } else { 8.0 };
                html! {
                    <g class={classes!("seq-hold", h.stale.then_some("seq-hold--stale"))}>
                        <rect x={format!("{x1:.1}")} y={format!("{:.1}", cy - height / 2.0)}
                            width={format!("{:.1}", (x2 - x1).max(2.0))} height={format!("{height}")} rx="3" />
                    </g>
                }
            }) }
        </g>
    }
}

/// The stale bands' labels, drawn above the marks so that a click on one reaches it: it
/// seeks to the freshness check that went stale.
fn stale_labels(view: &SequenceView, onseek: &Callback<u32>) -> Html {
    html! {
        { for view.holds.iter().filter_map(|h| h.label.as_ref().map(|label| (h, label))).map(|(h, label)| {
            let (x1, _) = bar_ends(h, view.hidden_before);
            html! {
                <g class="seq-stale-link" role="button" tabindex="-1"
                    aria-label={format!("{label}: go to the check (event {})", h.checked_position)}
                    onclick={onseek.reform({ let p = h.checked_position; move |_: MouseEvent| p })}
                    onkeydown={on_activate(onseek, h.checked_position)}>
                    <title>{ format!("Go to the freshness check (event {})", h.checked_position) }</title>
                    <text class="seq-stale-label" x={format!("{:.1}", x1 + 4.0)} y={format!("{:.1}", y(h.lane) - 11.0)}>
                        { format!("⚠ {label}") }
                    </text>
                </g>
            }
        }) }
    }
}

/// The diagram: lanes, the time axis, hold bars with stale bands, and the event marks.
#[function_component(SequenceDiagram)]
pub fn sequence_diagram(props: &SequenceDiagramProps) -> Html {
    // As many columns as fit at full size (text stays legible on a phone), up to WINDOW.
    let scroller = use_node_ref();
    let columns = use_state_eq(|| WINDOW);
    {
        let (scroller, columns) = (scroller.clone(), columns.clone());
        use_effect_with((), move |_| {
            let fit = move || {
                if let Some(element) = scroller.cast::<web_sys::Element>() {
                    columns.set(columns_for(f64::from(element.client_width())));
                }
            };
            fit();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| fit()));
            move || drop(listener)
        });
    }
    let view = sequence(&props.moment, &props.moment.replay.holds, *columns);
    let shown = view.marks.len().max(WINDOW_MIN as usize) as u32;
    let width = LABEL_W + f64::from(shown) * COLUMN_W + 8.0;
    let height = AXIS_H + LANE_H * view.lanes.len() as f64 + 6.0;
    let right = LABEL_W + f64::from(shown) * COLUMN_W;
    let roving = view.cursor_column.unwrap_or(0);
    // The marks as one keyed list of their own. Written as `{ for … }` among the svg's other
    // children, Yew would flatten them into the svg's unkeyed child list and match old and
    // new marks by index: as the window slides by one event, every mark met one with another
    // key and was drawn anew (about 230 elements a step). Kept apart, and drawn at their own
    // x in a group that slides, a step adds one mark, drops one, and leaves the rest as they
    // are but for the current one's classes.
    let marks: Html =
        view.marks.iter().map(|m| mark(m, &view.lanes, &props.onseek, m.column == roving)).collect();
    html! {
        <section class="sequence panel" aria-labelledby="sequence-title">
            <div class="section-head">
                <h2 id="sequence-title">{ "Who did what, in order" }</h2>
                <p class="section-note">
                    { "One column per event, the cursor's event in the middle; click any event to go to it. \
                       A bar on an Enactor's lane is a plan it holds since its one-time check; " }
                    <span class="legend-stale">{ "hatched" }</span>
                    { " once a newer plan is live, so the check is stale." }
                </p>
            </div>
            <div class="sequence-scroll" ref={scroller}>
                <svg class="sequence-svg" viewBox={format!("0 0 {width:.0} {height:.0}")} role="group"
                    aria-label={format!("Sequence diagram: events {} to {} of {}", view.hidden_before + 1,
                        view.hidden_before + view.marks.len() as u32, view.hidden_before + view.marks.len() as u32 + view.hidden_after)}>
                    <defs>
                        <marker id="seq-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                            <path d="M0 0L10 5L0 10z" class="seq-head" />
                        </marker>
                        <pattern id="seq-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                            <rect width="6" height="6" class="seq-hatch-bg" />
                            <line x1="0" y1="0" x2="0" y2="6" class="seq-hatch-line" />
                        </pattern>
                    </defs>
                    { for view.lanes.iter().enumerate().map(|(i, lane)| {
                        let cy = y(i as u32);
                        html! {
                            <g class={classes!("seq-lane", format!("seq-lane--{}", lane.class))}>
                                <line x1={format!("{LABEL_W}")} x2={format!("{right}")} y1={format!("{cy:.1}")} y2={format!("{cy:.1}")} />
                                <text class="seq-lane-label" x="6" y={format!("{:.1}", cy + 4.5)}>{ lane.label.clone() }</text>
                            </g>
                        }
                    }) }
                    if let Some(c) = view.cursor_column {
                        <rect class="seq-cursor" x={format!("{:.1}", x(c) - COLUMN_W / 2.0)} y="2"
                            width={format!("{COLUMN_W}")} height={format!("{:.1}", height - 4.0)} rx="4" />
                    }
                    { for view.breaks.iter().map(|b| {
                        let bx = x(b.column) - COLUMN_W / 2.0;
                        // Leave the corners to the "earlier" and "later" counts.
                        let labelled = b.column >= 4 && b.column + 3 <= shown;
                        html! {
                            <g class="seq-break">
                                <line x1={format!("{bx:.1}")} x2={format!("{bx:.1}")} y1="24" y2={format!("{:.1}", height - 14.0)} />
                                if labelled {
                                    <text x={format!("{:.1}", bx)} y={format!("{:.1}", height - 3.0)}>{ b.label.clone() }</text>
                                }
                            </g>
                        }
                    }) }
                    { for view.ticks.iter().map(|t| html! {
                        <text class="seq-tick" x={format!("{:.1}", x(t.column))} y="16">{ t.clock.clone() }</text>
                    }) }
                    if view.hidden_before > 0 {
                        <text class="seq-more" x={format!("{LABEL_W}")} y={format!("{:.1}", height - 1.0)}>
                            { format!("← {} earlier", view.hidden_before) }
                        </text>
                    }
                    if view.hidden_after > 0 {
                        <text class="seq-more seq-more--end" x={format!("{right}")} y={format!("{:.1}", height - 1.0)}>
                            { format!("{} later →", view.hidden_after) }
                        </text>
                    }
                    <g class="seq-window" transform={window_shift(view.hidden_before)}>
                        { holds(&view) }
                        { marks }
                        { stale_labels(&view, &props.onseek) }
                    </g>
                </svg>
            </div>
        </section>
    }
}
