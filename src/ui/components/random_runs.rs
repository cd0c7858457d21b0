//! Random runs: thousands of seeded timed runs per set of mitigations, as a table with bars,
//! filled in as the runs go round the sets.

use crate::compute::{Reply, SamplePlan};
use crate::explore::{replay_scenario, sample_sets, Sampler, Tally, FAMILIES, RUNS_DEFAULT};
use crate::scenario::Mitigation;
use crate::sim::Invariant;
use crate::ui::link::Link;
use crate::ui::replay::{LoadedRun, Replay};
use crate::ui::slices::{now_ms, run_in_slices, Slices};
use crate::ui::view::explorer::{count, rate, sample_rows, set_label, time_left, trace_command};
use crate::ui::workers::{fallback_note, pool_size, ComputeWorker, WorkerEvent};
use std::cell::RefCell;
use std::ops::Range;
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
    /// Workers playing the runs (0: the page's own thread).
    workers: u32,
}

/// The runs per set a learner can pick.
const RUN_CHOICES: [u32; 3] = [1_000, RUNS_DEFAULT, 100_000];

/// Random runs under way: the plan of ranges and who plays them.
struct Job {
    plan: SamplePlan,
    family: &'static str,
    started: f64,
    /// The pool, each worker (`None` once it failed) with the range it is playing.
    pool: Vec<(Option<ComputeWorker>, Option<Range<u32>>)>,
    /// Where no worker can start (or every worker failed): the range played here.
    here: Option<Slices>,
}

/// What the runs' callbacks share.
#[derive(Clone)]
struct Ctx {
    job: Rc<RefCell<Option<Job>>>,
    jobs: Rc<RefCell<u32>>,
    progress: UseStateHandle<Option<Progress>>,
    fallback: UseStateHandle<Option<String>>,
}

impl Ctx {
    /// Shows the plan's tallies; ends the job when every run is in.
    fn show(&self) {
        let mut slot = self.job.borrow_mut();
        let Some(job) = slot.as_ref() else {
            return;
        };
        let done = job.plan.done();
        self.progress.set(Some(Progress {
            family: job.family,
            seed: job.plan.seed,
            runs: job.plan.runs,
            tallies: job.plan.tallies().to_vec(),
            done: job.plan.runs_done(),
            total: job.plan.runs_total(),
            seconds: (now_ms() - job.started) / 1000.0,
            running: !done,
            workers: job.pool.iter().filter(|(w, _)| w.is_some()).count() as u32,
        }));
        if done {
            // The workers and their memory go at once.
            slot.take();
        }
    }

    /// Starts `runs` runs of `family` per design from `seed`: in a pool of workers, or in
    /// slices on the page's thread where none can start.
    fn start(&self, family: &'static str, runs: u32, seed: u64) {
        self.job.borrow_mut().take();
        let Ok(plan) = SamplePlan::new(family, sample_sets(), runs, seed) else {
            return;
        };
        let id = {
            let mut jobs = self.jobs.borrow_mut();
            *jobs += 1;
            *jobs
        };
        let mut pool = Vec::new();
        if self.fallback.is_none() {
            for slot in 0..pool_size() {
                let ctx = self.clone();
                let onevent = Callback::from(move |event| ctx.on_event(id, slot as usize, event));
                match ComputeWorker::start(onevent) {
                    Ok(worker) => pool.push((Some(worker), None)),
                    Err(reason) => {
                        self.fallback.set(Some(reason));
                        break;
                    }
                }
            }
        }
        *self.job.borrow_mut() = Some(Job { plan, family, started: now_ms(), pool, here: None });
        {
            let mut slot = self.job.borrow_mut();
            let job = slot.as_mut().expect("just set");
            for i in 0..job.pool.len() {
                give_work(job, id, i);
            }
        }
        if self.job.borrow().as_ref().is_some_and(|j| j.pool.is_empty()) {
            self.play_here();
        }
        self.show();
    }

    fn on_event(&self, id: u32, slot: usize, event: WorkerEvent) {
        if *self.jobs.borrow() != id {
            return;
        }
        match event {
            WorkerEvent::Reply(Reply::Sampled { job, runs, tallies }) if job == id => {
                {
                    let mut guard = self.job.borrow_mut();
                    let Some(job) = guard.as_mut() else {
                        return;
                    };
                    if job.pool.get(slot).and_then(|(_, r)| r.clone()) != Some(runs) {
                        return;
                    }
                    job.plan.add(&tallies);
                    job.pool[slot].1 = None;
                    give_work(job, id, slot);
                }
                self.show();
            }
            WorkerEvent::Reply(_) => {}
            WorkerEvent::Failed(reason) => {
                let none_left = {
                    let mut guard = self.job.borrow_mut();
                    let Some(job) = guard.as_mut() else {
                        return;
                    };
                    // The worker goes; its range goes to an idle worker, or to the page's own
                    // thread. The slot stays, so that the others keep their numbers.
                    if let Some((worker, range)) = job.pool.get_mut(slot) {
                        worker.take();
                        if let Some(range) = range.take() {
                            job.plan.give_back(range);
                        }
                    }
                    let idle = job.pool.iter().position(|(w, r)| w.is_some() && r.is_none());
                    if let Some(idle) = idle {
                        give_work(job, id, idle);
                    }
                    job.pool.iter().all(|(w, _)| w.is_none())
                };
                self.fallback.set(Some(reason));
                if none_left {
                    if let Some(job) = self.job.borrow_mut().as_mut() {
                        job.pool.clear();
                    }
                    self.play_here();
                }
            }
        }
    }

    /// Plays the plan's remaining ranges on the page's thread, in slices.
    fn play_here(&self) {
        let current = Rc::new(RefCell::new(None::<Sampler>));
        let ctx = self.clone();
        let slices = run_in_slices(move |deadline| {
            loop {
                if current.borrow().is_none() {
                    let next = ctx.job.borrow_mut().as_mut().and_then(|job| {
                        let range = job.plan.take()?;
                        Some(job.plan.sampler(range))
                    });
                    let Some(next) = next else {
                        // Every range is played: the last tallies show, and the job ends.
                        ctx.show();
                        return true;
                    };
                    *current.borrow_mut() = Some(next);
                }
                let finished = {
                    let mut sampler = current.borrow_mut();
                    let sampler = sampler.as_mut().expect("taken above");
                    let mut done = false;
                    while !done && now_ms() < deadline {
                        done = sampler.step(2);
                    }
                    done
                };
                if finished {
                    let tallies = current.borrow_mut().take().map(Sampler::into_tallies).unwrap_or_default();
                    if let Some(job) = ctx.job.borrow_mut().as_mut() {
                        job.plan.add(&tallies);
                    }
                }
                if now_ms() >= deadline {
                    ctx.show();
                    return ctx.job.borrow().is_none();
                }
            }
        });
        if let Some(job) = self.job.borrow_mut().as_mut() {
            job.here = Some(slices);
        }
    }

    /// Stops the runs at once, keeping the tallies so far.
    fn cancel(&self) {
        self.job.borrow_mut().take();
        if let Some(shown) = (*self.progress).clone() {
            self.progress.set(Some(Progress { running: false, ..shown }));
        }
    }
}

/// Gives worker `slot` of `job` its next range, if any is left.
fn give_work(job: &mut Job, id: u32, slot: usize) {
    let Some(range) = job.plan.take() else {
        return;
    };
    let request = job.plan.request(id, range.clone());
    match job.pool.get_mut(slot) {
        Some((Some(worker), busy)) => {
            worker.send(&request);
            *busy = Some(range);
        }
        _ => job.plan.give_back(range),
    }
}

/// The random runs' half of the explorer.
#[function_component(RandomRuns)]
pub fn random_runs(props: &RandomRunsProps) -> Html {
    let family = use_state(|| FAMILIES[0].preset);
    let runs = use_state(|| RUNS_DEFAULT);
    let seed_text = use_state(|| "1".to_string());
    let ctx = Ctx {
        job: use_mut_ref(|| None::<Job>),
        jobs: use_mut_ref(|| 0u32),
        progress: use_state(|| None::<Progress>),
        fallback: use_state(|| None::<String>),
    };
    let progress = ctx.progress.clone();
    // The workers' callbacks hold the context that holds the job: leaving the page breaks
    // the cycle, and terminates the workers.
    {
        let job = ctx.job.clone();
        use_effect_with((), move |_| move || drop(job.borrow_mut().take()));
    }
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
        let ctx = ctx.clone();
        let (family, runs) = (*family, *runs);
        Callback::from(move |_: MouseEvent| {
            if let Some(seed) = seed {
                ctx.start(family, runs, seed);
            }
        })
    };
    let oncancel = {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| ctx.cancel())
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
            if let Some(reason) = &*ctx.fallback {
                <p class="worker-fallback" role="note">{ fallback_note(reason) }</p>
            }
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
        let workers = match p.workers {
            0 => String::new(),
            1 => " · in a Web Worker".to_string(),
            n => format!(" · in {n} Web Workers"),
        };
        format!(
            "{} of {} runs · {}{left}{workers}",
            count(p.done),
            count(p.total),
            rate(p.done, p.seconds, "runs")
        )
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
