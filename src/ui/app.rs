//! The page: the incident replayed, its verdict, and its narrated events.
//!
//! Temporary until the full interactive UI: it runs the 2025 incident preset once and lists
//! what happened.

use super::components::{Assumptions, EventList, VerdictBox};
use super::highlights::key_steps;
use crate::scenario::Scenario;
use crate::sim::{self, TraceEntry, Verdict};
use std::rc::Rc;
use yew::prelude::*;

/// AWS's post-event summary of the incident.
pub const AWS_SUMMARY_URL: &str = "https://aws.amazon.com/message/101925/";

/// A finished run, ready to show.
#[derive(Clone, Debug, PartialEq)]
struct Replay {
    /// Every step, narrated.
    entries: Rc<Vec<TraceEntry>>,
    /// Whether each step is a key step (shown by default).
    key_steps: Rc<Vec<bool>>,
    /// The verdict on the run.
    verdict: Verdict,
    /// The scenario that ran.
    scenario: Scenario,
    /// The trace's portable digest: equal to the command line's for the same scenario.
    digest: String,
}

/// Runs the incident preset; an invalid scenario becomes a message for the page.
fn replay_incident() -> Result<Replay, String> {
    let scenario = Scenario::incident();
    let trace = sim::run(&scenario).map_err(|e| format!("The incident scenario is invalid: {e}"))?;
    Ok(Replay {
        entries: Rc::new(trace.entries()),
        key_steps: Rc::new(key_steps(&trace.steps)),
        verdict: trace.verdict.clone(),
        scenario: trace.scenario.clone(),
        digest: format!("{:016x}", trace.digest()),
    })
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let replay = use_memo((), |_| replay_incident());
    html! {
        <>
            <header class="masthead">
                <div class="wrap">
                    <p class="eyebrow">{ "Incident replay · us-east-1 · 19–20 October 2025" }</p>
                    <h1>{ "The DNS race that emptied DynamoDB's us-east-1 endpoint" }</h1>
                    <p class="lede">
                        { "At 23:48 PDT on 19 October 2025, DNS for dynamodb.us-east-1.amazonaws.com \
                           started answering with zero addresses, and everything that resolved it \
                           failed, AWS's own services included. Three independent DNS Enactors apply \
                           the Planner's plans to Route 53. One of them, delayed by retry after \
                           retry, wrote a plan whose one-time freshness check had gone stale over a \
                           newer one, just as another Enactor's clean-up deleted that old plan. \
                           The endpoint pointed at nothing, and no Enactor could apply a newer plan \
                           until engineers repaired the records by hand at 02:25. This page replays \
                           the race in a deterministic simulation and narrates each step; timings \
                           that AWS has not published are assumed." }
                    </p>
                </div>
            </header>
            <main class="wrap">
                { match &*replay {
                    Ok(replay) => html! {
                        <>
                            <VerdictBox verdict={replay.verdict.clone()} clock_start_ms={replay.scenario.clock_start_ms} />
                            <EventList entries={replay.entries.clone()} key_steps={replay.key_steps.clone()} />
                            <Assumptions scenario={replay.scenario.clone()} />
                        </>
                    },
                    Err(message) => html! {
                        <section class="verdict verdict--error" role="alert">
                            <div class="verdict-body">
                                <p class="verdict-kicker">{ "The replay could not run" }</p>
                                <p class="verdict-summary">{ message.clone() }</p>
                            </div>
                        </section>
                    },
                } }
            </main>
            <footer class="footer">
                <div class="wrap">
                    <p>
                        { "Source: " }
                        <a href={AWS_SUMMARY_URL} rel="noopener noreferrer">
                            { "Summary of the Amazon DynamoDB Service Disruption in the Northern Virginia (US-EAST-1) Region" }
                        </a>
                        { " (AWS post-event summary). The simulation follows its sequence of events; \
                           durations it does not publish are assumptions, and the clock is mapped so \
                           that the record empties at about 23:48 PDT." }
                    </p>
                    if let Ok(replay) = &*replay {
                        <p class="trace-id">
                            { format!("Scenario incident · seed {} · {} events · trace ", replay.scenario.seed, replay.entries.len()) }
                            <code class="trace-digest">{ replay.digest.clone() }</code>
                            { " (the same as " }<code>{ "cargo run -- trace incident" }</code>{ " prints)" }
                        </p>
                    }
                </div>
            </footer>
        </>
    }
}
