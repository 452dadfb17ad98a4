#pragma once
// 往来核对: the bureau's book against each unit's book, share by share, read
// from the two ledgers (not from the payment tables, which are only used to
// pair vouchers): what the bureau accrued, paid and received back against
// what the unit booked as received and refunded. Every voucher pair is
// listed with both sides, and a voucher with no counterpart on the other
// book (a payment posted by hand, a receipt with no payment) is listed with
// the other side empty.
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "report/report_document.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class VoucherPairKind { payment, clawback };

struct VoucherPair {
  VoucherPairKind kind = VoucherPairKind::payment;
  std::string award_id;
  std::string unit_id;
  Date date = Date::from_parts(2000, 1, 1);
  std::string bureau_voucher;  // empty: nothing on the bureau's book
  Money bureau_amount;
  std::string unit_voucher;    // empty: nothing on the unit's book
  Money unit_amount;
  [[nodiscard]] Money difference() const { return bureau_amount - unit_amount; }
};

struct ShareReconciliation {
  std::string award_id;
  std::string unit_id;
  std::string unit_name;
  Money share;               // award_shares
  Money bureau_accrued;      // Cr 2303/<award>/<unit> by the accrual entry
  Money bureau_paid;         // accrued − the payable's balance
  Money unit_received;       // Dr 1002 奖补专户 by entries of the award's payments
  Money bureau_refunds;      // Cr 5001/<award> by the clawback receipts from this unit
  Money unit_refunds;        // Cr 1002 奖补专户 by the unit's clawback refunds
  [[nodiscard]] bool agrees() const {
    return share == bureau_accrued && bureau_paid == unit_received && bureau_refunds == unit_refunds;
  }
};

struct InterBookReconciliation {
  ReportSelection selection;
  std::vector<ShareReconciliation> shares;
  std::vector<VoucherPair> pairs;
  [[nodiscard]] bool agrees() const;
  [[nodiscard]] std::vector<VoucherPair> differing_pairs() const;
};

Result<InterBookReconciliation> reconcile_books(Database& database, const ReportSelection& selection);

ReportTable share_reconciliation_table(const InterBookReconciliation& reconciliation);
ReportTable voucher_pair_table(const std::vector<VoucherPair>& pairs, std::string key, std::string title);
ReportDocument inter_book_document(const InterBookReconciliation& reconciliation);

}  // namespace jiangbu
