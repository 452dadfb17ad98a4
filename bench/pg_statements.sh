#!/usr/bin/env bash
# Where PostgreSQL's time goes, statement by statement (scale issue). Starts
# a throwaway PostgreSQL with every statement logged and its duration
# (log_min_duration_statement = 0), then
#   - imports a generated file of ROWS expenditures with every check, and
#   - records single expenditures at one client for SECONDS_PER_RUN seconds,
# and prints for each: statements sent per row (or per recording), the
# server's time against the wall-clock time (the rest is round trips and the
# client), the rate the server's time alone would allow, and the statements
# that took the most server time with their counts; then pgbench's tpcb-like
# rate at one client on the same server, the single-recording target's anchor. The figures the README's "Not yet built" cites come from here.
#
#   bash bench/pg_statements.sh                 # ROWS=100000 SECONDS_PER_RUN=10
#   ROWS=20000 SECONDS_PER_RUN=5 bash bench/pg_statements.sh
# Needs a build (scripts/build.sh); installs nothing itself. Logging every
# statement slows the server a little: compare the shares, not the seconds,
# with bench/scale.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build="${JIANGBU_BUILD_DIR:-build}"
rows="${ROWS:-100000}"
seconds="${SECONDS_PER_RUN:-10}"
out="$root/out/pg-statements"
rm -rf "$out" && mkdir -p "$out"
for tool in psql python3 pgbench; do
  command -v "$tool" >/dev/null || { echo "pg_statements: $tool is missing: run scripts/install-deps.sh" >&2; exit 2; }
done
cmake --build "$build" -j"$(nproc)" --target jiangbu jiangbu_record_bench >/dev/null
jiangbu="$root/$build/jiangbu"
export TZ=Asia/Shanghai

# shellcheck source=../scripts/postgres-throwaway.sh
source scripts/postgres-throwaway.sh
trap pg_throwaway_stop EXIT
PG_THROWAWAY_DURABLE=1 pg_throwaway_start
log="$PG_THROWAWAY_DIR/server.log"
logging() {  # logging on|off: every statement of the test role, with its duration
  local value=$([[ $1 == on ]] && echo 0 || echo -1)
  psql -q "$PG_THROWAWAY_URL" -c "ALTER ROLE CURRENT_USER SET log_min_duration_statement = $value" >/dev/null
}
log_size() { stat -c %s "$log"; }

# summarize LABEL UNITS UNIT_NAME WALL_SECONDS FROM_BYTE: the log from FROM_BYTE on.
summarize() {
  tail -c +"$(($5 + 1))" "$log" | python3 -c '
import collections, re, sys
label, units, unit_name, wall = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
server_ms = collections.Counter()
executed = collections.Counter()
pattern = re.compile(r"duration: ([0-9.]+) ms\s+(statement|execute|parse|bind) ?([^:]*):\s*(.*)")
prepared = 0  # the parse of a named statement is a round trip of its own (PQprepare)
for line in sys.stdin.buffer:
    match = pattern.search(line.decode("utf-8", "replace"))
    if not match or "log_min_duration_statement" in match.group(4):
        continue
    text = re.sub(r"st_[0-9]+", "st_N", re.sub(r"\s+", " ", match.group(4)))[:110]
    server_ms[text] += float(match.group(1))
    if match.group(2) in ("statement", "execute"):
        executed[text] += 1
    elif match.group(2) == "parse" and match.group(3).startswith("st_"):
        prepared += 1
statements = sum(executed.values())
total_ms = sum(server_ms.values())
per = lambda count: count / max(units, 1)
print(f"## {label}")
print(f"{units} {unit_name}s, {wall:.2f} s wall; {statements} statements executed = {per(statements):.1f} per {unit_name}, "
      f"and {prepared} prepared = {per(prepared):.1f} per {unit_name}; "
      f"server {total_ms / 1000:.2f} s = {100 * total_ms / 1000 / wall:.0f} % of wall")
print()
# The server alone, one connection: if round trips and the client cost nothing.
print(f"server time per {unit_name}: {total_ms / max(units, 1):.3f} ms; ceiling at one connection "
      f"(no round trips, no client): {units / max(total_ms / 1000, 1e-9):.0f} {unit_name}s/s")
print()
print("| server ms | share | statements | per " + unit_name + " | statement |")
print("|---:|---:|---:|---:|---|")
for text, ms in server_ms.most_common(15):
    print(f"| {ms:.0f} | {100 * ms / max(total_ms, 1e-9):.1f} % | {executed[text]} | {executed[text] / max(units, 1):.2f} | `{text}` |")
print()
' "$1" "$2" "$3" "$4"
}

url="$(pg_throwaway_schema_url statements_import)"
"$jiangbu" --db "$url" --log-level error demo generate --out "$out/import" --expenditures "$rows" --seed 20241231 >/dev/null
logging on
start="$(log_size)"
began="$(date +%s.%N)"
"$jiangbu" --db "$url" --log-level error --format csv expenditure import "$out/import/expenditures.csv" \
  --today 2025-12-31 --batch-rows 100000 >"$out/import.log" 2>&1 || [[ $? -eq 1 ]]
wall="$(awk "BEGIN { print $(date +%s.%N) - $began }")"
logging off
summarize "import of $rows rows with every check" "$rows" row "$wall" "$start" | tee "$out/report.md"

url="$(pg_throwaway_schema_url statements_record)"
"$jiangbu" --db "$url" --log-level error demo generate --out "$out/record" --expenditures 20000 --seed 7 >/dev/null
logging on
start="$(log_size)"
"$root/$build/bench/jiangbu_record_bench" "$url" "$out/record/expenditures.csv" 1 "$seconds" "S-" >"$out/record.log"
logging off
recordings="$(sed -E 's/.*transactions ([0-9]+).*/\1/' "$out/record.log")"
wall="$(sed -E 's/.*, ([0-9.]+) s, tps.*/\1/' "$out/record.log")"
summarize "single recording, 1 client" "$recordings" recording "$wall" "$start" | tee -a "$out/report.md"

# The anchor of the scale issue's target (single recording ≥ 0.8 of pgbench's
# tpcb-like rate at the same client count), with statement logging off.
pgbench -q -i -s 10 "$PG_THROWAWAY_URL" >"$out/pgbench-init.log" 2>&1
pgbench -b tpcb-like -c 1 -j 1 -T "$seconds" "$PG_THROWAWAY_URL" >"$out/pgbench.log" 2>&1
anchor="$(grep -E '^tps' "$out/pgbench.log" | tail -1 | sed -E 's/tps = ([0-9.]+).*/\1/' || true)"
ceiling="$(grep -E '^server time per recording' "$out/report.md" | sed -E 's/.*\): ([0-9]+) recordings.*/\1/' || true)"
if [[ -z "$anchor" || -z "$ceiling" ]]; then
  echo "pg_statements: no pgbench rate or no ceiling (see $out/pgbench.log and $out/report.md)" >&2
  exit 1
fi
{
  echo "pgbench tpcb-like, 1 client, same server: $anchor tps. The recording's ceiling (its server time alone)"
  echo "÷ pgbench = $(awk "BEGIN { printf \"%.2f\", $ceiling / $anchor }") (target 0.8; statement logging adds a little server time)."
} | tee -a "$out/report.md"
echo "pg_statements: wrote $out/report.md" >&2
