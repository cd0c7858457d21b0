//! The sequence diagram of a whole run as a standalone SVG file: the lanes, every event's
//! mark and message arrow, the hold bars with their stale bands, clock ticks and long
//! pauses, as the page draws them, with a two-line heading that names the run.
//!
//! Why a Rust string renderer from the view model, not a clone of the live `<svg>` with
//! its computed styles: the page draws a window of at most
//! [`WINDOW`](crate::ui::view::sequence::WINDOW) events around the cursor, and a saved
//! diagram should show the whole run; a renderer from
//! [`sequence_between`](crate::ui::view::sequence::sequence_between) draws any range, needs
//! no layout or DOM, and is tested natively. The geometry, the glyphs and the colours are
//! the view model's ([`drawing`]), which the page's component draws from too; what is this
//! file's own is the heading and the stylesheet, the page's rules for the diagram with the
//! light colours resolved.

use crate::sim::format_pdt;
use crate::ui::replay::{Moment, Replay};
use crate::ui::view::escape_xml as escape;
use crate::ui::view::sequence::drawing::light::{
    BAD, BAD_MARK, BAD_TINT_STRONG, BORDER, FONT_MONO, FONT_SANS, LANES, SURFACE, TEXT, TEXT_MUTED,
};
use crate::ui::view::sequence::drawing::{
    self, arrow, bar_rect, glyph_shape, lanes_bottom, right, shown, stale_label_at, width, x, y,
    BREAK_RING_R, BREAK_TOP, DEFS, LABEL_W, TICK_Y,
};
use crate::ui::view::sequence::{sequence_between, Mark, SequenceView};
use std::fmt::Write;
use std::rc::Rc;

/// Height of the heading above the diagram (the file has no page around it).
const HEAD_H: f64 = 46.0;

/// Room below the lanes for the pauses' labels (the file labels every pause).
const BOTTOM_H: f64 = 16.0;

/// The name a diagram downloads as: `dns-race-sequence-<digest>.svg`.
pub fn file_name(replay: &Replay) -> String {
    format!("dns-race-sequence-{}.svg", replay.digest)
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
    for (class, _, colour) in LANES {
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

/// The mark's shape ([`glyph_shape`]), centred on (`cx`, `cy`), as the page draws it.
fn glyph(out: &mut String, m: &Mark, cx: f64, cy: f64) {
    let _ = write!(out, r#"<g class="seq-glyph" transform="translate({cx:.1} {cy:.1})">"#);
    glyph_shape(m.glyph).iter().for_each(|n| n.write_svg(out));
    out.push_str("</g>");
}

fn mark(out: &mut String, m: &Mark, view: &SequenceView) {
    let (cx, cy) = (x(m.column), y(m.lane));
    let lane_class = view.lanes.get(m.lane as usize).map_or("enactor-other", |l| l.class);
    let _ = write!(
        out,
        r#"<g class="seq-mark seq-mark--{lane_class}{}"><title>{}</title>"#,
        if m.bad { " seq-mark--bad" } else { "" },
        escape(&m.label)
    );
    if let Some((y1, head)) = arrow(m) {
        let _ = write!(
            out,
            r#"<line class="seq-arrow" x1="{cx:.1}" y1="{y1:.1}" x2="{cx:.1}" y2="{head:.1}" marker-end="url(#seq-head)"/>"#
        );
    }
    if m.breaks {
        let _ =
            write!(out, r#"<circle class="seq-break-ring" cx="{cx:.1}" cy="{cy:.1}" r="{BREAK_RING_R}"/>"#);
    }
    glyph(out, m, cx, cy);
    out.push_str("</g>");
}

/// The `<defs>` ([`DEFS`]): the arrowhead and the hatching.
fn defs() -> String {
    let mut out = String::new();
    DEFS.iter().for_each(|n| n.write_svg(&mut out));
    out
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
    let shown = shown(&view);
    let width = width(shown);
    let diagram_h = lanes_bottom(&view) + BOTTOM_H;
    let height = HEAD_H + diagram_h;
    let right = right(shown);
    let title = format!("dns-race: who did what, in order · trace {}", replay.digest);

    let mut out = String::with_capacity(4096 + 420 * view.marks.len());
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-labelledby="svg-title svg-desc">
<title id="svg-title">{}</title>
<desc id="svg-desc">{}</desc>
<style>{}</style>
<defs>{}</defs>
<rect class="bg" width="{width:.0}" height="{height:.0}"/>
<text class="head-title" x="8" y="19">{}</text>
<text class="head-about" x="8" y="37">{}</text>
<g transform="translate(0 {HEAD_H})">
"#,
        escape(&title),
        escape(&about(replay)),
        style(),
        defs(),
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
        let bx = x(b.column) - drawing::COLUMN_W / 2.0;
        let _ = writeln!(
            out,
            r#"<g class="seq-break"><line x1="{bx:.1}" x2="{bx:.1}" y1="{BREAK_TOP}" y2="{:.1}"/><text x="{bx:.1}" y="{:.1}">{}</text></g>"#,
            diagram_h - 14.0,
            diagram_h - 3.0,
            escape(&b.label)
        );
    }
    for t in &view.ticks {
        let _ = writeln!(
            out,
            r#"<text class="seq-tick" x="{:.1}" y="{TICK_Y}">{}</text>"#,
            x(t.column),
            escape(&t.clock)
        );
    }
    out.push_str("<g class=\"seq-holds\">");
    for h in &view.holds {
        let (bx, by, bw, bh) = bar_rect(h, 0);
        let _ = write!(
            out,
            r#"<g class="seq-hold{}"><rect x="{bx:.1}" y="{by:.1}" width="{bw:.1}" height="{bh}" rx="3"/></g>"#,
            if h.stale { " seq-hold--stale" } else { "" },
        );
    }
    out.push_str("</g>\n");
    for m in &view.marks {
        mark(&mut out, m, &view);
        out.push('\n');
    }
    for (h, label) in view.holds.iter().filter_map(|h| h.label.as_ref().map(|l| (h, l))) {
        let (lx, ly) = stale_label_at(h, 0);
        let _ = writeln!(
            out,
            r#"<text class="seq-stale-label" x="{lx:.1}" y="{ly:.1}">⚠ {}</text>"#,
            escape(label)
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}
