#!/usr/bin/env bash
# The window of the shipped Peiyang.exe (dist/…-windows-amd64.zip) under
# Wine and Xvfb on the 40,630-trainee demo database, in Chinese and in
# English, chosen by the ui.language setting while the system's locale
# says the other language (LANG=en_US for Chinese, LANG=zh_CN for English).
# For each language it starts the window on the dashboard, the trainees
# and the courses screens, saves a PNG of each into
# screenshots/windows/, checks the window came up, and prints how long the
# window took to show the dashboard's data (PEIYANG_TIMING).
#
#   make screenshots-windows
#   OUT=/tmp/shots SHOTS_DISPLAY=:16 scripts/screenshots-windows.sh
#
# Look at the pictures: Chinese as glyphs, English in the English ones.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
# shellcheck source=scripts/windows-env.sh
. scripts/windows-env.sh
bash scripts/wine-prefix.sh

OUT=${OUT:-screenshots/windows}
DISPLAY_NUM=${SHOTS_DISPLAY:-:97}
SETTLE=${SETTLE:-4}
for tool in Xvfb import xdotool unzip; do
  command -v "$tool" >/dev/null || { echo "screenshots-windows: $tool is missing (run make setup-windows)" >&2; exit 1; }
done
zip=$(ls -t dist/Peiyang-*-windows-amd64.zip 2>/dev/null | head -1)
[ -n "$zip" ] || { echo "screenshots-windows: no dist/Peiyang-*-windows-amd64.zip: run make dist first" >&2; exit 1; }
mkdir -p "$OUT"

# Peiyang.exe and its database in folders with spaces and Chinese.
app="$WINEPREFIX/drive_c/Program Files/Peiyang 培养"
data_win='C:\users\Public\Documents\培养 截图\peiyang.db'
data="$WINEPREFIX/drive_c/users/Public/Documents/培养 截图/peiyang.db"
mkdir -p "$app" "$(dirname "$data")"
unzip -q -o "$zip" Peiyang.exe -d "$app"
exe='C:\Program Files\Peiyang 培养\Peiyang.exe'
if [ ! -f "$data" ]; then
  # The same SQLite file on both systems; the Linux build is quicker.
  go build -o /tmp/peiyang-shots-linux .
  /tmp/peiyang-shots-linux --db "$data" demo --if-empty
fi

Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  wineserver -k 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do
  xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
wineserver -p # keep it up between the runs

# shot NAME SCREEN LANG SYSTEM_LOCALE: one window, one PNG.
shot() {
  local name=$1 screen=$2 language=$3 locale=$4 log="$OUT/$1.log"
  LANG=$locale LC_ALL=$locale wine "$exe" --db "$data_win" settings set ui.language "$language" >/dev/null
  local start
  start=$(date +%s%N)
  LANG=$locale LC_ALL=$locale PEIYANG_SCREEN=$screen PEIYANG_TIMING=1 wine "$exe" --db "$data_win" >"$log" 2>&1 &
  local pid=$! shown=""
  for _ in $(seq 600); do
    if xdotool search --onlyvisible --name 'Peiyang|培养' >/dev/null 2>&1; then
      shown=$(( ($(date +%s%N) - start) / 1000000 ))
      break
    fi
    sleep 0.1
  done
  if [ -z "$shown" ]; then
    echo "screenshots-windows: the window did not appear for $name" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  for _ in $(seq 300); do
    grep -q 'dashboard data shown' "$log" 2>/dev/null && break
    [ "$screen" != dashboard ] && break
    sleep 0.1
  done
  sleep "$SETTLE"
  import -window root "$OUT/$name.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local timing
  timing=$(grep -o 'dashboard data shown [0-9]* ms' "$log" | grep -o '[0-9]*' || true)
  echo "screenshots-windows: $OUT/$name.png (window visible after ${shown} ms${timing:+, dashboard data at $timing ms after the process started})"
  rm -f "$log"
}

for screen in dashboard trainees courses; do
  shot "zh-$screen" "$screen" zh en_US.UTF-8
  shot "en-$screen" "$screen" en zh_CN.UTF-8
done
