#include "report/audit_report.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <set>

#include <spdlog/spdlog.h>

#include "analytics/analytics_loader.hpp"
#include "core/reason_code.hpp"
#include "money/money_chinese.hpp"
#include "policy/policy_store.hpp"
#include "registry/brands.hpp"
#include "bank/bank_statement.hpp"
#include "registry/units.hpp"
#include "report/report_template.hpp"
#include "store/mapped_pages.hpp"
#include "store/reading_sibling.hpp"
#include "store/shared_read_snapshot.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t clawbacks_max = 100'000;
constexpr const char* template_path = "reports/audit-report.toml";

// Ends each part of the report: says at debug level how long it took, so
// `--log-level debug` shows where a slow report's time goes.
class ReportPhases {
 public:
  void end(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("audit report: {} in {} ms", phase,
                  std::chrono::duration_cast<std::chrono::milliseconds>(now - last_).count());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

std::string cite(const Citation& source) { return source.file + " " + source.article; }
std::string yuan(const Money& amount) { return amount.to_plain_string(); }
std::string upper(const Money& amount) { return format_chinese_uppercase(amount); }

// Where the policy states the rule a reason code enforces; rules that are
// bookkeeping hygiene rather than policy say so.
std::string rule_citation(const Policy& policy, ReasonCode code) {
  switch (code) {
    case ReasonCode::category_not_allowed:
      return policy.allowed_categories.empty() ? "" : cite(policy.allowed_categories.front().source);
    case ReasonCode::category_banned:
      return policy.banned_categories.empty() ? "" : cite(policy.banned_categories.front().source);
    case ReasonCode::cash_payment: return cite(policy.cash_banned.source);
    case ReasonCode::retroactive: return cite(policy.retroactive_banned.source);
    case ReasonCode::over_plan:
    case ReasonCode::no_plan_filed: return cite(policy.plan_required.source);
    case ReasonCode::grant_revoked:
      return policy.revocation_ban_years ? cite(policy.revocation_ban_years->source) : "";
    case ReasonCode::grant_suspended: return policy.suspension_months ? cite(policy.suspension_months->source) : "";
    case ReasonCode::overdrawn:
      return policy.award_by_tier.empty() ? "" : cite(policy.award_by_tier.begin()->second.source);
    default: return "财务核算与票据管理规则（jiangbu 校验 " + std::string(reason_code_name(code)) + "）";
  }
}

void add_unique(std::vector<std::string>& values, const std::string& value) {
  if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
}

std::vector<Finding> intercepted_findings(const AuditReport& report, const ReportTemplate& wording) {
  std::vector<Finding> findings;
  for (const auto& info : reason_codes()) {
    if (info.kind != ReasonKind::rule) continue;
    Finding finding;
    finding.kind = FindingKind::intercepted;
    finding.rule = std::string(info.name);
    finding.rectified = true;
    for (const auto& item : report.exceptions) {
      if (std::find(item.reasons.begin(), item.reasons.end(), info.name) == item.reasons.end()) continue;
      ++finding.item_count;
      add_unique(finding.units, item.unit_uscc);
      finding.references.push_back(item.external_id);
      if (item.amount) finding.amount += *item.amount;
      finding.rectified = finding.rectified && item.rectified_by_expenditure_id.has_value();
    }
    if (finding.item_count == 0) continue;
    finding.title = wording.find_text("finding_titles." + finding.rule).value_or(std::string(info.meaning));
    finding.citation = rule_citation(report.policy, info.code);
    finding.action = wording.text(finding.rectified ? "actions.intercepted_rectified" : "actions.intercepted_open");
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::string voucher_of(Database& database, std::int64_t entry_id) {
  std::string voucher;
  const long long id = entry_id;
  database.session() << "SELECT voucher_number FROM journal_entries WHERE entry_id = :id", soci::use(id),
      soci::into(voucher);
  return voucher;
}

std::vector<Finding> clawback_findings(Database& database, const AuditReport& report, const ReportTemplate& wording) {
  std::set<std::string> award_ids;
  for (const auto& award : report.statement.awards) award_ids.insert(award.award_id);
  const std::string from = report.selection.from ? report.selection.from->to_string() : "0000-00-00";
  const std::string to = report.selection.to.to_string();
  std::string award_id, unit_id, returned_on, document, reason;
  long long amount_fen = 0, bureau_entry = 0, unit_entry = 0;
  soci::statement statement =
      (database.session().prepare << "SELECT award_id, unit_id, amount_fen, returned_on, document_number, reason, "
                                     "bureau_entry_id, unit_entry_id FROM clawbacks WHERE returned_on >= :from "
                                     "AND returned_on <= :to ORDER BY returned_on, clawback_id",
       soci::use(from), soci::use(to), soci::into(award_id), soci::into(unit_id), soci::into(amount_fen),
       soci::into(returned_on), soci::into(document), soci::into(reason), soci::into(bureau_entry),
       soci::into(unit_entry));
  statement.execute();
  // Rows are collected first: voucher_of() queries the same session, which
  // must not run while this statement is still fetching.
  std::vector<std::tuple<std::string, std::string, long long, std::string, std::string, long long, long long>> rows;
  for (std::size_t count = 0; count < clawbacks_max && statement.fetch(); ++count) {
    if (!award_ids.contains(award_id)) continue;
    if (!report.selection.unit_id.empty() && unit_id != report.selection.unit_id) continue;
    rows.emplace_back(award_id, unit_id, amount_fen, document, reason, bureau_entry, unit_entry);
  }
  std::vector<Finding> findings;
  for (const auto& [award, unit, fen, decision, why, bureau, unit_side] : rows) {
    Finding finding;
    finding.kind = FindingKind::clawback;
    finding.rule = "clawback";
    finding.title = wording.text("finding_titles.clawback") + "：" + why;
    finding.citation = "追缴决定 " + decision;
    finding.units = {unit};
    finding.references = {award, "局方 " + voucher_of(database, bureau), "单位 " + voucher_of(database, unit_side)};
    finding.item_count = 1;
    finding.amount = Money::from_fen(fen);
    finding.rectified = true;
    finding.action = wording.text("actions.clawback");
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> revoked_balance_findings(Database& database, const AuditReport& report,
                                              const ReportTemplate& wording) {
  std::vector<Finding> findings;
  for (const auto& share : report.statement.shares) {
    if (award_status_on(database, share.award_id, report.selection.to) != AwardStatus::revoked) continue;
    const Money remaining = share.closing();
    if (!remaining.is_positive()) continue;
    Finding finding;
    finding.kind = FindingKind::revoked_balance;
    finding.rule = "revoked-balance";
    finding.title = wording.text("finding_titles.revoked-balance");
    finding.citation = report.policy.revocation_ban_years ? cite(report.policy.revocation_ban_years->source) : "";
    finding.units = {share.unit_id};
    finding.references = {share.award_id};
    finding.item_count = 1;
    finding.amount = remaining;
    finding.to_recover = remaining;
    finding.action = wording.fill("actions.revoked_balance", {{"amount", yuan(remaining)}, {"amount_upper", upper(remaining)}});
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::vector<Finding> inter_book_findings(const AuditReport& report, const ReportTemplate& wording) {
  std::vector<Finding> findings;
  for (const auto& pair : report.reconciliation.differing_pairs()) {
    Finding finding;
    finding.kind = FindingKind::inter_book;
    finding.rule = "inter-book";
    finding.title = wording.text("finding_titles.inter-book");
    finding.citation = "账账核对：局方已拨应等于单位已收";
    finding.units = {pair.unit_id};
    finding.references = {pair.award_id, "局方 " + (pair.bureau_voucher.empty() ? "（无）" : pair.bureau_voucher),
                          "单位 " + (pair.unit_voucher.empty() ? "（无）" : pair.unit_voucher)};
    finding.item_count = 1;
    finding.amount = pair.difference().absolute();
    finding.action = wording.text("actions.inter_book");
    findings.push_back(std::move(finding));
  }
  return findings;
}

Finding bank_finding(const BankReconciliation& bank, const std::vector<ReconcilingItem>& items, const Date& settled_by,
                     const std::string& rule, const ReportTemplate& wording) {
  Finding finding;
  finding.kind = FindingKind::bank;
  finding.rule = rule;
  finding.title = wording.text("finding_titles." + rule);
  finding.citation = wording.text("text.bank_citation");
  finding.units = {bank.unit_id};
  for (const auto& item : items) {
    if (item.date > settled_by) continue;  // still inside the matching window: may yet clear
    finding.references.push_back(item.date.to_string() + " " + item.reference);
    finding.amount += item.amount;
    ++finding.item_count;
  }
  finding.action = wording.text("actions.bank");
  return finding;
}

std::vector<Finding> bank_findings(const AuditReport& report, const ReportTemplate& wording) {
  std::vector<Finding> findings;
  for (const auto& bank : report.bank_reconciliations) {
    const Date settled_by = bank.as_of.plus_days(-bank.window_days);
    for (auto finding : {bank_finding(bank, bank.book_out_not_in_bank, settled_by, "bank-book-payment-unmatched", wording),
                         bank_finding(bank, bank.bank_out_not_in_book, settled_by, "bank-payment-off-book", wording),
                         bank_finding(bank, bank.book_in_not_in_bank, settled_by, "bank-book-receipt-unmatched", wording),
                         bank_finding(bank, bank.bank_in_not_in_book, settled_by, "bank-receipt-off-book", wording)}) {
      if (finding.item_count > 0) findings.push_back(std::move(finding));
    }
    if (!bank.agrees()) {
      Finding gap;
      gap.kind = FindingKind::bank;
      gap.rule = "bank-gap";
      gap.title = wording.text("finding_titles.bank-gap");
      gap.citation = wording.text("text.bank_citation");
      gap.units = {bank.unit_id};
      gap.references = {bank.account_code};
      gap.item_count = 1;
      gap.amount = bank.gap().absolute();
      gap.action = wording.text("actions.bank");
      findings.push_back(std::move(gap));
    }
  }
  return findings;
}

Status add_bank_reconciliations(Database& database, AuditReport& report) {
  std::vector<std::string> units;
  for (const auto& share : report.statement.shares) {
    if (std::find(units.begin(), units.end(), share.unit_id) == units.end()) units.push_back(share.unit_id);
  }
  for (const auto& unit : units) {
    if (list_bank_statements(database, unit, std::string(dedicated_bank_account)).empty()) continue;
    ReconciliationRequest request;
    request.unit_id = unit;
    request.as_of = report.selection.to;
    auto bank = reconcile_bank_account(database, request);
    if (!bank) return bank.error();
    report.bank_reconciliations.push_back(std::move(bank.value()));
  }
  return success();
}

std::string deadline_text(const Policy& policy, const Date& report_date, const ReportTemplate& wording) {
  if (policy.rectification_months && !policy.rectification_months->source.silent) {
    return wording.fill("text.deadline_known",
                        {{"deadline", plus_months(report_date, policy.rectification_months->value).to_string()},
                         {"citation", cite(policy.rectification_months->source)}});
  }
  const Citation* silent = policy.rectification_months ? &policy.rectification_months->source : nullptr;
  if (!silent) {
    if (const auto* absent = policy.find_absent("rectification.months")) silent = &absent->source;
  }
  if (!silent) return wording.text("text.deadline_absent");
  return wording.fill("text.deadline_silent", {{"note", silent->note}, {"citation", cite(*silent)}});
}

AuditSummary summarise(const AuditReport& report) {
  AuditSummary summary;
  summary.finding_count = report.findings.size();
  for (const auto& finding : report.findings) {
    if (finding.rectified) ++summary.rectified_count;
    if (finding.counts_as_violation()) summary.violation_amount += finding.amount;
    summary.to_recover += finding.to_recover;
  }
  for (const auto& item : report.exceptions) {
    const bool rule_broken = std::any_of(item.reasons.begin(), item.reasons.end(),
                                         [](const std::string& code) { return reason_kind(code) == ReasonKind::rule; });
    if (rule_broken && item.amount) summary.intercepted_amount += *item.amount;
  }
  return summary;
}

// The parts that read the books rather than the expenditures: the hash
// chain's head, the exception register and the inter-book reconciliation.
struct BookChecks {
  Result<JournalHead> journal_head;
  Result<std::vector<ExceptionItem>> exceptions;
  Result<InterBookReconciliation> reconciliation;
};

BookChecks check_books(Database& database, const ReportSelection& selection) {
  auto journal_head = stored_journal_head(database);
  auto exceptions = exception_items(database, selection);
  release_mapped_pages(database);
  auto reconciliation = reconcile_books(database, selection);
  return {std::move(journal_head), std::move(exceptions), std::move(reconciliation)};
}

}  // namespace

std::string AuditSummary::rectification_rate() const {
  if (finding_count == 0) return "";
  return format_percent(FenInteger(rectified_count), FenInteger(finding_count));
}

Date plus_months(const Date& date, int months) {
  const int index = date.year() * 12 + static_cast<int>(date.month()) - 1 + months;
  const int year = index / 12;
  const unsigned month = static_cast<unsigned>(index % 12 + 1);
  // The day clamped to the month's end: the first of the next month less one.
  const int next_index = index + 1;
  const Date first_of_next = Date::from_parts(next_index / 12, static_cast<unsigned>(next_index % 12 + 1), 1);
  const unsigned last_day = first_of_next.plus_days(-1).day();
  return Date::from_parts(year, month, std::min(date.day(), last_day));
}

Result<AuditReport> audit_report(Database& database, const ReportSelection& selection,
                                 const AnalyticsConfig& analytics_config) {
  if (selection.policy_id.empty()) {
    return make_error(ReasonCode::unknown_policy, "the audit report is for one policy: name it with --policy", "policy");
  }
  AuditReport report;
  report.selection = selection;
  ReportPhases phases;
  // On SQLite a sibling connection reads the books' checks on another thread
  // while this one reads the expenditures; elsewhere this one reads both.
  // Both read one committed state, so the parts tie even while units record.
  SharedReadSnapshot snapshot(database, open_reading_sibling(database));
  Database* sibling = snapshot.sibling();
  std::future<BookChecks> sibling_checks;
  if (sibling) {
    sibling_checks = std::async(std::launch::async, [&] { return check_books(*sibling, selection); });
  }
  auto policy = stored_policy(database, selection.policy_id);
  // The awards' expenditures are read once: the fund statement sums them,
  // the analytics examine them.
  auto awards = selected_awards(database, selection);
  auto rows = awards ? load_spending_rows(database, awards.value(), selection.to) : Result<SpendingData>(awards.error());
  // Reading every expenditure mapped most of the table; the parts after it
  // read a few pages each, so the map is let go here, once (store/mapped_pages.hpp).
  release_mapped_pages(database);
  phases.end("expenditures");
  BookChecks checks = sibling ? sibling_checks.get() : check_books(database, selection);
  phases.end(sibling ? "books' checks (beside the expenditures)" : "books' checks");
  snapshot.close_sibling();  // its page cache is not needed any more
  if (!checks.journal_head) return checks.journal_head.error();
  report.journal_head = std::move(checks.journal_head.value());
  if (!policy) return policy.error();
  report.policy = std::move(policy.value());
  if (!rows) return rows.error();
  auto statement = fund_statement(database, selection, std::move(awards.value()), rows.value());
  if (!statement) return statement.error();
  report.statement = std::move(statement.value());
  phases.end("fund statement");
  if (!checks.exceptions) return checks.exceptions.error();
  report.exceptions = std::move(checks.exceptions.value());
  if (!checks.reconciliation) return checks.reconciliation.error();
  report.reconciliation = std::move(checks.reconciliation.value());
  for (const auto& award : report.statement.awards) {
    const auto brand = find_brand(database, award.brand_id);
    report.brand_names[award.brand_id] = brand ? brand->name : award.brand_id;
  }
  const auto wording = ReportTemplate::embedded(template_path);
  if (auto banks = add_bank_reconciliations(database, report); !banks) return banks.error();
  phases.end("bank reconciliations");
  for (auto found : {intercepted_findings(report, wording), clawback_findings(database, report, wording),
                     revoked_balance_findings(database, report, wording), inter_book_findings(report, wording),
                     bank_findings(report, wording)}) {
    report.findings.insert(report.findings.end(), found.begin(), found.end());
  }
  const std::string deadline = deadline_text(report.policy, selection.to, wording);
  for (auto& finding : report.findings) {
    if (!finding.rectified) finding.deadline = deadline;
  }
  report.summary = summarise(report);
  phases.end("findings");
  auto analytics_input = load_analytics_input(database, report.statement, std::move(rows.value()));
  if (!analytics_input) return analytics_input.error();
  phases.end("analytics facts");
  report.analytics = run_analytics(analytics_input.value(), analytics_config, HolidayCalendar::embedded());
  phases.end("analyses");
  resolve_evidence(database, report.analytics);
  phases.end("evidence vouchers");
  return report;
}

}  // namespace jiangbu
