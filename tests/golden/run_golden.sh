#!/usr/bin/env bash
# Golden test runner (in the spirit of ledger-cli's test/regress): runs each
# line of a .cmd file as a shell command, where `jiangbu` is the binary under
# test bound to a fresh database, and compares the transcript (command,
# stdout, stderr, exit code) with the .out file byte for byte.
#
# usage: run_golden.sh JIANGBU_BINARY CASE.cmd EXPECTED.out sqlite|postgresql [--update]
set -euo pipefail

binary=$(realpath "$1") case_file=$(realpath "$2") expected=$(realpath -m "$3") backend=$4 mode=${5:-check}
export TZ=Asia/Shanghai LC_ALL=C.UTF-8 JIANGBU_LOG_LEVEL=warn
work=$(mktemp -d)
schema=""
cleanup() {
  if [[ -n $schema ]]; then
    psql -q "$JIANGBU_TEST_POSTGRESQL_URL" -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

case $backend in
  sqlite) database=./ledger.db ;;
  postgresql)
    if [[ -z ${JIANGBU_TEST_POSTGRESQL_URL:-} ]]; then
      echo "JIANGBU_TEST_POSTGRESQL_URL is not set: run through scripts/test.sh" >&2
      exit 1
    fi
    schema="golden_$$_$RANDOM"
    psql -q -v ON_ERROR_STOP=1 "$JIANGBU_TEST_POSTGRESQL_URL" -c "CREATE SCHEMA $schema" >/dev/null
    database="$JIANGBU_TEST_POSTGRESQL_URL?options=-csearch_path%3D$schema"
    ;;
  *) echo "unknown backend $backend" >&2; exit 2 ;;
esac

jiangbu() { "$binary" --db "$database" "$@"; }
export -f jiangbu
export binary database
cp -r "$(dirname "$case_file")/fixtures" "$work/" 2>/dev/null || true
cd "$work"

transcript=$work/transcript.out
while IFS= read -r line || [[ -n $line ]]; do
  [[ -z $line || $line == \#* ]] && continue
  printf '$ %s\n' "$line" >>"$transcript"
  status=0
  bash -c "$line" >>"$transcript" 2>&1 || status=$?
  printf '[exit %d]\n' "$status" >>"$transcript"
done <"$case_file"

# The database location differs per backend and run; the transcript says $DB.
# SHA-256 hashes (the journal's hash chain) cover recorded_at, the wall clock
# at posting: the transcript says <sha256>.
python_free_replace() { local text; text=$(cat); printf '%s\n' "${text//"$database"/\$DB}"; }
python_free_replace <"$transcript" | sed -E 's/[0-9a-f]{64}/<sha256>/g' >"$transcript.normalised"

if [[ $mode == --update ]]; then
  cp "$transcript.normalised" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$transcript.normalised"; then
  echo "golden mismatch for $case_file on $backend (rerun with --update to accept)" >&2
  exit 1
fi
echo "golden $(basename "$case_file") on $backend: transcript matches"
