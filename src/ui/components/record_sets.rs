//! The record set of every endpoint, as `dig` prints it, with the records behind it.

use super::{Icon, IconShape};
use crate::ui::replay::Moment;
use crate::ui::view::record_set::{record_sets, RecordSetView, TTL_S};
use yew::prelude::*;

/// Properties of [`RecordSets`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct RecordSetsProps {
    /// The world at the cursor.
    pub moment: Moment,
}

fn card(view: &RecordSetView) -> Html {
    let empty = view.answers == 0;
    html! {
        <article class={classes!("record", empty.then_some("record--empty"), view.touched.then_some("record--touched"))}
            data-endpoint={view.label} aria-label={format!("{} endpoint, {}", view.label, view.name)}>
            <header class="record-head">
                <h3><span class="record-label">{ view.label }</span>{ " " }<code>{ view.name }</code></h3>
                <span class={classes!("record-status", if empty { "record-status--bad" } else { "record-status--ok" })}>
                    <Icon shape={if empty { IconShape::Stop } else { IconShape::Check }} class="icon--small" />
                    { if empty { "ANSWER: 0".to_string() } else { format!("{} addresses", view.answers) } }
                </span>
            </header>
            <pre class="dig"><code>{ view.dig.join("\n") }</code></pre>
            <dl class="record-meta">
                <div>
                    <dt>{ "alias" }</dt>
                    <dd class={classes!((!view.alias_present).then_some("meta-bad"))}>
                        { format!("→ plan {}", view.alias) }
                        { if view.alias_present { " (tree present)" } else { " (tree deleted: points at nothing)" } }
                    </dd>
                </div>
                <div>
                    <dt>{ "rollback" }</dt>
                    <dd class={classes!(view.rollback.is_some_and(|(_, present)| !present).then_some("meta-bad"))}>
                        { match view.rollback {
                            Some((g, true)) => format!("→ plan {g}"),
                            Some((g, false)) => format!("→ plan {g} (tree deleted)"),
                            None => "none".to_string(),
                        } }
                    </dd>
                </div>
                <div>
                    <dt>{ "lock" }</dt>
                    <dd>{ view.lock.clone().unwrap_or_else(|| "free".to_string()) }</dd>
                </div>
            </dl>
        </article>
    }
}

/// One card per endpoint: `dig`'s answer, then the alias, rollback and lock records.
#[function_component(RecordSets)]
pub fn record_sets_panel(props: &RecordSetsProps) -> Html {
    let views = record_sets(&props.moment);
    html! {
        <section class="records" id="records" aria-labelledby="records-title"
            data-position={props.moment.position.to_string()}>
            <div class="section-head">
                <h2 id="records-title">{ "What clients get: the record sets" }</h2>
                <p class="section-note">
                    { format!("Route 53 answers NOERROR even when the alias points at a deleted tree: zero addresses, not NXDOMAIN. Addresses come from the documentation range; the TTL of {TTL_S} s is ") }
                    <span class="source source--assumed">{ "assumed" }</span>{ "." }
                </p>
            </div>
            <div class="records-grid">
                { for views.iter().map(card) }
            </div>
        </section>
    }
}
