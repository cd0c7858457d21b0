//! The page: one replay of the 2025 incident, stepped by the learner.
//!
//! Data flows one way: the scenario runs once into a [`Replay`]; the [`AppState`] holds the
//! cursor; every render takes the [`Moment`] at the cursor and hands it to the panels, which
//! draw it through pure view models. Keys, the playback timer and the tab's visibility only
//! dispatch [`Action`]s.

use super::components::{
    ArchitectureDiagram, Assumptions, Controls, Explorer, MitigationSwitches, Narration, RecordSets,
    SequenceDiagram, SideBySide, Sources, VerdictBar, VerdictBox,
};
use super::link::{self, Decoded, Link};
use super::playback;
use super::replay::{LoadedRun, Moment, Replay};
use super::state::{Action, AppState};
use crate::scenario::{Mitigation, Scenario};
use std::rc::Rc;
use wasm_bindgen::JsCast;
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
    // The link the page was opened with, or navigated to with Back and Forward.
    let opened = use_state(|| link::decode(&playback::current_hash()));
    // Bumped on every navigation: the player starts afresh at the link's step.
    let navigations = use_state(|| 0u32);
    let mitigations = use_state(|| {
        if opened.link == Link::default() {
            props.scenario.mitigations.clone()
        } else {
            opened.link.mitigations.clone()
        }
    });
    // A run the explorer handed over (a counterexample, a random run), shown instead.
    let loaded = use_state(|| None::<LoadedRun>);
    {
        let (opened, navigations, mitigations, loaded) =
            (opened.clone(), navigations.clone(), mitigations.clone(), loaded.clone());
        playback::use_navigation(Callback::from(move |hash: String| {
            let decoded = link::decode(&hash);
            mitigations.set(decoded.link.mitigations.clone());
            loaded.set(None);
            opened.set(decoded);
            navigations.set(*navigations + 1);
        }));
    }
    let base = Scenario { mitigations: Vec::new(), ..props.scenario.clone() };
    let scenario = base.clone().with_mitigations(&mitigations);
    let baseline = use_memo(base, |base| Replay::run(base).map(Rc::new).ok());
    let replay = use_memo(scenario, |scenario| Replay::run(scenario).map(Rc::new));
    let onload = {
        let loaded = loaded.clone();
        Callback::from(move |run: LoadedRun| loaded.set(Some(run)))
    };
    let onback = {
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| loaded.set(None))
    };
    let ontoggle = {
        let (mitigations, loaded) = (mitigations.clone(), loaded.clone());
        Callback::from(move |m: Mitigation| {
            // A switch belongs to the incident's run: flipping it goes back there.
            loaded.set(None);
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
    let shown = (*replay).as_ref().map(|replay: &Rc<Replay>| match &*loaded {
        Some(run) => (run.replay.clone(), None),
        // Side by side only when a mitigation is on.
        None => (
            replay.clone(),
            (*baseline).clone().filter(|b| !Rc::ptr_eq(b, replay) && !mitigations.is_empty()),
        ),
    });
    match shown {
        Ok((replay, baseline)) => html! {
            <Player key={*navigations} {replay} {baseline} mitigations={(*mitigations).clone()}
                {ontoggle} {onload} loaded={(*loaded).clone()} {onback} opened={(*opened).clone()} />
        },
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
    /// Hands a run from the explorer to the page.
    onload: Callback<LoadedRun>,
    /// The run from the explorer being shown, if one is.
    loaded: Option<LoadedRun>,
    /// Back from a loaded run to the incident.
    onback: Callback<MouseEvent>,
    /// The link the page was opened with: where the cursor starts, and what it ignored.
    opened: Decoded,
}

/// One replay with its cursor: every panel, the keyboard and playback.
#[function_component(Player)]
fn player(props: &PlayerProps) -> Html {
    let state = use_reducer_eq({
        let (replay, step) = (props.replay.clone(), props.opened.link.step);
        move || {
            let start = AppState::new(replay);
            step.map_or(start.clone(), |step| start.after(Action::SeekTo(step)))
        }
    });
    // What the link asked for and did not get, until the learner dismisses it.
    let notice = use_state(|| {
        let mut ignored = props.opened.ignored.clone();
        if let Some(step) = props.opened.link.step.filter(|&s| s > props.replay.len()) {
            ignored.push(format!("step={step}: the run has {} events; showing the last", props.replay.len()));
        }
        ignored
    });
    // The link follows the learner: the design and the step, while the incident is shown.
    // Not during playback: browsers throttle a page that rewrites its address many times
    // a second; the step is written when playback stops.
    use_effect_with(
        (props.mitigations.clone(), state.position, props.loaded.is_some(), state.playing),
        |(mitigations, position, loaded, playing)| {
            if !*loaded && !*playing {
                playback::write_link(&Link {
                    mitigations: mitigations.clone(),
                    step: (*position > 0).then_some(*position),
                });
            }
        },
    );
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
    // A run from the explorer arrives far below the timeline: bring the learner (and the
    // keyboard focus) to the banner that says what it is.
    // Keyed on the run shown, not on the banner: the run arrives one render later (the
    // `Load` above), and scrolling before that render would be undone by its layout.
    let showing_loaded = props.loaded.as_ref().is_some_and(|run| Rc::ptr_eq(&run.replay, &state.replay));
    use_effect_with((showing_loaded, state.replay.clone()), |(showing_loaded, _)| {
        let document = web_sys::window().and_then(|w| w.document());
        if let (true, Some(document)) = (*showing_loaded, document) {
            let title = document.get_element_by_id("loaded-run-title");
            if let Some(title) = title.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = title.focus();
            }
            // After the focus, which may scroll on its own; the banner's scroll margin keeps
            // it clear of the sticky verdict bar.
            if let Some(banner) = document.get_element_by_id("loaded-run") {
                banner.scroll_into_view();
            }
        }
    });

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
                if !notice.is_empty() {
                    <section class="link-notice panel" role="status">
                        <div>
                            <p class="link-notice-title">{ "Part of this link was not understood, and was left out:" }</p>
                            <ul>{ for notice.iter().map(|m| html! { <li><code>{ m.clone() }</code></li> }) }</ul>
                            <p class="link-notice-rest">{ "Everything else opened as the link says." }</p>
                        </div>
                        <button type="button" class="btn" onclick={
                            let notice = notice.clone();
                            move |_| notice.set(Vec::new())
                        }>{ "Dismiss" }</button>
                    </section>
                }
                if let Some(run) = &props.loaded {
                    <section class="loaded-run panel" id="loaded-run" aria-labelledby="loaded-run-title">
                        <div>
                            <p class="loaded-run-kicker">{ "Now playing, from the explorer" }</p>
                            <h2 id="loaded-run-title" tabindex="-1">{ run.title.clone() }</h2>
                            <p class="loaded-run-about">{ run.about.clone() }</p>
                        </div>
                        <button type="button" class="btn" onclick={props.onback.clone()}>{ "Back to the incident" }</button>
                    </section>
                }
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
                <Explorer mitigations={props.mitigations.clone()} onload={props.onload.clone()} />
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
                        if let Some(run) = &props.loaded {
                            { " (the same as " }<code>{ run.command.clone() }</code>{ " prints)" }
                        } else if scenario.is_incident() {
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
