#pragma once
// What the analytics read, gathered once: every recorded expenditure as a
// compact row (strings interned, dates as day numbers, amounts as fen), the
// rows of the audit's selection, and the context some analyses need (units
// and the people related to them, award deadlines, each share's execution).
// Built from the database by load_analytics_input (analytics_loader.hpp), or
// directly by tests and benchmarks.
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.hpp"
#include "money/money.hpp"
#include "registry/related_parties.hpp"
#include "report/report_selection.hpp"

namespace jiangbu {

// Each distinct string stored once; ids are dense from 0.
class StringPool {
 public:
  StringPool() = default;
  // The index points into this pool's own strings: a copy would point into
  // the original. Moving keeps the deque's strings where they are.
  StringPool(const StringPool&) = delete;
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  std::uint32_t intern(std::string_view text);
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view text) const;
  [[nodiscard]] const std::string& text(std::uint32_t id) const { return values_.at(id); }
  [[nodiscard]] std::size_t size() const { return values_.size(); }

 private:
  std::deque<std::string> values_;  // a deque: growing it never moves the strings the index points into
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

struct SpendingRow {
  std::int64_t expenditure_id = 0;
  std::int64_t amount_fen = 0;
  std::int32_t spent_on_day = 0;  // Date::days_since_epoch()
  std::uint32_t award = 0;        // ids in SpendingData::strings
  std::uint32_t unit = 0;
  std::uint32_t category = 0;
  std::uint32_t payee_name = 0;
  std::uint32_t payee_uscc = 0;   // the empty string for an individual payee
  std::uint32_t invoice = 0;      // the invoice itself, without the seller: "E:2450…" or "L:code:number"
  bool reversed = false;          // reversed on or before the selection's end
  std::int32_t reversed_on_day = 0;  // when `reversed`: the reversal's date (the fund statement splits it)
};

struct SpendingData {
  StringPool strings;
  std::vector<SpendingRow> rows;  // every expenditure dated up to the selection's end, any award

  [[nodiscard]] const std::string& text(std::uint32_t id) const { return strings.text(id); }
  [[nodiscard]] Date date(const SpendingRow& row) const;
  [[nodiscard]] Money amount(const SpendingRow& row) const { return Money::from_fen(row.amount_fen); }
};

struct UnitProfile {
  std::string name;
  std::vector<RelatedParty> people;
};

struct AwardDeadline {
  Date date = Date::from_parts(2000, 1, 1);
  std::string label;  // "绩效评估 2026-06-18", "年度报告 2024-10-31"
};

// One award share's execution at the selection's end (资金闲置).
struct ShareExecution {
  std::string award_id;
  std::string unit_id;
  std::optional<Date> first_paid_on;
  Money received;  // net of clawbacks
  Money spent;     // net of reversals
  bool revoked = false;
};

struct AnalyticsInput {
  ReportSelection selection;
  // The selection's awards' rows, plus rows of other awards that share an
  // invoice with them (for the cross-award duplicate-invoice test).
  SpendingData data;
  std::vector<std::uint32_t> selected;  // indices into data.rows: live, in the selection's awards, unit and period
  std::map<std::string, UnitProfile> units;                       // unit id -> profile
  std::map<std::string, std::vector<std::string>> award_units;    // award id -> its lead units
  std::map<std::string, std::vector<AwardDeadline>> deadlines;    // award id -> review and report deadlines
  std::vector<ShareExecution> shares;

  // Rebuilds `selected` from the rows and the selection (the awards listed
  // in award_units, the unit, the period); rows keep their order.
  void select_rows();
};

// "E:24500000001234567890:91…" -> "E:24500000001234567890": the invoice
// without the seller's code, which the duplicate-invoice rule keys on.
std::string_view invoice_without_seller(std::string_view invoice_key);

}  // namespace jiangbu
