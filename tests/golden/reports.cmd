# Reports on a fixed scenario: one award under 西咸 with a year of spending
# (good rows, rejected rows, a corrected resubmission), a clawback and a
# payment posted by hand on the bureau's book that the unit never received.
jiangbu init > /dev/null
jiangbu unit add --uscc 91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司 --type enterprise > /dev/null
jiangbu brand add --id xixian-qinsao --name 西咸秦嫂 --category high-quality-service > /dev/null
jiangbu recognition add --id R1 --brand xixian-qinsao --tier municipal --policy xixian-2024 --date 2024-06-18 --document 陕人社函〔2024〕210号 --unit 91610000MA6TG12349 > /dev/null
jiangbu award grant --id XX2024-001 --recognition R1 --date 2024-07-01 --document 西咸社发〔2024〕27号 > /dev/null
jiangbu award pay --award XX2024-001 --unit 91610000MA6TG12349 --amount 150000 --date 2024-07-10 > /dev/null
jiangbu expenditure import fixtures/spending.csv --today 2024-12-31 > /dev/null
jiangbu expenditure record --external-id S-002 --award XX2024-001 --unit 91610000MA6TG12349 --date 2024-07-21 --amount 3800 --category 宣传推介 --payment-method 银行转账 --payee 西安某印刷店 --invoice-number 24612000000000000002 --today 2024-12-31
jiangbu award clawback --award XX2024-001 --unit 91610000MA6TG12349 --amount 20000 --date 2024-12-20 --document 西咸社发〔2024〕70号 --reason 宣传费超标准 --by 财政局王会计 > /dev/null
jiangbu entry post --date 2024-12-25 --memo 手工补拨 --debit 2303/XX2024-001/91610000MA6TG12349=1000.00 --credit 1011=1000.00
jiangbu report trial-balance --book bureau --from 2024-07-01 --as-of 2024-12-31
jiangbu report register --book 91610000MA6TG12349 --account 1002/奖补专户 --from 2024-07-15 --as-of 2024-12-31
jiangbu report statement --policy xixian-2024 --from 2024-08-01 --as-of 2024-12-31
jiangbu report exceptions --policy xixian-2024 --as-of 2024-12-31
jiangbu report exceptions --policy xixian-2024 --as-of 2024-12-31 --format csv
jiangbu report reconcile --as-of 2024-12-31
jiangbu report audit --policy xixian-2024 --from 2024-01-01 --as-of 2024-12-31
jiangbu report audit --policy xixian-2024 --from 2024-01-01 --as-of 2024-12-31 --format csv
jiangbu report audit --policy xixian-2024 --from 2024-01-01 --as-of 2024-12-31 --format json
jiangbu report audit --policy xixian-2024 --from 2024-01-01 --as-of 2024-12-31 --format html
jiangbu report audit --as-of 2024-12-31
jiangbu report audit --policy xixian-2024 --as-of 2024-12-31 --format pdf
jiangbu report statement --policy xixian-2024 --from 2025-01-01 --as-of 2024-12-31
jiangbu report statement --award NO-SUCH --as-of 2024-12-31
jiangbu expenditure list --format pdf
