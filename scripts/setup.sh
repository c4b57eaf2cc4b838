#!/usr/bin/env bash
# Installs what Redress needs on Debian 12, idempotently: Debian packages (only the missing
# ones), the UI's npm packages (only when package-lock.json changed), and tauri-driver for the
# E2E tests. Sourced by run-app.sh and test-all.sh; `setup.sh app` or `setup.sh test` alone works too.
set -euo pipefail

REDRESS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REDRESS_ROOT/target}"

# Build: Tauri's GTK/WebKit stack. Test: a virtual display, WebDriver for WebKitGTK, PDF tools,
# a session bus with a real Secret Service keyring, strace for the network-silence tests,
# procps (pgrep) for the keyring fault test, and real mail servers (Dovecot IMAP + LMTP, Postfix,
# openssl for their test CA, python3 for the self-test) that tests/mail-servers runs as private
# instances: the system-wide services these packages ship are never started (see need_apt).
APP_PACKAGES=(build-essential pkg-config file libssl-dev libgtk-3-dev libwebkit2gtk-4.1-dev librsvg2-dev)
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver poppler-utils qpdf dbus dbus-x11 gnome-keyring strace procps
  dovecot-imapd dovecot-lmtpd postfix openssl python3)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

need_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  # Postfix asks what kind of mail server this machine is: none, the tests run their own.
  if printf '%s\n' "${missing[@]}" | grep -qx postfix; then
    echo 'postfix postfix/main_mailer_type select No configuration' | "${sudo[@]}" debconf-set-selections
  fi
  # Nothing installed here needs a system-wide daemon, and the mail servers' install scripts would
  # start one listening on ports 25/143/993: while installing, a policy-rc.d forbids starting any
  # service (unless the machine already has one, as Docker images do, which is then left alone).
  local policy=/usr/sbin/policy-rc.d own_policy=0 rc=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Temporary, from Redress scripts/setup.sh: no service starts while installing.\nexit 101\n' |
      "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod 755 "$policy"
    own_policy=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq || rc=$?
  [ $rc -ne 0 ] || "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || rc=$?
  [ $own_policy -eq 0 ] || "${sudo[@]}" rm -f "$policy"
  [ $rc -eq 0 ] || { echo "error: apt-get failed (exit $rc) installing: ${missing[*]}" >&2; exit $rc; }
  # Under systemd the packages also enable their services for the next boot: the tests never use
  # them, so a mail server just installed for them is disabled (and stopped, should it run).
  if [ -d /run/systemd/system ]; then
    local units=()
    case " ${missing[*]} " in *" dovecot-"*) units+=(dovecot.socket dovecot.service) ;; esac
    case " ${missing[*]} " in *" postfix "*) units+=(postfix.service) ;; esac
    [ ${#units[@]} -eq 0 ] || "${sudo[@]}" systemctl disable --now --quiet "${units[@]}" 2>/dev/null || true
  fi
}

need_toolchain() {
  command -v cargo >/dev/null || { echo "error: Rust is not installed (https://rustup.rs, 1.95 or newer)" >&2; exit 1; }
  command -v node >/dev/null && command -v npm >/dev/null || { echo "error: Node.js 20.19+ with npm is needed for the UI" >&2; exit 1; }
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || { echo "error: Node.js 20.19+ is needed, found $(node --version)" >&2; exit 1; }
}

need_npm() {
  local stamp="$REDRESS_ROOT/ui/node_modules/.redress-lock-sha"
  local want
  want="$(sha256sum "$REDRESS_ROOT/ui/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  say "installing the UI's npm packages"
  # `npm install` rather than `npm ci`: the lock pins every version, but the registry mirror
  # here serves only some platforms' optional binaries (rollup, esbuild, tauri-cli), which
  # `npm ci` reports as a lock mismatch. Depending on what the mirror serves that day, `npm
  # install` may add other platforms' optional entries to the lock; the versions installed are
  # the lock's either way, so the tracked lock is put back as it was (git status stays clean).
  local kept
  kept="$(mktemp)"
  cp "$REDRESS_ROOT/ui/package-lock.json" "$kept"
  (cd "$REDRESS_ROOT/ui" && npm install --no-audit --no-fund --loglevel=error)
  cp "$kept" "$REDRESS_ROOT/ui/package-lock.json"
  rm -f "$kept"
  echo "$want" > "$stamp"
}

need_tauri_driver() {
  if command -v tauri-driver >/dev/null && tauri-driver --help 2>&1 | grep -q -- '--native-port'; then return 0; fi
  say "installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
}

need_cargo_deny() {
  if command -v cargo-deny >/dev/null && cargo-deny --version | grep -q '^cargo-deny 0\.20\.'; then return 0; fi
  say "installing cargo-deny (licence and source checks)"
  cargo install cargo-deny --version '0.20.2' --locked --quiet
}

setup_app() {
  need_toolchain
  need_apt "${APP_PACKAGES[@]}"
  need_npm
}

setup_test() {
  setup_app
  need_apt "${TEST_PACKAGES[@]}"
  export PATH="$HOME/.cargo/bin:$PATH"
  need_tauri_driver
  need_cargo_deny
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-test}" in
    app) setup_app ;;
    test) setup_test ;;
    *) echo "usage: scripts/setup.sh [app|test]" >&2; exit 1 ;;
  esac
fi
