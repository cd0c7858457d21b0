//! Links: the URL hash round-trips what the learner set, and any string decodes without a
//! panic, naming what it ignored.

use dns_race::explore::Bound;
use dns_race::scenario::{Mitigation, Scenario, KNOBS, PRESETS};
use dns_race::sim::Actor;
use dns_race::ui::link::{decode, embed_snippet, encode, Base, Embed, Hand, Link, Theme, HASH_LENGTH_MAX};
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
    (
        (base(), proptest::option::of(any::<u64>()), knobs),
        proptest::sample::subsequence(Mitigation::ALL.to_vec(), 0..=Mitigation::ALL.len()),
        hand,
        proptest::option::of(any::<u32>()),
        view,
        embed,
    )
        .prop_map(|((base, seed, knobs), mut mitigations, hand, step, view, embed)| {
            mitigations.sort();
            let (chapter, present, drive, speed, theme) = view;
            Link { base, seed, knobs, mitigations, hand, step, chapter, present, drive, speed, theme, embed }
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
        prop_assert_eq!(decoded.link.step, Some(step));
        prop_assert!(decoded.link.mitigations.contains(&Mitigation::SelfRepair));
    }
}

#[test]
fn the_defaults_are_the_bare_page_and_a_moment_is_readable() {
    assert_eq!(encode(&Link::default()), "");
    let link = Link {
        mitigations: vec![Mitigation::ConditionalWrite, Mitigation::SafeCleanup],
        step: Some(254),
        ..Link::default()
    };
    assert_eq!(encode(&link), "v=1&m=conditional-write,safe-cleanup&step=254");
}

#[test]
fn a_hostile_hash_names_what_it_ignored_and_keeps_the_rest() {
    let decoded =
        decode("#v=1&m=magic,conditional-write&step=abc&zoom=<script>alert(1)</script>&m=self-repair");
    assert_eq!(decoded.link, Link { mitigations: vec![Mitigation::ConditionalWrite], ..Link::default() });
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
    assert_eq!(decode("#step=7").link.step, Some(7), "a link without v is read as version 1");
}
