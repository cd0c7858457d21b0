//! How the sequence diagram is drawn, once for both of its drawings: the page's `html!`
//! (`components/sequence_diagram.rs`) and the standalone SVG file (`export/svg.rs`). The
//! layout (lane and column sizes, where a mark, an arrow, a hold bar or a pause sits), the
//! shape of each [`Glyph`] and the diagram's `<defs>` are data here, as [`Node`]s each
//! drawing writes out its own way; the colours are the page's light theme resolved, for
//! the file, which has no stylesheet around it (a native test checks them against
//! `www/`'s `:root`).

use super::{Glyph, HoldBar, Mark, SequenceView, WINDOW_MIN};
use std::fmt::Write;

/// Width of the lane labels, in SVG units.
pub const LABEL_W: f64 = 96.0;
/// Width of one event's column.
pub const COLUMN_W: f64 = 26.0;
/// Height of a lane.
pub const LANE_H: f64 = 38.0;
/// Height of the time axis above the lanes.
pub const AXIS_H: f64 = 26.0;
/// Room right of the last column.
pub const RIGHT_PAD: f64 = 8.0;
/// Where a pause's dashed line starts (below the clock ticks).
pub const BREAK_TOP: f64 = 24.0;
/// Baseline of the clock ticks.
pub const TICK_Y: f64 = 16.0;
/// How far short of the glyph at its head an arrow stops.
const ARROW_GAP: f64 = 9.0;
/// Radius of the ring round a mark that breaks an invariant.
pub const BREAK_RING_R: f64 = 12.0;

/// The centre of column `column` (from the left edge of the drawing).
pub fn x(column: u32) -> f64 {
    LABEL_W + (f64::from(column) + 0.5) * COLUMN_W
}

/// The centre line of lane `lane`.
pub fn y(lane: u32) -> f64 {
    AXIS_H + (f64::from(lane) + 0.5) * LANE_H
}

/// How many columns the drawing makes room for: the window's, at least [`WINDOW_MIN`].
pub fn shown(view: &SequenceView) -> u32 {
    view.marks.len().max(WINDOW_MIN as usize) as u32
}

/// The right end of the lanes, for `shown` columns.
pub fn right(shown: u32) -> f64 {
    LABEL_W + f64::from(shown) * COLUMN_W
}

/// The drawing's width for `shown` columns.
pub fn width(shown: u32) -> f64 {
    right(shown) + RIGHT_PAD
}

/// The bottom of the last lane; each drawing adds its own margin below for the labels.
pub fn lanes_bottom(view: &SequenceView) -> f64 {
    AXIS_H + LANE_H * view.lanes.len() as f64
}

/// The message arrow of `m`, as (`y1`, `y2`) at the mark's x: from the lane it comes from
/// to just short of the glyph at its head.
pub fn arrow(m: &Mark) -> Option<(f64, f64)> {
    let other = m.other_lane?;
    let (from, to) = if m.outgoing { (m.lane, other) } else { (other, m.lane) };
    let (y1, y2) = (y(from), y(to));
    Some((y1, if y2 > y1 { y2 - ARROW_GAP } else { y2 + ARROW_GAP }))
}

/// Where a hold bar starts and ends, in a drawing whose event `i` sits at `x(i - start)`
/// (the page's sliding group draws event `i` at `x(i)`: it passes the window's start; the
/// file passes 0). A clipped end runs to the column's edge; an open one stops near the mark.
pub fn bar_ends(h: &HoldBar, start: u32) -> (f64, f64) {
    let (from, to) = (x(h.from_column + start), x(h.to_column + start));
    let x1 = from - COLUMN_W / 2.0 + if h.clipped_left { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    let x2 = to + COLUMN_W / 2.0 - if h.clipped_right { 0.0 } else { COLUMN_W / 2.0 - 4.0 };
    (x1, x2)
}

/// A hold bar's rectangle: `(x, y, width, height)`. A stale band is twice as tall.
pub fn bar_rect(h: &HoldBar, start: u32) -> (f64, f64, f64, f64) {
    let (x1, x2) = bar_ends(h, start);
    let height = if h.stale { 16.0 } else { 8.0 };
    (x1, y(h.lane) - height / 2.0, (x2 - x1).max(2.0), height)
}

/// Where a stale band's label starts: `(x, y)`.
pub fn stale_label_at(h: &HoldBar, start: u32) -> (f64, f64) {
    (bar_ends(h, start).0 + 4.0, y(h.lane) - 11.0)
}

/// One SVG element with fixed attributes: a part of a glyph or of the `<defs>`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    /// The element: "circle", "path", "rect", ...
    pub tag: &'static str,
    /// Its attributes, in order.
    pub attrs: &'static [(&'static str, &'static str)],
    /// Its children.
    pub children: &'static [Node],
}

impl Node {
    /// Writes the element as SVG text.
    pub fn write_svg(&self, out: &mut String) {
        let _ = write!(out, "<{}", self.tag);
        for (key, value) in self.attrs {
            let _ = write!(out, r#" {key}="{value}""#);
        }
        if self.children.is_empty() {
            out.push_str("/>");
        } else {
            out.push('>');
            self.children.iter().for_each(|c| c.write_svg(out));
            let _ = write!(out, "</{}>", self.tag);
        }
    }
}

/// A [`Node`] without children, as a constant expression (so that `&[leaf!(..)]` is
/// `'static`).
macro_rules! leaf {
    ($tag:expr, $attrs:expr $(,)?) => {
        Node { tag: $tag, attrs: $attrs, children: &[] }
    };
}

const HEXAGON: &str = "M-3.5 -6.5H3.5L7 0L3.5 6.5H-3.5L-7 0z";

/// The shape of `glyph`, centred on the origin: each drawing places it with a translate.
/// Classes: `g-hollow` (outlined), `g-stroke` (a line), `g-bad` (the colour of damage).
pub fn glyph_shape(glyph: Glyph) -> &'static [Node] {
    match glyph {
        Glyph::Publish | Glyph::Answer => &[leaf!("circle", &[("r", "5.5")])],
        Glyph::EmptyAnswer => &[
            leaf!("circle", &[("r", "6.5"), ("class", "g-hollow")]),
            leaf!("path", &[("d", "M-3.5 -3.5L3.5 3.5M3.5 -3.5L-3.5 3.5"), ("class", "g-stroke")]),
        ],
        Glyph::PickUp => &[leaf!("path", &[("d", "M0 -7L7 0L0 7L-7 0z")])],
        Glyph::PickUpNothing => {
            &[leaf!("path", &[("d", "M0 -4.5L4.5 0L0 4.5L-4.5 0z"), ("class", "g-hollow")])]
        }
        Glyph::Lock => &[leaf!("rect", &[("x", "-4"), ("y", "-4"), ("width", "8"), ("height", "8")])],
        Glyph::LockLost => &[leaf!(
            "rect",
            &[("x", "-4.5"), ("y", "-4.5"), ("width", "9"), ("height", "9"), ("class", "g-hollow")],
        )],
        Glyph::Write => {
            &[leaf!("rect", &[("x", "-6"), ("y", "-6"), ("width", "12"), ("height", "12"), ("rx", "1.5")])]
        }
        Glyph::StaleWrite => &[leaf!("path", &[("d", "M0 -9L9 7H-9z"), ("class", "g-bad")])],
        Glyph::WriteFailed => &[leaf!(
            "path",
            &[("d", "M-5.5 -5.5L5.5 5.5M5.5 -5.5L-5.5 5.5"), ("class", "g-stroke g-stroke--bad")],
        )],
        Glyph::CleanUp => &[leaf!("path", &[("d", "M-6.5 -5H6.5L0 6.5z")])],
        Glyph::CleanUpEmptied => &[leaf!("path", &[("d", "M-8.5 -6.5H8.5L0 8.5z"), ("class", "g-bad")])],
        Glyph::Dropped => &[
            leaf!("circle", &[("r", "5.5"), ("class", "g-hollow")]),
            leaf!("path", &[("d", "M-4 4L4 -4"), ("class", "g-stroke")]),
        ],
        Glyph::Recheck => &[
            leaf!("path", &[("d", "M0 -5L5 0L0 5L-5 0z"), ("class", "g-hollow")]),
            leaf!("circle", &[("r", "1.6")]),
        ],
        Glyph::Diagnose => &[leaf!("path", &[("d", HEXAGON)])],
        Glyph::Repair => &[
            leaf!("path", &[("d", HEXAGON)]),
            leaf!("path", &[("d", "M-3 0.5L-0.8 2.8L3.4 -2"), ("class", "g-stroke g-stroke--light")]),
        ],
    }
}

/// The diagram's `<defs>`: the arrowhead (`#seq-head`) and the stale bands' hatching
/// (`#seq-hatch`).
pub const DEFS: &[Node] = &[
    Node {
        tag: "marker",
        attrs: &[
            ("id", "seq-head"),
            ("viewBox", "0 0 10 10"),
            ("refX", "8"),
            ("refY", "5"),
            ("markerWidth", "6"),
            ("markerHeight", "6"),
            ("orient", "auto-start-reverse"),
        ],
        children: &[leaf!("path", &[("d", "M0 0L10 5L0 10z"), ("class", "seq-head")])],
    },
    Node {
        tag: "pattern",
        attrs: &[
            ("id", "seq-hatch"),
            ("width", "6"),
            ("height", "6"),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", "rotate(45)"),
        ],
        children: &[
            leaf!("rect", &[("width", "6"), ("height", "6"), ("class", "seq-hatch-bg")]),
            leaf!("line", &[("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("class", "seq-hatch-line")]),
        ],
    },
];

/// The page's light colours, resolved (`:root` in `www/`): a file opened alone has no
/// stylesheet, and not every SVG viewer reads CSS variables or `color-mix`. Each is named
/// by its CSS variable.
pub mod light {
    /// `--surface`.
    pub const SURFACE: &str = "#ffffff";
    /// `--text`.
    pub const TEXT: &str = "#1b1f24";
    /// `--text-muted`.
    pub const TEXT_MUTED: &str = "#58616b";
    /// `--border`.
    pub const BORDER: &str = "#d9dee4";
    /// `--bad`.
    pub const BAD: &str = "#b84f00";
    /// `--bad-mark` (`--oi-vermillion`).
    pub const BAD_MARK: &str = "#d55e00";
    /// `--bad-tint-strong`.
    pub const BAD_TINT_STRONG: &str = "#fbe2cf";
    /// `--font-sans`.
    pub const FONT_SANS: &str =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', \
                                 'Liberation Sans', Arial, sans-serif";
    /// `--font-mono`.
    pub const FONT_MONO: &str = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', \
                                 'DejaVu Sans Mono', monospace";

    /// Each lane's colour, by its CSS modifier ([`super::super::Lane::class`]), with the
    /// variable the page's `.seq-mark--<class>` takes it from.
    pub const LANES: &[(&str, &str, &str)] = &[
        ("planner", "--actor-planner", "#0072b2"),
        ("enactor-a", "--actor-a", "#e69f00"),
        ("enactor-b", "--actor-b", "#009e73"),
        ("enactor-c", "--actor-c", "#cc79a7"),
        ("enactor-other", "--text-muted", TEXT_MUTED),
        ("route53", "--actor-route53", TEXT_MUTED),
        ("client", "--actor-client", "#56b4e9"),
        ("operators", "--actor-operators", "#64748b"),
    ];
}

#[cfg(test)]
mod tests {
    use super::light;

    /// The page's `:root` (`www/style.css`): the variables' light values.
    const ROOT_CSS: &str = include_str!("../../../../www/style.css");

    /// The light value of CSS variable `name` in `:root`: `light-dark(a, b)` read as `a`,
    /// `var(--x)` followed.
    fn light_value(name: &str) -> String {
        let root = ROOT_CSS.split(":root {").nth(1).and_then(|r| r.split('}').next()).expect(":root");
        let start =
            root.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in :root")) + name.len() + 1;
        let value = root[start..].split(';').next().expect("a value").trim();
        let value = value.strip_prefix("light-dark(").map_or(value, |v| v.split(',').next().expect("light"));
        let value = value.split("/*").next().expect("before a comment").trim();
        match value.strip_prefix("var(") {
            Some(inner) => light_value(inner.trim_end_matches(')')),
            None => value.split_whitespace().collect::<Vec<_>>().join(" ").replace('"', "'"),
        }
    }

    #[test]
    fn the_files_colours_are_the_pages_light_theme() {
        let pairs = [
            ("--surface", light::SURFACE),
            ("--text", light::TEXT),
            ("--text-muted", light::TEXT_MUTED),
            ("--border", light::BORDER),
            ("--bad", light::BAD),
            ("--bad-mark", light::BAD_MARK),
            ("--bad-tint-strong", light::BAD_TINT_STRONG),
            ("--font-sans", light::FONT_SANS),
            ("--font-mono", light::FONT_MONO),
        ];
        for (name, value) in
            pairs.into_iter().chain(light::LANES.iter().map(|&(_, name, value)| (name, value)))
        {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(light_value(name), value, "{name}");
        }
    }
}
