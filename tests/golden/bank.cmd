# Bank statements of a unit's dedicated account and its 银行存款余额调节表:
# a file with bad rows refused whole, an import and its replay, and the
# reconciliation with a bank fee, interest, a payment the bank has not made
# yet and one it made two days after the book.
jiangbu init
jiangbu unit add --uscc 91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司 --type enterprise
jiangbu brand add --id xixian-qinsao --name 西咸秦嫂 --category high-quality-service
jiangbu recognition add --id R1 --brand xixian-qinsao --tier municipal --policy xixian-2024 --date 2024-06-18 --document 陕人社函〔2024〕210号 --unit 91610000MA6TG12349
jiangbu award grant --id XX2024-001 --recognition R1 --date 2024-07-01 --document 西咸社发〔2024〕27号
jiangbu award pay --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-07-15 --reference ZF-0001
jiangbu expenditure record --external-id S-001 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-08-01 --amount 1000 --category 宣传推介 --payment-method 银行转账 --payee 西安某广告有限公司 --invoice-number 24612000000000000001 --today 2024-12-31
jiangbu expenditure record --external-id S-002 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-08-20 --amount 3000 --category 宣传推介 --payment-method 银行转账 --payee 西安某广告有限公司 --invoice-number 24612000000000000002 --today 2024-12-31
jiangbu expenditure record --external-id S-003 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-09-28 --amount 4000 --category 交流展示 --payment-method 银行转账 --payee 西安某广告有限公司 --invoice-number 24612000000000000003 --today 2024-12-31
jiangbu bank import --unit 91610000MA6TG12349 --file fixtures/bank_statement_bad.csv
jiangbu bank import --unit 91610000MA6TG12349 --file fixtures/bank_statement.csv
jiangbu bank import --unit 91610000MA6TG12349 --file fixtures/bank_statement.csv --format csv
jiangbu bank import --unit 91610000MA6TG12349 --file fixtures/bank_statement.csv --opening-balance 100
jiangbu bank reconcile --unit 91610000MA6TG12349 --as-of 2024-09-30
jiangbu bank reconcile --unit 91610000MA6TG12349 --as-of 2024-10-31 --window-days 1
jiangbu report reconcile --bank --unit 91610000MA6TG12349 --as-of 2024-09-30 --format csv
