//! The architecture diagram: the Planner and its plan store, the Enactors in their
//! Availability Zones, Route 53's records per endpoint, the clients and the operators, as
//! they stand at the cursor, with the event that got them there highlighted.
//!
//! Every word, state and highlight is decided here, so that what a learner reads in the
//! diagram is tested natively; the component only places it.

use super::{actor_class, enactor_class};
use crate::scenario::Mitigation;
use crate::sim::{
    classify, count, enactor_name, endpoint_host, endpoint_label, format_duration, format_pdt, resolve,
    time_of_day, Actor, Change, Enactor, Event, Generation, Phase, Rejection, Step, World,
};
use crate::ui::replay::Moment;

/// What the caption says before the first event, when nothing has happened yet.
pub const BEFORE_FIRST_EVENT: &str = "Every endpoint serves the newest plan. Step forward to start the race.";

/// Most plans the store shows as tokens. The story needs the newest plans, the ones the
/// Enactors hold and the ones a clean-up just deleted; the rest fold into counted gaps.
pub const STORE_TOKENS: usize = 6;

/// A box of the diagram, where the arrow of an event starts or ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Node {
    /// The DNS Planner.
    Planner,
    /// The plan store.
    Store,
    /// Enactor number n (0 = A).
    Enactor(u8),
    /// Route 53's records of endpoint n (0 = regional).
    Endpoint(u8),
    /// The clients resolving the regional endpoint.
    Client,
    /// The on-call engineers.
    Operators,
}

pub use crate::sim::Tone;

/// One arrow of the event at the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flow {
    /// Where it starts.
    pub from: Node,
    /// Where it points.
    pub to: Node,
    /// How it reads.
    pub tone: Tone,
    /// Whether it was refused (a lock held, a write rejected): drawn ending in a bar.
    pub blocked: bool,
}

/// The event at the cursor, as the diagram highlights it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Current {
    /// Who acted.
    pub actor: Node,
    /// The actor's CSS modifier: "planner", "enactor-a", "client", "operators", ...
    pub actor_class: &'static str,
    /// The actor's badge: "P", "A", "Cl", "Op".
    pub badge: String,
    /// The actor's name: "Enactor A", "A client", "Operators".
    pub who: String,
    /// What it did, short enough for one line beside the name: "writes old plan 102 over
    /// 113 on regional".
    pub caption: String,
    /// How it reads.
    pub tone: Tone,
    /// Its arrows.
    pub flows: Vec<Flow>,
}

/// The Planner's box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannerView {
    /// "newest plan 113".
    pub newest: String,
    /// "next in 52 s".
    pub next: String,
    /// Whether it acted at the cursor.
    pub active: bool,
}

/// An Enactor that holds a plan, under a token of the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder {
    /// Its letter.
    pub letter: char,
    /// Its CSS modifier: "enactor-a", ...
    pub class: &'static str,
}

/// One plan in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Its generation.
    pub generation: Generation,
    /// Whether it is the newest plan published.
    pub newest: bool,
    /// Whether the event at the cursor deleted it (it is drawn struck through, then gone).
    pub deleted: bool,
    /// Whether the event at the cursor published it.
    pub published_now: bool,
    /// The Enactors holding it.
    pub holders: Vec<Holder>,
}

/// A slot of the store's row of tokens, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreItem {
    /// A plan.
    Plan(Token),
    /// Plans not shown, with their count.
    Gap {
        /// How many.
        hidden: u32,
    },
}

/// The plan store's box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreView {
    /// The tokens, newest first, with gaps where plans are folded.
    pub items: Vec<StoreItem>,
    /// "12 plans kept".
    pub count: String,
    /// What the event at the cursor deleted: "deleted plan 102", "deleted plans 91–101".
    pub deleted: Option<String>,
    /// Whether the event at the cursor touched the store.
    pub active: bool,
}

/// What an Enactor is doing, for its status glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activity {
    /// Waiting for a newer plan.
    Idle,
    /// About to take an endpoint's lock.
    Locking,
    /// Lost a lock and waiting before it retries.
    BackingOff,
    /// Holding a lock, its batch in flight.
    Writing,
    /// About to delete old plans.
    CleaningUp,
}

/// The plan an Enactor holds (or, at the event that ended its run, the plan it held).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldPlan {
    /// Its generation.
    pub generation: Generation,
    /// Generations between it and the newest published plan.
    pub behind: u32,
    /// "plan 102 · 11 behind", "plan 113 · newest", "plan 102 · abandoned".
    pub text: String,
    /// Whether a newer plan is already active on some endpoint: the one-time check's answer
    /// no longer holds.
    pub stale: bool,
    /// Whether a clean-up has deleted it from the store.
    pub deleted: bool,
}

/// Where an Enactor's run stands on one endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Not in a run.
    Inactive,
    /// Not reached yet.
    Pending,
    /// The endpoint it works on now.
    Current,
    /// Written.
    Done,
    /// Rejected by Route 53: the run ended here.
    Failed,
}

/// One endpoint's marker on an Enactor's progress bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressMark {
    /// The endpoint's number: "1".
    pub label: String,
    /// Where the run stands there.
    pub state: Progress,
}

/// An Enactor's box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnactorView {
    /// Its index.
    pub index: u8,
    /// Its letter.
    pub letter: char,
    /// "Enactor A".
    pub name: String,
    /// Its CSS modifier: "enactor-a", ...
    pub class: &'static str,
    /// Its Availability Zone: "us-east-1a".
    pub az: String,
    /// What it is doing.
    pub activity: Activity,
    /// In words: "backing off 59.9 s", "writing regional", "idle".
    pub phase: String,
    /// A second line: "lock on regional lost 11×".
    pub detail: Option<String>,
    /// The plan it holds.
    pub plan: Option<HeldPlan>,
    /// "checked once, 11 min 7 s ago": how old the freshness check is.
    pub checked: Option<String>,
    /// Its run over the endpoints, in the order it walks them.
    pub progress: Vec<ProgressMark>,
    /// Whether it acted at the cursor.
    pub active: bool,
}

/// What an endpoint serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Health {
    /// Its alias points at a tree that exists, at least as new as any it had.
    Serving,
    /// Its alias points at an older plan than it already had.
    Backwards,
    /// Its alias points at a deleted tree: zero addresses, and no write can succeed.
    Dangling,
}

/// An endpoint's lock record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockView {
    /// The holder's letter.
    pub letter: char,
    /// The holder's CSS modifier.
    pub class: &'static str,
    /// "locked by A, 9.5 s left".
    pub text: String,
}

/// One endpoint's records in Route 53.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointView {
    /// Its index.
    pub index: u8,
    /// Its number as the Enactors' progress bars show it: "1".
    pub number: String,
    /// "regional", "dual-stack", "FIPS".
    pub label: &'static str,
    /// The DNS name.
    pub name: &'static str,
    /// The generation the alias points at.
    pub alias: Generation,
    /// What it serves.
    pub health: Health,
    /// How many addresses a resolver gets now.
    pub addresses: usize,
    /// "6 addresses", "0 addresses · NOERROR".
    pub answer: String,
    /// Why it is unhealthy: "tree 102 deleted", "went back from 113".
    pub note: Option<String>,
    /// The rollback record's generation and whether its tree exists.
    pub rollback: Option<(Generation, bool)>,
    /// The lock record, while it is held.
    pub lock: Option<LockView>,
    /// Whether the event at the cursor deleted its active tree.
    pub emptied_now: bool,
    /// Whether the event at the cursor touched it.
    pub touched: bool,
}

/// The clients' box: what a lookup of the regional endpoint gets now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientView {
    /// "6 addresses", "0 addresses", "no answer yet".
    pub answer: String,
    /// "NOERROR, ANSWER: 0".
    pub detail: String,
    /// "last lookup 23:50:00".
    pub asked: String,
    /// Whether the answer is empty.
    pub empty: bool,
    /// Whether a client resolved at the cursor.
    pub active: bool,
}

/// Where the operators stand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpsState {
    /// Nothing is broken.
    OnCall,
    /// Something is broken; the cause is not found yet.
    Investigating,
    /// The cause is found; the repair is under way.
    Repairing,
    /// They have just restored the records.
    Restored,
}

/// The operators' box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperatorsView {
    /// Where they stand.
    pub state: OpsState,
    /// "investigating".
    pub status: String,
    /// "endpoint empty for 12 min".
    pub detail: String,
    /// Whether they acted at the cursor.
    pub active: bool,
}

/// Everything the architecture diagram shows at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchitectureView {
    /// The cursor's position (the animated elements are keyed by it, so they restart).
    pub position: u32,
    /// "23:48:05 PDT".
    pub clock: String,
    /// "event 256 of 933", "before the first event".
    pub progress: String,
    /// The event at the cursor; `None` before the first one.
    pub current: Option<Current>,
    /// The Planner.
    pub planner: PlannerView,
    /// The plan store.
    pub store: StoreView,
    /// The Enactors, A first.
    pub enactors: Vec<EnactorView>,
    /// The endpoints, regional first.
    pub endpoints: Vec<EndpointView>,
    /// The clients.
    pub client: ClientView,
    /// The operators.
    pub operators: OperatorsView,
    /// The whole state in a few sentences, for screen readers.
    pub summary: String,
}

/// The diagram at `moment`.
pub fn architecture(moment: &Moment) -> ArchitectureView {
    let steps = &moment.replay.trace.steps;
    let before = steps.get(..moment.position as usize).unwrap_or(steps);
    let last_lookup_ms = before.iter().rev().find_map(|s| match s.change {
        Change::Resolved { endpoint: 0, .. } => Some(s.t_ms),
        _ => None,
    });
    let last_repair_ms = before.iter().rev().find_map(|s| match s.change {
        Change::Repaired { .. } => Some(s.t_ms),
        _ => None,
    });
    let clock_start_ms = moment.replay.trace.scenario.clock_start_ms;
    let history = History { last_lookup_ms, last_repair_ms };
    let mut view = architecture_of(&moment.world, moment.step(), history, clock_start_ms);
    view.position = moment.position;
    view.progress = match moment.position {
        0 => "before the first event".to_string(),
        p => format!("event {p} of {}", moment.replay.len()),
    };
    view
}

/// What the diagram needs from the run before the moment, beyond the world itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Logical time of the clients' last lookup of the regional endpoint.
    pub last_lookup_ms: Option<u64>,
    /// Logical time of the operators' last repair.
    pub last_repair_ms: Option<u64>,
}

/// The diagram of `world`, which `step` produced (`None`: nothing happened yet), after
/// `history`; clock times are `clock_start_ms` plus logical time.
pub fn architecture_of(
    world: &World,
    step: Option<&Step>,
    history: History,
    clock_start_ms: u64,
) -> ArchitectureView {
    let current = step.map(|s| current(world, s));
    let acting = current.as_ref().map(|c| c.actor);
    let enactors: Vec<EnactorView> = (0..world.enactors.len())
        .map(|i| enactor_view(world, i as u8, step, acting == Some(Node::Enactor(i as u8))))
        .collect();
    let endpoints: Vec<EndpointView> =
        (0..world.endpoints.len()).map(|i| endpoint_view(world, i as u8, step)).collect();
    let client = client_view(world, history.last_lookup_ms, clock_start_ms, acting == Some(Node::Client));
    let operators =
        operators_view(world, step, history.last_repair_ms, clock_start_ms, acting == Some(Node::Operators));
    let clock = format!("{} PDT", format_pdt(clock_start_ms + world.now_ms));
    let mut view = ArchitectureView {
        position: world.steps,
        progress: format!("event {}", world.steps),
        planner: planner_view(world, acting == Some(Node::Planner)),
        store: store_view(world, step),
        summary: String::new(),
        clock,
        current,
        enactors,
        endpoints,
        client,
        operators,
    };
    view.summary = summary(&view);
    view
}

fn holder(i: u8) -> Holder {
    Holder { letter: Enactor::name(i), class: enactor_class(i) }
}

/// "1 plan", "12 plans".
fn plans(n: usize) -> String {
    count(n as u64, "plan", "plans")
}

/// A duration to the unit that matters at a glance: "42 s", "11 min", "2 h 37 min".
fn coarse_duration(ms: u64) -> String {
    match ms {
        0..60_000 => format!("{} s", ms / 1000),
        60_000..3_600_000 => format!("{} min", ms / 60_000),
        _ => format_duration(ms - ms % 60_000),
    }
}

/// The generation of the newest plan published, whether or not it is still stored.
fn newest_published(world: &World) -> Generation {
    world.planner.next_generation.saturating_sub(1)
}

fn current(world: &World, step: &Step) -> Current {
    let event = step.event;
    let who = event.actor();
    let actor = match who {
        Actor::Planner => Node::Planner,
        Actor::Enactor(i) => Node::Enactor(i),
        Actor::Client => Node::Client,
        Actor::Operator => Node::Operators,
    };
    let (caption, flows) = caption_and_flows(world, step);
    Current {
        actor,
        actor_class: actor_class(who),
        badge: who.badge(),
        who: who.subject(),
        caption,
        tone: classify(step).tone,
        flows,
    }
}

/// What the step at the cursor did, in a few words, and its arrows; how they read comes from
/// the one classification ([`classify`]).
fn caption_and_flows(world: &World, step: &Step) -> (String, Vec<Flow>) {
    let event = step.event;
    let tone = classify(step).tone;
    let flow = |from, to| Flow { from, to, tone, blocked: false };
    match (&event, &step.change) {
        (_, Change::Published { generation, .. }) => {
            (format!("publishes plan {generation}"), vec![flow(Node::Planner, Node::Store)])
        }
        (Event::EnactorPicksUp { enactor }, Change::PickedUp { generation, applied, fresh }) => {
            let caption = if *fresh {
                format!("picks up plan {generation}: newer than {applied}, checked once")
            } else {
                format!("finds nothing newer than plan {applied}")
            };
            (caption, vec![flow(Node::Store, Node::Enactor(*enactor))])
        }
        (Event::EnactorTakesLock { enactor, .. }, Change::LockTaken { endpoint, .. }) => (
            format!("takes the lock on {}", endpoint_label(*endpoint)),
            vec![flow(Node::Enactor(*enactor), Node::Endpoint(*endpoint))],
        ),
        (Event::EnactorLosesLock { enactor, .. }, Change::LockLost { endpoint, holder, backoff_ms, .. }) => {
            let why = match holder {
                Some(h) => format!("finds {} locked by {}", endpoint_label(*endpoint), Enactor::name(*h)),
                None => format!("is delayed on {} (injected, assumed)", endpoint_label(*endpoint)),
            };
            let blocked = Flow { blocked: true, ..flow(Node::Enactor(*enactor), Node::Endpoint(*endpoint)) };
            (format!("{why}, backs off {}", format_duration(*backoff_ms)), vec![blocked])
        }
        (Event::EnactorWrites { enactor, .. }, Change::Wrote { endpoint, generation, previous, .. }) => {
            let label = endpoint_label(*endpoint);
            let caption = if generation < previous {
                format!("writes old plan {generation} over {previous} on {label}")
            } else if generation == previous {
                format!("rewrites plan {generation} on {label}")
            } else {
                format!("writes plan {generation} to {label}")
            };
            (caption, vec![flow(Node::Enactor(*enactor), Node::Endpoint(*endpoint))])
        }
        (
            Event::EnactorWriteFails { enactor, .. },
            Change::WriteRejected { endpoint, generation, reason },
        ) => {
            let label = endpoint_label(*endpoint);
            let caption = match reason {
                Rejection::ActiveTreeMissing { active } => {
                    format!("is rejected on {label}: active tree {active} is gone")
                }
                Rejection::PlanDeleted => format!("is rejected on {label}: plan {generation} was deleted"),
                Rejection::OlderThanActive { active } => {
                    format!("is rejected on {label}: plan {generation} is older than {active}")
                }
                Rejection::StaleToken { token, fence } => {
                    format!("is rejected on {label}: token {token} is below {fence}")
                }
            };
            let blocked = Flow { blocked: true, ..flow(Node::Enactor(*enactor), Node::Endpoint(*endpoint)) };
            (caption, vec![blocked])
        }
        (Event::EnactorCleansUp { enactor }, Change::CleanedUp { deleted, emptied, .. }) => {
            let me = Node::Enactor(*enactor);
            let caption = match (deleted.first(), deleted.last(), emptied.first()) {
                (None, _, _) => "cleans up: deletes nothing".to_string(),
                (_, _, Some((e, g))) => format!("deletes plan {g}, still live on {}", endpoint_label(*e)),
                (Some(first), Some(last), None) if first == last => {
                    format!("cleans up: deletes plan {first}")
                }
                (Some(first), Some(last), None) => format!("cleans up: deletes plans {first}–{last}"),
                (Some(_), None, None) => "cleans up".to_string(),
            };
            let mut flows = vec![flow(me, Node::Store)];
            if !deleted.is_empty() {
                // Only the endpoints it emptied read as bad; the others lost old trees.
                flows.extend((0..world.endpoints.len() as u8).map(|e| {
                    let hit = emptied.iter().any(|(i, _)| *i == e);
                    Flow { tone: if hit { Tone::Bad } else { Tone::Normal }, ..flow(me, Node::Endpoint(e)) }
                }));
            }
            (caption, flows)
        }
        (_, Change::Resolved { endpoint, addresses }) => {
            let label = endpoint_label(*endpoint);
            let caption = match addresses {
                0 => format!("asks for {label}: 0 addresses, NOERROR"),
                n => format!("asks for {label}: {}", count(u64::from(*n), "address", "addresses")),
            };
            (caption, vec![flow(Node::Endpoint(*endpoint), Node::Client)])
        }
        (_, change @ (Change::Diagnosed { broken_for_ms } | Change::Alarmed { broken_for_ms })) => {
            let how = if matches!(change, Change::Alarmed { .. }) {
                "are paged by the stuck alarm"
            } else {
                "find the cause: empty DNS"
            };
            let flows = broken_endpoints(world).map(|e| flow(Node::Endpoint(e), Node::Operators));
            (format!("{how}, after {}", format_duration(*broken_for_ms)), flows.collect())
        }
        (_, Change::PlanDropped { generation, age_ms }) => {
            (format!("drops plan {generation}: {} old, expired", coarse_duration(*age_ms)), Vec::new())
        }
        (_, Change::Repaired { generation, .. }) => (
            format!("restore every endpoint to plan {generation} by hand"),
            (0..world.endpoints.len() as u8).map(|e| flow(Node::Operators, Node::Endpoint(e))).collect(),
        ),
        // A re-check; and an event whose change does not match it, which cannot come out of
        // `World::apply`.
        _ => (event.kind().to_string(), Vec::new()),
    }
}

/// Endpoints whose alias points at a deleted tree (or, once repaired, none).
fn broken_endpoints(world: &World) -> impl Iterator<Item = u8> + '_ {
    (0..world.endpoints.len() as u8)
        .filter(|&e| world.endpoints.get(usize::from(e)).is_some_and(|r| !r.active_tree_present()))
}

fn planner_view(world: &World, active: bool) -> PlannerView {
    let newest = match world.planner.latest() {
        Some(plan) => format!("newest plan {}", plan.generation),
        None => "no plan yet".to_string(),
    };
    let next = match world.planner.ready_at_ms.checked_sub(world.now_ms) {
        Some(wait) if wait > 0 => format!("next in {}", format_duration(wait)),
        _ => format!("next: plan {}", world.planner.next_generation),
    };
    PlannerView { newest, next, active }
}

fn store_view(world: &World, step: Option<&Step>) -> StoreView {
    let deleted: &[Generation] = match step.map(|s| &s.change) {
        Some(Change::CleanedUp { deleted, .. }) => deleted,
        _ => &[],
    };
    let published_now = match step.map(|s| &s.change) {
        Some(Change::Published { generation, .. }) => Some(*generation),
        _ => None,
    };
    let held: Vec<Generation> = world.enactors.iter().filter_map(|e| e.plan).collect();
    let emptied: Vec<Generation> = match step.map(|s| &s.change) {
        Some(Change::CleanedUp { emptied, .. }) => emptied.iter().map(|(_, g)| *g).collect(),
        _ => Vec::new(),
    };
    // Everything that can be shown, newest first: the stored plans and, at a clean-up, the
    // plans it deleted (shown struck through for this one step).
    let mut all: Vec<Generation> = world.planner.store.keys().rev().copied().collect();
    all.extend(deleted.iter().rev().copied().filter(|g| !world.planner.store.contains_key(g)));
    all.sort_unstable_by(|a, b| b.cmp(a));
    all.dedup();

    // The plans the story needs first, then the newest ones.
    let mut chosen: Vec<Generation> = Vec::with_capacity(STORE_TOKENS);
    let choose = |g: Generation, chosen: &mut Vec<Generation>| {
        if chosen.len() < STORE_TOKENS && !chosen.contains(&g) && all.contains(&g) {
            chosen.push(g);
        }
    };
    if let Some(&newest) = all.first() {
        choose(newest, &mut chosen);
    }
    for &g in emptied.iter().chain(&held) {
        choose(g, &mut chosen);
    }
    if let Some(&g) = deleted.last() {
        choose(g, &mut chosen);
    }
    for &g in &all {
        choose(g, &mut chosen);
    }
    chosen.sort_unstable_by(|a, b| b.cmp(a));

    let newest = newest_published(world);
    let mut items = Vec::with_capacity(chosen.len() * 2);
    let mut cursor = 0usize;
    for g in chosen {
        let Some(at) = all.iter().skip(cursor).position(|&x| x == g).map(|p| p + cursor) else {
            continue;
        };
        if at > cursor {
            items.push(StoreItem::Gap { hidden: (at - cursor) as u32 });
        }
        cursor = at + 1;
        let holders: Vec<Holder> = (0..world.enactors.len() as u8)
            .filter(|&i| enactor_plan(world, i) == Some(g))
            .map(holder)
            .collect();
        let is_deleted = deleted.contains(&g) && !world.planner.store.contains_key(&g);
        items.push(StoreItem::Plan(Token {
            generation: g,
            newest: g == newest,
            deleted: is_deleted,
            published_now: published_now == Some(g),
            holders,
        }));
    }
    if cursor < all.len() {
        items.push(StoreItem::Gap { hidden: (all.len() - cursor) as u32 });
    }
    let deleted_text = match (deleted.first(), deleted.last()) {
        (Some(first), Some(last)) if first == last => Some(format!("deleted plan {first}")),
        (Some(first), Some(last)) => Some(format!("deleted plans {first}–{last}")),
        _ => None,
    };
    let active = step.is_some_and(|s| {
        matches!(s.change, Change::Published { .. } | Change::PickedUp { .. } | Change::CleanedUp { .. })
    });
    StoreView {
        items,
        count: format!("{} kept", plans(world.planner.store.len())),
        deleted: deleted_text,
        active,
    }
}

fn enactor_plan(world: &World, i: u8) -> Option<Generation> {
    world.enactors.get(usize::from(i)).and_then(|e| e.plan)
}

fn enactor_view(world: &World, i: u8, step: Option<&Step>, active: bool) -> EnactorView {
    let letter = Enactor::name(i);
    let endpoints = world.endpoints.len() as u8;
    let mut view = EnactorView {
        index: i,
        letter,
        name: enactor_name(i),
        class: enactor_class(i),
        az: format!("us-east-1{}", char::from(b'a' + i)),
        activity: Activity::Idle,
        phase: "idle".to_string(),
        detail: None,
        plan: None,
        checked: None,
        progress: Vec::new(),
        active,
    };
    let Some(state) = world.enactors.get(usize::from(i)) else {
        return view;
    };
    let now = world.now_ms;
    let wait = state.ready_at_ms.saturating_sub(now);
    let mark = |e: u8, state: Progress| ProgressMark { label: (u32::from(e) + 1).to_string(), state };
    let walk = |at: u8, here: Progress| -> Vec<ProgressMark> {
        (0..endpoints)
            .map(|e| {
                mark(
                    e,
                    match e.cmp(&at) {
                        std::cmp::Ordering::Less => Progress::Done,
                        std::cmp::Ordering::Equal => here,
                        std::cmp::Ordering::Greater => Progress::Pending,
                    },
                )
            })
            .collect()
    };
    let (activity, phase, detail, progress) = match state.phase {
        Phase::Idle => {
            // At the event that ended its run, the run is still worth seeing.
            let ended = step.filter(|s| s.event.actor() == crate::sim::Actor::Enactor(i));
            match ended.map(|s| &s.change) {
                Some(Change::CleanedUp { applied, .. }) => {
                    view.plan = Some(held_plan(world, *applied, Some("applied")));
                    (
                        Activity::Idle,
                        "idle".to_string(),
                        Some("run done, cleaned up".to_string()),
                        walk(endpoints, Progress::Done),
                    )
                }
                Some(Change::WriteRejected { endpoint, generation, .. }) => {
                    view.plan = Some(held_plan(world, *generation, Some("abandoned")));
                    (
                        Activity::Idle,
                        "write rejected".to_string(),
                        Some(format!("retries in {}", coarse_duration(wait))),
                        walk(*endpoint, Progress::Failed),
                    )
                }
                _ => (
                    Activity::Idle,
                    "idle".to_string(),
                    Some(format!("waits for plan > {}", state.seen)),
                    (0..endpoints).map(|e| mark(e, Progress::Inactive)).collect(),
                ),
            }
        }
        Phase::Locking { endpoint } => {
            let label = endpoint_label(endpoint);
            let losses = (state.lock_losses > 0).then(|| format!("failed {}× there", state.lock_losses));
            if state.lock_losses > 0 && wait > 0 {
                (
                    Activity::BackingOff,
                    format!("backing off {}", format_duration(wait)),
                    losses,
                    walk(endpoint, Progress::Current),
                )
            } else {
                let phase = if state.lock_losses > 0 { "retrying" } else { "locking" };
                (Activity::Locking, format!("{phase} {label}"), losses, walk(endpoint, Progress::Current))
            }
        }
        Phase::Writing { endpoint } => (
            Activity::Writing,
            format!("writing {}", endpoint_label(endpoint)),
            Some("batch in flight".to_string()),
            walk(endpoint, Progress::Current),
        ),
        Phase::CleaningUp => (
            Activity::CleaningUp,
            "cleaning up next".to_string(),
            Some("every endpoint written".to_string()),
            walk(endpoints, Progress::Done),
        ),
        Phase::Rechecking { endpoint } => {
            let losses = (state.lock_losses > 0).then(|| format!("failed {}× there", state.lock_losses));
            let phase = if state.lock_losses > 0 && wait > 0 {
                format!("backing off {}", format_duration(wait))
            } else {
                format!("re-checking before {}", endpoint_label(endpoint))
            };
            let activity =
                if state.lock_losses > 0 && wait > 0 { Activity::BackingOff } else { Activity::Locking };
            (activity, phase, losses, walk(endpoint, Progress::Current))
        }
    };
    if let Some(generation) = state.plan {
        view.plan = Some(held_plan(world, generation, None));
        let age = now.saturating_sub(state.checked_at_ms);
        // With re-checks the age counts from the last one that passed, not from the pick-up.
        let how =
            if world.scenario.has(Mitigation::RecheckBeforeWrite) { "last checked" } else { "checked once" };
        view.checked = Some(if age < 1000 {
            format!("{how}, just now")
        } else {
            format!("{how}, {} ago", coarse_duration(age))
        });
    }
    view.activity = activity;
    view.phase = phase;
    view.detail = detail;
    view.progress = progress;
    if world.zone_down(i, now) {
        // The injected AZ failure: this Enactor does nothing any more.
        view.phase = "zone down".to_string();
        view.detail = Some("its Availability Zone failed".to_string());
    }
    view
}

fn held_plan(world: &World, generation: Generation, ended: Option<&str>) -> HeldPlan {
    let behind = newest_published(world).saturating_sub(generation);
    let deleted = !world.planner.store.contains_key(&generation);
    let text = match (ended, behind) {
        (Some(how), _) => format!("plan {generation} · {how}"),
        // Once its plan is deleted, that is what dooms the Enactor's next write.
        (None, _) if deleted => format!("plan {generation} · deleted"),
        (None, 0) => format!("plan {generation} · newest"),
        (None, n) => format!("plan {generation} · {n} behind"),
    };
    HeldPlan { generation, behind, text, stale: world.applied_generation() > generation, deleted }
}

fn endpoint_view(world: &World, i: u8, step: Option<&Step>) -> EndpointView {
    let label = endpoint_label(i);
    let name = endpoint_host(i);
    let emptied_now = matches!(
        step.map(|s| &s.change),
        Some(Change::CleanedUp { emptied, .. }) if emptied.iter().any(|(e, _)| *e == i)
    );
    let touched = step.is_some_and(|s| {
        s.event.endpoint() == Some(i)
            || matches!(s.change, Change::Repaired { .. })
            || matches!(&s.change, Change::CleanedUp { deleted, .. } if !deleted.is_empty())
    });
    let Some(record) = world.endpoints.get(usize::from(i)) else {
        return EndpointView {
            index: i,
            number: (u32::from(i) + 1).to_string(),
            label,
            name,
            alias: 0,
            health: Health::Dangling,
            addresses: 0,
            answer: "0 addresses".to_string(),
            note: None,
            rollback: None,
            lock: None,
            emptied_now,
            touched,
        };
    };
    let addresses = record.trees.get(&record.alias).map_or(0, |lbs| lbs.len());
    let (health, note) = if !record.active_tree_present() {
        (Health::Dangling, Some(format!("tree {} deleted", record.alias)))
    } else if record.alias < record.high_water {
        (Health::Backwards, Some(format!("went back from {}", record.high_water)))
    } else {
        (Health::Serving, None)
    };
    let answer = count(addresses as u64, "address", "addresses");
    let lock = record.lock.filter(|l| l.expires_at_ms > world.now_ms).map(|l| LockView {
        letter: Enactor::name(l.holder),
        class: enactor_class(l.holder),
        text: format!(
            "locked by {}, {} left",
            enactor_name(l.holder),
            format_duration(l.expires_at_ms - world.now_ms)
        ),
    });
    EndpointView {
        index: i,
        number: (u32::from(i) + 1).to_string(),
        label,
        name,
        alias: record.alias,
        health,
        addresses,
        answer,
        note,
        rollback: record.rollback.map(|g| (g, record.trees.contains_key(&g))),
        lock,
        emptied_now,
        touched,
    }
}

/// What a lookup of the regional endpoint gets now (the record, not a cache: every lookup
/// fails from the moment it empties), and when the clients last asked.
fn client_view(world: &World, last_lookup_ms: Option<u64>, clock_start_ms: u64, active: bool) -> ClientView {
    let n = resolve(world, 0).addresses.len();
    ClientView {
        answer: count(n as u64, "address", "addresses"),
        detail: format!("NOERROR, ANSWER: {n}"),
        asked: match last_lookup_ms {
            Some(t_ms) => format!("last lookup {}", time_of_day(clock_start_ms + t_ms)),
            None => "no lookup yet".to_string(),
        },
        empty: n == 0,
        active,
    }
}

fn operators_view(
    world: &World,
    step: Option<&Step>,
    last_repair_ms: Option<u64>,
    clock_start_ms: u64,
    active: bool,
) -> OperatorsView {
    let (state, status, detail) =
        match (step.map(|s| &s.change), world.broken_since_ms(), world.diagnosed_at_ms) {
            (Some(Change::Repaired { generation, .. }), _, _) => {
                (OpsState::Restored, "restored by hand".to_string(), format!("all on plan {generation}"))
            }
            (_, Some(since), None) => (
                OpsState::Investigating,
                "investigating".to_string(),
                format!("empty since {}", time_of_day(clock_start_ms + since)),
            ),
            (_, Some(_), Some(at)) => (
                OpsState::Repairing,
                "cause found, repairing".to_string(),
                format!("found at {}", time_of_day(clock_start_ms + at)),
            ),
            (_, None, _) => match last_repair_ms {
                Some(at) => (
                    OpsState::OnCall,
                    "on call, watching".to_string(),
                    format!("restored by hand at {}", time_of_day(clock_start_ms + at)),
                ),
                None => (OpsState::OnCall, "on call".to_string(), "nothing wrong yet".to_string()),
            },
        };
    OperatorsView { state, status, detail, active }
}

/// The state in words: what a sighted learner reads off the diagram.
fn summary(view: &ArchitectureView) -> String {
    let mut text = format!("{}.", view.clock);
    if let Some(c) = &view.current {
        text.push_str(&format!(" {} {}.", c.who, c.caption));
    }
    text.push_str(" Route 53:");
    for (k, e) in view.endpoints.iter().enumerate() {
        let state = match e.health {
            Health::Serving => String::new(),
            Health::Backwards | Health::Dangling => format!(", {}", e.note.as_deref().unwrap_or("")),
        };
        let sep = if k + 1 == view.endpoints.len() { "." } else { ";" };
        text.push_str(&format!(" {} alias to plan {}{state}, {}{sep}", e.label, e.alias, e.answer));
    }
    for e in &view.enactors {
        match &e.plan {
            Some(plan) => text.push_str(&format!(" {} holds {}, {}.", e.name, plan.text, e.phase)),
            None => text.push_str(&format!(" {} is {}.", e.name, e.phase)),
        }
    }
    text.push_str(&format!(" Clients last got {}.", view.client.answer));
    text
}
