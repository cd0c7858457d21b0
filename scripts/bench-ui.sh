#!/usr/bin/env bash
# The page's benchmarks in headless Chromium (scripts/bench-ui.mjs says what each measures):
#   render      a step and a seek on the page as shipped (dist/, the cascade's run done);
#   bench-page  the same on bench/index.html, a trace of more than 10,000 events;
#   load        time to the first diagram and the longest main-thread tasks, paired with a
#               bare Yew app (bench/bare-yew) built by the same toolchain, with and without a
#               4x CPU slowdown; then the longest task during a cascade setting change, the
#               exhaustive search (beside the native command line's, run after each) and 1,000
#               random runs per design.
# Usage: scripts/bench-ui.sh [render] [bench-page] [load] [--rounds=N] [--json=FILE]
#   (no part: all three). Builds only what the parts asked for need, with Trunk in release
#   mode: dist/ (the page), target/bench-dist (the benchmark page), target/bare-yew-dist (the
#   bare app, its own crate and Cargo.lock, into target/bare-yew). Installs what is missing.
#   Set DNS_RACE_BENCH_NO_BUILD=1 to use the builds already there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

parts=()
for arg in "$@"; do
    case "$arg" in
        --*) ;;
        *) parts+=("$arg") ;;
    esac
done
[ "${#parts[@]}" -gt 0 ] || parts=(render bench-page load)
wants() {
    local part
    for part in "${parts[@]}"; do [ "$part" = "$1" ] && return 0; done
    return 1
}

if [ -z "${DNS_RACE_BENCH_NO_BUILD:-}" ]; then
    if wants render || wants load; then
        trunk build --release
    fi
    if wants bench-page; then
        trunk build bench/index.html --release --dist target/bench-dist
    fi
    if wants load; then
        # Its own crate (an empty [workspace] table keeps it out of dns-race's), built offline
        # from its committed Cargo.lock with the same pinned Trunk, wasm-bindgen and wasm-opt.
        (cd bench/bare-yew && CARGO_TARGET_DIR="$DNS_RACE_REPO/target/bare-yew" \
            trunk build --release --locked --dist "$DNS_RACE_REPO/target/bare-yew-dist")
        # The native command line: the exhaustive search's reference, timed beside the page's.
        cargo build --release --offline --bin dns-race
    fi
fi
node scripts/bench-ui.mjs "$@"
