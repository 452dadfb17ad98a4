// Reading a bank statement file into checked lines. Storing it is in
// bank_statement_store.cpp.
#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "bank/bank_statement.hpp"
#include "core/checksum.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t counterparty_bytes_max = 300;
constexpr std::size_t reference_bytes_max = 200;
constexpr std::size_t memo_bytes_max = 500;
// A refused file names this many problems, then says how many more there are.
constexpr std::size_t problems_listed_max = 20;
constexpr std::string_view ideographic_space = "\u3000";

// Indexes into bank_statement_columns().
enum Column : std::size_t {
  date_column,
  amount_column,
  direction_column,
  in_column,
  out_column,
  counterparty_column,
  reference_column,
  memo_column,
  remark_column,
};

bool is_ascii_space(char character) {
  return character == ' ' || character == '\t' || character == '\r' || character == '\n';
}

// Exports pad cells with ASCII and ideographic (full-width) spaces.
std::string_view trim(std::string_view text) {
  const std::size_t steps_max = text.size();
  for (std::size_t step = 0; step < steps_max && !text.empty(); ++step) {
    if (is_ascii_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with(ideographic_space)) {
      text.remove_prefix(ideographic_space.size());
    } else if (is_ascii_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with(ideographic_space)) {
      text.remove_suffix(ideographic_space.size());
    } else {
      break;
    }
  }
  return text;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_time_of_day(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == ':' || c == '.'; });
}

std::string two_digits(std::string_view digits) {
  return digits.size() == 1 ? "0" + std::string(digits) : std::string(digits);
}

// "2024/3/1", "2024.03.01", "2024-03-01" -> "2024-03-01"; "" when not that shape.
std::string iso_from_separated(std::string_view text) {
  const std::size_t first = text.find_first_of("-/.");
  if (first == std::string_view::npos) return {};
  const char separator = text[first];
  const std::size_t second = text.find(separator, first + 1);
  if (second == std::string_view::npos) return {};
  const std::string_view year = text.substr(0, first);
  const std::string_view month = text.substr(first + 1, second - first - 1);
  const std::string_view day = text.substr(second + 1);
  if (year.size() != 4 || !all_digits(year) || !all_digits(month) || !all_digits(day)) return {};
  if (month.size() > 2 || day.size() > 2) return {};
  return std::string(year) + "-" + two_digits(month) + "-" + two_digits(day);
}

// "2024年3月1日" -> "2024/3/1".
std::string from_chinese_date(std::string_view text) {
  constexpr std::string_view year_mark = "年";
  constexpr std::string_view month_mark = "月";
  constexpr std::string_view day_mark = "日";
  if (!text.ends_with(day_mark)) return {};
  text.remove_suffix(day_mark.size());
  const std::size_t year_at = text.find(year_mark);
  const std::size_t month_at = text.find(month_mark);
  if (year_at == std::string_view::npos || month_at == std::string_view::npos || month_at < year_at) return {};
  return std::string(text.substr(0, year_at)) + "/" +
         std::string(text.substr(year_at + year_mark.size(), month_at - year_at - year_mark.size())) + "/" +
         std::string(text.substr(month_at + month_mark.size()));
}

std::string lower_ascii(std::string_view text) {
  std::string lowered(text);
  for (char& character : lowered) {
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  }
  return lowered;
}

struct RowProblem {
  std::size_t row_number = 0;
  std::string column;
  std::string reason;
};

// One data row being read: its cells by column, and where its problems go.
struct RowReader {
  const TabularRow& row;
  const ColumnMap& map;
  const std::vector<std::string>& headers;
  std::vector<RowProblem>& problems;

  [[nodiscard]] bool has(Column column) const { return map.index_by_spec[column] >= 0; }
  [[nodiscard]] std::string_view cell(Column column) const {
    if (!has(column)) return {};
    return trim(row.cells[static_cast<std::size_t>(map.index_by_spec[column])]);
  }
  // "amount (金额)": the key, and the header as the file spells it.
  [[nodiscard]] std::string label(Column column) const {
    const std::string& key = bank_statement_columns()[column].key;
    if (!has(column)) return key;
    const std::string& header = headers[static_cast<std::size_t>(map.index_by_spec[column])];
    return header == key ? key : key + " (" + header + ")";
  }
  void add(Column column, std::string reason) const {
    problems.push_back({row.row_number, label(column), std::move(reason)});
  }
};

std::optional<Money> read_amount(const RowReader& reader, Column column) {
  const std::string_view text = reader.cell(column);
  if (text.empty()) {
    reader.add(column, "is empty");
    return std::nullopt;
  }
  auto amount = parse_money(text);
  if (!amount) {
    reader.add(column, amount.error().message);
    return std::nullopt;
  }
  if (!amount.value().is_positive()) {
    reader.add(column, "must be more than zero");
    return std::nullopt;
  }
  return amount.value();
}

struct SideAmount {
  bool readable = true;
  std::optional<Money> amount;  // empty when the side is not filled
};

// In the two-column form the side that did not move is blank, "-" or 0.00.
SideAmount read_side(const RowReader& reader, Column column) {
  const std::string_view text = reader.cell(column);
  if (text.empty() || text == "-") return {};
  auto amount = parse_money(text);
  if (!amount) {
    reader.add(column, amount.error().message);
    return {false, std::nullopt};
  }
  if (amount.value().is_zero()) return {};
  return {true, amount.value()};
}

bool read_money_and_direction(const RowReader& reader, BankStatementLine& line) {
  if (reader.has(amount_column)) {
    const auto amount = read_amount(reader, amount_column);
    const auto direction = parse_bank_direction(reader.cell(direction_column));
    if (!direction) {
      const std::string text(reader.cell(direction_column));
      reader.add(direction_column, text.empty() ? std::string("is empty")
                                                : quote_input(text) + " is not a direction (收/收入/贷/credit/in or 支/支出/借/debit/out)");
    }
    if (!amount || !direction) return false;
    line.amount = *amount;
    line.direction = *direction;
    return true;
  }
  const SideAmount in = read_side(reader, in_column);
  const SideAmount out = read_side(reader, out_column);
  if (!in.readable || !out.readable) return false;
  if (in.amount.has_value() == out.amount.has_value()) {
    reader.add(in.amount ? out_column : in_column,
               in.amount ? "both " + reader.label(in_column) + " and " + reader.label(out_column) + " are filled"
                         : "neither " + reader.label(in_column) + " nor " + reader.label(out_column) + " is filled");
    return false;
  }
  line.direction = in.amount ? BankDirection::in : BankDirection::out;
  line.amount = in.amount ? *in.amount : *out.amount;
  return true;
}

bool read_text(const RowReader& reader, Column column, std::size_t bytes_max, std::string& text) {
  text = std::string(reader.cell(column));
  if (auto valid = validate_text(text, reader.label(column), bytes_max, true); !valid) {
    reader.add(column, valid.error().message);
    return false;
  }
  return true;
}

std::optional<BankStatementLine> read_line(const RowReader& reader) {
  BankStatementLine line;
  line.line_number = reader.row.row_number;
  bool ok = true;
  if (auto date = parse_statement_date(reader.cell(date_column)); date) {
    line.transaction_date = date.value();
  } else {
    reader.add(date_column, date.error().message);
    ok = false;
  }
  ok = read_money_and_direction(reader, line) && ok;
  ok = read_text(reader, counterparty_column, counterparty_bytes_max, line.counterparty) && ok;
  ok = read_text(reader, reference_column, reference_bytes_max, line.reference) && ok;
  ok = read_text(reader, memo_column, memo_bytes_max, line.memo) && ok;
  ok = read_text(reader, remark_column, memo_bytes_max, line.remark) && ok;
  if (!ok) return std::nullopt;
  return line;
}

// Either 金额 with 收支方向, or 收入金额 with 支出金额.
Status check_amount_columns(const ColumnMap& map, const std::vector<std::string>& headers) {
  const auto has = [&](Column column) { return map.index_by_spec[column] >= 0; };
  const bool single = has(amount_column) || has(direction_column);
  const bool split = has(in_column) || has(out_column);
  std::string problem;
  if (single && split) {
    problem = "both 金额/收支方向 and 收入金额/支出金额 columns";
  } else if (single && !(has(amount_column) && has(direction_column))) {
    problem = has(amount_column) ? "金额 without 收支方向 (direction)" : "收支方向 without 金额 (amount)";
  } else if (split && !(has(in_column) && has(out_column))) {
    problem = has(in_column) ? "收入金额 without 支出金额 (amount_out)" : "支出金额 without 收入金额 (amount_in)";
  } else if (!single && !split) {
    problem = "no amount column";
  }
  if (problem.empty()) return success();
  std::string found;
  for (const auto& header : headers) found += (found.empty() ? "" : ", ") + header;
  return make_error(ReasonCode::bad_header,
                    problem + ": a statement needs 金额 with 收支方向, or 收入金额 with 支出金额; the header has: " + found,
                    "header");
}

Error refusal(std::string_view file_name, const std::vector<RowProblem>& problems) {
  std::vector<std::size_t> rows;
  for (const auto& problem : problems) rows.push_back(problem.row_number);
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  std::string message = std::string(file_name) + ": " + std::to_string(rows.size()) +
                        (rows.size() == 1 ? " bad row" : " bad rows") + ", nothing imported: ";
  const std::size_t listed = std::min(problems.size(), problems_listed_max);
  for (std::size_t index = 0; index < listed; ++index) {
    const RowProblem& problem = problems[index];
    message += (index == 0 ? "" : "; ") + std::string("row ") + std::to_string(problem.row_number) + ": " +
               problem.column + ": " + problem.reason;
  }
  if (problems.size() > listed) message += "; and " + std::to_string(problems.size() - listed) + " more";
  return make_error(ReasonCode::bad_statement_row, message, "file");
}

using LineIdentity = std::tuple<std::string, int, std::string, std::string, std::string, std::string, std::string>;

LineIdentity identity_of(const BankStatementLine& line) {
  return {line.transaction_date.to_string(), static_cast<int>(line.direction), line.amount.to_plain_string(),
          line.counterparty, line.reference, line.memo, line.remark};
}

void number_occurrences(std::vector<BankStatementLine>& lines) {
  std::map<LineIdentity, int> seen;
  for (auto& line : lines) line.occurrence = ++seen[identity_of(line)];
}

// Texts are free of control characters (validate_text), so tab and newline
// separate fields unambiguously.
std::string checksum_of(const std::vector<BankStatementLine>& lines) {
  std::string canonical = "jiangbu bank statement v1\n";
  for (const auto& line : lines) {
    canonical += line.transaction_date.to_string() + "\t" + std::string(bank_direction_name(line.direction)) +
                 "\t" + line.amount.to_plain_string() + "\t" + line.counterparty + "\t" + line.reference + "\t" +
                 line.memo + "\t" + line.remark + "\n";
  }
  return fnv1a_64_hex(canonical);
}

}  // namespace

std::string_view bank_direction_name(BankDirection direction) {
  return direction == BankDirection::in ? "in" : "out";
}

std::optional<BankDirection> parse_bank_direction(std::string_view text) {
  const std::string word = lower_ascii(trim(text));
  static constexpr std::array<std::string_view, 7> in_words = {"收", "收入", "贷", "贷方", "存入", "credit", "in"};
  static constexpr std::array<std::string_view, 7> out_words = {"支", "支出", "借", "借方", "支取", "debit", "out"};
  if (std::find(in_words.begin(), in_words.end(), word) != in_words.end()) return BankDirection::in;
  if (std::find(out_words.begin(), out_words.end(), word) != out_words.end()) return BankDirection::out;
  return std::nullopt;
}

Result<Date> parse_statement_date(std::string_view raw) {
  const std::string_view text = trim(raw);
  if (text.empty()) return make_error(ReasonCode::missing_field, "is empty", "date");
  const auto refuse = [&](std::string_view why) {
    return make_error(ReasonCode::bad_date, quote_input(text) + " is not a date: " + std::string(why), "date");
  };
  std::string_view day_part = text;
  if (const std::size_t space = text.find(' '); space != std::string_view::npos) {
    day_part = text.substr(0, space);
    if (!is_time_of_day(trim(text.substr(space + 1)))) {
      return refuse("expected a date such as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日");
    }
  }
  std::string iso;
  if (day_part.size() == 8 && all_digits(day_part)) {
    iso = std::string(day_part.substr(0, 4)) + "-" + std::string(day_part.substr(4, 2)) + "-" +
          std::string(day_part.substr(6, 2));
  } else {
    const std::string chinese = from_chinese_date(day_part);
    iso = iso_from_separated(chinese.empty() ? day_part : std::string_view(chinese));
  }
  if (iso.empty()) return refuse("expected a date such as 2024-03-01, 2024/3/1, 20240301 or 2024年3月1日");
  auto date = Date::parse(iso);
  if (!date) return refuse("no such day in the calendar, or a year out of range");
  return date.value();
}

const std::vector<ColumnSpec>& bank_statement_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"date", {"交易日期", "日期", "记账日期"}, true},
      {"amount", {"金额", "交易金额", "发生额"}, false},
      {"direction", {"收支方向", "借贷标志", "方向", "借贷方向"}, false},
      {"amount_in", {"收入金额", "贷方发生额", "贷方金额", "收入"}, false},
      {"amount_out", {"支出金额", "借方发生额", "借方金额", "支出"}, false},
      {"counterparty", {"对方户名", "对方账户名称", "对方名称"}, false},
      {"reference", {"流水号", "交易流水号"}, false},
      {"memo", {"摘要"}, false},
      {"remark", {"附言", "用途", "备注"}, false},
      // Printed by banks, read by nobody here: accepted so that an export
      // need not be edited, while a misspelt column is still refused.
      {"balance", {"余额", "账户余额", "交易后余额"}, false},
      {"counterparty_account", {"对方账号", "对方账户"}, false},
      {"counterparty_bank", {"对方开户行", "对方行名"}, false},
      {"currency", {"币种"}, false},
      {"time", {"交易时间"}, false},
      {"serial", {"序号"}, false},
  };
  return columns;
}

Result<ParsedStatement> parse_bank_statement_rows(const TabularFile& file, std::string_view file_name) {
  auto map = map_columns(file.headers, bank_statement_columns());
  if (!map) return map.error();
  if (auto checked = check_amount_columns(map.value(), file.headers); !checked) return checked.error();
  if (file.rows.empty()) {
    return make_error(ReasonCode::bad_file, std::string(file_name) + ": the statement has no transactions", "file");
  }
  ParsedStatement statement;
  statement.format = file.format;
  statement.encoding = file.encoding;
  std::vector<RowProblem> problems;
  for (const auto& row : file.rows) {
    const RowReader reader{row, map.value(), file.headers, problems};
    if (auto line = read_line(reader)) statement.lines.push_back(std::move(*line));
  }
  if (!problems.empty()) return refusal(file_name, problems);
  number_occurrences(statement.lines);
  statement.content_checksum = checksum_of(statement.lines);
  return statement;
}

Result<ParsedStatement> parse_bank_statement(const std::string& path) {
  auto file = read_tabular_file(path);
  if (!file) return file.error();
  return parse_bank_statement_rows(file.value(), path);
}

}  // namespace jiangbu
