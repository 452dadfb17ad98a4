# Hostile input on the command line (issue 7): SQL-injection text, control
# characters, invalid UTF-8, over-long text, impossible amounts and dates.
# Each is refused with its field and reason code and records nothing; free
# text (a unit's name) keeps an injection string verbatim and harms nothing.
jiangbu init
jiangbu money parse 1e30 -0 NaN "' OR '1'='1" 2024-02-30
jiangbu unit add --uscc "'; DROP TABLE units; --" --name 某公司 --type enterprise --method gross
jiangbu unit add --uscc 91610000MA6TG12349 --name $'red\x1b[31m alert' --type enterprise --method gross
jiangbu unit add --uscc 91610000MA6TG12349 --name $'a\xc0\xafz' --type enterprise --method gross
jiangbu unit add --uscc 91610000MA6TG12349 --name $'a\xed\xa0\x80z' --type enterprise --method gross
jiangbu unit add --uscc 91610000MA6TG12349 --name "$(head -c 102400 /dev/zero | tr '\0' a)" --type enterprise --method gross
jiangbu unit add --uscc 91610000MA6TG12349 --name "'; DROP TABLE units; --" --type enterprise --method gross
jiangbu unit list --format csv
jiangbu brand add --id "' OR '1'='1" --name 品牌 --category 高品质服务型
jiangbu entry post --date 0000-01-01 --memo 日期 --debit 5001=1 --credit 2303=1
jiangbu entry post --date 9999-12-31 --memo 日期 --debit 5001=1 --credit 2303=1
jiangbu entry post --date 2024-03-01 --memo $'first\rsecond' --debit 5001=1 --credit 2303=1
jiangbu entry post --date 2024-03-01 --memo "$(head -c 102400 /dev/zero | tr '\0' a)" --debit 5001=1 --credit 2303=1
jiangbu entry post --date 2024-03-01 --memo 金额 --debit 5001=NaN --credit 2303=NaN
jiangbu entry post --date 2024-03-01 --memo 金额 --debit 5001=-0 --credit 2303=-0
jiangbu entry post --date 2024-03-01 --memo "'; DROP TABLE journal_entries; --" --debit 5001=1 --credit 2303=1
jiangbu entry list --format csv
# No secrets (item 6): a password in the connection string never reaches
# stderr, at any log level; a resident id or bank account in a refusal is
# masked but for its last four characters.
"$binary" --db 'postgresql://user:s3cret@127.0.0.1:1/db' entry list
"$binary" --db 'postgresql://user@127.0.0.1:1/db?password=s3cret' entry list
"$binary" --db 'postgresql://user:s3cret@[::1/db' entry list
"$binary" --log-level trace --db 'postgresql://user:s3cret@127.0.0.1:1/db' entry list 2>&1 | grep -c s3cret || true
jiangbu unit add --uscc 110101199003077777 --name 某人 --type enterprise --method gross
jiangbu money parse 6222021234567890123
