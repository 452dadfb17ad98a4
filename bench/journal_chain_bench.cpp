// What the journal's hash chain costs: posts the same N entries (default
// 20,000; two postings each, over 4 books and 2 fiscal years) into two fresh
// SQLite databases, one sealed (every entry hashed and its hash row written)
// and one unsealed, and prints both times and their ratio; then times
// `verify_journal` over the sealed one. Entries are committed in batches of
// B (default 100) so that fsync (synchronous=FULL) does not hide the chain's
// own cost; B = 1 gives the commit-per-entry figure.
//
//   build/bench/jiangbu_journal_chain_bench [entries] [batch]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <string>

#include <spdlog/spdlog.h>

#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "ledger/journal_verify.hpp"
#include "store/migrations.hpp"
#include "store/transaction.hpp"

namespace jiangbu {
namespace {

constexpr long long entries_max = 10'000'000;
constexpr int books_count = 4;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::unique_ptr<Database> fresh_database(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  auto location = parse_database_location(path.string());
  if (!location) throw std::runtime_error(location.error().describe());
  auto database = Database::open(location.value());
  if (!database) throw std::runtime_error(database.error().describe());
  auto& opened = *database.value();
  if (!apply_migrations(opened) || !seed_charts(opened)) throw std::runtime_error("cannot initialise");
  for (int book = 0; book < books_count; ++book) {
    if (!create_book(opened, Book{"book-" + std::to_string(book), "bureau", "账簿"})) {
      throw std::runtime_error("cannot open a book");
    }
  }
  return std::move(database.value());
}

EntryInput entry_number(long long index) {
  const Money amount = Money::from_fen(1 + index % 9'999'999);
  const Date date = Date::from_parts(2024 + static_cast<int>(index % 2), 1 + static_cast<int>(index % 12), 1);
  return EntryInput{"book-" + std::to_string(index % books_count), date, "计提奖补 " + std::to_string(index),
                    "bench:" + std::to_string(index),
                    {{"5001", Side::debit, amount}, {"2303", Side::credit, amount}}};
}

double post_all(Database& database, JournalSealing sealing, long long entries, long long batch) {
  Journal journal(database, sealing);
  const auto start = std::chrono::steady_clock::now();
  for (long long first = 0; first < entries; first += batch) {
    Transaction transaction(database, {"bench.post", "journal", "benchmark batch"});
    for (long long index = first; index < std::min(entries, first + batch); ++index) {
      if (!journal.append(entry_number(index))) throw std::runtime_error("posting refused");
    }
    transaction.commit();
  }
  return seconds_since(start);
}

int run(long long entries, long long batch) {
  const auto folder = std::filesystem::temp_directory_path() / ("jiangbu-chain-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  auto unsealed = fresh_database(folder / "unsealed.db");
  auto sealed = fresh_database(folder / "sealed.db");
  // Alternate the order across two rounds so that neither side gets the warm cache.
  double unsealed_seconds = post_all(*unsealed, JournalSealing::unsealed, entries / 2, batch);
  double sealed_seconds = post_all(*sealed, JournalSealing::sealed, entries / 2, batch);
  sealed_seconds += post_all(*sealed, JournalSealing::sealed, entries - entries / 2, batch);
  unsealed_seconds += post_all(*unsealed, JournalSealing::unsealed, entries - entries / 2, batch);
  std::printf("entries %lld, batch %lld, SQLite, 4 books x 2 years\n", entries, batch);
  std::printf("post unsealed  %8.3f s  %9.0f entries/s\n", unsealed_seconds, static_cast<double>(entries) / unsealed_seconds);
  std::printf("post sealed    %8.3f s  %9.0f entries/s\n", sealed_seconds, static_cast<double>(entries) / sealed_seconds);
  std::printf("sealed/unsealed ratio %.3f\n", sealed_seconds / unsealed_seconds);
  const auto start = std::chrono::steady_clock::now();
  const auto verification = verify_journal(*sealed);
  const double verify_seconds = seconds_since(start);
  if (!verification || !verification.value().intact() || verification.value().head.entry_count != entries) {
    std::printf("verification FAILED\n");
    return 1;
  }
  std::printf("verify         %8.3f s  %9.0f entries/s  (%lld chains, intact)\n", verify_seconds,
              static_cast<double>(entries) / verify_seconds,
              static_cast<long long>(verification.value().head.chain_count));
  unsealed.reset();
  sealed.reset();
  std::filesystem::remove_all(folder);
  return 0;
}

}  // namespace
}  // namespace jiangbu

int main(int argc, char** argv) {
  const long long entries = argc > 1 ? std::atoll(argv[1]) : 20'000;
  const long long batch = argc > 2 ? std::atoll(argv[2]) : 100;
  if (entries < 2 || entries > jiangbu::entries_max || batch < 1) {
    std::fprintf(stderr, "usage: jiangbu_journal_chain_bench [entries 2..10000000] [batch >= 1]\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::warn);  // the migrations' info lines are not the figures
  return jiangbu::run(entries, batch);
}
