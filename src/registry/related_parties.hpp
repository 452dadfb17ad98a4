#pragma once
// People a unit declares as related to it — its 法定代表人, staff,
// shareholders, their relatives — so the auditor analytics can flag payments
// to them (关联交易, ../shared/DOMAIN.md "What auditors look for"). Personal
// names: they appear in audit reports, never in logs.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class Relation { legal_representative, staff, shareholder, relative };

std::string_view relation_name(Relation relation);          // "legal-representative", …
std::string_view relation_chinese_name(Relation relation);  // "法定代表人", "职工", "股东", "亲属"
std::optional<Relation> parse_relation(std::string_view text);  // either name

struct RelatedParty {
  std::string unit_id;
  std::string person_name;
  Relation relation = Relation::staff;
};

struct RelatedPartyInput {
  std::string unit_id;
  std::string person_name;
  std::string relation;
};

// Registers the person; registering the same person and relation again is a
// no-op that returns the stored row.
Result<RelatedParty> add_related_party(Database& database, const RelatedPartyInput& input);
// Everyone registered, by unit then name; one unit only when unit_id is set.
std::vector<RelatedParty> list_related_parties(Database& database, const std::string& unit_id);

}  // namespace jiangbu
