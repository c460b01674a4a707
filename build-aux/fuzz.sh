#!/usr/bin/env bash
# fuzz.sh [SECONDS] — builds the libFuzzer targets of tests/fuzz with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer in build-fuzz (-Dfuzz=true), and runs each for SECONDS (default 60)
# on a copy of its seed corpus (tests/fuzz/corpus/<target>, with tests/fuzz/<target>.dict when
# there is one). A crash, a leak, a timeout or a failed check fails the script; the input that
# caused it is left in build-fuzz/fuzz-artifacts/. build-aux/test.sh runs it after the suites.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if ! command -v clang >/dev/null; then
  echo "fuzz.sh: clang is not installed (./build-aux/install-deps.sh test installs it)" >&2
  exit 1
fi
# clang from PATH, whatever its version (Debian 12: 14, Ubuntu 24.04: 18).
[[ -f build-fuzz/build.ninja ]] || CC=clang meson setup build-fuzz -Dfuzz=true -Db_lundef=false
# Regenerate first when a meson.build changed, so the list of targets below is current.
ninja -C build-fuzz build.ninja >/dev/null

mapfile -t targets < <(meson introspect --targets build-fuzz | python3 -c '
import json, sys
for target in json.load(sys.stdin):
    if target["name"].startswith("fuzz-") and target["type"] == "executable":
        print(target["name"])' | sort)
if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz.sh: no fuzz targets in build-fuzz (is the compiler clang?)" >&2
  exit 1
fi
meson compile -C build-fuzz "${targets[@]}"

artifacts=build-fuzz/fuzz-artifacts
mkdir -p "$artifacts"
# The targets run at the same time (each for SECONDS of wall time), so the step costs about
# SECONDS in CI whatever the number of targets.
run_target() {
  local target=$1 corpus log
  corpus=$(mktemp -d)
  log=build-fuzz/$target.log
  cp tests/fuzz/corpus/"$target"/* "$corpus"/
  local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$artifacts/$target-")
  [[ -f tests/fuzz/$target.dict ]] && options+=(-dict="tests/fuzz/$target.dict")
  local status=0
  build-fuzz/tests/fuzz/"$target" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
  rm -rf "$corpus"
  return "$status"
}

pids=()
for target in "${targets[@]}"; do
  run_target "$target" &
  pids+=($!)
done
failed=0
for i in "${!targets[@]}"; do
  target=${targets[$i]}
  log=build-fuzz/$target.log
  if wait "${pids[$i]}"; then
    runs=$(grep -o 'number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    coverage=$(grep -o 'DONE *cov: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    echo "$target: clean after $seconds s, $runs inputs run, ${coverage:-?} edges covered"
  else
    echo "$target: FAILED (input saved in $artifacts/), the end of $log:" >&2
    tail -n 60 "$log" >&2
    failed=1
  fi
done
exit "$failed"
