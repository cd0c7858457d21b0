//! The page: one replay of the 2025 incident, stepped by the learner.
//!
//! One [`PageState`] holds everything the page shows, and one [`Action`] enum every way it
//! changes (see [`super::state`], pure and tested natively). This component only creates
//! that state from the URL, hands each panel its part and a callback that dispatches an
//! action, and runs the effects that connect it to the browser (the address bar, the
//! playback timer, keys, the theme, the embed's height), which only dispatch actions or
//! write what the state says.

use super::components::{
    use_notes_window, use_presenter_keys, ArchitectureDiagram, Assumptions, AwsChanges, BlankScreen,
    CascadeSection, ContentsMenu, Controls, Explorer, ExportPanel, MitigationSwitches, Narration,
    PresenterNotes, RecordSets, ScenarioStrip, Scheduler, SequenceDiagram, ShareDialog, SideBySide, Sources,
    TourButtons, TourPanel, VerdictBar, VerdictBox,
};
use super::effects::{address, autoplay, embed_height, render_measure, swipe, theme, ticker};
use super::link::{self, Base, CascadeChoice, Link};
use super::replay::{LoadedRun, Moment};
use super::slices;
use super::state::{Action, PageState};
use super::tour::Chapter;
use super::view::cascade as cascade_view;
use crate::scenario::{Mitigation, Scenario};
use crate::sim::Actor;
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

/// Writes the link of the moment into the address bar as the learner moves. Not during
/// playback: browsers throttle a page that rewrites its address many times a second; the
/// step is written when playback stops. Not in an embed: the host page's history is not
/// ours. Dragging the charts' cursor changes only `at`, up to a few hundred times a second:
/// that is written once the cursor rests for a moment.
#[hook]
fn use_address(here: Link, playing: bool, embedded: bool) {
    let written = use_mut_ref(|| None::<Link>);
    let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    use_effect_with((here, playing, embedded), move |(here, playing, embedded)| {
        if !*playing && !*embedded {
            let only_at = written.borrow().as_ref().is_some_and(|w| w.differs_only_in_charts_cursor(here));
            *written.borrow_mut() = Some(here.clone());
            if only_at {
                let here = here.clone();
                *pending.borrow_mut() =
                    Some(gloo_timers::callback::Timeout::new(150, move || address::write_link(&here)));
            } else {
                pending.borrow_mut().take();
                address::write_link(here);
            }
        }
    });
}

/// Brings the learner (and the keyboard focus) to the banner of a run from the explorer,
/// which arrives far below the timeline, once it is shown.
#[hook]
fn use_focus_loaded_run(showing_loaded: bool, replay_digest: Option<String>) {
    use_effect_with((showing_loaded, replay_digest), |(showing_loaded, _)| {
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
}

/// Brings the cascade's charts into view when a chapter about the cascade put their cursor
/// on its moment (`visits` counts those; 0: none since the page opened at its link). On the
/// stage the chapter shows them in the diagram's place: nothing to scroll to.
#[hook]
fn use_scroll_to_cascade(visits: u32) {
    use_effect_with(visits, |visits| {
        if *visits > 0 && !super::viewport::on_stage() {
            if let Some(section) =
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("cascade"))
            {
                section.scroll_into_view();
            }
        }
    });
}

/// The root component: the page's state, its effects, and every panel.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer_eq({
        let host = props.scenario.clone();
        move || PageState::open(link::decode(&address::current_hash()), Some(host))
    });
    // The learner's actions on the cursor are marked, so that the render they cause is
    // measured. The callbacks handed to the panels keep their identity from render to render
    // (the dispatcher does), so that a panel whose other properties did not change is not
    // rendered again when the cursor moves.
    let dispatch: Callback<Action> = use_callback(state.dispatcher(), |action, dispatcher| {
        render_measure::mark_action();
        dispatcher.dispatch(action)
    });
    let unmarked: Callback<Action> =
        use_callback(state.dispatcher(), |action, dispatcher| dispatcher.dispatch(action));
    let onnavigate = use_callback(unmarked.clone(), |hash: String, dispatch| {
        dispatch.emit(Action::Navigate(Box::new(link::decode(&hash))))
    });
    address::use_navigation(onnavigate);
    address::use_in_page_anchors();
    address::use_opening_anchor();
    let view = &state.link.view;
    use_effect_with(view.theme, |theme| theme::set_theme(*theme));
    embed_height::use_post_height(view.embed.is_some());
    let here = state.here();
    let playing = state.shown.as_ref().is_some_and(|s| s.playing);
    use_address(here.clone(), playing, view.embed.is_some());
    let presenting = view.present && view.embed.is_none();
    let blanked = use_presenter_keys(view.chapter, presenting, dispatch.clone());
    let onnotes = use_notes_window(view.chapter, presenting);
    ticker::use_pause_when_hidden(unmarked.clone());
    let events_per_second = state.shown.as_ref().map_or(1.0, |s| s.events_per_second());
    ticker::use_ticker(playing, events_per_second, unmarked.clone());
    render_measure::use_render_measure();
    use_focus_loaded_run(state.loaded.is_some(), state.shown.as_ref().map(|s| s.replay.digest.clone()));
    use_scroll_to_cascade(state.cascade_visits);

    let seek = use_callback(dispatch.clone(), |position, dispatch| dispatch.emit(Action::SeekTo(position)));
    let onfirst_violation =
        use_callback(dispatch.clone(), |(), dispatch| dispatch.emit(Action::FirstViolation));
    let onseek_time = use_callback(dispatch.clone(), |t: u64, dispatch| dispatch.emit(Action::SeekTime(t)));
    let onchapter = use_callback(dispatch.clone(), |c: Option<Chapter>, d| d.emit(Action::Chapter(c)));
    let onopenchapter = use_callback(unmarked.clone(), |c: Chapter, d| d.emit(Action::OpenChapter(c)));
    let ontoggle = use_callback(unmarked.clone(), |m: Mitigation, d| d.emit(Action::Toggle(m)));
    let onpick = use_callback(unmarked.clone(), |actor: Actor, d| d.emit(Action::Pick(actor)));
    let onload = use_callback(unmarked.clone(), |run: LoadedRun, d| d.emit(Action::LoadRun(Box::new(run))));
    let onback = use_callback(unmarked.clone(), |_: MouseEvent, d| d.emit(Action::Back));
    let onimport = use_callback(unmarked.clone(), |saved: Link, d| d.emit(Action::Import(Box::new(saved))));
    let oncascade = use_callback(unmarked.clone(), |c: CascadeChoice, d| d.emit(Action::Cascade(c)));
    let ondismiss = use_callback(unmarked.clone(), |_: MouseEvent, d| d.emit(Action::DismissNotice));
    let ondrive = {
        let drive = view.drive;
        use_callback((unmarked.clone(), drive), |_: MouseEvent, (d, drive)| d.emit(Action::Drive(!drive)))
    };

    let figure_node = use_node_ref();
    let embed_node = use_node_ref();
    swipe::use_swipe(figure_node.clone(), dispatch.clone());
    autoplay::use_autoplay(
        embed_node.clone(),
        view.embed.as_ref().is_some_and(|e| e.autoplay),
        unmarked.clone(),
    );

    // The sections below the stage are drawn after the stage has painted, one per frame.
    let revealed = slices::use_revealed(if view.embed.is_some() { 0 } else { BELOW_STAGE });

    let Some(shown) = &state.shown else {
        let problem = state.own.as_ref().err().cloned().unwrap_or_default();
        return html! {
            <main class="wrap">
                <section class="verdict verdict--error" role="alert">
                    <div class="verdict-body">
                        <p class="verdict-kicker">{ "The replay could not run" }</p>
                        <p class="verdict-summary">{ format!("The scenario is invalid: {problem}") }</p>
                    </div>
                </section>
            </main>
        };
    };
    let link = &state.link;
    let loaded = &state.loaded;
    let moment = Moment::at(&shown.replay, shown.position);
    let scenario = &shown.replay.trace.scenario;
    let cursor_ms = cascade_view::cursor_ms(&shown.replay.trace, shown.position, state.pinned);
    // The page's controls, or a blog figure's slim bar.
    let controls = |slim: bool| {
        html! {
            <Controls
                replay={shown.replay.clone()}
                position={shown.position}
                range={shown.range}
                playing={shown.playing}
                speed_exponent={shown.speed_exponent}
                ondispatch={dispatch.clone()}
                {slim}
            />
        }
    };
    if let Some(embed) = &view.embed {
        return html! {
            <div class="embed" ref={embed_node}>
                <main class="embed-stage">
                    <div class="embed-figure" ref={figure_node}>
                        <ArchitectureDiagram moment={moment.clone()} />
                    </div>
                    <Narration moment={moment.clone()} playing={shown.playing} onseek={seek.clone()} />
                    if embed.controls {
                        { controls(true) }
                    }
                    <p class="embed-credit">
                        <a href={address::page_url(&here.outside_embed())} target="_blank" rel="noopener">
                            { "Open the full replay" }
                        </a>
                        { " · dns-race: the DynamoDB DNS race of 19–20 October 2025" }
                    </p>
                </main>
            </div>
        };
    }
    let touring = view.chapter.is_some();
    let driving = view.drive && loaded.is_none();
    // A chapter about the cascade shows its charts on the stage, in the diagram's place.
    let charting = view.chapter.is_some_and(|c| c.cascade_clock().is_some()) && revealed > 2;
    let page_class = classes!(
        "page",
        presenting.then_some("page--present"),
        (touring || driving).then_some("page--rail"),
        charting.then_some("page--chart"),
    );
    html! {
        <div class={page_class}>
            if presenting && *blanked {
                <BlankScreen onclose={Callback::from(move |()| blanked.set(false))} />
            }
            <VerdictBar moment={moment.clone()} />
            <header class="topbar">
                <div class="topbar-title">
                    <p class="eyebrow">{ "Incident replay · us-east-1 · 19–20 October 2025" }</p>
                    <h1>{ "The DNS race that emptied DynamoDB's us-east-1 endpoint" }</h1>
                </div>
                <nav class="topbar-tools" aria-label="Page">
                    <TourButtons view={view.clone()} ondispatch={unmarked.clone()} />
                    if presenting {
                        <button type="button" class="btn notes-open" onclick={onnotes}
                            title="The speaker notes in a window of their own, for your screen">
                            { "Speaker notes ↗" }
                        </button>
                    }
                    <button type="button" class="btn" aria-pressed={view.drive.to_string()} onclick={ondrive}
                        aria-label="You are the scheduler" title="Pick who moves next, at any step">
                        { "Scheduler" }
                    </button>
                    <ShareDialog link={here.clone()} />
                    <ContentsMenu compare={state.baseline.is_some() && loaded.is_none()} />
                </nav>
            </header>
            <main class="stage-page">
                if touring || driving {
                    <div class="stage-rail">
                        if let Some(chapter) = view.chapter {
                            <TourPanel {chapter} run={link.run.clone()} replay={shown.replay.clone()}
                                loaded={loaded.is_some()} position={shown.position} {cursor_ms}
                                onseek_time={onseek_time.clone()} onchapter={onchapter.clone()}
                                onseek={seek.clone()} onopen={onopenchapter} ontoggle={ontoggle.clone()} />
                        }
                        if driving {
                            <Scheduler moment={moment.clone()} {onpick} hand={link.run.hand.clone()} />
                        }
                    </div>
                }
                <div class="stage-figure" ref={figure_node}>
                    <ArchitectureDiagram moment={moment.clone()} />
                </div>
                <div class="stage-aside">
                    if !state.notice.is_empty() {
                        <section class="link-notice panel" role="status">
                            <div>
                                <p class="link-notice-title">{ "Part of this link was not understood, and was left out:" }</p>
                                <ul>{ for state.notice.iter().map(|m| html! { <li><code>{ m.clone() }</code></li> }) }</ul>
                                <p class="link-notice-rest">{ "Everything else opened as the link says." }</p>
                            </div>
                            <button type="button" class="btn" onclick={ondismiss}>{ "Dismiss" }</button>
                        </section>
                    }
                    if let Some(run) = loaded {
                        <section class="loaded-run panel" id="loaded-run" aria-labelledby="loaded-run-title">
                            <div>
                                <p class="loaded-run-kicker">{ "Now playing, from the explorer" }</p>
                                <h2 id="loaded-run-title" tabindex="-1">{ run.title.clone() }</h2>
                                <p class="loaded-run-about">{ run.about.clone() }</p>
                            </div>
                            <button type="button" class="btn" onclick={onback}>{ "Back to the incident" }</button>
                        </section>
                    }
                    <Narration moment={moment.clone()} playing={shown.playing} onseek={seek.clone()} />
                    { controls(false) }
                </div>
                <section class="about" id="about" aria-labelledby="about-title">
                    <h2 id="about-title" class="visually-hidden">{ "About this replay" }</h2>
                    <p class="lede">
                        { "Three independent DNS Enactors apply the Planner's plans to Route 53. One of \
                           them, delayed by retry after retry, wrote a plan whose one-time freshness check \
                           had gone stale, just as another Enactor's clean-up deleted that plan: the \
                           endpoint pointed at nothing. " }
                        <span class="hint hint--keys">
                            { "Step through it with the arrow keys; Page Up and Page Down jump between the \
                               moments that matter; Space plays." }
                        </span>
                        <span class="hint hint--touch">
                            { "Step through it with the buttons at the bottom of the screen, or swipe the \
                               diagram left and right." }
                        </span>
                    </p>
                </section>
                if presenting {
                    <PresenterNotes chapter={view.chapter} />
                }
                <section class="run-settings" id="fixes" aria-label="The run and its fixes">
                    <ScenarioStrip run={link.run.clone()} scenario={scenario.clone()} loaded={loaded.is_some()}
                        ondispatch={unmarked.clone()} />
                    <MitigationSwitches on={link.run.mitigations.clone()} {ontoggle} />
                </section>
                if revealed > 0 {
                    if let (Some(baseline), None) = (&state.baseline, loaded) {
                        <SideBySide baseline={baseline.clone()} moment={moment.clone()} onseek={seek.clone()} />
                    }
                    <SequenceDiagram moment={moment.clone()} onseek={seek} />
                }
                if revealed > 1 {
                    <RecordSets moment={moment.clone()} />
                    // The race's verdict, before the hours that follow it.
                    <VerdictBox
                        verdict={shown.replay.trace.verdict.clone()}
                        clock_start_ms={scenario.clock_start_ms}
                        onseek={onfirst_violation}
                    />
                }
                if revealed > 2 {
                    <CascadeSection replay={shown.replay.clone()} link={link.clone()} {cursor_ms}
                        follows={loaded.is_none() && link.run.base == Base::default() && link.run.hand.is_none()}
                        onseek={onseek_time} onchange={oncascade} />
                    <AwsChanges />
                }
                if revealed > 3 {
                    <ExportPanel replay={shown.replay.clone()} link={here.clone()} {onimport} />
                }
                if revealed > 4 {
                    <Explorer mitigations={link.run.mitigations.clone()} {onload} />
                }
                if revealed > 5 {
                    <Assumptions scenario={scenario.clone()} />
                    <Sources />
                }
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
                        { format!("Seed {} · {} events · trace ", scenario.seed, shown.replay.len()) }
                        <code class="trace-digest">{ shown.replay.digest.clone() }</code>
                        if let Some(run) = loaded {
                            { " (the same as " }<code>{ run.command.clone() }</code>{ " prints)" }
                        } else if scenario.is_incident() && link.run.hand.is_none() {
                            { " (the same as " }<code>{ cli_command(&scenario.mitigations) }</code>{ " prints)" }
                        }
                    </p>
                </div>
            </footer>
        </div>
    }
}

/// How many steps [`slices::use_revealed`] takes to draw the sections below the stage.
const BELOW_STAGE: usize = 6;

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
