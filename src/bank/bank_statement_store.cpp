// Storing bank statements and reading their lines back.
#include <filesystem>

#include "access/permission.hpp"
#include "bank/bank_statement.hpp"
#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "core/timestamp.hpp"
#include "ledger/accounts.hpp"
#include "registry/units.hpp"
#include "store/money_conversion.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

// Two importers of overlapping statements may race to store the same line
// (PostgreSQL; SQLite serialises writers): the loser retries and finds it.
constexpr int import_attempts_max = 3;
constexpr std::size_t statements_listed_max = 100'000;
constexpr std::size_t lines_read_max = 10'000'000;

constexpr const char* statement_select =
    "SELECT statement_id, unit_id, account_code, file_name, file_format, encoding, content_checksum, "
    "opening_balance_fen, first_date, last_date, row_count, new_line_count, imported_at FROM bank_statements ";

struct StatementRow {
  BankStatement statement;
  long long statement_id = 0;
  long long opening_fen = 0;
  std::string first_date;
  std::string last_date;
  int row_count = 0;
  int new_line_count = 0;

  BankStatement finish() {
    statement.statement_id = statement_id;
    statement.opening_balance = Money::from_fen(opening_fen);
    statement.first_date = Date::parse(first_date).value();  // the import wrote ISO dates
    statement.last_date = Date::parse(last_date).value();
    statement.row_count = static_cast<std::size_t>(row_count);
    statement.new_line_count = static_cast<std::size_t>(new_line_count);
    return statement;
  }
};

template <typename Statement>
void bind_statement_row(Statement& statement, StatementRow& row) {
  statement, soci::into(row.statement_id), soci::into(row.statement.unit_id),
      soci::into(row.statement.account_code), soci::into(row.statement.file_name),
      soci::into(row.statement.file_format), soci::into(row.statement.encoding),
      soci::into(row.statement.content_checksum), soci::into(row.opening_fen), soci::into(row.first_date),
      soci::into(row.last_date), soci::into(row.row_count), soci::into(row.new_line_count),
      soci::into(row.statement.imported_at);
}

std::optional<BankStatement> find_by_checksum(Database& database, const std::string& unit_id,
                                              const std::string& account_code, const std::string& checksum) {
  StatementRow row;
  auto query = (database.session().prepare << std::string(statement_select) +
                                                  "WHERE unit_id = :unit AND account_code = :account "
                                                  "AND content_checksum = :checksum",
                soci::use(unit_id), soci::use(account_code), soci::use(checksum));
  bind_statement_row(query, row);
  soci::statement statement(query);
  if (!statement.execute(true)) return std::nullopt;
  return row.finish();
}

struct LineKey {
  std::string date;
  std::string direction;
  long long amount_fen = 0;
};

LineKey key_of(const BankStatementLine& line) {
  return {line.transaction_date.to_string(), std::string(bank_direction_name(line.direction)),
          static_cast<long long>(line.amount.fen_int64())};
}

bool line_stored(Database& database, const std::string& unit_id, const std::string& account_code,
                 const BankStatementLine& line) {
  const LineKey key = key_of(line);
  const int occurrence = line.occurrence;
  long long count = 0;
  database.session() << "SELECT count(*) FROM bank_statement_lines WHERE unit_id = :unit AND account_code = :account "
                        "AND transaction_date = :date AND direction = :direction AND amount_fen = :amount "
                        "AND counterparty = :counterparty AND reference = :reference AND memo = :memo "
                        "AND remark = :remark AND occurrence = :occurrence",
      soci::use(unit_id), soci::use(account_code), soci::use(key.date), soci::use(key.direction),
      soci::use(key.amount_fen), soci::use(line.counterparty), soci::use(line.reference), soci::use(line.memo),
      soci::use(line.remark), soci::use(occurrence), soci::into(count);
  return count > 0;
}

std::int64_t insert_statement(Database& database, const BankStatement& statement) {
  const long long opening_fen = statement.opening_balance.fen_int64();
  const std::string first_date = statement.first_date.to_string();
  const std::string last_date = statement.last_date.to_string();
  const int row_count = static_cast<int>(statement.row_count);
  const int new_line_count = static_cast<int>(statement.new_line_count);
  long long statement_id = 0;
  database.session() << "INSERT INTO bank_statements (unit_id, account_code, file_name, file_format, encoding, "
                        "content_checksum, opening_balance_fen, first_date, last_date, row_count, new_line_count, "
                        "imported_at) VALUES (:unit, :account, :file, :format, :encoding, :checksum, :opening, "
                        ":first, :last, :rows, :new_lines, :imported_at) RETURNING statement_id",
      soci::use(statement.unit_id), soci::use(statement.account_code), soci::use(statement.file_name),
      soci::use(statement.file_format), soci::use(statement.encoding), soci::use(statement.content_checksum),
      soci::use(opening_fen), soci::use(first_date), soci::use(last_date), soci::use(row_count),
      soci::use(new_line_count), soci::use(statement.imported_at), soci::into(statement_id);
  return statement_id;
}

void insert_line(Database& database, const BankStatement& statement, const BankStatementLine& line) {
  const long long statement_id = statement.statement_id;
  const long long line_number = static_cast<long long>(line.line_number);
  const LineKey key = key_of(line);
  const int occurrence = line.occurrence;
  database.session() << "INSERT INTO bank_statement_lines (statement_id, line_number, unit_id, account_code, "
                        "transaction_date, amount_fen, direction, counterparty, reference, memo, remark, occurrence) "
                        "VALUES (:statement, :line, :unit, :account, :date, :amount, :direction, :counterparty, "
                        ":reference, :memo, :remark, :occurrence)",
      soci::use(statement_id), soci::use(line_number), soci::use(statement.unit_id),
      soci::use(statement.account_code), soci::use(key.date), soci::use(key.amount_fen), soci::use(key.direction),
      soci::use(line.counterparty), soci::use(line.reference), soci::use(line.memo), soci::use(line.remark),
      soci::use(occurrence);
}

BankStatement describe(const Unit& unit, const std::string& account_code, const std::string& path,
                       const ParsedStatement& parsed, const Money& opening_balance) {
  BankStatement statement;
  statement.unit_id = unit.unit_id;
  statement.account_code = account_code;
  statement.file_name = std::filesystem::path(path).filename().string();
  statement.file_format = parsed.format;
  statement.encoding = parsed.encoding;
  statement.content_checksum = parsed.content_checksum;
  statement.opening_balance = opening_balance;
  statement.first_date = parsed.lines.front().transaction_date;
  statement.last_date = parsed.lines.front().transaction_date;
  for (const auto& line : parsed.lines) {
    statement.first_date = std::min(statement.first_date, line.transaction_date);
    statement.last_date = std::max(statement.last_date, line.transaction_date);
  }
  statement.row_count = parsed.lines.size();
  return statement;
}

Result<BankStatement> store_statement(Database& database, BankStatement statement, const ParsedStatement& parsed) {
  if (auto allowed = authorize(database.principal(), Action::import_bank_statement, statement.unit_id); !allowed) {
    return allowed.error();
  }
  Transaction transaction(database, {"bank.import-statement", "bank_statement",
                                     statement.unit_id + " " + statement.account_code});
  if (auto original = find_by_checksum(database, statement.unit_id, statement.account_code,
                                       statement.content_checksum)) {
    if (original->opening_balance != statement.opening_balance) {
      return make_error(ReasonCode::bad_amount,
                        "this statement was imported as statement " + std::to_string(original->statement_id) +
                            " with opening balance " + original->opening_balance.to_plain_string() + ", not " +
                            statement.opening_balance.to_plain_string(),
                        "opening-balance");
    }
    original->replayed = true;
    return *original;
  }
  std::vector<const BankStatementLine*> new_lines;
  for (const auto& line : parsed.lines) {
    if (!line_stored(database, statement.unit_id, statement.account_code, line)) new_lines.push_back(&line);
  }
  statement.new_line_count = new_lines.size();
  statement.imported_at = utc_timestamp_now();
  statement.statement_id = insert_statement(database, statement);
  for (const auto* line : new_lines) insert_line(database, statement, *line);
  transaction.commit();
  return statement;
}

}  // namespace

Status check_bank_account(Database& database, const Unit& unit, const std::string& account_code) {
  if (chart_code_of(account_code) != "1002") {
    return make_error(ReasonCode::bad_account_code,
                      "'" + account_code + "' is not a bank account (银行存款 1002 or one of its sub-accounts)",
                      "account");
  }
  if (!find_account(database, unit.book_id, account_code)) {
    return make_error(ReasonCode::unknown_account,
                      "'" + account_code + "' is not open in the book of unit " + unit.unit_id, "account");
  }
  return success();
}

Result<BankStatement> import_bank_statement(Database& database, const std::string& unit_id,
                                            const std::string& account_code, const std::string& path,
                                            const Money& opening_balance) {
  const auto unit = find_unit(database, unit_id);
  if (!unit) return make_error(ReasonCode::unknown_unit, "no unit '" + unit_id + "'", "unit");
  if (auto checked = check_bank_account(database, *unit, account_code); !checked) return checked.error();
  auto parsed = parse_bank_statement(path);
  if (!parsed) return parsed.error();
  const BankStatement statement = describe(*unit, account_code, path, parsed.value(), opening_balance);
  for (int attempt = 1;; ++attempt) {
    try {
      return store_statement(database, statement, parsed.value());
    } catch (const soci::soci_error& error) {
      if (!is_unique_violation(error) || attempt >= import_attempts_max) throw;
    }
  }
}

std::vector<BankStatement> list_bank_statements(Database& database, const std::string& unit_id,
                                                const std::string& account_code) {
  StatementRow row;
  auto query = (database.session().prepare << std::string(statement_select) +
                                                  "WHERE unit_id = :unit AND account_code = :account "
                                                  "ORDER BY first_date, statement_id",
                soci::use(unit_id), soci::use(account_code));
  bind_statement_row(query, row);
  soci::statement statement(query);
  statement.execute();
  std::vector<BankStatement> statements;
  while (statements.size() < statements_listed_max && statement.fetch()) statements.push_back(row.finish());
  return statements;
}

std::vector<StoredBankLine> stored_bank_lines(Database& database, const std::string& unit_id,
                                              const std::string& account_code, const Date& as_of) {
  const std::string as_of_text = as_of.to_string();
  StoredBankLine stored;
  long long line_id = 0;
  long long statement_id = 0;
  long long line_number = 0;
  std::string date;
  long long amount_fen = 0;
  std::string direction;
  BankStatementLine& line = stored.line;
  soci::statement statement =
      (database.session().prepare
           << "SELECT line_id, statement_id, line_number, transaction_date, amount_fen, direction, counterparty, "
              "reference, memo, remark, occurrence FROM bank_statement_lines "
              "WHERE unit_id = :unit AND account_code = :account AND transaction_date <= :as_of "
              "ORDER BY transaction_date, line_id",
       soci::use(unit_id), soci::use(account_code), soci::use(as_of_text), soci::into(line_id),
       soci::into(statement_id), soci::into(line_number), soci::into(date), soci::into(amount_fen),
       soci::into(direction), soci::into(line.counterparty), soci::into(line.reference), soci::into(line.memo),
       soci::into(line.remark), soci::into(line.occurrence));
  statement.execute();
  std::vector<StoredBankLine> lines;
  while (lines.size() < lines_read_max && statement.fetch()) {
    stored.line_id = line_id;
    stored.statement_id = statement_id;
    line.line_number = static_cast<std::size_t>(line_number);
    auto parsed = Date::parse(date);
    JIANGBU_ASSERT(parsed.ok());  // the schema's CHECK keeps dates well-formed
    line.transaction_date = parsed.value();
    line.amount = Money::from_fen(amount_fen);
    line.direction = direction == "in" ? BankDirection::in : BankDirection::out;
    lines.push_back(stored);
  }
  return lines;
}

Money bank_opening_balance(Database& database, const std::string& unit_id, const std::string& account_code) {
  long long opening_fen = 0;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT opening_balance_fen FROM bank_statements WHERE unit_id = :unit "
                        "AND account_code = :account ORDER BY first_date, statement_id LIMIT 1",
      soci::use(unit_id), soci::use(account_code), soci::into(opening_fen, found);
  return found == soci::i_ok ? Money::from_fen(opening_fen) : Money();
}

}  // namespace jiangbu
