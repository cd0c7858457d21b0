//! The guided tour: the incident told chapter by chapter, in the order of AWS's summary
//! (`shared/INCIDENT.md`). Pure Rust: what each chapter says, what a presenter says with it,
//! where it puts the cursor, and the "what happens next?" question it asks there.
//!
//! A chapter's position is found in the trace (A's pick-up of the plan it will write stale,
//! the clean-up that empties the record, ...), never written down as a step number: the
//! tests in `tests/tour.rs` check that each position shows what the chapter's text says.

use super::link::{Cursor, Link, Run, View};
use super::view::cascade::{position_at, TimeAxis};
use crate::sim::{Change, Event, Invariant, Rejection, Trace};

/// A chapter of the guided tour, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Chapter {
    /// The DNS automation: Planner, plans, three Enactors, Route 53's trees and aliases.
    Design,
    /// Enactor A falls behind while B races ahead with much newer plans.
    Race,
    /// A's stale write and B's clean-up: the regional record answers with no addresses.
    Empty,
    /// Every later write needs the deleted tree: no Enactor can fix it.
    Stuck,
    /// Operators find the cause and restore the records by hand.
    Repair,
    /// What AWS changed afterwards.
    Changes,
    /// The learner switches mitigations on and sees whether the record survives.
    Try,
    /// After the repair: resolvers' caches hold the empty answer (02:25–02:40).
    Caches,
    /// The clients' retries when the record comes back: compare policies.
    Storm,
    /// EC2's DropletWorkflow Manager in congestive collapse (02:25–05:28).
    Collapse,
    /// NLB health checks fail on instances without network state (05:30–09:36).
    Health,
    /// The end of the event (13:50, 14:09, 14:20).
    End,
}

/// A "what happens next?" question, asked at its chapter's position and answered by the
/// event right after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// The question, with what the learner needs to guess.
    pub question: &'static str,
    /// Two to four answers to pick from.
    pub choices: &'static [&'static str],
    /// The index in `choices` of the right one.
    pub answer: usize,
    /// One sentence on what the next event does, shown once it has happened.
    pub explanation: &'static str,
}

/// Where the cursor is, seen from a prompt asked at one position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptStage {
    /// At the prompt's position: the question is open.
    Asking,
    /// One event later: the event the question was about has happened; show the answer.
    Answered,
    /// Anywhere else: the question does not apply to what is shown.
    Elsewhere,
}

impl PromptStage {
    /// The stage of a prompt asked at `asked_at` when the cursor is at `cursor`.
    pub fn of(asked_at: u32, cursor: u32) -> PromptStage {
        if cursor == asked_at {
            PromptStage::Asking
        } else if cursor == asked_at.saturating_add(1) {
            PromptStage::Answered
        } else {
            PromptStage::Elsewhere
        }
    }
}

impl Chapter {
    /// Every chapter, in reading order.
    pub const ALL: [Chapter; 12] = [
        Chapter::Design,
        Chapter::Race,
        Chapter::Empty,
        Chapter::Stuck,
        Chapter::Repair,
        Chapter::Changes,
        Chapter::Try,
        Chapter::Caches,
        Chapter::Storm,
        Chapter::Collapse,
        Chapter::Health,
        Chapter::End,
    ];

    /// Where a chapter about the cascade puts the charts' cursor: a PDT clock time in
    /// minutes after midnight (`None`: a chapter about the race).
    pub fn cascade_clock(self) -> Option<u16> {
        let at = |h: u16, m: u16| Some(h * 60 + m);
        match self {
            Chapter::Caches => at(2, 30),
            Chapter::Storm => at(2, 26),
            Chapter::Collapse => at(4, 14),
            Chapter::Health => at(6, 0),
            Chapter::End => at(14, 20),
            _ => None,
        }
    }

    /// The chapter's name in a link (`chapter=race`).
    pub fn id(self) -> &'static str {
        match self {
            Chapter::Design => "design",
            Chapter::Race => "race",
            Chapter::Empty => "empty",
            Chapter::Stuck => "stuck",
            Chapter::Repair => "repair",
            Chapter::Changes => "changes",
            Chapter::Try => "try",
            Chapter::Caches => "caches",
            Chapter::Storm => "storm",
            Chapter::Collapse => "collapse",
            Chapter::Health => "health",
            Chapter::End => "end",
        }
    }

    /// The chapter called `id` in a link.
    pub fn from_id(id: &str) -> Option<Chapter> {
        Chapter::ALL.into_iter().find(|c| c.id() == id)
    }

    /// Its number, from 1, as in "Chapter 2 of 7".
    pub fn number(self) -> usize {
        Chapter::ALL.iter().position(|&c| c == self).map_or(1, |i| i + 1)
    }

    /// The chapter after this one, if any.
    pub fn next(self) -> Option<Chapter> {
        Chapter::ALL.get(self.number()).copied()
    }

    /// The chapter before this one, if any.
    pub fn previous(self) -> Option<Chapter> {
        self.number().checked_sub(2).and_then(|i| Chapter::ALL.get(i)).copied()
    }

    /// The chapter's heading.
    pub fn title(self) -> &'static str {
        match self {
            Chapter::Design => "The design",
            Chapter::Race => "The race",
            Chapter::Empty => "The empty record",
            Chapter::Stuck => "Stuck",
            Chapter::Repair => "The repair",
            Chapter::Changes => "What AWS changed",
            Chapter::Try => "Try a mitigation yourself",
            Chapter::Caches => "Caches hold the empty answer",
            Chapter::Storm => "The retry storm",
            Chapter::Collapse => "Congestive collapse",
            Chapter::Health => "The health checks that lied",
            Chapter::End => "The end",
        }
    }

    /// What the chapter says, a paragraph per item. Times the model chose are called
    /// assumed; the clock times AWS published are called published.
    pub fn text(self) -> &'static [&'static str] {
        match self {
            Chapter::Design => &[
                "DynamoDB's regional endpoint, dynamodb.us-east-1.amazonaws.com, is a DNS name served by \
                 Route 53 and backed by hundreds of load balancers. The replay keeps three of the \
                 region's endpoints (regional, dual-stack, FIPS) and six load balancers.",
                "The DNS Planner watches the load balancers and now and then publishes a plan: which of \
                 them to use, and their weights, numbered by an increasing generation. How often it \
                 runs is not published; the replay's interval is assumed.",
                "Three DNS Enactors, one in each of three Availability Zones, each pick up the latest \
                 plan, check once that it is newer than the plan already applied, and write it to one \
                 endpoint after another, taking that endpoint's lock first and backing off when another \
                 Enactor holds it. Then they clean up: they delete plans much older than the one they \
                 applied.",
                "Each plan is its own tree of records. The endpoint's name is an alias to the active \
                 plan's tree, and a rollback record points at the plan before it. Deleting a plan \
                 deletes its tree.",
                "Why it was believed safe: two mechanisms, each harmless alone. A late Enactor writing \
                 an older plan was routine and harmless, because the next pass overwrites it within \
                 minutes. Clean-up deleting old plans was harmless, because an old plan is an unused \
                 one, or so clean-up inferred: it decided “unused” from “old”. The outage needed both \
                 at once: an old plan that was in use.",
            ],
            Chapter::Race => &[
                "Enactor A picks up a plan and checks, once, that it is newer than the plan already \
                 applied. It is.",
                "Then A's attempts on the regional endpoint fail, over and over. A few times another \
                 Enactor holds the lock; mostly nobody does, and the replay simply delays A. AWS reports \
                 only “unusually high delays” while A retried several endpoints (the re:Invent talk \
                 speaks of lock contention): the replay injects those delays, and their number and \
                 length are assumed. Each one leaves A further behind.",
                "Meanwhile the Planner keeps publishing newer plans, and Enactors B and C apply them to \
                 every endpoint. A still holds its old plan, and nothing makes it check again.",
                "The lesson has a name: check-then-act, or time of check to time of use (TOCTOU). A \
                 checked that its plan was newer, then acted on that check minutes later, when it was \
                 no longer true. The per-endpoint lock does not help: a lock gives mutual exclusion \
                 (one writer at a time), not ordering (the newest plan last). A holds the lock \
                 rightfully when it writes its old plan.",
            ],
            Chapter::Empty => &[
                "Enactor B takes a much newer plan and runs through all three endpoints quickly. As it \
                 finishes, A, still on its old plan, gets the regional endpoint's lock at last and \
                 writes its plan over B's newer one: its freshness check was stale by then.",
                "B then cleans up. A's plan is many generations older than B's, so B deletes it, \
                 although it is now the regional endpoint's active plan. The alias points at nothing.",
                "DNS answers NOERROR with zero addresses, not NXDOMAIN: Route 53 itself works normally. \
                 Everything that resolves the endpoint fails, AWS's own services included. AWS's \
                 timeline has the record empty from 23:48 PDT (published; the seconds are assumed).",
            ],
            Chapter::Stuck => &[
                "Every write must point the rollback record at the endpoint's active plan. That plan's \
                 records no longer exist, so Route 53 rejects the write.",
                "Every later write to the regional endpoint fails the same way, whichever Enactor makes \
                 it and however new its plan: no Enactor can apply a newer plan, and the automation \
                 cannot repair itself.",
                "Why it needed hands: a rule with no way out. Every write must point the rollback record \
                 at the active plan, and nothing in the automation handles the case where that plan is \
                 gone. Compare self-repair (in “Try a mitigation yourself”): an Enactor that treats the \
                 missing plan as valid and writes anyway ends the outage at its next write, in seconds.",
                "Engineers identified DynamoDB's DNS state as the cause at 00:38 PDT (published), about \
                 50 minutes after the record emptied. Why it took that long is not published; our \
                 reasoning: NOERROR looks like success (a client sees a working DNS server, not an \
                 error), and no alarm watched for an alias pointing at a deleted tree, so the symptom \
                 was DynamoDB failing, for AWS's own services too, not DNS failing.",
            ],
            Chapter::Repair => &[
                "At 01:15 PDT (published) temporary mitigations let some internal services and tools \
                 reconnect; the replay does not model them. With no automatic way out, engineers \
                 restored all DNS information by hand, at 02:25 PDT (published): every endpoint's alias \
                 points at the latest plan again, and the Enactors can write again.",
                "The replay's client asks Route 53 directly, uncached, so it sees the addresses at once. \
                 Real clients ask caching resolvers, and recovered between 02:25 and 02:40 (published) \
                 as their cached empty answers expired. The outage went on for hours: EC2's DropletWorkflow Manager re-established its host leases \
                 only by 05:28, new instances lacked network connectivity until 10:36, and AWS declared \
                 the event over at 14:20. The replay covers the DNS part; the section “After the \
                 record comes back” plays the rest, and the last chapters of the tour go through it.",
            ],
            Chapter::Changes => &[
                "AWS disabled the DNS Planner and Enactor automation worldwide, and re-enabled it region \
                 by region from 24 to 28 October, after fixing the race and adding protections against \
                 applying incorrect plans. The fix was checked against a TLA+ model of the design.",
                "The cursor is back at Enactor A's stale write: the kind of write those protections are \
                 there to stop.",
                "Elsewhere, Network Load Balancer got a velocity control that limits how much capacity \
                 health-check failover may remove, and EC2 a test suite for its DropletWorkflow Manager \
                 recovery and throttling by queue size.",
                "AWS does not publish how its protections work. The switches in the next chapter are \
                 ideas from write-ups of the incident, not AWS's fix: the section “What AWS changed” \
                 keeps the two apart.",
            ],
            Chapter::Try => &[
                "Switch a mitigation on: the same scenario runs again at once, with the same seed. The \
                 cursor stops at the last event both runs share; step forward to see the mitigation \
                 act.",
                "Some mitigations stop the stale write, some stop the clean-up from deleting a plan in \
                 use, and some only narrow the gap or lower the odds. The explorer further down checks \
                 your choice against every schedule, not just this one.",
                "Each has a cost, and “survived” can hide it: with single-enactor the records lag the \
                 Planner by dozens of plans while A is slow; plan-expiry still writes stale plans when \
                 the delay is shorter than the expiry. The side by side says what the run shows, cost \
                 included. None of these switches is AWS's fix.",
            ],
            Chapter::Caches => &[
                "Engineers restored all DNS information by hand at 02:25 PDT (published). Clients did not \
                 all come back at that moment: the resolvers they ask had cached the empty answer, and \
                 clients recovered between 02:25 and 02:40 (published) as those cached answers expired.",
                "The charts' cursor is at 02:30. Look at the load and success charts: writes succeed \
                 again resolver by resolver, not all at once. How many clients and resolvers there are \
                 and how long an answer is cached (TTL and negative TTL) are assumed.",
            ],
            Chapter::Storm => &[
                "While the record was empty every write failed, and each client's SDK retried by its \
                 policy. When the answers come back, the retries and the writes held back arrive \
                 together: the load chart's line rises above DynamoDB's capacity.",
                "AWS's summary does not describe its clients' retries: this chapter is the model's \
                 picture of the retry storm and thundering herd after recovery that write-ups of the \
                 incident warn about, and its clients, load and capacity are assumed. Pick immediate retries, then compare with no \
                 retries or back-off with full jitter: the second policy is drawn dashed.",
                "Look at what does not move: under every client policy the leases, the NLB and the time \
                 to full recovery are the same. A client's retry policy shapes the load on DynamoDB; \
                 it cannot touch EC2's recovery. The retry storm that mattered was DWFM's own, next.",
            ],
            Chapter::Collapse => &[
                "From 02:25 PDT (published) EC2's DropletWorkflow Manager (DWFM) set about re-establishing \
                 its host leases. Attempts timed out before they finished and were queued again, so \
                 the queue kept growing: AWS calls it congestive collapse.",
                "At 04:14 (published) engineers throttled incoming work and restarted DWFM hosts \
                 selectively, and by 05:28 (published) all leases were back. The cursor is at 04:14: \
                 watch the queue and the hosts without a lease fall after the marked line. The number \
                 of hosts and DWFM's rates are assumed.",
                "This is the retry storm that kept EC2 down: DWFM's own re-queueing, not the clients'. \
                 Set “EC2 hosts retry leases with” to back-off: the queue grows more slowly and still \
                 collapses. Set it to dropping timed-out attempts: nothing is wasted, and the leases \
                 come back within about an hour, without the operators.",
            ],
            Chapter::Health => &[
                "From 05:28 to 10:36 (published) the Network Manager worked through a backlog of network \
                 configuration, and new instances launched without connectivity. From 05:30 (published) \
                 NLB health checks ran on instances whose network state had not arrived; they failed, \
                 and automatic AZ failover removed healthy capacity, until engineers disabled automatic \
                 health-check failover at 09:36 (published).",
                "The chain of dependencies: DynamoDB's DNS record → DWFM's host leases (stored in \
                 DynamoDB) → EC2 launches (a host needs a lease) → the Network Manager (each new \
                 instance's network state) → NLB health checks (run on instances whose state had not \
                 arrived). Each layer waited for the one before it, so each recovered later.",
                "Switch “Operators disable NLB failover” off: failover keeps removing healthy capacity \
                 until the last new instance gets its network state, and NLB capacity stays short of \
                 demand for about 50 minutes longer.",
                "Some popular accounts say a monitoring system misreported health and caused the outage. \
                 In AWS's summary these health checks were a later casualty, not the origin: the two \
                 accounts stand side by side under the NLB chart, with this run's times.",
            ],
            Chapter::End => &[
                "EC2's APIs and launches were normal by 13:50 PDT, NLB's automatic failover was \
                 re-enabled at 14:09, and AWS declared the event over at 14:20 (all published): about \
                 fourteen and a half hours after the record emptied at 23:48 (published), for under \
                 three hours of empty DNS.",
                "Switch the operators' actions off, or AWS's later fixes on, and compare how long the \
                 recovery takes in the outcome figures. The model's knobs are assumed; its figures \
                 show what each switch changes, not what happened to the minute.",
            ],
        }
    }

    /// What a presenter may say with the chapter: hints for the speaker, not for the page.
    pub fn notes(self) -> &'static [&'static str] {
        match self {
            Chapter::Design => &[
                "Point at the three Enactor boxes: independent, with no coordination but the \
                 per-endpoint lock.",
                "Stress the word once: the freshness check runs at pick-up and never again.",
                "How many old plans clean-up keeps is not published; the replay keeps 10 (assumed).",
            ],
            Chapter::Race => &[
                "Ask the room what A's check is worth ten minutes later.",
                "Arrow keys step one event; the sequence diagram's hatched band shows how old A's \
                 check grows.",
                "AWS says A met unusually high delays on several endpoints in a row; the replay injects \
                 them on the regional one again and again, and says so (assumed).",
            ],
            Chapter::Empty => &[
                "The moment everyone remembers: point at the regional record set, status NOERROR, \
                 ANSWER: 0.",
                "Myth to bust: a monitoring system did not misreport health and cause this. In AWS's \
                 summary the NLB health checks were a later casualty.",
            ],
            Chapter::Stuck => &[
                "This is why it lasted hours, not seconds: the inconsistent state blocks every repair \
                 the automation could make.",
                "Ask which design would let an Enactor repair it (self-repair, in the last chapter).",
            ],
            Chapter::Repair => &[
                "Empty from 23:48 to 02:25: 2 h 37 min, both ends published.",
                "The DNS repair was the start of the recovery, not its end: the retry storm and EC2's \
                 congestive collapse followed.",
            ],
            Chapter::Changes => {
                &["The page says it too: the switches of the next chapter are not AWS's fix. Open “What AWS \
                 changed” to show the published fixes beside the switches."]
            }
            Chapter::Caches => &[
                "Point at the success chart's climb between 02:25 and 02:40.",
                "A zero-address answer is cached like a missing one: the negative TTL (assumed) decides \
                 how long a client keeps it.",
            ],
            Chapter::Storm => &[
                "Set immediate retries against no retries: the peak over capacity is the point. Then \
                 plain back-off against full jitter: jitter's peak is lower, though more of its \
                 requests fail (its waits are shorter).",
                "Every number in this chapter is assumed; AWS does not publish its clients' behaviour.",
            ],
            Chapter::Collapse => &[
                "Congestive collapse: the work done is wasted because it times out; more retries make \
                 it worse.",
                "Switch the operators' throttling and restarts off to see the queue never drain.",
            ],
            Chapter::Health => &[
                "Myth to bust: the health checks did not start the outage; they failed because the \
                 network state had not arrived.",
                "Switch AWS's velocity control on: failover may remove only a little capacity at a time.",
            ],
            Chapter::End => &["From 23:48 to 14:20: DNS was the trigger, the recovery was the long part."],
            Chapter::Try => &[
                "Good ones to try live: conditional-write (A's stale write is rejected), safe-cleanup \
                 (the stale write lands but nothing in use is deleted), self-repair (empty for \
                 seconds, not hours).",
                "recheck-before-write survives this schedule, yet the explorer finds one in which the \
                 record empties: safe, or lucky?",
            ],
        }
    }

    /// The "what happens next?" question asked at the chapter's position, if any.
    pub fn prompt(self) -> Option<Prompt> {
        match self {
            Chapter::Race => Some(Prompt {
                question: "A now goes for the regional endpoint's lock, which Enactor C holds. What \
                           happens next?",
                choices: &[
                    "A waits for C to finish, then checks its plan again",
                    "A backs off to retry later, keeping its plan without checking it again",
                    "A drops its plan and picks up the newest one",
                ],
                answer: 1,
                explanation: "A finds the lock held by C and backs off for a minute (assumed); it keeps \
                              its plan, and its one freshness check is never repeated.",
            }),
            Chapter::Empty => Some(Prompt {
                question: "The regional endpoint answers with zero addresses. Enactor C holds the \
                           newest plan. What does it do next?",
                choices: &[
                    "It raises an alarm: the active plan's records are missing",
                    "It takes the regional endpoint's lock to write its plan, as on any other round",
                    "It waits for the Planner to publish a plan that repairs the endpoint",
                ],
                answer: 1,
                explanation: "C takes the lock to write its plan as usual: nothing in the automation \
                              looks for an alias that points at nothing.",
            }),
            Chapter::Stuck => Some(Prompt {
                question: "C's write was rejected. What does the Planner do next?",
                choices: &[
                    "It stops publishing: its plans are not being applied",
                    "It pages the operators",
                    "It publishes another plan, as if nothing were wrong",
                ],
                answer: 2,
                explanation: "The Planner publishes its next plan: it watches load balancers, not the \
                              records, and every new plan will meet the same missing tree.",
            }),
            Chapter::Repair => Some(Prompt {
                question: "The operators have restored the records. Enactor B picks up the latest plan. \
                           What does it find?",
                choices: &[
                    "Its write is rejected again: the tree is still missing",
                    "That plan is already applied: nothing to do",
                    "It must wait for the operators to unlock the endpoint",
                ],
                answer: 1,
                explanation: "B finds the plan the operators wrote already applied and does nothing: the \
                              automation runs normally again.",
            }),
            _ => None,
        }
    }

    /// Where the chapter puts the cursor in `trace` (a position: events applied), found from
    /// its events; `None` if the run has no such moment (a mitigation prevented it).
    pub fn position(self, trace: &Trace) -> Option<u32> {
        let steps = &trace.steps;
        let after = |i: usize| i as u32 + 1;
        let stale_write = steps.iter().position(|s| s.change.overwrote_newer());
        match self {
            // Before the first event: everything works.
            Chapter::Design => Some(0),
            // Right after the stale writer picked up the plan it will write stale.
            Chapter::Race => {
                let write = stale_write?;
                let writer = steps[write].event.actor();
                let Change::Wrote { generation, .. } = steps[write].change else {
                    return None;
                };
                steps[..write]
                    .iter()
                    .rposition(|s| {
                        s.event.actor() == writer
                            && matches!(s.change, Change::PickedUp { generation: g, fresh: true, .. } if g == generation)
                    })
                    .map(after)
            }
            // Right after the first step that leaves an endpoint with zero addresses.
            Chapter::Empty => {
                steps.iter().position(|s| s.violations.contains(&Invariant::NeverEmpty)).map(after)
            }
            // Right after the first write rejected because the active tree is gone.
            Chapter::Stuck => steps
                .iter()
                .position(|s| {
                    matches!(
                        s.change,
                        Change::WriteRejected { reason: Rejection::ActiveTreeMissing { .. }, .. }
                    )
                })
                .map(after),
            // Right after the operators' repair.
            Chapter::Repair => steps.iter().position(|s| s.event == Event::OperatorRepairs).map(after),
            // Right after the stale write that AWS's protections are there to stop.
            Chapter::Changes => stale_write.map(after),
            // The end of the run, where its outcome is known.
            Chapter::Try => Some(steps.len() as u32),
            // A chapter about the cascade: the last event at or before its moment.
            Chapter::Caches | Chapter::Storm | Chapter::Collapse | Chapter::Health | Chapter::End => {
                let minutes = self.cascade_clock()?;
                Some(position_at(trace, TimeAxis::of_trace(trace).t_of_clock(minutes)))
            }
        }
    }
}

/// Whether `chapter` can be told over `run`: the tour follows the incident (its preset, seed
/// and knobs, the timed schedule), without mitigations except in the chapter that asks the
/// learner to switch them on.
pub fn follows_incident(run: &Run, chapter: Chapter) -> bool {
    run.is_incident_schedule() && (chapter == Chapter::Try || run.mitigations.is_empty())
}

/// The link that opens `chapter` over the incident: the cursor at the start, how the page is
/// shown kept (presenter mode, colours) and the cascade's controls (they do not change the
/// race); of the run, only the mitigations, and only in the chapter about them.
pub fn incident_link(link: &Link, chapter: Chapter) -> Link {
    let mitigations = if chapter == Chapter::Try { link.run.mitigations.clone() } else { Vec::new() };
    Link {
        run: Run { mitigations, ..Run::default() },
        cursor: Cursor::default(),
        view: View {
            chapter: Some(chapter),
            present: link.view.present,
            theme: link.view.theme,
            ..View::default()
        },
        cascade: link.cascade.clone(),
    }
}

/// Where a page opened with `link` puts the cursor when the link names a chapter but no
/// step: the chapter's position, if the run is one the tour follows.
pub fn opening_position(link: &Link, trace: &Trace) -> Option<u32> {
    match (link.cursor.step, link.view.chapter) {
        (None, Some(chapter)) if follows_incident(&link.run, chapter) => chapter.position(trace),
        _ => None,
    }
}
