#include "ledger/books.hpp"

#include "access/permission.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t books_max = 100'000;

Status seed_chart_account(Database& database, const Chart& chart, const ChartAccount& account) {
  std::string name;
  std::string account_type;
  std::string normal_side;
  std::string basis;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT name, account_type, normal_side, basis FROM chart_accounts "
                        "WHERE chart_id = :chart AND code = :code",
      soci::use(chart.chart_id), soci::use(account.code), soci::into(name, found),
      soci::into(account_type), soci::into(normal_side), soci::into(basis);
  const std::string wanted_side(normal_side_name(account.normal_side));
  const std::string wanted_basis(basis_name(account.basis));
  if (found == soci::i_ok) {
    if (name != account.name || account_type != account.account_type ||
        normal_side != wanted_side || basis != wanted_basis) {
      return make_error(ReasonCode::bad_chart, "chart " + chart.chart_id + " account " +
                                                   account.code +
                                                   " differs from the one in the database");
    }
    return success();
  }
  database.session() << "INSERT INTO chart_accounts (chart_id, code, name, account_type, "
                        "normal_side, basis) VALUES (:chart, :code, :name, :type, :side, :basis)",
      soci::use(chart.chart_id), soci::use(account.code), soci::use(account.name),
      soci::use(account.account_type), soci::use(wanted_side), soci::use(wanted_basis);
  return success();
}

}  // namespace

Status seed_charts(Database& database) {
  auto charts = bundled_charts();
  if (!charts) return charts.error();
  if (auto allowed = authorize(database.principal(), Action::administer); !allowed) return allowed;
  Transaction transaction(database, {"chart.seed", "chart", "bundled"});
  for (const auto& chart : charts.value()) {
    int count = 0;
    database.session() << "SELECT count(*) FROM charts WHERE chart_id = :chart",
        soci::use(chart.chart_id), soci::into(count);
    if (count == 0) {
      database.session() << "INSERT INTO charts (chart_id, name, source) VALUES (:id, :name, :source)",
          soci::use(chart.chart_id), soci::use(chart.name), soci::use(chart.source);
    }
    for (const auto& account : chart.accounts) {
      if (auto seeded = seed_chart_account(database, chart, account); !seeded) return seeded;
    }
  }
  transaction.commit();
  return success();
}

Status validate_book_id(std::string_view book_id) {
  if (book_id.empty()) return make_error(ReasonCode::missing_field, "is empty", "book");
  if (book_id.size() > 64) return make_error(ReasonCode::bad_text, "is longer than 64", "book");
  for (const char character : book_id) {
    const bool allowed = (character >= 'a' && character <= 'z') ||
                         (character >= 'A' && character <= 'Z') ||
                         (character >= '0' && character <= '9') || character == '-' ||
                         character == '_';
    if (!allowed) {
      return make_error(ReasonCode::bad_text, quote_input(book_id) +
                                                  " may hold only letters, digits, - and _",
                        "book");
    }
  }
  return success();
}

std::optional<Chart> load_chart(Database& database, const std::string& chart_id) {
  Chart chart;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT chart_id, name, source FROM charts WHERE chart_id = :chart",
      soci::use(chart_id), soci::into(chart.chart_id, found), soci::into(chart.name),
      soci::into(chart.source);
  if (found != soci::i_ok) return std::nullopt;
  ChartAccount row;
  std::string side;
  std::string basis;
  soci::statement statement =
      (database.session().prepare << "SELECT code, name, account_type, normal_side, basis "
                                     "FROM chart_accounts WHERE chart_id = :chart ORDER BY code",
       soci::use(chart_id), soci::into(row.code), soci::into(row.name),
       soci::into(row.account_type), soci::into(side), soci::into(basis));
  statement.execute();
  while (statement.fetch()) {
    row.normal_side = side == "debit" ? NormalSide::debit : NormalSide::credit;
    row.basis = basis == "financial" ? Basis::financial : Basis::budget;
    chart.accounts.push_back(row);
  }
  return chart;
}

Result<Book> create_book(Database& database, const Book& book) {
  // A new book belongs to no unit yet: only the bureau opens one by hand.
  if (auto allowed = authorize(database.principal(), Action::write_book); !allowed) return allowed.error();
  Transaction transaction(database, {"book.open", "book", book.book_id});
  auto created = create_book_in_transaction(database, book);
  if (created) transaction.commit();
  return created;
}

Result<Book> create_book_in_transaction(Database& database, const Book& book) {
  if (auto valid = validate_book_id(book.book_id); !valid) return valid.error();
  if (auto valid = validate_text(book.name, "name", 200); !valid) return valid.error();
  const auto chart = load_chart(database, book.chart_id);
  if (!chart) {
    return make_error(ReasonCode::bad_chart, "no chart '" + book.chart_id + "'", "chart");
  }
  if (find_book(database, book.book_id)) {
    return make_error(ReasonCode::duplicate_book, "book '" + book.book_id + "' already exists",
                      "book");
  }
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO books (book_id, chart_id, name, created_at) "
                        "VALUES (:book, :chart, :name, :now)",
      soci::use(book.book_id), soci::use(book.chart_id), soci::use(book.name), soci::use(now);
  for (const auto& account : chart->accounts) {
    database.session() << "INSERT INTO accounts (book_id, code, chart_code, name, opened_at) "
                          "VALUES (:book, :code, :chart_code, :name, :now)",
        soci::use(book.book_id), soci::use(account.code), soci::use(account.code),
        soci::use(account.name), soci::use(now);
  }
  return book;
}

std::optional<Book> find_book(Database& database, const std::string& book_id) {
  Book book;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT book_id, chart_id, name FROM books WHERE book_id = :book",
      soci::use(book_id), soci::into(book.book_id, found), soci::into(book.chart_id),
      soci::into(book.name);
  if (found != soci::i_ok) return std::nullopt;
  return book;
}

std::vector<Book> list_books(Database& database) {
  std::vector<Book> books;
  Book row;
  soci::statement statement =
      (database.session().prepare << "SELECT book_id, chart_id, name FROM books ORDER BY book_id",
       soci::into(row.book_id), soci::into(row.chart_id), soci::into(row.name));
  statement.execute();
  while (statement.fetch() && books.size() < books_max) books.push_back(row);
  return books;
}

}  // namespace jiangbu
