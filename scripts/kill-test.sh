#!/usr/bin/env bash
# The full kill test (issue 7, faults) on both backends: a 100,000-row
# expenditure import SIGKILLed 50 times at random moments, re-run after each
# kill and once more at the end, compared with one clean run. ctest runs the
# same driver, with a smaller file on PostgreSQL to fit the test command's
# time budget. Extra arguments go to the driver (e.g. --seed 42, --rows 20000).
# Needs a build (scripts/build.sh); starts and removes a throwaway PostgreSQL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="${JIANGBU_BUILD_DIR:-build}"
driver="$build/tests/jiangbu_kill_import"
[[ -x "$driver" && -x "$build/jiangbu" ]] || { echo "kill-test: build first (scripts/build.sh)" >&2; exit 2; }
export TZ=Asia/Shanghai

status=0
echo "==== kill-test: sqlite"
"$driver" --jiangbu "$build/jiangbu" --backend sqlite --rows 100000 --kills 50 "$@" || status=1

# shellcheck source-path=SCRIPTDIR/..
source scripts/postgres-throwaway.sh
trap pg_throwaway_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_throwaway_start
echo "==== kill-test: postgresql"
JIANGBU_TEST_POSTGRESQL_URL="$PG_THROWAWAY_URL" \
  "$driver" --jiangbu "$build/jiangbu" --backend postgresql --rows 100000 --kills 50 "$@" || status=1
pg_throwaway_stop

echo "==== kill-test: $([[ $status -eq 0 ]] && echo PASSED || echo FAILED)"
exit "$status"
