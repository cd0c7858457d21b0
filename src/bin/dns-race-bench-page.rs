//! The render benchmark's page (`bench/index.html`): the app on a calm day long enough for
//! at least 10,000 events, so that `scripts/bench-ui.sh` can measure how long a step and a
//! seek take to re-render on a trace of that size. Not part of the shipped page.

/// A calm day of 6 h 30 min: about 10,700 events with the default knobs.
#[cfg(target_arch = "wasm32")]
const DURATION_MS: u64 = 6 * 3_600_000 + 30 * 60_000;

#[cfg(target_arch = "wasm32")]
fn main() {
    let scenario = dns_race::scenario::Scenario { duration_ms: DURATION_MS, ..Default::default() };
    yew::Renderer::<dns_race::ui::App>::with_props(dns_race::ui::AppProps { scenario, opened: None })
        .render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!("dns-race-bench-page runs in the browser: use scripts/bench-ui.sh");
    std::process::ExitCode::from(2)
}
