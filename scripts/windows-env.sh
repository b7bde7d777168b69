# Sourced by the scripts that build for Windows or run Windows programs
# under Wine (dist.sh, wine-*.sh). One place for the cross-compiler, the
# C flags and the Wine prefix.

# The cross-compiler (Debian: gcc-mingw-w64-x86-64).
WINDOWS_CC=${WINDOWS_CC:-x86_64-w64-mingw32-gcc}

# The C flags `fyne package -os windows` (fyne tools v1.7.4) compiles
# go-gl and GLFW with for this compiler. The Windows test binaries are
# built with the same flags and the same empty CGO_LDFLAGS, so that they
# reuse the objects of Peiyang.exe in the Go build cache instead of
# compiling the C code again (minutes on two cores).
WINDOWS_CGO_CFLAGS="-O2 -g -fexceptions -fasynchronous-unwind-tables -pipe -D_FORTIFY_SOURCE=3 -fstack-protector-strong"

# windows_go runs the go command for windows/amd64 with cgo and those flags.
windows_go() {
  CGO_ENABLED=1 CC=$WINDOWS_CC GOOS=windows GOARCH=amd64 \
    CGO_CFLAGS="$WINDOWS_CGO_CFLAGS" CGO_LDFLAGS="" go "$@"
}

# The Wine prefix the tests use: a new one is made on first use
# (scripts/wine-prefix.sh). Not the user's ~/.wine.
export WINEPREFIX=${WINEPREFIX:-${TMPDIR:-/tmp}/peiyang-wine}
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono or Gecko install prompts.
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
