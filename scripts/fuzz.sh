#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz with clang (ASan + UBSan) in
# build-fuzz/ and runs each for a bounded time on a COPY of its seed corpus
# (the committed corpus never grows by itself):
#   scripts/fuzz.sh            # 20 s per harness (what scripts/test.sh runs)
#   scripts/fuzz.sh 600        # the longer run, on demand
#   scripts/fuzz.sh 60 fuzz_tabular   # one harness
# Prints, per harness, the inputs run (libFuzzer's stat::number_of_executed_units)
# and the corpus size. Exits non-zero on any crash, leak, sanitizer report,
# timeout or out-of-memory, keeping the input that caused it in
# build-fuzz/findings/<harness>/ (reproduce: build-fuzz/tests/fuzz/<harness> FILE).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "fuzz.sh: seconds per harness must be a positive whole number, not '$seconds'" >&2
  exit 2
fi
dir="${JIANGBU_FUZZ_BUILD_DIR:-$root/build-fuzz}"

# name  max_len(bytes)  why the bound
harnesses=(
  "fuzz_money_parse 512"      # parse_money refuses anything over 256 bytes; a little beyond reaches that
  "fuzz_tabular 16384"        # a few dozen rows of CSV or a small XLSX
  "fuzz_bank_statement 16384"
  "fuzz_policy_loader 16384"  # the bundled policy files are 4-9 KB
)
if (( $# > 0 )); then
  selected=()
  for entry in "${harnesses[@]}"; do
    for wanted in "$@"; do [[ "${entry%% *}" == "$wanted" ]] && selected+=("$entry"); done
  done
  (( ${#selected[@]} > 0 )) || { echo "fuzz.sh: no harness named $*" >&2; exit 2; }
  harnesses=("${selected[@]}")
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$dir" -DJIANGBU_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DJIANGBU_WARNINGS_AS_ERRORS=OFF "${launcher[@]}" >/dev/null
targets=()
for entry in "${harnesses[@]}"; do targets+=(--target "${entry%% *}"); done
cmake --build "$dir" -j "$(nproc)" "${targets[@]}"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:print_stacktrace=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

status=0
summary=()
for entry in "${harnesses[@]}"; do
  name="${entry%% *}" max_len="${entry##* }"
  work="$dir/runs/$name" findings="$dir/findings/$name"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$findings"
  cp -r "$root/tests/fuzz/corpus/$name/." "$work/corpus/"
  dictionary=()
  [[ -f "$root/tests/fuzz/$name.dict" ]] && dictionary=("-dict=$root/tests/fuzz/$name.dict")
  seeds=$(find "$work/corpus" -type f | wc -l)
  echo "==== fuzz: $name for ${seconds}s ($seeds seeds, max_len $max_len)"
  harness_status=0
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: the machine is shared.
  "$dir/tests/fuzz/$name" "$work/corpus" "${dictionary[@]}" -max_total_time="$seconds" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=1024 -malloc_limit_mb=1024 -print_final_stats=1 \
    -artifact_prefix="$findings/" >"$work/log" 2>&1 || harness_status=$?
  units=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$' | tail -n 1 || true)
  corpus=$(find "$work/corpus" -type f | wc -l)
  if (( harness_status != 0 )) || grep -q -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|fuzz property failed' "$work/log"; then
    echo "---- $name FAILED (exit $harness_status); last lines of $work/log:"
    tail -n 60 "$work/log"
    echo "---- kept inputs: $(ls "$findings" 2>/dev/null | tr '\n' ' ')"
    summary+=("$name: FAILED after ${units:-?} inputs (see $findings)")
    status=1
  else
    summary+=("$name: ${units:-?} inputs in ${seconds}s, corpus $seeds -> $corpus, no finding")
  fi
done

echo "==== fuzz summary"
printf '  %s\n' "${summary[@]}"
exit "$status"
