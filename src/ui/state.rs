//! The page's state and every way it can change: one [`PageState`], one [`Action`] enum,
//! and a pure [`PageState::after`], the Yew `Reducible` shape of `examples/function_todomvc`,
//! tested natively (`tests/page_state.rs`). Every rule about what an action does to the link,
//! the run shown and the cursor lives here, so that it is tested without a browser; the
//! page's effects (timers, keys, the address bar, the embed's height, workers) only
//! dispatch actions and draw what the state says.
//!
//! A run is made by the reducer itself when an action changes which run the link asks for:
//! runs are deterministic, and the incident's takes a few milliseconds, so the new run and
//! the cursor in it arrive in the same state, never one render apart.

use super::link::{CascadeChoice, Cursor, Decoded, Link, Run};
use super::replay::{LoadedRun, Replay};
use super::scheduler;
use super::tour::{self, Chapter};
use super::view::cascade::{position_at, TimeAxis};
use crate::scenario::{Mitigation, Scenario};
use crate::sim::Actor;
use std::rc::Rc;
use yew::Reducible;

/// Playback speeds, in events per second: powers of two, so the slider is a log scale.
pub const SPEED_EXPONENT_MIN: i8 = -1;
/// The fastest playback speed, as a power of two events per second (128 events/s).
pub const SPEED_EXPONENT_MAX: i8 = 7;
/// Playback starts at 4 events per second: slow enough to read the diagram move.
pub const SPEED_EXPONENT_DEFAULT: i8 = 2;

/// The run shown, where its cursor is, and whether it plays. Equal playheads have the same
/// run by identity (`Replay`'s equality), cursor and playback.
#[derive(Clone, Debug, PartialEq)]
pub struct Playhead {
    /// The run being replayed.
    pub replay: Rc<Replay>,
    /// The cursor: how many events have been applied (see [`Replay`]).
    pub position: u32,
    /// Whether playback is running.
    pub playing: bool,
    /// Playback speed as a power of two events per second, from [`SPEED_EXPONENT_MIN`] to
    /// [`SPEED_EXPONENT_MAX`].
    pub speed_exponent: i8,
    /// The positions the cursor may take, `first..=last`: the whole run, or an embed's
    /// range (a blog figure that shows one moment).
    pub range: (u32, u32),
}

/// Everything that can change the page's state: the cursor and playback (which only move the
/// [`Playhead`]), and what the learner sets (which may change the run, and then put the
/// cursor where the action meant it to be in the new run).
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start playback, or pause it. Starting at the end restarts from the beginning.
    TogglePlay,
    /// Start playback unless it runs (an embed's autoplay, once the figure is in view).
    /// Starting at the end restarts from the beginning.
    Play,
    /// Stop playback (the tab was hidden, or the learner took over).
    Pause,
    /// One event forward.
    StepForward,
    /// One event back.
    StepBack,
    /// To the world before the first event.
    First,
    /// To the world after the last event.
    Last,
    /// To a position (clamped to the run).
    SeekTo(u32),
    /// To the next key step (a presentation clicker's "next").
    NextKeyStep,
    /// To the previous key step (a presentation clicker's "previous").
    PreviousKeyStep,
    /// To the world right after the first invariant violation.
    FirstViolation,
    /// Playback speed, as a power of two events per second (clamped).
    SetSpeed(i8),
    /// Playback advances by this many events; it stops at the end.
    Tick(u32),
    /// Another run of the same scenario (a mitigation switched): the cursor stays at the
    /// same event if the new run has it, else goes to the last event both runs share.
    Load(Rc<Replay>),
    /// The charts' cursor to a run time (milliseconds): within the race, the player goes to
    /// the last event at or before it; past it, the player rests on its last event.
    SeekTime(u64),
    /// Switch a mitigation on or off (the page's own run: the explorer's is left).
    Toggle(Mitigation),
    /// "You are the scheduler": `actor` moves next, at the cursor; the cursor follows it.
    Pick(Actor),
    /// Another preset: its own seed and knobs, the timed schedule.
    Preset(&'static str),
    /// Another seed for the scenario (the timed schedule).
    Seed(u64),
    /// The knobs back to the preset's.
    ResetKnobs,
    /// Back from a schedule picked by hand to the timed run.
    Timed,
    /// Open a chapter of the guided tour, or leave it with `None`; over a run the tour
    /// follows, the cursor goes to the chapter's moment.
    Chapter(Option<Chapter>),
    /// Open a chapter over the incident (from a run the tour does not follow), at the
    /// chapter's moment.
    OpenChapter(Chapter),
    /// Presenter mode on or off.
    Present(bool),
    /// "You are the scheduler" on or off.
    Drive(bool),
    /// The cascade section's policies and responses.
    Cascade(CascadeChoice),
    /// A saved run opened from a file (its link, with its step): its run, step and cascade,
    /// with the learner's own view kept.
    Import(Box<Link>),
    /// Back or Forward, or a hash edited in the address bar: the page as that link opens. An
    /// in-page anchor ([`Decoded::anchor`], `#sources`) is not a link and changes nothing.
    Navigate(Box<Decoded>),
    /// Show a run the explorer handed over, with its banner.
    LoadRun(Box<LoadedRun>),
    /// Back from the explorer's run to the page's own.
    Back,
    /// The learner read the notice of what a link asked for and did not get.
    DismissNotice,
}

impl Playhead {
    /// A paused replay at its first position.
    pub fn new(replay: Rc<Replay>) -> Self {
        let range = (0, replay.len());
        Playhead { replay, position: 0, playing: false, speed_exponent: SPEED_EXPONENT_DEFAULT, range }
    }

    /// The same state with the cursor kept within `from..=to` (each clamped to the run;
    /// `None`: the run's own end), starting at `from`.
    pub fn within(mut self, from: Option<u32>, to: Option<u32>) -> Self {
        let end = self.replay.len();
        let last = to.map_or(end, |t| t.min(end));
        let first = from.map_or(0, |f| f.min(last));
        self.range = (first, last);
        self.position = self.position.clamp(first, last);
        self
    }

    /// Playback speed in events per second.
    pub fn events_per_second(&self) -> f64 {
        2f64.powi(i32::from(self.speed_exponent))
    }

    /// The state after `action`. Every action but the playback ones pauses playback: a
    /// learner who steps or seeks has taken the wheel.
    pub fn after(&self, action: Action) -> Playhead {
        let replay = &self.replay;
        let (first, end) = self.range;
        let mut next = self.clone();
        next.playing = false;
        match action {
            Action::TogglePlay | Action::Play => {
                next.playing = action == Action::Play || !self.playing;
                if next.playing && self.position >= end {
                    next.position = first;
                }
            }
            Action::Pause => {}
            Action::StepForward => next.position = (self.position + 1).min(end),
            Action::StepBack => next.position = self.position.saturating_sub(1).max(first),
            Action::First => next.position = first,
            Action::Last => next.position = end,
            Action::SeekTo(position) => next.position = position.clamp(first, end),
            Action::NextKeyStep => next.position = replay.next_key_position(self.position),
            Action::PreviousKeyStep => next.position = replay.previous_key_position(self.position),
            Action::FirstViolation => {
                next.position = replay.first_violation_position().unwrap_or(self.position)
            }
            Action::SetSpeed(exponent) => {
                next.speed_exponent = exponent.clamp(SPEED_EXPONENT_MIN, SPEED_EXPONENT_MAX);
                next.playing = self.playing;
            }
            Action::Tick(events) if self.playing => {
                next.position = self.position.saturating_add(events).min(end);
                next.playing = next.position < end;
            }
            // A tick that was already queued when playback stopped.
            Action::Tick(_) => {}
            Action::Load(other) => {
                next.position = self.position.min(replay.shared_prefix(&other));
                next.range = (0, other.len());
                next.replay = other;
            }
            Action::SeekTime(t) => next.position = position_at(&replay.trace, t),
            // What the learner sets is the page's: the playhead only pauses.
            _ => {}
        }
        // Key steps and the first violation may lie outside an embed's range.
        next.position = next.position.clamp(next.range.0, next.range.1);
        next
    }
}

/// What the page shows and why: what the learner set, the run that gives, the run shown (the
/// explorer's, if one was handed over), the cursor and playback, the charts' cursor, and the
/// notice. Made by [`PageState::open`]; changed only by [`PageState::after`].
#[derive(Clone, Debug, PartialEq)]
pub struct PageState {
    /// What the learner set. Its cursor is the one the page opened (or was navigated) at;
    /// the live cursor is [`PageState::shown`]'s, and [`PageState::here`] puts them together.
    pub link: Link,
    /// A host page's scenario instead of the link's (the render benchmark mounts the page so);
    /// the link's mitigations and schedule still apply to it.
    pub host: Option<Rc<Scenario>>,
    /// The link's own run, or why its scenario does not run.
    pub own: Result<Rc<Replay>, String>,
    /// The same run without mitigations, to compare with (`None`: none are on, or the
    /// schedule was picked by hand, so there is no like-for-like run).
    pub baseline: Option<Rc<Replay>>,
    /// A run the explorer handed over, shown instead of the link's, with a banner.
    pub loaded: Option<LoadedRun>,
    /// The run shown, its cursor and playback (`None` only while the link's scenario does
    /// not run and no explorer's run is shown).
    pub shown: Option<Playhead>,
    /// The charts' cursor, when the learner put it somewhere on the charts: the run time, and
    /// the player's position then. Once the player moves on, the cursor follows its step.
    pub pinned: Option<(u64, u32)>,
    /// What the link asked for and did not get, and what the scenario could not take, until
    /// the learner dismisses it.
    pub notice: Vec<String>,
    /// What the scenario of the link's run left out (a knob it could not take, a pick that
    /// could not move): kept with the run, so that a run taken again says it again.
    pub run_notes: Vec<String>,
    /// Bumped when a chapter puts the charts' cursor on its moment: the page then brings the
    /// charts into view (an effect keyed on this number).
    pub cascade_visits: u32,
}

/// A run made for a link.
struct Made {
    /// The replay, or why its scenario does not run.
    own: Result<Rc<Replay>, String>,
    /// The same run without mitigations, to compare with.
    baseline: Option<Rc<Replay>>,
    /// What the scenario left out (a knob it could not take, a pick that could not move).
    notes: Vec<String>,
}

/// The run `run` asks for: the host's scenario if there is one, else the link's. Runs
/// already made in `before` are taken as they are (Back and Forward, a switch flipped twice
/// keep their baseline): the page's thread makes a run only when the trace changes.
fn make_run(run: &Run, host: Option<&Scenario>, before: Option<&PageState>) -> Made {
    if let Some(before) = before.filter(|b| b.link.run == *run && b.own.is_ok()) {
        return Made {
            own: before.own.clone(),
            baseline: before.baseline.clone(),
            notes: before.run_notes.clone(),
        };
    }
    let (scenario, mut notes) = match host {
        Some(host) => (host.clone().with_mitigations(&run.mitigations), Vec::new()),
        None => run.scenario(),
    };
    let own = match run.play(&scenario) {
        Ok((replay, note)) => {
            notes.extend(note);
            Ok(Rc::new(replay))
        }
        Err(problem) => Err(problem.to_string()),
    };
    // Side by side only when a mitigation is on, and not for a schedule picked by hand (the
    // timed run without mitigations is another schedule).
    let compare = !run.mitigations.is_empty() && run.hand.is_none() && own.is_ok();
    let baseline = compare
        .then(|| {
            let base = Scenario { mitigations: Vec::new(), ..scenario };
            let made = before.and_then(|b| b.baseline.clone()).filter(|r| r.trace.scenario == base);
            made.or_else(|| Replay::run(&base).ok().map(Rc::new))
        })
        .flatten();
    Made { own, baseline, notes }
}

/// The run time of the charts' cursor a link names (`at`, or a chapter about the cascade
/// when the link names no step), on the axis of `replay`'s cascade.
pub fn opened_at_ms(link: &Link, replay: &Replay) -> Option<u64> {
    let chapter_moment = link
        .view
        .chapter
        .filter(|&c| link.cursor.step.is_none() && tour::follows_incident(&link.run, c))
        .and_then(Chapter::cascade_clock);
    link.cursor.at.or(chapter_moment).map(|minutes| TimeAxis::of_trace(&replay.trace).t_of_clock(minutes))
}

/// The charts' cursor pinned at clock time `at` (minutes after midnight) on `replay`'s axis,
/// with the player at `position`; `None` lets it follow the step.
fn pin_at(replay: &Replay, at: Option<u16>, position: u32) -> Option<(u64, u32)> {
    at.map(|minutes| (TimeAxis::of_trace(&replay.trace).t_of_clock(minutes), position))
}

impl PageState {
    /// The page as `opened` opens it: its run, the cursor at its step (or its chapter's
    /// moment, or its charts' time), its speed, an embed's range, and a notice
    /// of what it ignored. `host`: a host page's scenario instead of the incident.
    pub fn open(opened: Decoded, host: Option<Scenario>) -> PageState {
        PageState::reopen(opened, host.filter(|s| !s.is_incident()).map(Rc::new), None)
    }

    /// The page as `opened` opens it, with the runs already made in `before` taken again.
    fn reopen(opened: Decoded, host: Option<Rc<Scenario>>, before: Option<&PageState>) -> PageState {
        let mut link = opened.link.clone();
        if let (Some(host), true) = (&host, link == Link::default()) {
            link.run.mitigations = host.mitigations.clone();
        }
        let Made { own, baseline, notes } = make_run(&link.run, host.as_deref(), before);
        let mut notice = opened.ignored.clone();
        let shown = own.as_ref().ok().map(|replay| {
            let opened = &opened.link;
            if let Some(step) = opened.cursor.step.filter(|&s| s > replay.len()) {
                notice.push(format!("step={step}: the run has {} events; showing the last", replay.len()));
            }
            // A chapter's link without a step opens at the chapter's moment; a link with the
            // charts' cursor (`at`) but no step, at the last event at or before that time.
            let chapter_at = tour::opening_position(opened, &replay.trace);
            let at_position = opened_at_ms(opened, replay).map(|t| position_at(&replay.trace, t));
            let mut start = Playhead::new(replay.clone());
            if let Some(speed) = opened.view.speed {
                start = start.after(Action::SetSpeed(speed));
            }
            if let Some(step) = opened.cursor.step.or(chapter_at).or(at_position) {
                start = start.after(Action::SeekTo(step));
            }
            match &opened.view.embed {
                Some(embed) => {
                    let start = start.within(embed.from, embed.to);
                    // A figure opens at its range's start unless the link names a step in it and
                    // does not autoplay: autoplay starts at `from`, once the figure is in view
                    // (effects::autoplay).
                    match (opened.cursor.step, embed.autoplay) {
                        (Some(_), false) => start,
                        _ => start.after(Action::First),
                    }
                }
                None => start,
            }
        });
        let pinned = match (&own, &shown) {
            (Ok(replay), Some(shown)) => opened_at_ms(&opened.link, replay).map(|t| (t, shown.position)),
            _ => None,
        };
        let mut state = PageState {
            link,
            host,
            own,
            baseline,
            loaded: None,
            shown,
            pinned,
            notice,
            run_notes: notes.clone(),
            cascade_visits: 0,
        };
        state.note(notes);
        state
    }

    /// The link of this moment: what the learner set (or the explorer's run shown), the
    /// cursor, and the charts' cursor if it is pinned where the player is.
    pub fn here(&self) -> Link {
        let link = self.loaded.as_ref().map_or(&self.link, |run| &run.link);
        let Some(shown) = &self.shown else {
            return link.clone();
        };
        let mut here = link.at_step(shown.position);
        let axis = TimeAxis::of_trace(&shown.replay.trace);
        here.cursor.at =
            self.pinned.filter(|&(_, at)| at == shown.position).map(|(t, _)| axis.clock_minutes(t));
        here
    }

    /// The cursor's position, 0 while nothing is shown.
    pub fn position(&self) -> u32 {
        self.shown.as_ref().map_or(0, |s| s.position)
    }

    /// The state after `action`.
    pub fn after(&self, action: Action) -> PageState {
        let mut next = self.clone();
        match action {
            Action::SeekTime(t) => {
                if let Some(shown) = &mut next.shown {
                    let (first, last) = shown.range;
                    let position = position_at(&shown.replay.trace, t).clamp(first, last);
                    if position != shown.position {
                        *shown = shown.after(Action::SeekTo(position));
                    }
                    next.pinned = Some((t, position));
                }
            }
            Action::Toggle(m) => {
                // A switch belongs to the page's own run: flipping one leaves the explorer's.
                next.loaded = None;
                let run = self.link.run.toggled(m);
                next.set_run(run, None);
            }
            Action::Pick(actor) => {
                if self.loaded.is_none() {
                    let position = self.position();
                    let hand = scheduler::picked(self.link.run.hand.as_ref(), position, actor);
                    let run = Run { hand: Some(hand), ..self.link.run.clone() };
                    next.set_run(run, Some(position + 1));
                }
            }
            Action::Preset(name) => next.set_run(self.link.run.with_preset(name), None),
            Action::Seed(seed) => {
                next.set_run(Run { seed: Some(seed), hand: None, ..self.link.run.clone() }, None)
            }
            Action::ResetKnobs => next.set_run(Run { knobs: Vec::new(), ..self.link.run.clone() }, None),
            Action::Timed => next.set_run(Run { hand: None, ..self.link.run.clone() }, None),
            Action::Chapter(chapter) => {
                next.link.view.chapter = chapter;
                // A chapter does not change the run: over a run the tour follows, the cursor
                // goes straight to the chapter's moment.
                if let Some(c) =
                    chapter.filter(|&c| self.loaded.is_none() && tour::follows_incident(&self.link.run, c))
                {
                    next.visit_chapter(c);
                }
            }
            Action::OpenChapter(chapter) => {
                next.loaded = None;
                let link = tour::incident_link(&self.link, chapter);
                next.link.view = link.view;
                next.link.cascade = link.cascade;
                next.link.cursor = link.cursor;
                next.set_run(link.run, None);
                next.visit_chapter(chapter);
            }
            Action::Present(on) => next.link.view.present = on,
            Action::Drive(on) => next.link.view.drive = on,
            Action::Cascade(choice) => next.link.cascade = choice,
            Action::Import(saved) => {
                let step = saved.cursor.step.unwrap_or(0);
                let reopened = super::export::reopened(
                    &self.link,
                    Link { cursor: Cursor { step: None, ..saved.cursor }, ..*saved },
                );
                next.loaded = None;
                next.link.view = reopened.view;
                next.link.cascade = reopened.cascade;
                next.link.cursor = reopened.cursor;
                next.set_run(reopened.run, Some(step));
                next.pinned =
                    next.shown.as_ref().and_then(|s| pin_at(&s.replay, reopened.cursor.at, s.position));
            }
            // An anchor only scrolls (the address effect does that): what the learner set stays.
            Action::Navigate(decoded) if decoded.anchor.is_some() => {}
            Action::Navigate(decoded) => next = PageState::reopen(*decoded, self.host.clone(), Some(self)),
            Action::LoadRun(run) => {
                next.show(run.replay.clone(), None);
                next.loaded = Some(*run);
            }
            Action::Back => {
                next.loaded = None;
                if let Ok(own) = &self.own {
                    next.show(own.clone(), None);
                }
            }
            Action::DismissNotice => next.notice.clear(),
            // The cursor and playback.
            action => {
                if let Some(shown) = &mut next.shown {
                    *shown = shown.after(action);
                }
            }
        }
        next
    }

    /// Takes `run` as the link's run: makes it (unless it is the run already made), shows it
    /// unless the explorer's run is shown, and puts the cursor at `seek` in it (else where
    /// it was, if the new run has that event). What the scenario left out joins the notice.
    fn set_run(&mut self, run: Run, seek: Option<u32>) {
        if run != self.link.run || self.own.is_err() {
            let Made { own, baseline, notes } = make_run(&run, self.host.as_deref(), Some(self));
            self.own = own;
            self.baseline = baseline;
            self.run_notes = notes.clone();
            self.note(notes);
        }
        self.link.run = run;
        if self.loaded.is_none() {
            if let Ok(own) = &self.own {
                self.show(own.clone(), seek);
            }
        }
    }

    /// Shows `replay`, the cursor kept where the runs agree, then at `seek` if given.
    fn show(&mut self, replay: Rc<Replay>, seek: Option<u32>) {
        let shown = match self.shown.take() {
            Some(shown) if Rc::ptr_eq(&shown.replay, &replay) => shown,
            Some(shown) => shown.after(Action::Load(replay)),
            None => Playhead::new(replay),
        };
        self.shown = Some(match seek {
            Some(position) => shown.after(Action::SeekTo(position)),
            None => shown,
        });
    }

    /// The cursor at `chapter`'s moment in the run shown; a chapter about the cascade pins
    /// the charts' cursor at its clock time too, and asks for the charts to be brought into view.
    fn visit_chapter(&mut self, chapter: Chapter) {
        let Some(shown) = &mut self.shown else {
            return;
        };
        if let Some(position) = chapter.position(&shown.replay.trace) {
            *shown = shown.after(Action::SeekTo(position));
        }
        if let Some(minutes) = chapter.cascade_clock() {
            let t = TimeAxis::of_trace(&shown.replay.trace).t_of_clock(minutes);
            self.pinned = Some((t, position_at(&shown.replay.trace, t)));
            self.cascade_visits += 1;
        }
    }

    /// Adds what is not in the notice yet.
    fn note(&mut self, notes: Vec<String>) {
        for note in notes {
            if !self.notice.contains(&note) {
                self.notice.push(note);
            }
        }
    }
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.after(action))
    }
}
