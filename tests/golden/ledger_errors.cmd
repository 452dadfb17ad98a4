# Every failure names the field and the reason, exits with the documented
# code (1 rule, 2 bad input, 3 storage), and leaves the ledger as it was.
jiangbu entry list
jiangbu init
jiangbu init
jiangbu entry post --date 2024-03-01 --memo 计提 --debit 5001=200000.00 --credit 2303=200000.00
jiangbu entry post --date 2024-03-01 --memo 不平 --debit 5001=200000.00 --credit 2303=199999.99
jiangbu entry post --date 2024-02-30 --memo 坏日期 --debit 5001=1 --credit 2303=1
jiangbu entry post --date 2024-03-01 --memo 坏金额 --debit 5001=1.234 --credit 2303=1.234
jiangbu entry post --date 2024-03-01 --memo 负数 --debit 5001=-5 --credit 2303=-5
jiangbu entry post --date 2024-03-01 --memo 科学计数 --debit 5001=1e30 --credit 2303=1e30
jiangbu entry post --date 2024-03-01 --memo 无此科目 --debit 5001=1 --credit 9999=1
jiangbu entry post --date 2024-03-01 --memo 一行 --debit 5001=1
jiangbu entry post --book nobody --date 2024-03-01 --memo 无此账簿 --debit 5001=1 --credit 2303=1
jiangbu entry post --date 2024-03-01 --debit 5001=1 --credit 2303=1
jiangbu entry reverse --id 1 --date 2024-03-02 --reason 金额有误
jiangbu entry reverse --id 1 --date 2024-03-03 --reason 再冲一次
jiangbu entry reverse --id 2 --date 2024-03-03 --reason 冲销的冲销
jiangbu entry reverse --id 99 --date 2024-03-03 --reason 无此凭证
jiangbu entry list --format xml
jiangbu entry list
jiangbu book add --id "bad id" --chart enterprise --name 坏
jiangbu book add --id unit-1 --chart nonesuch --name 坏
jiangbu report trial-balance --as-of 2024-12-31
jiangbu entry post --file fixtures/batch_good.json
# A batch is one transaction: the third entry's error keeps the first two out.
# (PostgreSQL may skip entry ids after a rollback; voucher numbers never skip.)
jiangbu entry post --file fixtures/batch_with_bad_third.json
jiangbu entry post --file fixtures/amount_as_number.json
jiangbu report trial-balance --as-of 2024-12-31
jiangbu reasons list --format csv
