// Trial balance (试算平衡表) of every book in a database, in one process, as
// the benchmark's like-for-like counterpart of `ledger -f exported balance`
// (which also balances every account of the whole exported journal).
// Prints books, accounts, seconds and peak memory; exit 1 if a book does not
// balance.
//   jiangbu_trial_balance_bench <db-path-or-uri> [as-of]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "core/date.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "store/database.hpp"
#include "store/database_location.hpp"

int main(int argc, char** argv) {
  using namespace jiangbu;
  if (argc < 2) {
    std::fprintf(stderr, "usage: jiangbu_trial_balance_bench <db> [as-of YYYY-MM-DD]\n");
    return 2;
  }
  auto location = parse_database_location(argv[1]);
  if (!location) return std::fprintf(stderr, "%s\n", location.error().describe().c_str()), 2;
  auto opened = Database::open(location.value());
  if (!opened) return std::fprintf(stderr, "%s\n", opened.error().describe().c_str()), 2;
  Database& database = *opened.value();
  const auto as_of = Date::parse(argc > 2 ? argv[2] : "2099-12-31");
  if (!as_of) return std::fprintf(stderr, "bad date\n"), 2;
  const auto started = std::chrono::steady_clock::now();
  std::size_t books = 0;
  std::size_t accounts = 0;
  bool balanced = true;
  for (const auto& book : list_books(database)) {
    auto report = trial_balance(database, book.book_id, std::nullopt, as_of.value());
    if (!report) return std::fprintf(stderr, "%s\n", report.error().describe().c_str()), 1;
    ++books;
    accounts += report.value().rows.size();
    balanced = balanced && report.value().financial.balanced() && report.value().budget.balanced();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("trial balance: %zu books, %zu account rows, %.3f s, peak %ld KB, %s\n", books, accounts, seconds,
              usage.ru_maxrss, balanced ? "balanced" : "NOT BALANCED");
  return balanced ? 0 : 1;
}
