#pragma once
// A finding of the auditor analytics (审计疑点): what pattern was seen, where,
// how much money it touches, the evidence (vouchers, dates, amounts) and a
// score from 0 to 100 that ranks how strongly it calls for a look. A finding
// is a lead for the auditor, not a verdict: the audit report lists them apart
// from the rule violations and does not count them in 违规金额.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/analytics_input.hpp"
#include "core/date.hpp"
#include "money/money.hpp"

namespace jiangbu {

// In the order the report lists analyses; append only.
enum class Analysis {
  duplicate_invoices,
  near_duplicate_payees,
  split_payments,
  round_amounts,
  rest_days,
  spending_spikes,
  payee_concentration,
  benford,
  related_parties,
  idle_funds,
};
inline constexpr std::size_t analysis_count = 10;

std::string_view analysis_key(Analysis analysis);    // "split-payments"
std::string_view analysis_title(Analysis analysis);  // "拆分支付"

inline constexpr std::size_t evidence_max = 20;  // per finding; the count and amount cover them all

struct Evidence {
  std::int64_t expenditure_id = 0;  // 0 when the line is not one expenditure (a payee, a share)
  std::string unit_id;              // whose book the voucher is in
  std::string voucher;              // unit book voucher, filled from the database
  std::string external_id;          // the unit's own number for the submission
  Date date = Date::from_parts(2000, 1, 1);
  Money amount;
  std::string note;  // payee, rest-day name, share of spending…
};

struct AnalyticsFinding {
  Analysis analysis = Analysis::duplicate_invoices;
  std::string pattern;  // the 疑点 in a few words
  std::string detail;   // one sentence with the figures
  int score = 0;        // 0..100
  std::vector<std::string> units;
  std::vector<std::string> awards;
  Money amount;  // the money the pattern touches
  std::size_t item_count = 0;
  std::vector<Evidence> evidence;  // at most evidence_max
  std::size_t rank = 0;            // 1 = first; set when ranked
};

struct AnalysisOutcome {
  std::vector<AnalyticsFinding> findings;
  std::size_t rows_examined = 0;
  std::string note;  // why something was not tested ("rows too few"), empty otherwise
};

// One evidence line for an expenditure row.
Evidence evidence_of(const SpendingData& data, const SpendingRow& row, std::string note);
// Adds evidence while there is room; always counts the item and its amount.
void add_evidence(AnalyticsFinding& finding, const SpendingData& data, const SpendingRow& row, std::string note);
// Lists the award once, in the order first seen.
void note_award(AnalyticsFinding& finding, const std::string& award_id);
int bounded_score(long long score);  // clamped to 0..100
// A non-negative count of millionths as a decimal, truncated: (15234, 4) -> "0.0152".
std::string millionths_text(std::int64_t millionths, int decimals);
// "12,345.60" for sentences people read.
std::string yuan_text(const Money& amount);
// numerator × 100 ÷ denominator, rounded down: the whole percent for scores.
long long whole_percent(const Money& numerator, const Money& denominator);

}  // namespace jiangbu
