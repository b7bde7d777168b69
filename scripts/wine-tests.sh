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
# and falls back to the older call only when Windows says it does not
# support a flag; Wine answers "not implemented", which Go does not
# expect, so every clean-up of a temporary folder would fail. Each test
# binary gets one more file in its own package, through an overlay (no
# file in the repository changes, and no other package is compiled
# again), that turns on the standard library's switch for that older
# call. Peiyang.exe is built without it.
overlay() { # overlay PKG NAME DIR: writes the overlay and prints its file name
  local name
  name=$(go list -f '{{.Name}}' "$1")
  mkdir -p "$out/overlay"
  cat >"$out/overlay/$2.go" <<GO
package $name

import _ "unsafe"

//go:linkname wineDeleteatFallback internal/syscall/windows.TestDeleteatFallback
var wineDeleteatFallback bool

func init() { wineDeleteatFallback = true }
GO
  printf '{"Replace":{"%s/zz_wine_scaffolding_test.go":"%s"}}\n' "$3" "$out/overlay/$2.go" >"$out/overlay/$2.json"
  echo "$out/overlay/$2.json"
}

failed=0
summary="$out/summary.txt"
: >"$summary"
for pkg in "${pkgs[@]}"; do
  name=${pkg//\//_}
  dir=$(go list -f '{{.Dir}}' "$pkg")
  exe="$out/$name.test.exe"
  rm -f "$exe"
  start=$(date +%s)
  if [ "$(go list -f '{{len .TestGoFiles}}{{len .XTestGoFiles}}' "$pkg")" = 00 ]; then
    result="NOTEST"
  elif ! windows_go test -c -ldflags=-checklinkname=0 -overlay "$(overlay "$pkg" "$name" "$dir")" \
    -o "$exe" "$pkg" >"$out/$name.build.log" 2>&1; then
    result="FAIL (build)"
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
