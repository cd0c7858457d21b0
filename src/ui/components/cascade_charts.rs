//! The cascade's small multiples: a phase strip and six charts sharing one time axis, with
//! one cursor. The charts are one slider: click or drag to move the cursor in time, or use
//! the arrow keys (Shift: a quarter of an hour; Home and End: the run's ends).
//!
//! The cursor moves with every step of the replay above, while the drawing (the bands, the
//! ticks, the operator actions and lines of about 900 points) depends on the runs only. The
//! drawing is computed once per pair of runs and drawn by small components that are given it
//! by identity, so that a step renders again only the cursor's lines and the readout.

use crate::cascade::Cascade;
use crate::ui::view::cascade::{
    self as view, Band, Chart, Marker, Tick, TimeAxis, CHART_HEIGHT, CHART_WIDTH, LANE_HEIGHT, PLOT_BOTTOM,
    PLOT_LEFT, PLOT_RIGHT, PLOT_TOP,
};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`CascadeCharts`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CascadeChartsProps {
    /// The run drawn solid.
    pub first: Rc<Cascade>,
    /// The run drawn dashed, if one is compared.
    pub second: Option<Rc<Cascade>>,
    /// The first run's policy, for the legend.
    pub first_label: &'static str,
    /// The second run's policy, for the legend.
    pub second_label: Option<&'static str>,
    /// The cursor, run time in ms.
    pub cursor_ms: u64,
    /// Moves the cursor to a run time.
    pub onseek: Callback<u64>,
}

/// The run time under a pointer event on the charts' box (`boxed`: Yew delegates events, so
/// the event's current target is not the box).
fn time_under(e: &PointerEvent, boxed: &NodeRef, axis: &TimeAxis) -> Option<u64> {
    let element = boxed.cast::<web_sys::Element>()?;
    let rect = element.get_bounding_client_rect();
    (rect.width() > 0.0)
        .then(|| axis.t_at((f64::from(e.client_x()) - rect.left()) / rect.width() * CHART_WIDTH))
}

/// What the charts draw of a pair of runs, whatever the cursor: computed once per pair.
#[derive(Debug)]
struct Drawing {
    charts: Vec<Chart>,
    bands: Vec<Band>,
    markers: Vec<Marker>,
    /// The time axis's ticks, shared by the six charts.
    ticks: Vec<Tick>,
}

/// A [`Drawing`] handed to the components that draw it, compared by identity: the same
/// drawing is never drawn twice.
#[derive(Clone, Debug)]
struct SharedDrawing(Rc<Drawing>);

impl PartialEq for SharedDrawing {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of the components that draw a part of a [`Drawing`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct DrawingProps {
    drawing: SharedDrawing,
    /// Which chart (for a chart's parts).
    #[prop_or_default]
    index: usize,
}

/// The phases as text (a slider's content is not read out, and on a phone the strip's labels
/// would be too small to read).
#[function_component(PhaseList)]
fn phase_list(props: &DrawingProps) -> Html {
    html! {
        <ol class="cascade-phase-list visually-hidden" aria-label="The phases of the recovery">
            { for props.drawing.0.bands.iter().map(|b| html! {
                <li class={classes!("cascade-phase-item", format!("cascade-band--{}", b.id))}>{ b.label.clone() }</li>
            }) }
        </ol>
    }
}

/// The phase strip's bars and labels (the cursor is drawn over them by the caller).
#[function_component(PhaseBands)]
fn phase_bands(props: &DrawingProps) -> Html {
    html! {
        { for props.drawing.0.bands.iter().enumerate().map(|(i, b)| {
            let y = LANE_HEIGHT * i as f64;
            html! {
                <g class={classes!("cascade-band", format!("cascade-band--{}", b.id))}>
                    <rect class="cascade-band-bar" x={format!("{:.1}", b.x0)} y={format!("{:.1}", y + 17.0)}
                        width={format!("{:.1}", b.x1 - b.x0)} height="9" rx="2" />
                    <text class="cascade-band-label" x={format!("{:.1}", b.label_x)} y={format!("{:.1}", y + 13.0)}>
                        { b.label.clone() }
                    </text>
                </g>
            }
        }) }
    }
}

/// A chart's heading, unit and legend.
#[function_component(ChartCaption)]
fn chart_caption(props: &DrawingProps) -> Html {
    let chart = &props.drawing.0.charts[props.index];
    html! {
        <figcaption>
            <span class="cascade-chart-title">{ chart.title }</span>
            <span class="cascade-chart-unit">{ chart.unit }</span>
            <span class="cascade-legend">
                { for chart.series.iter().map(|s| html! {
                    <span class={classes!("cascade-key", format!("cascade-key--{}", s.class))}>{ s.label }</span>
                }) }
            </span>
        </figcaption>
    }
}

/// A chart's ticks, operator actions and lines (the cursor is drawn over them by the caller).
#[function_component(ChartLayers)]
fn chart_layers(props: &DrawingProps) -> Html {
    let Drawing { charts, markers, ticks, .. } = &*props.drawing.0;
    let chart = &charts[props.index];
    let plot_bottom = CHART_HEIGHT - PLOT_BOTTOM;
    html! {
        <>
            { for chart.y_ticks.iter().map(|t| html! {
                <g class="cascade-ytick">
                    <line x1={PLOT_LEFT.to_string()} x2={(CHART_WIDTH - PLOT_RIGHT).to_string()}
                        y1={format!("{:.1}", t.at)} y2={format!("{:.1}", t.at)} />
                    <text x={(PLOT_LEFT - 6.0).to_string()} y={format!("{:.1}", t.at + 4.0)}>{ t.label.clone() }</text>
                </g>
            }) }
            { for ticks.iter().map(|t| html! {
                <g class="cascade-xtick">
                    <line x1={format!("{:.1}", t.at)} x2={format!("{:.1}", t.at)}
                        y1={PLOT_TOP.to_string()} y2={plot_bottom.to_string()} />
                    <text x={format!("{:.1}", t.at)} y={(CHART_HEIGHT - 5.0).to_string()}>{ t.label.clone() }</text>
                </g>
            }) }
            { for markers.iter().map(|m| html! {
                <line class="cascade-marker" x1={format!("{:.1}", m.x)} x2={format!("{:.1}", m.x)}
                    y1={PLOT_TOP.to_string()} y2={plot_bottom.to_string()}>
                    <title>{ m.label.clone() }</title>
                </line>
            }) }
            { for chart.series.iter().map(|s| html! {
                <>
                    <path class={classes!("cascade-line", format!("cascade-line--{}", s.class))} d={s.path.clone()} />
                    if let Some(d) = &s.second {
                        <path class={classes!("cascade-line", "cascade-line--second", format!("cascade-line--{}", s.class))} d={d.clone()} />
                    }
                </>
            }) }
        </>
    }
}

/// The operator actions as a list under the charts.
#[function_component(MarkerList)]
fn marker_list(props: &DrawingProps) -> Html {
    let markers = &props.drawing.0.markers;
    html! {
        <ul class="cascade-markers">
            { for markers.iter().map(|m| html! { <li>{ m.label.clone() }</li> }) }
            if markers.is_empty() { <li>{ "No operator action in this run" }</li> }
        </ul>
    }
}

/// The phase strip and the six charts, with the cursor and the operator actions.
#[function_component(CascadeCharts)]
pub fn cascade_charts(props: &CascadeChartsProps) -> Html {
    let drawing = use_memo((props.first.clone(), props.second.clone()), |(first, second)| Drawing {
        charts: view::charts(first, second.as_deref()),
        bands: view::bands(first),
        markers: view::markers(first),
        ticks: TimeAxis::of(first).ticks(),
    });
    let drawing = SharedDrawing(drawing);
    let first = &props.first;
    let axis = TimeAxis::of(first);
    let dragging = use_mut_ref(|| false);
    let boxed = use_node_ref();
    let cursor_x = format!("{:.1}", axis.x(props.cursor_ms));
    let seek = {
        let (onseek, current) = (props.onseek.clone(), props.cursor_ms);
        move |t: u64| {
            if t != current {
                onseek.emit(t);
            }
        }
    };
    let onpointerdown = {
        let (dragging, seek, boxed) = (dragging.clone(), seek.clone(), boxed.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            // Dragging on past the box's edge keeps moving the cursor.
            if let Some(element) = boxed.cast::<web_sys::Element>() {
                let _ = element.set_pointer_capture(e.pointer_id());
            }
            *dragging.borrow_mut() = true;
            if let Some(t) = time_under(&e, &boxed, &axis) {
                seek(t);
            }
        })
    };
    let onpointermove = {
        let (dragging, seek, boxed) = (dragging.clone(), seek.clone(), boxed.clone());
        Callback::from(move |e: PointerEvent| {
            if *dragging.borrow() {
                if let Some(t) = time_under(&e, &boxed, &axis) {
                    seek(t);
                }
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    let onkeydown = {
        let (cursor, end) = (props.cursor_ms, first.duration_ms);
        Callback::from(move |e: KeyboardEvent| {
            let minute = 60_000;
            let step = if e.shift_key() { 15 * minute } else { minute };
            let t = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => cursor.saturating_sub(step),
                "ArrowRight" | "ArrowUp" => cursor + step,
                "Home" => 0,
                "End" => end,
                _ => return,
            };
            e.prevent_default();
            seek(axis.snap(t));
        })
    };
    let strip_height = LANE_HEIGHT * drawing.0.bands.len() as f64 + 4.0;
    let (plot_top, plot_bottom) = (PLOT_TOP.to_string(), (CHART_HEIGHT - PLOT_BOTTOM).to_string());
    let cursor_label = view::cursor_label(first, props.cursor_ms);
    let readings = view::readout(first, props.second.as_deref(), props.cursor_ms);
    html! {
        <div class="cascade-body">
            <div class="cascade-main">
            <PhaseList drawing={drawing.clone()} />
            <div class="cascade-charts" role="slider" tabindex="0" ref={boxed}
                aria-label="Time on the charts (the replay's cursor)"
                aria-valuemin="0" aria-valuemax={(first.duration_ms / 60_000).to_string()}
                aria-valuenow={(props.cursor_ms / 60_000).to_string()} aria-valuetext={cursor_label.clone()}
                data-cursor-ms={props.cursor_ms.to_string()}
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup}
                {onkeydown}>
                <svg class="cascade-phases" viewBox={format!("0 0 {CHART_WIDTH} {strip_height}")}
                    role="img" aria-label="The phases of the recovery, simulated and AWS's times">
                    <PhaseBands drawing={drawing.clone()} />
                    <line class="cascade-cursor" x1={cursor_x.clone()} x2={cursor_x.clone()}
                        y1="0" y2={format!("{strip_height:.1}")} />
                </svg>
                { for drawing.0.charts.iter().enumerate().map(|(index, chart)| html! {
                    <figure class="cascade-chart" id={chart.id}>
                        <ChartCaption drawing={drawing.clone()} {index} />
                        <svg viewBox={format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}")} role="img"
                            aria-label={format!("{}: {}", chart.title, chart.unit)}>
                            <ChartLayers drawing={drawing.clone()} {index} />
                            <line class="cascade-cursor" x1={cursor_x.clone()} x2={cursor_x.clone()}
                                y1={plot_top.clone()} y2={plot_bottom.clone()} />
                        </svg>
                    </figure>
                }) }
                <MarkerList drawing={drawing.clone()} />
            </div>
            </div>
            <aside class="cascade-readout" aria-live="polite" aria-label="Values at the cursor">
                <p class="cascade-readout-time">{ cursor_label }</p>
                <p class="cascade-readout-hint">{ "Click or drag the charts, or focus them and use the arrow keys." }</p>
                <dl>
                    if props.second.is_some() {
                        <div class="cascade-readout-runs">
                            <dt>{ "" }</dt>
                            <dd class="cascade-run cascade-run--first">{ props.first_label }</dd>
                            <dd class="cascade-run cascade-run--second">{ props.second_label.unwrap_or_default() }</dd>
                        </div>
                    }
                    { for readings.into_iter().map(|r| html! {
                        <div class="cascade-reading">
                            <dt>{ r.label }</dt>
                            <dd>{ r.value }</dd>
                            if let Some(v) = r.second { <dd class="cascade-reading--second">{ v }</dd> }
                        </div>
                    }) }
                </dl>
            </aside>
        </div>
    }
}
