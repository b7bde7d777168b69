#!/usr/bin/env bash
# Runs the end-to-end command-line scenario (internal/wintest) on the
# Peiyang.exe of dist/Peiyang-VERSION-windows-amd64.zip under Wine, in the
# test prefix (`make test-windows-e2e`, after `make dist`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh
bash scripts/wine-prefix.sh

zip=$(ls -t dist/Peiyang-*-windows-amd64.zip 2>/dev/null | head -1)
[ -n "$zip" ] || { echo "wine-e2e: no dist/Peiyang-*-windows-amd64.zip: run make dist first" >&2; exit 1; }
work=$(mktemp -d /tmp/peiyang-e2e-XXXXXX)
trap 'rm -rf "$work"' EXIT
unzip -q "$zip" Peiyang.exe -d "$work"
PEIYANG_WINE_EXE="$work/Peiyang.exe" go test -count=1 -v -run 'TestWindows' ./internal/wintest 2>&1 |
  grep -v '^=== RUN'
