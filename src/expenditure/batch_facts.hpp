#pragma once
// The facts an import batch is judged against, loaded for the whole batch at
// once inside its transaction and kept current in memory as its rows are
// accepted (a row sees the spending and invoice claims of the rows before
// it, exactly as when they are recorded one by one).
//
// Fresh on every batch: on PostgreSQL the shares of the batch's awards are
// locked (in key order) and their state reloaded, so no concurrent writer
// can change it until the batch commits. On SQLite the batch's BEGIN
// IMMEDIATE already excludes other writers, and PRAGMA data_version tells
// whether any other connection committed since the last batch; only then is
// the state reloaded. After a rollback everything is forgotten.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <tuple>
#include <vector>

#include "expenditure/expenditure.hpp"
#include "expenditure/judgement_facts.hpp"

namespace jiangbu {

class BatchFacts final : public JudgementFacts {
 public:
  explicit BatchFacts(Database& database) : database_(database) {}

  // Call inside the batch's transaction, before judging its rows.
  void prepare(const std::vector<ExpenditureInput>& inputs);
  // A row was accepted: its amount and invoice count for the rows after it.
  void note_accepted(const std::string& award_id, const std::string& unit_id, const std::string& category,
                     const Money& amount, const std::string& invoice_key, const std::string& external_id);
  // The batch was rolled back: nothing loaded or noted can be trusted.
  void forget();

  const Unit* unit(const std::string& unit_id) override;
  const Award* award(const std::string& award_id) override;
  const Policy* policy(const std::string& policy_id) override;
  bool category_known(const std::string& category) override;
  std::optional<std::string> invoice_claimed_by(const std::string& invoice_key) override;
  AwardStatus award_status_on(const std::string& award_id, const Date& day) override;
  Money unspent(const std::string& award_id, const std::string& unit_id) override;
  Money spent(const std::string& award_id, const std::string& unit_id, const std::string& category) override;
  const FundUsePlan* plan_in_force(const std::string& award_id, const std::string& unit_id, const Date& day) override;

 private:
  using ShareKey = std::pair<std::string, std::string>;  // award, unit
  struct AwardState {
    std::vector<std::pair<AwardEventKind, Date>> events;  // in date order
    std::map<std::string, Money> paid;                    // by unit
    std::map<std::string, Money> clawed_back;             // by unit
    std::map<std::pair<std::string, std::string>, Money> spent;  // by unit and category
    std::map<std::string, std::vector<FundUsePlan>> plans;       // by unit, by revision
  };

  bool other_writer_committed();
  void load_awards(const std::vector<std::string>& award_ids);
  void load_events(const std::string& ids);
  void load_sums(const std::string& ids);
  void load_spending(const std::string& ids);
  void load_plans(const std::string& ids);
  void load_invoice_claims(const std::vector<ExpenditureInput>& inputs);
  AwardState& state_of(const std::string& award_id);

  Database& database_;
  long long data_version_ = -1;
  std::map<std::string, std::optional<Unit>> units_;
  std::map<std::string, std::optional<Award>> awards_;
  std::map<std::string, std::optional<Policy>> policies_;
  std::map<std::string, bool> categories_known_;
  std::map<std::string, AwardState> states_;
  // Hashed: asked for every row (ordered trees of long invoice keys stood out in an import's profile).
  std::unordered_map<std::string, std::string> invoice_claims_;  // key -> claimant_name: known claims of this batch's keys
  std::unordered_set<std::string> invoice_keys_looked_up_;
};

}  // namespace jiangbu
