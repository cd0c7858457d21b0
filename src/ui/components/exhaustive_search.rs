//! Every interleaving up to a bound: the learner sets the bound, starts the search, watches
//! the states pile up, and plays any counterexample in the timeline.

use super::{Icon, IconShape};
use crate::explore::{Bound, Exploration, Search};
use crate::scenario::Mitigation;
use crate::ui::link::Link;
use crate::ui::replay::{LoadedRun, Replay};
use crate::ui::slices::{now_ms, run_job_in_slices, Slices};
use crate::ui::view::explorer::{count, explore_command, rate, search_view, set_label};
use std::rc::Rc;
use yew::prelude::*;

/// The page stops a search after this many states (about 16 s and a few hundred MB in a
/// tab), and says so: a tab's memory is not the command line's, which has no limit. The
/// largest bounds the page offers are bigger (3 Enactors, 3 endpoints, 6 plans: 19 million
/// states), so for those the page gives the states it reached, not a proof.
const STATES_MAX: u64 = 5_000_000;

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
        stopped: Option<&'static str>,
    },
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
    let status = use_state(|| Status::Idle);
    let search = use_mut_ref(|| None::<Search>);
    let job = use_mut_ref(|| None::<Slices>);
    let started = use_mut_ref(|| 0.0f64);
    // Another design (a switch flipped) makes a result stale: start again from idle.
    {
        let (status, search, job) = (status.clone(), search.clone(), job.clone());
        use_effect_with(props.mitigations.clone(), move |_| {
            job.borrow_mut().take();
            search.borrow_mut().take();
            status.set(Status::Idle);
        });
    }
    let set_bound = |change: fn(&mut Bound, u32)| {
        let (bound, status, search, job) = (bound.clone(), status.clone(), search.clone(), job.clone());
        Callback::from(move |n: u32| {
            let mut next = *bound;
            change(&mut next, n);
            next.wide_cleanup_margin_generations = next.cleanup_margin_generations + 1;
            job.borrow_mut().take();
            search.borrow_mut().take();
            status.set(Status::Idle);
            bound.set(next);
        })
    };
    let onstart = {
        let (bound, status, search, job, started) =
            (bound.clone(), status.clone(), search.clone(), job.clone(), started.clone());
        let mitigations = props.mitigations.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok(fresh) = Search::new(*bound, &mitigations) else {
                return;
            };
            *search.borrow_mut() = Some(fresh);
            *started.borrow_mut() = now_ms();
            status.set(Status::Running { states: 1, seconds: 0.0 });
            let (search, status, started) = (search.clone(), status.clone(), *started.borrow());
            *job.borrow_mut() = Some(run_job_in_slices(search, move |running, deadline| {
                let mut done = false;
                while !done && running.states() < STATES_MAX && now_ms() < deadline {
                    done = running.step(512);
                }
                let seconds = (now_ms() - started) / 1000.0;
                if done || running.states() >= STATES_MAX {
                    let stopped = (!done).then_some("it reached the page's limit of 5,000,000 states");
                    status.set(Status::Done { exploration: Rc::new(running.report()), seconds, stopped });
                    true
                } else {
                    status.set(Status::Running { states: running.states(), seconds });
                    false
                }
            }));
        })
    };
    let oncancel = {
        let (status, search, job, started) = (status.clone(), search.clone(), job.clone(), started.clone());
        Callback::from(move |_: MouseEvent| {
            job.borrow_mut().take();
            if let Some(stopped) = search.borrow_mut().take() {
                let seconds = (now_ms() - *started.borrow()) / 1000.0;
                status.set(Status::Done {
                    exploration: Rc::new(stopped.report()),
                    seconds,
                    stopped: Some("you cancelled it"),
                });
            }
        })
    };
    let b = *bound;
    let running = matches!(*status, Status::Running { .. });
    html! {
        <div class="explorer-part" aria-labelledby="search-title">
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
                    search_result(exploration, *seconds, *stopped, &props.onload)
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
