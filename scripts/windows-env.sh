# Sourced by the scripts that build for Windows or run Windows programs
# under Wine (dist.sh, wine-*.sh). One place for the cross-compiler, the
# C flags and the Wine prefix.

# The cross-compiler (Debian: gcc-mingw-w64-x86-64).
WINDOWS_CC=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}

# The C flags of the Windows test and vet builds: Go's defaults. (fyne
# package's hardening flags, -fstack-protector-strong among them, do not
# link in a plain go build without -lssp; the build cache does not share
# go-gl's objects with Peiyang.exe's build in any case: see README.md.)
WINDOWS_CGO_CFLAGS="-O2 -g"

# windows_go runs the go command for windows/amd64 with cgo and those flags.
windows_go() {
  CGO_ENABLED=1 CC=$WINDOWS_CC GOOS=windows GOARCH=amd64 \
    CGO_CFLAGS="$WINDOWS_CGO_CFLAGS" go "$@"
}

# The Wine prefix the tests use: a new one is made on first use
# (scripts/wine-prefix.sh). Not the user's ~/.wine.
export WINEPREFIX=${WINEPREFIX:-${TMPDIR:-/tmp}/peiyang-wine}
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono or Gecko install prompts.
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
