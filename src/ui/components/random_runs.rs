//! Random runs: thousands of seeded timed runs per set of mitigations, as a table with bars,
//! filled in as the runs go round the sets.

use crate::explore::{replay_scenario, sample_sets, Sampler, Tally, FAMILIES, RUNS_DEFAULT};
use crate::scenario::Mitigation;
use crate::sim::Invariant;
use crate::ui::link::Link;
use crate::ui::replay::{LoadedRun, Replay};
use crate::ui::slices::{now_ms, run_job_in_slices, Slices};
use crate::ui::view::explorer::{count, rate, sample_rows, set_label, time_left, trace_command};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`RandomRuns`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct RandomRunsProps {
    /// The mitigations switched on: their row is marked.
    pub mitigations: Vec<Mitigation>,
    /// Called with a run to play in the timeline (a row's worst run).
    pub onload: Callback<LoadedRun>,
}

/// What the table shows: the tallies so far and how far the runs are.
#[derive(Clone, Debug, PartialEq)]
struct Progress {
    family: &'static str,
    seed: u64,
    runs: u32,
    tallies: Vec<Tally>,
    done: u64,
    total: u64,
    seconds: f64,
    running: bool,
}

/// The runs per set a learner can pick.
const RUN_CHOICES: [u32; 3] = [1_000, RUNS_DEFAULT, 100_000];

/// The random runs' half of the explorer.
#[function_component(RandomRuns)]
pub fn random_runs(props: &RandomRunsProps) -> Html {
    let family = use_state(|| FAMILIES[0].preset);
    let runs = use_state(|| RUNS_DEFAULT);
    let seed_text = use_state(|| "1".to_string());
    let progress = use_state(|| None::<Progress>);
    let sampler = use_mut_ref(|| None::<Sampler>);
    let job = use_mut_ref(|| None::<Slices>);
    let seed: Option<u64> = seed_text.trim().parse().ok();
    let onfamily = {
        let family = family.clone();
        Callback::from(move |e: Event| {
            let picked = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value());
            if let Some(f) = picked.and_then(|v| FAMILIES.iter().find(|f| f.preset == v)) {
                family.set(f.preset);
            }
        })
    };
    let onruns = {
        let runs = runs.clone();
        Callback::from(move |e: Event| {
            let picked =
                e.target_dyn_into::<web_sys::HtmlSelectElement>().and_then(|s| s.value().parse().ok());
            if let Some(n) = picked.filter(|n| RUN_CHOICES.contains(n)) {
                runs.set(n);
            }
        })
    };
    let onseed = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                seed_text.set(input.value());
            }
        })
    };
    let onstart = {
        let (progress, sampler, job) = (progress.clone(), sampler.clone(), job.clone());
        let (family, runs) = (*family, *runs);
        Callback::from(move |_: MouseEvent| {
            let Some(seed) = seed else {
                return;
            };
            let Ok(fresh) = Sampler::new(family, sample_sets(), runs, seed) else {
                return;
            };
            let mut shown = Progress {
                family,
                seed,
                runs,
                tallies: fresh.tallies().to_vec(),
                done: 0,
                total: fresh.runs_total(),
                seconds: 0.0,
                running: true,
            };
            progress.set(Some(shown.clone()));
            *sampler.borrow_mut() = Some(fresh);
            let started = now_ms();
            let (sampler, progress) = (sampler.clone(), progress.clone());
            *job.borrow_mut() = Some(run_job_in_slices(sampler, move |running, deadline| {
                let mut done = false;
                while !done && now_ms() < deadline {
                    done = running.step(4);
                }
                shown.tallies = running.tallies().to_vec();
                shown.done = running.runs_done();
                shown.seconds = (now_ms() - started) / 1000.0;
                shown.running = !done;
                progress.set(Some(shown.clone()));
                done
            }));
        })
    };
    let oncancel = {
        let (progress, sampler, job) = (progress.clone(), sampler.clone(), job.clone());
        Callback::from(move |_: MouseEvent| {
            job.borrow_mut().take();
            sampler.borrow_mut().take();
            if let Some(shown) = (*progress).clone() {
                progress.set(Some(Progress { running: false, ..shown }));
            }
        })
    };
    let running = progress.as_ref().is_some_and(|p| p.running);
    let about = FAMILIES.iter().find(|f| f.preset == *family).map_or("", |f| f.about);
    html! {
        <div class="explorer-part" aria-labelledby="runs-title">
            <h3 id="runs-title">{ "Random runs, with the clock" }</h3>
            <p class="explorer-intro">
                { "Thousands of timed runs per design, each with its own seed: how often each invariant \
                   fails, and for how long the record stays empty. Run i has the same seed in every row, \
                   so the rows differ by their mitigations, not by luck. This judges what the search \
                   cannot: plan-expiry and the stuck alarm." }
            </p>
            <div class="bound">
                <label class="bound-field" for="runs-family">
                    <span>{ "Runs of" }</span>
                    <select id="runs-family" onchange={onfamily} disabled={running}>
                        { for FAMILIES.iter().map(|f| html! {
                            <option value={f.preset} selected={f.preset == *family}>{ f.preset }</option>
                        }) }
                    </select>
                </label>
                <label class="bound-field" for="runs-count">
                    <span>{ "Runs per design" }</span>
                    <select id="runs-count" onchange={onruns} disabled={running}>
                        { for RUN_CHOICES.iter().map(|&n| html! {
                            <option value={n.to_string()} selected={n == *runs}>{ count(n.into()) }</option>
                        }) }
                    </select>
                </label>
                <label class="bound-field" for="runs-seed">
                    <span>{ "First seed" }</span>
                    <input id="runs-seed" type="text" inputmode="numeric" value={(*seed_text).clone()}
                        oninput={onseed} disabled={running} aria-invalid={seed.is_none().to_string()}
                        aria-describedby="runs-seed-error" />
                </label>
                if running {
                    <button type="button" class="btn" onclick={oncancel}>{ "Cancel" }</button>
                } else {
                    <button type="button" class="btn btn--primary explorer-start" onclick={onstart} disabled={seed.is_none()}>
                        { format!("Run {} per design", count((*runs).into())) }
                    </button>
                }
            </div>
            <p class="explorer-for" id="runs-seed-error">
                if seed.is_none() {
                    <span class="explorer-error">{ "The first seed must be a whole number from 0 to 18446744073709551615." }</span>
                } else {
                    { about }
                }
            </p>
            { for (*progress).as_ref().map(|p| table(p, &props.mitigations, &props.onload)) }
        </div>
    }
}

/// The progress line and the table of `p`.
fn table(p: &Progress, current: &[Mitigation], onload: &Callback<LoadedRun>) -> Html {
    let rows = sample_rows(&p.tallies, current);
    let per_set = p.tallies.first().map_or(0, |t| t.runs);
    let status = if p.running {
        let left =
            time_left(p.done, p.total, p.seconds).map_or(String::new(), |t| format!(" · about {t} left"));
        format!("{} of {} runs · {}{left}", count(p.done), count(p.total), rate(p.done, p.seconds, "runs"))
    } else if p.done < p.total {
        format!("Cancelled after {} runs per design: the shares below rest on those.", count(per_set.into()))
    } else {
        format!("{} runs in {:.1} s ({})", count(p.done), p.seconds, rate(p.done, p.seconds, "runs"))
    };
    html! {
        <>
            <div class="explorer-progress" role="status" data-done={p.done.to_string()} data-total={p.total.to_string()}>
                <progress max={p.total.to_string()} value={p.done.to_string()} aria-label="Random runs done"></progress>
                <span>{ status }</span>
            </div>
            <div class="runs-scroll">
                <table class="runs-table">
                    <caption class="visually-hidden">{ "Share of runs in which each invariant failed, by design" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Mitigations" }</th>
                            { for Invariant::ALL.iter().map(|i| html! { <th scope="col">{ i.name() }</th> }) }
                            <th scope="col">{ "Time empty, mean" }</th>
                            <th scope="col">{ "Worst run" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|row| {
                            let worst = row.worst_seed.map(|seed| {
                                let (family, set, onload, runs) = (p.family, row.mitigations.clone(), onload.clone(), row.runs);
                                let (label, worst, end_ms) = (row.label.clone(), row.empty_worst.clone(), row.worst_end_ms);
                                let onclick = Callback::from(move |_: MouseEvent| {
                                    let Some(scenario) = replay_scenario(family, seed, &set, end_ms) else { return };
                                    let Ok(replay) = Replay::run(&scenario) else { return };
                                    onload.emit(LoadedRun {
                                        replay: Rc::new(replay),
                                        link: Link::of_random_run(family, seed, &set, end_ms),
                                        title: format!("Random run, seed {seed}"),
                                        about: format!(
                                            "The run of {family} with seed {seed} and mitigations: {label}. Of {} \
                                             such runs, its record was empty longest: {worst} in all, counting \
                                             every outage, until it answered again. The switches belong to the \
                                             incident: flipping one goes back to it.", count(runs.into())),
                                        command: trace_command(family, seed, &set),
                                    });
                                });
                                html! {
                                    <button type="button" class="link-button" {onclick}
                                        aria-label={format!("Play the worst run with {}: seed {seed}", row.label)}>
                                        { format!("{} · seed {seed}", row.empty_worst) }
                                    </button>
                                }
                            });
                            html! {
                                <tr class={classes!(row.current.then_some("runs-row--current"))}>
                                    <th scope="row">
                                        <code>{ row.label.clone() }</code>
                                        if row.current { <span class="runs-current">{ "switched on above" }</span> }
                                    </th>
                                    { for row.shares.iter().map(|cell| html! {
                                        <td class={classes!("runs-share", cell.failed.then_some("runs-share--failed"))} title={cell.tooltip.clone()}>
                                            <span class="runs-bar" style={format!("width: {:.1}%", cell.width)}></span>
                                            <span class="runs-value">{ cell.text.clone() }</span>
                                        </td>
                                    }) }
                                    <td class="runs-time">{ row.empty_mean.clone() }</td>
                                    <td class="runs-time">{ for worst }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="explorer-command">
                { format!("The same runs, one design at a time: cargo run --release -- sample --scenario {} --runs {} --seed {} --mitigations …, or --table for them all. ",
                    p.family, p.runs, p.seed) }
                { format!("Current design: {}.", set_label(current)) }
            </p>
        </>
    }
}
