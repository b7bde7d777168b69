#!/usr/bin/env bash
# Packages Peiyang for Windows and Linux into dist/ (`make dist`):
#
#   dist/Peiyang-VERSION-windows-amd64.zip   Peiyang.exe (GUI subsystem, icon,
#       version information and manifest from `fyne package -os windows`,
#       cross-compiled with gcc-mingw-w64-x86-64), Peiyang.com (the
#       console launcher, see packaging/windows/peiyang-com.c), README.txt,
#       使用说明.txt and the font's licence;
#   dist/Peiyang-VERSION-linux-amd64.tar.xz  from `fyne package -os linux`:
#       the binary, the .desktop entry, the icon and a Makefile
#       (`make user-install` or, as root, `make install`), plus the same
#       texts;
#   dist/SHA256SUMS                          for both.
#
# The version and build number come from FyneApp.toml, the commit from
# git; both are linked in (`peiyang --version`). `fyne package` rewrites
# FyneApp.toml (it bumps Build and drops the formatting) and leaves
# build files behind on failure: this script puts FyneApp.toml back and
# removes them, so `git status` is as clean after `make dist` as before.
#
# The Linux binary is the plain `go build` of `make build`, so it shares
# the build cache with the tests; the Windows one is built by fyne package
# with its own C flags, cached for the next `make dist`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh

for tool in fyne x86_64-w64-mingw32-gcc zip xz git; do
  command -v "$tool" >/dev/null || { echo "dist: $tool is missing (run make setup-windows)" >&2; exit 1; }
done

field() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*\"\{0,1\}\([^\"]*\)\"\{0,1\}[[:space:]]*$/\1/p" FyneApp.toml | head -1; }
VERSION=$(field Version)
BUILD=$(field Build)
APPID=$(field ID)
[ -n "$VERSION" ] && [ -n "$BUILD" ] || { echo "dist: no Version or Build in FyneApp.toml" >&2; exit 1; }
COMMIT=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then COMMIT="$COMMIT-dirty"; fi
LDFLAGS="-s -w -X=peiyang/internal/buildinfo.commit=$COMMIT"

before=$(git status --porcelain 2>/dev/null || true)
work=$(mktemp -d /tmp/peiyang-dist-XXXXXX)
cp -p FyneApp.toml "$work/FyneApp.toml"
cleanup() {
  cp -p "$work/FyneApp.toml" FyneApp.toml
  rm -f fyne.syso fyne_metadata_init.go Peiyang.exe peiyang.exe Peiyang.tar.xz
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p dist
rm -f dist/Peiyang-"$VERSION"-* dist/SHA256SUMS
texts=(packaging/README.txt packaging/使用说明.txt)
stamp() { sed -e "s/@VERSION@/$VERSION/g" -e "s/@COMMIT@/$COMMIT/g" "$1" >"$2"; }

step() { echo "dist: $1 (${SECONDS}s)"; }
SECONDS=0

# Windows.
step "building Peiyang.exe for windows/amd64"
win="$work/windows"
mkdir -p "$win"
# fyne builds Peiyang.exe once without the resources and again with them,
# and only the first build gets the -ldflags of GOFLAGS (it takes them out
# of the environment). Given an existing --exe it skips the first build;
# the placeholder is overwritten by the one build, which gets the flags.
: >Peiyang.exe
GOFLAGS="-buildvcs=false $(printf -- '-ldflags=%s ' $LDFLAGS)" \
  env -u CGO_CFLAGS -u CGO_LDFLAGS CC=$WINDOWS_CC GOOS=windows GOARCH=amd64 \
  fyne package -os windows --exe Peiyang.exe --name Peiyang.exe --icon assets/icon.png --app-id "$APPID" \
  --app-version "$VERSION" --app-build "$BUILD"
mv Peiyang.exe "$win/Peiyang.exe"
step "packaging for windows"
$WINDOWS_CC -O2 -s -Wall -o "$win/Peiyang.com" packaging/windows/peiyang-com.c
for t in "${texts[@]}"; do stamp "$t" "$win/$(basename "$t")"; done
cp assets/fonts/OFL.txt "$win/OFL.txt"
(cd "$win" && zip -q -X "$OLDPWD/dist/Peiyang-$VERSION-windows-amd64.zip" Peiyang.exe Peiyang.com README.txt 使用说明.txt OFL.txt)

# Linux: the binary of `make build`, packaged by fyne, then the texts added.
step "building peiyang for linux/amd64"
go build -ldflags "$LDFLAGS" -o "$work/peiyang" .
step "packaging for linux"
# fyne compresses with tar -J; its archive is only unpacked again, so fast.
XZ_OPT="-0 -T0" fyne package -os linux --exe "$work/peiyang" --name Peiyang --icon assets/icon.png --app-id "$APPID" \
  --app-version "$VERSION" --app-build "$BUILD"
# fyne's archive holds peiyang/{Makefile,usr/local/…}; the texts go beside
# the Makefile.
lin="$work/linux"
mkdir -p "$lin"
tar -xJf Peiyang.tar.xz -C "$lin"
rm -f Peiyang.tar.xz
top=$(ls "$lin")
for t in "${texts[@]}"; do stamp "$t" "$lin/$top/$(basename "$t")"; done
cp assets/fonts/OFL.txt "$lin/$top/OFL.txt"
tar -C "$lin" --owner=0 --group=0 --sort=name -cf - "$top" | xz -T0 -6 >"dist/Peiyang-$VERSION-linux-amd64.tar.xz"

step "checksums"
(cd dist && sha256sum "Peiyang-$VERSION-windows-amd64.zip" "Peiyang-$VERSION-linux-amd64.tar.xz" >SHA256SUMS)
ls -l dist/Peiyang-"$VERSION"-* dist/SHA256SUMS
cleanup
trap - EXIT
if [ "$(git status --porcelain 2>/dev/null || true)" != "$before" ]; then
  echo "dist: the work tree changed:" >&2
  git status --short >&2
  exit 1
fi
step "done, work tree as it was"
