# Who may do what, through the CLI: --as and JIANGBU_AS name the principal;
# refusals are permission-denied (exit 1) or bad-principal (exit 2) and change
# nothing; the audit trail records who did what (times, ids and the database
# role cut off: they differ between runs and backends).
jiangbu demo run --reports demo-reports > /dev/null
jiangbu --as auditor award pay --award XX2024-001 --unit 91610000MA6TG12349 --amount 1 --date 2024-12-01
jiangbu --as unit:91610000MA6TG12349 award grant --id XX2024-009 --recognition R1 --date 2024-07-01 --document 文号
jiangbu --as bureau expenditure record --external-id BUR-1 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-11-02 --amount 500 --category 交流展示 --payment-method 银行转账 --payee 西安某广告有限公司 --payee-uscc 91650102MA78QR012B --invoice-number 24612000000088000001 --today 2024-12-31
jiangbu --as unit:91610000MA6TG12349 expenditure list --unit 91611100MA6TX0B25D
jiangbu --as unit:91610000MA6TG12349 report audit --policy xixian-2024 --as-of 2024-12-31
jiangbu --as unit:91610000MA6TG12349 entry list --book 91611100MA6TX0B25D --limit 1
jiangbu --as unit:91610000MA6TG12349 report trial-balance --book bureau --as-of 2024-12-31
jiangbu --as unit:91610000MA6TG1234X trail list
jiangbu --as root trail list
jiangbu --as unit:91610000MA6TG12349 trail list
jiangbu --as unit:91610000MA6TG12349 expenditure record --external-id OWN-1 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-11-02 --amount 500 --category 交流展示 --payment-method 银行转账 --payee 西安某广告有限公司 --payee-uscc 91650102MA78QR012B --invoice-number 24612000000088000002 --today 2024-12-31
JIANGBU_AS=auditor jiangbu trail list --format csv | tail -n 3 | cut -d, -f2,5-7
jiangbu role list
