//! "After the record comes back": the cascade section. It runs [`cascade::run_after`] on
//! the replay's own trace (so a mitigation that keeps the record shows no outage at all), in
//! a Web Worker, only when the section comes near the viewport or a link, chapter or saved
//! file asks for it, and only when the trace or the settings change; the last runs are kept.
//! Where no worker can start, it runs on the page's thread after a paint, and says so.

use super::cascade_charts::CascadeCharts;
use super::cascade_controls::CascadeControls;
use crate::cascade::{self, Cascade, CascadeInput, CascadeSettings, Response, RetryPolicy};
use crate::compute::{Reply, Request};
use crate::ui::link::{CascadeChoice, Link};
use crate::ui::replay::Replay;
use crate::ui::slices::{after_paint, now_ms};
use crate::ui::view::cascade as view;
use crate::ui::viewport::use_near_viewport;
use crate::ui::workers::{fallback_note, ComputeWorker, WorkerEvent};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Name of the performance measure of one cascade run, from request to result on the page
/// (and the console's prefix).
pub const CASCADE_MEASURE: &str = "dns-race:cascade";

/// Runs kept, so that switching back to a policy is instant.
const CACHE_RUNS: usize = 8;

/// The settings the learner's choice asks for, with `policy`.
pub fn settings_of(choice: &CascadeChoice, policy: RetryPolicy) -> CascadeSettings {
    let responses = choice.respond.clone().unwrap_or_else(|| Response::INCIDENT.to_vec());
    CascadeSettings::default()
        .with_policy(policy)
        .with_responses(&responses)
        .with_dwfm_retry(choice.dwfm.unwrap_or_default())
}

/// Whether `link` asks for the cascade before it is scrolled to: it sets one of the
/// section's own keys, or opens a chapter about it.
fn asked_by(link: &Link) -> bool {
    link.cascade != CascadeChoice::default()
        || link.cursor.at.is_some()
        || link.view.chapter.is_some_and(|c| c.cascade_clock().is_some())
}

/// One run: for which trace and settings.
#[derive(Clone, Debug, PartialEq)]
struct Wanted {
    digest: String,
    settings: CascadeSettings,
}

/// One finished run.
#[derive(Clone, Debug)]
struct Finished {
    wanted: Wanted,
    result: Result<Rc<Cascade>, String>,
}

/// The section's runs: the cache, the worker and what it is doing, and what is wanted next.
#[derive(Default)]
struct Runs {
    /// Finished runs, newest last.
    cache: Vec<Finished>,
    /// The worker, once started (`None` before, or where none can start).
    worker: Option<ComputeWorker>,
    /// Why the runs happen on the page's thread, once a worker could not start or failed.
    fallback: Option<String>,
    /// The run in the worker: its job number, what it is, and when it was asked for.
    in_flight: Option<(u32, Wanted, f64)>,
    /// The runs the page shows now, in order; anything else not yet started is dropped.
    wanted: Vec<Wanted>,
    /// What the runs need of the trace, and that trace's digest.
    input: Option<(String, CascadeInput)>,
    jobs: u32,
}

impl Runs {
    fn cached(&self, wanted: &Wanted) -> Option<Result<Rc<Cascade>, String>> {
        self.cache.iter().rev().find(|f| &f.wanted == wanted).map(|f| f.result.clone())
    }

    fn keep(&mut self, wanted: Wanted, result: Result<Rc<Cascade>, String>) {
        self.cache.push(Finished { wanted, result });
        let excess = self.cache.len().saturating_sub(CACHE_RUNS);
        self.cache.drain(..excess);
    }

    /// Stops the run under way if it is no longer wanted, by terminating its worker (the
    /// next run starts a new one): a learner who changes a setting ten times in a second
    /// waits for the last run only, not for the nine before it.
    fn cancel_superseded(&mut self) {
        let superseded =
            self.in_flight.as_ref().is_some_and(|(_, running, _)| !self.wanted.contains(running));
        if superseded && self.worker.is_some() {
            self.worker = None;
            self.in_flight = None;
        }
    }

    /// The first wanted run that is neither cached nor running.
    fn next(&self) -> Option<Wanted> {
        let running = self.in_flight.as_ref().map(|(_, w, _)| w);
        self.wanted.iter().find(|w| self.cached(w).is_none() && Some(*w) != running).cloned()
    }
}

fn start_mark(job: u32) -> String {
    format!("{CASCADE_MEASURE}:start:{job}")
}

/// Marks when run `job` was asked for.
fn mark_start(job: u32) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&start_mark(job));
    }
}

/// Records run `job`'s performance measure, from its request (`started`, a [`now_ms`]
/// time) to now, and logs it; returns its milliseconds.
fn measure(job: u32, started: f64, settings: &CascadeSettings, where_: &str) -> f64 {
    let ms = now_ms() - started;
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let mark = start_mark(job);
        let _ = p.measure_with_start_mark(CASCADE_MEASURE, &mark);
        p.clear_marks_with_mark_name(&mark);
    }
    web_sys::console::info_1(
        &format!("{CASCADE_MEASURE} {} {ms:.0} ms ({where_})", settings.retry_policy.name()).into(),
    );
    ms
}

/// Starts the next wanted run, in the worker (started now if need be) or, where none can
/// start, on the page's thread after a paint. `shown` is bumped when a run finishes.
fn start_next(runs: &Rc<RefCell<Runs>>, shown: &UseStateHandle<(u32, Option<f64>)>) {
    let mut r = runs.borrow_mut();
    if r.in_flight.is_some() {
        return;
    }
    let (Some(wanted), Some((_, input))) = (r.next(), r.input.clone()) else {
        return;
    };
    if r.fallback.is_none() && r.worker.is_none() {
        let onevent = {
            let (runs, shown) = (Rc::downgrade(runs), shown.clone());
            Callback::from(move |event: WorkerEvent| {
                if let Some(runs) = runs.upgrade() {
                    on_worker_event(&runs, &shown, event);
                }
            })
        };
        match ComputeWorker::start(onevent) {
            Ok(worker) => r.worker = Some(worker),
            Err(reason) => r.fallback = Some(reason),
        }
    }
    r.jobs += 1;
    let job = r.jobs;
    r.in_flight = Some((job, wanted.clone(), now_ms()));
    mark_start(job);
    if let Some(worker) = &r.worker {
        worker.send(&Request::Cascade { job, input, settings: Box::new(wanted.settings) });
        return;
    }
    drop(r);
    let (runs, shown) = (runs.clone(), shown.clone());
    yew::platform::spawn_local(async move {
        // Let the "Simulating…" state paint before the page is busy.
        after_paint().await;
        let still_wanted = runs.borrow().in_flight.as_ref().is_some_and(|(j, _, _)| *j == job);
        if !still_wanted {
            return;
        }
        let started = now_ms();
        let result = cascade::run_after(&input, &wanted.settings).map(Rc::new).map_err(|e| e.to_string());
        let ms = measure(job, started, &wanted.settings, "on the page's thread");
        finish(&runs, &shown, job, result, ms);
    });
}

/// Keeps run `job`'s result, shows it, and starts the next wanted run.
fn finish(
    runs: &Rc<RefCell<Runs>>,
    shown: &UseStateHandle<(u32, Option<f64>)>,
    job: u32,
    result: Result<Rc<Cascade>, String>,
    ms: f64,
) {
    {
        let mut r = runs.borrow_mut();
        // A reply to a run no longer in flight (the worker failed meanwhile) is dropped.
        let Some((_, wanted, _)) = r.in_flight.take_if(|(running, _, _)| *running == job) else {
            return;
        };
        r.keep(wanted, result);
    }
    shown.set((shown.0.wrapping_add(1), Some(ms)));
    start_next(runs, shown);
}

fn on_worker_event(runs: &Rc<RefCell<Runs>>, shown: &UseStateHandle<(u32, Option<f64>)>, event: WorkerEvent) {
    match event {
        WorkerEvent::Reply(Reply::Cascade { job, result, ms }) => {
            let in_flight = runs.borrow().in_flight.clone();
            if let Some((running, wanted, started)) = in_flight.filter(|(running, _, _)| *running == job) {
                measure(running, started, &wanted.settings, &format!("in a worker, {ms:.0} ms there"));
            }
            finish(runs, shown, job, result.map(Rc::new), ms);
        }
        WorkerEvent::Reply(Reply::Refused { job, problem }) => finish(runs, shown, job, Err(problem), 0.0),
        WorkerEvent::Reply(_) => {}
        WorkerEvent::Failed(reason) => {
            {
                let mut r = runs.borrow_mut();
                r.worker = None;
                r.fallback = Some(reason);
                // The run the worker held starts again on the page's thread.
                r.in_flight = None;
            }
            shown.set((shown.0.wrapping_add(1), shown.1));
            start_next(runs, shown);
        }
    }
}

/// Properties of [`CascadeSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CascadeSectionProps {
    /// The run shown above: the cascade plays after its race.
    pub replay: Rc<Replay>,
    /// What the learner set: the cascade's choice, and whether the link or a chapter asks
    /// for the section before it is scrolled to.
    pub link: Link,
    /// Whether the cascade can follow this run (the incident's timed run, mitigations or
    /// not); otherwise the section says so.
    pub follows: bool,
    /// The charts' cursor, run time in ms.
    pub cursor_ms: u64,
    /// Moves the charts' cursor (and the player) to a run time.
    pub onseek: Callback<u64>,
    /// Changes what the learner set.
    pub onchange: Callback<CascadeChoice>,
}

/// The section: controls, outcome figures, charts with one cursor, and the two accounts of
/// the NLB phase.
#[function_component(CascadeSection)]
pub fn cascade_section(props: &CascadeSectionProps) -> Html {
    let runs = use_mut_ref(Runs::default);
    // Bumped when a run finishes (with how long it took), to show it.
    let shown = use_state(|| (0u32, None::<f64>));
    let node = use_node_ref();
    let near = use_near_viewport(&node, props.follows);
    let choice = &props.link.cascade;
    let policy = choice.policy.unwrap_or_default();
    let first = settings_of(choice, policy);
    let second = choice.vs.filter(|&vs| vs != policy).map(|vs| settings_of(choice, vs));
    let digest = props.replay.digest.clone();
    let wanted: Vec<Wanted> = std::iter::once(first.clone())
        .chain(second.clone())
        .map(|settings| Wanted { digest: digest.clone(), settings })
        .collect();
    let active = props.follows && (near || asked_by(&props.link));
    {
        let (runs, shown, replay) = (runs.clone(), shown.clone(), props.replay.clone());
        use_effect_with((digest.clone(), wanted.clone(), active), move |(_, wanted, active)| {
            {
                let mut r = runs.borrow_mut();
                // What is not wanted now is dropped: a superseded setting never runs, and
                // one under way stops.
                r.wanted = if *active { wanted.clone() } else { Vec::new() };
                r.cancel_superseded();
                // Read from the trace once per trace, not on every change of a setting.
                if r.input.as_ref().map(|(digest, _)| digest) != Some(&replay.digest) {
                    r.input = Some((replay.digest.clone(), CascadeInput::of(&replay.trace)));
                }
            }
            start_next(&runs, &shown);
        });
    }
    let (first_run, second_run, fallback) = {
        let r = runs.borrow();
        let first_run = r.cached(&Wanted { digest: digest.clone(), settings: first.clone() });
        let second_run =
            second.as_ref().map(|s| r.cached(&Wanted { digest: digest.clone(), settings: s.clone() }));
        (first_run, second_run, r.fallback.clone())
    };
    let busy = first_run.is_none() || matches!(second_run, Some(None));
    let title = html! {
        <div class="section-head">
            <h2 id="cascade-title">{ "After the record comes back" }</h2>
            <p class="section-note">
                { "The DNS records were restored at 02:25 PDT; the outage lasted until 14:20. This section \
                   plays those hours second by second (charted a minute at a time) after the race above, \
                   on its own trace: clients and their retries, EC2's DropletWorkflow Manager (DWFM), the \
                   Network Manager and NLB's health checks. Times on the charts are the simulation's; \
                   AWS's times are beside them." }
            </p>
        </div>
    };
    if !props.follows {
        return html! {
            <section class="cascade panel" id="cascade" aria-labelledby="cascade-title" ref={node}>
                { title }
                <p class="cascade-note">
                    { "The cascade follows the 2025 incident's race (its timed run, with or without \
                       mitigations). Open the incident to see it." }
                </p>
            </section>
        };
    }
    let controls = html! {
        <CascadeControls choice={props.link.cascade.clone()} onchange={props.onchange.clone()} />
    };
    let body = match first_run {
        None if !active => html! {
            <p class="cascade-pending" role="status">{ "The 14.5 hours are simulated when you scroll here." }</p>
        },
        None => html! {
            <p class="cascade-pending" role="status">{ "Simulating the 14.5 hours…" }</p>
        },
        Some(Err(problem)) => html! {
            <p class="cascade-error" role="alert">{ format!("The cascade could not run: {problem}") }</p>
        },
        Some(Ok(first)) => {
            let second = second_run.flatten().and_then(Result::ok);
            let labels = (policy.label(), props.link.cascade.vs.map(|p| p.label()));
            html! {
                <>
                    if busy {
                        <p class="cascade-pending cascade-pending--inline" role="status">
                            { "Simulating the second policy…" }
                        </p>
                    }
                    { outcome(&first, second.as_deref(), labels) }
                    if let Some(note) = view::serve_stale_note(&first) {
                        <p class="cascade-serve-stale" role="note">{ note }</p>
                    }
                    <CascadeCharts first={first.clone()} second={second.clone()} cursor_ms={props.cursor_ms}
                        onseek={props.onseek.clone()} first_label={labels.0} second_label={labels.1} />
                    { accounts(&first) }
                    { assumptions(&first.settings) }
                </>
            }
        }
    };
    html! {
        <section class="cascade panel" id="cascade" aria-labelledby="cascade-title" aria-busy={busy.to_string()}
            data-cascade-ms={shown.1.map(|ms| format!("{ms:.0}"))} data-cascade-runs={shown.0.to_string()}
            data-cascade-where={if fallback.is_some() { "page" } else { "worker" }} ref={node}>
            { title }
            { controls }
            if let Some(reason) = &fallback {
                <p class="worker-fallback" role="note">{ fallback_note(reason) }</p>
            }
            { body }
        </section>
    }
}

/// The outcome figures, a column per run.
fn outcome(first: &Cascade, second: Option<&Cascade>, labels: (&str, Option<&str>)) -> Html {
    let rows = view::figures(first, second);
    html! {
        <table class="cascade-figures">
            <caption>{ "How the recovery went" }<span class="cascade-assumed">{ " (simulated; rests on assumed knobs, below)" }</span></caption>
            <thead>
                <tr>
                    <th scope="col">{ "" }</th>
                    <th scope="col" class="cascade-run cascade-run--first">{ labels.0 }</th>
                    if second.is_some() {
                        <th scope="col" class="cascade-run cascade-run--second">{ labels.1.unwrap_or_default() }</th>
                    }
                </tr>
            </thead>
            <tbody>
                { for rows.into_iter().map(|f| html! {
                    <tr>
                        <th scope="row">{ f.label }</th>
                        <td class="cascade-figure">{ f.value }</td>
                        if let Some(v) = f.second { <td class="cascade-figure cascade-figure--second">{ v }</td> }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The two accounts of the NLB phase, side by side.
fn accounts(cascade: &Cascade) -> Html {
    html! {
        <section class="cascade-accounts" aria-labelledby="cascade-accounts-title">
            <h3 id="cascade-accounts-title">{ "Two accounts of the NLB phase" }</h3>
            <div class="cascade-accounts-grid">
                <div class="cascade-account cascade-account--popular">
                    <p class="cascade-account-kicker">{ "The popular account" }</p>
                    <p class="cascade-account-myth">
                        { "“A monitoring system misreported health and caused the outage.”" }
                    </p>
                    <p>
                        { "In AWS's summary the health-check subsystem was a later casualty, not the origin: \
                           the health checks failed because of what came before them." }
                    </p>
                </div>
                <div class="cascade-account cascade-account--aws">
                    <p class="cascade-account-kicker">{ "AWS's order of events, with this run's times" }</p>
                    <ol class="cascade-causes">
                        { for view::aws_order(cascade).into_iter().map(|c| html! {
                            <li><span class="cascade-cause-at">{ c.at }</span>{ " " }{ c.what }</li>
                        }) }
                    </ol>
                    <p class="cascade-first-false">{ view::first_false_failure(cascade) }</p>
                </div>
            </div>
        </section>
    }
}

/// The assumed knobs, in a `<details>`.
fn assumptions(settings: &CascadeSettings) -> Html {
    html! {
        <details class="cascade-assumptions">
            <summary>{ view::assumed_headline(settings) }</summary>
            <p>
                { "AWS does not publish these; the simulation assumes them. The times of the operators' \
                   actions follow AWS's timeline." }
            </p>
            <ul>{ for view::assumed_knobs(settings).into_iter().map(|k| html! { <li><code>{ k }</code></li> }) }</ul>
        </details>
    }
}
