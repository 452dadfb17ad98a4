// Interactive recording: N clients, each with its own connection, record
// single expenditures (record_expenditure: every check, one transaction
// each, as `jiangbu expenditure record` does) for a fixed time. The rows
// come from a generated import file (`jiangbu demo generate`, judged as of
// its scenario_today, 2025-12-31); each client
// takes every N-th row, with the external id prefixed so a run never
// replays an earlier one. Prints transactions per second, the number the
// benchmark sets beside pgbench's tpcb-like run at the same client count.
//   jiangbu_record_bench <db-uri> <expenditures.csv> <clients> <seconds> <prefix>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "expenditure/expenditure.hpp"
#include "expenditure/expenditure_import.hpp"
#include "store/database.hpp"
#include "store/database_location.hpp"
#include "tabular/tabular_file.hpp"

namespace {

constexpr std::size_t clients_max = 64;

struct ClientResult {
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  std::string failure;
};

void run_client(const jiangbu::DatabaseLocation& location, const std::vector<jiangbu::ExpenditureInput>& inputs,
                std::size_t client, std::size_t clients, std::chrono::steady_clock::time_point deadline,
                const std::string& prefix, ClientResult& result) {
  auto opened = jiangbu::Database::open(location);
  if (!opened) {
    result.failure = opened.error().describe();
    return;
  }
  jiangbu::RecordOptions options{jiangbu::Date::from_parts(2025, 12, 31), "bench"};
  for (std::size_t index = client; index < inputs.size() && std::chrono::steady_clock::now() < deadline;
       index += clients) {
    jiangbu::ExpenditureInput input = inputs[index];
    input.external_id = prefix + input.external_id;
    const auto verdict = jiangbu::record_expenditure(*opened.value(), input, options);
    (verdict.status == jiangbu::VerdictStatus::accepted ? result.accepted : result.rejected) += 1;
  }
}

}  // namespace

int main(int argc, char** argv) {
  using namespace jiangbu;
  if (argc < 6) {
    std::fprintf(stderr, "usage: jiangbu_record_bench <db> <expenditures.csv> <clients> <seconds> <prefix>\n");
    return 2;
  }
  auto location = parse_database_location(argv[1]);
  if (!location) return std::fprintf(stderr, "%s\n", location.error().describe().c_str()), 2;
  auto file = read_tabular_file(argv[2]);
  if (!file) return std::fprintf(stderr, "%s\n", file.error().describe().c_str()), 2;
  auto map = map_columns(file.value().headers, expenditure_columns());
  if (!map) return std::fprintf(stderr, "%s\n", map.error().describe().c_str()), 2;
  std::vector<ExpenditureInput> inputs;
  for (const auto& row : file.value().rows) inputs.push_back(expenditure_input_from_row(row, map.value()));
  const std::size_t clients = std::stoul(argv[3]);
  const int seconds = std::stoi(argv[4]);
  if (clients == 0 || clients > clients_max || seconds <= 0) return std::fprintf(stderr, "bad clients/seconds\n"), 2;
  std::vector<ClientResult> results(clients);
  std::vector<std::thread> threads;
  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + std::chrono::seconds(seconds);
  for (std::size_t client = 0; client < clients; ++client) {
    threads.emplace_back(run_client, std::cref(location.value()), std::cref(inputs), client, clients, deadline,
                         std::string(argv[5]), std::ref(results[client]));
  }
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  for (const auto& result : results) {
    if (!result.failure.empty()) return std::fprintf(stderr, "%s\n", result.failure.c_str()), 1;
    accepted += result.accepted;
    rejected += result.rejected;
  }
  std::printf("record: clients %zu, transactions %zu (accepted %zu, rejected %zu), %.3f s, tps %.1f\n", clients,
              accepted + rejected, accepted, rejected, elapsed, static_cast<double>(accepted + rejected) / elapsed);
  return 0;
}
