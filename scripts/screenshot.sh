#!/usr/bin/env bash
# Builds the page and takes screenshots of it into docs/ (1280 x 1500 and 390 x 844).
# Usage: bash scripts/screenshot.sh [--dark]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
trunk build --release >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
node scripts/screenshot.mjs "$@"
