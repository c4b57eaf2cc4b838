#!/usr/bin/env bash
# Known vulnerabilities in the dependencies: `cargo deny check advisories` (RustSec) and
# `npm audit --omit=dev` (the UI's shipped packages). Run by scripts/test-all.sh; by hand:
# `scripts/audit.sh [rust|ui|all]`.
#
# Both need data from the network, which build machines may not reach. Each check therefore
# runs when it can and says loudly when it cannot, and why, instead of failing the whole run or
# passing in silence; what it finds always fails:
#
# - rust: runs offline against the advisory database already on this computer: the folder
#   REDRESS_ADVISORY_DB_PATH names, else cargo-deny's own ($CARGO_HOME/advisory-dbs). Fill it
#   where GitHub is reachable with `cargo deny fetch db` (or any `cargo deny check advisories`),
#   then copy the folder over if needed. Without one: skipped, with a notice.
# - ui: asks the npm registry's audit endpoint. Not reached (no network, a proxy or mirror that
#   refuses it): skipped, with a notice giving npm's reason. Vulnerabilities, or any other
#   failure of npm: the check fails.
#
# Exit status: 0 when every check that could run passed (skipped ones included), 1 otherwise.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notice() { printf '\033[1;33mnotice: %s\033[0m\n' "$*" >&2; }
failed=0

audit_rust() {
  local db_path="${REDRESS_ADVISORY_DB_PATH:-${CARGO_HOME:-$HOME/.cargo}/advisory-dbs}"
  if ! compgen -G "$db_path/*/crates" >/dev/null; then
    notice "SKIPPED cargo deny check advisories: no RustSec advisory database in $db_path" \
      "(set REDRESS_ADVISORY_DB_PATH, or run 'cargo deny fetch db' where GitHub is reachable; see SECURITY.md)"
    return 0
  fi
  # deny.toml keeps cargo-deny's default folder; another one is given in a copy of it.
  local config="$root/deny.toml" tmp=""
  if [ -n "${REDRESS_ADVISORY_DB_PATH:-}" ]; then
    tmp="$(mktemp)"
    { cat "$root/deny.toml"; printf '\n[advisories]\ndb-path = "%s"\n' "$REDRESS_ADVISORY_DB_PATH"; } >"$tmp"
    config="$tmp"
  fi
  echo "cargo deny check advisories, offline, with the database in $db_path" >&2
  local status=0
  (cd "$root" && cargo deny --offline --config "$config" check advisories) || status=$?
  [ -n "$tmp" ] && rm -f "$tmp"
  if [ "$status" -ne 0 ]; then
    echo "error: cargo deny check advisories failed (above): a dependency has an advisory, or the database is unusable or too old" >&2
    failed=1
  fi
}

audit_ui() {
  local out err status=0
  out="$(mktemp)"; err="$(mktemp)"
  (cd "$root/ui" && npm audit --omit=dev --json) >"$out" 2>"$err" || status=$?
  if [ "$status" -eq 0 ]; then
    echo "npm audit --omit=dev: no known vulnerabilities" >&2
    rm -f "$out" "$err"
    return 0
  fi
  # A report (auditReportVersion) means the endpoint answered: its findings fail the step. An
  # HTTP error from the endpoint or a network error code means it was not reached.
  local verdict
  verdict="$(node -e '
    const fs = require("fs");
    let r;
    try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { console.log("other npm printed no JSON report"); process.exit(); }
    if (r.auditReportVersion !== undefined) {
      const v = r.vulnerabilities || {};
      const names = Object.keys(v).map((n) => `${n} (${v[n].severity})`).join(", ");
      const total = r.metadata && r.metadata.vulnerabilities ? r.metadata.vulnerabilities.total : Object.keys(v).length;
      console.log(`findings ${total} vulnerable package(s): ${names}`);
    } else {
      const e = r.error || {};
      const network = /^(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ECONNABORTED|EPROXY|ERR_SOCKET_TIMEOUT|FETCH_ERROR)$/;
      const why = r.message || e.summary || e.code || "no reason given";
      if (r.statusCode !== undefined || network.test(e.code || "") || network.test(r.code || "")) console.log(`unreachable ${why}`);
      else console.log(`other ${why}`);
    }' "$out")"
  case "$verdict" in
    unreachable*)
      notice "SKIPPED npm audit --omit=dev: the registry's audit endpoint was not reached (${verdict#unreachable });" \
        "run it where the npm registry is reachable (see SECURITY.md)" ;;
    findings*)
      echo "error: npm audit --omit=dev found ${verdict#findings }; 'npm audit --omit=dev' in ui/ says more" >&2
      failed=1 ;;
    *)
      echo "error: npm audit --omit=dev failed (${verdict#other }):" >&2
      cat "$err" >&2
      failed=1 ;;
  esac
  rm -f "$out" "$err"
}

case "${1:-all}" in
  rust) audit_rust ;;
  ui) audit_ui ;;
  all) audit_rust; audit_ui ;;
  *) echo "usage: scripts/audit.sh [rust|ui|all]" >&2; exit 2 ;;
esac
exit "$failed"
