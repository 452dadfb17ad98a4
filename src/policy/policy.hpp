#pragma once
// A subsidy policy as data: one per jurisdiction document, loaded from
// accounts/policies/<policy_id>.toml. Every value carries the source file and
// article it comes from, so a clerk reviewing the file (and an auditor
// reading a finding) can check it against the document.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "money/money.hpp"

namespace jiangbu {

enum class Tier { national, provincial, municipal, district };
std::string_view tier_name(Tier tier);          // "national", …
std::string_view tier_chinese_name(Tier tier);  // "国家级", "省级", "市级", "区(县)级"
std::optional<Tier> parse_tier(std::string_view text);  // English or Chinese name

// What a brand moving up a tier receives (issue 3): the full award of the new
// tier, the difference over what it already received, or nothing.
enum class TierUpgrade { full, difference, forbidden };
std::string_view tier_upgrade_name(TierUpgrade upgrade);
std::optional<TierUpgrade> parse_tier_upgrade(std::string_view text);  // "full", …

struct Citation {
  std::string file;     // "002_318121ba9f7bd672.txt" in ../shared/policy-sources/
  std::string article;  // "二(五)1" — as the document numbers it
  // The document does not state this field: the value is the program's
  // documented default (or there is none), and the note says why.
  bool silent = false;
  std::string note{};   // the clerk's explanation; required when silent
};

template <typename T>
struct Cited {
  T value{};
  Citation source;
};

struct AllowedCategory {
  std::string code;                // stable, kebab-case: "promotion"
  std::string name;                // as in the document: "宣传推介"
  std::string enterprise_account;  // unit-book expense account, enterprise chart: "6601"
  std::string non_profit_account;  // the same for a non-profit unit: "5101"
  Citation source;
};

// A field the policy file gives no value, with where the document was read
// and why: a tier the policy does not pay, or something the document is
// silent on (no cap, no reporting duty…). Keys are the policy file's keys:
// "award.national", "award.cap", "allowed", "banned", "reporting", "review",
// "revocation.ban_years", "revocation.failed_reviews", "rectification.months",
// "rectification.suspension_months".
struct AbsentField {
  std::string key;
  Citation source;
};

struct BannedCategory {
  std::string code;   // "official-reception", "official-vehicles", "overseas-travel",
                      // "staff-allowances", "general-expenditure"
  std::string name;   // "公务接待费" …
  std::string group;  // "三公经费", "人员津补贴", "一般性支出"
  Citation source;
};

struct Schedule {
  std::string description;          // as the document words it
  std::optional<int> first_after_years;  // review starts in year N after recognition
  std::optional<int> every_years;        // cycle length
  std::optional<std::string> annual_deadline;  // "10-31" for "每年10月底前"
  Citation source;
};

struct Policy {
  std::string policy_id;    // "xixian-2024"
  std::string title;        // 《西咸新区劳务品牌培育工程实施方案》
  std::string issuer;
  std::string issued_on;    // "2024-04-19"
  std::string source_file;  // "002_318121ba9f7bd672.txt"
  bool draft = false;       // 征求意见稿
  // Where the title, issuer, date and draft status are read (标题, 通知落款);
  // a draft without issuer or date has them empty and its citation silent.
  Citation title_source;
  Citation issuer_source;
  Citation issued_on_source;
  Citation draft_source;
  std::string fund_source;  // "就业补助资金"
  Citation fund_source_citation;

  std::map<Tier, Cited<Money>> award_by_tier;  // only the tiers this policy pays
  std::optional<Cited<Money>> award_cap;

  std::vector<AllowedCategory> allowed_categories;
  std::vector<BannedCategory> banned_categories;
  Cited<bool> cash_banned;
  Cited<bool> retroactive_banned;

  Cited<int> lead_units_max;            // 3 under 西咸
  Cited<bool> one_unit_standard;        // several leads still get one unit's amount
  Cited<bool> split_by_contribution;    // the bureau sets shares by contribution
  Cited<TierUpgrade> tier_upgrade;

  Cited<bool> plan_required;            // 资金使用管理计划 filed before spending
  std::optional<Schedule> reporting;
  std::optional<Schedule> review;
  std::optional<Cited<int>> revocation_ban_years;  // re-application barred after revocation
  std::optional<Cited<int>> rectification_months;   // 整改期限 for misuse
  std::optional<Cited<int>> failed_reviews_to_revoke;  // 乌鲁木齐: 2 consecutive failures
  std::optional<Cited<int>> suspension_months;        // 营口 第十九条: 12

  std::vector<AbsentField> absent_fields;

  [[nodiscard]] bool pays(Tier tier) const { return award_by_tier.contains(tier); }
  [[nodiscard]] const AllowedCategory* find_allowed(std::string_view code_or_name) const;
  [[nodiscard]] const BannedCategory* find_banned(std::string_view code_or_name) const;
  [[nodiscard]] const AbsentField* find_absent(std::string_view key) const;
};

// Every field of a policy as a row, in the policy file's order, each with its
// citation: what `jiangbu policy show` prints and what the citation tests walk.
// Absent fields are rows with an empty value.
struct PolicyField {
  std::string key;    // "award.provincial", "allowed.promotion", "review"
  std::string value;  // "250000.00", "true", "宣传推介 (6601 / 5101)", "" when absent
  Citation source;
};
std::vector<PolicyField> describe_fields(const Policy& policy);

}  // namespace jiangbu
