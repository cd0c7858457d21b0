//! Fidelity: every published time and fact of `shared/INCIDENT.md` that the model claims,
//! asserted against the race's trace and the cascade, each with its source named. A value
//! the sources do not give is the model's, and is labelled assumed where it is shown.
//!
//! Sources: [AWS] AWS's post-event summary, "Summary of the Amazon DynamoDB Service
//! Disruption in the Northern Virginia (US-EAST-1) Region", aws.amazon.com/message/101925;
//! [DAT453] the re:Invent 2025 talk by a DynamoDB engineer.
//!
//! Times are compared to the minute AWS gives, within a tolerance said in each test: the
//! model's clock is mapped so that the record empties at 23:48:05, and its operators act
//! after the published intervals, so a few seconds to two minutes of drift are the model's.

use dns_race::cascade::{self, Cascade, CascadeSettings, DwfmRetry, Response, RetryPolicy};
use dns_race::scenario::{source_of, Mitigation, Source};
use dns_race::sim::{self, resolve, Change, Event, Rejection, Trace, World};

mod common;
use common::{incident_trace, incident_trace_with};

/// Minutes after midnight PDT on 19 October of a trace time (`t_ms` since the start).
fn minutes(trace_start_ms: u64, t_ms: u64) -> i64 {
    ((trace_start_ms + t_ms) / 60_000) as i64
}

/// PDT clock `hh:mm` (hours 0–47 from midnight on 19 October) in minutes.
fn pdt(hours: i64, mins: i64) -> i64 {
    hours * 60 + mins
}

/// Asserts that `t_ms` (since the trace's start) is within `tolerance` minutes of AWS's
/// `hours:mins` PDT.
fn assert_near(what: &str, start_ms: u64, t_ms: Option<u64>, hours: i64, mins: i64, tolerance: i64) {
    let t = t_ms.unwrap_or_else(|| panic!("{what}: the model never gets there"));
    let got = minutes(start_ms, t);
    let want = pdt(hours, mins);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: the model has {:02}:{:02}, AWS {:02}:{:02} (±{tolerance} min)",
        (got / 60) % 24,
        got % 60,
        hours % 24,
        mins
    );
}

fn cascade_of(trace: &Trace, settings: &CascadeSettings) -> Cascade {
    cascade::run(trace, settings).expect("valid settings")
}

fn first_step(trace: &Trace, what: impl Fn(&sim::Step) -> bool) -> Option<&sim::Step> {
    trace.steps.iter().find(|s| what(s))
}

// ---- The race ------------------------------------------------------------------------------

#[test]
fn aws_the_regional_record_empties_at_23_48_with_noerror_and_zero_addresses() {
    let trace = incident_trace();
    let start = trace.scenario.clock_start_ms;
    let emptied = first_step(
        &trace,
        |s| matches!(&s.change, Change::CleanedUp { emptied, .. } if emptied.iter().any(|&(e, _)| e == 0)),
    )
    .expect("the clean-up empties the regional record");
    // [AWS] timeline: 23:48 PDT, regional record empty.
    assert_near("record empty", start, Some(emptied.t_ms), 23, 48, 0);
    // [AWS] "the alias points at nothing": NOERROR with zero addresses, not NXDOMAIN; Route 53
    // itself works. The model's answer: an alias to a missing tree, no addresses.
    let mut world = World::new(trace.scenario.clone());
    for step in &trace.steps[..=emptied.index as usize] {
        world.apply(step.event);
    }
    let answer = resolve(&world, 0);
    assert!(answer.addresses.is_empty() && !answer.tree_present, "{answer:?}");
}

#[test]
fn aws_the_race_runs_in_the_published_order() {
    let trace = incident_trace();
    // [AWS] three Enactors, one per Availability Zone.
    assert_eq!(trace.scenario.enactor_count, 3);
    let stale = trace.steps.iter().position(|s| s.change.overwrote_newer()).expect("a stale write");
    let Change::Wrote { generation: n, previous: newer, checked_at_ms, .. } = trace.steps[stale].change
    else {
        unreachable!("overwrote_newer is a write")
    };
    // [AWS] step 1–2: A checked its plan N once, long before it wrote it.
    let writer = trace.steps[stale].event.actor();
    let checked = trace.steps[..stale]
        .iter()
        .rposition(|s| {
            s.event.actor() == writer
                && matches!(s.change, Change::PickedUp { generation, fresh: true, .. } if generation == n)
        })
        .expect("A's one check of plan N");
    assert_eq!(trace.steps[checked].t_ms, checked_at_ms);
    assert!(
        !trace.steps[checked..stale].iter().any(|s| matches!(s.change, Change::Rechecked { .. })),
        "checks once"
    );
    // [AWS] step 3–4: meanwhile the Planner published many newer generations.
    assert!(newer >= n + 5, "B's plan {newer} is many generations newer than {n}");
    // [AWS] step 5–6: B's clean-up then deletes plan N, now the active plan.
    let cleanup = trace.steps[stale..]
        .iter()
        .find(|s| matches!(&s.change, Change::CleanedUp { deleted, .. } if deleted.contains(&n)))
        .expect("clean-up deletes plan N");
    assert!(matches!(&cleanup.change, Change::CleanedUp { emptied, .. } if emptied.contains(&(0, n))));
}

#[test]
fn aws_every_later_write_fails_until_operators_repair_by_hand() {
    let trace = incident_trace();
    let emptied = trace
        .steps
        .iter()
        .position(|s| matches!(&s.change, Change::CleanedUp { emptied, .. } if !emptied.is_empty()))
        .expect("emptied");
    let repair =
        trace.steps.iter().position(|s| s.event == Event::OperatorRepairs).expect("repaired by hand");
    // [AWS] step 7: no Enactor can apply any newer plan to the regional endpoint until the
    // operators repair it.
    let regional_writes =
        trace.steps[emptied..repair].iter().filter(|s| matches!(s.change, Change::Wrote { endpoint: 0, .. }));
    assert_eq!(regional_writes.count(), 0);
    assert!(trace.steps[emptied..repair].iter().any(|s| matches!(
        s.change,
        Change::WriteRejected { endpoint: 0, reason: Rejection::ActiveTreeMissing { .. }, .. }
    )));
}

#[test]
fn aws_diagnosis_at_00_38_and_repair_at_02_25() {
    let trace = incident_trace();
    let start = trace.scenario.clock_start_ms;
    let at = |event: Event| first_step(&trace, |s| s.event == event).map(|s| s.t_ms);
    // [AWS] 00:38 engineers identify DynamoDB's DNS state as the cause.
    assert_near("diagnosis", start, at(Event::OperatorDiagnoses), 24, 38, 0);
    // [AWS] 02:25 all DNS information restored by hand.
    assert_near("repair", start, at(Event::OperatorRepairs), 26, 25, 0);
    // The two intervals are published, and the knobs say so.
    assert!(matches!(source_of("diagnosis_ms"), Some(Source::Published(_))));
    assert!(matches!(source_of("repair_ms"), Some(Source::Published(_))));
}

#[test]
fn aws_the_endpoints_kept_are_a_choice_so_their_number_is_assumed() {
    // [AWS] lists the regional, IPv6/dual-stack, FIPS and account-specific endpoints: the
    // replay's three are its choice.
    assert_eq!(source_of("endpoint_count"), Some(Source::Assumed));
    assert!(matches!(source_of("enactor_count"), Some(Source::Published(_))));
}

#[test]
fn aws_a_slow_enactors_delays_are_narrated_as_injected_and_assumed_not_as_contention() {
    // [AWS] reports only "unusually high delays"; [DAT453] speaks of lock contention. Where the
    // model injects a delay with nobody holding the lock, it says so.
    let trace = incident_trace();
    let mut delays = 0;
    for step in &trace.steps {
        if let Change::LockLost { holder, .. } = step.change {
            let text = sim::narrate(step);
            match holder {
                None => {
                    delays += 1;
                    assert!(text.contains("delayed") && text.contains("assumed"), "{text}");
                    assert!(!text.contains("loses the lock"), "{text}");
                }
                Some(_) => assert!(text.contains("held by Enactor"), "{text}"),
            }
        }
    }
    assert!(delays >= 7, "the incident's injected delays: {delays}");
}

#[test]
fn the_races_client_is_uncached_and_says_so() {
    // [AWS] clients recovered 02:25–02:40 as cached empty answers expired: the replay's
    // client asks Route 53 directly, and its sentence says it is uncached.
    let trace = incident_trace();
    let after_repair = trace
        .steps
        .iter()
        .skip_while(|s| s.event != Event::OperatorRepairs)
        .find(|s| matches!(s.change, Change::Resolved { .. }))
        .expect("a client resolves after the repair");
    let text = sim::narrate(after_repair);
    assert!(text.contains("uncached"), "{text}");
}

// ---- The cascade ---------------------------------------------------------------------------

#[test]
fn aws_clients_recover_between_02_25_and_02_40() {
    let trace = incident_trace();
    let c = cascade_of(&trace, &CascadeSettings::default());
    let start = c.clock_start_ms;
    // [AWS] 02:25–02:40: clients recover as cached (empty) answers expire.
    let back = c.figures.clients_recovered_at_ms.expect("clients recover");
    assert!(minutes(start, back) >= pdt(26, 25) && minutes(start, back) <= pdt(26, 41), "{}", c.clock(back));
    let phase = c.phases.iter().find(|p| p.id == "clients").expect("a clients phase");
    assert_eq!(phase.aws, "02:25–02:40");
}

#[test]
fn aws_dwfm_collapses_operators_act_at_04_14_and_leases_are_back_at_05_28() {
    let trace = incident_trace();
    let c = cascade_of(&trace, &CascadeSettings::default());
    let start = c.clock_start_ms;
    // [AWS] 04:14 throttling and selective DWFM restarts.
    assert_near("DWFM actions", start, c.dwfm_actions_at_ms, 28, 14, 1);
    // [AWS] 05:28 all leases back.
    assert_near("leases back", start, c.figures.leases_back_at_ms, 29, 28, 1);
    // [AWS] "each attempt times out and is re-queued: congestive collapse": before the
    // operators act, DWFM works only on attempts nobody waits for.
    let before = c.sample_at(c.dwfm_actions_at_ms.expect("acted") - 10 * 60_000).expect("a sample");
    assert_eq!(before.dwfm_goodput_per_s, 0.0);
    assert!(before.dwfm_wasted_per_s > 0.0);
}

#[test]
fn aws_the_network_backlog_lasts_until_about_10_36() {
    let trace = incident_trace();
    let c = cascade_of(&trace, &CascadeSettings::default());
    let network = c.phases.iter().find(|p| p.id == "network").expect("a network phase");
    assert_eq!(network.aws, "05:28–10:36");
    // [AWS] 05:28–10:36 the Network Manager works through its backlog.
    assert_near("network backlog begins", c.clock_start_ms, Some(network.from_ms), 29, 28, 1);
    assert_near("network backlog ends", c.clock_start_ms, network.to_ms, 34, 36, 10);
}

#[test]
fn aws_nlb_health_checks_flap_from_05_30_until_failover_is_disabled_at_09_36() {
    let trace = incident_trace();
    let c = cascade_of(&trace, &CascadeSettings::default());
    let start = c.clock_start_ms;
    let nlb = c.phases.iter().find(|p| p.id == "nlb").expect("an NLB phase");
    assert_eq!(nlb.aws, "05:30–09:36");
    // [AWS] 05:30 health checks begin to fail on instances without network state.
    assert_near("flapping begins", start, Some(nlb.from_ms), 29, 30, 2);
    // [AWS] 09:36 engineers disable automatic health-check failover, which ends it.
    assert_near("failover disabled", start, c.failover_disabled_at_ms, 33, 36, 2);
    assert_near("flapping ends", start, nlb.to_ms, 33, 36, 2);
    // Until then failover kept healthy capacity out of service: capacity short of demand
    // the whole time, and back the moment failover is off.
    assert_near("NLB capacity covers demand", start, c.figures.nlb_recovered_at_ms, 33, 36, 2);
    let mid = c.sample_at(nlb.from_ms + 3 * 3_600_000).expect("a sample at 08:30");
    assert!(mid.nlb_capacity_pct < mid.nlb_demand_pct, "still short at 08:30: {}", mid.nlb_capacity_pct);
}

#[test]
fn aws_disabling_failover_is_what_ended_the_nlb_phase() {
    // [AWS] the flapping ended because engineers disabled automatic failover at 09:36: with
    // that action switched off, the model must not end it at the same time.
    let trace = incident_trace();
    let with = cascade_of(&trace, &CascadeSettings::default());
    let without = cascade_of(
        &trace,
        &CascadeSettings::default().with_responses(&[Response::ThrottleDwfm, Response::RestartDwfm]),
    );
    let end = |c: &Cascade| c.phases.iter().find(|p| p.id == "nlb").and_then(|p| p.to_ms).expect("ends");
    assert!(end(&without) > end(&with) + 30 * 60_000, "flapping lasts longer without the operators");
    let (a, b) = (
        with.figures.nlb_recovered_at_ms.expect("recovers"),
        without.figures.nlb_recovered_at_ms.expect("recovers"),
    );
    assert!(
        b > a + 30 * 60_000,
        "capacity covers demand {} without, {} with",
        without.clock(b),
        with.clock(a)
    );
    assert!(without.figures.nlb_short_ms > with.figures.nlb_short_ms + 30 * 60_000);
    assert_eq!(without.failover_disabled_at_ms, None);
}

#[test]
fn aws_velocity_control_keeps_capacity_and_says_it_never_fell_short() {
    // [AWS] the fix: a velocity control limits how much capacity failover may remove.
    let trace = incident_trace();
    let settings = CascadeSettings::default().with_responses(&[
        Response::ThrottleDwfm,
        Response::RestartDwfm,
        Response::VelocityControl,
    ]);
    let c = cascade_of(&trace, &settings);
    assert!(!c.figures.nlb_fell_short());
    // A capacity that never fell short has no "covers demand again" time (it used to say
    // 23:35, before the record even emptied).
    assert_eq!(c.figures.nlb_recovered_at_ms, None);
}

#[test]
fn the_race_and_the_cascade_agree_on_the_ttl() {
    // AWS does not publish the record's TTL: one assumed value, the same in the record sets
    // and the cascade's resolvers.
    let settings = CascadeSettings::default();
    assert!(cascade::ASSUMED.contains(&"dns_ttl_ms"));
    #[cfg(feature = "web")]
    assert_eq!(u64::from(dns_race::ui::view::record_set::TTL_S) * 1000, settings.dns_ttl_ms);
    assert_eq!(settings.dns_ttl_ms, 60_000);
}

// ---- Retries: what a client policy changes, and the retry that mattered -------------------

#[test]
fn a_client_retry_policy_cannot_change_ec2s_recovery() {
    let trace = incident_trace();
    let runs: Vec<Cascade> = RetryPolicy::ALL
        .iter()
        .map(|&p| cascade_of(&trace, &CascadeSettings::default().with_policy(p)))
        .collect();
    let first = &runs[0];
    for run in &runs[1..] {
        let p = run.settings.retry_policy.name();
        assert_eq!(run.figures.leases_back_at_ms, first.figures.leases_back_at_ms, "{p}");
        assert_eq!(run.figures.nlb_recovered_at_ms, first.figures.nlb_recovered_at_ms, "{p}");
        assert_eq!(run.figures.recovered_at_ms, first.figures.recovered_at_ms, "{p}");
    }
    // What it does change: the load on DynamoDB and the failed requests.
    let peaks: Vec<u64> = runs.iter().map(|r| (r.figures.peak_load_over_capacity * 10.0) as u64).collect();
    assert!(peaks.iter().any(|&p| p != peaks[0]), "{peaks:?}");
}

#[test]
fn dwfms_own_retry_is_the_one_that_decides_ec2s_recovery() {
    // [AWS] "each attempt times out and is re-queued": without the operators it never ends;
    // with back-off it grows more slowly and still never ends; dropping attempts whose host
    // gave up ends it within about an hour of the repair.
    let trace = incident_trace();
    let alone = CascadeSettings::default().with_responses(&[]);
    let requeue = cascade_of(&trace, &alone);
    let backoff = cascade_of(&trace, &alone.with_dwfm_retry(DwfmRetry::Backoff));
    let deadline = cascade_of(&trace, &alone.with_dwfm_retry(DwfmRetry::Deadline));
    assert_eq!(requeue.figures.leases_back_at_ms, None);
    assert_eq!(backoff.figures.leases_back_at_ms, None);
    let late = |c: &Cascade| c.samples.last().map(|s| s.dwfm_queue).unwrap_or_default();
    assert!(
        late(&backoff) < late(&requeue) / 4.0,
        "back-off queues fewer: {} vs {}",
        late(&backoff),
        late(&requeue)
    );
    let start = deadline.clock_start_ms;
    let leases = deadline.figures.leases_back_at_ms.expect("deadline recovers");
    assert!(minutes(start, leases) < pdt(27, 45), "{}", deadline.clock(leases));
    // Faster than 2025's recovery with every operator action.
    let operators = cascade_of(&trace, &CascadeSettings::default());
    let (fast, slow) = (
        deadline.figures.recovered_at_ms.expect("recovers"),
        operators.figures.recovered_at_ms.expect("recovers"),
    );
    assert!(fast + 3_600_000 < slow, "{} vs {}", deadline.clock(fast), operators.clock(slow));
}

// ---- Serve-stale ---------------------------------------------------------------------------

#[test]
fn serve_stale_as_rfc_8767_defines_it_does_not_help_against_an_authoritative_empty_answer() {
    use dns_race::cascade::{refresh, Upstream};
    // RFC 8767: stale data is served only when the authoritative servers cannot be reached.
    assert_eq!(refresh(Upstream::Unreachable, true, true), cascade::Refreshed { empty: false, stale: true });
    assert_eq!(refresh(Upstream::Unreachable, true, false), cascade::Refreshed { empty: true, stale: false });
    // An authoritative NOERROR with zero addresses is an answer, and replaces the cache.
    assert_eq!(
        refresh(Upstream::Answer { addresses: false }, true, true),
        cascade::Refreshed { empty: true, stale: false }
    );
    // [AWS] Route 53 itself worked: the cascade with serve-stale is the cascade without it.
    let trace = incident_trace();
    let mut on = CascadeSettings::default().responses;
    on.push(Response::ServeStale);
    let with = cascade_of(&trace, &CascadeSettings::default().with_responses(&on));
    let without = cascade_of(&trace, &CascadeSettings::default());
    assert_eq!(with.figures.stale_answers, 0);
    assert_eq!(with.figures, without.figures);
    assert_eq!(with.samples, without.samples);
}

// ---- What a run shows ----------------------------------------------------------------------

#[test]
fn fencing_token_survives_the_incident_because_clean_up_got_there_first() {
    let story = sim::story(&incident_trace_with(&[Mitigation::FencingToken]));
    assert_eq!(story.fate, Some((102, sim::Fate::DeletedFirst)));
    assert!(
        story.lines[0].contains("clean-up got there first, not because of the mitigation"),
        "{:?}",
        story.lines
    );
}

#[test]
fn recheck_before_write_drops_plan_102_on_seeing_plan_103() {
    let story = sim::story(&incident_trace_with(&[Mitigation::RecheckBeforeWrite]));
    assert_eq!(story.fate, Some((102, sim::Fate::DroppedOnRecheck)));
    assert!(
        story.lines[0].contains("saw plan 103 already applied and dropped plan 102"),
        "{:?}",
        story.lines
    );
}

#[test]
fn single_enactor_survives_but_the_story_names_the_lag_it_costs() {
    let trace = incident_trace_with(&[Mitigation::SingleEnactor]);
    assert!(trace.verdict.record_survived);
    let story = sim::story(&trace);
    let (_, served, newest, _) = story.lag.expect("the records lag the Planner");
    assert!(newest - served >= 30, "{served} behind {newest}");
    assert!(
        story.lines.iter().any(|l| l.starts_with("The cost: the records lagged the Planner")),
        "{:?}",
        story.lines
    );
}

#[test]
fn every_mitigations_story_names_the_fate_of_as_plan() {
    for m in Mitigation::ALL {
        let story = sim::story(&incident_trace_with(&[m]));
        assert!(story.fate.is_some(), "{}: {:?}", m.name(), story.lines);
        assert!(story.lines[0].contains("plan 102"), "{}: {}", m.name(), story.lines[0]);
    }
    let none = sim::story(&incident_trace());
    assert_eq!(none.fate, Some((102, sim::Fate::WroteStale)));
    assert!(none.lines[0].contains("time of check to time of use"), "{}", none.lines[0]);
}

#[test]
fn plan_expirys_text_names_what_it_does_not_close_and_what_it_needs() {
    let why = Mitigation::PlanExpiry.why();
    for needed in ["delayed by less still writes a stale plan", "clean-up horizon", "clocks"] {
        assert!(why.contains(needed), "plan-expiry's why names {needed:?}");
    }
    assert!(Mitigation::SingleEnactor.why().contains("dozens of plans behind"));
}

#[test]
fn the_readme_tells_the_stories_the_runs_show() {
    let readme = include_str!("../README.md");
    assert!(
        !readme.contains("A's old lease is rejected"),
        "fencing-token survives by clean-up, not by the token"
    );
    assert!(!readme.contains("A's re-check sees B's plan 113"), "A drops plan 102 on seeing plan 103");
    let row = |name: &str| {
        readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("a row for {name}"))
    };
    assert!(row("fencing-token").contains("clean-up"), "{}", row("fencing-token"));
    assert!(row("recheck-before-write").contains("plan 103"), "{}", row("recheck-before-write"));
    assert!(row("single-enactor").contains("lag"), "{}", row("single-enactor"));
}

// ---- The page's texts (the `web` feature) --------------------------------------------------

#[cfg(feature = "web")]
mod page {
    use super::*;
    use dns_race::ui::tour::Chapter;
    use dns_race::ui::view::aws_changes::aws_changes;
    use dns_race::ui::view::cascade::{markers, CLIENT_POLICY_REACH};

    #[test]
    fn aws_the_01_15_mitigations_are_marked_and_told() {
        // [AWS] 01:15: temporary mitigations, some internal services and tools reconnect.
        let c = cascade_of(&incident_trace(), &CascadeSettings::default());
        let marked = markers(&c);
        assert!(marked.iter().any(|m| m.label.starts_with("01:15 temporary mitigations")), "{marked:?}");
        assert!(Chapter::Repair.text().join(" ").contains("01:15 PDT (published)"));
    }

    #[test]
    fn the_tour_tells_every_published_time_it_uses_as_published() {
        let all: String = Chapter::ALL.iter().map(|c| c.text().join(" ")).collect::<Vec<_>>().join(" ");
        for time in [
            "23:48", "00:38", "01:15", "02:25", "02:40", "04:14", "05:28", "05:30", "09:36", "10:36",
            "13:50", "14:09", "14:20",
        ] {
            assert!(all.contains(time), "the tour tells {time}");
        }
    }

    #[test]
    fn what_aws_changed_keeps_the_published_fixes_apart_from_the_switches() {
        let view = aws_changes();
        let published: Vec<&str> = view.published.iter().map(|f| f.what).collect();
        // [AWS] the fixes, as INCIDENT.md lists them.
        assert_eq!(view.published.len(), 4, "{published:?}");
        assert!(published[0].contains("24–28 October") && published[0].contains("TLA+"));
        assert!(published.iter().any(|w| w.contains("velocity control")));
        assert!(published.iter().any(|w| w.contains("queue size")));
        assert!(published.iter().any(|w| w.contains("test suite")));
        // No race mitigation is presented as AWS's fix.
        for fix in &view.published {
            if let Some(name) = fix.switch {
                assert!(Mitigation::from_name(name).is_none(), "{name} is a race mitigation");
            }
        }
        assert!(view.warning.contains("not AWS's fix"));
        let race = &view.switches[0];
        assert_eq!(race.switches.len(), Mitigation::ALL.len());
        // And the tour says it to every learner, not only in the speaker notes.
        assert!(Chapter::Changes.text().join(" ").contains("not AWS's fix"));
    }

    #[test]
    fn the_retry_lesson_is_said_where_the_policies_are() {
        assert!(CLIENT_POLICY_REACH.contains("cannot change"));
        assert!(CLIENT_POLICY_REACH.contains("DWFM's own"));
    }
}

#[test]
fn the_why_texts_name_the_lessons() {
    for (m, lesson) in [
        (Mitigation::RecheckBeforeWrite, "check-then-act"),
        (Mitigation::ConditionalWrite, "check-then-act"),
        (Mitigation::FencingToken, "mutual exclusion"),
        (Mitigation::FencingToken, "not ordering"),
        (Mitigation::SafeCleanup, "“unused” from “old”"),
        (Mitigation::SelfRepair, "no way out"),
        (Mitigation::StuckAlarm, "our reasoning"),
    ] {
        assert!(m.why().contains(lesson), "{}'s why names {lesson:?}", m.name());
    }
}
