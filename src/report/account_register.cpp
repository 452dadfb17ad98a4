#include "report/account_register.hpp"

#include "core/reason_code.hpp"
#include "ledger/accounts.hpp"
#include "ledger/balances.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

Money on_normal_side(NormalSide side, const Money& debit, const Money& credit) {
  return side == NormalSide::debit ? debit - credit : credit - debit;
}

}  // namespace

Result<AccountRegister> account_register(Database& database, const std::string& book_id,
                                         const std::string& account_code, bool include_subtree,
                                         const std::optional<Date>& from, const Date& to) {
  const auto account = find_account(database, book_id, account_code);
  if (!account) {
    return make_error(ReasonCode::unknown_account, "'" + account_code + "' is not open in book '" + book_id + "'",
                      "account");
  }
  AccountRegister result;
  result.book_id = book_id;
  result.account_code = account_code;
  result.account_name = account->name;
  result.normal_side = account->normal_side;
  result.from = from;
  result.to = to;
  if (from) {
    auto before = account_balance(database, book_id, account_code, from->plus_days(-1), include_subtree);
    if (!before) return before.error();
    result.opening = before.value().balance();
  }
  const std::string low = include_subtree ? account_code + "/" : account_code;
  const std::string high = include_subtree ? account_code + "0" : account_code;
  const std::string from_text = from ? from->to_string() : "0000-00-00";
  const std::string to_text = to.to_string();
  long long entry_id = 0;
  std::string entry_date, voucher, code, memo, source;
  long long debit_fen = 0, credit_fen = 0;
  soci::statement statement =
      (database.session().prepare
           << "SELECT p.entry_id, p.entry_date, e.voucher_number, p.account_code, e.memo, e.source_reference, "
              "p.debit_fen, p.credit_fen FROM postings p JOIN journal_entries e ON e.entry_id = p.entry_id "
              "WHERE p.book_id = :book AND p.entry_date >= :from AND p.entry_date <= :to "
              "AND (p.account_code = :code OR (p.account_code > :low AND p.account_code < :high)) "
              "ORDER BY p.entry_date, e.voucher_number, p.line_number",
       soci::use(book_id), soci::use(from_text), soci::use(to_text), soci::use(account_code), soci::use(low),
       soci::use(high), soci::into(entry_id), soci::into(entry_date), soci::into(voucher), soci::into(code),
       soci::into(memo), soci::into(source), soci::into(debit_fen), soci::into(credit_fen));
  statement.execute();
  Money balance = result.opening;
  while (statement.fetch()) {
    if (result.lines.size() >= register_lines_max) {
      return make_error(ReasonCode::bad_date, "more than " + std::to_string(register_lines_max) +
                                                      " postings: choose a shorter period", "from");
    }
    RegisterLine line;
    line.entry_id = entry_id;
    line.entry_date = Date::parse(entry_date).value();
    line.voucher_number = voucher;
    line.account_code = code;
    line.memo = memo;
    line.source_reference = source;
    line.debit = Money::from_fen(debit_fen);
    line.credit = Money::from_fen(credit_fen);
    balance += on_normal_side(result.normal_side, line.debit, line.credit);
    line.balance = balance;
    result.period_debit += line.debit;
    result.period_credit += line.credit;
    result.lines.push_back(std::move(line));
  }
  result.closing = balance;
  return result;
}

ReportDocument account_register_document(const AccountRegister& account_register) {
  ReportDocument document;
  document.key = "register";
  document.title = "明细账";
  document.subtitle = account_register.account_code + " " + account_register.account_name;
  document.metadata = {{"账簿", account_register.book_id},
                       {"期间", (account_register.from ? account_register.from->to_string() : std::string("起始")) +
                                    " 至 " + account_register.to.to_string()},
                       {"余额方向", account_register.normal_side == NormalSide::debit ? "借" : "贷"}};
  ReportTable table{"register", "明细账",
                    {{"date", "日期", CellKind::date}, {"voucher", "凭证号"}, {"account", "科目"},
                     {"memo", "摘要"}, {"debit", "借方", CellKind::money}, {"credit", "贷方", CellKind::money},
                     {"balance", "余额", CellKind::money}},
                    {}, {}, "本期无发生额"};
  table.add_row({account_register.from ? account_register.from->to_string() : "", "", "", "期初余额", "", "",
                 account_register.opening.to_plain_string()});
  for (const auto& line : account_register.lines) {
    table.add_row({line.entry_date.to_string(), line.voucher_number, line.account_code, line.memo,
                   line.debit.is_zero() ? "" : line.debit.to_plain_string(),
                   line.credit.is_zero() ? "" : line.credit.to_plain_string(), line.balance.to_plain_string()});
  }
  table.set_total_row({"", "", "", "本期合计", account_register.period_debit.to_plain_string(),
                       account_register.period_credit.to_plain_string(), account_register.closing.to_plain_string()});
  document.sections.push_back({"register", "明细账", {std::move(table)}});
  return document;
}

}  // namespace jiangbu
