#!/usr/bin/env bash
# run.sh [ARGS…] — installs what Rapport needs, builds it, and starts it on its default database
# (~/.local/share/rapport/rapport.db), or with ARGS such as --database FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh run
[[ -f build/build.ninja ]] || meson setup build
meson compile -C build

# Run from the build tree: the settings schema is compiled into build/data.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./build/src/rapport "$@"
