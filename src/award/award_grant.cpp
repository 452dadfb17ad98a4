// Granting an award: every refusal the policy implies, the split among lead
// units, and the accrual on the bureau's book, in one transaction.
#include "access/permission.hpp"
#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"
#include "money/money_split.hpp"
#include "policy/policy_store.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t brand_awards_max = 100;

std::string cite(const Citation& citation) { return citation.file + " " + citation.article; }

struct PriorAward {
  std::string award_id;
  Tier tier = Tier::district;
  Money amount;
};

std::vector<PriorAward> prior_awards(Database& database, const std::string& brand_id) {
  std::vector<PriorAward> awards;
  std::string award_id;
  std::string tier;
  long long amount_fen = 0;
  soci::statement statement =
      (database.session().prepare << "SELECT award_id, tier, amount_fen FROM awards WHERE brand_id = :brand",
       soci::use(brand_id), soci::into(award_id), soci::into(tier), soci::into(amount_fen));
  statement.execute();
  while (awards.size() < brand_awards_max && statement.fetch()) {
    awards.push_back({award_id, parse_tier(tier).value_or(Tier::district), Money::from_fen(amount_fen)});
  }
  return awards;
}

// Tiers rank district < municipal < provincial < national.
int tier_rank(Tier tier) {
  switch (tier) {
    case Tier::district: return 0;
    case Tier::municipal: return 1;
    case Tier::provincial: return 2;
    case Tier::national: return 3;
  }
  return 0;
}

// The amount after the policy's rule for a brand moving up a tier.
Result<Money> award_amount(Database& database, const Policy& policy, const Recognition& recognition) {
  const auto& standard = policy.award_by_tier.at(recognition.tier);
  Money amount = standard.value;
  Money already_awarded;
  for (const auto& prior : prior_awards(database, recognition.brand_id)) {
    if (prior.tier == recognition.tier) {
      return make_error(ReasonCode::duplicate_award,
                        "brand " + recognition.brand_id + " already has award " + prior.award_id + " at tier " +
                            std::string(tier_name(prior.tier)),
                        "recognition");
    }
    if (tier_rank(prior.tier) > tier_rank(recognition.tier)) {
      return make_error(ReasonCode::tier_upgrade_forbidden,
                        "brand " + recognition.brand_id + " already has award " + prior.award_id +
                            " at the higher tier " + std::string(tier_name(prior.tier)),
                        "recognition");
    }
    already_awarded += prior.amount;
  }
  if (!already_awarded.is_zero()) {
    switch (policy.tier_upgrade.value) {
      case TierUpgrade::forbidden:
        return make_error(ReasonCode::tier_upgrade_forbidden,
                          "brand " + recognition.brand_id + " was awarded at a lower tier and " + policy.policy_id +
                              " pays no second award (" + cite(policy.tier_upgrade.source) + ")",
                          "recognition");
      case TierUpgrade::difference:
        amount = standard.value - already_awarded;
        if (!amount.is_positive()) {
          return make_error(ReasonCode::tier_upgrade_forbidden,
                            "the brand already received " + format_yuan(already_awarded) +
                                ", no difference is left to pay",
                            "recognition");
        }
        break;
      case TierUpgrade::full: break;
    }
  }
  // The cap limits what one brand receives in all (002 西咸 二(五)1: 奖补上限30万元).
  if (policy.award_cap && already_awarded + amount > policy.award_cap->value) {
    return make_error(ReasonCode::award_over_cap,
                      "the brand would receive " + format_yuan(already_awarded + amount) + " in all, over the cap " +
                          format_yuan(policy.award_cap->value) + " (" + cite(policy.award_cap->source) + ")",
                      "recognition");
  }
  return amount;
}

// A lead unit whose award was revoked may not receive another within the
// ban (002 西咸 二(六), 003 乌鲁木齐: 5 years).
Status check_reapplication_ban(Database& database, const std::string& unit_id, const Date& effective_on) {
  std::string revoked_award;
  std::string revoked_on;
  std::string policy_id;
  soci::statement statement =
      (database.session().prepare << "SELECT e.award_id, e.effective_on, a.policy_id FROM award_events e "
                                     "JOIN awards a ON a.award_id = e.award_id "
                                     "JOIN award_shares s ON s.award_id = e.award_id "
                                     "WHERE e.kind = 'revoke' AND s.unit_id = :unit",
       soci::use(unit_id), soci::into(revoked_award), soci::into(revoked_on), soci::into(policy_id));
  statement.execute();
  for (std::size_t rows = 0; rows < brand_awards_max && statement.fetch(); ++rows) {
    auto policy = stored_policy(database, policy_id);
    if (!policy || !policy.value().revocation_ban_years) continue;
    const Date revoked = Date::parse(revoked_on).value();
    const int years = policy.value().revocation_ban_years->value;
    const Date ban_ends = revoked.plus_years(years);
    if (effective_on < ban_ends) {
      return make_error(ReasonCode::reapplication_banned,
                        "unit " + unit_id + " lost award " + revoked_award + " on " + revoked_on +
                            " and may not receive another before " + ban_ends.to_string() + " (" +
                            cite(policy.value().revocation_ban_years->source) + ")",
                        "recognition");
    }
  }
  return success();
}

Result<std::vector<AwardShare>> split_shares(const GrantInput& input, const Recognition& recognition,
                                             const Money& amount) {
  const std::size_t leads = recognition.unit_ids.size();
  std::vector<Money> parts;
  if (!input.weights.empty() && !input.fixed_parts.empty()) {
    return make_error(ReasonCode::bad_split, "give weights or fixed parts, not both", "weights");
  }
  if (!input.weights.empty()) {
    if (input.weights.size() != leads) {
      return make_error(ReasonCode::bad_split, std::to_string(input.weights.size()) + " weights for " +
                                                   std::to_string(leads) + " lead units", "weights");
    }
    std::vector<Weight> weights;
    for (const auto& text : input.weights) {
      auto weight = parse_weight(text);
      if (!weight) return Error(weight.error().code, weight.error().message, "weights");
      weights.push_back(weight.value());
    }
    auto split = split_by_weights(amount, weights);
    if (!split) return Error(split.error().code, split.error().message, "weights");
    parts = split.value();
  } else if (!input.fixed_parts.empty()) {
    if (input.fixed_parts.size() != leads) {
      return make_error(ReasonCode::bad_split, std::to_string(input.fixed_parts.size()) + " parts for " +
                                                   std::to_string(leads) + " lead units", "shares");
    }
    std::vector<Money> fixed;
    for (const auto& text : input.fixed_parts) {
      auto part = parse_money(text);
      if (!part) return Error(part.error().code, part.error().message, "shares");
      fixed.push_back(part.value());
    }
    auto split = split_by_fixed_parts(amount, fixed);
    if (!split) return Error(split.error().code, split.error().message, "shares");
    parts = split.value();
  } else if (leads == 1) {
    parts = {amount};
  } else {
    return make_error(ReasonCode::bad_split,
                      std::to_string(leads) + " lead units share one award: give --weights (by contribution) "
                                              "or --shares",
                      "weights");
  }
  std::vector<AwardShare> shares;
  for (std::size_t index = 0; index < leads; ++index) {
    if (!parts[index].is_positive()) {
      return make_error(ReasonCode::bad_split, "lead unit " + recognition.unit_ids[index] + " would get " +
                                                   format_yuan(parts[index]) + "; every lead unit needs a positive share",
                        "weights");
    }
    std::optional<std::string> weight;
    if (!input.weights.empty()) weight = input.weights[index];
    shares.push_back({recognition.unit_ids[index], parts[index], weight});
  }
  return shares;
}

Result<std::int64_t> book_accrual(Database& database, const Award& award, const std::string& brand_name) {
  const std::string expense = bureau_expense_account(award.award_id);
  if (auto opened = open_sub_account(database, std::string(bureau_book_id), expense, "劳务品牌奖补 " + award.award_id);
      !opened) {
    return opened.error();
  }
  EntryInput entry{std::string(bureau_book_id), award.effective_on,
                   "计提劳务品牌奖补 " + award.award_id + " " + brand_name + " " +
                       std::string(tier_chinese_name(award.tier)),
                   "award:" + award.award_id,
                   {{expense, Side::debit, award.amount}}};
  for (const auto& share : award.shares) {
    const std::string payable = bureau_payable_account(award.award_id, share.unit_id);
    const auto unit = find_unit(database, share.unit_id);
    auto opened = open_sub_account(database, std::string(bureau_book_id), payable,
                                   "应付 " + (unit ? unit->name : share.unit_id));
    if (!opened) return opened.error();
    entry.postings.push_back({payable, Side::credit, share.share});
  }
  Journal& journal = Journal::of_connection(database);
  auto posted = journal.append(entry);
  if (!posted) return posted.error();
  return posted.value().entry_id;
}

void insert_award(Database& database, const Award& award) {
  const std::string tier(tier_name(award.tier));
  const long long amount_fen = award.amount.fen_int64();
  const std::string effective_on = award.effective_on.to_string();
  const long long entry_id = award.accrual_entry_id;
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO awards (award_id, recognition_id, brand_id, tier, policy_id, amount_fen, "
                        "effective_on, document_number, accrual_entry_id, granted_at) VALUES (:id, :recognition, "
                        ":brand, :tier, :policy, :amount, :effective, :document, :entry, :now)",
      soci::use(award.award_id), soci::use(award.recognition_id), soci::use(award.brand_id), soci::use(tier),
      soci::use(award.policy_id), soci::use(amount_fen), soci::use(effective_on),
      soci::use(award.document_number), soci::use(entry_id), soci::use(now);
  for (const auto& share : award.shares) {
    const long long share_fen = share.share.fen_int64();
    soci::indicator weight_indicator = share.weight ? soci::i_ok : soci::i_null;
    const std::string weight = share.weight.value_or("");
    database.session() << "INSERT INTO award_shares (award_id, unit_id, share_fen, weight) "
                          "VALUES (:award, :unit, :share, :weight)",
        soci::use(award.award_id), soci::use(share.unit_id), soci::use(share_fen),
        soci::use(weight, weight_indicator);
  }
}

Status check_grant_input(const GrantInput& input) {
  if (auto valid = validate_identifier(input.award_id, "award"); !valid) return valid;
  if (auto valid = validate_identifier(input.recognition_id, "recognition"); !valid) return valid;
  return validate_text(input.document_number, "document", 100);
}

}  // namespace

Result<Award> grant_award(Database& database, const GrantInput& input) {
  if (auto valid = check_grant_input(input); !valid) return valid.error();
  if (auto allowed = authorize(database.principal(), Action::grant_award); !allowed) return allowed.error();
  Transaction transaction(database, {"award.grant", "award", input.award_id});
  if (find_award(database, input.award_id)) {
    return make_error(ReasonCode::duplicate_award, "award " + input.award_id + " already exists", "award");
  }
  const auto recognition = find_recognition(database, input.recognition_id);
  if (!recognition) {
    return make_error(ReasonCode::unknown_recognition, "no recognition '" + input.recognition_id + "'", "recognition");
  }
  auto policy = stored_policy(database, recognition->policy_id);
  if (!policy) return policy.error();
  if (!policy.value().pays(recognition->tier)) {
    return make_error(ReasonCode::tier_not_paid,
                      policy.value().policy_id + " pays no award at tier " +
                          std::string(tier_name(recognition->tier)) + " (" +
                          std::string(tier_chinese_name(recognition->tier)) + ")",
                      "recognition");
  }
  if (recognition->unit_ids.size() > static_cast<std::size_t>(policy.value().lead_units_max.value)) {
    return make_error(ReasonCode::too_many_leads,
                      std::to_string(recognition->unit_ids.size()) + " lead units; " + policy.value().policy_id +
                          " allows at most " + std::to_string(policy.value().lead_units_max.value) + " (" +
                          cite(policy.value().lead_units_max.source) + ")",
                      "recognition");
  }
  if (input.effective_on < recognition->recognized_on) {
    return make_error(ReasonCode::bad_date, "the award cannot take effect before the recognition of " +
                                                recognition->recognized_on.to_string(), "date");
  }
  auto amount = award_amount(database, policy.value(), *recognition);
  if (!amount) return amount.error();
  for (const auto& unit_id : recognition->unit_ids) {
    if (auto allowed = check_reapplication_ban(database, unit_id, input.effective_on); !allowed) {
      return allowed.error();
    }
  }
  auto shares = split_shares(input, *recognition, amount.value());
  if (!shares) return shares.error();
  Award award{input.award_id, recognition->recognition_id, recognition->brand_id, recognition->tier,
              recognition->policy_id, amount.value(), input.effective_on, input.document_number, 0,
              shares.value()};
  const auto brand = find_brand(database, award.brand_id);
  auto entry_id = book_accrual(database, award, brand ? brand->name : award.brand_id);
  if (!entry_id) return entry_id.error();
  award.accrual_entry_id = entry_id.value();
  insert_award(database, award);
  transaction.commit();
  return award;
}

}  // namespace jiangbu
