//! The narrated events of a run, key steps first, routine steps folded away on request.

use super::EventRow;
use crate::sim::TraceEntry;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`EventList`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EventListProps {
    /// Every step of the run, narrated, in order.
    pub entries: Rc<Vec<TraceEntry>>,
    /// Whether each step is a key step (same indices as `entries`).
    pub key_steps: Rc<Vec<bool>>,
}

/// One item of the list: a step, or a run of hidden routine steps.
enum Item<'a> {
    /// A step, and whether it is routine.
    Step(&'a TraceEntry, bool),
    /// `count` hidden routine steps from index `start`, between the clock times `from` and `to`.
    Gap {
        /// Index of the first hidden step.
        start: usize,
        /// How many steps are hidden.
        count: usize,
        /// Clock time of the first hidden step.
        from: &'a str,
        /// Clock time of the last hidden step.
        to: &'a str,
    },
}

/// The event list with its "show routine events" toggle. Routine steps are hidden by
/// default; each run of hidden steps is summarised in a line of its own.
#[function_component(EventList)]
pub fn event_list(props: &EventListProps) -> Html {
    let show_routine = use_state(|| false);
    let toggle = {
        let show_routine = show_routine.clone();
        Callback::from(move |_: Event| show_routine.set(!*show_routine))
    };
    let entries = &props.entries;
    let is_key = |i: usize| props.key_steps.get(i).copied().unwrap_or(true);
    let key_count = (0..entries.len()).filter(|&i| is_key(i)).count();

    let mut items = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        if *show_routine || is_key(i) {
            items.push(Item::Step(&entries[i], !is_key(i)));
            i += 1;
        } else {
            let start = i;
            while i < entries.len() && !is_key(i) {
                i += 1;
            }
            items.push(Item::Gap {
                start,
                count: i - start,
                from: &entries[start].clock,
                to: &entries[i - 1].clock,
            });
        }
    }

    let shown = if *show_routine { entries.len() } else { key_count };
    html! {
        <section class="events" aria-labelledby="events-title">
            <div class="events-head">
                <div>
                    <h2 id="events-title">{ "What happened, step by step" }</h2>
                    <p class="events-count" aria-live="polite">
                        { format!("Showing {shown} of {} events", entries.len()) }
                        if !*show_routine {
                            { " — the key steps; routine lock traffic, publications and writes are folded away." }
                        }
                    </p>
                </div>
                <label class="toggle">
                    <input type="checkbox" checked={*show_routine} onchange={toggle} />
                    <span>{ "Show routine events" }</span>
                </label>
            </div>
            <div class="events-columns" aria-hidden="true">
                <span>{ "Time (PDT)" }</span>
                <span>{ "Actor" }</span>
                <span>{ "What happens" }</span>
            </div>
            if key_count == 0 && !*show_routine {
                <p class="events-empty">
                    { format!("No key steps: all {} events were routine. Show routine events to see them.", entries.len()) }
                </p>
            }
            <ol class="event-list">
                { for items.into_iter().map(|item| match item {
                    Item::Step(entry, routine) => html! {
                        <EventRow key={entry.step} entry={entry.clone()} {routine} />
                    },
                    Item::Gap { start, count, from, to } => html! {
                        <li key={format!("gap-{start}")} class="gap">
                            <span class="gap-line" aria-hidden="true"></span>
                            <span class="gap-text">
                                { gap_text(count, from, to) }
                            </span>
                            <span class="gap-line" aria-hidden="true"></span>
                        </li>
                    },
                }) }
            </ol>
        </section>
    }
}

/// "12 routine events, 23:36:10 – 23:41:55"; a date both ends share is written once, at the
/// end: "00:12:07 – 00:24:09 (20 Oct)".
fn gap_text(count: usize, from: &str, to: &str) -> String {
    let noun = if count == 1 { "routine event" } else { "routine events" };
    if from == to {
        return format!("{count} {noun} at {from}");
    }
    let date = |clock: &str| clock.split_once(" (").map(|(_, date)| date.to_string());
    let from = match (date(from), date(to)) {
        (Some(a), Some(b)) if a == b => from.split_once(" (").map_or(from, |(time, _)| time),
        _ => from,
    };
    format!("{count} {noun}, {from} – {to}")
}
