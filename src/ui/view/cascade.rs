//! After the record comes back: what the cascade section shows, from a [`Cascade`] (and a
//! second one to compare): the charts' scales, paths and ticks, the phase bands, the
//! operator actions, the readout at the cursor, the outcome figures and the assumed knobs.
//!
//! Pure: no Yew, no browser; `tests/cascade_view.rs` checks it natively. Every chart shares
//! one x axis, [`TimeAxis`], from the race's start to 14:30 PDT, so a cursor is one x for all.

use crate::cascade::{
    Cascade, CascadeSettings, DwfmRetry, Response, RetryPolicy, Sample, ASSUMED, END_CLOCK_MS,
};
use crate::sim::{format_duration, hhmm, Trace};

/// Width of every chart's `viewBox`, in user units: the charts are scaled to their box.
pub const CHART_WIDTH: f64 = 720.0;
/// Left margin of a chart's plot, for the y axis' labels.
pub const PLOT_LEFT: f64 = 58.0;
/// Right margin of a chart's plot.
pub const PLOT_RIGHT: f64 = 14.0;
/// Height of one chart's `viewBox`.
pub const CHART_HEIGHT: f64 = 128.0;
/// Top margin of a chart's plot (room for the top tick's label).
pub const PLOT_TOP: f64 = 8.0;
/// Bottom margin of a chart's plot (room for the time labels).
pub const PLOT_BOTTOM: f64 = 20.0;
/// Height of one lane of the phase strip.
pub const LANE_HEIGHT: f64 = 30.0;
/// Ticks on the time axis every this many minutes of the clock (on the hour).
const TICK_EVERY_MIN: u64 = 120;
/// One minute, the cursor's and the samples' resolution.
const MINUTE_MS: u64 = 60_000;
/// A day, in ms: clock times wrap around it.
const DAY_MS: u64 = 86_400_000;

/// The shared x axis: run time `0..=duration_ms` (ms since the trace's start) across the
/// plot's width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeAxis {
    /// PDT clock time of t = 0, ms after midnight on 19 October.
    pub clock_start_ms: u64,
    /// The run's length, ms.
    pub duration_ms: u64,
}

/// A labelled tick.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where it sits (x on the time axis, y on a value axis), in user units.
    pub at: f64,
    /// What it says.
    pub label: String,
}

impl TimeAxis {
    /// The axis of `cascade`.
    pub fn of(cascade: &Cascade) -> TimeAxis {
        TimeAxis { clock_start_ms: cascade.clock_start_ms, duration_ms: cascade.duration_ms.max(1) }
    }

    /// The axis a cascade after `trace` will have (before it has run): from the trace's start
    /// to 14:30 PDT on 20 October.
    pub fn of_trace(trace: &Trace) -> TimeAxis {
        let start = trace.scenario.clock_start_ms;
        TimeAxis {
            clock_start_ms: start,
            duration_ms: (END_CLOCK_MS.saturating_sub(start) / 1000 * 1000).max(1),
        }
    }

    /// The x of run time `t_ms` (clamped to the run).
    pub fn x(&self, t_ms: u64) -> f64 {
        let f = t_ms.min(self.duration_ms) as f64 / self.duration_ms as f64;
        PLOT_LEFT + f * (CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT)
    }

    /// The run time under `x` (a fraction of the chart's width times [`CHART_WIDTH`]),
    /// snapped to the whole minute and clamped to the run.
    pub fn t_at(&self, x: f64) -> u64 {
        let f = ((x - PLOT_LEFT) / (CHART_WIDTH - PLOT_LEFT - PLOT_RIGHT)).clamp(0.0, 1.0);
        let t = (f * self.duration_ms as f64).round() as u64;
        self.snap(t)
    }

    /// `t_ms` on the run's whole-minute grid of the clock, clamped to the run.
    pub fn snap(&self, t_ms: u64) -> u64 {
        let clock = self.clock_start_ms + t_ms.min(self.duration_ms);
        let rounded = (clock + MINUTE_MS / 2) / MINUTE_MS * MINUTE_MS;
        rounded.saturating_sub(self.clock_start_ms).min(self.duration_ms)
    }

    /// Ticks on the hour every two hours of the PDT clock: "00:00", "02:00", ….
    pub fn ticks(&self) -> Vec<Tick> {
        let every = TICK_EVERY_MIN * MINUTE_MS;
        let first = self.clock_start_ms.div_ceil(every) * every;
        (first..=self.clock_start_ms + self.duration_ms)
            .step_by(every as usize)
            .map(|clock| Tick { at: self.x(clock - self.clock_start_ms), label: hhmm(clock) })
            .collect()
    }

    /// The run time of a PDT clock time given in minutes after midnight (an `at=`): the
    /// first such time at or after the run's start, clamped to the run.
    pub fn t_of_clock(&self, minutes: u16) -> u64 {
        let wanted = u64::from(minutes) * MINUTE_MS % DAY_MS;
        let start = self.clock_start_ms % DAY_MS;
        let t = (wanted + DAY_MS - start) % DAY_MS;
        t.min(self.duration_ms)
    }

    /// The PDT clock time of run time `t_ms`, in minutes after midnight (for an `at=`).
    pub fn clock_minutes(&self, t_ms: u64) -> u16 {
        (((self.clock_start_ms + t_ms) % DAY_MS) / MINUTE_MS) as u16
    }
}

/// The run time the charts' cursor shows: `pinned` (a time the learner chose on a chart,
/// with the position the player was at then) while the player is still there; otherwise the
/// time of the replay's step at `position` (0: the trace's start).
pub fn cursor_ms(trace: &Trace, position: u32, pinned: Option<(u64, u32)>) -> u64 {
    match pinned {
        Some((t_ms, at)) if at == position => t_ms,
        _ => step_time(trace, position),
    }
}

/// The time of the world after `position` events: the last of them, or 0 before any.
pub fn step_time(trace: &Trace, position: u32) -> u64 {
    position.checked_sub(1).and_then(|i| trace.steps.get(i as usize)).map_or(0, |s| s.t_ms)
}

/// The player's position for run time `t_ms`: after the last step at or before it (past the
/// race's last step, the last position).
pub fn position_at(trace: &Trace, t_ms: u64) -> u32 {
    trace.steps.partition_point(|s| s.t_ms <= t_ms) as u32
}

/// How a chart's values map to its height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum YScale {
    /// From 0 to `max`.
    Linear {
        /// The top of the axis.
        max: f64,
    },
    /// Logarithmic from 1 to `max` (a power of ten); values below 1 sit on the floor.
    Log {
        /// The top of the axis.
        max: f64,
    },
}

impl YScale {
    /// A linear scale whose top is a round number at or above `max`.
    pub fn linear(max: f64) -> YScale {
        YScale::Linear { max: nice_ceiling(max) }
    }

    /// A log scale whose top is the power of ten at or above `max` (at least 10).
    pub fn log(max: f64) -> YScale {
        let exponent = max.max(10.0).log10().ceil();
        YScale::Log { max: 10f64.powf(exponent) }
    }

    /// The y of `value`.
    pub fn y(&self, value: f64) -> f64 {
        let bottom = CHART_HEIGHT - PLOT_BOTTOM;
        let height = bottom - PLOT_TOP;
        let f = match *self {
            YScale::Linear { max } => value / max,
            YScale::Log { max } => value.max(1.0).log10() / max.log10(),
        };
        let f = if f.is_finite() { f.clamp(0.0, 1.0) } else { 0.0 };
        bottom - f * height
    }

    /// Three to five labelled ticks.
    pub fn ticks(&self) -> Vec<Tick> {
        let values: Vec<f64> = match *self {
            YScale::Linear { max } => (0..=2).map(|i| max * f64::from(i) / 2.0).collect(),
            YScale::Log { max } => {
                let top = max.log10().round() as i32;
                let step = (top / 3).max(1);
                (0..=top).step_by(step as usize).map(|e| 10f64.powi(e)).collect()
            }
        };
        values.into_iter().map(|v| Tick { at: self.y(v), label: short_number(v) }).collect()
    }
}

/// The smallest of 1, 2, 2.5, 5 × a power of ten at or above `max` (1 for nothing).
pub fn nice_ceiling(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * power).find(|&v| v >= max * 0.999_999).unwrap_or(max)
}

/// A number for an axis: "0", "750", "12k", "2.5M".
pub fn short_number(v: f64) -> String {
    let (scaled, suffix) = match v.abs() {
        a if a >= 1e6 => (v / 1e6, "M"),
        a if a >= 1e3 => (v / 1e3, "k"),
        _ => (v, ""),
    };
    if (scaled - scaled.round()).abs() < 0.05 {
        format!("{}{suffix}", scaled.round())
    } else {
        format!("{scaled:.1}{suffix}")
    }
}

/// A whole number with thousands separators: "1,234,567".
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The SVG path of `value` over `samples`, each drawn at its minute's end.
pub fn path(axis: &TimeAxis, scale: &YScale, samples: &[Sample], value: fn(&Sample) -> f64) -> String {
    let mut d = String::with_capacity(samples.len() * 14);
    for (i, s) in samples.iter().enumerate() {
        let (x, y) = (axis.x(s.t_ms), scale.y(value(s)));
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{x:.1},{y:.1}"));
    }
    d
}

/// One line on a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Its CSS modifier (`offered`, `capacity`, …): its colour.
    pub class: &'static str,
    /// Its name in the legend.
    pub label: &'static str,
    /// The first run's path.
    pub path: String,
    /// The second run's path, drawn dashed (`None`: no second run, or a line both share).
    pub second: Option<String>,
}

/// One of the small multiples.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Its id in the page (`cascade-chart-load`).
    pub id: &'static str,
    /// Its heading.
    pub title: &'static str,
    /// What its values are, under the heading.
    pub unit: &'static str,
    /// Its value ticks.
    pub y_ticks: Vec<Tick>,
    /// Its lines.
    pub series: Vec<Series>,
}

/// What one series draws: its class, label, value, and whether a second run differs in it.
type SeriesSpec = (&'static str, &'static str, fn(&Sample) -> f64, bool);

/// The six charts, (a) to (f), for `first` and, dashed, `second`. Both runs share each
/// chart's scale, so that their lines compare.
pub fn charts(first: &Cascade, second: Option<&Cascade>) -> Vec<Chart> {
    let axis = TimeAxis::of(first);
    let specs: [(&'static str, &'static str, &'static str, bool, Vec<SeriesSpec>); 6] = [
        (
            "cascade-chart-load",
            "Load on DynamoDB",
            "writes/s offered (first tries and retries) and the capacity serving them",
            false,
            vec![
                ("offered", "offered", |s| s.offered_per_s, true),
                ("capacity", "capacity", |s| s.capacity_per_s, false),
            ],
        ),
        (
            "cascade-chart-success",
            "Writes that succeed",
            "% of attempts",
            false,
            vec![("success", "success rate", |s| s.success_pct, true)],
        ),
        (
            "cascade-chart-retries",
            "Retries",
            "retries/s",
            false,
            vec![("retries", "retries", |s| s.retries_per_s, true)],
        ),
        (
            "cascade-chart-dwfm",
            "EC2's DropletWorkflow Manager",
            "queue length and hosts without a lease (log scale)",
            true,
            vec![
                ("queue", "DWFM queue", |s| s.dwfm_queue, false),
                ("leases", "hosts without a lease", |s| s.hosts_without_lease, false),
            ],
        ),
        (
            "cascade-chart-fallback",
            "Writes kept aside",
            "cumulative writes stored in the fallback, re-fed and lost",
            false,
            vec![
                ("stored", "stored", |s| s.stored_total, true),
                ("refed", "re-fed", |s| s.refed_total, true),
                ("lost", "lost", |s| s.lost_total, true),
            ],
        ),
        (
            "cascade-chart-nlb",
            "Network Load Balancer",
            "% of capacity in service, and the demand on it",
            false,
            vec![
                ("nlb-capacity", "capacity in service", |s| s.nlb_capacity_pct, false),
                ("nlb-demand", "demand", |s| s.nlb_demand_pct, false),
            ],
        ),
    ];
    specs
        .into_iter()
        .map(|(id, title, unit, log, series)| {
            let runs = std::iter::once(first).chain(second);
            let max = runs
                .flat_map(|c| c.samples.iter())
                .flat_map(|s| series.iter().map(move |spec| (spec.2)(s)))
                .filter(|v| v.is_finite())
                .fold(0.0f64, f64::max);
            let scale = if log {
                YScale::log(max)
            } else if unit.starts_with('%') || id == "cascade-chart-nlb" {
                YScale::Linear { max: 100.0 }
            } else {
                YScale::linear(max)
            };
            let series = series
                .into_iter()
                .map(|(class, label, value, differs)| Series {
                    class,
                    label,
                    path: path(&axis, &scale, &first.samples, value),
                    second: second.filter(|_| differs).map(|c| path(&axis, &scale, &c.samples, value)),
                })
                .collect();
            Chart { id, title, unit, y_ticks: scale.ticks(), series }
        })
        .collect()
}

/// One phase as a labelled bar in the phase strip.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The phase's id (`dwfm`): its CSS modifier.
    pub id: &'static str,
    /// Where the bar starts and ends (x).
    pub x0: f64,
    /// Where the bar ends (x).
    pub x1: f64,
    /// Where its label starts (x), moved left so that it fits.
    pub label_x: f64,
    /// The label: "EC2 host leases (DWFM) · simulated 02:25–05:31 · AWS 02:25–05:28".
    pub label: String,
}

/// The phases of `cascade` as bars, one lane each, in order.
pub fn bands(cascade: &Cascade) -> Vec<Band> {
    let axis = TimeAxis::of(cascade);
    cascade
        .phases
        .iter()
        .map(|p| {
            let (x0, x1) = (axis.x(p.from_ms), axis.x(p.to_ms.unwrap_or(cascade.duration_ms)));
            let until = match p.to_ms {
                Some(to) => hhmm(cascade.clock_start_ms + to),
                None => "not over by 14:30".to_string(),
            };
            let label = format!(
                "{} · simulated {}–{until} · AWS {}",
                p.title,
                hhmm(cascade.clock_start_ms + p.from_ms),
                p.aws
            );
            // About 6 user units a character at the strip's type size.
            let width = label.chars().count() as f64 * 6.0;
            let label_x = x0.min(CHART_WIDTH - PLOT_RIGHT - width).max(2.0);
            Band { id: p.id, x0, x1: x1.max(x0 + 2.0), label_x, label }
        })
        .collect()
}

/// An operator action, marked on every chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Where (x).
    pub x: f64,
    /// What happened, with its simulated time: "04:14 DWFM throttled and restarted".
    pub label: String,
}

/// The operator actions of `cascade` that happened in the run.
pub fn markers(cascade: &Cascade) -> Vec<Marker> {
    let axis = TimeAxis::of(cascade);
    let at = |t: u64, what: &str| Marker {
        x: axis.x(t),
        label: format!("{} {what}", hhmm(cascade.clock_start_ms + t)),
    };
    let mut out = Vec::new();
    // AWS: at 01:15 temporary mitigations let some internal services and tools reconnect.
    // Published, not modelled (the model's callers wait for the record): marked while the
    // run's record is still empty then.
    let mitigations = axis.t_of_clock(TEMPORARY_MITIGATIONS_MIN);
    let empty_then = cascade.phases.iter().any(|p| {
        p.id == "dns-empty" && p.from_ms <= mitigations && p.to_ms.is_none_or(|to| mitigations < to)
    });
    if empty_then {
        out.push(at(
            mitigations,
            "temporary mitigations: some internal services reconnect (published, not modelled)",
        ));
    }
    if let Some(t) = cascade.dwfm_actions_at_ms {
        out.push(at(t, "operators throttle / restart DWFM"));
    }
    if let Some(t) = cascade.failover_disabled_at_ms {
        out.push(at(t, "operators disable NLB failover"));
    }
    out
}

/// 01:15 PDT, AWS's temporary mitigations, in minutes after midnight.
pub const TEMPORARY_MITIGATIONS_MIN: u16 = 75;

/// What the clients' retry policy can change in the outage, and what it cannot: the lesson
/// the six policies teach only when it is said (their recovery times are all the same).
pub const CLIENT_POLICY_REACH: &str = "The clients' retry policy changes how DynamoDB is hit     once the record is back: the peak load, the requests that fail, the writes lost or stored,     and when clients recover. It cannot change when the record came back (the     race and the repair decided that), nor EC2's recovery: DWFM's leases, the Network Manager's     backlog, NLB capacity and the time to full recovery are the same under every client policy.     The retry storm that kept EC2 down was DWFM's own: each lease attempt timed out and was     queued again. Change that with “EC2 hosts retry leases with”.";

/// Why a client policy's peak load is what it is: the figure that differs most between
/// them, explained where it is shown.
pub fn peak_why(policy: RetryPolicy) -> &'static str {
    match policy {
        RetryPolicy::None => {
            "No retries still re-sends: a failed batch goes back to the client's backlog, and the              backlog worker sends its next batch a second later. A resolver's workers, woken together              when its answer turned empty, stay in step and hit DynamoDB in the same tenth of a              second, every second: a high peak, though no single write is retried."
        }
        RetryPolicy::Immediate => {
            "Each failure is retried at once, in the same second, up to four times: the load              multiplies exactly when DynamoDB is short of capacity. The highest peak."
        }
        RetryPolicy::Backoff => {
            "After a failure a worker waits 1, 2, 4, 8 s: far fewer attempts than no retries, but the              waits are whole seconds, so a resolver's workers stay in step and arrive in waves."
        }
        RetryPolicy::FullJitter => {
            "A random wait moves each worker off its resolver's moment for good: the waves spread              over the second and the peak is the lowest, although more requests fail (the waits are              shorter on average)."
        }
        RetryPolicy::RetryBudget => {
            "Full jitter until a client's tokens run out; then a failed batch goes back to the backlog              without a random wait, and the workers fall back in step: a higher peak than full jitter."
        }
        RetryPolicy::CircuitBreaker => {
            "No retries, and an open breaker sends writes to a fallback store: nothing is lost, but              while a breaker is closed its workers still send in step, and the stored writes are              re-fed for hours, so clients recover last."
        }
    }
}

/// Why DWFM's retry choice does what it does.
pub fn dwfm_why(dwfm: DwfmRetry) -> &'static str {
    match dwfm {
        DwfmRetry::Requeue => {
            "As in 2025: a host whose attempt timed out queues another at once, and the old one stays              queued. Once the queue takes longer to drain than the timeout, every attempt DWFM              reaches is one nobody waits for: congestive collapse. Without the operators' throttling              and restarts it never recovers."
        }
        DwfmRetry::Backoff => {
            "Back-off queues far fewer attempts, but each one that times out is still worked on later,              for nothing: the queue grows more slowly and still collapses. Back-off alone does not              end a congestive collapse."
        }
        DwfmRetry::Deadline => {
            "DWFM drops attempts whose host has given up instead of working on them: no work is              wasted, and every lease is back within about an hour of the repair, operators or not.              Dropping dead work, not waiting longer, is what ends a congestive collapse."
        }
    }
}

/// What the serve-stale switch did in `cascade`, and why (`None` when it is off).
pub fn serve_stale_note(cascade: &Cascade) -> Option<String> {
    if !cascade.settings.has(Response::ServeStale) {
        return None;
    }
    Some(format!(
        "Serve-stale (RFC 8767) answered {} resolver refreshes from an expired cache. A resolver serves          stale data only when it cannot reach the authoritative servers; Route 53 could be reached,          and answered NOERROR with zero addresses: an authoritative answer, cached like any other.          Serve-stale guards against an unreachable DNS server, not against one that answers “nothing”.",
        grouped(cascade.figures.stale_answers)
    ))
}

/// A labelled row of a table: its label, and how its value is written from a `T`.
type Row<T> = (&'static str, fn(&T) -> String);

/// One line of the readout at the cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// What it is.
    pub label: &'static str,
    /// Its value in the first run.
    pub value: String,
    /// Its value in the second run, if one is shown.
    pub second: Option<String>,
}

/// The values at run time `t_ms` (the minute holding it), for each run.
pub fn readout(first: &Cascade, second: Option<&Cascade>, t_ms: u64) -> Vec<Reading> {
    let rows: [Row<Sample>; 8] = [
        ("Load / capacity", |s| {
            format!("{} / {} writes/s", short_number(s.offered_per_s), short_number(s.capacity_per_s))
        }),
        ("Success", |s| format!("{:.1} %", s.success_pct)),
        ("Retries", |s| format!("{}/s", short_number(s.retries_per_s))),
        ("Clients with an empty answer", |s| format!("{:.0} %", s.clients_empty_pct)),
        ("DWFM queue", |s| short_number(s.dwfm_queue)),
        ("Hosts without a lease", |s| short_number(s.hosts_without_lease)),
        ("Stored / re-fed / lost", |s| {
            format!(
                "{} / {} / {}",
                short_number(s.stored_total),
                short_number(s.refed_total),
                short_number(s.lost_total)
            )
        }),
        ("NLB capacity / demand", |s| format!("{:.0} % / {:.0} %", s.nlb_capacity_pct, s.nlb_demand_pct)),
    ];
    let value = |c: &Cascade, f: fn(&Sample) -> String| c.sample_at(t_ms).map_or_else(|| "–".to_string(), f);
    rows.into_iter()
        .map(|(label, f)| Reading { label, value: value(first, f), second: second.map(|c| value(c, f)) })
        .collect()
}

/// The cursor's time for the readout: "05:30 PDT (20 Oct) · 5 h 42 min after the record
/// emptied".
pub fn cursor_label(cascade: &Cascade, t_ms: u64) -> String {
    let clock = cascade.clock_start_ms + t_ms;
    let day = 19 + clock / DAY_MS;
    let mut label = format!("{} PDT ({day} Oct)", hhmm(clock));
    if let Some(emptied) = cascade.figures.emptied_at_ms {
        if t_ms >= emptied {
            label.push_str(&format!(
                " · {} after the record emptied",
                format_duration((t_ms - emptied) / MINUTE_MS * MINUTE_MS)
            ));
        } else {
            label.push_str(" · before the record empties");
        }
    }
    label
}

/// One outcome figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What it is.
    pub label: String,
    /// Its value in the first run.
    pub value: String,
    /// Its value in the second run, if one is shown.
    pub second: Option<String>,
}

/// A time of the run as "05:31 PDT"; without one, "no outage" if the record never emptied,
/// else "not by 14:30".
fn clock_or_never(cascade: &Cascade, t: Option<u64>) -> String {
    t.map_or_else(|| never(cascade), |t| format!("{} PDT", hhmm(cascade.clock_start_ms + t)))
}

/// What a recovery time says when there is none.
fn never(cascade: &Cascade) -> String {
    if cascade.figures.emptied_at_ms.is_none() { "no outage" } else { "not by 14:30" }.to_string()
}

/// The outcome figures of each run.
pub fn figures(first: &Cascade, second: Option<&Cascade>) -> Vec<Figure> {
    let rows: [Row<Cascade>; 11] = [
        ("Time to full recovery (from the record emptying)", |c| {
            c.figures
                .time_to_recovery_ms
                .map_or_else(|| never(c), |t| format_duration(t / MINUTE_MS * MINUTE_MS))
        }),
        ("Recovered at", |c| clock_or_never(c, c.figures.recovered_at_ms)),
        (PEAK, |c| format!("{:.1}×", c.figures.peak_load_over_capacity)),
        ("Requests failed", |c| grouped(c.figures.requests_failed)),
        ("Writes lost", |c| grouped(c.figures.writes_lost)),
        ("Writes stored / re-fed", |c| {
            format!("{} / {}", grouped(c.figures.writes_stored), grouped(c.figures.writes_refed))
        }),
        ("Clients recovered", |c| clock_or_never(c, c.figures.clients_recovered_at_ms)),
        ("All host leases back", |c| clock_or_never(c, c.figures.leases_back_at_ms)),
        ("NLB capacity covers demand", |c| {
            if c.figures.nlb_fell_short() {
                clock_or_never(c, c.figures.nlb_recovered_at_ms)
            } else if c.figures.emptied_at_ms.is_none() {
                never(c)
            } else {
                "never fell short".to_string()
            }
        }),
        ("NLB capacity short of demand for", |c| match c.figures.nlb_short_ms / MINUTE_MS * MINUTE_MS {
            0 => "never".to_string(),
            t => format_duration(t),
        }),
        ("Lowest NLB capacity in service", |c| format!("{:.0} %", c.figures.nlb_capacity_min_pct)),
    ];
    // The peak is of the busiest burst window, whose length is a knob: the label says it.
    let window = format_duration(first.settings.service_burst_window_ms);
    rows.into_iter()
        .map(|(label, f)| Figure {
            label: if label == PEAK { format!("{PEAK} (busiest {window})") } else { label.to_string() },
            value: f(first),
            second: second.map(f),
        })
        .collect()
}

/// The label of the peak's row, before the burst window's length.
const PEAK: &str = "Peak load over capacity";

/// The assumed knobs of `settings` as short phrases, in the order of [`ASSUMED`]:
/// "10,000 clients", "TTL 60 s", …. Every knob AWS did not publish is one.
pub fn assumed_knobs(settings: &CascadeSettings) -> Vec<String> {
    let Ok(serde_json::Value::Object(values)) = serde_json::to_value(settings) else {
        return Vec::new();
    };
    ASSUMED
        .iter()
        .filter_map(|&name| {
            let value = values.get(name)?.as_u64()?;
            Some(knob_phrase(name, value))
        })
        .collect()
}

/// One knob as a phrase: "clients: 10,000", "dns_ttl_ms: 60 s".
fn knob_phrase(name: &str, value: u64) -> String {
    let shown = if name.ends_with("_ms") {
        format_duration(value)
    } else if name.ends_with("_pct") {
        format!("{value} %")
    } else {
        grouped(value)
    };
    format!("{}: {shown}", name.trim_end_matches("_ms").replace('_', " "))
}

/// The headline of the assumptions: "assumed: 10,000 clients behind 40 resolvers, TTL 60 s,
/// negative TTL 15 min, …".
pub fn assumed_headline(settings: &CascadeSettings) -> String {
    format!(
        "assumed: {} clients behind {} resolvers, TTL {}, negative TTL {}, DynamoDB capacity {} % of \
         normal load, {} EC2 hosts, {} NLB nodes, …",
        grouped(settings.clients.into()),
        settings.resolvers,
        format_duration(settings.dns_ttl_ms),
        format_duration(settings.dns_negative_ttl_ms),
        settings.service_capacity_pct,
        grouped(settings.dwfm_hosts.into()),
        settings.nlb_nodes
    )
}

/// One event of AWS's order of events in the NLB phase, with the simulated time.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// The simulated time, "23:48" (or "–" if the run never got there).
    pub at: String,
    /// What happened.
    pub what: &'static str,
}

/// AWS's order of events, from the DNS race to failover removing healthy capacity, with the
/// times of the simulated run.
pub fn aws_order(cascade: &Cascade) -> Vec<Cause> {
    let at = |t: Option<u64>| t.map_or_else(|| "–".to_string(), |t| hhmm(cascade.clock_start_ms + t));
    let phase = |id: &str| cascade.phases.iter().find(|p| p.id == id).map(|p| p.from_ms);
    vec![
        Cause {
            at: at(cascade.figures.emptied_at_ms),
            what: "the DNS race empties DynamoDB's regional record",
        },
        Cause {
            at: at(cascade.figures.emptied_at_ms),
            what: "DynamoDB is unreachable, for AWS's own services too",
        },
        Cause { at: at(phase("dwfm")), what: "DWFM's lease queue collapses (congestive collapse)" },
        Cause {
            at: at(phase("network")),
            what: "Network Manager works through a backlog; new instances launch without connectivity",
        },
        Cause {
            at: at(cascade.figures.first_false_health_failure_ms),
            what: "NLB health checks fail on new instances whose network state has not arrived",
        },
        Cause {
            at: at(cascade.figures.first_false_health_failure_ms),
            what: "automatic failover removes healthy capacity",
        },
    ]
}

/// How long after the record emptied the first false health-check failure came: "the first
/// false health-check failure comes 5 h 40 min after the record emptied".
pub fn first_false_failure(cascade: &Cascade) -> String {
    match (cascade.figures.emptied_at_ms, cascade.figures.first_false_health_failure_ms) {
        (Some(emptied), Some(first)) if first >= emptied => format!(
            "In this run the first false health-check failure comes {} after the record emptied, at {} PDT.",
            format_duration((first - emptied) / MINUTE_MS * MINUTE_MS),
            hhmm(cascade.clock_start_ms + first)
        ),
        (None, _) => "In this run the record never emptied: no health check failed falsely.".to_string(),
        _ => "In this run no health check failed falsely.".to_string(),
    }
}
