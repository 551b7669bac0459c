#!/bin/sh
# Runs one test in a fixed environment: private XDG directories and, for UI tests, a private
# broadway display that lives exactly as long as the test.
set -eu

broadway=0
xvfb=0
case "${1:-}" in
  --broadway) broadway=1; shift ;;
  --xvfb) xvfb=1; shift ;;
esac

unset SERIES_FINDER_API_URL SERIES_FINDER_DEMO SERIES_FINDER_DEBUG
# No session bus: the application runs as a plain local instance.
export DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/series-finder-test.XXXXXX")
export XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
export XDG_RUNTIME_DIR="$tmp/runtime" HOME="$tmp/home"
mkdir -p "$XDG_CACHE_HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$HOME"
chmod 700 "$XDG_RUNTIME_DIR"

daemon=
cleanup () {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

if [ "$broadway" = 1 ]; then
  # A display number of our own, so UI tests and a person's session never share one.
  display=$(( ($$ % 400) + 100 ))
  gtk4-broadwayd ":$display" >"$tmp/broadwayd.log" 2>&1 &
  daemon=$!
  export GDK_BACKEND=broadway BROADWAY_DISPLAY=":$display"
  i=0
  while [ ! -S "$XDG_RUNTIME_DIR/broadway$((display + 1)).socket" ] && [ $i -lt 100 ]; do
    sleep 0.05
    i=$((i + 1))
  done
fi

if [ "$xvfb" = 1 ]; then
  # -displayfd picks a free display and says which once the server is ready.
  # -noreset: a server that resets when its last client leaves refuses the next one for a
  # moment. MALLOC_PERTURB_ is for the code under test, not for the X server.
  env -u MALLOC_PERTURB_ Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
  daemon=$!
  i=0
  while [ ! -s "$tmp/display" ] && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
  done
  export DISPLAY=":$(cat "$tmp/display")" GDK_BACKEND=x11
  unset WAYLAND_DISPLAY XAUTHORITY
fi

"$@"
