# The main job's scenario, then the read commands over its ledger.
jiangbu demo run
jiangbu book list
jiangbu account list --book qijiang-laowu
jiangbu entry list --book qijiang-laowu
jiangbu entry show --id 10 --format json
jiangbu entry show --book bureau --voucher 记-2024-000003
jiangbu report trial-balance --book bureau --from 2024-03-01 --as-of 2024-03-31
jiangbu report trial-balance --book qijiang-jiazheng --as-of 2024-12-31 --format csv
jiangbu report trial-balance --book qijiang-laowu --as-of 2024-12-31 --format json
jiangbu account balance --book bureau --code 2303 --as-of 2024-03-10
jiangbu account balance --book bureau --code 2303 --as-of 2024-03-31
jiangbu account balance --book qijiang-laowu --code 1002 --format csv
