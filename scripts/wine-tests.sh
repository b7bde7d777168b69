#!/usr/bin/env bash
# Runs the Go tests of every package as Windows programs under Wine
# (`make test-windows-unit`): `go test -c` for windows/amd64 with mingw,
# then each test binary under Wine (-test.short: the long runs at the
# report's scale stay on Linux) in its package's folder. Prints one line
# a package (PASS, FAIL, or NOTEST) with its time, and fails when a package
# fails that is not listed below with the reason it cannot run under Wine.
#
#   scripts/wine-tests.sh                 # every package
#   scripts/wine-tests.sh ./store ./app   # some
#   RUN=TestX scripts/wine-tests.sh ./cli # passes -test.run
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh
bash scripts/wine-prefix.sh

# Packages whose tests cannot run under Wine, and why. Keep README.md's
# list ("Tests on Windows") in step.
declare -A CANNOT=(
)

out=${WINE_TEST_OUT:-/tmp/peiyang-wine-tests}
mkdir -p "$out"
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || mapfile -t pkgs < <(go list ./...)
mapfile -t pkgs < <(go list "${pkgs[@]}")

# Test scaffolding for Wine 8.0, like the stub DLL: Go's os.RemoveAll
# (and so t.TempDir's clean-up) deletes with FileDispositionInformationEx
# and falls back to the older call when Windows says it does not support
# a flag; Wine says "not implemented" instead, which Go does not expect.
# The test binaries are built with an overlay of the standard library's
# file that also takes that answer for the fallback. Peiyang.exe is not.
src=$(go env GOROOT)/src/internal/syscall/windows/at_windows.go
mkdir -p "$out/overlay"
sed 's|^\t\tSTATUS_NOT_SUPPORTED: |\t\tSTATUS_NOT_SUPPORTED, NTStatus(0xC0000002): // STATUS_NOT_IMPLEMENTED (Wine)\n\t\t|' "$src" >"$out/overlay/at_windows.go"
grep -q 'NTStatus(0xC0000002)' "$out/overlay/at_windows.go" || { echo "wine-tests: could not patch $src" >&2; exit 1; }
printf '{"Replace":{"%s":"%s"}}\n' "$src" "$out/overlay/at_windows.go" >"$out/overlay/overlay.json"

failed=0
summary="$out/summary.txt"
: >"$summary"
for pkg in "${pkgs[@]}"; do
  name=${pkg//\//_}
  dir=$(go list -f '{{.Dir}}' "$pkg")
  exe="$out/$name.test.exe"
  rm -f "$exe"
  start=$(date +%s)
  if ! windows_go test -c -overlay "$out/overlay/overlay.json" -o "$exe" "$pkg" >"$out/$name.build.log" 2>&1; then
    result="FAIL (build)"
  elif [ ! -f "$exe" ]; then
    result="NOTEST"
  elif (cd "$dir" && timeout 900 wine "$exe" -test.short -test.count=1 -test.timeout=14m ${RUN:+-test.run "$RUN"} >"$out/$name.log" 2>&1); then
    result="PASS"
  else
    result="FAIL"
  fi
  took=$(($(date +%s) - start))
  reason=${CANNOT[$pkg]:-}
  if [ "$result" != PASS ] && [ "$result" != NOTEST ]; then
    if [ -n "$reason" ]; then
      result="$result, expected: $reason"
    else
      failed=1
      tail -n 30 "$out/$name.log" 2>/dev/null || cat "$out/$name.build.log"
    fi
  elif [ -n "$reason" ]; then
    result="$result (listed as unable to run: $reason; update scripts/wine-tests.sh)"
    failed=1
  fi
  printf '%-36s %-8s %4ss\n' "$pkg" "$result" "$took" | tee -a "$summary"
done
rm -f "$out"/*.test.exe
wineserver -k 2>/dev/null || true
exit $failed
