#pragma once
// Bank statements (银行对账单) of a unit's bank account, usually the
// dedicated account 1002/奖补专户. A statement arrives as the CSV or XLSX the
// bank's online banking exports; it is read whole or not at all: one bad row
// refuses the file and nothing is stored, because a statement with a missing
// line would make the reconciliation lie. Stored statements and lines are
// append-only; importing the same statement again replays it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "money/money.hpp"
#include "registry/units.hpp"
#include "store/database.hpp"
#include "tabular/tabular_file.hpp"

namespace jiangbu {

// Seen from the account holder: money into the account (the bank's 贷方) or
// out of it (借方).
enum class BankDirection { in, out };
std::string_view bank_direction_name(BankDirection direction);  // "in", "out"
// 收/收入/贷/贷方/存入/credit/in -> in; 支/支出/借/借方/支取/debit/out -> out.
std::optional<BankDirection> parse_bank_direction(std::string_view text);

// Dates as bank exports print them: 2024-03-01, 2024/3/1, 2024.03.01,
// 20240301, 2024年3月1日, each optionally followed by a time of day, which is
// dropped. Refused with bad-date otherwise.
Result<Date> parse_statement_date(std::string_view text);

struct BankStatementLine {
  std::size_t line_number = 0;  // the row in the file, as the unit sees it
  Date transaction_date = Date::from_parts(2000, 1, 1);
  Money amount;  // positive
  BankDirection direction = BankDirection::in;
  std::string counterparty;  // 对方户名
  std::string reference;     // 流水号
  std::string memo;          // 摘要
  std::string remark;        // 附言 / 用途 / 备注
  // 1 for the first of identical lines (same date, direction, amount and
  // texts) in one statement, 2 for the second…: what tells two genuine
  // 5.00 fees on one day apart from one fee listed by two statements.
  int occurrence = 1;
};

struct ParsedStatement {
  std::string format;    // "csv" | "xlsx"
  std::string encoding;  // as tabular_file reports it
  std::vector<BankStatementLine> lines;
  // Over the lines as read, not the bytes: a GBK or XLSX copy of the same
  // statement has the same checksum.
  std::string content_checksum;
};

// The columns, with the headers banks print as aliases. Either 金额 with
// 收支方向, or 收入金额 with 支出金额; columns banks add that the
// reconciliation does not need (余额, 对方账号, 币种…) are accepted and ignored.
const std::vector<ColumnSpec>& bank_statement_columns();

// Reads and checks every row. Any bad row refuses the whole file with
// bad-statement-row, naming each bad row, its column and the reason.
Result<ParsedStatement> parse_bank_statement(const std::string& path);
// The same on a file already read (file_name is for messages only).
Result<ParsedStatement> parse_bank_statement_rows(const TabularFile& file, std::string_view file_name);

struct BankStatement {
  std::int64_t statement_id = 0;
  std::string unit_id;
  std::string account_code;
  std::string file_name;
  std::string file_format;
  std::string encoding;
  std::string content_checksum;
  Money opening_balance;  // the bank's balance before the statement's first line
  Date first_date = Date::from_parts(2000, 1, 1);
  Date last_date = Date::from_parts(2000, 1, 1);
  std::size_t row_count = 0;       // lines in the file
  std::size_t new_line_count = 0;  // lines not already stored from an overlapping statement
  std::string imported_at;
  bool replayed = false;  // this statement had been imported before; nothing was added
};

// A statement belongs to a bank account (银行存款: 1002 or a sub-account of
// it) open in the unit's own book: bad-account-code or unknown-account.
Status check_bank_account(Database& database, const Unit& unit, const std::string& account_code);

// Stores a statement of the unit's bank account (a 1002 account open in its
// book) in one transaction. Lines another statement already brought are not
// stored again: statements of overlapping periods repeat transactions, and a
// line is the same transaction when its date, direction, amount, texts and
// occurrence agree (statements are taken to cover whole days). The same statement again returns the original (replayed);
// with a different opening balance it is refused.
Result<BankStatement> import_bank_statement(Database& database, const std::string& unit_id,
                                            const std::string& account_code, const std::string& path,
                                            const Money& opening_balance);

std::vector<BankStatement> list_bank_statements(Database& database, const std::string& unit_id,
                                                const std::string& account_code);

struct StoredBankLine {
  std::int64_t line_id = 0;
  std::int64_t statement_id = 0;
  BankStatementLine line;
};

// The account's stored lines dated on or before as_of, by date and then in
// the order they were stored.
std::vector<StoredBankLine> stored_bank_lines(Database& database, const std::string& unit_id,
                                              const std::string& account_code, const Date& as_of);

// The opening balance of the statement that starts earliest (the first
// imported among equals); zero when no statement was imported.
Money bank_opening_balance(Database& database, const std::string& unit_id, const std::string& account_code);

}  // namespace jiangbu
