#include "registry/related_parties.hpp"

#include <array>

#include "access/permission.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "money/money_parse.hpp"
#include "registry/units.hpp"
#include "registry/uscc.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t parties_max = 100'000;
constexpr std::size_t person_name_bytes_max = 120;

struct RelationNames {
  Relation relation;
  std::string_view name;
  std::string_view chinese;
};

constexpr std::array<RelationNames, 4> relation_names = {{
    {Relation::legal_representative, "legal-representative", "法定代表人"},
    {Relation::staff, "staff", "职工"},
    {Relation::shareholder, "shareholder", "股东"},
    {Relation::relative, "relative", "亲属"},
}};

}  // namespace

std::string_view relation_name(Relation relation) {
  for (const auto& names : relation_names) {
    if (names.relation == relation) return names.name;
  }
  return "staff";
}

std::string_view relation_chinese_name(Relation relation) {
  for (const auto& names : relation_names) {
    if (names.relation == relation) return names.chinese;
  }
  return "职工";
}

std::optional<Relation> parse_relation(std::string_view text) {
  for (const auto& names : relation_names) {
    if (text == names.name || text == names.chinese) return names.relation;
  }
  if (text == "员工") return Relation::staff;
  return std::nullopt;
}

Result<RelatedParty> add_related_party(Database& database, const RelatedPartyInput& input) {
  if (auto allowed = authorize(database.principal(), Action::register_parties); !allowed) return allowed.error();
  Transaction transaction(database, {"unit.related-party", "unit", input.unit_id});
  // A code of the wrong shape is not looked up: PostgreSQL refuses invalid
  // UTF-8 and NUL even as a bound value.
  if (!uscc_has_valid_shape(input.unit_id) || !find_unit(database, input.unit_id)) {
    return make_error(ReasonCode::unknown_unit, "no unit is registered under " + quote_input(input.unit_id), "unit");
  }
  // Names are compared as typed, less the blanks clerks leave at either end.
  const std::string person(money_text::trim_ascii_whitespace(input.person_name));
  if (auto valid = validate_text(person, "name", person_name_bytes_max); !valid) {
    return make_error(ReasonCode::bad_related_party, valid.error().message, "name");
  }
  const auto relation = parse_relation(input.relation);
  if (!relation) {
    return make_error(ReasonCode::bad_related_party,
                      quote_input(input.relation) +
                          " is not a relation: use legal-representative, staff, shareholder or relative "
                          "(法定代表人, 职工, 股东, 亲属)",
                      "relation");
  }
  const std::string relation_text(relation_name(*relation));
  int existing = 0;
  database.session() << "SELECT count(*) FROM unit_related_parties WHERE unit_id = :unit AND person_name = :name "
                        "AND relation = :relation",
      soci::use(input.unit_id), soci::use(person), soci::use(relation_text), soci::into(existing);
  if (existing == 0) {
    const std::string now = utc_timestamp_now();
    database.session() << "INSERT INTO unit_related_parties (unit_id, person_name, relation, recorded_at) "
                          "VALUES (:unit, :name, :relation, :at)",
        soci::use(input.unit_id), soci::use(person), soci::use(relation_text), soci::use(now);
  }
  transaction.commit();
  return RelatedParty{input.unit_id, person, *relation};
}

std::vector<RelatedParty> list_related_parties(Database& database, const std::string& unit_id) {
  std::string unit, person, relation;
  const std::string columns = "SELECT unit_id, person_name, relation FROM unit_related_parties ";
  const std::string order = " ORDER BY unit_id, person_name, party_id";
  soci::statement statement =
      unit_id.empty()
          ? (database.session().prepare << columns + order, soci::into(unit), soci::into(person), soci::into(relation))
          : (database.session().prepare << columns + "WHERE unit_id = :unit" + order, soci::use(unit_id),
             soci::into(unit), soci::into(person), soci::into(relation));
  statement.execute();
  std::vector<RelatedParty> parties;
  while (parties.size() < parties_max && statement.fetch()) {
    parties.push_back({unit, person, parse_relation(relation).value_or(Relation::staff)});
  }
  return parties;
}

}  // namespace jiangbu
