//! The page's state and every way it can change, as one [`Action`] enum and a pure
//! [`AppState::after`]: the Yew `Reducible` shape of `examples/function_todomvc`, tested
//! natively. Side effects (timers, key listeners, the document's visibility) live in the
//! components and only dispatch actions.

use super::replay::Replay;
use std::rc::Rc;
use yew::Reducible;

/// Playback speeds, in events per second: powers of two, so the slider is a log scale.
pub const SPEED_EXPONENT_MIN: i8 = -1;
/// The fastest playback speed, as a power of two events per second (128 events/s).
pub const SPEED_EXPONENT_MAX: i8 = 7;
/// Playback starts at 4 events per second: slow enough to read the diagram move.
pub const SPEED_EXPONENT_DEFAULT: i8 = 2;

/// What the learner sees: which run, where the cursor is, and whether it plays. Equal
/// states have the same run by identity (`Replay`'s equality), cursor and playback.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
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

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start playback, or pause it. Starting at the end restarts from the beginning.
    TogglePlay,
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
}

impl AppState {
    /// A paused replay at its first position.
    pub fn new(replay: Rc<Replay>) -> Self {
        let range = (0, replay.len());
        AppState { replay, position: 0, playing: false, speed_exponent: SPEED_EXPONENT_DEFAULT, range }
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
    pub fn after(&self, action: Action) -> AppState {
        let replay = &self.replay;
        let (first, end) = self.range;
        let mut next = self.clone();
        next.playing = false;
        match action {
            Action::TogglePlay => {
                next.playing = !self.playing;
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
        }
        // Key steps and the first violation may lie outside an embed's range.
        next.position = next.position.clamp(next.range.0, next.range.1);
        next
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(self.after(action))
    }
}
