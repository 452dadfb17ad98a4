// 重复发票. The duplicate-invoice rule refuses an invoice key already claimed
// by a live expenditure, and the key includes the seller's USCC (DOMAIN.md
// "Input formats"). It therefore cannot see the same invoice number claimed
// twice under two sellers' codes, nor an invoice that one unit reversed and
// another then booked. Here invoices are grouped by number alone, over every
// unit and award, live or reversed:
//   - two or more live claims: score 95; the amount is what the claims after
//     the first add up to (the money a second claim would take);
//   - claims by two or more units with one live: moved between units by a
//     reversal, score 70; the amount is the live claim.
// A group is reported when at least one of its rows is in the selection.
#include <algorithm>
#include <set>

#include "analytics/analyses.hpp"

namespace jiangbu {

namespace {

constexpr int score_claimed_twice = 95;
constexpr int score_moved_between_units = 70;

std::string number_text(std::string_view invoice) {
  // "E:2450…" -> "数电 2450…"; "L:code:number" -> "代码 code 号码 number"
  if (invoice.starts_with("E:")) return "数电发票 " + std::string(invoice.substr(2));
  if (invoice.starts_with("L:")) {
    const auto rest = invoice.substr(2);
    const auto colon = rest.find(':');
    if (colon != std::string_view::npos) {
      return "发票代码 " + std::string(rest.substr(0, colon)) + " 号码 " + std::string(rest.substr(colon + 1));
    }
  }
  return std::string(invoice);
}

AnalyticsFinding group_finding(const AnalyticsInput& input, const std::vector<std::uint32_t>& group) {
  const SpendingData& data = input.data;
  std::vector<std::uint32_t> live;
  std::set<std::string> units;
  std::set<std::string> sellers;
  std::set<std::string> awards;
  for (const auto index : group) {
    const SpendingRow& row = data.rows[index];
    if (!row.reversed) live.push_back(index);
    units.insert(data.text(row.unit));
    awards.insert(data.text(row.award));
    sellers.insert(data.text(row.payee_name) + "（" + (data.text(row.payee_uscc).empty() ? "无代码" : data.text(row.payee_uscc)) + "）");
  }
  AnalyticsFinding finding;
  finding.analysis = Analysis::duplicate_invoices;
  finding.units.assign(units.begin(), units.end());
  finding.awards.assign(awards.begin(), awards.end());
  const std::string number = number_text(data.text(data.rows[group.front()].invoice));
  std::string seller_list;
  for (const auto& seller : sellers) seller_list += (seller_list.empty() ? "" : "、") + seller;
  if (live.size() >= 2) {
    finding.pattern = "同一发票被多笔支出使用";
    finding.score = score_claimed_twice;
    for (std::size_t position = 0; position < live.size(); ++position) {
      const SpendingRow& row = data.rows[live[position]];
      add_evidence(finding, data, row, data.text(row.payee_name));
      if (position == 0) finding.amount -= data.amount(row);  // the first claim may be genuine
    }
    finding.detail = number + " 被 " + std::to_string(live.size()) + " 笔未冲销支出使用，销售方为 " + seller_list +
                     "；重复部分 " + yuan_text(finding.amount) + " 元";
  } else {
    finding.pattern = "发票冲销后被另一单位入账";
    finding.score = score_moved_between_units;
    for (const auto index : group) {
      const SpendingRow& row = data.rows[index];
      Evidence line = evidence_of(data, row, data.text(row.payee_name) + (row.reversed ? "（已冲销）" : "（在账）"));
      if (finding.evidence.size() < evidence_max) finding.evidence.push_back(std::move(line));
      if (!row.reversed) finding.amount += data.amount(row);
    }
    finding.item_count = group.size();
    finding.detail = number + " 先后由 " + std::to_string(units.size()) + " 个单位入账，销售方为 " + seller_list;
  }
  return finding;
}

}  // namespace

AnalysisOutcome find_duplicate_invoices(const AnalyticsInput& input) {
  const SpendingData& data = input.data;
  AnalysisOutcome outcome;
  outcome.rows_examined = data.rows.size();
  std::vector<bool> selected(data.rows.size(), false);
  for (const auto index : input.selected) selected[index] = true;
  std::vector<std::uint32_t> order(data.rows.size());
  for (std::uint32_t index = 0; index < order.size(); ++index) order[index] = index;
  std::sort(order.begin(), order.end(), [&](std::uint32_t left, std::uint32_t right) {
    const auto& a = data.rows[left];
    const auto& b = data.rows[right];
    return a.invoice != b.invoice ? a.invoice < b.invoice : a.expenditure_id < b.expenditure_id;
  });
  for (std::size_t start = 0; start < order.size();) {
    std::size_t end = start + 1;
    while (end < order.size() && data.rows[order[end]].invoice == data.rows[order[start]].invoice) ++end;
    if (end - start >= 2) {
      const std::vector<std::uint32_t> group(order.begin() + static_cast<std::ptrdiff_t>(start),
                                             order.begin() + static_cast<std::ptrdiff_t>(end));
      std::size_t live = 0;
      bool touches_selection = false;
      std::set<std::uint32_t> units;
      for (const auto index : group) {
        live += data.rows[index].reversed ? 0 : 1;
        touches_selection = touches_selection || selected[index];
        units.insert(data.rows[index].unit);
      }
      const bool suspicious = live >= 2 || (live == 1 && units.size() >= 2);
      if (suspicious && touches_selection) outcome.findings.push_back(group_finding(input, group));
    }
    start = end;
  }
  return outcome;
}

}  // namespace jiangbu
