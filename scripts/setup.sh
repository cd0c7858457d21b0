# shellcheck shell=bash
# Installs (only what is missing or of the wrong version) every tool dns-race needs, pinned:
#   - the wasm32-unknown-unknown target, rustfmt and clippy (rustup);
#   - Trunk 0.21.14 and wasm-bindgen-cli (the exact version of the `wasm-bindgen` crate in
#     Cargo.lock) from crates.io, into $TOOLS (shared by every clone on this machine);
#   - wasm-opt (npm `binaryen` 132), playwright-core and axe-core, from package-lock.json, with `npm ci`;
#   - Debian's chromium, only if /usr/bin/chromium is missing.
# Then fetches the crates, so that Trunk's offline builds find them.
#
# Source it (the other scripts do): it exports PATH with "$TOOLS/bin" and node_modules/.bin
# first, and DNS_RACE_REPO / DNS_RACE_TOOLS. Running it directly also works.
#   TOOLS defaults to ${DNS_RACE_TOOLS:-$HOME/.cache/dns-race/tools}.
# A first run takes several minutes (mostly compiling Trunk); later runs take a second.

DNS_RACE_TRUNK_VERSION=0.21.14
DNS_RACE_WASM_OPT_VERSION=132

dns_race_setup() {
    local repo tools log wb_version have
    repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
    tools="${DNS_RACE_TOOLS:-$HOME/.cache/dns-race/tools}"
    mkdir -p "$tools/bin" "$tools/logs" || return 1
    export DNS_RACE_REPO="$repo" DNS_RACE_TOOLS="$tools"
    case ":$PATH:" in
        "$tools/bin:$repo/node_modules/.bin:"*) ;;
        *) export PATH="$tools/bin:$repo/node_modules/.bin:$PATH" ;;
    esac

    _dns_race_fail() {
        echo "setup: error: $*" >&2
        return 1
    }
    # Runs a long install quietly; prints its log's tail if it fails.
    _dns_race_quiet() {
        local name="$1"
        shift
        log="$tools/logs/$name.log"
        if ! "$@" >"$log" 2>&1; then
            tail -n 30 "$log" >&2
            _dns_race_fail "installing $name failed (full log: $log)"
            return 1
        fi
    }

    # --- Rust: target and components -------------------------------------------------------
    command -v cargo >/dev/null && command -v rustup >/dev/null ||
        { _dns_race_fail "cargo and rustup are required (https://rustup.rs)"; return 1; }
    local installed
    installed="$(rustup target list --installed 2>/dev/null)"
    if ! grep -qx wasm32-unknown-unknown <<<"$installed"; then
        echo "setup: installing Rust target wasm32-unknown-unknown"
        _dns_race_quiet rustup-target rustup target add wasm32-unknown-unknown || return 1
    fi
    local component
    installed="$(rustup component list --installed 2>/dev/null)"
    for component in rustfmt clippy; do
        if ! grep -q "^$component-" <<<"$installed"; then
            echo "setup: installing Rust component $component"
            _dns_race_quiet "rustup-$component" rustup component add "$component" || return 1
        fi
    done

    # --- Trunk and wasm-bindgen-cli (the version of the wasm-bindgen crate in Cargo.lock) -----
    # Both compile from crates.io; when both are missing they compile side by side. Their own
    # release profiles link with fat LTO and one codegen unit, which takes most of the time
    # for no gain here: the environment overrides that for these installs only.
    wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' \
        "$repo/Cargo.lock")"
    [ -n "$wb_version" ] || { _dns_race_fail "no wasm-bindgen package in Cargo.lock"; return 1; }
    if ! grep -q "^wasm_bindgen = \"$wb_version\"" "$repo/Trunk.toml"; then
        _dns_race_fail "Trunk.toml's [tools] wasm_bindgen must be \"$wb_version\" (the version in Cargo.lock)"
        return 1
    fi
    local need_trunk=0 need_wb=0 pid_trunk="" pid_wb="" failed=0
    [ "$(trunk --version 2>/dev/null)" = "trunk $DNS_RACE_TRUNK_VERSION" ] || need_trunk=1
    have="$(wasm-bindgen --version 2>/dev/null)"
    [ "$(echo "$have" | cut -d' ' -f2)" = "$wb_version" ] || need_wb=1
    if [ "$need_trunk" = 1 ]; then
        echo "setup: installing trunk $DNS_RACE_TRUNK_VERSION into $tools (about 5 min)"
        CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
            _dns_race_quiet trunk cargo install trunk --version "$DNS_RACE_TRUNK_VERSION" --locked \
            --root "$tools" --force &
        pid_trunk=$!
    fi
    if [ "$need_wb" = 1 ]; then
        echo "setup: installing wasm-bindgen-cli $wb_version into $tools (about 2 min)"
        # Not --locked: its lock file pins a crate version that the registry here lacks.
        CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
            _dns_race_quiet wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$wb_version" \
            --root "$tools" --force &
        pid_wb=$!
    fi
    [ -z "$pid_trunk" ] || wait "$pid_trunk" || failed=1
    [ -z "$pid_wb" ] || wait "$pid_wb" || failed=1
    [ "$failed" = 0 ] || return 1
    have="$(trunk --version 2>/dev/null)"
    [ "$have" = "trunk $DNS_RACE_TRUNK_VERSION" ] ||
        { _dns_race_fail "trunk on PATH says '$have', expected $DNS_RACE_TRUNK_VERSION"; return 1; }
    have="$(wasm-bindgen --version 2>/dev/null)"
    [ "$(echo "$have" | cut -d' ' -f2)" = "$wb_version" ] ||
        { _dns_race_fail "wasm-bindgen on PATH says '$have', expected $wb_version"; return 1; }

    # --- node tools: wasm-opt (binaryen) and playwright-core, exactly as locked -------------
    command -v npm >/dev/null || { _dns_race_fail "node and npm are required"; return 1; }
    local lock_sum stamp="$repo/node_modules/.dns-race-lock.sha256"
    lock_sum="$(sha256sum "$repo/package-lock.json" | cut -d' ' -f1)"
    have="$(wasm-opt --version 2>/dev/null)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ] ||
        [ "$(echo "$have" | cut -d' ' -f3)" != "$DNS_RACE_WASM_OPT_VERSION" ]; then
        echo "setup: installing node tools (npm ci: binaryen, playwright-core, axe-core)"
        (cd "$repo" && _dns_race_quiet npm-ci npm ci --no-audit --no-fund) || return 1
        echo "$lock_sum" >"$stamp"
        have="$(wasm-opt --version 2>/dev/null)"
        [ "$(echo "$have" | cut -d' ' -f3)" = "$DNS_RACE_WASM_OPT_VERSION" ] ||
            { _dns_race_fail "wasm-opt on PATH says '$have', expected $DNS_RACE_WASM_OPT_VERSION"; return 1; }
    fi

    # --- a browser for the tests and screenshots: Debian's chromium -------------------------
    if [ ! -x /usr/bin/chromium ]; then
        echo "setup: installing chromium (apt)"
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        _dns_race_quiet apt-get-update $sudo apt-get update || return 1
        _dns_race_quiet chromium $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium ||
            return 1
    fi

    # --- crates: Trunk builds with --offline, so every crate must be here ------------------
    if ! (cd "$repo" && _dns_race_quiet cargo-fetch cargo fetch --locked); then
        echo "setup: hint: if Cargo.lock is out of date, run \`cargo update --workspace\` and commit it" >&2
        return 1
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    dns_race_setup || exit 1
else
    dns_race_setup || return 1
fi
