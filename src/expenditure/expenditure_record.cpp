// Storing verdicts: replay of a known submission, booking an accepted one on
// the unit's sub-ledger, keeping a rejected one in the exception register.
#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "access/permission.hpp"
#include "award/award_accounts.hpp"
#include "core/checksum.hpp"
#include "core/json_text.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/timestamp.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/expenditure_judgement.hpp"
#include "expenditure/record_parts.hpp"
#include "expenditure/stored_verdicts.hpp"
#include "ledger/accounts.hpp"
#include "ledger/journal.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr int unique_conflict_retries_max = 3;
// A rejected submission's fields are kept up to this size in input_json; a
// field refused for its length is not kept whole.
constexpr std::size_t stored_field_bytes_max = 4096;
// The register's key and amount columns, as printable text (see register_columns).
constexpr std::size_t register_column_bytes_max = 200;
constexpr std::size_t register_message_bytes_max = 1000;

long long submission_lock_key(const ExpenditureInput& input) {
  const std::string key = "expenditure:" + input.unit_uscc + "/" + input.external_id;
  return static_cast<long long>(std::stoull(fnv1a_64_hex(key), nullptr, 16));
}

std::string bounded(const std::string& field) {
  return field.size() <= stored_field_bytes_max ? field : field.substr(0, stored_field_bytes_max) + "...";
}

}  // namespace

// By hand: an import writes it for every row. Byte for byte what the
// nlohmann::ordered_json fallback writes (core/json_text.hpp), which handles
// a submission with invalid UTF-8.
std::string submission_json(const ExpenditureInput& input) {
  std::string json = "{";
  bool valid = true;
  for (const auto& [name, member] : expenditure_input_fields) {
    const std::string& value = input.*member;
    if (json.size() > 1) json += ',';
    json += '"';
    json += name;
    json += "\":";
    const bool whole = value.size() <= stored_field_bytes_max;
    if (!append_json_string(json, whole ? std::string_view(value) : std::string_view(bounded(value)))) {
      valid = false;
      break;
    }
  }
  if (valid) return json + "}";
  nlohmann::ordered_json object;
  for (const auto& [name, member] : expenditure_input_fields) object[std::string(name)] = bounded(input.*member);
  // Replace invalid UTF-8 rather than throw: the register must keep even a
  // submission whose bytes are broken.
  return object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string register_messages(const std::vector<Error>& reasons) {
  std::string messages;
  for (const auto& reason : reasons) {
    messages += (messages.empty() ? "" : "\n") + printable_text(reason.describe(), register_message_bytes_max);
  }
  return messages;
}

std::vector<Error> stored_reasons(const std::string& codes, const std::string& messages) {
  std::vector<Error> reasons;
  std::size_t code_start = 0;
  std::size_t message_start = 0;
  for (std::size_t count = 0; code_start <= codes.size() && count < 100; ++count) {
    const std::size_t code_end = std::min(codes.find(';', code_start), codes.size());
    const std::size_t message_end = std::min(messages.find("\n", message_start), messages.size());
    reasons.emplace_back(codes.substr(code_start, code_end - code_start),
                         message_start <= messages.size() ? messages.substr(message_start, message_end - message_start) : "");
    code_start = code_end + 1;
    message_start = message_end + 1;
  }
  return reasons;
}

std::optional<Verdict> replay_stored(const StoredVerdict* stored, const std::string& json,
                                     std::optional<std::int64_t>& previous_exception) {
  if (stored == nullptr) return std::nullopt;
  if (stored->expenditure_id) return Verdict{VerdictStatus::accepted, {}, *stored->expenditure_id, true};
  if (stored->input_json == json) {
    return Verdict{VerdictStatus::rejected, stored_reasons(stored->reason_codes, stored->messages),
                   stored->exception_id, true};
  }
  previous_exception = stored->exception_id;
  return std::nullopt;
}

ExpenditureEntry expenditure_entry(const Judgement& judgement, const ExpenditureInput& input) {
  const Unit& unit = *judgement.unit;
  const std::string& award_id = judgement.award->award_id;
  const AllowedCategory& category = *judgement.category;
  const std::string base = unit.type == UnitType::enterprise ? category.enterprise_account : category.non_profit_account;
  const std::string expense = base + "/" + award_id + "/" + category.code;
  const Money& amount = *judgement.amount;
  ExpenditureEntry result{EntryInput{unit.book_id, *judgement.date,
                                     input.description.empty() ? category.name : input.description,
                                     "expenditure:" + input.external_id,
                                     {{expense, Side::debit, amount},
                                      {std::string(dedicated_bank_account), Side::credit, amount}}},
                          {{expense, category.name}}};
  if (unit.type == UnitType::enterprise) {
    // CAS 16 第十一条: the deferred grant is recognised as the cost it pays
    // for is incurred — as 其他收益 (总额法) or against the expense (净额法).
    const std::string deferred = unit_receipt_account(unit.type, award_id);
    std::string income = expense;
    if (unit.method == GrantMethod::gross) {
      income = "6117/" + award_id;
      result.accounts.emplace_back(income, "其他收益 " + award_id);
    }
    result.entry.postings.push_back({deferred, Side::debit, amount});
    result.entry.postings.push_back({income, Side::credit, amount});
  }
  return result;
}

namespace {

// The verdict already stored for this submission, if any.
std::optional<Verdict> replay(Database& database, const ExpenditureInput& input, const std::string& json,
                              std::optional<std::int64_t>& previous_exception) {
  if (input.external_id.empty() || input.unit_uscc.empty()) return std::nullopt;
  long long id = 0;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT expenditure_id FROM expenditures WHERE unit_id = :unit AND external_id = :external",
      soci::use(input.unit_uscc), soci::use(input.external_id), soci::into(id, found);
  StoredVerdict stored;
  if (found == soci::i_ok) {
    stored.expenditure_id = id;
    return replay_stored(&stored, json, previous_exception);
  }
  database.session() << "SELECT exception_id, input_json, reasons, messages FROM expenditure_exceptions "
                        "WHERE unit_uscc = :unit AND external_id = :external ORDER BY exception_id DESC LIMIT 1",
      soci::use(input.unit_uscc), soci::use(input.external_id), soci::into(id, found), soci::into(stored.input_json),
      soci::into(stored.reason_codes), soci::into(stored.messages);
  if (found != soci::i_ok) return std::nullopt;
  stored.exception_id = id;
  return replay_stored(&stored, json, previous_exception);
}


// Locks the unit's share on PostgreSQL so that concurrent spending of it is
// judged one at a time (SQLite's BEGIN IMMEDIATE already serialises writers).
void lock_share(Database& database, const ExpenditureInput& input) {
  if (database.backend() != Backend::postgresql) return;
  long long share_fen = 0;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT share_fen FROM award_shares WHERE award_id = :award AND unit_id = :unit FOR UPDATE",
      soci::use(input.award_id), soci::use(input.unit_uscc), soci::into(share_fen, found);
}

Result<std::int64_t> book(Database& database, const Judgement& judgement, const ExpenditureInput& input) {
  const ExpenditureEntry booking = expenditure_entry(judgement, input);
  for (const auto& [code, name] : booking.accounts) {
    if (auto opened = open_sub_account(database, booking.entry.book_id, code, name); !opened) return opened.error();
  }
  auto posted = Journal::of_connection(database).append(booking.entry);
  if (!posted) return posted.error();
  return posted.value().entry_id;
}

std::int64_t insert_accepted(Database& database, const Judgement& judgement, const ExpenditureInput& input,
                             const std::string& json, std::int64_t entry_id,
                             const std::optional<std::int64_t>& previous_exception, const std::string& source) {
  const long long amount_fen = judgement.amount->fen_int64();
  const std::string spent_on = judgement.date->to_string();
  const std::string method(payment_method_name(*judgement.method));
  const long long entry = entry_id;
  long long previous = previous_exception.value_or(0);
  soci::indicator previous_indicator = previous_exception ? soci::i_ok : soci::i_null;
  const std::string now = utc_timestamp_now();
  long long expenditure_id = 0;
  database.session() << "INSERT INTO expenditures (external_id, award_id, unit_id, spent_on, amount_fen, category, "
                        "payment_method, payee_name, payee_uscc, invoice_key, description, input_json, entry_id, "
                        "resubmits_exception_id, source, recorded_at) VALUES (:external, :award, :unit, :spent_on, "
                        ":amount, :category, :method, :payee, :payee_uscc, :invoice, :description, :json, :entry, "
                        ":previous, :source, :now) RETURNING expenditure_id",
      soci::use(input.external_id), soci::use(judgement.award->award_id), soci::use(judgement.unit->unit_id),
      soci::use(spent_on), soci::use(amount_fen), soci::use(judgement.category->code), soci::use(method),
      soci::use(input.payee_name), soci::use(input.payee_uscc), soci::use(judgement.invoice_key),
      soci::use(input.description), soci::use(json), soci::use(entry), soci::use(previous, previous_indicator),
      soci::use(source), soci::use(now), soci::into(expenditure_id);
  database.session() << "INSERT INTO invoice_claims (invoice_key, expenditure_id) VALUES (:key, :id)",
      soci::use(judgement.invoice_key), soci::use(expenditure_id);
  return expenditure_id;
}

std::int64_t insert_rejected(Database& database, const Judgement& judgement, const ExpenditureInput& input,
                             const std::string& json, const std::optional<std::int64_t>& previous_exception,
                             const std::string& source) {
  Verdict verdict{VerdictStatus::rejected, judgement.reasons, 0, false};
  const std::string codes = verdict.reason_codes();
  const std::string messages = register_messages(judgement.reasons);
  long long previous = previous_exception.value_or(0);
  soci::indicator previous_indicator = previous_exception ? soci::i_ok : soci::i_null;
  const std::string now = utc_timestamp_now();
  long long exception_id = 0;
  database.session() << "INSERT INTO expenditure_exceptions (external_id, unit_uscc, award_id, amount_text, reasons, "
                        "messages, input_json, resubmits_exception_id, source, submitted_at) VALUES (:external, :unit, "
                        ":award, :amount, :reasons, :messages, :json, :previous, :source, :now) RETURNING exception_id",
      soci::use(input.external_id), soci::use(input.unit_uscc), soci::use(input.award_id), soci::use(input.amount),
      soci::use(codes), soci::use(messages), soci::use(json), soci::use(previous, previous_indicator),
      soci::use(source), soci::use(now), soci::into(exception_id);
  return exception_id;
}

Verdict record_in_open_transaction(Database& database, const ExpenditureInput& input, const RecordOptions& options) {
  // A unit submits only for itself. The refusal is not stored as an
  // exception: that row would sit under another unit's code, which the unit
  // may not write (and on PostgreSQL cannot: row-level security).
  if (auto allowed = authorize(database.principal(), Action::record_expenditure, input.unit_uscc); !allowed) {
    Error refusal = allowed.error();
    refusal.field = "unit_uscc";
    return Verdict{VerdictStatus::rejected, {refusal}, 0, false};
  }
  const std::string json = submission_json(input);
  const ExpenditureInput columns = register_columns(input);
  std::optional<std::int64_t> previous_exception;
  lock_submission(database, columns);
  const auto replayed = replay(database, columns, json, previous_exception);
  if (replayed) return *replayed;
  lock_share(database, columns);
  DatabaseFacts facts(database);
  Judgement judgement = judge_expenditure(facts, input, options.today);
  Verdict verdict;
  if (judgement.accepted()) {
    auto entry_id = book(database, judgement, input);
    if (!entry_id) {
      judgement.reasons.push_back(entry_id.error());  // a ledger refusal is a rejection too
    } else {
      verdict = Verdict{VerdictStatus::accepted, {},
                        insert_accepted(database, judgement, input, json, entry_id.value(), previous_exception, options.source),
                        false};
    }
  }
  if (!judgement.accepted()) {
    verdict = Verdict{VerdictStatus::rejected, judgement.reasons,
                      insert_rejected(database, judgement, columns, json, previous_exception, options.source), false};
  }
  return verdict;
}

Verdict record_once(Database& database, const ExpenditureInput& input, const RecordOptions& options) {
  Transaction transaction(database, {"expenditure.record", "expenditure", input.unit_uscc + " " + input.external_id});
  Verdict verdict = record_in_open_transaction(database, input, options);
  if (verdict.replayed || verdict.record_id == 0) {
    transaction.commit_unchanged();  // a replay, or a refusal that stored nothing
  } else {
    transaction.commit();
  }
  return verdict;
}

}  // namespace

std::string Verdict::reason_codes() const {
  std::string codes;
  for (const auto& reason : reasons) codes += (codes.empty() ? "" : ";") + reason.code;
  return codes;
}

// The exception register keeps what was submitted, but its key and amount
// columns as printable text: PostgreSQL refuses invalid UTF-8 and NUL in a
// text column (the whole rejection would be lost with a storage error), and
// a 100 KB "identifier" is none. Valid input is unchanged, so replay keys
// are the same as before; the submission itself is in input_json.
ExpenditureInput register_columns(const ExpenditureInput& input) {
  ExpenditureInput columns = input;
  columns.external_id = printable_text(input.external_id, register_column_bytes_max);
  columns.unit_uscc = printable_text(input.unit_uscc, register_column_bytes_max);
  columns.award_id = printable_text(input.award_id, register_column_bytes_max);
  columns.amount = printable_text(input.amount, register_column_bytes_max);
  return columns;
}

// Judges submissions with the same unit and external id one after the other
// on PostgreSQL, so that a concurrent duplicate replays the first verdict
// instead of storing a second one (SQLite's BEGIN IMMEDIATE already
// serialises writers). Taken before the replay check reads anything.
void lock_submission(Database& database, const ExpenditureInput& input) {
  if (database.backend() != Backend::postgresql || input.external_id.empty() || input.unit_uscc.empty()) return;
  long long lock_key = submission_lock_key(input);
  database.session() << "SELECT pg_advisory_xact_lock(CAST(:key AS BIGINT))", soci::use(lock_key);
}

void lock_submissions(Database& database, const std::vector<ExpenditureInput>& inputs) {
  if (database.backend() != Backend::postgresql) return;
  std::vector<long long> lock_keys;
  lock_keys.reserve(inputs.size());
  for (const auto& input : inputs) {
    if (!input.external_id.empty() && !input.unit_uscc.empty()) lock_keys.push_back(submission_lock_key(input));
  }
  std::sort(lock_keys.begin(), lock_keys.end());
  lock_keys.erase(std::unique(lock_keys.begin(), lock_keys.end()), lock_keys.end());
  if (lock_keys.empty()) return;
  const std::string list = nlohmann::json(lock_keys).dump();
  // The array's order is the scan's order, so the locks are taken ascending.
  long long locked = 0;
  database.session() << "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(CAST(value AS BIGINT)) "
                        "FROM json_array_elements_text(CAST(:keys AS json)) AS k(value)) locked",
      soci::use(list), soci::into(locked);
}

Verdict record_expenditure_in_transaction(Database& database, const ExpenditureInput& input,
                                          const RecordOptions& options) {
  return record_in_open_transaction(database, input, options);
}

Verdict record_expenditure(Database& database, const ExpenditureInput& input, const RecordOptions& options) {
  for (int attempt = 1;; ++attempt) {
    try {
      return record_once(database, input, options);
    } catch (const soci::soci_error& error) {
      // Another writer claimed the same invoice or external id between our
      // read and our write; judging again sees it and decides.
      if (!is_unique_violation(error) || attempt >= unique_conflict_retries_max) throw;
    }
  }
}

}  // namespace jiangbu
