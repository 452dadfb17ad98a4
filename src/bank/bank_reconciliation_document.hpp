#pragma once
// The bank reconciliation laid out as a 银行存款余额调节表 for every export
// format: the two-sided summary (企业账面余额 | 银行对账单余额, each with its
// additions, deductions and 调节后余额), the unmatched items of each of the
// four columns, the matches whose dates differ, and whether the adjusted
// balances agree.
#include "bank/bank_reconciliation.hpp"
#include "report/report_document.hpp"

namespace jiangbu {

// Table keys: "summary", "bank_in_not_in_book" (银行已收企业未收),
// "bank_out_not_in_book" (银行已付企业未付), "book_in_not_in_bank"
// (企业已收银行未收), "book_out_not_in_bank" (企业已付银行未付),
// "date_shifted_matches".
ReportDocument bank_reconciliation_document(const BankReconciliation& report);

}  // namespace jiangbu
