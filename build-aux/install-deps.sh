#!/usr/bin/env bash
# install-deps.sh [run|test] — installs the Debian/Ubuntu packages Rapport needs to build and
# run (run), or to build and run the whole test suite headless (test). Skips apt entirely when
# everything is already installed.
set -euo pipefail

run_packages=(
  meson ninja-build gcc pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev libjson-glib-dev
  desktop-file-utils adwaita-icon-theme hicolor-icon-theme fonts-cantarell librsvg2-common
  dconf-gsettings-backend gsettings-desktop-schemas
)
test_packages=(
  appstream xvfb xauth dbus dbus-x11 at-spi2-core xdotool sqlite3
  poppler-utils librsvg2-dev locales-all
  librsvg2-bin
  # The fuzz targets (build-aux/fuzz.sh): clang and its libFuzzer and sanitizer runtimes. The
  # unversioned names follow the distribution's default clang (Debian 12: clang-14 and
  # libclang-rt-14-dev; Ubuntu 24.04: 18).
  clang libclang-rt-dev
)

packages=("${run_packages[@]}")
if [[ "${1:-run}" == test ]]; then
  packages+=("${test_packages[@]}")
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
