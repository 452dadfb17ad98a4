#!/usr/bin/env bash
# THE test command: installs dependencies, builds with warnings as errors,
# starts a throwaway PostgreSQL cluster, and runs ctest against it. Extra
# arguments go to ctest (e.g. scripts/test.sh -R unit). JIANGBU_SANITIZE=1
# does the same in the ASan+UBSan build (build-sanitize/). Then runs the
# fuzzers briefly (scripts/fuzz.sh). Exits with ctest's status, or the
# fuzzers' when ctest passed; the cluster is stopped and removed in every case.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${JIANGBU_SANITIZE:-0}" == 1 ]]; then
  export JIANGBU_BUILD_DIR="${JIANGBU_BUILD_DIR:-build-sanitize}"
  # Set before the build too: gtest_discover_tests runs the test binaries.
  # The caller's own options come last and so win.
  export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
  # fontconfig/cairo/Pango caches live until exit by design (tests/lsan.supp).
  export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
else
  export JIANGBU_BUILD_DIR="${JIANGBU_BUILD_DIR:-build}"
fi
export TZ=Asia/Shanghai  # the tests pin it too; this covers anything they miss

bash scripts/install-deps.sh
bash scripts/browser-deps.sh
bash scripts/build.sh -DJIANGBU_WARNINGS_AS_ERRORS=ON

# shellcheck source-path=SCRIPTDIR/..
source scripts/postgres-throwaway.sh
trap pg_throwaway_stop EXIT   # runs on success, failure and the exits below
trap 'exit 130' INT
trap 'exit 143' TERM
pg_throwaway_start
export JIANGBU_TEST_POSTGRESQL_URL="$PG_THROWAWAY_URL"

# --no-tests=error: an empty or broken build dir must fail, not pass silently.
status=0
ctest --test-dir "$JIANGBU_BUILD_DIR" --output-on-failure --no-tests=error -j2 "$@" || status=$?

if [[ $status -ne 0 && -f "$PG_THROWAWAY_DIR/server.log" ]]; then
  echo "---- last lines of the PostgreSQL server log ----"
  tail -n 40 "$PG_THROWAWAY_DIR/server.log" || true
fi
pg_throwaway_stop

# Hostile input: each libFuzzer harness for a short bounded run (its own
# clang build in build-fuzz/; JIANGBU_FUZZ_SECONDS=0 skips it). Its status
# joins the final one.
fuzz_status=0 fuzz_seconds="${JIANGBU_FUZZ_SECONDS:-15}"
if [[ "$fuzz_seconds" != 0 ]]; then
  fuzz_started=$SECONDS
  bash scripts/fuzz.sh "$fuzz_seconds" || fuzz_status=$?
  echo "==== test.sh: fuzzing took $((SECONDS - fuzz_started)) s, exit status $fuzz_status"
fi

echo "==== test.sh: build dir $JIANGBU_BUILD_DIR, sanitizers $([[ ${JIANGBU_SANITIZE:-0} == 1 ]] && echo on || echo off), ctest exit status $status"
if [[ $status -eq 0 && $fuzz_status -ne 0 ]]; then status=$fuzz_status; fi
if [[ $status -eq 0 ]]; then echo "==== test.sh: PASSED"; else echo "==== test.sh: FAILED"; fi
exit "$status"
