# Registry, awards and payments through the CLI, with every kind of refusal.
jiangbu init
jiangbu unit add --uscc 91610000MA6TG12349 --name 陕西秦嫂家政服务有限公司 --type enterprise
jiangbu unit add --uscc 91610000MA6TG12348 --name 校验位错误 --type enterprise
jiangbu unit add --uscc 91610000MA6TG1234O --name 含字母O --type enterprise --uscc-override 历史代码
jiangbu unit add --uscc 91610000MA6TG12348 --name 历史代码单位 --type enterprise --uscc-override "2016年发证，校验位有误，见营业执照"
jiangbu unit add --file fixtures/units.json
jiangbu unit add --uscc 52611100MJU300021A --name 重复 --type non-profit
jiangbu unit list --format csv
jiangbu brand add --id xixian-qinsao --name 西咸秦嫂 --category 高品质服务型
jiangbu brand add --id bad --name 坏类别 --category fast-food
jiangbu recognition add --id R4 --brand xixian-qinsao --tier provincial --policy xixian-2024 --date 2024-06-18 --document 四家 --unit 91610000MA6TG12349 --unit 91611100MA6TX0B25D --unit 52611100MJU300021A --unit 91610000MA6TG12348
jiangbu recognition add --id R1 --brand xixian-qinsao --tier provincial --policy xixian-2024 --date 2024-06-18 --document 陕人社函〔2024〕210号 --unit 91610000MA6TG12349 --unit 91611100MA6TX0B25D --unit 52611100MJU300021A
jiangbu award grant --id XX2024-001 --recognition R1 --date 2024-07-01 --document 西咸社发〔2024〕27号
jiangbu award grant --id XX2024-001 --recognition R1 --date 2024-07-01 --document 西咸社发〔2024〕27号 --weights 1:1:1
jiangbu award grant --id XX2024-009 --recognition R1 --date 2024-07-01 --document 再次 --weights 1:1:1
jiangbu award pay --award XX2024-001 --unit 91610000MA6TG12349 --amount 5万 --date 2024-07-15 --reference ZF-0001
jiangbu award pay --award XX2024-001 --unit 91610000MA6TG12349 --amount 33333.34 --date 2024-07-16
jiangbu award pay --file fixtures/payments.json
jiangbu award suspend --award XX2024-001 --date 2024-08-01 --document 西咸社函〔2024〕5号 --reason 未按时报告
jiangbu award pay --award XX2024-001 --unit 52611100MJU300021A --date 2024-08-02
jiangbu award reinstate --award XX2024-001 --date 2024-08-20 --document 西咸社函〔2024〕9号 --reason 已报告
jiangbu award revoke --award XX2024-001 --date 2024-12-01 --document 西咸社发〔2024〕61号 --reason 绩效评估不合格
jiangbu award revoke --award XX2024-001 --date 2024-12-02 --document 重复 --reason 重复
jiangbu award show --award XX2024-001
jiangbu award show --award XX2024-001 --format json
jiangbu award list --format csv
jiangbu report trial-balance --as-of 2024-12-31
jiangbu report trial-balance --book 52611100MJU300021A --as-of 2024-12-31
