#!/usr/bin/env bash
# Takes a PNG of every screen of the window, in Chinese and in English, at
# 1280×800 (into OUT), and at the sizes offices have, 1366×768 and 1024×700
# (into OUT/1366x768 and OUT/1024x700): builds the binary, fills a demo database at the report's scale
# if it is missing (40,630 trainees), runs the real binary under Xvfb once
# per screen and language (PEIYANG_SCREEN, PEIYANG_LANG) and grabs the
# screen with ImageMagick's import. Light theme for every screen, plus the
# dashboard and trainee table in the dark theme; the first-start offer is
# taken on an empty database.
#
#   make screenshots                  # into screenshots/
#   OUT=/tmp/shots DB=/tmp/x.db scripts/screenshots.sh
#   SIZES=1024x700 LANGS=en SCREENS="trainees courses" scripts/screenshots.sh
#
# A shared database too (SHARED=1; by default unless SCREENS is set): a throwaway
# PostgreSQL server (internal/pgserve) with the demo database copied in and
# a few accounts, for Settings → Accounts as an admin and a region
# account's dashboard (德阳市).
#
# Look at every picture: Chinese as glyphs, not boxes; no clipped or
# overlapping labels; tables with data; no English left in the Chinese UI.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"

OUT=${OUT:-screenshots}
DB=${DB:-/tmp/peiyang-shots.db}
EMPTY_DB=$(mktemp -u /tmp/peiyang-shots-empty-XXXXXX.db)
SETTLE=${SETTLE:-3}             # seconds for a screen's data to arrive
DISPLAY_NUM=${SHOTS_DISPLAY:-:97}
SIZES=${SIZES:-1280x800 1366x768 1024x700}
LANGS=${LANGS:-zh en}

for tool in Xvfb import xdotool; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing (run make setup)" >&2; exit 1; }
done

go build -o peiyang .
mkdir -p "$OUT"
./peiyang --db "$DB" demo --if-empty

xvfb=
# screen WxH: an X screen of that size, the window filling it.
screen() {
  stop_screen
  Xvfb "$DISPLAY_NUM" -screen 0 "$1x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=$DISPLAY_NUM PEIYANG_WINDOW=$1
  for _ in $(seq 50); do
    xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.1
  done
}
stop_screen() {
  if [ -n "$xvfb" ]; then
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  fi
  xvfb=
}
pg_pid=
cleanup() {
  stop_screen
  if [ -n "$pg_pid" ]; then
    kill "$pg_pid" 2>/dev/null || true
    wait "$pg_pid" 2>/dev/null || true
  fi
  rm -f "$EMPTY_DB" "$EMPTY_DB"-wal "$EMPTY_DB"-shm
}
trap cleanup EXIT

# shared_db: starts the server, copies the demo database in and adds the
# accounts; sets ADMIN_URL and REGION_URL.
ADMIN_URL= REGION_URL=
shared_db() {
  go build -o /tmp/peiyang-pgserve ./internal/pgserve
  coproc PG { exec /tmp/peiyang-pgserve; }
  pg_pid=$PG_PID
  local url
  read -r url <&"${PG[0]}"
  ./peiyang copy --from "$DB" --to "$url" >/dev/null
  local a
  for a in "zhang.wei admin" "li.na staff" "wang.qiang staff" "deyang01 region 德阳市" "meishan01 region 眉山市" \
    "ziyang01 region 资阳市" "zhao.min viewer"; do
    set -- $a
    printf 'a long password\na long password\n' |
      ./peiyang --db "$url" accounts add "$1" --role "$2" ${3:+--region "$3"} >/dev/null 2>&1
  done
  ./peiyang --db "$url" accounts disable wang.qiang >/dev/null
  ADMIN_URL=${url/\/\/peiyang@/\/\/zhang.wei@}
  REGION_URL=${url/\/\/peiyang@/\/\/deyang01@}
}
shared=${SHARED:-}
if [ -z "$shared" ]; then
  shared=1
  [ -z "${SCREENS:-}" ] || shared=0
fi
[ "$shared" = 0 ] || shared_db

# shot NAME SCREEN LANG THEME DB: runs the window on SCREEN and saves NAME.png;
# a window that ended before the picture (it could not open the display,
# once in a while under load) is started again, twice at most.
shot() {
  local name=$1 screen=$2 lang=$3 theme=$4 db=$5 try pid
  for try in 1 2 3; do
    PEIYANG_SCREEN=$screen PEIYANG_LANG=$lang FYNE_THEME=$theme ./peiyang --db "$db" \
      >"$OUT/$name.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
      xdotool search --onlyvisible --name 'Peiyang|培养' >/dev/null 2>&1 && break
      sleep 0.1
    done
    sleep "$SETTLE"
    kill -0 "$pid" 2>/dev/null && break
    wait "$pid" 2>/dev/null || true
    echo "screenshots: $name: the window ended before the picture (try $try):" >&2
    tail -n 3 "$OUT/$name.log" >&2
  done
  import -window root "$OUT/$name.png"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # Fyne's notes on preferences left half-written by the kill are noise.
  grep -v 'Preferences load error\|Cause: EOF\|preferences.go' "$OUT/$name.log" || true
  rm -f "$OUT/$name.log"
  echo "screenshots: $OUT/$name.png"
}

screens=(dashboard trainees trainees/detail trainees/edit courses courses/sessions courses/attendance
  courses/completion schedule mentors placements returns certificates import settings audit)
if [ -n "${SCREENS:-}" ]; then
  read -r -a screens <<<"$SCREENS"
fi
base=$OUT
for size in $SIZES; do
  screen "$size"
  OUT=$base
  [ "$size" = 1280x800 ] || OUT=$base/$size
  mkdir -p "$OUT"
  for lang in $LANGS; do
    for s in "${screens[@]}"; do
      shot "$lang-${s//\//-}" "$s" "$lang" light "$DB"
    done
    if [ -z "${SCREENS:-}" ]; then
      shot "$lang-dashboard-dark" dashboard "$lang" dark "$DB"
      shot "$lang-trainees-dark" trainees/detail "$lang" dark "$DB"
      shot "$lang-firstrun" dashboard "$lang" light "$EMPTY_DB"
    fi
    if [ "$shared" != 0 ]; then
      shot "$lang-accounts" settings "$lang" light "$ADMIN_URL"
      shot "$lang-region-dashboard" dashboard "$lang" light "$REGION_URL"
    fi
  done
done
