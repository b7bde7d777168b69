#!/usr/bin/env bash
# Installs everything Peiyang needs to build, run and test on a fresh Debian
# machine (run as root, or with sudo available): the C libraries Fyne's
# build needs, Xvfb and the tools for screenshots and PDF checks (poppler,
# qpdf, zbar for the QR codes), CUPS (the printing tests start a scheduler
# of their own with a printer whose device is a file, printing/cupstest),
# the CJK font, PostgreSQL's server programs (the tests start throwaway
# servers of their own, internal/pgtest), the Go modules and staticcheck.
# Safe to run again: it only installs what is missing.
set -euo pipefail

export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

packages=(
  gcc pkg-config
  libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dev
  xvfb xauth xdotool imagemagick poppler-utils qpdf zbar-tools cups
  fonts-lxgw-wenkai
  postgresql
)
# `scripts/setup.sh windows` (make setup-windows) adds what building and
# packaging for Windows and running it under Wine need: the mingw-w64
# cross-compiler, Wine (64-bit), zip and xz for the packages.
windows=false
[ "${1:-}" = windows ] && windows=true
if $windows; then
  packages+=(gcc-mingw-w64-x86-64 wine wine64 zip xz-utils unzip locales)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null; then
  echo "setup: Go is not installed (expected at /usr/local/go); install Go 1.26 or newer" >&2
  exit 1
fi

cd "$(dirname "$0")/.."
go mod download
if ! command -v staticcheck >/dev/null; then
  echo "setup: installing staticcheck"
  go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
# Wine takes the Windows locale and the file names' encoding from the Unix
# locale; the window tests run it in Chinese and in English.
if $windows && ! { locale -a | grep -qi '^zh_CN.utf-\?8$' && locale -a | grep -qi '^en_US.utf-\?8$'; }; then
  echo "setup: generating the zh_CN.UTF-8 and en_US.UTF-8 locales"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  for l in zh_CN en_US; do
    grep -q "^$l.UTF-8 UTF-8" /etc/locale.gen 2>/dev/null || echo "$l.UTF-8 UTF-8" | $SUDO tee -a /etc/locale.gen >/dev/null
  done
  $SUDO locale-gen >/dev/null
fi
if $windows && ! command -v fyne >/dev/null; then
  echo "setup: installing the fyne packaging tool"
  go install fyne.io/tools/cmd/fyne@v1.7.4
fi
echo "setup: ready"
