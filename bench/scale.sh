#!/usr/bin/env bash
# The scale benchmark (issue 8). One run, the same generated data, every
# figure beside its anchor measured in the same run:
#   - `jiangbu demo generate` writes a seeded scenario per size and backend;
#   - import with every check of E expenditures (a bulk load: batches of
#     100,000 rows) into SQLite and into a
#     throwaway PostgreSQL (rows/s, peak memory), and how the cost grows;
#   - the storage floor: the database alone storing the rows each import
#     stored (bench/storage_floor*.sql), a lower bound for any import into
#     this schema on this machine;
#   - interactive single recording on PostgreSQL at 1 and 8 clients next to
#     pgbench's built-in tpcb-like run at the same client counts, same server;
#   - the trial balance of every book, the audit report and the analytics over
#     the largest SQLite database next to `ledger -f exported.ledger balance`
#     (the beancount export is written and timed too; bean-check is Python and
#     far slower than either, so the export tests check it on small ledgers);
# then prints ratios (ours ÷ anchor) against the issue's targets and writes a
# Markdown table (out/bench/results.md) the README includes.
#
# The PostgreSQL cluster runs with its durable defaults (fsync and
# synchronous_commit on, PG_THROWAWAY_DURABLE=1), as production would: the
# interactive comparison is about the commit-per-transaction limit.
#
#   bash bench/scale.sh                                  # E = 100,000 and 1,000,000 (about 20 minutes)
#   SIZES="10000 100000" SECONDS_PER_RUN=10 bash bench/scale.sh   # a quicker look
# Needs a build (scripts/build.sh); installs nothing itself.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="${JIANGBU_BUILD_DIR:-build}"
sizes="${SIZES:-100000 1000000}"
run_seconds="${SECONDS_PER_RUN:-20}"
interactive_rows="${INTERACTIVE_ROWS:-200000}"
seed="${SEED:-20241231}"
out="$root/out/bench"
rm -rf "$out" && mkdir -p "$out"
for tool in ledger pgbench psql sqlite3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "scale: $tool is missing: run scripts/install-deps.sh" >&2; exit 2; }
done
cmake --build "$build" -j"$(nproc)" --target jiangbu jiangbu_record_bench jiangbu_trial_balance_bench >/dev/null
jiangbu="$root/$build/jiangbu"
export TZ=Asia/Shanghai

# shellcheck source=../scripts/postgres-throwaway.sh
source scripts/postgres-throwaway.sh
trap pg_throwaway_stop EXIT
PG_THROWAWAY_DURABLE=1 pg_throwaway_start
base_url="$PG_THROWAWAY_URL"

rows=()  # "measure|ours|ours peak MB|anchor|anchor value|ours ÷ anchor|target|met"
add_row() { rows+=("$1|$2|$3|$4|$5|$6|$7|$8"); echo "scale: $1: $2 (peak ${3:-–} MB) ${4:+vs $4 $5, ratio $6}" >&2; }
timed() {  # timed LOG CMD...: runs CMD; sets seconds, peak_mb and status. Exit 0, or 1 (rows rejected), is fine.
  local log="$1"; shift
  status=0
  /usr/bin/time -f "%e %M" -o "$log.time" "$@" >"$log" 2>&1 || status=$?
  if [[ $status -gt 1 ]]; then echo "scale: failed ($status): $*" >&2; tail -5 "$log" >&2; exit 1; fi
  # time(1) puts "Command exited with non-zero status N" first when it did.
  read -r seconds peak_kb < <(tail -n 1 "$log.time")
  peak_mb=$((peak_kb / 1024))
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
meets() { awk "BEGIN { print (($1) ? \"yes\" : \"no\") }"; }

# storage_floor SIZE BACKEND IMPORTED IMPORT_SECONDS: the database alone
# storing the rows the import stored (bench/storage_floor.sql, and
# storage_floor_postgresql.sql: INSERT … SELECT from the imported ledger into
# one holding only the same master data, one transaction, the schema's every
# index, trigger and key). A lower bound for any import into this schema on
# this machine; the row counts must come out equal.
count_rows() {  # count_rows sqlite FILE TABLE | count_rows postgresql SCHEMA TABLE
  if [[ $1 == sqlite ]]; then sqlite3 "$2" "SELECT COUNT(*) FROM $3"; else psql -At "$base_url" -c "SELECT COUNT(*) FROM $2.$3"; fi
}
storage_floor() {
  local size="$1" backend="$2" imported="$3" import_seconds_here="$4"
  local floor_place import_place table
  if [[ $backend == sqlite ]]; then
    local script="$out/floor-$size.sql"
    floor_place="$out/floor-$size.db" import_place="$imported"
    { echo "ATTACH '${imported//\'/\'\'}' AS src;"; cat bench/storage_floor.sql; } >"$script"
    timed "$out/floor-$size-sqlite.log" sqlite3 -bail "$floor_place" ".read '${script//\'/\'\'}'"
  else
    floor_place="floor_$size" import_place="import_$size"
    timed "$out/floor-$size-postgresql.log" psql -q -v ON_ERROR_STOP=1 -v src="import_$size" -v target="floor_$size" \
      -f bench/storage_floor_postgresql.sql "$base_url"
  fi
  # timed accepts status 1 (rows rejected); here any failure voids the floor.
  if [[ $status -ne 0 ]]; then echo "scale: the $backend storage floor failed:" >&2; tail -5 "$out/floor-$size-$backend.log" >&2; exit 1; fi
  local floor_seconds="$seconds" floor_peak_mb="$peak_mb"
  floor_seconds_of[$size-$backend]="$seconds"
  for table in accounts voucher_sequences journal_entries postings journal_hashes expenditures expenditure_reversals \
    invoice_claims expenditure_exceptions share_spending audit_trail; do
    if [[ "$(count_rows "$backend" "$floor_place" "$table")" != "$(count_rows "$backend" "$import_place" "$table")" ]]; then
      echo "scale: the $backend storage floor did not store the import's rows of $table" >&2; exit 1
    fi
  done
  if [[ $backend == sqlite ]]; then
    rm -f "$floor_place" "$floor_place-wal" "$floor_place-shm"
  else
    psql -q "$base_url" -c "DROP SCHEMA $floor_place CASCADE" >/dev/null
  fi
  local rate target
  rate="$(calc %.0f "$size / $floor_seconds")"
  target=$([[ $backend == sqlite ]] && echo 100000 || echo 50000)
  # The floor's memory is the database's (the server's, on PostgreSQL), not a client's.
  add_row "storage floor: $backend alone storing the $size-row import's rows (INSERT … SELECT)" \
    "${floor_seconds} s = $rate rows/s" "$([[ $backend == sqlite ]] && echo "$floor_peak_mb")" "" "" "" \
    "≥ $target rows/s" "$(meets "$rate >= $target")"
  add_row "import $size rows, $backend, ÷ its storage floor" "${import_seconds_here} s" "" "storage floor" \
    "${floor_seconds} s" "$(calc %.2f "$import_seconds_here / $floor_seconds")" "" ""
}

declare -A import_seconds floor_seconds_of
largest=""
for size in $sizes; do
  for backend in sqlite postgresql; do
    if [[ $backend == sqlite ]]; then db="$out/import-$size.db"; else db="$(pg_throwaway_schema_url "import_$size")"; fi
    scenario="$out/scenario-$size-$backend"
    # The same seed gives the same master data and the same file on both backends.
    timed "$out/generate-$size-$backend.log" "$jiangbu" --db "$db" --log-level error demo generate \
      --out "$scenario" --expenditures "$size" --seed "$seed"
    add_row "generate $size rows (master data + CSV), $backend" "${seconds} s" "$peak_mb" "" "" "" "" ""
    # The ledger before the import, for the storage floor below: a copy on
    # SQLite; on PostgreSQL the same master data generated into a schema of its own.
    if [[ $backend == sqlite ]]; then
      sqlite3 "$db" ".backup '$out/floor-$size.db'"
    else
      "$jiangbu" --db "$(pg_throwaway_schema_url "floor_$size")" --log-level error demo generate \
        --out "$out/floor-scenario-$size" --expenditures "$size" --seed "$seed" >/dev/null
      cmp -s "$scenario/expenditures.csv" "$out/floor-scenario-$size/expenditures.csv" ||
        { echo "scale: the same seed gave another scenario" >&2; exit 1; }
      rm -rf "$out/floor-scenario-$size"
    fi
    timed "$out/import-$size-$backend.log" "$jiangbu" --db "$db" --log-level error --format csv \
      expenditure import "$scenario/expenditures.csv" --today 2025-12-31 --batch-rows 100000
    import_seconds[$size-$backend]="$seconds"
    rate="$(calc %.0f "$size / $seconds")"
    target=$([[ $backend == sqlite ]] && echo 100000 || echo 50000)
    add_row "import $size rows with every check, $backend" "${seconds} s = $rate rows/s" "$peak_mb" "" "" "" \
      "≥ $target rows/s" "$(meets "$rate >= $target")"
    storage_floor "$size" "$backend" "$db" "$seconds"
  done
  largest="$size"
done

smallest="${sizes%% *}"
if [[ "$largest" != "$smallest" ]]; then
  factor="$(calc %.0f "$largest / $smallest")"
  for backend in sqlite postgresql; do
    growth="$(calc %.2f "${import_seconds[$largest-$backend]} / ${import_seconds[$smallest-$backend]}")"
    add_row "import cost growth ${largest} ÷ ${smallest} rows, $backend" "${import_seconds[$largest-$backend]} s" "" \
      "import of $smallest rows" "${import_seconds[$smallest-$backend]} s" "$growth" "≤ $(calc %.1f "$factor * 1.2")" \
      "$(meets "$growth <= $factor * 1.2")"
    # The same for the database alone: how much of the growth is the schema's.
    growth="$(calc %.2f "${floor_seconds_of[$largest-$backend]} / ${floor_seconds_of[$smallest-$backend]}")"
    add_row "storage floor growth ${largest} ÷ ${smallest} rows, $backend" "${floor_seconds_of[$largest-$backend]} s" "" \
      "floor of $smallest rows" "${floor_seconds_of[$smallest-$backend]} s" "$growth" "" ""
  done
fi

# Reports over the largest SQLite database, against ledger-cli on its export.
db="$out/import-$largest.db"
timed "$out/export-ledger.log" "$jiangbu" --db "$db" --log-level error export --format ledger --output "$out/exported.ledger"
add_row "export the $largest-row journal as ledger text" "${seconds} s" "$peak_mb" "" "" "" "" ""
timed "$out/export-beancount.log" "$jiangbu" --db "$db" --log-level error export --format beancount \
  --output "$out/exported.beancount"
add_row "export the $largest-row journal as beancount text" "${seconds} s" "$peak_mb" "" "" "" "" ""
timed "$out/ledger-balance.log" ledger -f "$out/exported.ledger" balance
ledger_seconds="$seconds"
add_row "anchor: ledger -f exported.ledger balance" "${seconds} s" "$peak_mb" "" "" "" "" ""

report_row() {  # report_row NAME LOG CMD...: one report timed against ledger balance
  local name="$1" log="$2"; shift 2
  timed "$log" "$@"
  local ratio
  ratio="$(calc %.3f "$seconds / $ledger_seconds")"
  add_row "$name" "${seconds} s" "$peak_mb" "ledger balance" "${ledger_seconds} s" "$ratio" "≤ 0.1, < 1024 MB" \
    "$(meets "$ratio <= 0.1 && $peak_mb < 1024")"
}
report_row "trial balance of every book" "$out/trial-balance.log" \
  "$root/$build/bench/jiangbu_trial_balance_bench" "$db" 2025-12-31
for policy in xixian-2024 qijiang-2023 urumqi-2024; do
  report_row "audit report $policy (JSON, with analytics)" "$out/audit-$policy.log" \
    "$jiangbu" --db "$db" --log-level error --format json report audit --policy "$policy" --from 2023-01-01 --as-of 2025-12-31
done
timed "$out/analytics.log" "$jiangbu" --db "$db" --log-level error --format json report analytics \
  --from 2023-01-01 --as-of 2025-12-31
add_row "analytics over all $largest expenditures" "${seconds} s" "$peak_mb" "ledger balance" "${ledger_seconds} s" \
  "$(calc %.3f "$seconds / $ledger_seconds")" "" ""

# Interactive recording on PostgreSQL beside pgbench, same server.
interactive_url="$(pg_throwaway_schema_url interactive)"
"$jiangbu" --db "$interactive_url" --log-level error demo generate --out "$out/interactive" \
  --expenditures "$interactive_rows" --seed 7 >/dev/null
pgbench -q -i -s 10 "$base_url" >"$out/pgbench-init.log" 2>&1
for clients in 1 8; do
  "$root/$build/bench/jiangbu_record_bench" "$interactive_url" "$out/interactive/expenditures.csv" "$clients" \
    "$run_seconds" "C$clients-" >"$out/record-$clients.log"
  ours="$(sed -E 's/.*tps ([0-9.]+).*/\1/' "$out/record-$clients.log")"
  pgbench -b tpcb-like -c "$clients" -j "$(( clients < $(nproc) ? clients : $(nproc) ))" -T "$run_seconds" \
    "$base_url" >"$out/pgbench-$clients.log" 2>&1
  anchor="$(grep -E '^tps' "$out/pgbench-$clients.log" | tail -1 | sed -E 's/tps = ([0-9.]+).*/\1/')"
  ratio="$(calc %.2f "$ours / $anchor")"
  add_row "record single expenditures, $clients client(s), PostgreSQL" "$ours tps" "" "pgbench tpcb-like" \
    "$anchor tps" "$ratio" "≥ 0.80" "$(meets "$ratio >= 0.8")"
done

settings="$(psql -At "$base_url" -c "SELECT string_agg(name || '=' || setting || COALESCE(' ' || unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'full_page_writes', 'wal_level')")"
{
  echo "### Scale benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, sizes: $sizes, seed $seed)"
  echo
  echo "PostgreSQL $(psql -At "$base_url" -c 'SHOW server_version'): $settings. SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1): WAL, synchronous=FULL."
  echo "ledger $(ledger --version | head -1 | awk '{ print $2 }' | tr -d ,)."
  echo
  echo "| measure | ours | peak MB | anchor | anchor | ours ÷ anchor | target | met |"
  echo "|---|---:|---:|---|---:|---:|---|---|"
  for row in "${rows[@]}"; do echo "| ${row//|/ | } |"; done
} | tee "$out/results.md"
