# jiangbu export: the journal as plain text for ledger-cli and beancount, the
# files pinned byte for byte, then read back by both tools (their balances
# equal the trial balance printed last). One entry per basis and book, a
# reversal, a memo with quotes, a note opener ("  ;") and a backslash.
jiangbu init
jiangbu unit add --uscc 91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司 --type enterprise --method gross
jiangbu account open --book bureau --code 2303/XX2024-001/91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司
jiangbu account open --book bureau --code 7101/XX2024-001 --name 西咸奖补
jiangbu account open --book 91610000MA6TG12349 --code 2401/XX2024-001 --name 西咸奖补
jiangbu entry post --date 2024-07-01 --memo 计提奖补 --debit 5001=200000.00 --credit 2303/XX2024-001/91610000MA6TG12349=20万
jiangbu entry post --date 2024-07-15 --memo '支付 "首笔";  ;备注 \ 反斜杠' --debit 2303/XX2024-001/91610000MA6TG12349=5万 --credit 1011=5万 --debit 7101/XX2024-001=5万 --credit 8001=5万
jiangbu entry post --book 91610000MA6TG12349 --date 2024-07-16 --memo 收到奖补 --debit 1002/奖补专户=50000 --credit 2401/XX2024-001=50000
jiangbu entry post --date 2024-07-20 --memo 计提有误 --debit 5001=0.01 --credit 2303/XX2024-001/91610000MA6TG12349=0.01
jiangbu entry reverse --id 4 --date 2024-07-21 --reason 金额有误
jiangbu export --format ledger
jiangbu export --format beancount
jiangbu export --format beancount --book 91610000MA6TG12349
jiangbu export --format ledger --output all.ledger && ledger -f all.ledger balance --flat --no-total --format '%(account)\t%(quantity(display_total))\n'
jiangbu export --format beancount --output all.beancount && bean-check all.beancount && bean-query -f csv all.beancount "SELECT account, sum(number) AS balance GROUP BY account ORDER BY account"
jiangbu report trial-balance --book bureau --as-of 2024-12-31 --format csv
jiangbu report trial-balance --book 91610000MA6TG12349 --as-of 2024-12-31 --format csv
jiangbu --as auditor export --format ledger | grep -c '^2024-'
jiangbu --as unit:91610000MA6TG12349 export --format ledger --book 91610000MA6TG12349 | grep -c '^2024-'
jiangbu --as unit:91610000MA6TG12349 export --format ledger
jiangbu --as unit:91610000MA6TG12349 export --format ledger --book bureau
jiangbu export --format csv
jiangbu export
jiangbu export --format beancount --book no-such-book
jiangbu export --format ledger --output missing-folder/all.ledger
# Nothing half-written is left beside the outputs:
ls -A | grep -c partial || true
