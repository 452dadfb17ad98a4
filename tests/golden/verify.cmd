# jiangbu verify: the journal's SHA-256 hash chains. Hashes are masked as
# <sha256> by the runner (recorded_at is the wall clock); the checks compare
# heads inside each command line.
jiangbu init
jiangbu book add --id second --chart bureau --name 第二账簿
jiangbu entry post --date 2024-03-01 --memo 计提奖补 --debit 5001=2000 --credit 2303=2000
jiangbu entry post --date 2024-03-02 --memo 计提奖补 --debit 5001=3000 --credit 2303=3000
jiangbu entry post --date 2025-01-05 --memo 计提奖补 --debit 5001=100 --credit 2303=100
jiangbu entry post --book second --date 2024-04-01 --memo 计提奖补 --debit 5001=7 --credit 2303=7
jiangbu entry reverse --id 1 --date 2024-03-05 --reason 金额有误
jiangbu verify
jiangbu verify --format json
jiangbu verify --book second
jiangbu verify --head
jiangbu verify --head --format csv
jiangbu verify --head > head.txt && jiangbu verify --expect "$(cat head.txt)" | tail -1
jiangbu verify --head | grep -cE '^[0-9a-f]{64}$'
jiangbu verify --expect "$(printf '0%.0s' {1..64})"
jiangbu verify --expect not-a-hash
# A posting's amount edited (both lines, so the entry still balances) behind the application's back:
bash fixtures/tamper.sh "UPDATE postings SET debit_fen = 300001 WHERE entry_id = 2 AND line_number = 1; UPDATE postings SET credit_fen = 300001 WHERE entry_id = 2 AND line_number = 2"
jiangbu verify
jiangbu verify --head
jiangbu verify --book second
