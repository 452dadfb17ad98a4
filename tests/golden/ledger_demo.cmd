# The main job's scenario, then the read commands over its ledger.
jiangbu demo run
jiangbu demo run
jiangbu book list
jiangbu award list
jiangbu account list --book 91500222MA5U7A0B23
jiangbu entry list --book 91500222MA5U7A0B23
jiangbu entry show --book 91500222MA5U7A0B23 --voucher 记-2024-000005 --format json
jiangbu entry show --book bureau --voucher 记-2024-000003
jiangbu report trial-balance --book bureau --from 2024-07-01 --as-of 2024-09-30
jiangbu report trial-balance --book 52500222MJP5X1234X --as-of 2024-12-31 --format csv
jiangbu report trial-balance --book 91611100MA6TX0B25D --as-of 2024-12-31 --format json
jiangbu account balance --book bureau --code 2303 --as-of 2024-08-31
jiangbu account balance --book bureau --code 2303 --as-of 2024-12-31
jiangbu account balance --book 91500222MA5U7A0B23 --code 1002 --format csv
