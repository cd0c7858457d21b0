//! The page: one replay of the 2025 incident, stepped by the learner.
//!
//! Data flows one way: the scenario runs once into a [`Replay`]; the [`AppState`] holds the
//! cursor; every render takes the [`Moment`] at the cursor and hands it to the panels, which
//! draw it through pure view models. Keys, the playback timer and the tab's visibility only
//! dispatch [`Action`]s.

use super::components::{
    ArchitectureDiagram, Assumptions, Controls, MitigationSwitches, Narration, RecordSets, SequenceDiagram,
    SideBySide, Sources, VerdictBar, VerdictBox,
};
use super::playback;
use super::replay::{Moment, Replay};
use super::state::{Action, AppState};
use crate::scenario::{Mitigation, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// AWS's post-event summary of the incident.
pub const AWS_SUMMARY_URL: &str = "https://aws.amazon.com/message/101925/";

/// Properties of [`App`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AppProps {
    /// The scenario to replay: the 2025 incident unless a host page (the render benchmark)
    /// mounts the app with another.
    #[prop_or_else(Scenario::incident)]
    pub scenario: Scenario,
}

impl Default for AppProps {
    /// The 2025 incident: what the page shows.
    fn default() -> Self {
        AppProps { scenario: Scenario::incident() }
    }
}

/// The root component.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let mitigations = use_state(|| props.scenario.mitigations.clone());
    let base = Scenario { mitigations: Vec::new(), ..props.scenario.clone() };
    let scenario = base.clone().with_mitigations(&mitigations);
    let baseline = use_memo(base, |base| Replay::run(base).map(Rc::new).ok());
    let replay = use_memo(scenario, |scenario| Replay::run(scenario).map(Rc::new));
    let ontoggle = {
        let mitigations = mitigations.clone();
        Callback::from(move |m: Mitigation| {
            let mut next = (*mitigations).clone();
            if let Some(i) = next.iter().position(|&x| x == m) {
                next.remove(i);
            } else {
                next.push(m);
                next.sort();
            }
            mitigations.set(next);
        })
    };
    match &*replay {
        Ok(replay) => {
            // Side by side only when a mitigation is on.
            let baseline = (*baseline).clone().filter(|b| !Rc::ptr_eq(b, replay) && !mitigations.is_empty());
            html! { <Player replay={replay.clone()} {baseline} mitigations={(*mitigations).clone()} {ontoggle} /> }
        }
        Err(problem) => html! {
            <main class="wrap">
                <section class="verdict verdict--error" role="alert">
                    <div class="verdict-body">
                        <p class="verdict-kicker">{ "The replay could not run" }</p>
                        <p class="verdict-summary">{ format!("The scenario is invalid: {problem}") }</p>
                    </div>
                </section>
            </main>
        },
    }
}

/// Properties of [`Player`].
#[derive(Clone, Debug, PartialEq, Properties)]
struct PlayerProps {
    replay: Rc<Replay>,
    /// The same scenario without mitigations, to compare with (`None`: none are on).
    baseline: Option<Rc<Replay>>,
    mitigations: Vec<Mitigation>,
    ontoggle: Callback<Mitigation>,
}

/// One replay with its cursor: every panel, the keyboard and playback.
#[function_component(Player)]
fn player(props: &PlayerProps) -> Html {
    let state = use_reducer_eq({
        let replay = props.replay.clone();
        move || AppState::new(replay)
    });
    // The learner's actions are marked, so that the render they cause is measured.
    let dispatch: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |action| {
            playback::mark_action();
            state.dispatch(action)
        })
    };
    let unmarked: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    // A new run (a switch flipped): the state takes it over, keeping the cursor where it can.
    {
        let state = state.clone();
        use_effect_with(props.replay.clone(), move |replay| {
            if !Rc::ptr_eq(&state.replay, replay) {
                state.dispatch(Action::Load(replay.clone()));
            }
        });
    }
    playback::use_keyboard(dispatch.clone());
    playback::use_pause_when_hidden(unmarked.clone());
    playback::use_ticker(state.playing, state.events_per_second(), unmarked);
    playback::use_render_measure();

    let moment = Moment::at(&state.replay, state.position);
    let scenario = &state.replay.trace.scenario;
    let seek = dispatch.reform(Action::SeekTo);
    html! {
        <>
            <VerdictBar moment={moment.clone()} />
            <header class="masthead masthead--compact">
                <div class="wrap">
                    <p class="eyebrow">{ "Incident replay · us-east-1 · 19–20 October 2025" }</p>
                    <h1>{ "The DNS race that emptied DynamoDB's us-east-1 endpoint" }</h1>
                    <p class="lede">
                        { "Three independent DNS Enactors apply the Planner's plans to Route 53. One of \
                           them, delayed by retry after retry, wrote a plan whose one-time freshness check \
                           had gone stale, just as another Enactor's clean-up deleted that plan: the \
                           endpoint pointed at nothing. Step through it with the arrow keys; Page Up and \
                           Page Down jump between the moments that matter." }
                    </p>
                </div>
            </header>
            <main class="wrap stage">
                <div class="stage-top">
                    <ArchitectureDiagram moment={moment.clone()} />
                    <Narration moment={moment.clone()} playing={state.playing} onseek={seek.clone()} />
                </div>
                <Controls
                    replay={state.replay.clone()}
                    position={state.position}
                    playing={state.playing}
                    speed_exponent={state.speed_exponent}
                    ondispatch={dispatch.clone()}
                />
                <MitigationSwitches on={props.mitigations.clone()} ontoggle={props.ontoggle.clone()} />
                if let Some(baseline) = &props.baseline {
                    <SideBySide baseline={baseline.clone()} moment={moment.clone()} onseek={seek.clone()} />
                }
                <SequenceDiagram moment={moment.clone()} onseek={seek} />
                <RecordSets moment={moment.clone()} />
                <VerdictBox
                    verdict={state.replay.trace.verdict.clone()}
                    clock_start_ms={scenario.clock_start_ms}
                    onseek={dispatch.reform(|_| Action::FirstViolation)}
                />
                <Assumptions scenario={scenario.clone()} />
                <Sources />
            </main>
            <footer class="footer">
                <div class="wrap">
                    <p>
                        { "The simulation follows the sequence of events in AWS's " }
                        <a href={AWS_SUMMARY_URL} rel="noopener noreferrer">{ "post-event summary" }</a>
                        { "; durations it does not publish are assumptions, and the clock is mapped so \
                           that the record empties at about 23:48 PDT." }
                    </p>
                    <p class="trace-id">
                        { format!("Seed {} · {} events · trace ", scenario.seed, state.replay.len()) }
                        <code class="trace-digest">{ state.replay.digest.clone() }</code>
                        if (Scenario { mitigations: Vec::new(), ..scenario.clone() }) == Scenario::incident() {
                            { " (the same as " }<code>{ cli_command(&scenario.mitigations) }</code>{ " prints)" }
                        }
                    </p>
                </div>
            </footer>
        </>
    }
}

/// The command line that prints the same trace as the incident with `mitigations`.
fn cli_command(mitigations: &[Mitigation]) -> String {
    match mitigations {
        [] => "cargo run -- trace incident".to_string(),
        list => format!(
            "cargo run -- trace incident --mitigations {}",
            list.iter().map(|m| m.name()).collect::<Vec<_>>().join(",")
        ),
    }
}
