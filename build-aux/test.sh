#!/usr/bin/env bash
# test.sh — installs what the tests need, builds Rapport twice (plain, and with AddressSanitizer
# and UndefinedBehaviorSanitizer) and runs the whole suite on each, headless under Xvfb; then
# runs each fuzz target for a bounded time (build-aux/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

./build-aux/install-deps.sh test

run_suite() {
  local builddir=$1
  shift
  [[ -f "$builddir/build.ninja" ]] || meson setup "$builddir" "$@"
  meson compile -C "$builddir"
  # A private session bus, X display and runtime folder (where the accessibility bus puts its
  # socket) per run; GUI tests need them, the rest ignore them. Two runs at once stay apart.
  local runtime
  runtime=$(mktemp -d)
  XDG_RUNTIME_DIR=$runtime dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 || { rm -rf "$runtime"; return 1; }
  rm -rf "$runtime"
}

count() {
  grep -ho "\"result\": \"$1\"" build/meson-logs/testlog.json build-sanitize/meson-logs/testlog.json | wc -l
}

echo "== Tests =="
run_suite build

echo "== Tests under AddressSanitizer and UndefinedBehaviorSanitizer =="
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
run_suite build-sanitize -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

echo "== Fuzzing: each libFuzzer target for 60 s under AddressSanitizer and UndefinedBehaviorSanitizer =="
./build-aux/fuzz.sh 60

echo "$(count OK) passed, $(count FAIL) failed, $(count SKIP) skipped"
