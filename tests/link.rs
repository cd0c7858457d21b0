//! Links: the URL hash round-trips what the learner set, and any string decodes without a
//! panic, naming what it ignored.
#![cfg(feature = "web")] // The page's view models and link: `cargo test --no-default-features` skips it.

use dns_race::cascade::{DwfmRetry, Response, RetryPolicy};
use dns_race::explore::Bound;
use dns_race::scenario::{Mitigation, Scenario, KNOBS, PRESETS};
use dns_race::sim::Actor;
use dns_race::ui::link::{
    anchor, decode, embed_snippet, encode, Base, CascadeChoice, Cursor, Embed, Hand, Link, Run, Theme, View,
    ANCHOR_LENGTH_MAX, HASH_LENGTH_MAX,
};
use dns_race::ui::replay::Replay;
use dns_race::ui::state::{SPEED_EXPONENT_MAX, SPEED_EXPONENT_MIN};
use dns_race::ui::tour::Chapter;
use proptest::prelude::*;

fn base() -> impl Strategy<Value = Base> {
    prop_oneof![
        proptest::sample::select(PRESETS.iter().map(|p| p.name).collect::<Vec<_>>()).prop_map(Base::Preset),
        (1u8..=3, 1u8..=3, 1u32..=8, 0u32..=8, 0u32..=8).prop_map(
            |(enactors, endpoints, generations, m, extra)| {
                Base::Bound(Bound {
                    enactors,
                    endpoints,
                    generations,
                    cleanup_margin_generations: m,
                    wide_cleanup_margin_generations: (m + extra).min(16),
                })
            }
        ),
    ]
}

fn actor() -> impl Strategy<Value = Actor> {
    prop_oneof![
        Just(Actor::Planner),
        (0u8..3).prop_map(Actor::Enactor),
        Just(Actor::Client),
        Just(Actor::Operator)
    ]
}

fn link() -> impl Strategy<Value = Link> {
    let knobs = proptest::sample::subsequence(KNOBS.iter().map(|k| k.name).collect::<Vec<_>>(), 0..4)
        .prop_flat_map(|names| {
            let n = names.len();
            (Just(names), proptest::collection::vec(any::<u64>(), n))
        })
        .prop_map(|(names, values)| names.into_iter().zip(values).collect::<Vec<_>>());
    let embed = proptest::option::of(
        (any::<bool>(), any::<bool>(), proptest::option::of(0u32..500), proptest::option::of(500u32..1000))
            .prop_map(|(autoplay, controls, from, to)| Embed { autoplay, controls, from, to }),
    );
    let view = (
        proptest::option::of(proptest::sample::select(Chapter::ALL.to_vec())),
        any::<bool>(),
        any::<bool>(),
        proptest::option::of(SPEED_EXPONENT_MIN..=SPEED_EXPONENT_MAX),
        proptest::option::of(prop_oneof![Just(Theme::Light), Just(Theme::Dark)]),
    );
    let hand = proptest::option::of(
        (0u32..2000, proptest::collection::vec(actor(), 0..60))
            .prop_map(|(fork, picks)| Hand { fork, picks }),
    );
    let cascade = (
        proptest::option::of(proptest::sample::select(RetryPolicy::ALL.to_vec())),
        proptest::option::of(proptest::sample::select(RetryPolicy::ALL.to_vec())),
        proptest::option::of(proptest::sample::subsequence(Response::ALL.to_vec(), 0..=Response::ALL.len())),
        proptest::option::of(0u16..24 * 60),
        // The default (`requeue`) is left out of a link: it reads back as `None`.
        proptest::option::of(proptest::sample::select(vec![DwfmRetry::Backoff, DwfmRetry::Deadline])),
    );
    (
        (base(), proptest::option::of(any::<u64>()), knobs),
        proptest::sample::subsequence(Mitigation::ALL.to_vec(), 0..=Mitigation::ALL.len()),
        hand,
        proptest::option::of(any::<u32>()),
        view,
        embed,
        cascade,
    )
        .prop_map(|((base, seed, knobs), mut mitigations, hand, step, view, embed, cascade)| {
            mitigations.sort();
            let (chapter, present, drive, speed, theme) = view;
            let (policy, vs, respond, at, dwfm) = cascade;
            Link {
                run: Run { base, seed, knobs, mitigations, hand },
                cursor: Cursor { step, at },
                view: View { chapter, present, drive, speed, theme, embed },
                cascade: CascadeChoice { policy, vs, respond, dwfm },
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_link_reads_back_as_written(link in link()) {
        let hash = encode(&link);
        let decoded = decode(&format!("#{hash}"));
        prop_assert_eq!(decoded.ignored, Vec::<String>::new());
        prop_assert_eq!(decoded.link, link);
    }

    #[test]
    fn any_string_decodes_without_a_panic_and_with_short_messages(hash in ".{0,300}") {
        let decoded = decode(&hash);
        for message in &decoded.ignored {
            prop_assert!(message.chars().count() < 160, "{}", message);
            prop_assert!(!message.chars().any(char::is_control));
        }
    }

    #[test]
    fn hash_like_strings_keep_what_is_good(
        junk in "[a-z=&%,0-9]{0,40}",
        step in any::<u32>(),
    ) {
        let decoded = decode(&format!("v=1&step={step}&m=self-repair&{junk}"));
        prop_assert_eq!(decoded.link.cursor.step, Some(step));
        prop_assert!(decoded.link.run.mitigations.contains(&Mitigation::SelfRepair));
    }
}

#[test]
fn the_defaults_are_the_bare_page_and_a_moment_is_readable() {
    assert_eq!(encode(&Link::default()), "");
    let link = Link {
        run: Run {
            mitigations: vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup],
            ..Run::default()
        },
        cursor: Cursor { step: Some(254), ..Cursor::default() },
        ..Link::default()
    };
    assert_eq!(encode(&link), "v=1&m=conditional-write,safe-cleanup&step=254");
}

#[test]
fn a_hostile_hash_names_what_it_ignored_and_keeps_the_rest() {
    let decoded =
        decode("#v=1&m=magic,conditional-write&step=abc&zoom=<script>alert(1)</script>&m=self-repair");
    assert_eq!(
        decoded.link,
        Link {
            run: Run { mitigations: vec![Mitigation::ConditionalWrite], ..Run::default() },
            ..Link::default()
        }
    );
    assert_eq!(
        decoded.ignored,
        [
            "m=magic: no such mitigation",
            "step=abc: not a whole number of events",
            "zoom=<script>alert(1)</script>: not a setting this page knows",
            "m=self-repair: set twice; the first one counts",
        ]
    );
    let newer = decode("#v=2&step=3");
    assert_eq!(newer.link, Link::default());
    assert!(newer.ignored[0].contains("version 2 is not one this page reads"));
    let huge = decode(&"a".repeat(HASH_LENGTH_MAX + 1));
    assert_eq!(huge.link, Link::default());
    assert!(huge.ignored[0].contains("longer than"));
    let long_key = decode(&format!("{}=1", "k".repeat(100)));
    assert!(long_key.ignored[0].starts_with(&format!("{}…=1", "k".repeat(40))));
    assert_eq!(decode("").link, Link::default());
    assert_eq!(decode("#step=7").link.cursor.step, Some(7), "a link without v is read as version 1");
}

#[test]
fn a_link_sets_the_scenario_seed_and_knobs_and_names_what_it_cannot_take() {
    let decoded =
        decode("#v=1&s=calm&seed=7&backoff_ms_max=9000&write_ms_min=99999999&slow_enactor.backoff_ms=5");
    assert_eq!(decoded.ignored, Vec::<String>::new(), "each part reads; the scenario checks the values");
    let (scenario, ignored) = decoded.link.run.scenario();
    assert_eq!((scenario.seed, scenario.backoff_ms_max), (7, 9000));
    assert_eq!(scenario.write_ms_min, Scenario::default().write_ms_min, "min above max: left out");
    assert_eq!(ignored.len(), 2, "{ignored:?}");
    assert!(
        ignored[0].starts_with("slow_enactor.backoff_ms=5: this scenario has no slow_enactor"),
        "{ignored:?}"
    );
    assert!(ignored[1].starts_with("write_ms_min=99999999: "), "{ignored:?}");
    let too_big = decode("#v=1&enactor_count=300").link.run.scenario().1;
    assert_eq!(too_big, ["enactor_count=300: too large for this setting"]);
    let incident = Link::default().run.scenario();
    assert_eq!(incident, (Scenario::incident(), Vec::new()));
}

#[test]
fn view_and_embed_options_read_back_and_embed_options_need_embed() {
    let hash =
        "v=1&chapter=stuck&present=1&drive=1&speed=5&theme=dark&embed=1&autoplay=1&controls=0&from=10&to=20";
    let decoded = decode(hash);
    assert_eq!(decoded.ignored, Vec::<String>::new());
    let link = &decoded.link;
    assert_eq!(
        (link.view.chapter, link.view.present, link.view.drive, link.view.speed),
        (Some(Chapter::Stuck), true, true, Some(5))
    );
    assert_eq!(link.view.theme, Some(Theme::Dark));
    assert_eq!(
        link.view.embed,
        Some(Embed { autoplay: true, controls: false, from: Some(10), to: Some(20) })
    );
    assert_eq!(encode(link), hash);
    let loose = decode("#v=1&autoplay=1&from=3&speed=9&theme=pink&embed=1&to=x");
    assert_eq!(loose.link.view.embed, Some(Embed { autoplay: true, from: Some(3), ..Embed::default() }));
    assert_eq!(
        loose.ignored,
        [
            "speed=9: not a whole number from -1 to 7",
            "theme=pink: not light or dark",
            "to=x: not a whole number of events"
        ]
    );
    let backwards = decode("#v=1&embed=1&from=9&to=3");
    assert_eq!(backwards.link.view.embed, Some(Embed::default()));
    assert_eq!(backwards.ignored, ["from=9&to=3: the range ends before it starts"]);
    let orphan = decode("#v=1&autoplay=1&controls=0");
    assert_eq!(orphan.link.view.embed, None);
    assert_eq!(orphan.ignored, ["autoplay, controls: embed options, for a link with embed=1"]);
}

#[test]
fn links_of_explorer_runs_reopen_the_same_trace() {
    // The shortest counterexample of the default bound, by who moved.
    let exploration = dns_race::explore::explore(Bound::default(), &[]).expect("a valid bound");
    let counterexample = &exploration.counterexamples[0];
    let trace = counterexample.trace(&exploration.scenario);
    let link = Link::of_schedule(Bound::default(), &trace);
    let reopened = decode(&encode(&link)).link;
    assert_eq!(reopened, link);
    let (scenario, ignored) = reopened.run.scenario();
    assert!(ignored.is_empty());
    let (replay, note) =
        Replay::hand(&scenario, reopened.run.hand.as_ref().expect("a schedule")).expect("runs");
    assert_eq!(note, None);
    assert_eq!(replay.digest, format!("{:016x}", trace.digest()));
    // A random run of the explorer, longer than the preset's three hours.
    let end_ms = 5 * 3_600_000;
    let random = Link::of_random_run("incident", 1234, &[Mitigation::SelfRepair], end_ms);
    assert_eq!(encode(&random), "v=1&seed=1234&duration_ms=18000000&m=self-repair");
    let expected = dns_race::explore::replay_scenario("incident", 1234, &[Mitigation::SelfRepair], end_ms);
    assert_eq!(Some(decode(&encode(&random)).link.run.scenario().0), expected);
}

#[test]
fn a_hand_schedule_stops_at_the_first_actor_that_cannot_move() {
    let scenario = Scenario::incident();
    // Nothing is broken at the start: the operators have nothing to do.
    let hand = Hand { fork: 3, picks: vec![Actor::Planner, Actor::Operator, Actor::Planner] };
    let (replay, note) = Replay::hand(&scenario, &hand).expect("runs");
    assert_eq!(replay.len(), 4, "three timed events and the Planner's");
    let note = note.expect("says where it stopped");
    assert!(note.contains("Operators cannot move after event 4"), "{note}");
    assert!(note.contains("1 of 3 picks played"), "{note}");
    let (long, note) = Replay::hand(&scenario, &Hand { fork: 1_000_000, picks: vec![] }).expect("runs");
    assert!(note.expect("a note").starts_with("fork=1000000: the timed run has"));
    assert_eq!(long.len(), Replay::run(&scenario).expect("runs").len());
}

#[test]
fn the_embed_snippet_is_sandboxed_and_escapes_its_address() {
    let link = Link {
        cursor: Cursor { step: Some(12), ..Cursor::default() },
        view: View { embed: Some(Embed { autoplay: true, ..Embed::default() }), ..View::default() },
        ..Link::default()
    };
    let snippet = embed_snippet("https://example.org/dns-race/", &link);
    assert!(snippet.starts_with(
        "<iframe src=\"https://example.org/dns-race/#v=1&amp;step=12&amp;embed=1&amp;autoplay=1\""
    ));
    // Its own origin, so that a plain static server (no CORS header) serves its script and
    // wasm; no top navigation, no forms, no modal dialogs.
    assert!(snippet
        .contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\""));
    assert!(!snippet.contains("allow-top-navigation") && !snippet.contains("allow-forms"));
    assert!(snippet.contains("e.data?.type !== \"dns-race:height\""));
    let hostile = embed_snippet("https://x/\"><script>", &Link::default());
    assert!(!hostile.contains("\"><script>"));
}

#[test]
fn the_cascade_settings_and_cursor_read_back_and_bad_ones_are_named() {
    let link =
        decode("#v=1&policy=immediate&vs=full-jitter&respond=queue-size-limit,throttle-dwfm&at=0530").link;
    assert_eq!(link.cascade.policy, Some(RetryPolicy::Immediate));
    assert_eq!(link.cascade.vs, Some(RetryPolicy::FullJitter));
    assert_eq!(link.cascade.respond, Some(vec![Response::ThrottleDwfm, Response::QueueSizeLimit]));
    assert_eq!(link.cursor.at, Some(5 * 60 + 30));
    assert_eq!(
        encode(&link),
        "v=1&policy=immediate&vs=full-jitter&respond=throttle-dwfm,queue-size-limit&at=0530"
    );
    // `none` switches every response off; absent is the incident's three.
    assert_eq!(decode("#v=1&respond=none").link.cascade.respond, Some(Vec::new()));
    assert_eq!(encode(&decode("#v=1&respond=none").link), "v=1&respond=none");
    assert_eq!(decode("#v=1").link.cascade.respond, None);
    // What is not understood is named; the rest opens.
    let bad = decode("#v=1&policy=yolo&vs=none&respond=throttle-dwfm,magic&at=2561&step=3");
    assert_eq!(bad.link.cascade.policy, None);
    assert_eq!(bad.link.cascade.vs, Some(RetryPolicy::None));
    assert_eq!(bad.link.cascade.respond, Some(vec![Response::ThrottleDwfm]));
    assert_eq!(bad.link.cursor.at, None);
    assert_eq!(bad.link.cursor.step, Some(3));
    assert_eq!(
        bad.ignored,
        vec![
            "policy=yolo: no such retry policy".to_string(),
            "respond=magic: no such response".to_string(),
            "at=2561: not a PDT clock time written HHMM (0000 to 2359)".to_string(),
        ]
    );
    // Moving the charts' cursor is like stepping: no new history entry.
    let here = decode("#v=1&step=3").link;
    assert!(!here.differs_beyond_step(&{
        let mut l = here.clone();
        l.cursor.at = Some(600);
        l
    }));
    assert!(here.differs_beyond_step(&{
        let mut l = here.clone();
        l.cascade.policy = Some(RetryPolicy::Immediate);
        l
    }));
}

#[test]
fn each_rule_compares_one_part_of_the_link() {
    let here = decode("#v=1&step=3&pick=PA&present=1").link;
    let edit = |f: &dyn Fn(&mut Link)| {
        let mut l = here.clone();
        f(&mut l);
        l
    };
    // Back and Forward: picks and both cursors are steps; leaving the schedule, a switch, the
    // view and the cascade are new things to look at.
    assert!(!here
        .differs_beyond_step(&edit(&|l| l.run.hand = Some(Hand { fork: 0, picks: vec![Actor::Planner] }))));
    assert!(here.differs_beyond_step(&edit(&|l| l.run.hand = None)));
    assert!(here.differs_beyond_step(&edit(&|l| l.run.mitigations = vec![Mitigation::SafeCleanup])));
    assert!(here.differs_beyond_step(&edit(&|l| l.view.present = false)));
    // The address waits for the cursors to rest only when nothing else moved.
    assert!(here.differs_only_in_cursors(&edit(&|l| l.cursor.at = Some(330))));
    assert!(here.differs_only_in_cursors(&edit(&|l| l.cursor.step = Some(4))));
    assert!(here.differs_only_in_cursors(&edit(&|l| {
        l.cursor.at = Some(330);
        l.cursor.step = Some(4);
    })));
    assert!(!here.differs_only_in_cursors(&edit(&|l| {
        l.cursor.step = Some(4);
        l.view.present = false;
    })));
    assert!(!here.differs_only_in_cursors(&edit(&|l| {
        l.cursor.step = Some(4);
        l.run.hand = Some(Hand { fork: 0, picks: vec![Actor::Planner] });
    })));
    assert!(!here.differs_only_in_cursors(&here));
    assert!(here.same_apart_from_cursors(&here));
    assert!(here.same_apart_from_cursors(&edit(&|l| l.cursor.step = Some(4))));
    assert!(!here.same_apart_from_cursors(&edit(&|l| l.view.present = false)));
    assert_eq!(here.outside_embed(), here);
    assert_eq!(here.at_step(0).cursor.step, None, "the start is left out of a link");
}

/// The page's own `<a href="#sources">` and any one-word fragment are in-page anchors: they
/// set nothing and name no problem (the Sources link once read as `sources=: not a setting
/// this page knows`, switched the mitigations off and moved the cursor to the start).
#[test]
fn an_in_page_anchor_is_not_a_link() {
    for hash in ["#sources", "sources", "#cascade", "#tour", "#loaded-run", "#export_title", "#Section2"] {
        let decoded = decode(hash);
        assert_eq!(decoded.anchor.as_deref(), Some(hash.trim_start_matches('#')), "{hash}");
        assert_eq!(decoded.link, Link::default(), "{hash}");
        assert!(decoded.ignored.is_empty(), "{hash}: {:?}", decoded.ignored);
    }
    // Links are key=value pairs, never anchors; nor is anything that is not one short word.
    for hash in ["", "#", "#v=1", "#sources=1", "#step=3", "#a&b", "#sour ces", "#<img>", "#sources%3D"] {
        assert_eq!(anchor(hash), None, "{hash}");
        assert_eq!(decode(hash).anchor, None, "{hash}");
    }
    assert_eq!(anchor(&format!("#{}", "a".repeat(ANCHOR_LENGTH_MAX))).map(str::len), Some(ANCHOR_LENGTH_MAX));
    assert_eq!(anchor(&format!("#{}", "a".repeat(ANCHOR_LENGTH_MAX + 1))), None);
}

proptest! {
    /// Every link the page writes stays a link: no encoded link is ever taken for an anchor.
    #[test]
    fn no_link_the_page_writes_reads_as_an_anchor(link in link()) {
        let hash = encode(&link);
        prop_assert!(anchor(&hash).is_none() || hash.is_empty(), "{hash}");
        prop_assert_eq!(decode(&hash).anchor, None);
    }
}

#[test]
fn dwfms_retry_and_serve_stale_travel_in_the_link_and_the_file_and_old_ones_read_the_same() {
    use dns_race::ui::export;
    use dns_race::ui::replay::Replay;
    let link = decode("#v=1&respond=throttle-dwfm,serve-stale&dwfm=deadline").link;
    assert_eq!(link.cascade.dwfm, Some(DwfmRetry::Deadline));
    assert_eq!(link.cascade.respond, Some(vec![Response::ThrottleDwfm, Response::ServeStale]));
    assert_eq!(encode(&link), "v=1&respond=throttle-dwfm,serve-stale&dwfm=deadline");
    // The default is left out, and an old link (without `dwfm`) reads as before.
    assert_eq!(decode("#v=1&dwfm=requeue").link, decode("#v=1").link);
    assert_eq!(decode("#v=1").link.cascade.dwfm, None);
    let bad = decode("#v=1&dwfm=sometimes");
    assert_eq!(bad.link.cascade.dwfm, None);
    assert_eq!(bad.ignored, vec!["dwfm=sometimes: no such DWFM retry".to_string()]);
    // A saved file carries it, and a file without it is the default.
    let replay = Replay::run(&dns_race::scenario::Scenario::incident()).expect("runs");
    let file = export::export(&link, &replay);
    assert!(file.contains("\"dwfm\": \"deadline\""), "the file names it");
    assert_eq!(export::import(&file).expect("reads back").cascade, link.cascade);
    let plain = export::export(&decode("#v=1").link, &replay);
    assert!(!plain.contains("\"dwfm\""), "left out when it is the default");
    assert_eq!(export::import(&plain).expect("reads back").cascade.dwfm, None);
}
