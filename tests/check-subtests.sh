#!/bin/sh
# Fails when the test program's own list of test paths (-l) and the paths that meson runs one
# by one (the arguments after the program) differ, so a new test case cannot be left out.
set -eu
exe=$1
shift
want=$(mktemp)
have=$(mktemp)
trap 'rm -f "$want" "$have"' EXIT
# GLib 2.80 and later print the list as TAP comments ("# /path").
"$exe" -l | sed -n 's|^\(# \)\{0,1\}\(/.*\)$|\2|p' | LC_ALL=C sort >"$have"
for path in "$@"; do echo "$path"; done | LC_ALL=C sort >"$want"
if ! diff -u "$want" "$have"; then
  echo "tests/meson.build runs other window test paths than test-window has (diff above)" >&2
  exit 1
fi
echo "all $(wc -l <"$have") window test paths run, each in its own process"
