#pragma once
// The two plain-text accounting dialects the journal exports to: ledger-cli's
// journal and beancount's input language. Each writer appends text for one
// piece (the file header, one account, one transaction) to a buffer, so the
// streaming export (journal_export.hpp) decides when to flush.
//
// Amounts are CNY with exactly two decimals, built from the integer fen
// (Money::to_plain_string): a debit is positive, a credit negative, so each
// transaction sums to zero as ledger and beancount require. Free text (memos,
// references, names) is escaped so that no stored text can end a line, open a
// comment or a note, or close a string early:
//   beancount strings: '\' -> \\, '"' -> \", newline -> \n, tab -> \t, CR -> \r;
//   ledger lines (which have no quoting): '\' -> \\, newline -> \n, tab -> \t,
//     CR -> \r, a space after a space -> \x20 (two spaces start a note);
//   both: any other control character, and a byte that is not UTF-8, -> the
//     text \xHH (jiangbu itself never stores those; a file changed behind its
//     back might).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "money/money.hpp"

namespace jiangbu {

enum class ExportFormat { ledger, beancount };

std::optional<ExportFormat> parse_export_format(std::string_view name);
std::string_view export_format_name(ExportFormat format);

std::string beancount_string(std::string_view text);  // with the quotes
std::string ledger_line_text(std::string_view text);

struct ExportAccount {
  std::string book_id;
  std::string code;
  std::string name;          // the chart's or the sub-account's Chinese name
  std::string account_type;  // "asset", "budget-expenditure", …
  std::string basis;         // "financial" or "budget"
  std::string exported_name;
};

struct ExportPosting {
  const std::string* account_name = nullptr;  // owned by ExportAccountNames
  Money amount;                               // debit positive, credit negative
};

struct ExportEntry {
  std::int64_t entry_id = 0;
  std::string book_id;
  std::string voucher_number;
  std::string entry_date;  // YYYY-MM-DD
  std::string memo;
  std::string source_reference;
  std::optional<std::int64_t> reverses_entry_id;
  std::vector<ExportPosting> postings;
};

// The header comment documenting the mapping, and the format's options.
void append_export_header(std::string& out, ExportFormat format, std::string_view scope);
// A comment naming a book before its accounts.
void append_book_comment(std::string& out, std::string_view book_id, std::string_view chart_id,
                         std::string_view book_name);
// ledger: an `account` directive; beancount: an `open` directive on open_date
// (on or before the account's first posting).
void append_account(std::string& out, ExportFormat format, const ExportAccount& account,
                    std::string_view open_date);
void append_transaction(std::string& out, ExportFormat format, const ExportEntry& entry);

}  // namespace jiangbu
