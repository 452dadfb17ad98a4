#include "bank/bank_reconciliation_document.hpp"

#include <array>

#include "money/money_format.hpp"

namespace jiangbu {

namespace {

ReportTable summary_table(const BankReconciliation& report) {
  ReportTable table{"summary",
                    "余额调节",
                    {{"book_item", "企业账面项目"},
                     {"book_amount", "金额(元)", CellKind::money},
                     {"bank_item", "银行对账单项目"},
                     {"bank_amount", "金额(元)", CellKind::money}},
                    {},
                    {},
                    "无"};
  table.add_row({"企业银行存款日记账余额", report.book_balance.to_plain_string(), "银行对账单余额",
                 report.bank_balance().to_plain_string()});
  table.add_row({"加：银行已收、企业未收", total_of(report.bank_in_not_in_book).to_plain_string(),
                 "加：企业已收、银行未收", total_of(report.book_in_not_in_bank).to_plain_string()});
  table.add_row({"减：银行已付、企业未付", total_of(report.bank_out_not_in_book).to_plain_string(),
                 "减：企业已付、银行未付", total_of(report.book_out_not_in_bank).to_plain_string()});
  table.set_total_row({"调节后余额", report.adjusted_book_balance().to_plain_string(), "调节后余额",
                       report.adjusted_bank_balance().to_plain_string()});
  return table;
}

std::string agreement_text(const BankReconciliation& report) {
  if (report.agrees()) {
    return "调节后余额相符：企业账面与银行对账单调节后均为 " + format_yuan(report.adjusted_book_balance()) + " 元。";
  }
  return "调节后余额不符：企业账面调节后 " + format_yuan(report.adjusted_book_balance()) + " 元，银行对账单调节后 " +
         format_yuan(report.adjusted_bank_balance()) + " 元，差额 " + format_yuan(report.gap()) +
         " 元（企业减银行），须查明原因。";
}

std::string bank_balance_text(const BankReconciliation& report) {
  return "银行对账单余额 " + format_yuan(report.bank_balance()) + " 元 = 期初余额 " +
         format_yuan(report.bank_opening_balance) + " 元 + 收入 " + format_yuan(report.bank_in_total) +
         " 元 − 支出 " + format_yuan(report.bank_out_total) + " 元（已导入对账单 " +
         std::to_string(report.statement_count) + " 份，截至 " + report.as_of.to_string() + " 的交易）。";
}

ReportTable items_table(std::string key, std::string title, std::string reference_header,
                        const std::vector<ReconcilingItem>& items) {
  ReportTable table{std::move(key),
                    std::move(title),
                    {{"date", "日期", CellKind::date},
                     {"reference", std::move(reference_header)},
                     {"description", "摘要 / 对方户名"},
                     {"amount", "金额(元)", CellKind::money}},
                    {},
                    {},
                    "无"};
  for (const auto& item : items) {
    table.add_row({item.date.to_string(), item.reference, item.description, item.amount.to_plain_string()});
  }
  if (!items.empty()) table.set_total_row({"合计", "", "", total_of(items).to_plain_string()});
  return table;
}

std::string matches_text(const BankReconciliation& report) {
  std::array<std::size_t, 3> by_rule = {0, 0, 0};
  for (const auto& match : report.matches) ++by_rule[static_cast<std::size_t>(match.rule)];
  std::string text = "已核对相符 " + std::to_string(report.matches.size()) + " 笔：按参考号 " +
                     std::to_string(by_rule[0]) + " 笔，同日同额 " + std::to_string(by_rule[1]) +
                     " 笔，邻近日期同额 " + std::to_string(by_rule[2]) + " 笔（日期容差 ±" +
                     std::to_string(report.window_days) + " 天）。";
  if (report.reversed_postings_left_out > 0) {
    text += "另有 " + std::to_string(report.reversed_postings_left_out) +
            " 笔分录记录属于已冲销的分录及其冲销分录，二者相互抵消，未参与核对。";
  }
  return text;
}

ReportTable shifted_table(const BankReconciliation& report) {
  ReportTable table{"date_shifted_matches",
                    "日期不一致的已核对项",
                    {{"voucher", "凭证号"},
                     {"book_date", "记账日期", CellKind::date},
                     {"bank_date", "银行日期", CellKind::date},
                     {"days_apart", "相差天数", CellKind::count},
                     {"direction", "收付"},
                     {"amount", "金额(元)", CellKind::money},
                     {"bank_reference", "银行流水号 / 摘要"},
                     {"rule", "核对依据"}},
                    {},
                    {},
                    "无"};
  for (const auto& match : report.date_shifted_matches()) {
    table.add_row({match.voucher_number, match.book_date.to_string(), match.bank_date.to_string(),
                   std::to_string(match.days_apart), match.money_in ? "收" : "付", match.amount.to_plain_string(),
                   match.bank_reference, std::string(match_rule_name(match.rule))});
  }
  return table;
}

}  // namespace

ReportDocument bank_reconciliation_document(const BankReconciliation& report) {
  ReportDocument document;
  document.key = "bank_reconciliation";
  document.title = "银行存款余额调节表";
  document.subtitle = report.unit_name + "  " + report.account_code + "  截至 " + report.as_of.to_string();
  document.metadata = {{"单位", report.unit_name},
                       {"统一社会信用代码", report.unit_id},
                       {"账户", report.account_code},
                       {"截止日期", report.as_of.to_string()},
                       {"对账单", std::to_string(report.statement_count) + " 份"},
                       {"日期容差", "±" + std::to_string(report.window_days) + " 天"}};
  document.sections.push_back(
      {"summary", "一、余额调节", {summary_table(report), Paragraph{agreement_text(report)}, Paragraph{bank_balance_text(report)}}});
  document.sections.push_back(
      {"outstanding",
       "二、未达账项",
       {items_table("bank_in_not_in_book", "银行已收、企业未收", "银行流水号 / 摘要", report.bank_in_not_in_book),
        items_table("bank_out_not_in_book", "银行已付、企业未付", "银行流水号 / 摘要", report.bank_out_not_in_book),
        items_table("book_in_not_in_bank", "企业已收、银行未收", "凭证号", report.book_in_not_in_bank),
        items_table("book_out_not_in_bank", "企业已付、银行未付", "凭证号", report.book_out_not_in_bank)}});
  document.sections.push_back(
      {"matches", "三、核对情况", {Paragraph{matches_text(report)}, shifted_table(report)}});
  return document;
}

}  // namespace jiangbu
