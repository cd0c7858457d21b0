#!/usr/bin/env bash
# Builds the page (release) and serves it on http://127.0.0.1:8080/, rebuilding on changes.
# Opens a browser when there is a display; headless, it just serves (open the URL yourself).
# Extra arguments go to `trunk serve` (e.g. --port 8081). Set DNS_RACE_NO_OPEN=1 to never open.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh

open=()
if [ -z "${DNS_RACE_NO_OPEN:-}" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; }; then
    # Trunk only logs an error if no browser can be opened; serving goes on.
    open=(--open)
else
    echo "serve: no display here, so no browser is opened: open the address below yourself"
fi
exec trunk serve --release "${open[@]}" "$@"
