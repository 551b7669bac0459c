#!/bin/bash
set -uo pipefail
cd /work/wt/saved
builddir=_build; out=/work/wt/saved/docs/screenshots/issue-13
app=$builddir/src/series-finder; fake=$builddir/tests/fake-tvmaze
mkdir -p "$out"
tmp=$(mktemp -d /tmp/sf-saved-shots.XXXXXX)
pids=()
cleanup () { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
port=$(( 20000 + $$ % 20000 ))
"$fake" --shows=3000 --port=$port >"$tmp/fake.out" 2>&1 &
fpid=$!; pids+=($fpid)
for _ in $(seq 100); do [[ -s $tmp/fake.out ]] && break; sleep 0.1; done
url=$(head -n1 "$tmp/fake.out"); echo "url $url"
export SERIES_FINDER_API_URL=$url
export GSETTINGS_SCHEMA_DIR=$builddir/data GSETTINGS_BACKEND=memory
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent NO_AT_BRIDGE=1 GTK_A11Y=none
export GDK_BACKEND=x11 LANG=${LANG:-C.UTF-8}
home=$tmp/home
export HOME=$home XDG_CACHE_HOME=$home/cache XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_RUNTIME_DIR=$home/runtime
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME/gtk-4.0" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
printf '[Settings]\ngtk-decoration-layout=appmenu:close\ngtk-enable-animations=false\n' >"$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
"$app" --sync >/dev/null 2>"$tmp/sync1.err"; echo "sync1 $?"
for id in 1 2 3 5 8; do "$app" --follow="$id" >/dev/null; done
"$app" --save-search="Crime since 2010" --search= --genre=Crime --year=2010..2030; echo "save1 $?"
"$app" --save-search="Running comedies" --search= --genre=Comedy --status=Running; echo "save2 $?"
"$app" --save-search="Science fiction" --search= --genre=Science-Fiction; echo "save3 $?"
kill $fpid; wait $fpid 2>/dev/null
"$fake" --shows=5000 --port=$port >"$tmp/fake2.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/fake2.out ]] && break; sleep 0.1; done
"$app" --sync >/dev/null 2>"$tmp/sync2.err"; echo "sync2 $?"
"$app" --saved
width=1100; height=760
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [[ -s $tmp/display ]] && break; sleep 0.1; done
export DISPLAY=:$(cat "$tmp/display")
"$app" >"$tmp/app.log" 2>&1 &
pids+=($!)
wid=$(xdotool search --sync --onlyvisible --name '^Series Finder$' | head -n1)
xdotool windowmove "$wid" 0 0 windowsize "$wid" "$width" "$height"
xdotool windowfocus --sync "$wid" || true
sleep 6
key () { xdotool key --clearmodifiers "$@"; sleep 0.8; }
xdotool mousemove 205 28 click 1; sleep 5; xdotool mousemove 1000 700
import -window root "$out/watchlist-saved-searches.png"
echo shot1
# open the first saved search (the first row of the section)
xdotool mousemove 400 ${ROW_Y:-175} click 1; sleep 6
import -window root "$out/saved-search-opened-new-marks.png"
echo shot2
key ctrl+s; sleep 2
import -window root "$out/save-dialog.png"
echo shot3
cp "$tmp/app.log" /tmp/saved-shots/app.log
