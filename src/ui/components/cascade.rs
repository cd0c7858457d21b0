//! "After the record comes back": the cascade section. It runs [`cascade::run`] on the
//! replay's own trace (so a mitigation that keeps the record shows no outage at all), off
//! the render: after a paint, only when the trace or the settings change, and timed.

use super::cascade_charts::CascadeCharts;
use super::cascade_controls::CascadeControls;
use crate::cascade::{self, Cascade, CascadeSettings, Response, RetryPolicy};
use crate::ui::link::Link;
use crate::ui::replay::Replay;
use crate::ui::view::cascade as view;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Name of the performance measure of one cascade run (and the console's prefix).
pub const CASCADE_MEASURE: &str = "dns-race:cascade";

/// Runs kept, so that switching back to a policy is instant.
const CACHE_RUNS: usize = 8;

/// The settings a link asks for, with `policy`.
pub fn settings_of(link: &Link, policy: RetryPolicy) -> CascadeSettings {
    let responses = link.respond.clone().unwrap_or_else(|| Response::INCIDENT.to_vec());
    CascadeSettings::default().with_policy(policy).with_responses(&responses)
}

/// One finished run: for which trace and settings, and how long it took in the browser.
#[derive(Clone, Debug)]
struct Finished {
    digest: String,
    settings: CascadeSettings,
    result: Result<Rc<Cascade>, String>,
}

/// The runs finished so far, newest last.
type Cache = Rc<RefCell<Vec<Finished>>>;

fn cached(cache: &Cache, digest: &str, settings: &CascadeSettings) -> Option<Result<Rc<Cascade>, String>> {
    cache
        .borrow()
        .iter()
        .rev()
        .find(|f| f.digest == digest && &f.settings == settings)
        .map(|f| f.result.clone())
}

/// Resolves after the browser has painted what is on screen: the next animation frame, then a
/// task (a timeout after 100 ms too, in case frames are not running: a hidden tab).
async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// Runs the cascade and measures it (`performance.measure` and the console, under
/// [`CASCADE_MEASURE`]). Returns the result and the milliseconds it took.
fn run_measured(replay: &Replay, settings: &CascadeSettings) -> (Result<Rc<Cascade>, String>, f64) {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = performance.as_ref().map_or(0.0, |p| p.now());
    let mark = format!("{CASCADE_MEASURE}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&mark);
    }
    let result = cascade::run(&replay.trace, settings).map(Rc::new).map_err(|e| e.to_string());
    let ms = performance.as_ref().map_or(0.0, |p| p.now()) - start;
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(CASCADE_MEASURE, &mark);
        p.clear_marks_with_mark_name(&mark);
    }
    web_sys::console::info_1(
        &format!("{CASCADE_MEASURE} {} {ms:.0} ms", settings.retry_policy.name()).into(),
    );
    (result, ms)
}

/// Properties of [`CascadeSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct CascadeSectionProps {
    /// The run shown above: the cascade plays after its race.
    pub replay: Rc<Replay>,
    /// What the learner set (`policy`, `vs`, `respond`).
    pub link: Link,
    /// Whether the cascade can follow this run (the incident's timed run, mitigations or
    /// not); otherwise the section says so.
    pub follows: bool,
    /// The charts' cursor, run time in ms.
    pub cursor_ms: u64,
    /// Moves the charts' cursor (and the player) to a run time.
    pub onseek: Callback<u64>,
    /// Changes what the learner set.
    pub onchange: Callback<Link>,
}

/// The section: controls, outcome figures, charts with one cursor, and the two accounts of
/// the NLB phase.
#[function_component(CascadeSection)]
pub fn cascade_section(props: &CascadeSectionProps) -> Html {
    let cache: Cache = use_mut_ref(Vec::new);
    // Bumped when a run finishes, to show it.
    let finished = use_state(|| 0u32);
    let last_ms = use_state(|| None::<f64>);
    let policy = props.link.policy.unwrap_or_default();
    let first = settings_of(&props.link, policy);
    let second = props.link.vs.filter(|&vs| vs != policy).map(|vs| settings_of(&props.link, vs));
    let wanted: Vec<CascadeSettings> = std::iter::once(first.clone()).chain(second.clone()).collect();
    {
        let (cache, finished, last_ms, replay) =
            (cache.clone(), finished.clone(), last_ms.clone(), props.replay.clone());
        use_effect_with(
            (props.replay.digest.clone(), wanted, props.follows),
            move |(digest, wanted, follows)| {
                let (digest, wanted) = (digest.clone(), wanted.clone());
                if *follows {
                    yew::platform::spawn_local(async move {
                        for settings in wanted {
                            if cached(&cache, &digest, &settings).is_some() {
                                continue;
                            }
                            // Let the "Simulating…" state paint before the page is busy.
                            after_paint().await;
                            if cached(&cache, &digest, &settings).is_some() {
                                continue;
                            }
                            let (result, ms) = run_measured(&replay, &settings);
                            {
                                let mut runs = cache.borrow_mut();
                                runs.push(Finished { digest: digest.clone(), settings, result });
                                let excess = runs.len().saturating_sub(CACHE_RUNS);
                                runs.drain(..excess);
                            }
                            last_ms.set(Some(ms));
                            finished.set(*finished + 1);
                        }
                    });
                }
            },
        );
    }
    let digest = &props.replay.digest;
    let first_run = cached(&cache, digest, &first);
    let second_run = second.as_ref().map(|s| cached(&cache, digest, s));
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
            <section class="cascade panel" id="cascade" aria-labelledby="cascade-title">
                { title }
                <p class="cascade-note">
                    { "The cascade follows the 2025 incident's race (its timed run, with or without \
                       mitigations). Open the incident to see it." }
                </p>
            </section>
        };
    }
    let controls = html! {
        <CascadeControls link={props.link.clone()} onchange={props.onchange.clone()} />
    };
    let body = match first_run {
        None => html! {
            <p class="cascade-pending" role="status">{ "Simulating the 14.5 hours…" }</p>
        },
        Some(Err(problem)) => html! {
            <p class="cascade-error" role="alert">{ format!("The cascade could not run: {problem}") }</p>
        },
        Some(Ok(first)) => {
            let second = second_run.flatten().and_then(Result::ok);
            let labels = (policy.label(), props.link.vs.map(|p| p.label()));
            html! {
                <>
                    if busy {
                        <p class="cascade-pending cascade-pending--inline" role="status">
                            { "Simulating the second policy…" }
                        </p>
                    }
                    { outcome(&first, second.as_deref(), labels) }
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
            data-cascade-ms={last_ms.map(|ms| format!("{ms:.0}"))}>
            { title }
            { controls }
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
