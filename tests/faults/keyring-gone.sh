#!/usr/bin/env bash
# Fault: the keyring disappears while a keyring-mode store is in use. Run by scripts/test-all.sh
# inside its own D-Bus session, with XDG_DATA_HOME and XDG_RUNTIME_DIR pointing at a fresh
# temporary folder (`XDG_…=… dbus-run-session -- tests/faults/keyring-gone.sh REDRESS_BIN`):
# only keyring daemons started with that runtime folder are ever stopped, never the user's own.
# The store must stay intact, the CLI must say what happened and what to do (exit 1), and
# everything must work again once the keyring is back.
set -euo pipefail
redress="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
case "${XDG_RUNTIME_DIR:-}" in
  /tmp/*) ;;
  *) echo "keyring-gone: run with XDG_RUNTIME_DIR set to a temporary folder (see scripts/test-all.sh)" >&2; exit 2 ;;
esac
r() { "$redress" --data-dir "$work/data" "$@"; }
fail() { echo "keyring-gone: $*" >&2; exit 1; }
# The keyring daemons of this test's session: those whose environment has our runtime folder.
stop_our_keyring() {
  local pid stopped=1
  for pid in $(pgrep -u "$(id -u)" -f gnome-keyring-daemon || true); do
    if tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "XDG_RUNTIME_DIR=$XDG_RUNTIME_DIR"; then
      kill -KILL "$pid" && stopped=0
    fi
  done
  sleep 1
  return $stopped
}

start_keyring() { echo -n keyring-gone | gnome-keyring-daemon --unlock --components=secrets >/dev/null; }
start_keyring
r store init >/dev/null
r profile add --name "Zoé Martin" --email zoe@example.fr >/dev/null

# The keyring goes away (its daemon is killed, as when a session's keyring crashes).
stop_our_keyring || fail "no keyring daemon of this session to stop"
if out="$(r profile list 2>&1)"; then fail "the store opened without its key: $out"; fi
status=0; r profile list >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "expected exit 1 (a problem the user can act on), got $status"
case "$out" in
  *"keyring"*"nothing was changed"*[Uu]"nlock"*) ;;
  *) fail "the message does not say the keyring is missing and what to do: $out" ;;
esac
grep -q "Zoé" "$work/data/redress.db" && fail "plaintext in the store"

# Back again (D-Bus may have started a fresh, locked daemon meanwhile: replace it, unlocked).
stop_our_keyring || true
start_keyring
after="$(r profile list --json 2>&1)" || fail "the store does not open once the keyring is back: $after"
case "$after" in *'"Zoé Martin"'*) ;; *) fail "the person is gone after the keyring came back: $after" ;; esac
echo "keyring-gone: refused with \"${out%%$'\n'*}\", intact, works again once the keyring is back"
