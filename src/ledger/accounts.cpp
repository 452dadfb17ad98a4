#include "ledger/accounts.hpp"

#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t accounts_listed_max = 1'000'000;
constexpr std::size_t segment_bytes_max = 64;

Error bad_code(std::string_view code, const std::string& why) {
  return make_error(ReasonCode::bad_account_code, quote_input(code) + " " + why,
                    "account");
}

Status validate_segment(std::string_view code, std::string_view segment) {
  if (segment.empty()) return bad_code(code, "has an empty segment");
  if (segment.size() > segment_bytes_max) return bad_code(code, "has a segment over 64 bytes");
  for (const char character : segment) {
    if (character == ' ' || character == ':' || character == '"' || character == '\'') {
      return bad_code(code, "has a space, colon or quote in a segment");
    }
  }
  return success();
}

const char* account_select =
    "SELECT a.book_id, a.code, a.chart_code, a.name, c.normal_side, c.basis "
    "FROM accounts a JOIN books b ON b.book_id = a.book_id "
    "JOIN chart_accounts c ON c.chart_id = b.chart_id AND c.code = a.chart_code ";

struct AccountRow {
  Account account;
  std::string side;
  std::string basis;

  Account finish() {
    account.normal_side = side == "debit" ? NormalSide::debit : NormalSide::credit;
    account.basis = basis == "financial" ? Basis::financial : Basis::budget;
    return account;
  }
};

// One prepared lookup per PostgreSQL connection (Database::reused), executed
// for every account an entry names: a one-off statement is parsed and planned
// at each execution there, and this join was the costliest statement of a
// single recording (bench/pg_statements.sh). It keeps no facts: every call
// asks the database. SQLite keeps the one-off statement: preparing is cheap
// in process, and a kept SELECT that SOCI leaves stepped but not reset
// would hold its connection's read snapshot open.
class AccountLookup {
 public:
  explicit AccountLookup(Database& database)
      : statement_((database.session().prepare << std::string(account_select) +
                                                      "WHERE a.book_id = :book AND a.code = :code",
                    soci::use(book_id_), soci::use(code_), soci::into(row_.account.book_id, found_),
                    soci::into(row_.account.code), soci::into(row_.account.chart_code), soci::into(row_.account.name),
                    soci::into(row_.side), soci::into(row_.basis))) {}

  std::optional<Account> find(const std::string& book_id, const std::string& code) {
    book_id_ = book_id;
    code_ = code;
    found_ = soci::i_null;
    statement_.execute(true);
    if (found_ != soci::i_ok) return std::nullopt;
    return row_.finish();
  }

 private:
  std::string book_id_, code_;
  AccountRow row_;
  soci::indicator found_ = soci::i_null;
  soci::statement statement_;  // last: it binds the members above
};

}  // namespace

Status validate_account_code(std::string_view code) {
  if (code.empty()) return make_error(ReasonCode::missing_field, "is empty", "account");
  if (code.size() > account_code_bytes_max) return bad_code(code.substr(0, 40), "is too long");
  if (auto text = validate_text(code, "account", account_code_bytes_max); !text) return text;
  const std::string_view root = code.substr(0, code.find('/'));
  if (root.size() != 4 || root.find_first_not_of("0123456789") != std::string_view::npos) {
    return bad_code(code, "must start with a four-digit chart code");
  }
  std::size_t segments = 1;
  for (std::size_t start = root.size(); start < code.size();) {
    const std::size_t next = code.find('/', start + 1);
    const std::size_t end = next == std::string_view::npos ? code.size() : next;
    if (auto valid = validate_segment(code, code.substr(start + 1, end - start - 1)); !valid) {
      return valid;
    }
    if (++segments > account_segments_max) return bad_code(code, "has too many levels");
    start = end;
  }
  return success();
}

std::string chart_code_of(std::string_view code) { return std::string(code.substr(0, 4)); }

std::optional<Account> find_account(Database& database, const std::string& book_id,
                                    const std::string& code) {
  if (database.backend() == Backend::postgresql) {
    auto& lookup =
        database.reused<AccountLookup>([](Database& owner) { return std::make_unique<AccountLookup>(owner); });
    return lookup.find(book_id, code);
  }
  AccountRow row;
  soci::indicator found = soci::i_null;
  database.session() << std::string(account_select) + "WHERE a.book_id = :book AND a.code = :code",
      soci::use(book_id), soci::use(code), soci::into(row.account.book_id, found),
      soci::into(row.account.code), soci::into(row.account.chart_code),
      soci::into(row.account.name), soci::into(row.side), soci::into(row.basis);
  if (found != soci::i_ok) return std::nullopt;
  return row.finish();
}

Result<Account> open_sub_account(Database& database, const std::string& book_id,
                                 const std::string& code, const std::string& name) {
  if (auto valid = validate_account_code(code); !valid) return valid.error();
  if (auto valid = validate_text(name, "name", 200); !valid) return valid.error();
  // Nearly always already open (every expenditure names its accounts): one
  // lookup then, not one per level. Accounts are opened from the top down,
  // so an open one has all its levels.
  if (auto open = find_account(database, book_id, code)) return *open;
  if (!find_account(database, book_id, chart_code_of(code))) {
    return bad_code(code, "is not under an account of book '" + book_id + "'s chart");
  }
  const std::string now = utc_timestamp_now();
  const std::string chart_code = chart_code_of(code);
  // Open each missing level from the top, so every sub-account has a parent.
  for (std::size_t slash = code.find('/'); slash != std::string::npos;) {
    const std::size_t next = code.find('/', slash + 1);
    const std::string level = code.substr(0, next);
    if (!find_account(database, book_id, level)) {
      const std::string level_name =
          next == std::string::npos ? name : code.substr(slash + 1, next - slash - 1);
      database.session() << "INSERT INTO accounts (book_id, code, chart_code, name, opened_at) "
                            "VALUES (:book, :code, :chart_code, :name, :now)",
          soci::use(book_id), soci::use(level), soci::use(chart_code), soci::use(level_name),
          soci::use(now);
    }
    slash = next;
  }
  auto account = find_account(database, book_id, code);
  JIANGBU_ASSERT(account.has_value());
  return *account;
}

std::vector<Account> list_accounts(Database& database, const std::string& book_id) {
  std::vector<Account> accounts;
  AccountRow row;
  soci::statement statement =
      (database.session().prepare << std::string(account_select) +
                                         "WHERE a.book_id = :book ORDER BY a.code",
       soci::use(book_id), soci::into(row.account.book_id), soci::into(row.account.code),
       soci::into(row.account.chart_code), soci::into(row.account.name), soci::into(row.side),
       soci::into(row.basis));
  statement.execute();
  while (statement.fetch() && accounts.size() < accounts_listed_max) {
    accounts.push_back(row.finish());
  }
  return accounts;
}

}  // namespace jiangbu
