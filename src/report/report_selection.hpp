#pragma once
// What a report covers: a policy (or all), a period, a set of awards (or
// all under the policy) and optionally one unit. Resolved once against the
// database so that every part of a report reads the same awards.
#include <optional>
#include <string>
#include <vector>

#include "award/award.hpp"
#include "core/date.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ReportSelection {
  std::string policy_id;               // empty: every policy
  std::optional<Date> from;            // empty: since the beginning
  Date to = Date::from_parts(2000, 1, 1);
  std::vector<std::string> award_ids;  // empty: every award under the policy
  std::string unit_id;                 // empty: every unit on the awards
};

// The awards a selection covers, in award id order. Refuses unknown awards
// or policies, awards under another policy, a unit on none of the awards,
// and a period that ends before it starts.
Result<std::vector<Award>> selected_awards(Database& database, const ReportSelection& selection);

// "2024-01-01 至 2024-12-31", "起始 至 2024-12-31"
std::string period_text(const ReportSelection& selection);

}  // namespace jiangbu
