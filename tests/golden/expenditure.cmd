# Recording and importing expenditures: every verdict, the exception
# register, replay of the same file, correction and the books after.
jiangbu init
jiangbu unit add --uscc 91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司 --type enterprise
jiangbu brand add --id xixian-qinsao --name 西咸秦嫂 --category high-quality-service
jiangbu recognition add --id R1 --brand xixian-qinsao --tier municipal --policy xixian-2024 --date 2024-06-18 --document 陕人社函〔2024〕210号 --unit 91610000MA6TG12349
jiangbu award grant --id XX2024-001 --recognition R1 --date 2024-07-01 --document 西咸社发〔2024〕27号
jiangbu award pay --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-07-10
jiangbu expenditure import fixtures/spending.csv --results results.csv --today 2024-12-31
cat results.csv
jiangbu expenditure import fixtures/spending.csv --today 2024-12-31 --format csv
jiangbu expenditure record --external-id S-007 --award XX2024-001 --unit 91610000MA6TG12349 --date 2025-01-05 --amount 100 --category 宣传推介 --payment-method 公务卡 --payee 某公司 --invoice-number 24612000000000000009 --today 2024-12-31
jiangbu expenditure list
jiangbu exceptions list
jiangbu expenditure reverse --id 1 --date 2024-07-25 --reason 金额有误
jiangbu expenditure reverse --id 1 --date 2024-07-26 --reason 再次冲销
jiangbu expenditure record --external-id S-001R --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-07-20 --amount 12000 --category 宣传推介 --payment-method 银行转账 --payee 西安曲江会展服务有限公司 --payee-uscc 91650102MA78QR012B --invoice-number 24612000000000000001 --today 2024-12-31
jiangbu award clawback --award XX2024-001 --unit 91610000MA6TG12349 --amount 50000 --date 2024-12-20 --document 西咸社发〔2024〕70号 --reason 绩效评估不合格 --by 财政局王会计
jiangbu report trial-balance --book 91610000MA6TG12349 --as-of 2024-12-31
jiangbu report trial-balance --book bureau --as-of 2024-12-31 --format csv
