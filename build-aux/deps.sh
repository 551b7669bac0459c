#!/usr/bin/env bash
# Installs what Series Finder needs to build, run and test on Debian 12, and only what is
# missing: a machine that has everything gets no apt-get call at all.
set -euo pipefail

packages=(
  # build
  meson
  ninja-build
  pkg-config
  gcc
  libgtk-4-dev
  libadwaita-1-dev
  libsoup-3.0-dev
  libjson-glib-dev
  libsqlite3-dev
  libglib2.0-dev-bin    # glib-compile-resources, glib-mkenums
  gettext               # msgfmt, xgettext
  desktop-file-utils    # desktop-file-validate (validation tests)
  appstream             # appstreamcli (validation tests)
  libgtk-4-bin          # gtk4-broadwayd (UI tests), gtk4-builder-tool (validation tests)
  # tests
  xvfb                  # the accessibility test (GTK 4.8 speaks AT-SPI on X11 only)
  xauth
  dbus                  # dbus-run-session: a private bus for the accessibility test
  at-spi2-core          # the accessibility bus and registry
  python3-pyatspi       # the AT-SPI client the accessibility test reads the app with
  valgrind
  jq                    # build-aux/test reads meson's test log with it
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "deps: all ${#packages[@]} packages are installed"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "deps: missing ${missing[*]}; run as root or install sudo" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
