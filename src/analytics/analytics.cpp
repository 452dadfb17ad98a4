#include "analytics/analytics.hpp"

#include <algorithm>
#include <future>
#include <map>

#include "money/money_format.hpp"
#include "store/bulk_rows.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t evidence_fetch_rows = 10'000;

std::string percent(int value) { return std::to_string(value) + "%"; }

std::string parameters_of(Analysis analysis, const AnalyticsConfig& config) {
  switch (analysis) {
    case Analysis::duplicate_invoices: return "按发票号码（不含销售方）跨单位分组";
    case Analysis::near_duplicate_payees:
      return "编辑距离 ≤ " + std::to_string(config.near_duplicate_payees.max_edit_distance) + "，名称至少 " +
             std::to_string(config.near_duplicate_payees.min_name_length) + " 字";
    case Analysis::split_payments:
      return "限额 " + format_yuan(config.split_payments.threshold) + " 元，" + std::to_string(config.split_payments.window_days) +
             " 天内，至少 " + std::to_string(config.split_payments.min_payments) + " 笔";
    case Analysis::round_amounts:
      return format_yuan(config.round_amounts.round_unit) + " 元整数倍，预期占比 " +
             percent(config.round_amounts.expected_share_percent) + "，至少 " + std::to_string(config.round_amounts.min_rows) + " 笔";
    case Analysis::rest_days: return "周末（调休上班日除外）与法定节假日，至少 " + std::to_string(config.rest_days.min_rows) + " 笔";
    case Analysis::spending_spikes:
      return "12 月或评估、报告节点前 " + std::to_string(config.spending_spikes.deadline_window_days) + " 天占比 ≥ " +
             percent(config.spending_spikes.window_share_percent);
    case Analysis::payee_concentration:
      return "HHI ≥ " + std::to_string(config.payee_concentration.hhi_threshold) + "，至少 " +
             std::to_string(config.payee_concentration.min_payments) + " 笔";
    case Analysis::benford:
      return "至少 " + std::to_string(config.benford.min_rows) + " 笔，MAD > " +
             millionths_text(config.benford.mad_nonconformity_millionths, 3) + " 为不符合";
    case Analysis::related_parties: return "本单位信用代码、名称、登记的关联人员、同一奖补的其他创建单位";
    case Analysis::idle_funds:
      return "首次拨付满 " + std::to_string(config.idle_funds.after_months) + " 个月且执行率 < " +
             percent(config.idle_funds.execution_rate_below_percent);
  }
  return {};
}

bool enabled(Analysis analysis, const AnalyticsConfig& config) {
  switch (analysis) {
    case Analysis::duplicate_invoices: return config.duplicate_invoices.enabled;
    case Analysis::near_duplicate_payees: return config.near_duplicate_payees.enabled;
    case Analysis::split_payments: return config.split_payments.enabled;
    case Analysis::round_amounts: return config.round_amounts.enabled;
    case Analysis::rest_days: return config.rest_days.enabled;
    case Analysis::spending_spikes: return config.spending_spikes.enabled;
    case Analysis::payee_concentration: return config.payee_concentration.enabled;
    case Analysis::benford: return config.benford.enabled;
    case Analysis::related_parties: return config.related_parties.enabled;
    case Analysis::idle_funds: return config.idle_funds.enabled;
  }
  return false;
}

AnalysisOutcome run_one(Analysis analysis, const AnalyticsInput& input, const AnalyticsConfig& config,
                        const HolidayCalendar& calendar, AnalyticsResult& result) {
  switch (analysis) {
    case Analysis::duplicate_invoices: return find_duplicate_invoices(input);
    case Analysis::near_duplicate_payees: return find_near_duplicate_payees(input, config.near_duplicate_payees);
    case Analysis::split_payments: return find_split_payments(input, config.split_payments);
    case Analysis::round_amounts: return find_round_amounts(input, config.round_amounts);
    case Analysis::rest_days: return find_rest_day_spending(input, config.rest_days, calendar);
    case Analysis::spending_spikes: return find_spending_spikes(input, config.spending_spikes);
    case Analysis::payee_concentration: return find_payee_concentration(input, config.payee_concentration);
    case Analysis::benford: {
      auto benford = run_benford_test(input, config.benford);
      result.benford = std::move(benford.scopes);
      return std::move(benford.outcome);
    }
    case Analysis::related_parties: return find_related_parties(input, config.near_duplicate_payees);
    case Analysis::idle_funds: return find_idle_funds(input, config.idle_funds);
  }
  return {};
}

std::string joined(const std::vector<std::string>& values, const std::string& separator, std::size_t shown_max) {
  std::string text;
  for (std::size_t index = 0; index < values.size() && index < shown_max; ++index) {
    text += (text.empty() ? "" : separator) + values[index];
  }
  if (values.size() > shown_max) text += " 等 " + std::to_string(values.size()) + " 个";
  return text;
}

}  // namespace

void rank_findings(std::vector<AnalyticsFinding>& findings) {
  const auto first_id = [](const AnalyticsFinding& finding) {
    return finding.evidence.empty() ? 0 : finding.evidence.front().expenditure_id;
  };
  std::stable_sort(findings.begin(), findings.end(), [&](const AnalyticsFinding& left, const AnalyticsFinding& right) {
    if (left.score != right.score) return left.score > right.score;
    if (left.amount != right.amount) return left.amount > right.amount;
    if (left.analysis != right.analysis) return left.analysis < right.analysis;
    return first_id(left) < first_id(right);
  });
  for (std::size_t index = 0; index < findings.size(); ++index) findings[index].rank = index + 1;
}

AnalyticsResult run_analytics(const AnalyticsInput& input, const AnalyticsConfig& config, const HolidayCalendar& calendar) {
  AnalyticsResult result;
  result.rows_selected = input.selected.size();
  // The analyses only read the input, so each runs on a thread of its own
  // (ten at most); their outcomes are taken in the analyses' order, so the
  // result is the same as one after another. Only Benford writes to the
  // result (its digit table), and nothing else reads it until all are done.
  std::vector<std::future<AnalysisOutcome>> outcomes(analysis_count);
  for (std::size_t index = 0; index < analysis_count; ++index) {
    const auto analysis = static_cast<Analysis>(index);
    if (!enabled(analysis, config)) continue;
    outcomes[index] = std::async(std::launch::async, [&, analysis] { return run_one(analysis, input, config, calendar, result); });
  }
  for (std::size_t index = 0; index < analysis_count; ++index) {
    const auto analysis = static_cast<Analysis>(index);
    AnalysisRun run;
    run.analysis = analysis;
    run.enabled = outcomes[index].valid();
    run.parameters = parameters_of(analysis, config);
    if (run.enabled) {
      AnalysisOutcome outcome = outcomes[index].get();
      run.rows_examined = outcome.rows_examined;
      run.finding_count = outcome.findings.size();
      run.note = outcome.note;
      for (auto& finding : outcome.findings) result.findings.push_back(std::move(finding));
    } else {
      run.note = "已在参数文件中停用";
    }
    result.runs.push_back(std::move(run));
  }
  rank_findings(result.findings);
  return result;
}

void resolve_evidence(Database& database, AnalyticsResult& result) {
  // One query for every evidence line, not one per line.
  std::vector<long long> ids;
  for (const auto& finding : result.findings) {
    for (const auto& line : finding.evidence) {
      if (line.expenditure_id != 0) ids.push_back(line.expenditure_id);
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const std::string id_list = json_integer_array(ids);
  std::vector<long long> found_ids(evidence_fetch_rows);
  std::vector<std::string> external_ids(evidence_fetch_rows), vouchers(evidence_fetch_rows);
  soci::statement lookup =
      (database.session().prepare << "SELECT e.expenditure_id, e.external_id, j.voucher_number FROM expenditures e "
                                     "JOIN journal_entries j ON j.entry_id = e.entry_id WHERE e.expenditure_id IN " +
                                         json_integer_list(database.backend(), "ids"),
       soci::use(id_list), soci::into(found_ids), soci::into(external_ids), soci::into(vouchers));
  lookup.execute();
  std::map<long long, std::pair<std::string, std::string>> by_id;
  while (lookup.fetch()) {
    for (std::size_t index = 0; index < found_ids.size(); ++index) {
      by_id[found_ids[index]] = {external_ids[index], vouchers[index]};
    }
    found_ids.resize(evidence_fetch_rows);
    external_ids.resize(evidence_fetch_rows);
    vouchers.resize(evidence_fetch_rows);
  }
  for (auto& finding : result.findings) {
    for (auto& line : finding.evidence) {
      if (line.expenditure_id == 0) continue;
      const auto found = by_id.find(line.expenditure_id);
      line.external_id = found == by_id.end() ? "" : found->second.first;
      line.voucher = found == by_id.end() ? "" : found->second.second;
    }
  }
}

ReportTable analytics_findings_table(const AnalyticsResult& result) {
  ReportTable table{"analytics_findings", "审计疑点排序（数据分析）",
                    {{"rank", "排名", CellKind::count}, {"score", "得分", CellKind::count}, {"analysis", "分析"},
                     {"pattern", "疑点"}, {"units", "涉及单位"}, {"awards", "奖补"}, {"detail", "说明"},
                     {"items", "笔数", CellKind::count}, {"amount", "金额", CellKind::money}},
                    {}, {}, "数据分析未发现疑点"};
  for (const auto& finding : result.findings) {
    table.add_row({std::to_string(finding.rank), std::to_string(finding.score), std::string(analysis_title(finding.analysis)),
                   finding.pattern, joined(finding.units, "、", 5), joined(finding.awards, "、", 5), finding.detail,
                   std::to_string(finding.item_count), finding.amount.to_plain_string()});
  }
  return table;
}

ReportTable analytics_evidence_table(const AnalyticsResult& result) {
  ReportTable table{"analytics_evidence", "疑点证据（凭证）",
                    {{"rank", "排名", CellKind::count}, {"unit", "单位"}, {"voucher", "凭证号"}, {"external_id", "申报单号"},
                     {"date", "日期", CellKind::date}, {"amount", "金额", CellKind::money}, {"note", "摘要"}},
                    {}, {}, "无"};
  for (const auto& finding : result.findings) {
    for (const auto& line : finding.evidence) {
      table.add_row({std::to_string(finding.rank), line.unit_id.empty() ? "—" : line.unit_id,
                     line.voucher.empty() ? "—" : line.voucher,
                     line.external_id.empty() ? "—" : line.external_id, line.date.to_string(), line.amount.to_plain_string(),
                     line.note});
    }
  }
  return table;
}

ReportTable analytics_runs_table(const AnalyticsResult& result) {
  ReportTable table{"analytics_runs", "数据分析执行情况",
                    {{"analysis", "分析"}, {"key", "代码"}, {"parameters", "参数"}, {"rows", "检查笔数", CellKind::count},
                     {"findings", "疑点数", CellKind::count}, {"note", "说明"}},
                    {}, {}, "无"};
  for (const auto& run : result.runs) {
    table.add_row({std::string(analysis_title(run.analysis)), std::string(analysis_key(run.analysis)), run.parameters,
                   std::to_string(run.rows_examined), std::to_string(run.finding_count), run.note.empty() ? "—" : run.note});
  }
  return table;
}

ReportTable benford_table(const AnalyticsResult& result) {
  std::vector<ReportColumn> columns = {{"scope", "范围"}, {"rows", "笔数", CellKind::count}};
  for (int digit = 1; digit <= 9; ++digit) columns.push_back({"digit_" + std::to_string(digit), "首位" + std::to_string(digit), CellKind::count});
  columns.push_back({"mad", "MAD"});
  columns.push_back({"conformity", "符合程度"});
  ReportTable table{"benford", "本福特首位数字检验", columns, {}, {}, "没有可检验的支出"};
  for (const auto& scope : result.benford) {
    std::vector<std::string> row = {scope.scope, std::to_string(scope.rows)};
    for (const auto count : scope.counts) row.push_back(std::to_string(count));
    if (scope.tested) {
      row.push_back(millionths_text(scope.mad_millionths, 4));
      row.push_back(scope.conformity);
    } else {
      row.push_back("—");
      row.push_back("笔数不足，未检验");
    }
    table.add_row(std::move(row));
  }
  return table;
}

ReportDocument analytics_document(const ReportSelection& selection, const AnalyticsResult& result) {
  ReportDocument document;
  document.key = "analytics";
  document.title = "审计数据分析";
  document.metadata = {{"政策", selection.policy_id.empty() ? "全部" : selection.policy_id},
                       {"期间", period_text(selection)},
                       {"在账支出笔数", std::to_string(result.rows_selected)}};
  if (!selection.unit_id.empty()) document.metadata.emplace_back("单位", selection.unit_id);
  ReportSection section{"analytics", "审计疑点", {}};
  section.blocks.emplace_back(analytics_findings_table(result));
  section.blocks.emplace_back(analytics_evidence_table(result));
  section.blocks.emplace_back(analytics_runs_table(result));
  section.blocks.emplace_back(benford_table(result));
  document.sections.push_back(std::move(section));
  return document;
}

}  // namespace jiangbu
