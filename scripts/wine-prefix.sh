#!/usr/bin/env bash
# Makes the Wine prefix the Windows tests run in ($WINEPREFIX, see
# scripts/windows-env.sh), once: a new 64-bit prefix, plus the stub
# bcryptprimitives.dll (scripts/wine/bcryptprimitives.c) in its system32,
# which Wine 8.0 lacks and every Go 1.22+ Windows program needs. Test
# scaffolding only: nothing of it ships.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh

dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "wine-prefix: making $WINEPREFIX"
  mkdir -p "$WINEPREFIX"
  wineboot -i >/dev/null 2>&1 || true
  wineserver -w
fi
if [ ! -f "$dll" ] || [ scripts/wine/bcryptprimitives.c -nt "$dll" ]; then
  $WINDOWS_CC -shared -O2 -s -o "$dll" scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -lbcrypt
fi
