#!/usr/bin/env bash
# Render benchmark in headless Chromium: builds the benchmark page (bench/index.html, a trace
# of more than 10,000 events) into target/bench-dist and measures how long a step and a seek
# take to re-render. Prints median, p95 and max per kind of action. Installs what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
trunk build bench/index.html --dist target/bench-dist
node scripts/bench-ui.mjs
