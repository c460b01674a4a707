#!/usr/bin/env bash
# import-kill.sh RAPPORT_CLI — kills `rapport-cli import` of a 50,000-row CSV with SIGKILL at 20
# random moments across the import's duration; after each, `rapport-cli check` must print "ok"
# and the database must hold either none or all of the file's contacts (one transaction).
# Prints TAP.
set -euo pipefail

cli=${1:?usage: import-kill.sh RAPPORT_CLI}
rows=${IMPORT_KILL_ROWS:-50000}
rounds=${IMPORT_KILL_ROUNDS:-20}
folder=$(mktemp -d "${TMPDIR:-/tmp}/import-kill-XXXXXX")
trap 'rm -rf "$folder"' EXIT
csv=$folder/contacts.csv
db=$folder/crm.db

{
  echo "First Name,Last Name,Email,Company Name,Tags,Notes"
  for ((i = 0; i < rows; i++)); do
    echo "First$i,Last$i,person$i@example.com,Company $((i % 2000)),\"t$((i % 13)), all\",\"line one
line two\""
  done
} >"$csv"

count_contacts() {
  sqlite3 "$db" "SELECT count(*) FROM contacts"
}

echo "1..$((rounds + 1))"

# Calibrate: one whole import into a scratch database gives the duration to aim the kills at.
start=$(date +%s%N)
"$cli" --database "$folder/calibrate.db" import "$csv" --duplicates new >/dev/null
duration_ms=$((($(date +%s%N) - start) / 1000000))
rm -f "$folder"/calibrate.db*
# The database starts with a few contacts of its own.
printf 'Name,Email\nAda Lovelace,ada@example.org\nAlan Turing,alan@example.org\n' >"$folder/first.csv"
"$cli" --database "$db" import "$folder/first.csv" >/dev/null
[[ $("$cli" --database "$db" check) == ok ]]
echo "ok 1 - a whole import takes ${duration_ms} ms"

failed=0
for ((round = 1; round <= rounds; round++)); do
  before=$(count_contacts)
  # A moment anywhere from the start to a little past the usual end.
  delay_ms=$((RANDOM * 32768 + RANDOM))
  delay_ms=$((delay_ms % (duration_ms * 11 / 10 + 1)))
  "$cli" --database "$db" import "$csv" --duplicates new >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true

  check=$("$cli" --database "$db" check 2>&1 || true)
  after=$(count_contacts)
  if [[ "$check" == "ok" ]] && { [[ $after -eq $before ]] || [[ $after -eq $((before + rows)) ]]; }; then
    echo "ok $((round + 1)) - killed after ${delay_ms} ms: check ok, contacts $before -> $after"
  else
    echo "not ok $((round + 1)) - killed after ${delay_ms} ms: check '$check', contacts $before -> $after"
    failed=1
  fi
done
exit $failed
