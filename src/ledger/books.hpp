#pragma once
// Books (账簿): the finance bureau's, and one per lead unit. A book is kept
// under one chart; creating it opens every account of that chart.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/chart.hpp"
#include "store/database.hpp"

namespace jiangbu {

inline constexpr std::string_view bureau_book_id = "bureau";

struct Book {
  std::string book_id;   // "bureau", or the unit's id
  std::string chart_id;  // "bureau", "enterprise", "non-profit"
  std::string name;
};

// Writes the bundled charts into the database; a chart account that exists
// with different attributes is refused (charts are append-only).
Status seed_charts(Database& database);

// Book ids: 1..64 of [A-Za-z0-9_-].
Status validate_book_id(std::string_view book_id);

Result<Book> create_book(Database& database, const Book& book);
// The same inside the caller's open transaction.
Result<Book> create_book_in_transaction(Database& database, const Book& book);
std::optional<Book> find_book(Database& database, const std::string& book_id);
std::vector<Book> list_books(Database& database);
std::optional<Chart> load_chart(Database& database, const std::string& chart_id);

}  // namespace jiangbu
