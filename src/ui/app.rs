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
use std::cell::RefCell;
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
    /// The page already opened at its address ([`super::start`] runs it in a task before
    /// the first render's), taken by the first render; `None`: the first render opens it.
    #[prop_or_default]
    pub opened: Option<Opened>,
}

/// A page state handed to the app's first render, which takes it: the props keep only the
/// empty slot, not the runs, which the page lets go of when the learner moves on.
#[derive(Clone, Debug)]
pub struct Opened(Rc<RefCell<Option<PageState>>>);

impl Opened {
    /// `state`, for the first render to take.
    pub fn new(state: PageState) -> Opened {
        Opened(Rc::new(RefCell::new(Some(state))))
    }
}

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for AppProps {
    /// The 2025 incident: what the page shows.
    fn default() -> Self {
        AppProps { scenario: Scenario::incident(), opened: None }
    }
}

/// How long the cursors rest before the address is written.
const CURSOR_REST_MS: u32 = 150;

/// Writes the link of the moment into the address bar as the learner moves. Not during
/// playback: browsers throttle a page that rewrites its address many times a second; the
/// step is written when playback stops. Not in an embed: the host page's history is not
/// ours. A step, a seek or the charts' cursor changes only the cursors, up to a few hundred
/// times a second (a held key, a dragged cursor), and each write costs a few milliseconds of
/// the frame that draws the step: those are written once the cursors rest for a moment. Any
/// other change is written at once, after the cursors' pending write, so that Back returns
/// to the step the learner left.
#[hook]
fn use_address(here: Link, playing: bool, embedded: bool) {
    let written = use_mut_ref(|| None::<Link>);
    // The link waiting for the cursors to rest, taken by whichever writes it first: the
    // timer, or a change that is written at once.
    let resting = use_mut_ref(|| None::<Link>);
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    use_effect_with((here, playing, embedded), move |(here, playing, embedded)| {
        if !*playing && !*embedded {
            let only_cursors = written.borrow().as_ref().is_some_and(|w| w.differs_only_in_cursors(here));
            *written.borrow_mut() = Some(here.clone());
            if only_cursors {
                *resting.borrow_mut() = Some(here.clone());
                let resting = resting.clone();
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(CURSOR_REST_MS, move || {
                    if let Some(link) = resting.borrow_mut().take() {
                        address::write_link(&link);
                    }
                }));
            } else {
                timer.borrow_mut().take();
                if let Some(link) = resting.borrow_mut().take() {
                    // Unless the address moved meanwhile (Back, Forward): then that step's
                    // entry is gone, and not to be written over another.
                    let current = link::decode(&address::current_hash()).link;
                    if current.same_apart_from_cursors(&link) {
                        address::write_link(&link);
                    }
                }
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
        let opened = props.opened.clone();
        move || match opened.and_then(|o| o.0.borrow_mut().take()) {
            Some(opened) => opened,
            None => PageState::open(link::decode(&address::current_hash()), Some(host)),
        }
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

    // The page is drawn in parts, one per frame (see [`part`]); a blog figure at once.
    let revealed = slices::use_revealed(if view.embed.is_some() { 0 } else { part::ALL });
    let assembled = view.embed.is_some() || revealed >= part::DIAGRAM;
    // Hidden while it is assembled only if a pre-rendered copy is on screen meanwhile; a link
    // that opens elsewhere has none, and shows its parts as they come.
    let behind_copy = *use_memo((), |()| first_paint_shown());
    use_effect_with(assembled, |&assembled| {
        if assembled {
            remove_first_paint();
        }
    });
    // The stage shows the cursor's moment at once; the sections below it that follow the
    // cursor are drawn a frame later, so that a step or a seek reaches the screen first. Each
    // says which position it shows (`data-position`: the tests wait for it).
    let moment = state.shown.as_ref().map(|s| Moment::at(&s.replay, s.position));
    let (below, below_link) = slices::use_after_paint((moment.clone(), here.clone()));

    // The moment is made from the run shown: both or neither.
    let (Some(shown), Some(moment)) = (&state.shown, moment) else {
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
    // Only the cursor waits: a new run (a switch, a file) is drawn everywhere at once.
    let below = below.filter(|b| Rc::ptr_eq(&b.replay, &moment.replay)).unwrap_or_else(|| moment.clone());
    let below_link = if below_link.same_apart_from_cursors(&here) { below_link } else { here.clone() };
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
    let charting = view.chapter.is_some_and(|c| c.cascade_clock().is_some()) && revealed >= part::CASCADE;
    let page_class = classes!(
        "page",
        presenting.then_some("page--present"),
        (touring || driving).then_some("page--rail"),
        charting.then_some("page--chart"),
    );
    html! {
        <div class={page_class} data-assembling={(!assembled && behind_copy).then_some("true")}>
            if presenting && *blanked {
                <BlankScreen onclose={Callback::from(move |()| blanked.set(false))} />
            }
            if revealed >= part::FRAME {
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
            }
            <main class="stage-page">
                if (touring || driving) && revealed >= part::DIAGRAM {
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
                    if revealed >= part::DIAGRAM {
                        <ArchitectureDiagram moment={moment.clone()} />
                    }
                </div>
                <div class="stage-aside">
                    if revealed >= part::ASIDE {
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
                    }
                </div>
                if revealed >= part::SETTINGS {
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
                }
                if revealed >= part::SEQUENCE {
                    if let (Some(baseline), None) = (&state.baseline, loaded) {
                        <SideBySide baseline={baseline.clone()} moment={below.clone()} onseek={seek.clone()} />
                    }
                    <SequenceDiagram moment={below.clone()} onseek={seek} />
                }
                if revealed >= part::RECORDS {
                    <RecordSets moment={below} />
                    // The race's verdict, before the hours that follow it.
                    <VerdictBox
                        verdict={shown.replay.trace.verdict.clone()}
                        clock_start_ms={scenario.clock_start_ms}
                        onseek={onfirst_violation}
                    />
                }
                if revealed >= part::CASCADE {
                    <CascadeSection replay={shown.replay.clone()} link={link.clone()} {cursor_ms}
                        follows={loaded.is_none() && link.run.base == Base::default() && link.run.hand.is_none()}
                        onseek={onseek_time} onchange={oncascade} />
                    <AwsChanges />
                }
                if revealed >= part::SAVE {
                    <ExportPanel replay={shown.replay.clone()} link={below_link} {onimport} />
                }
                if revealed >= part::EXPLORER {
                    <Explorer mitigations={link.run.mitigations.clone()} {onload} />
                }
                if revealed >= part::REFERENCE {
                    <Assumptions scenario={scenario.clone()} />
                    <Sources />
                }
            </main>
            if revealed >= part::SETTINGS {
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
            }
        </div>
    }
}

/// The page's parts in the order [`slices::use_revealed`] draws them, one per frame, so that
/// no task builds (and lays out) the whole page: a task over 50 ms is a page that does not
/// answer, and the first call of each of the wasm's functions compiles it. The first render
/// draws the page's empty frame only: Yew's start and the root component's first call are
/// a task of their own (about 40 ms with a phone's CPU, 4× slower; 65 ms with the bars).
/// The next frames add the verdict bar and the top bar, then the sentence and the controls,
/// then the diagram (and a chapter's or the scheduler's rail). Behind a
/// pre-rendered copy (scripts/first-paint.mjs) the page is hidden until the diagram's frame,
/// which shows the whole stage in the copy's place. Then the sections below it, in their
/// order on the page.
mod part {
    /// The verdict bar and the top bar.
    pub const FRAME: usize = 1;
    /// The sentence and the controls beside the diagram.
    pub const ASIDE: usize = 2;
    /// The diagram and the rail: the stage is whole, and shown.
    pub const DIAGRAM: usize = 3;
    /// What the replay is about, the run's settings and fixes, the footer.
    pub const SETTINGS: usize = 4;
    /// The side-by-side comparison and the sequence diagram.
    pub const SEQUENCE: usize = 5;
    /// The record sets and the race's verdict.
    pub const RECORDS: usize = 6;
    /// The cascade and what AWS changed.
    pub const CASCADE: usize = 7;
    /// Save or open a run.
    pub const SAVE: usize = 8;
    /// The explorer.
    pub const EXPLORER: usize = 9;
    /// The assumptions and the sources.
    pub const REFERENCE: usize = 10;
    /// Every part.
    pub const ALL: usize = REFERENCE;
}

/// The pre-rendered copy of the opening moment that index.html shows until the app's stage
/// is whole (scripts/first-paint.mjs).
const FIRST_PAINT: &str = "body > [data-first-paint]";

/// Whether the pre-rendered copy of the opening moment is on screen.
fn first_paint_shown() -> bool {
    let document = web_sys::window().and_then(|w| w.document());
    document.and_then(|d| d.query_selector(FIRST_PAINT).ok().flatten()).is_some()
}

/// Removes the pre-rendered copy of the opening moment, in the task that shows the live
/// stage in its place: the screen never shows neither, nor both.
fn remove_first_paint() {
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(copies) = document.and_then(|d| d.query_selector_all(FIRST_PAINT).ok()) {
        for i in 0..copies.length() {
            if let Some(copy) = copies.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
                copy.remove();
            }
        }
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
