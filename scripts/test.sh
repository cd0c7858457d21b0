#!/usr/bin/env bash
# Every check, in order, stopping at the first failure:
#   setup, formatting, clippy (native and wasm32), the Rust tests, the core's tests without
#   the page (--no-default-features: no Yew, no DOM), the release build of the page with
#   Trunk (into dist/), and the browser tests (node:test + playwright-core against
#   dist/ served on 127.0.0.1, in Debian's headless Chromium).
# Usage: bash scripts/test.sh   (CI runs it through .ci/run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

total=9
n=0
timings=()
started=$SECONDS

print_timings() {
    local line
    echo
    echo "Stage timings:"
    for line in "${timings[@]}"; do echo "  $line"; done
}

# stage NAME COMMAND...: runs COMMAND under a heading, records its time, stops on failure.
stage() {
    local name="$1" t0=$SECONDS rc=0
    shift
    n=$((n + 1))
    echo
    echo "==> [$n/$total] $name"
    echo "    \$ $*"
    "$@" || rc=$?
    timings+=("$(printf '%-34s %5d s' "$n. $name" $((SECONDS - t0)))")
    if [ "$rc" -ne 0 ]; then
        print_timings
        echo
        echo "test.sh: FAILED at stage $n/$total ($name), exit code $rc, after $((SECONDS - started)) s"
        exit "$rc"
    fi
}

# Sourced, so that PATH gets the pinned tools.
stage "setup (pinned tools)" source scripts/setup.sh
stage "format" cargo fmt --check
stage "clippy (native, all targets)" cargo clippy --all-targets --locked -- -D warnings
# wasm32: the library and the bin only. The tests and their dev-dependencies are native-only
# (proptest pulls in getrandom, which does not build for wasm32-unknown-unknown as is).
stage "clippy (wasm32, lib + bin)" \
    cargo clippy --lib --bins --locked --target wasm32-unknown-unknown -- -D warnings
# The compute worker alone, as Trunk builds it: the core and its bindings, none of Yew.
stage "clippy (wasm32, the worker)" \
    cargo clippy --bin dns-race-worker --no-default-features --features worker --locked \
    --target wasm32-unknown-unknown -- -D warnings
stage "cargo test (native)" cargo test --locked
# The core, the command line and their tests without the `web` feature: the compiler keeps
# Yew and the DOM out of them (the page's own tests are skipped, cfg(feature = "web")).
stage "cargo test (no default features)" cargo test --locked --no-default-features
stage "trunk build --release (dist/)" trunk build --release
stage "browser tests (tests/browser)" node --test tests/browser/

print_timings
echo
echo "test.sh: all $total stages passed in $((SECONDS - started)) s"
