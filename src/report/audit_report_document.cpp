// The audit report laid out: the template's wording around the figures
// computed in audit_report.cpp.
#include <algorithm>

#include "money/money_chinese.hpp"
#include "money/money_format.hpp"
#include "bank/bank_reconciliation_document.hpp"
#include "report/audit_report.hpp"
#include "report/report_template.hpp"

namespace jiangbu {

namespace {

std::string yuan(const Money& amount) { return amount.to_plain_string(); }
std::string grouped(const Money& amount) { return format_yuan(amount); }  // prose, for people
std::string upper(const Money& amount) { return format_chinese_uppercase(amount); }
std::string or_dash(const std::string& text) { return text.empty() ? "—" : text; }

std::string joined(const std::vector<std::string>& values, const std::string& separator) {
  std::string result;
  for (const auto& value : values) result += (result.empty() ? "" : separator) + value;
  return result;
}

TemplateValues template_values(const AuditReport& report) {
  const ShareFunds total = report.statement.totals();
  std::vector<std::string> award_ids;
  std::vector<std::string> units;
  for (const auto& award : report.statement.awards) award_ids.push_back(award.award_id);
  for (const auto& share : report.statement.shares) {
    if (std::find(units.begin(), units.end(), share.unit_id) == units.end()) units.push_back(share.unit_id);
  }
  const Money received = total.received.total() - total.clawed_back.total();
  const AuditSummary& summary = report.summary;
  return {{"policy_title", report.policy.title},
          {"policy_issuer", report.policy.issuer.empty() ? "发文单位未载明" : report.policy.issuer},
          {"policy_issued_on", report.policy.issued_on.empty() ? "日期未载明" : report.policy.issued_on},
          {"policy_source_file", report.policy.source_file},
          {"period", period_text(report.selection)},
          {"as_of", report.selection.to.to_string()},
          {"award_count", std::to_string(award_ids.size())},
          {"unit_count", std::to_string(units.size())},
          {"award_list", award_ids.empty() ? "无" : joined(award_ids, "、")},
          {"approved", grouped(total.share)},
          {"approved_upper", upper(total.share)},
          {"received", grouped(total.received.total())},
          {"received_upper", upper(total.received.total())},
          {"spent", grouped(total.spent.total())},
          {"spent_upper", upper(total.spent.total())},
          {"clawed_back", grouped(total.clawed_back.total())},
          {"balance", grouped(total.closing())},
          {"balance_upper", upper(total.closing())},
          {"execution_rate", received.is_positive() ? format_percent(total.spent.total(), received) + "%" : "—"},
          {"difference_count", std::to_string(report.reconciliation.differing_pairs().size())},
          {"finding_count", std::to_string(summary.finding_count)},
          {"rectified_count", std::to_string(summary.rectified_count)},
          {"rectification_rate", summary.finding_count ? summary.rectification_rate() + "%" : "—"},
          {"violation_amount", grouped(summary.violation_amount)},
          {"violation_amount_upper", upper(summary.violation_amount)},
          {"intercepted_amount", grouped(summary.intercepted_amount)},
          {"analytics_count", std::to_string(report.analytics.findings.size())},
          {"analytics_rows", std::to_string(report.analytics.rows_selected)},
          {"analytics_top_count", std::to_string(std::min<std::size_t>(report.analytics.findings.size(), 10))}};
}

// The journal the figures were computed from, to check later with
// `jiangbu verify --expect <head>`: a table, so that CSV carries it too.
ReportTable journal_head_table(const JournalHead& head) {
  ReportTable table{"journal_chain", "账簿哈希链（SHA-256）",
                    {{"head", "链头"}, {"entries", "凭证数", CellKind::count}, {"chains", "链数", CellKind::count}},
                    {}, {}, "无"};
  table.add_row({head.combined_hash, std::to_string(head.entry_count), std::to_string(head.chain_count)});
  return table;
}

ReportTable award_table(const AuditReport& report) {
  ReportTable table{"awards", "奖补总体情况",
                    {{"award", "奖补"}, {"brand", "品牌"}, {"tier", "级别"}, {"document", "文号"},
                     {"effective_on", "生效日", CellKind::date}, {"approved", "核定金额", CellKind::money},
                     {"received", "累计拨付", CellKind::money}, {"spent", "累计支出", CellKind::money},
                     {"clawed_back", "累计收回", CellKind::money}, {"balance", "结余", CellKind::money},
                     {"execution_rate", "执行率", CellKind::percent}},
                    {}, {}, "所选范围内没有奖补"};
  for (const auto& award : report.statement.awards) {
    const ShareFunds total = report.statement.award_totals(award.award_id);
    const auto brand = report.brand_names.find(award.brand_id);
    table.add_row({award.award_id, brand == report.brand_names.end() ? award.brand_id : brand->second, std::string(tier_chinese_name(award.tier)), award.document_number,
                   award.effective_on.to_string(), yuan(total.share), yuan(total.received.total()),
                   yuan(total.spent.total()), yuan(total.clawed_back.total()), yuan(total.closing()),
                   total.execution_rate()});
  }
  return table;
}

ReportTable findings_table(const AuditReport& report) {
  ReportTable table{"findings", "问题清单",
                    {{"number", "序号", CellKind::count}, {"title", "问题"}, {"citation", "规则与依据"},
                     {"units", "涉及单位"}, {"references", "凭证或申报单号"}, {"items", "笔数", CellKind::count},
                     {"amount", "金额", CellKind::money}, {"violation", "计入违规金额"}, {"status", "整改情况"}},
                    {}, {}, "未发现问题"};
  for (std::size_t index = 0; index < report.findings.size(); ++index) {
    const Finding& finding = report.findings[index];
    std::vector<std::string> references = finding.references;
    if (references.size() > 20) {
      const std::size_t count = references.size();
      references.resize(20);
      references.push_back("等 " + std::to_string(count) + " 笔");
    }
    table.add_row({std::to_string(index + 1), finding.title, or_dash(finding.citation), joined(finding.units, "、"),
                   joined(references, "、"), std::to_string(finding.item_count), yuan(finding.amount),
                   finding.counts_as_violation() ? "是" : "否（已拦截）", finding.rectified ? "已整改" : "未整改"});
  }
  return table;
}

ReportTable recommendations_table(const AuditReport& report) {
  ReportTable table{"recommendations", "处理意见",
                    {{"number", "序号", CellKind::count}, {"title", "问题"}, {"action", "处理意见"},
                     {"to_recover", "应收回金额", CellKind::money}, {"deadline", "整改期限"}},
                    {}, {}, "无"};
  for (std::size_t index = 0; index < report.findings.size(); ++index) {
    const Finding& finding = report.findings[index];
    table.add_row({std::to_string(index + 1), finding.title, finding.action, yuan(finding.to_recover),
                   finding.rectified ? "已整改" : finding.deadline});
  }
  if (!report.findings.empty()) table.set_total_row({"", "合计", "", yuan(report.summary.to_recover), ""});
  return table;
}

ReportTable summary_amounts_table(const AuditReport& report) {
  const ShareFunds total = report.statement.totals();
  ReportTable table{"summary_amounts", "汇总金额",
                    {{"item", "指标"}, {"amount", "金额", CellKind::money}, {"amount_upper", "大写"}}, {}, {}, "无"};
  const auto add = [&](const char* label, const Money& amount) {
    table.add_row({label, yuan(amount), upper(amount)});
  };
  add("核定金额", total.share);
  add("累计拨付", total.received.total());
  add("累计支出", total.spent.total());
  add("累计收回", total.clawed_back.total());
  add("期末结余", total.closing());
  add("违规金额", report.summary.violation_amount);
  add("拦截金额", report.summary.intercepted_amount);
  add("应收回金额", report.summary.to_recover);
  return table;
}

ReportTable summary_counts_table(const AuditReport& report) {
  ReportTable table{"summary_counts", "汇总数量", {{"item", "指标"}, {"count", "数量", CellKind::count}}, {}, {}, "无"};
  table.add_row({"问题数", std::to_string(report.summary.finding_count)});
  table.add_row({"已整改问题数", std::to_string(report.summary.rectified_count)});
  table.add_row({"被拒绝的申报", std::to_string(report.exceptions.size())});
  table.add_row({"数据分析疑点", std::to_string(report.analytics.findings.size())});
  table.add_row({"奖补数", std::to_string(report.statement.awards.size())});
  return table;
}

ReportTable summary_rates_table(const AuditReport& report) {
  const ShareFunds total = report.statement.totals();
  const Money received = total.received.total() - total.clawed_back.total();
  ReportTable table{"summary_rates", "汇总比率", {{"item", "指标"}, {"rate", "比率", CellKind::percent}}, {}, {}, "无"};
  table.add_row({"整改率", report.summary.rectification_rate()});
  table.add_row({"执行率", received.is_positive() ? format_percent(total.spent.total(), received) : ""});
  return table;
}

}  // namespace

ReportDocument audit_report_document(const AuditReport& report) {
  const auto wording = ReportTemplate::embedded("reports/audit-report.toml");
  const TemplateValues values = template_values(report);
  ReportDocument document;
  document.key = "audit";
  document.title = wording.text("title");
  document.subtitle = wording.fill("subtitle", values);
  std::vector<std::string> award_ids;
  for (const auto& award : report.statement.awards) award_ids.push_back(award.award_id);
  document.metadata = {{"政策", report.policy.policy_id},
                       {"审计期间", period_text(report.selection)},
                       {"截止日", report.selection.to.to_string()},
                       {"奖补", award_ids.empty() ? "无" : joined(award_ids, "、")}};
  if (!report.selection.unit_id.empty()) document.metadata.emplace_back("单位", report.selection.unit_id);

  ReportSection basis{"basis", wording.text("sections.basis"), {}};
  basis.blocks.emplace_back(Paragraph{wording.fill("text.basis", values)});
  basis.blocks.emplace_back(Paragraph{wording.fill("text.scope", values)});
  basis.blocks.emplace_back(journal_head_table(report.journal_head));

  ReportSection overview{"overview", wording.text("sections.overview"), {}};
  overview.blocks.emplace_back(Paragraph{wording.fill("text.overview", values)});
  overview.blocks.emplace_back(Paragraph{wording.fill(
      report.reconciliation.agrees() ? "text.reconciliation_agrees" : "text.reconciliation_differs", values)});
  overview.blocks.emplace_back(award_table(report));
  overview.blocks.emplace_back(share_funds_table(report.statement));
  overview.blocks.emplace_back(category_spending_table(report.statement));
  overview.blocks.emplace_back(category_spending_chart(report.statement));
  overview.blocks.emplace_back(execution_rate_chart(report.statement));
  overview.blocks.emplace_back(plan_versus_actual_table(report.statement));
  overview.blocks.emplace_back(share_reconciliation_table(report.reconciliation));
  if (!report.bank_reconciliations.empty()) {
    overview.blocks.emplace_back(Paragraph{wording.fill("text.bank_intro", values)});
  }
  for (const auto& bank : report.bank_reconciliations) {
    // The 调节表 summary of each unit, keyed by the unit so keys stay unique.
    const auto unit_document = bank_reconciliation_document(bank);
    if (const auto* summary = unit_document.find_table("summary")) {
      ReportTable table = *summary;
      table.key = "bank_summary_" + bank.unit_id;
      table.title = "银行存款余额调节表 " + (bank.unit_name.empty() ? bank.unit_id : bank.unit_name);
      overview.blocks.emplace_back(std::move(table));
    }
  }

  ReportSection findings{"findings", wording.text("sections.findings"), {}};
  findings.blocks.emplace_back(
      Paragraph{wording.fill(report.findings.empty() ? "text.findings_none" : "text.findings_intro", values)});
  findings.blocks.emplace_back(findings_table(report));
  findings.blocks.emplace_back(exception_table(report.exceptions));
  findings.blocks.emplace_back(
      voucher_pair_table(report.reconciliation.differing_pairs(), "inter_book_differences", "往来差异明细"));

  findings.blocks.emplace_back(Paragraph{wording.fill(
      report.analytics.findings.empty() ? "text.analytics_none" : "text.analytics_intro", values)});
  findings.blocks.emplace_back(analytics_findings_table(report.analytics));
  findings.blocks.emplace_back(analytics_evidence_table(report.analytics));
  findings.blocks.emplace_back(analytics_runs_table(report.analytics));
  findings.blocks.emplace_back(benford_table(report.analytics));

  ReportSection recommendations{"recommendations", wording.text("sections.recommendations"), {}};
  recommendations.blocks.emplace_back(recommendations_table(report));
  if (!report.analytics.findings.empty()) {
    recommendations.blocks.emplace_back(Paragraph{wording.fill("text.analytics_recommendation", values)});
  }

  ReportSection summary{"summary", wording.text("sections.summary"), {}};
  summary.blocks.emplace_back(summary_amounts_table(report));
  summary.blocks.emplace_back(summary_counts_table(report));
  summary.blocks.emplace_back(summary_rates_table(report));

  document.sections = {std::move(basis), std::move(overview), std::move(findings), std::move(recommendations),
                       std::move(summary)};
  return document;
}

}  // namespace jiangbu
