#include "report/inter_book_reconciliation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "award/award_accounts.hpp"
#include "ledger/books.hpp"
#include "registry/units.hpp"
#include "report/account_register.hpp"
#include "store/bulk_rows.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t links_max = 1'000'000;

// The payment or clawback rows that tie a bureau entry to a unit entry.
struct EntryLink {
  std::int64_t bureau_entry_id = 0;
  std::int64_t unit_entry_id = 0;
};

std::vector<EntryLink> entry_links(Database& database, const char* table, const std::string& award_id,
                                   const std::string& unit_id) {
  std::vector<EntryLink> links;
  long long bureau = 0, unit = 0;
  soci::statement statement = (database.session().prepare << std::string("SELECT bureau_entry_id, unit_entry_id FROM ") +
                                                                 table + " WHERE award_id = :award AND unit_id = :unit",
                               soci::use(award_id), soci::use(unit_id), soci::into(bureau), soci::into(unit));
  statement.execute();
  for (std::size_t rows = 0; rows < links_max && statement.fetch(); ++rows) links.push_back({bureau, unit});
  return links;
}

bool from_award_payment(const std::string& source_reference, const std::string& award_id) {
  const std::string prefix = "award:" + award_id;
  return source_reference == prefix || source_reference.starts_with(prefix + " ");
}

std::vector<RegisterLine> lines_of(Database& database, const std::string& book_id, const std::string& account_code,
                                   const Date& to) {
  auto found = account_register(database, book_id, account_code, false, std::nullopt, to);
  return found ? found.value().lines : std::vector<RegisterLine>{};  // an account never opened has no lines
}

// LIKE's pattern for "starts with `prefix`", '!' escaping.
std::string starts_with_pattern(const std::string& prefix) {
  std::string pattern;
  for (const char character : prefix) {
    if (character == '!' || character == '%' || character == '_') pattern += '!';
    pattern += character;
  }
  return pattern + "%";
}

// One posting line as award_lines_of's queries return it, bound to a
// statement's columns: entry_id, line_number, entry_date, voucher, account,
// memo, source, debit, credit.
struct FetchedLine {
  long long entry_id = 0, line_number = 0, debit_fen = 0, credit_fen = 0;
  std::string entry_date, voucher, code, memo, source;

  void bind(soci::statement& statement) {
    statement.exchange(soci::into(entry_id));
    statement.exchange(soci::into(line_number));
    for (auto* text : {&entry_date, &voucher, &code, &memo, &source}) statement.exchange(soci::into(*text));
    statement.exchange(soci::into(debit_fen));
    statement.exchange(soci::into(credit_fen));
  }
};

// One query's lines, keyed for the merge in award_lines_of.
struct NumberedLine {
  std::int64_t line_number = 0;
  RegisterLine line;
};

// Prepares `sql` with `binds` (in order), runs it and appends its lines.
void append_lines(Database& database, const std::string& sql, const std::vector<const std::string*>& binds,
                  std::vector<NumberedLine>& lines) {
  FetchedLine fetched;
  soci::statement statement(database.session());
  for (const auto* bound : binds) statement.exchange(soci::use(*bound));
  fetched.bind(statement);
  statement.alloc();
  statement.prepare(sql);
  statement.define_and_bind();
  statement.execute();
  for (std::size_t count = 0; count < register_lines_max && statement.fetch(); ++count) {
    lines.push_back({fetched.line_number,
                     RegisterLine{fetched.entry_id, Date::parse(fetched.entry_date).value(), fetched.voucher, fetched.code,
                                  fetched.memo, fetched.source, Money::from_fen(fetched.debit_fen),
                                  Money::from_fen(fetched.credit_fen), Money()}});
  }
}

constexpr const char* line_columns =
    "SELECT p.entry_id, p.line_number, p.entry_date, e.voucher_number, p.account_code, e.memo, e.source_reference, "
    "p.debit_fen, p.credit_fen ";

// The unit's dedicated-account lines reconciliation looks at: entries whose
// source names the award (receipts; from_award_payment decides exactly) and
// the clawback refund entries, in register order. The award's entries are
// found through journal_entries_from_awards (migration 0012), whose predicate
// the query repeats word for word so both backends may use it; the refunds by
// their entry ids. The account's expenditures, nearly all of its lines, are
// never read.
std::vector<RegisterLine> award_lines_of(Database& database, const std::string& book_id,
                                         const std::string& account_code, const std::string& award_id,
                                         const std::set<std::int64_t>& refund_entries, const Date& to) {
  const std::string prefix = "award:" + award_id;
  const std::string pattern = starts_with_pattern(prefix + " ");
  const std::string to_text = to.to_string();
  std::vector<NumberedLine> lines;
  append_lines(database,
               std::string(line_columns) +
                   "FROM journal_entries e JOIN postings p ON p.entry_id = e.entry_id "
                   "WHERE e.book_id = :book AND substr(e.source_reference, 1, 6) = 'award:' "
                   "AND (e.source_reference = :prefix OR e.source_reference LIKE :pattern ESCAPE '!') "
                   "AND p.account_code = :code AND p.entry_date <= :to",
               {&book_id, &prefix, &pattern, &account_code, &to_text}, lines);
  if (!refund_entries.empty()) {
    const std::string refunds = json_integer_array({refund_entries.begin(), refund_entries.end()});
    append_lines(database,
                 std::string(line_columns) + "FROM postings p JOIN journal_entries e ON e.entry_id = p.entry_id "
                                             "WHERE p.entry_id IN " + json_integer_list(database.backend(), "refunds") +
                     " AND p.book_id = :book AND p.account_code = :code AND p.entry_date <= :to",
                 {&refunds, &book_id, &account_code, &to_text}, lines);
  }
  const auto key = [](const NumberedLine& numbered) {
    return std::tie(numbered.line.entry_date, numbered.line.voucher_number, numbered.line.entry_id, numbered.line_number);
  };
  std::sort(lines.begin(), lines.end(), [&](const auto& left, const auto& right) { return key(left) < key(right); });
  // An award entry that is also a refund entry was found twice.
  lines.erase(std::unique(lines.begin(), lines.end(), [&](const auto& left, const auto& right) { return key(left) == key(right); }),
              lines.end());
  std::vector<RegisterLine> result;
  result.reserve(lines.size());
  for (auto& numbered : lines) result.push_back(std::move(numbered.line));
  return result;
}

const RegisterLine* line_of_entry(const std::vector<RegisterLine>& lines, std::int64_t entry_id) {
  auto found = std::find_if(lines.begin(), lines.end(), [&](const RegisterLine& line) { return line.entry_id == entry_id; });
  return found == lines.end() ? nullptr : &*found;
}

// Pairs the two books' lines through the links; lines no link names are
// listed alone. `bureau_amount` / `unit_amount` pick the side that counts.
template <typename BureauAmount, typename UnitAmount>
void pair_lines(VoucherPairKind kind, const std::string& award_id, const std::string& unit_id,
                const std::vector<RegisterLine>& bureau_lines, const std::vector<RegisterLine>& unit_lines,
                const std::vector<EntryLink>& links, BureauAmount bureau_amount, UnitAmount unit_amount,
                std::vector<VoucherPair>& pairs) {
  std::set<std::int64_t> paired_bureau, paired_unit;
  for (const auto& link : links) {
    const RegisterLine* bureau = line_of_entry(bureau_lines, link.bureau_entry_id);
    const RegisterLine* unit = line_of_entry(unit_lines, link.unit_entry_id);
    if (!bureau && !unit) continue;  // after the reconciliation date
    VoucherPair pair{kind, award_id, unit_id, bureau ? bureau->entry_date : unit->entry_date, "", {}, "", {}};
    if (bureau) pair.bureau_voucher = bureau->voucher_number, pair.bureau_amount = bureau_amount(*bureau);
    if (unit) pair.unit_voucher = unit->voucher_number, pair.unit_amount = unit_amount(*unit);
    paired_bureau.insert(link.bureau_entry_id);
    paired_unit.insert(link.unit_entry_id);
    pairs.push_back(pair);
  }
  for (const auto& line : bureau_lines) {
    if (paired_bureau.contains(line.entry_id) || bureau_amount(line).is_zero()) continue;
    pairs.push_back({kind, award_id, unit_id, line.entry_date, line.voucher_number, bureau_amount(line), "", {}});
  }
  for (const auto& line : unit_lines) {
    if (paired_unit.contains(line.entry_id) || unit_amount(line).is_zero()) continue;
    pairs.push_back({kind, award_id, unit_id, line.entry_date, "", {}, line.voucher_number, unit_amount(line)});
  }
}

// A refund the dedicated account could not cover comes partly from the unit's
// own bank (1002): the unit returned both, so both count, as one line per entry.
void add_own_bank_refunds(Database& database, const std::optional<Unit>& unit,
                          const std::set<std::int64_t>& refund_entries, const Date& to,
                          std::vector<RegisterLine>& refunds) {
  if (!unit || refund_entries.empty()) return;  // without a clawback, 1002's many lines are not read
  for (const auto& line : lines_of(database, unit->book_id, "1002", to)) {
    if (!refund_entries.contains(line.entry_id)) continue;
    auto same_entry = std::find_if(refunds.begin(), refunds.end(),
                                   [&](const RegisterLine& refund) { return refund.entry_id == line.entry_id; });
    if (same_entry == refunds.end()) {
      refunds.push_back(line);
    } else {
      same_entry->debit += line.debit;
      same_entry->credit += line.credit;
    }
  }
}

ShareReconciliation reconcile_share(Database& database, const Award& award, const AwardShare& award_share,
                                    const Date& to, std::vector<VoucherPair>& pairs) {
  ShareReconciliation share;
  share.award_id = award.award_id;
  share.unit_id = award_share.unit_id;
  share.share = award_share.share;
  const auto unit = find_unit(database, award_share.unit_id);
  if (unit) share.unit_name = unit->name;
  const std::string bureau(bureau_book_id);
  const auto payable = lines_of(database, bureau, bureau_payable_account(award.award_id, share.unit_id), to);
  Money payable_balance;
  for (const auto& line : payable) {
    payable_balance += line.credit - line.debit;
    if (line.entry_id == award.accrual_entry_id) share.bureau_accrued += line.credit;
  }
  share.bureau_paid = share.bureau_accrued - payable_balance;
  std::vector<RegisterLine> receipts, refunds;
  const auto clawback_links = entry_links(database, "clawbacks", award.award_id, share.unit_id);
  std::set<std::int64_t> refund_entries;
  for (const auto& link : clawback_links) refund_entries.insert(link.unit_entry_id);
  std::vector<RegisterLine> unit_bank;
  if (unit) {
    unit_bank = award_lines_of(database, unit->book_id, std::string(dedicated_bank_account), award.award_id,
                               refund_entries, to);
  }
  for (const auto& line : unit_bank) {
    if (from_award_payment(line.source_reference, award.award_id)) receipts.push_back(line);
    if (refund_entries.contains(line.entry_id)) refunds.push_back(line);
  }
  add_own_bank_refunds(database, unit, refund_entries, to, refunds);
  for (const auto& line : receipts) share.unit_received += line.debit - line.credit;
  for (const auto& line : refunds) share.unit_refunds += line.credit - line.debit;
  std::vector<RegisterLine> bureau_payments;
  for (const auto& line : payable) {
    if (line.entry_id != award.accrual_entry_id) bureau_payments.push_back(line);
  }
  pair_lines(VoucherPairKind::payment, award.award_id, share.unit_id, bureau_payments, receipts,
             entry_links(database, "award_payments", award.award_id, share.unit_id),
             [](const RegisterLine& line) { return line.debit - line.credit; },
             [](const RegisterLine& line) { return line.debit - line.credit; }, pairs);
  std::set<std::int64_t> bureau_refund_entries;
  for (const auto& link : clawback_links) bureau_refund_entries.insert(link.bureau_entry_id);
  std::vector<RegisterLine> bureau_refunds;
  for (const auto& line : lines_of(database, bureau, bureau_expense_account(award.award_id), to)) {
    if (bureau_refund_entries.contains(line.entry_id)) bureau_refunds.push_back(line);
  }
  for (const auto& line : bureau_refunds) share.bureau_refunds += line.credit - line.debit;
  pair_lines(VoucherPairKind::clawback, award.award_id, share.unit_id, bureau_refunds, refunds, clawback_links,
             [](const RegisterLine& line) { return line.credit - line.debit; },
             [](const RegisterLine& line) { return line.credit - line.debit; }, pairs);
  return share;
}

std::string yuan(const Money& amount) { return amount.to_plain_string(); }

}  // namespace

bool InterBookReconciliation::agrees() const {
  return std::all_of(shares.begin(), shares.end(), [](const ShareReconciliation& share) { return share.agrees(); }) &&
         differing_pairs().empty();
}

std::vector<VoucherPair> InterBookReconciliation::differing_pairs() const {
  std::vector<VoucherPair> result;
  for (const auto& pair : pairs) {
    if (!pair.difference().is_zero() || pair.bureau_voucher.empty() || pair.unit_voucher.empty()) result.push_back(pair);
  }
  return result;
}

Result<InterBookReconciliation> reconcile_books(Database& database, const ReportSelection& selection) {
  auto awards = selected_awards(database, selection);
  if (!awards) return awards.error();
  InterBookReconciliation result;
  result.selection = selection;
  for (const auto& award : awards.value()) {
    for (const auto& award_share : award.shares) {
      if (!selection.unit_id.empty() && award_share.unit_id != selection.unit_id) continue;
      result.shares.push_back(reconcile_share(database, award, award_share, selection.to, result.pairs));
    }
  }
  return result;
}

ReportTable share_reconciliation_table(const InterBookReconciliation& reconciliation) {
  ReportTable table{"inter_book", "局方与单位账目核对（按份额）",
                    {{"award", "奖补"}, {"unit", "单位"}, {"share", "核定份额", CellKind::money},
                     {"bureau_accrued", "局方计提", CellKind::money}, {"bureau_paid", "局方已拨", CellKind::money},
                     {"unit_received", "单位已收", CellKind::money}, {"bureau_refunds", "局方收回", CellKind::money},
                     {"unit_refunds", "单位退回", CellKind::money}, {"status", "结果"}},
                    {}, {}, "所选范围内没有奖补份额"};
  ShareReconciliation total;
  for (const auto& share : reconciliation.shares) {
    table.add_row({share.award_id, share.unit_name.empty() ? share.unit_id : share.unit_name, yuan(share.share),
                   yuan(share.bureau_accrued), yuan(share.bureau_paid), yuan(share.unit_received),
                   yuan(share.bureau_refunds), yuan(share.unit_refunds), share.agrees() ? "一致" : "不一致"});
    total.share += share.share;
    total.bureau_accrued += share.bureau_accrued;
    total.bureau_paid += share.bureau_paid;
    total.unit_received += share.unit_received;
    total.bureau_refunds += share.bureau_refunds;
    total.unit_refunds += share.unit_refunds;
  }
  if (!reconciliation.shares.empty()) {
    table.set_total_row({"合计", "", yuan(total.share), yuan(total.bureau_accrued), yuan(total.bureau_paid),
                         yuan(total.unit_received), yuan(total.bureau_refunds), yuan(total.unit_refunds),
                         reconciliation.agrees() ? "一致" : "不一致"});
  }
  return table;
}

ReportTable voucher_pair_table(const std::vector<VoucherPair>& pairs, std::string key, std::string title) {
  ReportTable table{std::move(key), std::move(title),
                    {{"kind", "类型"}, {"award", "奖补"}, {"unit", "单位"}, {"date", "日期", CellKind::date},
                     {"bureau_voucher", "局方凭证"}, {"bureau_amount", "局方金额", CellKind::money},
                     {"unit_voucher", "单位凭证"}, {"unit_amount", "单位金额", CellKind::money},
                     {"difference", "差额", CellKind::money}},
                    {}, {}, "无"};
  for (const auto& pair : pairs) {
    table.add_row({pair.kind == VoucherPairKind::payment ? "拨付" : "收回", pair.award_id, pair.unit_id,
                   pair.date.to_string(), pair.bureau_voucher.empty() ? "（无）" : pair.bureau_voucher,
                   yuan(pair.bureau_amount), pair.unit_voucher.empty() ? "（无）" : pair.unit_voucher,
                   yuan(pair.unit_amount), yuan(pair.difference())});
  }
  return table;
}

ReportDocument inter_book_document(const InterBookReconciliation& reconciliation) {
  ReportDocument document;
  document.key = "reconcile";
  document.title = "局方与单位往来核对表";
  document.metadata = {{"截止日", reconciliation.selection.to.to_string()}};
  const auto differing = reconciliation.differing_pairs();
  ReportSection section{"inter_book", "往来核对", {}};
  section.blocks.emplace_back(Paragraph{
      reconciliation.agrees() ? "局方账与各单位账完全一致：计提等于核定份额，已拨等于单位已收，收回等于单位退回。"
                              : "局方账与单位账存在差异，共 " + std::to_string(differing.size()) +
                                    " 笔凭证不一致或无对应凭证，详见差异明细。"});
  section.blocks.emplace_back(share_reconciliation_table(reconciliation));
  section.blocks.emplace_back(voucher_pair_table(differing, "inter_book_differences", "差异明细"));
  section.blocks.emplace_back(voucher_pair_table(reconciliation.pairs, "voucher_pairs", "凭证对照"));
  document.sections.push_back(std::move(section));
  return document;
}

}  // namespace jiangbu
