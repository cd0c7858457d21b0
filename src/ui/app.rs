//! The page: one replay of the 2025 incident, stepped by the learner.
//!
//! Data flows one way: the scenario runs once into a [`Replay`]; the [`AppState`] holds the
//! cursor; every render takes the [`Moment`] at the cursor and hands it to the panels, which
//! draw it through pure view models. Keys, the playback timer and the tab's visibility only
//! dispatch [`Action`]s.

use super::components::{
    chapter_callback, use_presenter_keys, ArchitectureDiagram, Assumptions, BlankScreen, CascadeSection,
    Controls, Explorer, ExportPanel, MitigationSwitches, Narration, PresenterNotes, RecordSets,
    ScenarioStrip, Scheduler, SequenceDiagram, ShareDialog, SideBySide, Sources, TourButtons, TourPanel,
    VerdictBar, VerdictBox,
};
use super::effects::{address, embed_height, render_measure, theme, ticker};
use super::export;
use super::link::{self, Base, Decoded, Link};
use super::replay::{LoadedRun, Moment, Replay};
use super::scheduler;
use super::state::{Action, AppState};
use super::tour::{self, Chapter};
use super::view::cascade::{self as cascade_view, TimeAxis};
use crate::scenario::{Mitigation, Scenario};
use crate::sim::Actor;
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

/// The root component: what the learner set (a [`Link`] without its step), the run it
/// gives, and the navigation between links.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    // The link the page was opened with, or navigated to with Back and Forward.
    let opened = use_state(|| link::decode(&address::current_hash()));
    // Bumped on every navigation: the player starts afresh at the link's step.
    let navigations = use_state(|| 0u32);
    // Everything the learner set but the cursor, which the player keeps.
    let settings = use_state(|| {
        let mut settings = opened.link.clone();
        if settings == Link::default() {
            settings.mitigations = props.scenario.mitigations.clone();
        }
        settings
    });
    // A run the explorer handed over (a counterexample, a random run), shown with a banner.
    let loaded = use_state(|| None::<LoadedRun>);
    {
        let (opened, navigations, settings, loaded) =
            (opened.clone(), navigations.clone(), settings.clone(), loaded.clone());
        address::use_navigation(Callback::from(move |hash: String| {
            let decoded = link::decode(&hash);
            settings.set(decoded.link.clone());
            loaded.set(None);
            opened.set(decoded);
            navigations.set(*navigations + 1);
        }));
    }
    use_effect_with(settings.theme, |theme| theme::set_theme(*theme));
    embed_height::use_post_height(settings.embed.is_some());
    // A host page (the render benchmark) may mount the app with another scenario than the
    // incident: the link's mitigations then apply to it.
    let (scenario, mut notes) = if props.scenario.is_incident() {
        settings.scenario()
    } else {
        (props.scenario.clone().with_mitigations(&settings.mitigations), Vec::new())
    };
    // Side by side only when a mitigation is on, and not for a schedule picked by hand (the
    // timed run without mitigations is another schedule); otherwise the run is not made.
    let compare = !settings.mitigations.is_empty() && settings.hand.is_none();
    let base = Scenario { mitigations: Vec::new(), ..scenario.clone() };
    let hand = settings.hand.clone();
    let run = use_memo((scenario, hand), |(scenario, hand)| match hand {
        None => Replay::run(scenario).map(|r| (Rc::new(r), None)),
        Some(hand) => Replay::hand(scenario, hand).map(|(r, note)| (Rc::new(r), note)),
    });
    // The same run without mitigations, to compare with.
    let baseline = use_memo((base, compare), |(base, compare)| {
        compare.then(|| Replay::run(base).ok().map(Rc::new)).flatten()
    });
    let onchange = {
        let settings = settings.clone();
        Callback::from(move |next: Link| settings.set(next))
    };
    let onload = {
        let loaded = loaded.clone();
        Callback::from(move |run: LoadedRun| loaded.set(Some(run)))
    };
    let onback = {
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| loaded.set(None))
    };
    // A saved run opened from a file replaces what is shown, the explorer's run too.
    let onimport = {
        let (settings, loaded) = (settings.clone(), loaded.clone());
        Callback::from(move |next: Link| {
            loaded.set(None);
            settings.set(next);
        })
    };
    let ontoggle = {
        let (settings, loaded) = (settings.clone(), loaded.clone());
        Callback::from(move |m: Mitigation| {
            // A switch belongs to the page's own run: flipping one leaves the explorer's.
            loaded.set(None);
            let mut next = (*settings).clone();
            if let Some(i) = next.mitigations.iter().position(|&x| x == m) {
                next.mitigations.remove(i);
            } else {
                next.mitigations.push(m);
                next.mitigations.sort();
            }
            settings.set(next);
        })
    };
    let shown = match (&*run, &*loaded) {
        (_, Some(run)) => Ok((run.replay.clone(), None)),
        (Ok((replay, note)), None) => {
            notes.extend(note.clone());
            Ok((replay.clone(), (*baseline).clone()))
        }
        (Err(problem), None) => Err(problem.clone()),
    };
    match shown {
        Ok((replay, baseline)) => html! {
            <Player key={*navigations} {replay} {baseline} link={(*settings).clone()} {onchange}
                {ontoggle} {onload} loaded={(*loaded).clone()} {onback} {onimport} opened={(*opened).clone()} {notes} />
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
    /// What the learner set, but the cursor.
    link: Link,
    /// Changes what the learner set (the chapter, a view, a schedule picked by hand).
    onchange: Callback<Link>,
    /// Flips a mitigation.
    ontoggle: Callback<Mitigation>,
    /// Hands a run from the explorer to the page.
    onload: Callback<LoadedRun>,
    /// The run from the explorer being shown, if one is.
    loaded: Option<LoadedRun>,
    /// Back from a loaded run to the incident.
    onback: Callback<MouseEvent>,
    /// Shows a saved run opened from a file (what it set; the player seeks to its step).
    onimport: Callback<Link>,
    /// The link the page was opened with: where the cursor starts, and what it ignored.
    opened: Decoded,
    /// What the scenario left out of the link (a knob it could not take, a pick that could
    /// not move).
    notes: Vec<String>,
}

/// Where the cursor goes when the run that an action asked for arrives.
#[derive(Clone, Copy, Debug)]
enum SeekAfterLoad {
    /// A position.
    Position(u32),
    /// A chapter's moment in the new run (if the run has it).
    Chapter(Chapter),
    /// A saved moment: a position, and the charts' cursor (`None`: it follows the step).
    Saved(u32, Option<u16>),
}

impl SeekAfterLoad {
    /// The position in `replay`.
    fn position(self, replay: &Replay) -> Option<u32> {
        match self {
            SeekAfterLoad::Position(position) | SeekAfterLoad::Saved(position, _) => Some(position),
            SeekAfterLoad::Chapter(chapter) => chapter.position(&replay.trace),
        }
    }
}

/// The charts' cursor pinned at clock time `at` (minutes after midnight) on `replay`'s axis,
/// with the player at `position`; `None` lets it follow the step.
fn pin_at(replay: &Replay, at: Option<u16>, position: u32) -> Option<(u64, u32)> {
    at.map(|minutes| (TimeAxis::of_trace(&replay.trace).t_of_clock(minutes), position))
}

/// One replay with its cursor: every panel, the keyboard and playback.
#[function_component(Player)]
fn player(props: &PlayerProps) -> Html {
    let embed = props.link.embed.clone();
    let state = use_reducer_eq({
        let (replay, opened, embed) = (props.replay.clone(), props.opened.link.clone(), embed.clone());
        move || {
            // A chapter's link without a step opens at the chapter's moment; a link with the
            // charts' cursor (`at`) but no step, at the last event at or before that time.
            let chapter_at = tour::opening_position(&opened, &replay.trace);
            let at_position =
                opened_at_ms(&opened, &replay).map(|t| cascade_view::position_at(&replay.trace, t));
            let mut start = AppState::new(replay);
            if let Some(speed) = opened.speed {
                start = start.after(Action::SetSpeed(speed));
            }
            if let Some(step) = opened.step.or(chapter_at).or(at_position) {
                start = start.after(Action::SeekTo(step));
            }
            match embed {
                Some(embed) => {
                    let start = start.within(embed.from, embed.to);
                    // A figure opens at its range's start unless the link names a step in it.
                    let start = match opened.step {
                        Some(_) => start,
                        None => start.after(Action::First),
                    };
                    if embed.autoplay {
                        start.after(Action::TogglePlay)
                    } else {
                        start
                    }
                }
                None => start,
            }
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
    // What the scenario could not take (a knob, a pick), as it changes.
    {
        let notice = notice.clone();
        use_effect_with(props.notes.clone(), move |notes| {
            let fresh: Vec<String> = notes.iter().filter(|n| !notice.contains(n)).cloned().collect();
            if !fresh.is_empty() {
                notice.set(notice.iter().chain(&fresh).cloned().collect());
            }
        });
    }
    // The charts' cursor, when the learner put it somewhere on the charts: the run time, and
    // the player's position then. Once the player moves on, the cursor follows its step.
    let pinned = use_state({
        let (opened, replay, position) = (props.opened.link.clone(), state.replay.clone(), state.position);
        move || opened_at_ms(&opened, &replay).map(|t| (t, position))
    });
    let cursor_ms = cascade_view::cursor_ms(&state.replay.trace, state.position, *pinned);
    let axis = TimeAxis::of_trace(&state.replay.trace);
    let pinned_here = pinned.filter(|&(_, at)| at == state.position);
    // The link of this moment: what the learner set (or the explorer's run shown) and the step.
    let here = Link {
        step: (state.position > 0).then_some(state.position),
        at: pinned_here.map(|(t, _)| axis.clock_minutes(t)),
        ..props.loaded.as_ref().map_or(&props.link, |run| &run.link).clone()
    };
    // The address follows the learner. Not during playback: browsers throttle a page that
    // rewrites its address many times a second; the step is written when playback stops.
    // Not in an embed: the host page's history is not ours.
    // Dragging the charts' cursor changes only `at`, up to a few hundred times a second: that
    // is written once the cursor rests for a moment.
    let written = use_mut_ref(|| None::<Link>);
    let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    use_effect_with((here.clone(), state.playing, embed.is_some()), move |(here, playing, embed)| {
        if !*playing && !*embed {
            let only_at = written
                .borrow()
                .as_ref()
                .is_some_and(|w| w != here && Link { at: here.at, ..w.clone() } == *here);
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
    // The learner's actions are marked, so that the render they cause is measured.
    // The callbacks handed to the panels keep their identity from render to render (the
    // dispatcher does), so that a panel whose other properties did not change is not
    // rendered again when the cursor moves.
    let dispatch: Callback<Action> = use_callback(state.dispatcher(), |action, dispatcher| {
        render_measure::mark_action();
        dispatcher.dispatch(action)
    });
    let unmarked: Callback<Action> =
        use_callback(state.dispatcher(), |action, dispatcher| dispatcher.dispatch(action));
    // The state of the latest render, for callbacks that keep their identity.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // Where the cursor goes once the next run arrives: after a pick, the event picked; after
    // opening a saved run, its step; after opening a chapter over another run, the chapter's
    // moment in the new run.
    let seek_after_load = use_mut_ref(|| None::<SeekAfterLoad>);
    // A new run (a switch flipped, a pick): the state takes it over, keeping the cursor
    // where it can.
    {
        let (state, seek_after_load, pinned) = (state.clone(), seek_after_load.clone(), pinned.clone());
        use_effect_with(props.replay.clone(), move |replay| {
            if !Rc::ptr_eq(&state.replay, replay) {
                state.dispatch(Action::Load(replay.clone()));
                let pending = seek_after_load.borrow_mut().take();
                if let Some(position) = pending.and_then(|s| s.position(replay)) {
                    state.dispatch(Action::SeekTo(position));
                    if let Some(SeekAfterLoad::Saved(_, at)) = pending {
                        pinned.set(pin_at(replay, at, position));
                    }
                }
            }
        });
    }
    let onpick = {
        let (link, onchange, position) = (props.link.clone(), props.onchange.clone(), state.position);
        let seek_after_load = seek_after_load.clone();
        Callback::from(move |actor: Actor| {
            *seek_after_load.borrow_mut() = Some(SeekAfterLoad::Position(position + 1));
            onchange.emit(Link {
                hand: Some(scheduler::picked(link.hand.as_ref(), position, actor)),
                ..link.clone()
            });
        })
    };
    let onchapter = (*use_memo(
        (
            props.link.clone(),
            props.onchange.clone(),
            dispatch.clone(),
            state.replay.clone(),
            props.loaded.is_some(),
        ),
        |(link, onchange, dispatch, replay, loaded)| {
            chapter_callback(link, onchange, dispatch, replay, *loaded)
        },
    ))
    .clone();
    let presenting = props.link.present && embed.is_none();
    let blanked = use_presenter_keys(
        &props.link,
        presenting,
        dispatch.clone(),
        onchapter.clone(),
        props.onchange.clone(),
    );
    let onimport = {
        let (link, onimport, state) = (props.link.clone(), props.onimport.clone(), state.clone());
        let (seek_after_load, loaded, pinned) =
            (seek_after_load.clone(), props.loaded.is_some(), pinned.clone());
        Callback::from(move |saved: Link| {
            let step = saved.step.unwrap_or(0);
            let next = export::reopened(&link, Link { step: None, ..saved });
            if !loaded && export::same_run(&link, &next) {
                state.dispatch(Action::SeekTo(step));
                pinned.set(pin_at(&state.replay, next.at, step));
            } else {
                *seek_after_load.borrow_mut() = Some(SeekAfterLoad::Saved(step, next.at));
            }
            onimport.emit(next);
        })
    };
    // A chapter opened over a run the tour does not follow: the incident, then the chapter's
    // moment in it (the explorer's run left first, if one is shown).
    let onopenchapter = {
        let (link, onchange, onback) = (props.link.clone(), props.onchange.clone(), props.onback.clone());
        let (seek_after_load, loaded) = (seek_after_load.clone(), props.loaded.is_some());
        Callback::from(move |(chapter, e): (Chapter, MouseEvent)| {
            *seek_after_load.borrow_mut() = Some(SeekAfterLoad::Chapter(chapter));
            if loaded {
                onback.emit(e);
            }
            onchange.emit(tour::incident_link(&link, chapter));
        })
    };
    // The charts move the one cursor: within the race, the player goes to the last event at
    // or before that time; past it, the player rests on its last event.
    let onseek_time = {
        let latest = latest.clone();
        use_callback((pinned.setter(), dispatch.clone()), move |t: u64, (pinned, dispatch)| {
            let state = latest.borrow().clone();
            let (first, last) = state.range;
            let position = cascade_view::position_at(&state.replay.trace, t).clamp(first, last);
            if position != state.position {
                dispatch.emit(Action::SeekTo(position));
            }
            pinned.set(Some((t, position)));
        })
    };
    // A chapter about the cascade puts its cursor at the chapter's moment and brings the
    // section into view (not on the first render: the link's own cursor counts then).
    {
        let (pinned, replay, link) = (pinned.clone(), state.replay.clone(), props.link.clone());
        let first_render = use_mut_ref(|| true);
        use_effect_with(props.link.chapter, move |chapter| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            let moment =
                chapter.filter(|&c| tour::follows_incident(&link, c)).and_then(|c| c.cascade_clock());
            if let Some(minutes) = moment {
                let t = TimeAxis::of_trace(&replay.trace).t_of_clock(minutes);
                pinned.set(Some((t, cascade_view::position_at(&replay.trace, t))));
                if let Some(section) =
                    web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("cascade"))
                {
                    section.scroll_into_view();
                }
            }
        });
    }
    ticker::use_pause_when_hidden(unmarked.clone());
    ticker::use_ticker(state.playing, state.events_per_second(), unmarked);
    render_measure::use_render_measure();
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
    let seek = use_callback(dispatch.clone(), |position, dispatch| dispatch.emit(Action::SeekTo(position)));
    let onfirst_violation =
        use_callback(dispatch.clone(), |(), dispatch| dispatch.emit(Action::FirstViolation));
    let controls = html! {
        <Controls
            replay={state.replay.clone()}
            position={state.position}
            range={state.range}
            playing={state.playing}
            speed_exponent={state.speed_exponent}
            ondispatch={dispatch.clone()}
        />
    };
    if let Some(embed) = &embed {
        return html! {
            <div class="embed">
                <VerdictBar moment={moment.clone()} />
                <main class="embed-stage">
                    <div class="stage-top">
                        <ArchitectureDiagram moment={moment.clone()} />
                        <Narration moment={moment.clone()} playing={state.playing} onseek={seek.clone()} />
                    </div>
                    if embed.controls {
                        { controls }
                    }
                    <p class="embed-credit">
                        <a href={address::page_url(&Link { embed: None, ..here })} target="_blank" rel="noopener">
                            { "Open the full replay" }
                        </a>
                        { " · dns-race, a replay of the DynamoDB DNS race of 19–20 October 2025" }
                    </p>
                </main>
            </div>
        };
    }
    let ondrive = {
        let (link, onchange) = (props.link.clone(), props.onchange.clone());
        Callback::from(move |_: MouseEvent| onchange.emit(Link { drive: !link.drive, ..link.clone() }))
    };
    html! {
        <div class={classes!("page", presenting.then_some("page--present"))}>
            if presenting && *blanked {
                <BlankScreen onclose={Callback::from(move |()| blanked.set(false))} />
            }
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
                    <div class="masthead-tools">
                        <ShareDialog link={here.clone()} />
                        <TourButtons link={props.link.clone()} onchapter={onchapter.clone()} onchange={props.onchange.clone()} />
                        <button type="button" class="btn" aria-pressed={props.link.drive.to_string()} onclick={ondrive}>
                            { "You are the scheduler" }
                        </button>
                    </div>
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
                if let Some(chapter) = props.link.chapter {
                    <TourPanel {chapter} link={props.link.clone()} replay={state.replay.clone()}
                        loaded={props.loaded.is_some()} position={state.position} {cursor_ms}
                        onseek_time={onseek_time.clone()} onchapter={onchapter.clone()}
                        onseek={seek.clone()} onopen={onopenchapter} ontoggle={props.ontoggle.clone()} />
                }
                if presenting {
                    <PresenterNotes chapter={props.link.chapter} />
                }
                <ScenarioStrip link={props.link.clone()} scenario={scenario.clone()} loaded={props.loaded.is_some()}
                    onchange={props.onchange.clone()} />
                <div class="stage-top">
                    <ArchitectureDiagram moment={moment.clone()} />
                    <Narration moment={moment.clone()} playing={state.playing} onseek={seek.clone()} />
                </div>
                { controls }
                if props.link.drive && props.loaded.is_none() {
                    <Scheduler moment={moment.clone()} {onpick} hand={props.link.hand.clone()} />
                }
                <MitigationSwitches on={props.link.mitigations.clone()} ontoggle={props.ontoggle.clone()} />
                if let Some(baseline) = &props.baseline {
                    <SideBySide baseline={baseline.clone()} moment={moment.clone()} onseek={seek.clone()} />
                }
                <SequenceDiagram moment={moment.clone()} onseek={seek} />
                <RecordSets moment={moment.clone()} />
                <CascadeSection replay={state.replay.clone()} link={props.link.clone()} {cursor_ms}
                    follows={props.loaded.is_none() && props.link.base == Base::default() && props.link.hand.is_none()}
                    onseek={onseek_time} onchange={props.onchange.clone()} />
                <ExportPanel replay={state.replay.clone()} link={here.clone()} {onimport} />
                <VerdictBox
                    verdict={state.replay.trace.verdict.clone()}
                    clock_start_ms={scenario.clock_start_ms}
                    onseek={onfirst_violation}
                />
                <Explorer mitigations={props.link.mitigations.clone()} onload={props.onload.clone()} />
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
                        } else if scenario.is_incident() && props.link.hand.is_none() {
                            { " (the same as " }<code>{ cli_command(&scenario.mitigations) }</code>{ " prints)" }
                        }
                    </p>
                </div>
            </footer>
        </div>
    }
}

/// The run time of the charts' cursor a link names (`at`, or a chapter about the cascade
/// when the link names no step), on the axis of `replay`'s cascade.
fn opened_at_ms(link: &Link, replay: &Replay) -> Option<u64> {
    let chapter_moment = link
        .chapter
        .filter(|&c| link.step.is_none() && tour::follows_incident(link, c))
        .and_then(Chapter::cascade_clock);
    link.at.or(chapter_moment).map(|minutes| TimeAxis::of_trace(&replay.trace).t_of_clock(minutes))
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
