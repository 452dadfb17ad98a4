#pragma once
// 资金使用管理计划: the planned amount per allowed category that a unit files
// for an award before spending (003 乌鲁木齐 四). Revisions are kept; the plan
// in force on a date is the latest revision filed on or before it.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct PlanLine {
  std::string category;  // the policy's category code
  Money amount;
};

struct FundUsePlan {
  std::int64_t plan_id = 0;
  std::string award_id;
  std::string unit_id;
  int revision = 0;
  Date filed_on = Date::from_parts(2000, 1, 1);
  std::string document;
  std::vector<PlanLine> lines;
  [[nodiscard]] std::optional<Money> planned(const std::string& category) const;
};

struct PlanInput {
  std::string award_id;
  std::string unit_id;
  Date filed_on = Date::from_parts(2000, 1, 1);
  std::string document;
  std::vector<std::pair<std::string, std::string>> lines;  // category (code or name), amount text
};

// Refuses categories the award's policy does not allow, bad amounts, and a
// total above the unit's share.
Result<FundUsePlan> file_plan(Database& database, const PlanInput& input);
std::optional<FundUsePlan> plan_in_force(Database& database, const std::string& award_id,
                                         const std::string& unit_id, const Date& day);
std::vector<FundUsePlan> plan_revisions(Database& database, const std::string& award_id,
                                        const std::string& unit_id);

}  // namespace jiangbu
