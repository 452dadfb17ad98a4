// Reading awards back: one award with its shares, all awards, share balances.
#include "award/award.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t awards_listed_max = 100'000;
constexpr std::size_t shares_per_award_max = 20;

struct AwardRow {
  Award award;
  std::string tier;
  long long amount_fen = 0;
  std::string effective_on;
  long long accrual_entry_id = 0;

  Award finish() {
    award.tier = parse_tier(tier).value_or(Tier::district);
    award.amount = Money::from_fen(amount_fen);
    award.effective_on = Date::parse(effective_on).value();
    award.accrual_entry_id = accrual_entry_id;
    award.shares.clear();
    return award;
  }
};

constexpr const char* award_select =
    "SELECT award_id, recognition_id, brand_id, tier, policy_id, amount_fen, effective_on, document_number, "
    "accrual_entry_id FROM awards ";

template <typename Statement>
void bind_award_row(Statement& statement, AwardRow& row) {
  statement, soci::into(row.award.award_id), soci::into(row.award.recognition_id), soci::into(row.award.brand_id),
      soci::into(row.tier), soci::into(row.award.policy_id), soci::into(row.amount_fen),
      soci::into(row.effective_on), soci::into(row.award.document_number), soci::into(row.accrual_entry_id);
}

void load_shares(Database& database, Award& award) {
  std::string unit_id;
  long long share_fen = 0;
  std::string weight;
  soci::indicator weight_indicator = soci::i_null;
  soci::statement statement =
      (database.session().prepare << "SELECT s.unit_id, s.share_fen, s.weight FROM award_shares s "
                                     "JOIN recognition_units r ON r.unit_id = s.unit_id "
                                     "AND r.recognition_id = :recognition WHERE s.award_id = :award "
                                     "ORDER BY r.position",
       soci::use(award.recognition_id), soci::use(award.award_id), soci::into(unit_id), soci::into(share_fen),
       soci::into(weight, weight_indicator));
  statement.execute();
  while (award.shares.size() < shares_per_award_max && statement.fetch()) {
    std::optional<std::string> weight_value;
    if (weight_indicator == soci::i_ok) weight_value = weight;
    award.shares.push_back({unit_id, Money::from_fen(share_fen), weight_value});
  }
}

}  // namespace

std::optional<Award> find_award(Database& database, const std::string& award_id) {
  AwardRow row;
  auto query = (database.session().prepare << std::string(award_select) + "WHERE award_id = :id", soci::use(award_id));
  bind_award_row(query, row);
  soci::statement statement(query);
  if (!statement.execute(true)) return std::nullopt;
  Award award = row.finish();
  load_shares(database, award);
  return award;
}

std::vector<Award> list_awards(Database& database) {
  AwardRow row;
  auto query = (database.session().prepare << std::string(award_select) + "ORDER BY effective_on, award_id");
  bind_award_row(query, row);
  soci::statement statement(query);
  statement.execute();
  std::vector<Award> awards;
  while (awards.size() < awards_listed_max && statement.fetch()) awards.push_back(row.finish());
  for (auto& award : awards) load_shares(database, award);
  return awards;
}

std::vector<ShareBalance> share_balances(Database& database, const std::string& award_id) {
  std::vector<ShareBalance> balances;
  const auto award = find_award(database, award_id);
  if (!award) return balances;
  for (const auto& share : award->shares) {
    balances.push_back({share.unit_id, share.share, paid_to_unit(database, award_id, share.unit_id)});
  }
  return balances;
}

Money paid_to_unit(Database& database, const std::string& award_id, const std::string& unit_id) {
  std::string paid_text;
  database.session() << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS TEXT) FROM award_payments "
                        "WHERE award_id = :award AND unit_id = :unit",
      soci::use(award_id), soci::use(unit_id), soci::into(paid_text);
  return money_from_fen_text(paid_text);
}

}  // namespace jiangbu
