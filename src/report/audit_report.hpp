#pragma once
// 专项资金审计报告: the finance bureau's audit report for one policy, a
// period and a set of awards. Everything in it is computed here, once, and
// laid out as a ReportDocument that every export format renders, so the
// XLSX, PDF, CSV, JSON and HTML carry the same figures.
//
// Findings come from what the books and registers show:
//   - submissions the rules rejected, grouped by rule (intercepted: their
//     amounts are reported apart from 违规金额 because no money moved);
//   - clawbacks (misuse established and remedied);
//   - revoked awards whose unspent balance has not been returned;
//   - vouchers on which the bureau's and the unit's books disagree;
//   - for units whose bank statements were imported, postings the bank
//     never saw (possible 虚列支出) and bank payments the books lack
//     (账外支出), older than the matching window, and a 调节表 that does not
//     agree.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/analytics.hpp"
#include "analytics/analytics_config.hpp"
#include "core/result.hpp"
#include "ledger/journal_chain.hpp"
#include "money/money.hpp"
#include "policy/policy.hpp"
#include "bank/bank_reconciliation.hpp"
#include "report/exception_register.hpp"
#include "report/fund_statement.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "report/report_document.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class FindingKind { intercepted, clawback, revoked_balance, inter_book, bank };

struct Finding {
  FindingKind kind = FindingKind::intercepted;
  std::string rule;       // reason code, or "clawback", "revoked-balance", "inter-book"
  std::string title;
  std::string citation;   // "002_318121ba9f7bd672.txt 二(五)3", or the decision it rests on
  std::vector<std::string> units;
  std::vector<std::string> references;  // vouchers, submission ids
  std::size_t item_count = 0;
  Money amount;
  bool rectified = false;
  Money to_recover;       // what the recommendation asks to claw back
  std::string action;     // 处理意见
  std::string deadline;   // 整改期限 text
  [[nodiscard]] bool counts_as_violation() const { return kind != FindingKind::intercepted; }
};

struct AuditSummary {
  std::size_t finding_count = 0;
  std::size_t rectified_count = 0;
  Money violation_amount;
  Money intercepted_amount;
  Money to_recover;
  [[nodiscard]] std::string rectification_rate() const;  // percent, "" without findings
};

struct AuditReport {
  ReportSelection selection;
  Policy policy;
  FundStatement statement;
  std::vector<ExceptionItem> exceptions;
  InterBookReconciliation reconciliation;
  std::vector<BankReconciliation> bank_reconciliations;  // units with imported statements
  std::map<std::string, std::string> brand_names;  // brand id -> name
  std::vector<Finding> findings;  // in the order the report lists them
  AuditSummary summary;
  // The analytics' ranked leads (审计疑点): listed after the findings, not
  // counted in 问题数 or 违规金额 until an auditor confirms them.
  AnalyticsResult analytics;
  // The journal's hash-chain head and entry count the report was computed
  // from, as stored; `jiangbu verify --expect <head>` confirms the journal
  // still is what the report read.
  JournalHead journal_head;
};

// The selection must name a policy.
Result<AuditReport> audit_report(Database& database, const ReportSelection& selection,
                                 const AnalyticsConfig& analytics_config = AnalyticsConfig::defaults());

ReportDocument audit_report_document(const AuditReport& report);

// Date + whole months, the day clamped to the month's end (01-31 + 1 = 02-28).
Date plus_months(const Date& date, int months);

}  // namespace jiangbu
