//! The sequence diagram of a whole run as a standalone SVG file: the lanes, every event's
//! mark and message arrow, the hold bars with their stale bands, clock ticks and long
//! pauses, as the page draws them, with a two-line heading that names the run.
//!
//! Why a Rust string renderer from the view model, not a clone of the live `<svg>` with
//! its computed styles: the page draws a window of at most
//! [`WINDOW`](crate::ui::view::sequence::WINDOW) events around the cursor, and a saved
//! diagram should show the whole run; a renderer from
//! [`sequence_between`](crate::ui::view::sequence::sequence_between) draws any range, needs
//! no layout or DOM, and is tested natively. The cost: the geometry, the glyphs and the
//! colours below repeat those of `components/sequence_diagram.rs` and `www/style.css`
//! (light colours, CSS variables resolved), and must change with them.

use crate::sim::format_pdt;
use crate::ui::replay::{Moment, Replay};
use crate::ui::view::escape_xml as escape;
use crate::ui::view::sequence::{sequence_between, Glyph, HoldBar, Mark, SequenceView, WINDOW_MIN};
use std::fmt::Write;
use std::rc::Rc;

/// Width of the lane labels (as on the page).
const LABEL_W: f64 = 96.0;
/// Width of one event's column.
const COLUMN_W: f64 = 26.0;
/// Height of a lane.
const LANE_H: f64 = 38.0;
/// Height of the time axis above the lanes.
const AXIS_H: f64 = 26.0;
/// Height of the heading above the diagram (the file has no page around it).
const HEAD_H: f64 = 46.0;

/// The page's light colours (`:root` in `www/style.css`), resolved: a file opened alone
/// has no stylesheet, and not every SVG viewer reads CSS variables or `color-mix`.
const SURFACE: &str = "#ffffff";
const TEXT: &str = "#1b1f24";
const TEXT_MUTED: &str = "#58616b";
const BORDER: &str = "#d9dee4";
const BAD: &str = "#b84f00";
const BAD_MARK: &str = "#d55e00";
const BAD_TINT_STRONG: &str = "#fbe2cf";
const FONT_SANS: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', \
                         'Liberation Sans', Arial, sans-serif";
const FONT_MONO: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', \
                         'DejaVu Sans Mono', monospace";

/// Each lane's colour, by the CSS modifier of [`crate::ui::view::sequence::Lane::class`].
const LANE_COLOURS: &[(&str, &str)] = &[
    ("planner", "#0072b2"),
    ("enactor-a", "#e69f00"),
    ("enactor-b", "#009e73"),
    ("enactor-c", "#cc79a7"),
    ("enactor-other", TEXT_MUTED),
    ("route53", TEXT_MUTED),
    ("client", "#56b4e9"),
    ("operators", "#64748b"),
];

/// The name a diagram downloads as: `dns-race-sequence-<digest>.svg`.
pub fn file_name(replay: &Replay) -> String {
    format!("dns-race-sequence-{}.svg", replay.digest)
}

fn x(column: u32) -> f64 {
    LABEL_W + (f64::from(column) + 0.5) * COLUMN_W
}

fn y(lane: u32) -> f64 {
    AXIS_H + (f64::from(lane) + 0.5) * LANE_H
}

/// The stylesheet: the page's rules for the diagram, colours resolved.
fn style() -> String {
    let mut css = format!(
        "svg{{font-family:{FONT_SANS}}}\
         .bg{{fill:{SURFACE}}}\
         .head-title{{fill:{TEXT};font-size:14px;font-weight:700}}\
         .head-about{{fill:{TEXT_MUTED};font-size:11.5px}}\
         .seq-lane line{{stroke:{BORDER};stroke-width:1.5}}\
         .seq-lane-label{{fill:{TEXT};font-size:12.5px;font-weight:600}}\
         .seq-tick{{fill:{TEXT_MUTED};font-family:{FONT_MONO};font-size:10.5px;text-anchor:middle}}\
         .seq-break line{{stroke:{TEXT_MUTED};stroke-width:1.2;stroke-dasharray:2 4}}\
         .seq-break text{{fill:{TEXT_MUTED};font-size:10px;font-weight:600;text-anchor:middle}}\
         .seq-glyph{{stroke:{SURFACE};stroke-width:1.2}}\
         .seq-glyph .g-hollow{{fill:{SURFACE};stroke-width:2}}\
         .seq-glyph .g-stroke{{fill:none;stroke-width:2.2;stroke-linecap:round}}\
         .seq-arrow{{stroke-width:1.4;opacity:.55}}\
         .seq-head{{fill:{TEXT_MUTED}}}"
    );
    for (class, colour) in LANE_COLOURS {
        let _ = write!(
            css,
            ".seq-mark--{class} .seq-glyph{{fill:{colour}}}\
             .seq-mark--{class} .g-hollow,.seq-mark--{class} .g-stroke,.seq-mark--{class} .seq-arrow{{stroke:{colour}}}"
        );
    }
    // After the lanes' colours, which they override.
    let _ = write!(
        css,
        ".seq-glyph .g-stroke--bad,.seq-mark--bad .g-stroke{{stroke:{BAD_MARK}}}\
         .seq-glyph .g-stroke--light{{stroke:#fff}}\
         .seq-glyph .g-bad{{fill:{BAD_MARK};stroke:{TEXT};stroke-width:1.5}}\
         .seq-mark--bad .seq-arrow{{stroke:{BAD_MARK};opacity:.9;stroke-width:2.2}}\
         .seq-break-ring{{fill:none;stroke:{BAD_MARK};stroke-width:2;stroke-dasharray:3 2}}\
         .seq-hold rect{{fill:{TEXT_MUTED};fill-opacity:.22}}\
         .seq-hold--stale rect{{fill:url(#seq-hatch);fill-opacity:1;stroke:{BAD_MARK};stroke-width:1.5}}\
         .seq-hatch-bg{{fill:{BAD_TINT_STRONG}}}\
         .seq-hatch-line{{stroke:{BAD_MARK};stroke-width:2.5}}\
         .seq-stale-label{{fill:{BAD};font-size:11.5px;font-weight:700}}"
    );
    css
}

/// The mark's shape, centred on (`cx`, `cy`), as the page draws it.
fn glyph(out: &mut String, glyph: Glyph, cx: f64, cy: f64) {
    let shape = match glyph {
        Glyph::Publish | Glyph::Answer => r#"<circle r="5.5"/>"#,
        Glyph::EmptyAnswer => {
            r#"<circle r="6.5" class="g-hollow"/><path d="M-3.5 -3.5L3.5 3.5M3.5 -3.5L-3.5 3.5" class="g-stroke"/>"#
        }
        Glyph::PickUp => r#"<path d="M0 -7L7 0L0 7L-7 0z"/>"#,
        Glyph::PickUpNothing => r#"<path d="M0 -4.5L4.5 0L0 4.5L-4.5 0z" class="g-hollow"/>"#,
        Glyph::Lock => r#"<rect x="-4" y="-4" width="8" height="8"/>"#,
        Glyph::LockLost => r#"<rect x="-4.5" y="-4.5" width="9" height="9" class="g-hollow"/>"#,
        Glyph::Write => r#"<rect x="-6" y="-6" width="12" height="12" rx="1.5"/>"#,
        Glyph::StaleWrite => r#"<path d="M0 -9L9 7H-9z" class="g-bad"/>"#,
        Glyph::WriteFailed => {
            r#"<path d="M-5.5 -5.5L5.5 5.5M5.5 -5.5L-5.5 5.5" class="g-stroke g-stroke--bad"/>"#
        }
        Glyph::CleanUp => r#"<path d="M-6.5 -5H6.5L0 6.5z"/>"#,
        Glyph::CleanUpEmptied => r#"<path d="M-8.5 -6.5H8.5L0 8.5z" class="g-bad"/>"#,
        Glyph::Dropped => r#"<circle r="5.5" class="g-hollow"/><path d="M-4 4L4 -4" class="g-stroke"/>"#,
        Glyph::Recheck => r#"<path d="M0 -5L5 0L0 5L-5 0z" class="g-hollow"/><circle r="1.6"/>"#,
        Glyph::Diagnose => r#"<path d="M-3.5 -6.5H3.5L7 0L3.5 6.5H-3.5L-7 0z"/>"#,
        Glyph::Repair => {
            r#"<path d="M-3.5 -6.5H3.5L7 0L3.5 6.5H-3.5L-7 0z"/><path d="M-3 0.5L-0.8 2.8L3.4 -2" class="g-stroke g-stroke--light"/>"#
        }
    };
    let _ = write!(out, r#"<g class="seq-glyph" transform="translate({cx:.1} {cy:.1})">{shape}</g>"#);
}

fn mark(out: &mut String, m: &Mark, view: &SequenceView) {
    let (cx, cy) = (x(m.column), y(m.lane));
    let lane_class = view.lanes.get(m.lane as usize).map_or("enactor-other", |l| l.class);
    let bad = matches!(
        m.glyph,
        Glyph::StaleWrite | Glyph::CleanUpEmptied | Glyph::WriteFailed | Glyph::EmptyAnswer
    );
    let _ = write!(
        out,
        r#"<g class="seq-mark seq-mark--{lane_class}{}"><title>{}</title>"#,
        if bad { " seq-mark--bad" } else { "" },
        escape(&m.label)
    );
    if let Some(other) = m.other_lane {
        let (from, to) = if m.outgoing { (m.lane, other) } else { (other, m.lane) };
        let (y1, y2) = (y(from), y(to));
        let head = if y2 > y1 { y2 - 9.0 } else { y2 + 9.0 };
        let _ = write!(
            out,
            r#"<line class="seq-arrow" x1="{cx:.1}" y1="{y1:.1}" x2="{cx:.1}" y2="{head:.1}" marker-end="url(#seq-head)"/>"#
        );
    }
    if m.breaks {
        let _ = write!(out, r#"<circle class="seq-break-ring" cx="{cx:.1}" cy="{cy:.1}" r="12"/>"#);
    }
    glyph(out, m.glyph, cx, cy);
    out.push_str("</g>");
}

fn bar_ends(h: &HoldBar) -> (f64, f64) {
    let x1 = x(h.from_column) - COLUMN_W / 2.0 + if h.clipped_left { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    let x2 = x(h.to_column) + COLUMN_W / 2.0 - if h.clipped_right { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    (x1, x2)
}

/// The heading's second line: the run's size, its mitigations and its verdict.
fn about(replay: &Replay) -> String {
    let scenario = &replay.trace.scenario;
    let mitigations = match scenario.mitigations.as_slice() {
        [] => "no mitigations".to_string(),
        list => format!("mitigations: {}", list.iter().map(|m| m.name()).collect::<Vec<_>>().join(", ")),
    };
    format!(
        "{} events from {} PDT · seed {} · {} · {}",
        replay.len(),
        format_pdt(scenario.clock_start_ms),
        scenario.seed,
        mitigations,
        replay.trace.verdict.summary(scenario.clock_start_ms)
    )
}

/// The sequence diagram of the whole of `replay` as a standalone SVG document.
pub fn sequence_svg(replay: &Rc<Replay>) -> String {
    // At the end of the run: every event is in the past, and each stale band says how old
    // its check was when the hold ended.
    let moment = Moment::at(replay, replay.len());
    let view = sequence_between(&moment, &replay.holds, 0, replay.len());
    let shown = view.marks.len().max(WINDOW_MIN as usize) as u32;
    let width = LABEL_W + f64::from(shown) * COLUMN_W + 8.0;
    let diagram_h = AXIS_H + LANE_H * view.lanes.len() as f64 + 16.0;
    let height = HEAD_H + diagram_h;
    let right = LABEL_W + f64::from(shown) * COLUMN_W;
    let title = format!("dns-race: who did what, in order · trace {}", replay.digest);

    let mut out = String::with_capacity(4096 + 420 * view.marks.len());
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="svg-title svg-desc">
<title id="svg-title">{}</title>
<desc id="svg-desc">{}</desc>
<style>{}</style>
<defs><marker id="seq-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="seq-head"/></marker><pattern id="seq-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="seq-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="seq-hatch-line"/></pattern></defs>
<rect class="bg" width="{width:.0}" height="{height:.0}"/>
<text class="head-title" x="8" y="19">{}</text>
<text class="head-about" x="8" y="37">{}</text>
<g transform="translate(0 {HEAD_H})">
"#,
        escape(&title),
        escape(&about(replay)),
        style(),
        escape(&title),
        escape(&about(replay)),
    );
    for (i, lane) in view.lanes.iter().enumerate() {
        let cy = y(i as u32);
        let _ = writeln!(
            out,
            r#"<g class="seq-lane seq-lane--{}"><line x1="{LABEL_W}" x2="{right}" y1="{cy:.1}" y2="{cy:.1}"/><text class="seq-lane-label" x="6" y="{:.1}">{}</text></g>"#,
            lane.class,
            cy + 4.5,
            escape(&lane.label)
        );
    }
    for b in &view.breaks {
        let bx = x(b.column) - COLUMN_W / 2.0;
        let _ = writeln!(
            out,
            r#"<g class="seq-break"><line x1="{bx:.1}" x2="{bx:.1}" y1="24" y2="{:.1}"/><text x="{bx:.1}" y="{:.1}">{}</text></g>"#,
            diagram_h - 14.0,
            diagram_h - 3.0,
            escape(&b.label)
        );
    }
    for t in &view.ticks {
        let _ = writeln!(
            out,
            r#"<text class="seq-tick" x="{:.1}" y="16">{}</text>"#,
            x(t.column),
            escape(&t.clock)
        );
    }
    out.push_str("<g class=\"seq-holds\">");
    for h in &view.holds {
        let (x1, x2) = bar_ends(h);
        let cy = y(h.lane);
        let bar_h = if h.stale { 16.0 } else { 8.0 };
        let _ = write!(
            out,
            r#"<g class="seq-hold{}"><rect x="{x1:.1}" y="{:.1}" width="{:.1}" height="{bar_h}" rx="3"/></g>"#,
            if h.stale { " seq-hold--stale" } else { "" },
            cy - bar_h / 2.0,
            (x2 - x1).max(2.0)
        );
    }
    out.push_str("</g>\n");
    for m in &view.marks {
        mark(&mut out, m, &view);
        out.push('\n');
    }
    for (h, label) in view.holds.iter().filter_map(|h| h.label.as_ref().map(|l| (h, l))) {
        let (x1, _) = bar_ends(h);
        let _ = writeln!(
            out,
            r#"<text class="seq-stale-label" x="{:.1}" y="{:.1}">⚠ {}</text>"#,
            x1 + 4.0,
            y(h.lane) - 11.0,
            escape(label)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}
