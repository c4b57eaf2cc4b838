#!/usr/bin/env bash
# scripts/audit.sh, checked without the network: the real cargo-deny against advisory databases
# made here (one naming a crate Redress uses, one naming none, none at all), and npm replaced by
# a stand-in that answers as the registry does (a report with findings, a clean one, an endpoint
# that refuses, no network, another failure). Run by scripts/test-all.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "audit-steps: $*" >&2; exit 1; }

# An advisory database as `cargo deny fetch db` leaves it (a git checkout in cargo-deny's
# folder for the default RustSec URL), with one made-up advisory against `crate`.
make_db() {
  local dir="$1/advisory-db-3157b0e258782691" crate="$2"
  mkdir -p "$dir/crates/$crate"
  printf '%s\n' '```toml' '[advisory]' 'id = "RUSTSEC-2099-0001"' "package = \"$crate\"" 'date = "2099-01-01"' \
    'title = "Made-up advisory"' 'description = "A test advisory."' '' '[versions]' 'patched = [">= 999.0.0"]' \
    '```' '' '# Made-up advisory' '' 'A test advisory.' >"$dir/crates/$crate/RUSTSEC-2099-0001.md"
  git -C "$dir" init -q -b main
  git -C "$dir" add -A
  git -C "$dir" -c user.name=test -c user.email=test@example.org commit -q -m "test database"
}

# Runs scripts/audit.sh WHICH; sets $status and $output (stderr and stdout).
run() {
  status=0
  output="$("$root/scripts/audit.sh" "$1" 2>&1)" || status=$?
}

advisories_are_checked_when_the_database_is_here_and_skipped_visibly_when_not() {
  mkdir -p "$work/empty"
  REDRESS_ADVISORY_DB_PATH="$work/empty" run rust
  [ "$status" -eq 0 ] || fail "no database: expected a skip (0), got $status: $output"
  grep -q "SKIPPED cargo deny check advisories: no RustSec advisory database in $work/empty" <<<"$output" ||
    fail "no database: no visible notice: $output"

  make_db "$work/hit" hex
  REDRESS_ADVISORY_DB_PATH="$work/hit" run rust
  [ "$status" -eq 1 ] || fail "an advisory against hex: expected a failure (1), got $status: $output"
  grep -q "RUSTSEC-2099-0001" <<<"$output" || fail "the advisory is not named: $output"

  make_db "$work/miss" no-such-crate-in-redress
  REDRESS_ADVISORY_DB_PATH="$work/miss" run rust
  [ "$status" -eq 0 ] || fail "no advisory for our crates: expected a pass, got $status: $output"
  ! grep -q "SKIPPED" <<<"$output" || fail "the database was there, yet the check was skipped: $output"
}

npm_audit_findings_fail_and_an_unreachable_endpoint_is_skipped_visibly() {
  mkdir -p "$work/bin"
  # The stand-in prints what npm prints for $FAKE_NPM and exits as npm does.
  cat >"$work/bin/npm" <<'STUB'
#!/usr/bin/env bash
[ "$*" = "audit --omit=dev --json" ] || { echo "unexpected npm $*" >&2; exit 99; }
case "$FAKE_NPM" in
  clean) echo '{"auditReportVersion":2,"vulnerabilities":{},"metadata":{"vulnerabilities":{"total":0}}}'; exit 0 ;;
  findings) echo '{"auditReportVersion":2,"vulnerabilities":{"svelte":{"name":"svelte","severity":"high"}},"metadata":{"vulnerabilities":{"high":1,"total":1}}}' ;;
  refused) echo '{"message":"405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk","statusCode":405,"error":{"summary":"","detail":""}}'
           echo 'npm error audit endpoint returned an error' >&2 ;;
  offline) echo '{"error":{"code":"ENOTFOUND","summary":"request to https://registry.npmjs.org/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org","detail":""}}' ;;
  other) echo '{"error":{"code":"ENOLOCK","summary":"This command requires an existing lockfile.","detail":""}}'
         echo 'npm error code ENOLOCK' >&2 ;;
esac
exit 1
STUB
  chmod +x "$work/bin/npm"
  local case expect
  for case in clean:0 findings:1 refused:0 offline:0 other:1; do
    expect="${case#*:}"; case="${case%%:*}"
    PATH="$work/bin:$PATH" FAKE_NPM="$case" run ui
    [ "$status" -eq "$expect" ] || fail "npm $case: expected $expect, got $status: $output"
    case "$case" in
      clean) grep -q "no known vulnerabilities" <<<"$output" || fail "clean: $output" ;;
      findings) grep -q "found 1 vulnerable package(s): svelte (high)" <<<"$output" || fail "findings not named: $output" ;;
      refused) grep -q "SKIPPED npm audit --omit=dev: the registry's audit endpoint was not reached (405 Method Not Allowed" <<<"$output" ||
        fail "refused: no visible notice: $output" ;;
      offline) grep -q "SKIPPED npm audit --omit=dev: .*ENOTFOUND" <<<"$output" || fail "offline: no visible notice: $output" ;;
      other) grep -q "ENOLOCK" <<<"$output" || fail "other failure not shown: $output" ;;
    esac
  done
}

advisories_are_checked_when_the_database_is_here_and_skipped_visibly_when_not
npm_audit_findings_fail_and_an_unreachable_endpoint_is_skipped_visibly
echo "audit-steps: ok" >&2
