//! The sequence (space-time) diagram: a lane per actor, time flowing right, a window of
//! events around the cursor. Clicking an event seeks to it.

use crate::ui::replay::Moment;
use crate::ui::view::sequence::drawing::{
    arrow, bar_rect, glyph_shape, lanes_bottom, right, shown, stale_label_at, width, x, y, Node, AXIS_H,
    BREAK_RING_R, BREAK_TOP, COLUMN_W, DEFS, LABEL_W, LANE_H, RIGHT_PAD, TICK_Y,
};
use crate::ui::view::sequence::{sequence, Glyph, Lane, Mark, SequenceView, WINDOW, WINDOW_MIN};
use gloo_events::EventListener;
use yew::prelude::*;
use yew::virtual_dom::VTag;

/// Room below the lanes for the pauses' labels and the "earlier"/"later" counts.
const BOTTOM_H: f64 = 6.0;

/// Properties of [`SequenceDiagram`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SequenceDiagramProps {
    /// The world at the cursor.
    pub moment: Moment,
    /// Called with the position of a clicked event.
    pub onseek: Callback<u32>,
}

/// How many columns fit in `width_px` at one SVG unit per pixel: odd, so that the cursor's
/// event sits in the middle.
fn columns_for(width_px: f64) -> u32 {
    let fit = ((width_px - LABEL_W - RIGHT_PAD) / COLUMN_W).floor().max(0.0) as u32;
    let fit = fit.clamp(WINDOW_MIN, WINDOW);
    if fit.is_multiple_of(2) {
        fit - 1
    } else {
        fit
    }
}

/// The transform of the group that holds the hold bars and the marks, for a window that
/// starts at event index `start`. In that group event `i` is drawn at `x(i)`, and the group
/// is shifted left by the window's start: an event keeps its x while the window slides, so a
/// step moves one group instead of every mark.
fn window_shift(start: u32) -> String {
    format!("translate({:.1} 0)", -f64::from(start) * COLUMN_W)
}

/// An element of the view model's drawing ([`Node`]) as Yew's virtual DOM.
fn node(n: &Node) -> Html {
    let mut tag = VTag::new(n.tag);
    for &(key, value) in n.attrs {
        tag.add_attribute(key, value);
    }
    tag.add_children(n.children.iter().map(node));
    tag.into()
}

/// The mark's shape ([`glyph_shape`]), centred on (`cx`, `cy`).
fn glyph(glyph: Glyph, cx: f64, cy: f64) -> Html {
    let at = format!("translate({cx:.1} {cy:.1})");
    html! { <g class="seq-glyph" transform={at}>{ for glyph_shape(glyph).iter().map(node) }</g> }
}

/// Enter on a focused SVG "button" seeks to `position` (Space is the replay's, as on every
/// button: effects::keys::focus_keeps).
fn on_activate(onseek: &Callback<u32>, position: u32) -> Callback<KeyboardEvent> {
    let onseek = onseek.clone();
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            onseek.emit(position);
        }
    })
}

/// One event's mark; `focusable` for the one mark in the tab order (a roving tabindex: the
/// diagram is one Tab stop, not one per event).
fn mark(m: &Mark, lanes: &[Lane], onseek: &Callback<u32>, focusable: bool) -> Html {
    // Within the sliding group: the event's own x (its position is its index + 1).
    let (cx, cy) = (x(m.position - 1), y(m.lane));
    let lane_class = lanes.get(m.lane as usize).map_or("other", |l| l.class);
    let position = m.position;
    let onclick = onseek.reform(move |_: MouseEvent| position);
    let onkeydown = on_activate(onseek, position);
    let arrow = arrow(m).map(|(y1, head)| {
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
        m.bad.then_some("seq-mark--bad"),
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
                <circle class="seq-break-ring" cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r={BREAK_RING_R.to_string()} />
            }
            { glyph(m.glyph, cx, cy) }
        </g>
    }
}

fn holds(view: &SequenceView) -> Html {
    html! {
        <g class="seq-holds" aria-hidden="true">
            { for view.holds.iter().map(|h| {
                let (bx, by, bw, bh) = bar_rect(h, view.hidden_before);
                html! {
                    <g class={classes!("seq-hold", h.stale.then_some("seq-hold--stale"))}>
                        <rect x={format!("{bx:.1}")} y={format!("{by:.1}")}
                            width={format!("{bw:.1}")} height={format!("{bh}")} rx="3" />
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
            let (lx, ly) = stale_label_at(h, view.hidden_before);
            html! {
                <g class="seq-stale-link" role="button" tabindex="-1"
                    aria-label={format!("{label}: go to the check (event {})", h.checked_position)}
                    onclick={onseek.reform({ let p = h.checked_position; move |_: MouseEvent| p })}
                    onkeydown={on_activate(onseek, h.checked_position)}>
                    <title>{ format!("Go to the freshness check (event {})", h.checked_position) }</title>
                    <text class="seq-stale-label" x={format!("{lx:.1}")} y={format!("{ly:.1}")}>
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
    let shown = shown(&view);
    let width = width(shown);
    let height = lanes_bottom(&view) + BOTTOM_H;
    let right = right(shown);
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
        <section class="sequence panel" id="sequence" aria-labelledby="sequence-title"
            data-position={props.moment.position.to_string()}>
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
                    <defs>{ for DEFS.iter().map(node) }</defs>
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
                                <line x1={format!("{bx:.1}")} x2={format!("{bx:.1}")} y1={BREAK_TOP.to_string()} y2={format!("{:.1}", height - 14.0)} />
                                if labelled {
                                    <text x={format!("{:.1}", bx)} y={format!("{:.1}", height - 3.0)}>{ b.label.clone() }</text>
                                }
                            </g>
                        }
                    }) }
                    { for view.ticks.iter().map(|t| html! {
                        <text class="seq-tick" x={format!("{:.1}", x(t.column))} y={TICK_Y.to_string()}>{ t.clock.clone() }</text>
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
