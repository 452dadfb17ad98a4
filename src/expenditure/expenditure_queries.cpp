// Reversing an accepted expenditure, and reading expenditures and the
// exception register back.
#include "access/permission.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "expenditure/expenditure.hpp"
#include "ledger/journal.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr const char* expenditure_select =
    "SELECT e.expenditure_id, e.external_id, e.award_id, e.unit_id, e.spent_on, e.amount_fen, e.category, "
    "e.payment_method, e.payee_name, e.payee_uscc, e.invoice_key, e.description, e.entry_id, "
    "e.resubmits_exception_id, (SELECT count(*) FROM expenditure_reversals r WHERE r.expenditure_id = e.expenditure_id) "
    "FROM expenditures e ";

struct ExpenditureRow {
  ExpenditureRecord record;
  long long expenditure_id = 0;
  std::string spent_on;
  long long amount_fen = 0;
  long long entry_id = 0;
  long long resubmits = 0;
  soci::indicator resubmits_indicator = soci::i_null;
  int reversals = 0;

  ExpenditureRecord finish() {
    ExpenditureRecord result = record;
    result.expenditure_id = expenditure_id;
    result.spent_on = Date::parse(spent_on).value();
    result.amount = Money::from_fen(amount_fen);
    result.entry_id = entry_id;
    if (resubmits_indicator == soci::i_ok) result.resubmits_exception_id = resubmits;
    result.reversed = reversals > 0;
    return result;
  }
};

template <typename Statement>
void bind_row(Statement& statement, ExpenditureRow& row) {
  statement, soci::into(row.expenditure_id), soci::into(row.record.external_id), soci::into(row.record.award_id),
      soci::into(row.record.unit_id), soci::into(row.spent_on), soci::into(row.amount_fen),
      soci::into(row.record.category), soci::into(row.record.payment_method), soci::into(row.record.payee_name),
      soci::into(row.record.payee_uscc), soci::into(row.record.invoice_key), soci::into(row.record.description),
      soci::into(row.entry_id), soci::into(row.resubmits, row.resubmits_indicator), soci::into(row.reversals);
}

}  // namespace

std::optional<ExpenditureRecord> find_expenditure(Database& database, std::int64_t expenditure_id) {
  ExpenditureRow row;
  const long long id = expenditure_id;
  auto query = (database.session().prepare << std::string(expenditure_select) + "WHERE e.expenditure_id = :id",
                soci::use(id));
  bind_row(query, row);
  soci::statement statement(query);
  if (!statement.execute(true)) return std::nullopt;
  return row.finish();
}

std::vector<ExpenditureRecord> list_expenditures(Database& database, const std::string& award_id,
                                                 const std::string& unit_id, std::size_t limit) {
  ExpenditureRow row;
  auto query = (database.session().prepare
                    << std::string(expenditure_select) +
                           "WHERE (:award = '' OR e.award_id = :award2) AND (:unit = '' OR e.unit_id = :unit2) "
                           "ORDER BY e.expenditure_id",
                soci::use(award_id), soci::use(award_id), soci::use(unit_id), soci::use(unit_id));
  bind_row(query, row);
  soci::statement statement(query);
  statement.execute();
  std::vector<ExpenditureRecord> records;
  while (records.size() < limit && statement.fetch()) records.push_back(row.finish());
  return records;
}

std::vector<ExceptionRecord> list_exceptions(Database& database, const std::string& unit_id, std::size_t limit) {
  ExceptionRecord row;
  long long exception_id = 0;
  long long resubmits = 0;
  soci::indicator resubmits_indicator = soci::i_null;
  soci::statement statement =
      (database.session().prepare << "SELECT exception_id, external_id, unit_uscc, award_id, amount_text, reasons, "
                                     "messages, input_json, submitted_at, source, resubmits_exception_id "
                                     "FROM expenditure_exceptions WHERE (:unit = '' OR unit_uscc = :unit2) "
                                     "ORDER BY exception_id",
       soci::use(unit_id), soci::use(unit_id), soci::into(exception_id), soci::into(row.external_id),
       soci::into(row.unit_uscc), soci::into(row.award_id), soci::into(row.amount), soci::into(row.reasons),
       soci::into(row.messages), soci::into(row.input_json), soci::into(row.submitted_at), soci::into(row.source),
       soci::into(resubmits, resubmits_indicator));
  statement.execute();
  std::vector<ExceptionRecord> records;
  while (records.size() < limit && statement.fetch()) {
    ExceptionRecord record = row;
    record.exception_id = exception_id;
    record.resubmits_exception_id.reset();
    if (resubmits_indicator == soci::i_ok) record.resubmits_exception_id = resubmits;
    records.push_back(record);
  }
  return records;
}

namespace {

Status reverse_once(Database& database, std::int64_t expenditure_id, const Date& reversal_date,
                    const std::string& reason) {
  Transaction transaction(database, {"expenditure.reverse", "expenditure", std::to_string(expenditure_id)});
  const auto record = find_expenditure(database, expenditure_id);
  if (!record) {
    return make_error(ReasonCode::unknown_entry, "no expenditure " + std::to_string(expenditure_id), "id");
  }
  if (auto allowed = authorize(database.principal(), Action::reverse_expenditure, record->unit_id); !allowed) {
    return allowed;
  }
  if (record->reversed) {
    return make_error(ReasonCode::already_reversed, "expenditure " + std::to_string(expenditure_id) +
                                                        " is already reversed", "id");
  }
  Journal& journal = Journal::of_connection(database);
  auto reversal = journal.append_reversal(record->entry_id, reversal_date, reason);
  if (!reversal) return reversal.error();
  const long long id = expenditure_id;
  const long long entry_id = reversal.value().entry_id;
  const std::string reversed_on = reversal_date.to_string();
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO expenditure_reversals (expenditure_id, reversal_entry_id, reversed_on, reason, "
                        "recorded_at) VALUES (:id, :entry, :reversed_on, :reason, :now)",
      soci::use(id), soci::use(entry_id), soci::use(reversed_on), soci::use(reason), soci::use(now);
  // The invoice is free again for the corrected spending.
  database.session() << "DELETE FROM invoice_claims WHERE expenditure_id = :id", soci::use(id);
  transaction.commit();
  return success();
}

}  // namespace

Status reverse_expenditure(Database& database, std::int64_t expenditure_id, const Date& reversal_date,
                           const std::string& reason) {
  if (auto valid = validate_text(reason, "reason", 300); !valid) return valid;
  try {
    return reverse_once(database, expenditure_id, reversal_date, reason);
  } catch (const soci::soci_error& error) {
    // Lost a race with another reversal of the same expenditure: the unique
    // keys held (one reversal per entry and per expenditure), and the
    // verdict is a rule one, as if this request had come second.
    if (!is_unique_violation(error)) throw;
    return make_error(ReasonCode::already_reversed,
                      "expenditure " + std::to_string(expenditure_id) + " is already reversed", "id");
  }
}

}  // namespace jiangbu
