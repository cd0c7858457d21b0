//! The architecture diagram: an SVG drawing of [`ArchitectureView`], the event at the
//! cursor highlighted and animated (CSS, calm under `prefers-reduced-motion`).
//!
//! Two layouts share every box's drawing: three columns when the panel is wide, two
//! columns (Enactors beside Route 53) when it is narrow, so that text stays legible on a
//! phone instead of shrinking with a wide drawing.

use crate::sim::{Actor, ROUTE53};
use crate::ui::replay::Moment;
use crate::ui::view::architecture::{
    architecture, Activity, ArchitectureView, ClientView, Current, EnactorView, EndpointView, Flow, Health,
    Node, OperatorsView, PlannerView, Progress, StoreItem, StoreView, Tone, BEFORE_FIRST_EVENT,
};
use gloo_events::EventListener;
use yew::prelude::*;

/// Properties of [`ArchitectureDiagram`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ArchitectureDiagramProps {
    /// The world at the cursor.
    pub moment: Moment,
}

/// The window width (CSS pixels) below which the narrow layout is used: the wide one would
/// shrink its text under about 10 px. The page's pre-rendered first paint
/// (scripts/first-paint.mjs) reads it from the diagram.
const NARROW_WINDOW_BELOW_PX: i32 = 580;

/// A point in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pt(f64, f64);

impl Pt {
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0, self.1 - o.1)
    }

    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0, self.1 + o.1)
    }

    fn scale(self, k: f64) -> Pt {
        Pt(self.0 * k, self.1 * k)
    }

    fn len(self) -> f64 {
        self.0.hypot(self.1)
    }

    fn unit(self) -> Pt {
        let l = self.len();
        if l < 1e-6 {
            Pt(0.0, 1.0)
        } else {
            self.scale(1.0 / l)
        }
    }
}

/// A box in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    const fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    fn right(self) -> f64 {
        self.x + self.w
    }

    fn bottom(self) -> f64 {
        self.y + self.h
    }

    fn cx(self) -> f64 {
        self.x + self.w / 2.0
    }

    fn cy(self) -> f64 {
        self.y + self.h / 2.0
    }
}

/// Where every box goes.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Layout {
    narrow: bool,
    width: f64,
    height: f64,
    caption: Rect,
    planner: Rect,
    store: Rect,
    enactors: [Rect; 3],
    route53: Rect,
    endpoints: [Rect; 3],
    client: Rect,
    operators: Rect,
}

/// Height of an Enactor's or an endpoint's card.
const CARD_H: f64 = 160.0;

/// Height of the clients' and the operators' boxes.
const CLIENT_H: f64 = 106.0;

/// Three columns: the Planner and its store on top, then the Enactors, then Route 53, then
/// the clients and the operators.
const WIDE: Layout = {
    let col = [12.0, 264.0, 516.0];
    let (w, row1, row2) = (232.0, 218.0, 438.0);
    Layout {
        narrow: false,
        width: 760.0,
        height: 648.0 + CLIENT_H + 10.0,
        caption: Rect::new(12.0, 8.0, 736.0, 54.0),
        planner: Rect::new(12.0, 78.0, 172.0, 96.0),
        store: Rect::new(208.0, 78.0, 540.0, 96.0),
        enactors: [
            Rect::new(col[0], row1, w, CARD_H),
            Rect::new(col[1], row1, w, CARD_H),
            Rect::new(col[2], row1, w, CARD_H),
        ],
        route53: Rect::new(4.0, 414.0, 752.0, 192.0),
        endpoints: [
            Rect::new(col[0], row2, w, CARD_H),
            Rect::new(col[1], row2, w, CARD_H),
            Rect::new(col[2], row2, w, CARD_H),
        ],
        client: Rect::new(col[0], 648.0, w, CLIENT_H),
        operators: Rect::new(col[2], 648.0, w, CLIENT_H),
    }
};

/// Two columns: the Planner and its store on top, then each Enactor beside an endpoint,
/// then the operators and the clients.
const NARROW: Layout = {
    let (left, right, w) = (12.0, 220.0, 188.0);
    let rows = [290.0, 290.0 + CARD_H + 14.0, 290.0 + 2.0 * (CARD_H + 14.0)];
    let bottom = rows[2] + CARD_H;
    Layout {
        narrow: true,
        width: 420.0,
        height: bottom + 24.0 + CLIENT_H + 10.0,
        caption: Rect::new(12.0, 8.0, 396.0, 70.0),
        planner: Rect::new(12.0, 90.0, 396.0, 46.0),
        store: Rect::new(12.0, 154.0, 396.0, 96.0),
        enactors: [
            Rect::new(left, rows[0], w, CARD_H),
            Rect::new(left, rows[1], w, CARD_H),
            Rect::new(left, rows[2], w, CARD_H),
        ],
        route53: Rect::new(212.0, 266.0, 204.0, bottom - 266.0 + 10.0),
        endpoints: [
            Rect::new(right, rows[0], w, CARD_H),
            Rect::new(right, rows[1], w, CARD_H),
            Rect::new(right, rows[2], w, CARD_H),
        ],
        client: Rect::new(right, bottom + 24.0, w, CLIENT_H),
        operators: Rect::new(left, bottom + 24.0, w, CLIENT_H),
    }
};

/// A number as an SVG attribute.
fn n(v: f64) -> AttrValue {
    AttrValue::from(format!("{v:.1}"))
}

/// Average advance of a character, in em, of the widest fonts the page may get (DejaVu
/// Sans, semi-bold): an estimate on the safe side, to decide where to wrap a line.
const EM_PER_CHAR: f64 = 0.6;

/// A rough width of `text` at `size` units.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * EM_PER_CHAR
}

/// Splits `text` at a space so that the first part fits `width` at `size`.
fn wrap(text: &str, size: f64, width: f64) -> (&str, &str) {
    if text_width(text, size) <= width {
        return (text, "");
    }
    let max_chars = (width / (size * EM_PER_CHAR)) as usize;
    let cut = text
        .char_indices()
        .enumerate()
        .take_while(|(chars, _)| *chars <= max_chars)
        .filter(|(_, (_, c))| *c == ' ')
        .last()
        .map(|(_, (byte, _))| byte);
    match cut {
        Some(i) => (text.get(..i).unwrap_or(text), text.get(i + 1..).unwrap_or("")),
        None => (text, ""),
    }
}

/// A path with its end, for the arrowhead.
struct Route {
    d: String,
    tip: Pt,
    /// Unit vector of the direction of arrival.
    dir: Pt,
}

/// A cubic S-curve from `a` to `b`, leaving and arriving vertically or horizontally.
fn curve(a: Pt, b: Pt, vertical: bool) -> Route {
    let (c1, c2) = if vertical {
        let dy = (b.1 - a.1) / 2.0;
        (Pt(a.0, a.1 + dy), Pt(b.0, b.1 - dy))
    } else {
        let dx = (b.0 - a.0) / 2.0;
        (Pt(a.0 + dx, a.1), Pt(b.0 - dx, b.1))
    };
    Route {
        d: format!(
            "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
            a.0, a.1, c1.0, c1.1, c2.0, c2.1, b.0, b.1
        ),
        tip: b,
        dir: b.sub(c2).unit(),
    }
}

/// A polyline through `points` with rounded corners.
fn rail(points: &[Pt]) -> Route {
    const RADIUS: f64 = 6.0;
    let mut d = String::with_capacity(24 * points.len());
    let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
        return Route { d, tip: Pt(0.0, 0.0), dir: Pt(0.0, 1.0) };
    };
    d.push_str(&format!("M{:.1} {:.1}", first.0, first.1));
    for w in points.windows(3) {
        let (p, c, q) = (w[0], w[1], w[2]);
        let r = RADIUS.min(c.sub(p).len() / 2.0).min(q.sub(c).len() / 2.0);
        let a = c.sub(c.sub(p).unit().scale(r));
        let b = c.add(q.sub(c).unit().scale(r));
        d.push_str(&format!("L{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}", a.0, a.1, c.0, c.1, b.0, b.1));
    }
    d.push_str(&format!("L{:.1} {:.1}", last.0, last.1));
    let before = points.len().checked_sub(2).and_then(|i| points.get(i)).copied().unwrap_or(first);
    Route { d, tip: last, dir: last.sub(before).unit() }
}

/// The shape of a link, from its first node to its second.
enum Shape {
    Curve(Pt, Pt, bool),
    Rail(Vec<Pt>),
}

impl Shape {
    fn reversed(self) -> Shape {
        match self {
            Shape::Curve(a, b, v) => Shape::Curve(b, a, v),
            Shape::Rail(mut points) => {
                points.reverse();
                Shape::Rail(points)
            }
        }
    }

    /// The same link stopping `by` units before its end: a refused arrow's bar stands off
    /// the box it could not reach.
    fn shortened(self, by: f64) -> Shape {
        match self {
            Shape::Curve(a, b, v) => {
                let back =
                    if v { Pt(0.0, (b.1 - a.1).signum() * by) } else { Pt((b.0 - a.0).signum() * by, 0.0) };
                Shape::Curve(a, b.sub(back), v)
            }
            Shape::Rail(mut points) => {
                if let [.., p, q] = points.as_mut_slice() {
                    *q = q.sub(q.sub(*p).unit().scale(by));
                }
                Shape::Rail(points)
            }
        }
    }

    fn route(&self) -> Route {
        match self {
            Shape::Curve(a, b, v) => curve(*a, *b, *v),
            Shape::Rail(points) => rail(points),
        }
    }
}

impl Layout {
    fn enactor(&self, i: u8) -> Option<Rect> {
        self.enactors.get(usize::from(i)).copied()
    }

    fn endpoint(&self, i: u8) -> Option<Rect> {
        self.endpoints.get(usize::from(i)).copied()
    }

    /// The link between two nodes, drawn from `from` to `to`.
    fn link(&self, from: Node, to: Node) -> Option<Shape> {
        match self.canonical(from, to) {
            Some(shape) => Some(shape),
            None => self.canonical(to, from).map(Shape::reversed),
        }
    }

    fn canonical(&self, from: Node, to: Node) -> Option<Shape> {
        let (wide, narrow) = (!self.narrow, self.narrow);
        let offset = |k: u8| (f64::from(k) - 1.0) * 16.0;
        Some(match (from, to) {
            (Node::Planner, Node::Store) if wide => Shape::Curve(
                Pt(self.planner.right(), self.planner.cy()),
                Pt(self.store.x, self.store.cy()),
                false,
            ),
            (Node::Planner, Node::Store) => Shape::Curve(
                Pt(self.planner.cx(), self.planner.bottom()),
                Pt(self.store.cx(), self.store.y),
                true,
            ),
            (Node::Store, Node::Enactor(i)) if wide => {
                let e = self.enactor(i)?;
                // Into the card's right part: its left part carries the AZ label.
                let to = e.right() - 56.0;
                let x = to.clamp(self.store.x + 28.0, self.store.right() - 28.0);
                Shape::Curve(Pt(x, self.store.bottom()), Pt(to, e.y), true)
            }
            (Node::Store, Node::Enactor(i)) => {
                let e = self.enactor(i)?;
                let (x0, y0) = (self.store.x + 22.0 + f64::from(i) * 8.0, self.store.bottom());
                Shape::Rail(vec![
                    Pt(x0, y0),
                    Pt(x0, y0 + 12.0 + f64::from(i) * 4.0),
                    Pt(5.0, y0 + 12.0 + f64::from(i) * 4.0),
                    Pt(5.0, e.y + 30.0),
                    Pt(e.x, e.y + 30.0),
                ])
            }
            (Node::Enactor(i), Node::Endpoint(j)) => {
                let (e, p) = (self.enactor(i)?, self.endpoint(j)?);
                if narrow {
                    let (y1, y2) = (e.y + 44.0 + f64::from(j) * 14.0, p.y + 44.0 + f64::from(i) * 14.0);
                    let gx = (e.right() + p.x) / 2.0 + offset(i) / 4.0;
                    Shape::Rail(vec![Pt(e.right(), y1), Pt(gx, y1), Pt(gx, y2), Pt(p.x, y2)])
                } else {
                    Shape::Curve(Pt(e.cx() + offset(j), e.bottom()), Pt(p.cx() + offset(i), p.y), true)
                }
            }
            (Node::Endpoint(j), Node::Client) => {
                let p = self.endpoint(j)?;
                if narrow {
                    let (y, rx) = (p.y + 24.0, self.width - 5.0);
                    let c = self.client;
                    Shape::Rail(vec![
                        Pt(p.right(), y),
                        Pt(rx, y),
                        Pt(rx, c.y + 30.0),
                        Pt(c.right(), c.y + 30.0),
                    ])
                } else {
                    Shape::Curve(
                        Pt(p.cx() - 24.0, p.bottom()),
                        Pt(self.client.cx() + offset(j), self.client.y),
                        true,
                    )
                }
            }
            (Node::Operators, Node::Endpoint(j)) => {
                let p = self.endpoint(j)?;
                let o = self.operators;
                if narrow {
                    let gx = (o.right() + p.x) / 2.0 + 3.0;
                    let y = p.bottom() - 22.0;
                    Shape::Rail(vec![Pt(o.right(), o.y + 30.0), Pt(gx, o.y + 30.0), Pt(gx, y), Pt(p.x, y)])
                } else {
                    Shape::Curve(Pt(o.cx() + offset(j), o.y), Pt(p.cx() + 24.0, p.bottom()), true)
                }
            }
            _ => return None,
        })
    }
}

/// The architecture diagram at the moment it is given.
#[function_component(ArchitectureDiagram)]
pub fn architecture_diagram(props: &ArchitectureDiagramProps) -> Html {
    // By the window's width, not the panel's: on the stage and in a figure the panel's width
    // follows from the diagram's height, and the tall layout would only shrink there.
    let narrow_window = || {
        web_sys::window()
            .and_then(|w| w.inner_width().ok())
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w < f64::from(NARROW_WINDOW_BELOW_PX))
    };
    let narrow = use_state_eq(narrow_window);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| EventListener::new(&w, "resize", move |_| narrow.set(narrow_window())));
            move || drop(listener)
        });
    }
    let view = architecture(&props.moment);
    let layout = if *narrow { NARROW } else { WIDE };
    html! {
        <section class="arch panel" aria-labelledby="arch-heading">
            <div class="section-head">
                <h2 id="arch-heading">{ "The automation, right now" }</h2>
            </div>
            <div class="arch-frame" data-narrow-window-below={NARROW_WINDOW_BELOW_PX.to_string()}>
                { svg(&view, &layout) }
            </div>
            { key_list() }
        </section>
    }
}

fn svg(view: &ArchitectureView, layout: &Layout) -> Html {
    let viewbox = format!("0 0 {:.0} {:.0}", layout.width, layout.height);
    let class = classes!("arch-svg", layout.narrow.then_some("arch-svg--narrow"));
    html! {
        <svg {class} viewBox={viewbox} role="img" aria-labelledby="arch-svg-title arch-svg-desc">
            <title id="arch-svg-title">{ format!("Architecture at {}, {}", view.clock, view.progress) }</title>
            <desc id="arch-svg-desc">{ view.summary.clone() }</desc>
            <defs>
                <pattern id="arch-hatch" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <rect class="arch-hatch-bg" width="7" height="7" />
                    <line class="arch-hatch-line" x1="0" y1="0" x2="0" y2="7" />
                </pattern>
            </defs>
            { route53_frame(layout) }
            { static_links(view, layout) }
            { caption(view, layout) }
            { planner(&view.planner, layout.planner) }
            { store(&view.store, layout.store, view.position, layout.narrow) }
            { for view.enactors.iter().map(|e| layout.enactor(e.index).map_or_else(Html::default, |r| enactor(e, r, view.position))) }
            { for view.endpoints.iter().map(|e| layout.endpoint(e.index).map_or_else(Html::default, |r| endpoint(e, r, view.position))) }
            { client(&view.client, layout.client, view.position) }
            { operators(&view.operators, layout.operators, view.position) }
            { flows(view, layout) }
        </svg>
    }
}

/// Route 53's frame around the endpoints.
fn route53_frame(layout: &Layout) -> Html {
    let r = layout.route53;
    html! {
        <g class="arch-r53" aria-hidden="true">
            <rect x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="14" />
            <text class="arch-r53-label arch-legend" x={n(r.x + 14.0)} y={n(r.y + 5.0)}>
                { ROUTE53 }
            </text>
        </g>
    }
}

/// The architecture's links, faint, so that the highlighted event has somewhere to run.
fn static_links(view: &ArchitectureView, layout: &Layout) -> Html {
    let mut pairs = vec![(Node::Planner, Node::Store)];
    for e in &view.enactors {
        // In two columns the links to the store and to the clients run along the edges: one
        // is enough to show the way, all of them would be a tangle.
        if !layout.narrow || e.index == 0 {
            pairs.push((Node::Store, Node::Enactor(e.index)));
        }
        pairs.push((Node::Enactor(e.index), Node::Endpoint(e.index)));
    }
    if !layout.narrow {
        pairs.push((Node::Endpoint(0), Node::Client));
        pairs.push((Node::Operators, Node::Endpoint(view.endpoints.len().saturating_sub(1) as u8)));
    }
    html! {
        <g class="arch-links" aria-hidden="true">
            { for pairs.into_iter().filter_map(|(a, b)| layout.link(a, b)).map(|shape| {
                html! { <path d={shape.route().d} /> }
            }) }
        </g>
    }
}

/// The arrows of the event at the cursor, with a packet running along each.
fn flows(view: &ArchitectureView, layout: &Layout) -> Html {
    let Some(current) = &view.current else {
        return Html::default();
    };
    let items = current.flows.iter().enumerate().filter_map(|(k, f)| {
        let shape = layout.link(f.from, f.to)?;
        let route = if f.blocked { shape.shortened(10.0) } else { shape }.route();
        Some(flow(f, &route, k, current))
    });
    html! {
        <g class={classes!("arch-flows", format!("arch-node--{}", current.actor_class))} aria-hidden="true">
            // Keyed by position: a new event recreates the arrows, restarting their animation.
            { for std::iter::once(html! { <g key={view.position}>{ for items }</g> }) }
        </g>
    }
}

fn flow(f: &Flow, route: &Route, k: usize, current: &Current) -> Html {
    let Route { d, tip, dir } = route;
    let perp = Pt(-dir.1, dir.0);
    let head = if f.blocked {
        let (a, b) = (tip.add(perp.scale(10.0)), tip.sub(perp.scale(10.0)));
        format!("M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, b.0, b.1)
    } else {
        let base = tip.sub(dir.scale(11.0));
        let (a, b) = (base.add(perp.scale(5.5)), base.sub(perp.scale(5.5)));
        format!("M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z", tip.0, tip.1, a.0, a.1, b.0, b.1)
    };
    let class = classes!(
        "arch-flow",
        format!("arch-flow--{}", f.tone.class()),
        f.blocked.then_some("arch-flow--blocked"),
        (current.tone == Tone::Bad && f.tone != Tone::Bad).then_some("arch-flow--secondary"),
    );
    let style = format!("offset-path: path('{d}'); animation-delay: {}ms", k * 90);
    html! {
        <g {class}>
            <path class="arch-flow-line" d={d.clone()} />
            <path class={if f.blocked { "arch-flow-bar" } else { "arch-flow-head" }} d={head} />
            <circle class="arch-packet" r="4.5" {style} />
        </g>
    }
}

/// The strip at the top: who did what, and when.
fn caption(view: &ArchitectureView, layout: &Layout) -> Html {
    let r = layout.caption;
    let when = format!("{} · {}", view.clock, view.progress);
    let Some(c) = &view.current else {
        let (first, rest) = wrap(BEFORE_FIRST_EVENT, 15.0, r.w - 32.0);
        let when_y = if rest.is_empty() { r.y + 44.0 } else { r.y + 60.0 };
        return html! {
            <g class="arch-caption arch-caption--none">
                <rect class="arch-caption-bg" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
                <text class="arch-caption-text" x={n(r.x + 16.0)} y={n(r.y + 24.0)}>{ first.to_string() }</text>
                if !rest.is_empty() {
                    <text class="arch-caption-text" x={n(r.x + 16.0)} y={n(r.y + 42.0)}>{ rest.to_string() }</text>
                }
                <text class="arch-caption-when" x={n(r.x + 16.0)} y={n(when_y)}>{ when }</text>
            </g>
        };
    };
    let class = classes!(
        "arch-caption",
        format!("arch-caption--{}", c.tone.class()),
        format!("arch-node--{}", c.actor_class)
    );
    let (bx, by) = (r.x + 24.0, r.y + 22.0);
    let text_x = r.x + 46.0;
    let warn = if c.tone == Tone::Bad { "⚠ " } else { "" };
    let body = if layout.narrow {
        let line = format!("{warn}{}", c.caption);
        let (first, rest) = wrap(&line, 15.0, r.right() - text_x - 10.0);
        html! {
            <>
                <text class="arch-caption-who" x={n(text_x)} y={n(r.y + 27.0)}>{ c.who.clone() }</text>
                <text class="arch-caption-when" x={n(r.right() - 12.0)} y={n(r.y + 27.0)} text-anchor="end">{ view.clock.clone() }</text>
                <text class="arch-caption-text" x={n(text_x)} y={n(r.y + 47.0)}>{ first.to_string() }</text>
                if !rest.is_empty() {
                    <text class="arch-caption-text" x={n(text_x)} y={n(r.y + 64.0)}>{ rest.to_string() }</text>
                }
            </>
        }
    } else {
        html! {
            <>
                <text class="arch-caption-text" x={n(text_x)} y={n(r.y + 25.0)}>
                    <tspan class="arch-caption-who">{ c.who.clone() }</tspan>{ format!(" {warn}{}", c.caption) }
                </text>
                <text class="arch-caption-when" x={n(text_x)} y={n(r.y + 45.0)}>{ when }</text>
            </>
        }
    };
    html! {
        <g {class}>
            <rect class="arch-caption-bg" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            <rect class="arch-caption-bar" x={n(r.x)} y={n(r.y)} width="5" height={n(r.h)} rx="2.5" />
            { badge(&c.badge, bx, by, 14.0) }
            { body }
        </g>
    }
}

/// An actor's round badge with its letter(s); the actor's class on an ancestor colours it.
/// The letters' size is a whole number of pixels, as the diagram's other text is: each
/// size of a font is another font the browser looks up before the first paint.
fn badge(letter: &str, cx: f64, cy: f64, r: f64) -> Html {
    let size = if letter.chars().count() > 1 { r * 0.85 } else { r * 1.05 }.round();
    html! {
        <>
            <circle class="arch-badge" cx={n(cx)} cy={n(cy)} r={n(r)} />
            <text class="arch-badge-text" x={n(cx)} y={n(cy + size * 0.36)} font-size={n(size)}>{ letter.to_string() }</text>
        </>
    }
}

/// The outline that pulses around the box of the actor at the cursor.
fn pulse(r: Rect, position: u32) -> Html {
    html! {
        { for std::iter::once(html! {
            <rect key={position} class="arch-pulse" x={n(r.x - 3.0)} y={n(r.y - 3.0)}
                width={n(r.w + 6.0)} height={n(r.h + 6.0)} rx="13" />
        }) }
    }
}

fn card_class(node_class: &str, active: bool) -> Classes {
    classes!("arch-node", format!("arch-node--{node_class}"), active.then_some("arch-node--active"))
}

fn planner(p: &PlannerView, r: Rect) -> Html {
    let one_row = r.h < 60.0;
    html! {
        <g class={card_class("planner", p.active)}>
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            { badge(&Actor::Planner.badge(), r.x + 24.0, r.y + if one_row { r.h / 2.0 } else { 26.0 }, 13.0) }
            if one_row {
                <text class="arch-name" x={n(r.x + 46.0)} y={n(r.cy() + 5.5)}>{ Actor::Planner.label() }</text>
                <text class="arch-line" x={n(r.right() - 12.0)} y={n(r.cy() + 5.0)} text-anchor="end">
                    { format!("{} · {}", p.newest, p.next) }
                </text>
            } else {
                <text class="arch-name" x={n(r.x + 46.0)} y={n(r.y + 31.0)}>{ Actor::Planner.label() }</text>
                <text class="arch-line arch-line--strong" x={n(r.x + 14.0)} y={n(r.y + 62.0)}>{ p.newest.clone() }</text>
                <text class="arch-line arch-muted" x={n(r.x + 14.0)} y={n(r.y + 82.0)}>{ p.next.clone() }</text>
            }
        </g>
    }
}

fn store(s: &StoreView, r: Rect, position: u32, narrow: bool) -> Html {
    const TOKEN_W: f64 = 50.0;
    const GAP_W: f64 = 34.0;
    const SPACE: f64 = 7.0;
    let widths: Vec<f64> =
        s.items.iter().map(|i| if matches!(i, StoreItem::Plan(_)) { TOKEN_W } else { GAP_W }).collect();
    let total = widths.iter().sum::<f64>() + SPACE * widths.len().saturating_sub(1) as f64;
    let room = r.w - 28.0;
    let k = if total > room { room / total } else { 1.0 };
    let mut x = r.x + 14.0;
    let ty = r.y + 36.0;
    let tokens = s.items.iter().zip(&widths).enumerate().map(|(slot, (item, &w))| {
        let w = w * k;
        let at = x;
        x += w + SPACE * k;
        match item {
            StoreItem::Gap { hidden } => html! {
                <g class="arch-gap" key={format!("gap-{slot}")}>
                    <text class="arch-gap-dots" x={n(at + w / 2.0)} y={n(ty + 14.0)}>{ "⋯" }</text>
                    <text class="arch-gap-count" x={n(at + w / 2.0)} y={n(ty + 36.0)}>{ format!("+{hidden}") }</text>
                </g>
            },
            StoreItem::Plan(t) => {
                let class = classes!(
                    "arch-token",
                    t.newest.then_some("arch-token--newest"),
                    t.deleted.then_some("arch-token--deleted"),
                    t.published_now.then_some("arch-token--new"),
                );
                let hx = at + w / 2.0 - (t.holders.len() as f64 - 1.0) * 10.0;
                let key = if t.published_now || t.deleted { format!("{}-{position}", t.generation) } else { t.generation.to_string() };
                html! {
                    <g {class} key={key}>
                        <rect x={n(at)} y={n(ty)} width={n(w)} height="26" rx="6" />
                        <text class="arch-token-text" x={n(at + w / 2.0)} y={n(ty + 18.0)}>{ t.generation.to_string() }</text>
                        if t.deleted {
                            <path class="arch-strike" d={format!("M{:.1} {:.1}L{:.1} {:.1}", at + 3.0, ty + 22.0, at + w - 3.0, ty + 4.0)} />
                        }
                        { for t.holders.iter().enumerate().map(|(i, h)| html! {
                            <g class={format!("arch-node--{}", h.class)}>
                                { badge(&h.letter.to_string(), hx + i as f64 * 20.0, ty + 40.0, 9.0) }
                            </g>
                        }) }
                    </g>
                }
            }
        }
    });
    html! {
        <g class={classes!("arch-node", "arch-node--planner", "arch-store", s.active.then_some("arch-store--active"))}>
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            <text class="arch-title" x={n(r.x + 14.0)} y={n(r.y + 22.0)}>
                { "Plan store" }
                <tspan class="arch-muted" dx="8">
                    { if narrow { s.count.clone() } else { format!("{} · newest first", s.count) } }
                </tspan>
            </text>
            if let Some(deleted) = &s.deleted {
                <text class="arch-store-deleted" x={n(r.right() - 14.0)} y={n(r.y + 22.0)} text-anchor="end">
                    { format!("✕ {deleted}") }
                </text>
            }
            <g class="arch-tokens">{ for tokens }</g>
        </g>
    }
}

/// The little glyph beside an Enactor's phase: its shape says what it is doing.
fn activity_glyph(activity: Activity, x: f64, y: f64) -> Html {
    let d = match activity {
        // Two bars: paused.
        Activity::Idle => "M-3.5 -5v10M3.5 -5v10",
        // A padlock.
        Activity::Locking => "M-5 -1h10v7h-10zM-3 -1v-3a3 3 0 0 1 6 0v3",
        // An hourglass.
        Activity::BackingOff => "M-5 -6h10M-5 6h10M-4 -6c0 4 8 8 8 12M4 -6c0 4 -8 8 -8 12",
        // A pen stroke onto a line.
        Activity::Writing => "M-5 5l8 -8l2 2l-8 8h-2zM-6 7h12",
        // A bin.
        Activity::CleaningUp => "M-5 -4h10M-2 -6h4M-4 -4l1 10h6l1 -10",
    };
    html! { <path class="arch-glyph" transform={format!("translate({x:.1} {y:.1})")} d={d} /> }
}

fn enactor(e: &EnactorView, r: Rect, position: u32) -> Html {
    let pad = 12.0;
    let plan = match &e.plan {
        Some(p) => {
            let class = classes!(
                "arch-plan",
                p.stale.then_some("arch-plan--stale"),
                p.deleted.then_some("arch-plan--deleted"),
            );
            html! {
                <g {class}>
                    <rect x={n(r.x + pad - 4.0)} y={n(r.y + 84.0)} width={n(r.w - 2.0 * pad + 8.0)} height="24" rx="6" />
                    <text x={n(r.x + pad + 4.0)} y={n(r.y + 100.5)}>
                        { p.text.clone() }
                    </text>
                </g>
            }
        }
        None => html! {
            <text class="arch-line arch-muted" x={n(r.x + pad)} y={n(r.y + 100.5)}>{ "no plan held" }</text>
        },
    };
    let segments = e.progress.len().max(1) as f64;
    let seg_gap = 6.0;
    let seg_w = (r.w - 2.0 * pad - seg_gap * (segments - 1.0)) / segments;
    let seg_y = r.y + r.h - 26.0;
    let progress = e.progress.iter().enumerate().map(|(k, m)| {
        let x = r.x + pad + k as f64 * (seg_w + seg_gap);
        let (class, mark) = match m.state {
            Progress::Inactive => ("inactive", ""),
            Progress::Pending => ("pending", ""),
            Progress::Current => ("current", " ◂"),
            Progress::Done => ("done", " ✓"),
            Progress::Failed => ("failed", " ✕"),
        };
        html! {
            <g class={format!("arch-seg arch-seg--{class}")}>
                <rect x={n(x)} y={n(seg_y)} width={n(seg_w)} height="17" rx="4" />
                <text x={n(x + seg_w / 2.0)} y={n(seg_y + 13.0)}>{ format!("{}{mark}", m.label) }</text>
            </g>
        }
    });
    html! {
        <g class={card_class(e.class, e.active)}>
            if e.active { { pulse(r, position) } }
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            <text class="arch-legend" x={n(r.x + 14.0)} y={n(r.y + 4.5)}>{ format!("AZ {}", e.az) }</text>
            { badge(&e.letter.to_string(), r.x + 25.0, r.y + 28.0, 13.0) }
            <text class="arch-name" x={n(r.x + 46.0)} y={n(r.y + 33.5)}>{ e.name.clone() }</text>
            { activity_glyph(e.activity, r.right() - 20.0, r.y + 28.0) }
            <text class="arch-line arch-line--strong" x={n(r.x + pad)} y={n(r.y + 58.0)}>{ e.phase.clone() }</text>
            if let Some(detail) = &e.detail {
                <text class="arch-line arch-muted" x={n(r.x + pad)} y={n(r.y + 76.0)}>{ detail.clone() }</text>
            }
            { plan }
            if let Some(checked) = &e.checked {
                <text class="arch-line arch-muted" x={n(r.x + pad)} y={n(r.y + 126.0)}>{ checked.clone() }</text>
            }
            { for progress }
        </g>
    }
}

/// A stop sign: the shape that says "broken" without colour.
fn stop_sign(cx: f64, cy: f64) -> Html {
    html! {
        <g class="arch-stop" transform={format!("translate({cx:.1} {cy:.1})")}>
            <path d="M-3.7 -9h7.4l5.3 5.3v7.4l-5.3 5.3h-7.4l-5.3 -5.3v-7.4z" />
            <path class="arch-stop-mark" d="M0 -5v5.5M0 3.6v1.2" />
        </g>
    }
}

fn endpoint(e: &EndpointView, r: Rect, position: u32) -> Html {
    let pad = 12.0;
    let dangling = e.health == Health::Dangling;
    let class = classes!(
        "arch-node",
        "arch-node--route53",
        format!(
            "arch-endpoint--{}",
            match e.health {
                Health::Serving => "serving",
                Health::Backwards => "backwards",
                Health::Dangling => "dangling",
            }
        ),
        e.touched.then_some("arch-node--touched"),
    );
    let lock = match &e.lock {
        Some(l) => html! {
            <g class={classes!("arch-lock", format!("arch-node--{}", l.class))}>
                <title>{ l.text.clone() }</title>
                <path class="arch-lock-shape" transform={format!("translate({:.1} {:.1})", r.right() - 44.0, r.y + 28.0)}
                    d="M-6 -1h12v9h-12zM-4 -1v-4a4 4 0 0 1 8 0v4" />
                { badge(&l.letter.to_string(), r.right() - 22.0, r.y + 28.0, 10.0) }
            </g>
        },
        None => Html::default(),
    };
    // The alias arrow to the active tree's token.
    let (ax, ay) = (r.x + pad, r.y + 64.0);
    let token_x = ax + 62.0;
    let token_class = classes!("arch-alias", dangling.then_some("arch-alias--dangling"));
    let mut y = r.y + 96.0;
    let note = e.note.as_ref().map(|note| {
        let at = y;
        y += 21.0;
        html! {
            <text class="arch-line arch-line--bad" x={n(r.x + pad)} y={n(at)}>
                { format!("{}{note}", if dangling { "✕ " } else { "⚠ " }) }
            </text>
        }
    });
    let answer_y = y;
    let rollback_y = y + 21.0;
    let rollback = e.rollback.map(|(g, present)| {
        let text = if present { format!("rollback → {g}") } else { format!("rollback → {g}, deleted") };
        html! {
            <text class={classes!("arch-line", "arch-muted", (!present).then_some("arch-line--gone"))}
                x={n(r.x + pad)} y={n(rollback_y)}>{ text }</text>
        }
    });
    html! {
        <g {class}>
            <title>{ e.name }</title>
            if e.touched || e.emptied_now { { pulse(r, position) } }
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            <rect class="arch-num" x={n(r.x + pad)} y={n(r.y + 17.0)} width="22" height="22" rx="5" />
            <text class="arch-num-text" x={n(r.x + pad + 11.0)} y={n(r.y + 33.0)}>{ e.number.clone() }</text>
            <text class="arch-name" x={n(r.x + pad + 30.0)} y={n(r.y + 33.5)}>{ e.label }</text>
            { lock }
            <text class="arch-line arch-muted" x={n(ax)} y={n(ay + 5.0)}>{ "alias" }</text>
            <path class="arch-alias-arrow" d={format!("M{:.1} {:.1}h18m-5 -4l5 4l-5 4", ax + 38.0, ay)} />
            <g class={token_class}>
                <rect x={n(token_x)} y={n(ay - 13.0)} width="52" height="26" rx="6" />
                <text class="arch-token-text" x={n(token_x + 26.0)} y={n(ay + 5.0)}>{ e.alias.to_string() }</text>
            </g>
            if dangling {
                { stop_sign(token_x + 72.0, ay) }
            }
            { for note }
            <text class={classes!("arch-line", "arch-line--strong", (e.addresses == 0).then_some("arch-line--bad"))}
                x={n(r.x + pad)} y={n(answer_y)}>{ e.answer.clone() }</text>
            { for rollback }
        </g>
    }
}

fn client(c: &ClientView, r: Rect, position: u32) -> Html {
    html! {
        <g class={classes!(card_class("client", c.active), c.empty.then_some("arch-client--empty"))}>
            if c.active { { pulse(r, position) } }
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            { badge(&Actor::Client.badge(), r.x + 25.0, r.y + 26.0, 13.0) }
            <text class="arch-name" x={n(r.x + 46.0)} y={n(r.y + 31.5)}>{ Actor::Client.lane_label() }</text>
            <text class="arch-line arch-muted" x={n(r.right() - 12.0)} y={n(r.y + 31.0)} text-anchor="end">{ "regional" }</text>
            <text class={classes!("arch-line", "arch-line--strong", c.empty.then_some("arch-line--bad"))}
                x={n(r.x + 12.0)} y={n(r.y + 58.0)}>
                { format!("{}{}", if c.empty { "✕ " } else { "" }, c.answer) }
            </text>
            <text class="arch-line arch-dns" x={n(r.x + 12.0)} y={n(r.y + 77.0)}>{ c.detail.clone() }</text>
            <text class="arch-line arch-muted" x={n(r.x + 12.0)} y={n(r.y + 95.0)}>{ c.asked.clone() }</text>
        </g>
    }
}

fn operators(o: &OperatorsView, r: Rect, position: u32) -> Html {
    html! {
        <g class={card_class("operators", o.active)}>
            if o.active { { pulse(r, position) } }
            <rect class="arch-card" x={n(r.x)} y={n(r.y)} width={n(r.w)} height={n(r.h)} rx="10" />
            { badge(&Actor::Operator.badge(), r.x + 25.0, r.y + 26.0, 13.0) }
            <text class="arch-name" x={n(r.x + 46.0)} y={n(r.y + 31.5)}>{ Actor::Operator.label() }</text>
            <text class="arch-line arch-line--strong" x={n(r.x + 12.0)} y={n(r.y + 58.0)}>{ o.status.clone() }</text>
            <text class="arch-line arch-muted" x={n(r.x + 12.0)} y={n(r.y + 76.0)}>{ o.detail.clone() }</text>
        </g>
    }
}

/// The key under the drawing: what each shape and line style means.
fn key_list() -> Html {
    html! {
        <ul class="arch-key" aria-label="Key">
            <li><span class="arch-key-swatch arch-key-swatch--done" aria-hidden="true">{ "✓" }</span>{ "endpoint written" }</li>
            <li><span class="arch-key-swatch arch-key-swatch--current" aria-hidden="true">{ "◂" }</span>{ "working on it" }</li>
            <li><span class="arch-key-swatch arch-key-swatch--stale" aria-hidden="true">{ "⚠" }</span>{ "plan older than a live one" }</li>
            <li><span class="arch-key-swatch arch-key-swatch--dangling" aria-hidden="true">{ "✕" }</span>{ "alias to a deleted tree" }</li>
            <li><span class="arch-key-swatch arch-key-swatch--blocked" aria-hidden="true">{ "⊣" }</span>{ "refused: lock held or write rejected" }</li>
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_cuts_at_a_space_that_fits() {
        assert_eq!(wrap("short", 14.0, 200.0), ("short", ""));
        let (a, b) = wrap("writes old plan 102 over 113 on regional", 14.0, 200.0);
        assert!(text_width(a, 14.0) <= 200.0 && !a.ends_with(' ') && !b.is_empty());
        assert_eq!(format!("{a} {b}"), "writes old plan 102 over 113 on regional");
        // Widths count characters, not bytes.
        let (a, _) = wrap("⚠ ⚠ ⚠ ⚠ ⚠ ⚠ ⚠ ⚠ ⚠ ⚠", 10.0, 40.0);
        assert!(a.chars().count() <= 7, "{a}");
    }

    #[test]
    fn every_link_of_both_layouts_exists() {
        for layout in [WIDE, NARROW] {
            for i in 0..3 {
                assert!(layout.link(Node::Store, Node::Enactor(i)).is_some());
                assert!(layout.link(Node::Enactor(i), Node::Store).is_some());
                assert!(layout.link(Node::Endpoint(i), Node::Client).is_some());
                assert!(layout.link(Node::Endpoint(i), Node::Operators).is_some());
                for j in 0..3 {
                    assert!(layout.link(Node::Enactor(i), Node::Endpoint(j)).is_some());
                }
            }
            assert!(layout.link(Node::Planner, Node::Store).is_some());
            assert!(layout.link(Node::Client, Node::Planner).is_none());
        }
    }
}
