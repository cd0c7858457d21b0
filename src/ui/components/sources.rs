//! Where the facts come from.

use crate::ui::AWS_SUMMARY_URL;
use yew::prelude::*;

/// Properties of [`Sources`] (none).
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct SourcesProps {}

/// The sources of the incident's facts, and what the replay assumes.
#[function_component(Sources)]
pub fn sources(_: &SourcesProps) -> Html {
    html! {
        <section id="sources" class="sources panel" aria-labelledby="sources-title" tabindex="-1">
            <h2 id="sources-title">{ "Sources" }</h2>
            <ul>
                <li>
                    <a href={AWS_SUMMARY_URL} rel="noopener noreferrer">
                        { "Summary of the Amazon DynamoDB Service Disruption in the Northern Virginia (US-EAST-1) Region" }
                    </a>
                    { ": AWS's post-event summary. The design of the Planner and the Enactors, the race in \
                       order, and the timeline (23:48 empty record, 00:38 diagnosis, 02:25 repair)." }
                </li>
                <li>
                    { "AWS re:Invent 2025, session DAT453, by a DynamoDB engineer: how each plan is a tree \
                       of records behind an alias, the rollback record updated in the same transaction, and \
                       the per-endpoint lock record with a holder and an expiry." }
                </li>
                <li>{ "The AWS Health Dashboard's log of the event: the times of the public status posts." }</li>
            </ul>
            <p>
                { "AWS does not publish how often the Planner runs, how long a write or a back-off takes, the \
                   lock's lifetime, the clean-up threshold, the record's TTL or the load balancers' \
                   addresses. The replay labels each such value " }
                <span class="source source--assumed">{ "assumed" }</span>
                { " (see \"The numbers behind the replay\"); addresses come from the documentation range \
                   192.0.2.0/24." }
            </p>
        </section>
    }
}
