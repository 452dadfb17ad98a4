# The auditor analytics over the main job's scenario, which plants one of each
# pattern among a year of ordinary spending; the people a unit registers as
# related to it; parameter files, good and bad.
jiangbu demo run --reports demo-reports > /dev/null
jiangbu unit related add --uscc 91610000MA6TG12349 --name 王芳 --relation 职工
jiangbu unit related add --uscc 91610000MA6TG12349 --name 王芳 --relation staff
jiangbu unit related list
jiangbu unit related add --uscc 91610000MA6TG12349 --name 张三 --relation boss
jiangbu unit related add --uscc 91610000MA6TG1234X --name 张三 --relation staff
jiangbu report analytics --policy xixian-2024 --from 2024-01-01 --as-of 2024-12-31
jiangbu report analytics --policy qijiang-2023 --from 2024-01-01 --as-of 2024-12-31 --format csv
jiangbu report analytics --policy urumqi-2024 --from 2024-01-01 --as-of 2024-12-31 --format json
jiangbu report analytics --policy urumqi-2024 --from 2024-01-01 --as-of 2024-12-31 --analytics-config fixtures/analytics-strict.toml
jiangbu report analytics --policy urumqi-2024 --as-of 2024-12-31 --analytics-config fixtures/analytics-bad.toml
jiangbu report analytics --policy urumqi-2024 --as-of 2024-12-31 --analytics-config fixtures/no-such-file.toml
jiangbu report audit --policy qijiang-2023 --from 2024-01-01 --as-of 2024-12-31
