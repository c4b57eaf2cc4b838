#!/usr/bin/env bash
# Installs what the tests need and runs all of them: Rust (core, CLI scenarios, app), the UI's
# type check and unit tests, and the real-window E2E under Xvfb.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REDRESS_ROOT"
setup_test
start=$SECONDS

say "formatting"
cargo fmt --all --check

say "core, mail, store and CLI (no GTK needed)"
cargo test -p redress-core -p redress-mail -p redress-store -p redress-pdf -p redress-online -p redress-usecases -p redress-cli

say "store: keyring mode against a real Secret Service (gnome-keyring in a private D-Bus session)"
# A throw-away keyring folder: the daemon creates and unlocks a fresh login keyring there, and
# the user's own keyrings are never touched.
keyring_home="$(mktemp -d)"
XDG_DATA_HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home" dbus-run-session -- sh -c \
  'echo -n redress-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
   REDRESS_KEYRING_EXPECT=available cargo test -q -p redress-store --test keyring &&
   REDRESS_KEYRING_EXPECT=available cargo test -q -p redress-cli --test cli_scenarios keyring' 2>&1 | grep -v "Failed to set fd limit"
rm -rf "$keyring_home"
say "fault: the keyring disappears while a keyring-mode store is in use"
keyring_home="$(mktemp -d)"
XDG_DATA_HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home" dbus-run-session -- \
  tests/faults/keyring-gone.sh "$CARGO_TARGET_DIR/debug/redress" 2>&1 |
  grep -v -e "Failed to set fd limit" -e "dbus-daemon" -e "GNOME_KEYRING"
rm -rf "$keyring_home"
say "store: no keyring at all (no session bus) falls back to a passphrase"
env -u DBUS_SESSION_BUS_ADDRESS REDRESS_KEYRING_EXPECT=absent cargo test -q -p redress-store --test keyring

say "the core and the CLI do not depend on Tauri"
for crate in redress-core redress-mail redress-store redress-pdf redress-online redress-usecases redress-cli; do
  if cargo tree -e normal,build -i tauri -p "$crate" >/dev/null 2>&1; then
    echo "error: $crate depends on tauri:" >&2
    cargo tree -e normal,build -i tauri -p "$crate" >&2
    exit 1
  fi
done

say "the floors: domain -> mail, pdf, online, store -> use cases -> app and CLI (ARCHITECTURE.md)"
# Each crate, then what it must never depend on (directly or not): a lower floor never reaches
# up, and mail reading needs neither the network nor the store.
while read -r crate forbidden; do
  for dep in $forbidden; do
    if cargo tree -e normal,build -i "$dep" -p "$crate" >/dev/null 2>&1; then
      echo "error: $crate depends on $dep, a floor it must not reach:" >&2
      cargo tree -e normal,build -i "$dep" -p "$crate" >&2
      exit 1
    fi
  done
done <<'FLOORS'
redress-core redress-mail redress-store redress-pdf redress-online redress-usecases redress-cli ureq
redress-mail redress-store redress-pdf redress-online redress-usecases redress-cli ureq
redress-pdf redress-mail redress-store redress-online redress-usecases redress-cli ureq
redress-online redress-mail redress-store redress-pdf redress-usecases redress-cli
redress-store redress-pdf redress-online redress-usecases redress-cli ureq
redress-usecases redress-cli
FLOORS

say "dependencies: licences compatible with GPL-3.0, crates.io only (cargo deny)"
cargo deny check licenses bans sources 2>&1 | tail -n 3

say "dependencies: known vulnerabilities (RustSec, npm audit), each skipped with a notice when its data is out of reach"
tests/supply-chain/audit-steps.sh
scripts/audit.sh

say "fuzzing smoke run: the parsers of untrusted files never panic (tools/fuzz)"
cargo run -q -p redress-fuzz -- all --seconds 6

say "UI: type check, unit tests, build"
npm --prefix ui run check --silent
npm --prefix ui run test --silent
npm --prefix ui run build --silent

say "app: generated bindings are current"
cargo test -p redress-app

say "lints (clippy, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

say "E2E: the real window under Xvfb"
cargo build -p redress-app
export REDRESS_APP_BINARY="$CARGO_TARGET_DIR/debug/redress-app"
# The CLI, built by the tests above: one E2E test checks the app and the CLI write the same bytes.
export REDRESS_CLI_BINARY="$CARGO_TARGET_DIR/debug/redress"
# WebKitGTK's DMA-BUF renderer needs a GPU; Xvfb has none.
export WEBKIT_DISABLE_DMABUF_RENDERER=1

say "network silence: the app starts and idles 10 s without an internet connection"
silence_log="$(mktemp)"
silence_data="$(mktemp -d)"
# strace follows the app and WebKit's processes; the whole group is killed after 10 s.
REDRESS_DATA_DIR="$silence_data" LOG="$silence_log" timeout -s KILL 120 xvfb-run -a bash -c \
  'setsid strace -f -qq -e trace=connect,sendto,sendmsg -o "$LOG" "$REDRESS_APP_BINARY" >/dev/null 2>&1 & pid=$!
   sleep 10; kill -KILL -- -$pid 2>/dev/null; wait; true'
if ! grep -q 'AF_UNIX' "$silence_log"; then
  echo "error: the app did not start under strace (no display connection seen)" >&2; exit 1
fi
if grep 'AF_INET' "$silence_log" >&2; then
  echo "error: the app opened an internet connection at start (above)" >&2; exit 1
fi
rm -rf "$silence_log" "$silence_data"
# The mailbox journey (tests/e2e/mail.test.mjs) sends through a real Dovecot and Postfix on
# 127.0.0.1, started here and stopped however the run ends.
mail_servers="$(mktemp -d /tmp/rms-e2e-XXXXXX)"
trap 'tests/mail-servers/mail-servers.sh stop "$mail_servers" >/dev/null 2>&1 || true; rm -rf "$mail_servers"' EXIT
tests/mail-servers/mail-servers.sh start "$mail_servers"
export REDRESS_MAIL_SERVERS_DIR="$mail_servers"
# Inside a private D-Bus session with a fresh, unlocked gnome-keyring, so the keyring journey
# runs against a real Secret Service too.
keyring_home="$(mktemp -d)"
XDG_DATA_HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home" dbus-run-session -- sh -c \
  'echo -n redress-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
   REDRESS_KEYRING_EXPECT=available xvfb-run -a -s "-screen 0 1280x860x24" \
     node --test --test-concurrency=1 --test-timeout=180000 --test-reporter=spec tests/e2e/' 2>&1 | grep -v "Failed to set fd limit"
rm -rf "$keyring_home"
tests/mail-servers/mail-servers.sh stop "$mail_servers"
rm -rf "$mail_servers"
trap - EXIT

say "all tests passed in $((SECONDS - start)) s"
