# Policies as data (accounts/policies/*.toml): list, every field of each with
# its citation, and `policy check` of good and bad files (tests/golden/fixtures/).
# None of these commands needs the database.
jiangbu policy list
jiangbu policy list --format csv
jiangbu policy show --id xixian-2024
jiangbu policy show --id qijiang-2023 --format csv
jiangbu policy show --id urumqi-2024 --format json
jiangbu policy show --id yingkou-2023
jiangbu policy show --id nanjing-2024
jiangbu policy check fixtures/policy-good/county-sample-2023.toml
jiangbu policy list --dir fixtures/policy-good
jiangbu policy check fixtures/policy-bad/amount-as-number-2023.toml
jiangbu policy check fixtures/policy-bad/typo-2023.toml
jiangbu policy check fixtures/policy-bad/cap-below-tier-2023.toml
jiangbu policy check fixtures/policy-bad/missing-source-2023.toml
jiangbu policy check fixtures/policy-bad/allowed-and-banned-2023.toml
jiangbu policy check fixtures/policy-bad/account-not-in-chart-2023.toml
jiangbu policy check fixtures/policy-bad/renamed-2023.toml
jiangbu policy check fixtures/policy-good/county-sample-2023.toml fixtures/policy-bad/typo-2023.toml fixtures/no-such-file-2023.toml
jiangbu policy list --dir fixtures/policy-bad
jiangbu policy check
