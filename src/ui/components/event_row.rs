//! One narrated step of the trace, as a row of the event list.

use super::{ActorBadge, Icon, IconShape};
use crate::sim::TraceEntry;
use yew::prelude::*;

/// Properties of [`EventRow`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct EventRowProps {
    /// The narrated step.
    pub entry: TraceEntry,
    /// Whether it is a routine step (shown muted when routine steps are shown).
    #[prop_or_default]
    pub routine: bool,
}

/// A step: its PDT clock time, the actor, the narration, and any invariants violated after it.
/// The step of the run's first violation is highlighted and tagged.
#[function_component(EventRow)]
pub fn event_row(props: &EventRowProps) -> Html {
    let entry = &props.entry;
    let violated = !entry.violations.is_empty();
    let names: Vec<&str> = entry.violations.iter().map(|v| v.name()).collect();
    let class = classes!(
        "event",
        props.routine.then_some("event--routine"),
        violated.then_some("event--violation"),
        entry.first_violation.then_some("event--first"),
    );
    // "00:38:03 (20 Oct)": the time, then the date on its own small line.
    let (time, date) = match entry.clock.split_once(" (") {
        Some((time, date)) => (time.to_string(), Some(date.trim_end_matches(')').to_string())),
        None => (entry.clock.clone(), None),
    };
    let violation_label = format!("Invariants violated after this step: {}", names.join(", "));
    html! {
        <li {class} id={format!("step-{}", entry.step)} data-kind={entry.kind}>
            <span class="event-clock">
                <time>{ time }</time>
                if let Some(date) = date {
                    <span class="event-date">{ date }</span>
                }
            </span>
            <ActorBadge actor={entry.actor.clone()} />
            <div class="event-body">
                if entry.first_violation {
                    <span class="tag tag--first">{ "first violation" }</span>
                }
                <p class="event-text">{ &entry.text }</p>
                if violated {
                    <p class="event-violations" role="note" aria-label={violation_label}>
                        <Icon shape={IconShape::Warning} class="icon--small" />
                        <span class="visually-hidden">{ "Invariants violated after this step: " }</span>
                        { for names.iter().map(|name| html! { <code class="chip">{ *name }</code> }) }
                    </p>
                }
            </div>
        </li>
    }
}
