#pragma once
// Expenditures (资金支出) that grant units record against an award. Every
// submission is judged by every rule at once and gets exactly one stored
// verdict: accepted (booked on the unit's dedicated sub-ledger) or rejected
// (kept in the exception register with all its reasons and the input as it
// was submitted). A submission is identified by the unit and its external id,
// so replaying it returns the original verdict and books nothing twice.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include <array>
#include <string_view>
#include <utility>

#include "core/result.hpp"
#include "money/money.hpp"
#include "store/database.hpp"

namespace jiangbu {

// The fields exactly as submitted (a form, a CSV or XLSX row).
struct ExpenditureInput {
  std::string external_id;
  std::string award_id;
  std::string unit_uscc;
  std::string date;
  std::string amount;
  std::string category;        // code or the Chinese name in the policy
  std::string payment_method;  // bank-transfer, official-card, … or 银行转账, 公务卡, …
  std::string payee_name;
  std::string payee_uscc;      // may be empty for an individual payee
  std::string invoice_code;    // legacy 发票代码 (10 or 12 digits); empty for 数电发票
  std::string invoice_number;  // legacy 8 digits, or the 20-digit 数电 number
  std::string description;
};

// The submission's fields by their names in JSON (the exception register's
// stored submission, the web API), in the order they are written.
inline constexpr std::array<std::pair<std::string_view, std::string ExpenditureInput::*>, 12> expenditure_input_fields{{
    {"external_id", &ExpenditureInput::external_id},
    {"award_id", &ExpenditureInput::award_id},
    {"unit_uscc", &ExpenditureInput::unit_uscc},
    {"date", &ExpenditureInput::date},
    {"amount", &ExpenditureInput::amount},
    {"category", &ExpenditureInput::category},
    {"payment_method", &ExpenditureInput::payment_method},
    {"payee_name", &ExpenditureInput::payee_name},
    {"payee_uscc", &ExpenditureInput::payee_uscc},
    {"invoice_code", &ExpenditureInput::invoice_code},
    {"invoice_number", &ExpenditureInput::invoice_number},
    {"description", &ExpenditureInput::description},
}};

enum class VerdictStatus { accepted, rejected };

struct Verdict {
  VerdictStatus status = VerdictStatus::rejected;
  std::vector<Error> reasons;  // ordered by reason code number; empty when accepted
  std::int64_t record_id = 0;  // expenditure id when accepted, exception id when rejected
  bool replayed = false;       // the same submission was seen before: this is its original verdict
  [[nodiscard]] std::string reason_codes() const;  // "cash-payment;retroactive"
};

struct RecordOptions {
  Date today = Date::today_local();  // "future-dated" is judged against it
  std::string source;                // "cli", "import:file.csv row 17"
};

// Judges and stores one submission, in a transaction of its own.
Verdict record_expenditure(Database& database, const ExpenditureInput& input, const RecordOptions& options);
// The same inside the caller's open transaction (bulk import batches). May
// throw soci_error on a unique-constraint race; the caller rolls back and
// retries the rows one by one with record_expenditure.
Verdict record_expenditure_in_transaction(Database& database, const ExpenditureInput& input,
                                          const RecordOptions& options);

// Reverses an accepted expenditure with a reversing entry; frees its invoice.
Status reverse_expenditure(Database& database, std::int64_t expenditure_id, const Date& reversal_date,
                           const std::string& reason);

struct ExpenditureRecord {
  std::int64_t expenditure_id = 0;
  std::string external_id;
  std::string award_id;
  std::string unit_id;
  Date spent_on = Date::from_parts(2000, 1, 1);
  Money amount;
  std::string category;
  std::string payment_method;
  std::string payee_name;
  std::string payee_uscc;
  std::string invoice_key;
  std::string description;
  std::int64_t entry_id = 0;
  std::optional<std::int64_t> resubmits_exception_id;
  bool reversed = false;
};

struct ExceptionRecord {
  std::int64_t exception_id = 0;
  std::string external_id;
  std::string unit_uscc;
  std::string award_id;
  std::string amount;  // as submitted
  std::string reasons;  // codes, ';'-separated
  std::string messages;  // human sentences, '; '-separated
  std::string input_json;
  std::string submitted_at;
  std::string source;
  std::optional<std::int64_t> resubmits_exception_id;
};

std::optional<ExpenditureRecord> find_expenditure(Database& database, std::int64_t expenditure_id);
std::vector<ExpenditureRecord> list_expenditures(Database& database, const std::string& award_id,
                                                 const std::string& unit_id, std::size_t limit);
std::vector<ExceptionRecord> list_exceptions(Database& database, const std::string& unit_id, std::size_t limit);

}  // namespace jiangbu
