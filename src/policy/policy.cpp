#include "policy/policy.hpp"

#include <array>

namespace jiangbu {

namespace {

struct TierNames {
  Tier tier;
  std::string_view name;
  std::string_view chinese_name;
};

constexpr std::array tier_names{
    TierNames{Tier::national, "national", "国家级"},
    TierNames{Tier::provincial, "provincial", "省级"},
    TierNames{Tier::municipal, "municipal", "市级"},
    TierNames{Tier::district, "district", "区(县)级"},
};

// What the documents call the district tier: 区(县)级 (乌鲁木齐 四, with
// full-width brackets in the original), 新区级 (西咸 二(五)1), 区级 (綦江
// 第二条), 县级. All of them are the level below the city.
constexpr std::array<std::string_view, 6> district_aliases{"区（县）级", "区级", "县级", "新区级",
                                                           "县(市)区级", "区县级"};

constexpr std::array tier_upgrade_names{
    std::pair{TierUpgrade::full, std::string_view("full")},
    std::pair{TierUpgrade::difference, std::string_view("difference")},
    std::pair{TierUpgrade::forbidden, std::string_view("forbidden")},
};

std::string flag_text(bool value) { return value ? "true" : "false"; }

std::string schedule_text(const Schedule& schedule) {
  std::string text = schedule.description;
  std::string timing;
  const auto add = [&timing](const std::string& part) {
    timing += timing.empty() ? part : ", " + part;
  };
  if (schedule.first_after_years) add("first in year " + std::to_string(*schedule.first_after_years));
  if (schedule.every_years) {
    add(*schedule.every_years == 1 ? std::string("every year")
                                   : "every " + std::to_string(*schedule.every_years) + " years");
  }
  if (schedule.annual_deadline) add("by " + *schedule.annual_deadline);
  if (!timing.empty()) text += " [" + timing + "]";
  return text;
}

}  // namespace

std::string_view tier_name(Tier tier) {
  for (const auto& names : tier_names) {
    if (names.tier == tier) return names.name;
  }
  return "district";
}

std::string_view tier_chinese_name(Tier tier) {
  for (const auto& names : tier_names) {
    if (names.tier == tier) return names.chinese_name;
  }
  return "区(县)级";
}

std::optional<Tier> parse_tier(std::string_view text) {
  for (const auto& names : tier_names) {
    if (text == names.name || text == names.chinese_name) return names.tier;
  }
  for (const auto alias : district_aliases) {
    if (text == alias) return Tier::district;
  }
  return std::nullopt;
}

std::string_view tier_upgrade_name(TierUpgrade upgrade) {
  for (const auto& [value, name] : tier_upgrade_names) {
    if (value == upgrade) return name;
  }
  return "full";
}

std::optional<TierUpgrade> parse_tier_upgrade(std::string_view text) {
  for (const auto& [value, name] : tier_upgrade_names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

const AllowedCategory* Policy::find_allowed(std::string_view code_or_name) const {
  if (code_or_name.empty()) return nullptr;
  for (const auto& category : allowed_categories) {
    if (category.code == code_or_name || category.name == code_or_name) return &category;
  }
  return nullptr;
}

const BannedCategory* Policy::find_banned(std::string_view code_or_name) const {
  if (code_or_name.empty()) return nullptr;
  for (const auto& category : banned_categories) {
    if (category.code == code_or_name || category.name == code_or_name) return &category;
  }
  return nullptr;
}

const AbsentField* Policy::find_absent(std::string_view key) const {
  for (const auto& field : absent_fields) {
    if (field.key == key) return &field;
  }
  return nullptr;
}

std::vector<PolicyField> describe_fields(const Policy& policy) {
  std::vector<PolicyField> fields;
  // A field that has no value is shown where it would be, with the citation
  // that says why, so `policy show` lists every field of the file.
  const auto absent_or = [&](const std::string& key) {
    if (const AbsentField* absent = policy.find_absent(key)) {
      fields.push_back({key, "", absent->source});
    }
  };
  fields.push_back({"document.title", policy.title, policy.title_source});
  fields.push_back({"document.issuer", policy.issuer, policy.issuer_source});
  fields.push_back({"document.issued_on", policy.issued_on, policy.issued_on_source});
  fields.push_back({"document.draft", flag_text(policy.draft), policy.draft_source});
  fields.push_back({"fund_source", policy.fund_source, policy.fund_source_citation});
  for (const auto& names : tier_names) {
    const std::string key = "award." + std::string(names.name);
    const auto found = policy.award_by_tier.find(names.tier);
    if (found != policy.award_by_tier.end()) {
      fields.push_back({key, found->second.value.to_plain_string(), found->second.source});
    } else {
      absent_or(key);
    }
  }
  if (policy.award_cap) {
    fields.push_back({"award.cap", policy.award_cap->value.to_plain_string(), policy.award_cap->source});
  } else {
    absent_or("award.cap");
  }
  fields.push_back({"award.tier_upgrade", std::string(tier_upgrade_name(policy.tier_upgrade.value)),
                    policy.tier_upgrade.source});
  absent_or("allowed");
  for (const auto& category : policy.allowed_categories) {
    fields.push_back({"allowed." + category.code,
                      category.name + " [enterprise " + category.enterprise_account + ", non-profit " +
                          category.non_profit_account + "]",
                      category.source});
  }
  absent_or("banned");
  for (const auto& category : policy.banned_categories) {
    fields.push_back({"banned." + category.code, category.name + " [" + category.group + "]",
                      category.source});
  }
  fields.push_back({"rules.cash_banned", flag_text(policy.cash_banned.value), policy.cash_banned.source});
  fields.push_back({"rules.retroactive_banned", flag_text(policy.retroactive_banned.value),
                    policy.retroactive_banned.source});
  fields.push_back({"rules.plan_required", flag_text(policy.plan_required.value), policy.plan_required.source});
  fields.push_back({"leads.max", std::to_string(policy.lead_units_max.value), policy.lead_units_max.source});
  fields.push_back({"leads.one_unit_standard", flag_text(policy.one_unit_standard.value),
                    policy.one_unit_standard.source});
  fields.push_back({"leads.split_by_contribution", flag_text(policy.split_by_contribution.value),
                    policy.split_by_contribution.source});
  const auto schedule_or = [&](const std::string& key, const std::optional<Schedule>& schedule) {
    if (schedule) {
      fields.push_back({key, schedule_text(*schedule), schedule->source});
    } else {
      absent_or(key);
    }
  };
  schedule_or("reporting", policy.reporting);
  schedule_or("review", policy.review);
  const auto count_or = [&](const std::string& key, const std::optional<Cited<int>>& count) {
    if (count) {
      fields.push_back({key, std::to_string(count->value), count->source});
    } else {
      absent_or(key);
    }
  };
  count_or("revocation.ban_years", policy.revocation_ban_years);
  count_or("revocation.failed_reviews", policy.failed_reviews_to_revoke);
  count_or("rectification.months", policy.rectification_months);
  count_or("rectification.suspension_months", policy.suspension_months);
  return fields;
}

}  // namespace jiangbu
