//! Every interleaving up to a bound: the learner sets the bound, starts the search, watches
//! the states pile up, and plays any counterexample in the timeline.

use super::{Icon, IconShape};
use crate::compute::{Reply, Request, Stopped};
use crate::explore::{Bound, Budget, Exploration, Search};
use crate::scenario::Mitigation;
use crate::ui::link::Link;
use crate::ui::replay::{LoadedRun, Replay};
use crate::ui::slices::{now_ms, run_job_in_slices, Slices};
use crate::ui::view::explorer::{count, explore_command, rate, search_view, set_label};
use crate::ui::viewport::use_near_viewport;
use crate::ui::workers::{fallback_note, ComputeWorker, WorkerEvent};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ExhaustiveSearch`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct ExhaustiveSearchProps {
    /// The mitigations switched on: the search checks the design with them.
    pub mitigations: Vec<Mitigation>,
    /// Called with a counterexample to play in the timeline.
    pub onload: Callback<LoadedRun>,
}

/// Where the search is.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Idle,
    Running {
        states: u64,
        seconds: f64,
    },
    /// Finished, cancelled or stopped at the page's limit (`stopped` says which of the last two).
    Done {
        exploration: Rc<Exploration>,
        seconds: f64,
        stopped: Option<String>,
    },
}

/// Why a search stopped early, as the result says it.
fn stopped_text(stopped: Stopped) -> String {
    match stopped {
        Stopped::Limit => format!("it reached the page's limit of {} states", count(Budget::PAGE.states_max)),
        Stopped::Memory => format!(
            "its memory reached the page's budget of {} MB (the command line can go further)",
            Budget::PAGE.bytes_max >> 20
        ),
        Stopped::Cancelled => "you cancelled it".to_string(),
    }
}

/// A worker that has searched this many states keeps their memory (a wasm module's memory
/// never shrinks): it is terminated after its result. A smaller one stays, warm, for the
/// next search.
const KEEP_WORKER_STATES_MAX: u64 = 1_000_000;

/// The search under way: in the worker, or in slices on the page's thread.
enum Running {
    Worker { job: u32, cancelled: bool, bound: Bound, mitigations: Vec<Mitigation> },
    Slices { search: Rc<RefCell<Option<Search>>>, _slices: Slices },
}

/// What the search's callbacks share.
#[derive(Clone)]
struct Ctx {
    running: Rc<RefCell<Option<Running>>>,
    /// The search's worker, started with the first search.
    worker: Rc<RefCell<Option<ComputeWorker>>>,
    jobs: Rc<RefCell<u32>>,
    status: UseStateHandle<Status>,
    started: Rc<RefCell<f64>>,
    fallback: UseStateHandle<Option<String>>,
}

impl Ctx {
    fn seconds(&self) -> f64 {
        (now_ms() - *self.started.borrow()) / 1000.0
    }

    fn done(&self, exploration: Exploration, stopped: Option<Stopped>) {
        if exploration.states > KEEP_WORKER_STATES_MAX {
            self.worker.borrow_mut().take();
        }
        self.status.set(Status::Done {
            exploration: Rc::new(exploration),
            seconds: self.seconds(),
            stopped: stopped.map(stopped_text),
        });
        self.running.borrow_mut().take();
    }

    /// Starts the worker, unless it is there already or cannot start (the reason is kept).
    /// `ready_code`: have it get the search's code ready ([`Request::Warm`]) while the learner
    /// reads; not when a search is asked for at once, which would wait for it.
    fn start_worker(&self, ready_code: bool) {
        if self.fallback.is_none() && self.worker.borrow().is_none() {
            let ctx = self.clone();
            match ComputeWorker::start(Callback::from(move |event| ctx.on_event(event))) {
                Ok(worker) => {
                    if ready_code {
                        worker.send(&Request::Warm);
                    }
                    *self.worker.borrow_mut() = Some(worker);
                }
                Err(reason) => self.fallback.set(Some(reason)),
            }
        }
    }

    /// Lets go of the search under way, if any: a worker's search goes on by itself, so it is
    /// told to stop (its answer, for a job no longer shown, is dropped).
    fn abandon(&self) {
        if let Some(Running::Worker { job, .. }) = self.running.borrow_mut().take() {
            if let Some(worker) = &*self.worker.borrow() {
                worker.send(&Request::SearchStop { job });
            }
        }
    }

    /// Starts a search of `bound` with `mitigations`: in the worker, or where none can
    /// start, in slices on the page's thread.
    fn start(&self, bound: Bound, mitigations: &[Mitigation]) {
        self.abandon();
        *self.started.borrow_mut() = now_ms();
        self.status.set(Status::Running { states: 1, seconds: 0.0 });
        self.start_worker(false);
        if let Some(worker) = &*self.worker.borrow() {
            let job = {
                let mut jobs = self.jobs.borrow_mut();
                *jobs += 1;
                *jobs
            };
            worker.send(&Request::Search {
                job,
                bound,
                mitigations: mitigations.to_vec(),
                states_max: Budget::PAGE.states_max,
            });
            *self.running.borrow_mut() =
                Some(Running::Worker { job, cancelled: false, bound, mitigations: mitigations.to_vec() });
            return;
        }
        self.start_slices(bound, mitigations);
    }

    fn start_slices(&self, bound: Bound, mitigations: &[Mitigation]) {
        let Ok(fresh) = Search::new(bound, mitigations) else {
            self.status.set(Status::Idle);
            return;
        };
        let search = Rc::new(RefCell::new(Some(fresh)));
        let ctx = self.clone();
        let slices = run_job_in_slices(search.clone(), move |running: &mut Search, deadline| {
            let budget = Budget::PAGE;
            let (mut done, mut over) = (false, None);
            while !done && over.is_none() && now_ms() < deadline {
                done = running.step(512);
                over = running.over(&budget);
            }
            if done || over.is_some() {
                ctx.done(running.report(), over.filter(|_| !done).map(Stopped::from));
                true
            } else {
                ctx.status.set(Status::Running { states: running.states(), seconds: ctx.seconds() });
                false
            }
        });
        *self.running.borrow_mut() = Some(Running::Slices { search, _slices: slices });
    }

    fn on_event(&self, event: WorkerEvent) {
        let current = match &*self.running.borrow() {
            Some(Running::Worker { job, cancelled, bound, mitigations }) => {
                Some((*job, *cancelled, *bound, mitigations.clone()))
            }
            _ => None,
        };
        if let WorkerEvent::Failed(reason) = event {
            self.worker.borrow_mut().take();
            self.fallback.set(Some(reason));
            if let Some((_, cancelled, bound, mitigations)) = current {
                self.running.borrow_mut().take();
                if cancelled {
                    self.status.set(Status::Idle);
                } else {
                    self.start_slices(bound, &mitigations);
                }
            }
            return;
        }
        // A reply to a search no longer shown is dropped.
        let Some((current, cancelled, _, _)) = current else {
            return;
        };
        match event {
            // The worker goes on by itself; the page only shows how far it is.
            WorkerEvent::Reply(Reply::Searching { job, states }) if job == current && !cancelled => {
                self.status.set(Status::Running { states, seconds: self.seconds() });
            }
            WorkerEvent::Reply(Reply::Searched { job, exploration, stopped }) if job == current => {
                self.done(exploration, stopped);
            }
            WorkerEvent::Reply(Reply::Refused { job, .. }) if job == current => {
                self.running.borrow_mut().take();
                self.status.set(Status::Idle);
            }
            _ => {}
        }
    }

    /// Stops the search, keeping what it found so far.
    fn cancel(&self) {
        let mut running = self.running.borrow_mut();
        match running.as_mut() {
            Some(Running::Worker { job, cancelled, .. }) => {
                // The worker answers within a slice (50 ms) with what it found.
                *cancelled = true;
                if let Some(worker) = &*self.worker.borrow() {
                    worker.send(&Request::SearchStop { job: *job });
                }
            }
            Some(Running::Slices { search, .. }) => {
                let stopped = search.borrow_mut().take();
                running.take();
                drop(running);
                if let Some(stopped) = stopped {
                    self.status.set(Status::Done {
                        exploration: Rc::new(stopped.report()),
                        seconds: self.seconds(),
                        stopped: Some(stopped_text(Stopped::Cancelled)),
                    });
                }
            }
            None => {}
        }
    }
}

/// A select of whole numbers from `lo` to `hi` for one setting of the bound.
fn number_select(label: &str, id: &str, value: u32, lo: u32, hi: u32, onpick: Callback<u32>) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let picked = e.target_dyn_into::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse().ok());
        if let Some(n) = picked.filter(|n| (lo..=hi).contains(n)) {
            onpick.emit(n);
        }
    });
    html! {
        <label class="bound-field" for={id.to_string()}>
            <span>{ label }</span>
            <select id={id.to_string()} {onchange}>
                { for (lo..=hi).map(|n| html! { <option value={n.to_string()} selected={n == value}>{ n }</option> }) }
            </select>
        </label>
    }
}

/// The exhaustive search's half of the explorer.
#[function_component(ExhaustiveSearch)]
pub fn exhaustive_search(props: &ExhaustiveSearchProps) -> Html {
    let bound = use_state(Bound::default);
    let ctx = Ctx {
        running: use_mut_ref(|| None::<Running>),
        worker: use_mut_ref(|| None::<ComputeWorker>),
        jobs: use_mut_ref(|| 0u32),
        status: use_state(|| Status::Idle),
        started: use_mut_ref(|| 0.0f64),
        fallback: use_state(|| None::<String>),
    };
    let status = ctx.status.clone();
    // The worker's callback holds the context that holds the worker: leaving the page
    // breaks the cycle, and terminates the worker.
    {
        let worker = ctx.worker.clone();
        use_effect_with((), move |_| move || drop(worker.borrow_mut().take()));
    }
    // The worker starts once the explorer comes near the viewport, so that the first search
    // does not wait for it to load.
    let node = use_node_ref();
    let near = use_near_viewport(&node, true);
    {
        let ctx = ctx.clone();
        use_effect_with(near, move |near| {
            if *near {
                ctx.start_worker(true);
            }
        });
    }
    // Another design (a switch flipped) makes a result stale: start again from idle.
    {
        let ctx = ctx.clone();
        use_effect_with(props.mitigations.clone(), move |_| {
            ctx.abandon();
            ctx.status.set(Status::Idle);
        });
    }
    let set_bound = |change: fn(&mut Bound, u32)| {
        let (bound, ctx) = (bound.clone(), ctx.clone());
        Callback::from(move |n: u32| {
            let mut next = *bound;
            change(&mut next, n);
            next.wide_cleanup_margin_generations = next.cleanup_margin_generations + 1;
            ctx.abandon();
            ctx.status.set(Status::Idle);
            bound.set(next);
        })
    };
    let onstart = {
        let (bound, ctx, mitigations) = (bound.clone(), ctx.clone(), props.mitigations.clone());
        Callback::from(move |_: MouseEvent| ctx.start(*bound, &mitigations))
    };
    let oncancel = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.cancel())
    };
    let b = *bound;
    let running = matches!(*status, Status::Running { .. });
    html! {
        <div class="explorer-part" aria-labelledby="search-title" ref={node}>
            <h3 id="search-title">{ "Every interleaving, up to a bound" }</h3>
            <p class="explorer-intro">
                { "Breadth-first over the same step function as the timeline, with every actor free to be \
                   arbitrarily slow: each order of events that the design allows is tried once. The first \
                   violation found of each invariant comes with a shortest path to it." }
            </p>
            <div class="bound">
                { number_select("Enactors", "bound-enactors", b.enactors.into(), 1, 3,
                    set_bound(|b, n| b.enactors = n as u8)) }
                { number_select("Endpoints", "bound-endpoints", b.endpoints.into(), 1, 3,
                    set_bound(|b, n| b.endpoints = n as u8)) }
                { number_select("Plans published", "bound-generations", b.generations, 1, 6,
                    set_bound(|b, n| b.generations = n)) }
                { number_select("Clean-up keeps (older plans)", "bound-margin", b.cleanup_margin_generations, 0, 3,
                    set_bound(|b, n| b.cleanup_margin_generations = n)) }
                if running {
                    <button type="button" class="btn" onclick={oncancel}>{ "Cancel" }</button>
                } else {
                    <button type="button" class="btn btn--primary explorer-start" onclick={onstart}>
                        { "Check every interleaving" }
                    </button>
                }
            </div>
            if let Some(reason) = &*ctx.fallback {
                <p class="worker-fallback" role="note">{ fallback_note(reason) }</p>
            }
            <p class="explorer-for">
                { format!("Mitigations: {}. Locks never expire on their own here (expiry needs a clock); \
                           with wide-cleanup-margin, clean-up keeps one more plan.", set_label(&props.mitigations)) }
            </p>
            { match &*status {
                Status::Idle => html! {},
                Status::Running { states, seconds } => html! {
                    <div class="explorer-progress" role="status">
                        <progress aria-label="Searching"></progress>
                        <span>{ format!("{} states · {}", count(*states), rate(*states, *seconds, "states")) }</span>
                    </div>
                },
                Status::Done { exploration, seconds, stopped } => {
                    search_result(exploration, *seconds, stopped.as_deref(), &props.onload)
                }
            } }
        </div>
    }
}

/// The verdict of a finished (or stopped) search, with a button per counterexample.
fn search_result(
    exploration: &Rc<Exploration>,
    seconds: f64,
    stopped: Option<&str>,
    onload: &Callback<LoadedRun>,
) -> Html {
    let view = search_view(exploration, seconds);
    let (shape, class) = if view.safe {
        (IconShape::Check, "search-result--safe")
    } else {
        (IconShape::Stop, "search-result--unsafe")
    };
    let command = explore_command(&exploration.bound, &exploration.mitigations, None);
    html! {
        <div class={classes!("search-result", class)} role="status" data-states={exploration.states.to_string()}
            data-seconds={format!("{seconds:.3}")}>
            <p class="search-title"><Icon {shape} class="icon--small" />{ view.title.clone() }</p>
            <p class="search-detail">
                { view.detail.clone() }
                if let Some(why) = stopped { { format!("; stopped because {why}") } }
            </p>
            <ul class="search-lines">
                { for view.lines.iter().map(|line| {
                    let play = exploration.counterexample(line.invariant).map(|c| {
                        let invariant = line.invariant;
                        let command = explore_command(&exploration.bound, &exploration.mitigations, Some(invariant));
                        let (exploration, onload) = (exploration.clone(), onload.clone());
                        let events = c.events.len();
                        let onclick = Callback::from(move |_: MouseEvent| {
                            let Some(c) = exploration.counterexample(invariant) else { return };
                            let trace = c.trace(&exploration.scenario);
                            let link = Link::of_schedule(exploration.bound, &trace);
                            onload.emit(LoadedRun {
                                replay: Rc::new(Replay::of(trace)),
                                link,
                                title: format!("Shortest counterexample: {}", invariant.name()),
                                about: format!(
                                    "The explorer's shortest schedule in which {} ({} events, then a client's \
                                     lookup), among {} states with {} Enactors, {} endpoints and {} plans; \
                                     mitigations: {}{}. Times are a calm day's durations, drawn as the events \
                                     happen. The switches belong to the incident: flipping one goes back to it.",
                                    invariant.explain(), events, count(exploration.states),
                                    exploration.scenario.enactors_running(), exploration.bound.endpoints,
                                    exploration.bound.generations, set_label(&exploration.scenario.mitigations),
                                    if exploration.needs_clock.is_empty() { String::new() } else {
                                        format!(" ({} left out: it needs a clock)", set_label(&exploration.needs_clock))
                                    }),
                                command: command.clone(),
                            });
                        });
                        html! { <button type="button" class="btn btn--violation search-play" {onclick}>{ "Play it in the timeline" }</button> }
                    });
                    html! {
                        <li class={classes!("search-line", line.fails.then_some("search-line--fails"))}>
                            <code>{ line.invariant.name() }</code>
                            <span>{ line.text.clone() }</span>
                            { for play }
                        </li>
                    }
                }) }
            </ul>
            { for view.caveats.iter().map(|c| html! { <p class="explorer-caveat">{ c.clone() }</p> }) }
            <p class="explorer-command">{ "The same search on the command line: " }<code>{ command }</code></p>
        </div>
    }
}
