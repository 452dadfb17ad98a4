#!/usr/bin/env bash
# Times `jiangbu export` over a large SQLite journal and, as the anchor,
# `ledger balance` over the exported file. The journal is written straight
# into the tables with one SQL statement per table (the rules are not what is
# measured here): ENTRIES expenditure-shaped entries of 4 postings each
# (Dr expense / Cr 1002/奖补专户, Dr 2401 递延收益 / Cr 6117 其他收益) in one
# unit's book, spread over 12 expense categories and 2025's days.
#
# usage: bench/export_bench.sh [ENTRIES] [JIANGBU_BINARY] [WORK_FOLDER]
#   defaults: 1000000, build/jiangbu, a fresh temporary folder (removed after)
# Prints rows, seconds and peak memory (RSS) of each step. SQLite maps up to
# 1 GiB of the database file (PRAGMA mmap_size), which counts in RSS as
# file-backed pages: the export's own (anonymous) memory stays near 14 MB.
set -euo pipefail

entries=${1:-1000000}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary=$(realpath "${2:-$root/build/jiangbu}")
work=${3:-$(mktemp -d)}
[[ -n ${3:-} ]] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
database=$work/export-bench.db
unit=91610000MA6TG12349
export TZ=Asia/Shanghai JIANGBU_LOG_LEVEL=warn

jiangbu() { "$binary" --db "$database" "$@"; }
timed() {  # label, command…: prints seconds and peak RSS
  local label=$1; shift
  /usr/bin/time -f "$label: %e s, peak RSS %M KiB" "$@"
}

rm -f "$database"
jiangbu init >/dev/null
jiangbu unit add --uscc $unit --name 陕西秦嫂家政服务有限公司 --type enterprise --method gross >/dev/null
jiangbu account open --book $unit --code 2401/XX2025-001 --name 西咸奖补 >/dev/null
jiangbu account open --book $unit --code 6117/XX2025-001 --name 西咸奖补 >/dev/null
categories=(宣传推介 技能培训 品牌建设 市场开拓 劳务输出 标准制定 人才引进 平台建设 展会参展 认证检测 咨询服务 差旅交通)
for category in "${categories[@]}"; do
  jiangbu account open --book $unit --code "6601/XX2025-001/$category" --name "$category" >/dev/null
done

start=$(date +%s.%N)
sqlite3 "$database" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE bench_categories (position INTEGER PRIMARY KEY, code TEXT NOT NULL);
$(for index in "${!categories[@]}"; do echo "INSERT INTO bench_categories VALUES ($index, '6601/XX2025-001/${categories[$index]}');"; done)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $entries)
INSERT INTO journal_entries (entry_id, book_id, voucher_number, fiscal_year, entry_date, memo,
                             source_reference, reverses_entry_id, recorded_at)
SELECT 100000 + i, '$unit', '记-2025-' || printf('%07d', i), 2025, date('2025-01-01', '+' || (i % 365) || ' days'),
       '支付' || (SELECT code FROM bench_categories WHERE position = i % 12) || '费用 第' || i || '笔',
       'expenditure:S-' || i, NULL, '2025-01-01T00:00:00Z'
FROM n;
INSERT INTO postings (entry_id, line_number, book_id, entry_date, account_code, debit_fen, credit_fen)
SELECT e.entry_id, l.line, e.book_id, e.entry_date,
       CASE l.line WHEN 1 THEN (SELECT code FROM bench_categories WHERE position = (e.entry_id - 100000) % 12)
                   WHEN 2 THEN '1002/奖补专户' WHEN 3 THEN '2401/XX2025-001' ELSE '6117/XX2025-001' END,
       CASE WHEN l.line IN (1, 3) THEN 100 + (e.entry_id * 7919) % 5000000 ELSE 0 END,
       CASE WHEN l.line IN (2, 4) THEN 100 + (e.entry_id * 7919) % 5000000 ELSE 0 END
FROM journal_entries e CROSS JOIN (SELECT 1 AS line UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4) l
WHERE e.entry_id > 100000;
COMMIT;
SQL
echo "generated $entries entries, $((entries * 4)) postings in $(awk -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { printf "%.1f", end - start }') s"

timed "jiangbu export --format ledger ($entries entries)" "$binary" --db "$database" export --format ledger --output "$work/bench.ledger"
timed "jiangbu export --format beancount ($entries entries)" "$binary" --db "$database" export --format beancount --output "$work/bench.beancount"
ls -l "$work/bench.ledger" "$work/bench.beancount" | awk '{print $5, $9}'
timed "jiangbu report trial-balance" "$binary" --db "$database" report trial-balance --book $unit --as-of 2025-12-31 --format csv >"$work/trial.csv"
timed "ledger balance (anchor)" ledger -f "$work/bench.ledger" balance --flat --no-total \
  --format '%(account)\t%(quantity(display_total))\n' >"$work/ledger-balance.txt"
cat "$work/trial.csv"
cat "$work/ledger-balance.txt"
