#include "expenditure/expenditure_batch.hpp"

#include "access/permission.hpp"
#include "core/assert.hpp"
#include "core/timestamp.hpp"
#include "expenditure/expenditure_judgement.hpp"
#include "expenditure/record_parts.hpp"
#include "ledger/accounts.hpp"
#include "store/bulk_rows.hpp"

namespace jiangbu {

namespace {

const BulkTable expenditures_table{"expenditures",
                                   {{"expenditure_id", "BIGINT"},
                                    {"external_id", "TEXT"},
                                    {"award_id", "TEXT"},
                                    {"unit_id", "TEXT"},
                                    {"spent_on", "TEXT"},
                                    {"amount_fen", "BIGINT"},
                                    {"category", "TEXT"},
                                    {"payment_method", "TEXT"},
                                    {"payee_name", "TEXT"},
                                    {"payee_uscc", "TEXT"},
                                    {"invoice_key", "TEXT"},
                                    {"description", "TEXT"},
                                    {"input_json", "TEXT"},
                                    {"entry_id", "BIGINT"},
                                    {"resubmits_exception_id", "BIGINT"},
                                    {"source", "TEXT"},
                                    {"recorded_at", "TEXT"}},
                                   true};
constexpr std::size_t expenditure_id_column = 0;
constexpr std::size_t expenditure_entry_column = 13;
constexpr std::size_t expenditure_resubmits_column = 14;
constexpr std::size_t claim_expenditure_column = 1;
constexpr std::size_t exception_id_column = 0;
constexpr std::size_t exception_resubmits_column = 8;

const BulkTable claims_table{"invoice_claims", {{"invoice_key", "TEXT"}, {"expenditure_id", "BIGINT"}}, false};

const BulkTable exceptions_table{"expenditure_exceptions",
                                 {{"exception_id", "BIGINT"},
                                  {"external_id", "TEXT"},
                                  {"unit_uscc", "TEXT"},
                                  {"award_id", "TEXT"},
                                  {"amount_text", "TEXT"},
                                  {"reasons", "TEXT"},
                                  {"messages", "TEXT"},
                                  {"input_json", "TEXT"},
                                  {"resubmits_exception_id", "BIGINT"},
                                  {"source", "TEXT"},
                                  {"submitted_at", "TEXT"}},
                                 true};

BulkValue optional_id(const std::optional<std::int64_t>& id) {
  return id ? BulkValue(static_cast<long long>(*id)) : BulkValue(nullptr);
}

// A provisional id (negative) replaced by the real one; a stored id as it is.
long long real_id(long long id, const std::vector<long long>& allocated) {
  return id < 0 ? allocated.at(static_cast<std::size_t>(-id - 1)) : id;
}

void replace_provisional(BulkRows& rows, std::size_t column, const std::vector<long long>& allocated) {
  for (std::size_t row = 0; row < rows.size(); ++row) {
    if (!rows.is_null(column, row)) rows.set_integer(column, row, real_id(rows.integer(column, row), allocated));
  }
}

}  // namespace

// The rows a batch will write. While the batch is judged its rows carry
// provisional ids, -1, -2, … in each table, because how many rows get ids is
// known only at the end; then exactly that many real ids are taken (no gaps
// on PostgreSQL's sequences) and every provisional id is replaced.
struct ExpenditureBatchRecorder::Pending {
  long long expenditures_used = 0;
  long long exceptions_used = 0;
  std::vector<std::size_t> entry_positions;  // per expenditure row
  BulkRows expenditures{expenditures_table};
  BulkRows claims{claims_table};
  BulkRows exceptions{exceptions_table};
  std::string now = utc_timestamp_now();
};

ExpenditureBatchRecorder::ExpenditureBatchRecorder(Database& database, std::size_t batch_rows_max)
    : database_(database), batch_rows_max_(batch_rows_max), facts_(database), journal_(database),
      known_(database, batch_rows_max) {}

void ExpenditureBatchRecorder::forget() {
  facts_.forget();
  journal_.reset();
  open_accounts_.clear();
}

bool ExpenditureBatchRecorder::ensure_accounts(const std::string& book_id,
                                               const std::vector<std::pair<std::string, std::string>>& accounts,
                                               Error& refusal) {
  for (const auto& [code, name] : accounts) {
    if (open_accounts_.contains({book_id, code})) continue;
    auto opened = open_sub_account(database_, book_id, code, name);
    if (!opened) {
      refusal = opened.error();
      return false;
    }
    open_accounts_.insert({book_id, code});
  }
  return true;
}

Result<std::vector<Verdict>> ExpenditureBatchRecorder::record(const std::vector<ExpenditureInput>& inputs,
                                                              const std::vector<RecordOptions>& options) {
  JIANGBU_ASSERT(inputs.size() == options.size() && inputs.size() <= batch_rows_max_);
  std::vector<ExpenditureInput> keys;
  keys.reserve(inputs.size());
  for (const auto& input : inputs) keys.push_back(register_columns(input));
  // Submission locks first (key order), then what is stored for them: no
  // other writer can store a verdict for these rows until the batch commits.
  lock_submissions(database_, keys);
  known_.load(keys);
  facts_.prepare(inputs);
  Pending pending;
  std::vector<Verdict> verdicts;
  verdicts.reserve(inputs.size());
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    const ExpenditureInput& input = inputs[index];
    const ExpenditureInput& columns = keys[index];
    // A unit submits only for itself; the refusal is not stored (see
    // record_in_open_transaction).
    if (auto allowed = authorize(database_.principal(), Action::record_expenditure, input.unit_uscc); !allowed) {
      Error refusal = allowed.error();
      refusal.field = "unit_uscc";
      verdicts.push_back(Verdict{VerdictStatus::rejected, {refusal}, 0, false});
      continue;
    }
    const std::string json = submission_json(input);
    std::optional<std::int64_t> previous_exception;
    if (auto replayed = replay_stored(known_.find(columns), json, previous_exception)) {
      verdicts.push_back(*replayed);
      continue;
    }
    Judgement judgement = judge_expenditure(facts_, input, options[index].today);
    if (judgement.accepted()) {
      const ExpenditureEntry booking = expenditure_entry(judgement, input);
      Error refusal;
      if (!ensure_accounts(booking.entry.book_id, booking.accounts, refusal)) {
        judgement.reasons.push_back(refusal);  // a ledger refusal is a rejection too
      } else if (auto position = journal_.add(booking.entry); !position) {
        judgement.reasons.push_back(position.error());
      } else {
        const long long id = -(++pending.expenditures_used);
        pending.entry_positions.push_back(position.value());
        pending.expenditures.add({id, input.external_id, judgement.award->award_id, judgement.unit->unit_id,
                                  judgement.date->to_string(), static_cast<long long>(judgement.amount->fen_int64()),
                                  judgement.category->code, payment_method_name(*judgement.method), input.payee_name,
                                  input.payee_uscc, judgement.invoice_key, input.description, json, nullptr,
                                  optional_id(previous_exception), options[index].source, pending.now});
        pending.claims.add({judgement.invoice_key, id});
        facts_.note_accepted(judgement.award->award_id, judgement.unit->unit_id, judgement.category->code,
                             *judgement.amount, judgement.invoice_key, input.external_id);
        known_.remember(columns, StoredVerdict{id, 0, "", "", ""});
        verdicts.push_back(Verdict{VerdictStatus::accepted, {}, id, false});
        continue;
      }
    }
    const long long id = -(++pending.exceptions_used);
    Verdict verdict{VerdictStatus::rejected, judgement.reasons, id, false};
    const std::string codes = verdict.reason_codes();
    const std::string messages = register_messages(judgement.reasons);
    pending.exceptions.add({id, columns.external_id, columns.unit_uscc, columns.award_id, columns.amount, codes,
                            messages, json, optional_id(previous_exception), options[index].source, pending.now});
    known_.remember(columns, StoredVerdict{std::nullopt, id, json, codes, messages});
    verdicts.push_back(std::move(verdict));
  }
  if (auto written = write(pending, verdicts); !written) return written.error();
  return verdicts;
}

Status ExpenditureBatchRecorder::write(Pending& pending, std::vector<Verdict>& verdicts) {
  auto entry_ids = journal_.write();
  if (!entry_ids) return entry_ids.error();
  const auto expenditure_ids = allocate_ids(database_, "expenditures", "expenditure_id",
                                            static_cast<std::size_t>(pending.expenditures_used));
  const auto exception_ids = allocate_ids(database_, "expenditure_exceptions", "exception_id",
                                          static_cast<std::size_t>(pending.exceptions_used));
  for (std::size_t row = 0; row < pending.entry_positions.size(); ++row) {
    pending.expenditures.set_integer(expenditure_entry_column, row,
                                     entry_ids.value().at(pending.entry_positions[row]));
  }
  replace_provisional(pending.expenditures, expenditure_id_column, expenditure_ids);
  replace_provisional(pending.expenditures, expenditure_resubmits_column, exception_ids);
  replace_provisional(pending.claims, claim_expenditure_column, expenditure_ids);
  replace_provisional(pending.exceptions, exception_id_column, exception_ids);
  replace_provisional(pending.exceptions, exception_resubmits_column, exception_ids);
  for (auto& verdict : verdicts) {
    const bool accepted = verdict.status == VerdictStatus::accepted;
    verdict.record_id = real_id(verdict.record_id, accepted ? expenditure_ids : exception_ids);
  }
  bulk_insert(database_, pending.expenditures);
  bulk_insert(database_, pending.claims);
  bulk_insert(database_, pending.exceptions);
  return success();
}

}  // namespace jiangbu
