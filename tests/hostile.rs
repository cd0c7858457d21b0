//! Fuzzed end to end (issue 17): arbitrary strings, and mutations of real links and saved
//! files, driven through the page's whole path natively, with the page's memory budget
//! enforced by a counting allocator:
//!
//! * a hash → `link::decode` → `Link` → `PageState` (`Action::Navigate`: `Run::scenario`, the
//!   run, its `Replay`) → the view models at the start, the cursor and the end of the run
//!   shown (architecture, narration, record sets, sequence, the side-by-side comparison)
//!   and the link written back;
//! * a file's text → `export::import` → `Action::Import` → the same.
//!
//! Each case must not panic and must not hold more than [`PAGE_BUDGET_BYTES`] above what was
//! live before it (the page's 256 MiB of wasm memory, DESIGN.md §4). The suite runs a few
//! thousand cases in seconds; the long run, 100,000 cases and more, is the ignored
//! [`long_run`] (README, "Fuzzed end to end": how to run it, its date and figures). The
//! crashing inputs of issue 17 are kept below as regression cases.
#![cfg(feature = "web")] // The page's path: `cargo test --no-default-features` skips it.

use dns_race::scenario::{Mitigation, KNOBS};
use dns_race::ui::export;
use dns_race::ui::link::{decode, encode, Decoded};
use dns_race::ui::replay::Moment;
use dns_race::ui::state::{Action, PageState};
use dns_race::ui::view::{architecture, compare, narration, record_set, sequence};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::time::Instant;

/// The page's memory budget: a phone's tab, 256 MiB of wasm memory (DESIGN.md §4). A case
/// may hold at most this much above what was live before it.
const PAGE_BUDGET_BYTES: usize = 256 << 20;

/// Past this, the counting allocator refuses to allocate on a fuzzing thread: a case that
/// runs away fails at once (an allocation failure aborts the test binary, with the input
/// printed just before) instead of taking the memory of a machine shared with others.
const HARD_CAP_BYTES: usize = 1 << 30;

/// Counts the bytes live and the peak, per thread (the cases of one test run on its thread,
/// so other tests running beside it do not count).
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static CAP: Cell<usize> = const { Cell::new(usize::MAX) };
}

fn grow(bytes: usize) -> bool {
    LIVE.try_with(|live| {
        let now = live.get().saturating_add(bytes);
        if now > CAP.try_with(Cell::get).unwrap_or(usize::MAX) {
            return false;
        }
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
        true
    })
    .unwrap_or(true)
}

fn shrink(bytes: usize) {
    let _ = LIVE.try_with(|live| live.set(live.get().saturating_sub(bytes)));
}

/// An allocation of `layout` by `allocate`, counted; refused (null) past the hard cap.
fn counted(layout: Layout, allocate: impl FnOnce() -> *mut u8) -> *mut u8 {
    if !grow(layout.size()) {
        return std::ptr::null_mut();
    }
    let p = allocate();
    if p.is_null() {
        shrink(layout.size());
    }
    p
}

// SAFETY: every call goes to `System` with the caller's layout; the counters only observe.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        counted(layout, || unsafe { System.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        counted(layout, || unsafe { System.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() && !grow(new_size - layout.size()) {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            if new_size > layout.size() {
                shrink(new_size - layout.size());
            }
        } else if new_size < layout.size() {
            shrink(layout.size() - new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` with the hard cap on, and returns what it gave and the most it held at once
/// above what was live before it.
fn measured<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    CAP.with(|c| c.set(start.saturating_add(HARD_CAP_BYTES)));
    let out = f();
    CAP.with(|c| c.set(usize::MAX));
    (out, PEAK.with(Cell::get).saturating_sub(start))
}

/// What the page draws of a state: the view models at the first, current and last
/// positions of the run shown, the comparison with the run without mitigations, and the
/// link written back (then read again: what the page writes, it reads).
fn draw(state: &PageState) -> usize {
    let mut drawn = encode(&state.here()).len();
    let again = decode(&encode(&state.here()));
    assert!(again.ignored.is_empty(), "the page's own link reads back: {:?}", again.ignored);
    let Some(shown) = &state.shown else {
        return drawn;
    };
    let (first, last) = shown.range;
    for position in [first, shown.position, last] {
        let moment = Moment::at(&shown.replay, position);
        black_box(architecture::architecture(&moment));
        black_box(narration::narration(&moment));
        black_box(record_set::record_sets(&moment));
        black_box(sequence::sequence(&moment, &shown.replay.holds, 40));
        if let Some(baseline) = &state.baseline {
            let shared = baseline.shared_prefix(&shown.replay);
            black_box(compare::compare(baseline, &moment, shared));
        }
        drawn += 1;
    }
    drawn
}

/// The page showing the incident, as it opens bare: every case starts from it, as a
/// learner's page would.
fn bare_page() -> PageState {
    PageState::open(decode(""), None)
}

/// A hash through the page's path: Back, Forward or an edited address bar over `page`
/// (runs already made are taken again), then a step, a switch, and what the page draws.
fn through_the_page(page: &PageState, hash: &str) -> usize {
    let decoded: Decoded = decode(hash);
    let anchor = decoded.anchor.is_some();
    let next = page.after(Action::Navigate(Box::new(decoded)));
    if anchor {
        assert_eq!(&next, page, "an anchor {hash:?} changes nothing");
    }
    let stepped = next.after(Action::StepForward).after(Action::Last);
    draw(&next) + draw(&stepped)
}

/// A file's text through the page's path: opened over `page`; a refused file leaves the
/// page as it was (the page never sees it); an opened one is drawn.
fn through_import(page: &PageState, text: &str) -> usize {
    match export::import(text) {
        Ok(saved) => {
            let next = page.after(Action::Import(Box::new(saved)));
            assert!(next.own.is_ok(), "an opened file runs");
            draw(&next)
        }
        Err(error) => error.to_string().len(),
    }
}

/// The keys of a link, for near-valid links: every setting and every knob.
fn keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "v", "s", "seed", "bound", "m", "fork", "pick", "step", "chapter", "present", "drive", "speed",
        "theme", "embed", "autoplay", "controls", "from", "to", "policy", "vs", "respond", "at",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    keys.extend(KNOBS.iter().map(|k| k.name.to_string()));
    keys
}

/// Values a learner, a typo or an attacker would put after a key.
fn value() -> impl Strategy<Value = String> {
    let names: Vec<String> = Mitigation::ALL.iter().map(|m| m.name().to_string()).collect();
    prop_oneof![
        3 => (0u64..300).prop_map(|n| n.to_string()),
        2 => (300u64..200_000).prop_map(|n| n.to_string()),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => Just("18446744073709551616".to_string()),
        1 => Just("-1".to_string()),
        1 => proptest::sample::select(vec!["incident", "calm", "random", "zone-failure", "race", "1", "0",
            "true", "dark", "none", "backoff", "full-jitter", "0530", "2359", "2.1.3.1.2", "3.2.4.1.2", "1.1.1.0",
            "PABR", "PPPPAAAABBBBCCCCRRRROOOO", ""]).prop_map(str::to_string),
        2 => proptest::sample::subsequence(names, 0..4).prop_map(|n| n.join(",")),
        1 => "[PABCRO]{0,120}",
        1 => "[0-9.,a-z%&=#-]{0,24}",
    ]
}

/// A near-valid link: real keys with plausible values, sometimes mangled, so that cases
/// reach the run and the views rather than stopping in the decoder.
fn near_link() -> impl Strategy<Value = String> {
    let pair = (proptest::sample::select(keys()), value()).prop_map(|(k, v)| format!("{k}={v}"));
    (
        proptest::collection::vec(pair, 0..6),
        any::<bool>(),
        proptest::option::of((any::<prop::sample::Index>(), any::<char>())),
    )
        .prop_map(|(pairs, versioned, mangle)| {
            let mut hash = if versioned { "#v=1&".to_string() } else { "#".to_string() };
            hash.push_str(&pairs.join("&"));
            if let Some((at, c)) = mangle {
                let chars: Vec<char> = hash.chars().collect();
                let i = at.index(chars.len() + 1);
                hash = chars[..i].iter().chain(std::iter::once(&c)).chain(&chars[i..]).collect();
            }
            hash
        })
}

/// Any hash: arbitrary text, text made of a link's characters, near-valid links, anchors.
fn any_hash() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "#[a-z0-9=&.,_%#-]{0,60}",
        6 => near_link(),
        1 => "#[a-z][a-z0-9_-]{0,20}",
    ]
}

/// A saved file, near-valid: the file of a near-valid link's run (so its digest matches and
/// it opens), then perhaps one setting replaced, the digest changed, or the text mangled.
fn any_file() -> impl Strategy<Value = String> {
    let edit = prop_oneof![
        3 => Just(None),
        4 => (proptest::sample::select(vec!["seed", "step", "knobs", "mitigations", "schedule", "preset", "bound",
            "cascade"]), value(), any::<u8>())
            .prop_map(|(field, v, shape)| Some(Edit::Setting(field, v, shape))),
        1 => Just(Some(Edit::Digest)),
        2 => (any::<prop::sample::Index>(), any::<u8>(), 1usize..8)
            .prop_map(|(at, byte, len)| Some(Edit::Bytes(at, byte, len))),
    ];
    prop_oneof![
        1 => any::<String>(),
        8 => (near_link(), edit).prop_map(|(hash, edit)| file_of(&hash, edit)),
    ]
}

/// A change to a saved file.
#[derive(Clone, Debug)]
enum Edit {
    /// A setting replaced by a value written as a number, a string, a list or an object.
    Setting(&'static str, String, u8),
    /// Another digest.
    Digest,
    /// A few bytes of the text overwritten.
    Bytes(prop::sample::Index, u8, usize),
}

/// The file the page saves for `hash`'s moment, then `edit`ed.
fn file_of(hash: &str, edit: Option<Edit>) -> String {
    let link = decode(hash).link;
    let Ok((replay, _)) = link.run.replay() else {
        return String::from("{}");
    };
    let text = export::export(&link, &replay);
    let Some(edit) = edit else {
        return text;
    };
    let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(&text) else {
        return text;
    };
    match edit {
        Edit::Setting(field, v, shape) => {
            let value = match shape % 4 {
                0 => v.parse::<u64>().map(Into::into).unwrap_or_else(|_| v.clone().into()),
                1 => v.clone().into(),
                2 => serde_json::json!(v.split(',').collect::<Vec<_>>()),
                _ => match field {
                    "knobs" => {
                        let name = KNOBS[usize::from(shape) % KNOBS.len()].name;
                        serde_json::json!({ name: v.parse::<u64>().unwrap_or(1) })
                    }
                    "schedule" => serde_json::json!({ "fork": v.len(), "picks": v }),
                    _ => serde_json::json!({ "x": v }),
                },
            };
            doc["settings"][field] = value;
        }
        Edit::Digest => doc["digest"] = "0123456789abcdef".into(),
        Edit::Bytes(at, byte, len) => {
            let mut bytes = text.into_bytes();
            let i = at.index(bytes.len().max(1));
            for b in bytes.iter_mut().skip(i).take(len) {
                *b = byte;
            }
            return String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Figures of a fuzzing run, for the README.
#[derive(Debug, Default)]
struct Figures {
    hashes: u32,
    files: u32,
    peak_bytes: usize,
    seconds: f64,
    hashes_seconds: f64,
}

/// Runs `hashes` hashes and `files` files through the page, each within the budget; a
/// failing case is shrunk and printed with its seed by proptest. (A file costs more than
/// a hash: it is made from a run, and opening it makes the run again.)
fn fuzz(hashes: u32, files: u32, seed: u64) -> Figures {
    let page = bare_page();
    let mut figures = Figures::default();
    let started = Instant::now();
    let peak = Cell::new(0usize);
    let config = |cases| Config { cases, failure_persistence: None, ..Config::default() };
    let rng = || TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes(seed));
    let within_budget = |what: &str, input: &str, bytes: usize| {
        peak.set(peak.get().max(bytes));
        assert!(
            bytes <= PAGE_BUDGET_BYTES,
            "{what} {input:?} held {bytes} bytes, over the page's budget of {PAGE_BUDGET_BYTES} (seed {seed})"
        );
    };
    let mut runner = TestRunner::new_with_rng(config(hashes), rng());
    let trace = std::env::var_os("DNS_RACE_FUZZ_TRACE").is_some();
    let outcome = runner.run(&any_hash(), |hash| {
        if trace {
            eprintln!("hash {hash:?}");
        }
        let (_, bytes) = measured(|| through_the_page(&page, &hash));
        within_budget("the hash", &hash, bytes);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("a hash failed (seed {seed}): {failure}");
    }
    let hashes_seconds = started.elapsed().as_secs_f64();
    let mut runner = TestRunner::new_with_rng(config(files), rng());
    let outcome = runner.run(&any_file(), |text| {
        if trace {
            eprintln!("file {text:?}");
        }
        let (_, bytes) = measured(|| through_import(&page, &text));
        within_budget("the file", &text.chars().take(300).collect::<String>(), bytes);
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("a file failed (seed {seed}): {failure}");
    }
    figures.hashes = hashes;
    figures.files = files;
    figures.peak_bytes = peak.get();
    figures.seconds = started.elapsed().as_secs_f64();
    figures.hashes_seconds = hashes_seconds;
    figures
}

fn seed_bytes(seed: u64) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    for (i, chunk) in bytes.chunks_mut(8).enumerate() {
        chunk.copy_from_slice(&(seed.wrapping_add(i as u64)).to_le_bytes());
    }
    bytes
}

/// A count from the environment, or `default`.
fn from_env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// The suite's share: 2,000 hashes and 200 files, a fixed seed (the same cases every run;
/// the long run varies the seed), a few seconds. `DNS_RACE_FUZZ_HASHES` and
/// `DNS_RACE_FUZZ_FILES` change the counts.
#[test]
fn hashes_and_files_never_panic_and_stay_within_the_budget() {
    let figures = fuzz(from_env("DNS_RACE_FUZZ_HASHES", 2_000), from_env("DNS_RACE_FUZZ_FILES", 200), 17);
    eprintln!("{figures:?}");
}

/// The long run: 100,000 hashes and 20,000 files (`DNS_RACE_FUZZ_HASHES`,
/// `DNS_RACE_FUZZ_FILES`; `DNS_RACE_FUZZ_SEED` the seed), optimised:
/// `cargo test --release --test hostile -- --ignored --nocapture long_run`.
#[test]
#[ignore = "the long run, minutes: see the README"]
fn long_run() {
    let seed = from_env("DNS_RACE_FUZZ_SEED", 2025);
    let figures =
        fuzz(from_env("DNS_RACE_FUZZ_HASHES", 100_000), from_env("DNS_RACE_FUZZ_FILES", 20_000), seed);
    eprintln!(
        "long run (seed {seed}): {} hashes in {:.0} s, {} files in {:.0} s; \
         the largest case held {:.1} MiB",
        figures.hashes,
        figures.hashes_seconds,
        figures.files,
        figures.seconds - figures.hashes_seconds,
        figures.peak_bytes as f64 / (1 << 20) as f64
    );
}

/// The incident's saved file with `settings` edited by `edit`, its digest kept.
fn incident_file(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let link = decode("#step=254").link;
    let Ok((replay, _)) = link.run.replay() else {
        panic!("the incident runs");
    };
    let mut doc: serde_json::Value =
        serde_json::from_str(&export::export(&link, &replay)).unwrap_or_default();
    edit(&mut doc["settings"]);
    serde_json::to_string(&doc).unwrap_or_default()
}

/// Issue 17: a file with 300,000 picks crashed the page (100,000 took 3.3 s and left 3.2 GB
/// allocated). It is refused before anything runs, at the link's limit, in microseconds.
#[test]
fn a_file_of_300000_picks_is_refused_before_it_runs() {
    let page = bare_page();
    let text =
        incident_file(|s| s["schedule"] = serde_json::json!({"fork": 0, "picks": "A".repeat(300_000)}));
    let started = Instant::now();
    let (error, bytes) = measured(|| export::import(&text));
    assert_eq!(
        error.map(|l| encode(&l)).map_err(|e| e.to_string()),
        Err("settings.schedule.picks: more than 4000 picks (a schedule holds at most 4000)".to_string())
    );
    assert!(bytes < 8 << 20, "refused without running: {bytes} bytes");
    assert!(started.elapsed().as_secs() < 2, "refused at once");
    let (_, bytes) = measured(|| through_import(&page, &text));
    assert!(bytes <= PAGE_BUDGET_BYTES);
}

/// Issue 17: `#planner_interval_ms_min=1&planner_interval_ms_max=1` grew wasm memory past
/// 4 GiB (every plan kept, each checkpoint with its own copy) and killed the page; the same
/// knobs in a 177-byte saved file did too, the run made before the digest was checked.
/// The page's path must refuse them or stop the run at its budget: no panic, never over
/// the budget.
/// (The link's knob is left out, naming the smallest interval that fits; the file is
/// refused: `sim::RunBudget`.)
#[test]
fn a_planner_interval_of_1_ms_stays_within_the_budget() {
    let page = bare_page();
    for hash in [
        "#planner_interval_ms_min=1&planner_interval_ms_max=1",
        "#v=1&s=calm&planner_interval_ms_min=1&planner_interval_ms_max=1",
        "#v=1&s=random&seed=3&planner_interval_ms_min=1&planner_interval_ms_max=1&m=safe-cleanup",
    ] {
        let (_, bytes) = measured(|| through_the_page(&page, hash));
        assert!(bytes <= PAGE_BUDGET_BYTES, "{hash}: {bytes} bytes");
    }
    let file = format!(
        r#"{{"format":"dns-race-run","version":1,"settings":{{"preset":"incident","knobs":{{"planner_interval_ms_min":1,"planner_interval_ms_max":1}}}},"digest":"{}"}}"#,
        "0".repeat(16)
    );
    assert!(file.len() <= 177, "the issue's file is 177 bytes: {}", file.len());
    let (outcome, bytes) = measured(|| through_import(&page, &file));
    assert!(bytes <= PAGE_BUDGET_BYTES, "the 177-byte file: {bytes} bytes");
    assert!(outcome > 0);
    assert!(export::import(&file).is_err(), "the digest is not the run's: refused");
}
