#!/usr/bin/env bash
# Installs what the desktop app needs and starts it. Without a graphical display it says so
# and shows the CLI instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$REDRESS_ROOT"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'MSG'
Redress cannot open its window: this session has no graphical display (neither DISPLAY nor
WAYLAND_DISPLAY is set). Everything Redress does is also available from the command line:

  cargo run -q -p redress-cli -- vendors --search kaspr
  cargo run -q -p redress-cli -- vendor show kaspr
  cargo run -q -p redress-cli -- --help
MSG
  exit 1
fi

setup_app
say "building the UI"
npm --prefix ui run build --silent
say "building and starting Redress"
exec cargo run -q -p redress-app
