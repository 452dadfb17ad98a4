// The kill test (issue 7, faults): a bulk import SIGKILLed at random moments
// and re-run each time must end in exactly the state of one clean run.
//
// Databases A and B are prepared identically. A gets one clean import of the
// fixture file, then a full re-run (which must change nothing). B gets the
// same import started as a child process (`jiangbu expenditure import`) and
// killed after a seeded random delay, --kills times, each kill followed by
// the next attempt; then one final complete run. The canonical dumps of A and
// B must be equal, and B must hold no partial row, no second verdict and no
// voucher gap. Exit 0 when all holds, 1 when not, 2 on bad usage or setup.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "fault/canonical_dump.hpp"
#include "fault/child_process.hpp"
#include "expenditure/expenditure_import.hpp"
#include "fault/import_fixture.hpp"
#include "ledger/books.hpp"
#include "policy/policy_store.hpp"
#include "store/migrations.hpp"

namespace jiangbu::fault {
namespace {

using Clock = std::chrono::steady_clock;
using Seconds = std::chrono::duration<double>;

struct Options {
  std::string jiangbu;
  std::string backend = "sqlite";
  std::size_t rows = 100'000;
  // Smaller than the import's default, so that a kill lands among many
  // committed and uncommitted batches, not in the first of a few.
  std::size_t batch_rows = 2'000;
  std::size_t kills = 50;
  std::uint64_t seed = 0;  // 0: a fresh random seed, printed
  std::uint64_t fixture_seed = 20'241'231;
  std::string work_directory;
  bool keep = false;
  bool prepare_only = false;
  bool compare_single = false;
};

// Two databases under test: SQLite files in the work folder, or two schemas
// of the PostgreSQL database named by JIANGBU_TEST_POSTGRESQL_URL.
class DatabasePair {
 public:
  DatabasePair(const Options& options, const std::string& folder) : backend_(options.backend) {
    for (const char* name : {"a", "b"}) {
      if (backend_ == "sqlite") {
        connections_.push_back(folder + "/" + name + ".db");
      } else {
        const char* url = std::getenv("JIANGBU_TEST_POSTGRESQL_URL");
        if (url == nullptr || *url == '\0') {
          throw std::runtime_error("JIANGBU_TEST_POSTGRESQL_URL is not set: run through scripts/test.sh or "
                                   "scripts/postgres-throwaway.sh run");
        }
        base_url_ = url;
        const std::string schema = "fault_" + std::string(name) + "_" + std::to_string(getpid());
        open(base_url_)->execute_script("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        schemas_.push_back(schema);
        const char separator = base_url_.find('?') == std::string::npos ? '?' : '&';
        connections_.push_back(base_url_ + separator + "options=-csearch_path%3D" + schema);
      }
    }
  }
  // Leaves the schemas in place (--prepare-only: they are what it prepares).
  void keep() { schemas_.clear(); }

  ~DatabasePair() {
    if (schemas_.empty()) return;
    try {
      auto administrator = open(base_url_);
      for (const auto& schema : schemas_) administrator->execute_script("DROP SCHEMA " + schema + " CASCADE");
    } catch (const std::exception&) {
      // The throwaway cluster goes away after the run anyway.
    }
  }
  DatabasePair(const DatabasePair&) = delete;
  DatabasePair& operator=(const DatabasePair&) = delete;

  const std::string& connection(std::size_t index) const { return connections_[index]; }

  static std::unique_ptr<Database> open(const std::string& connection) {
    auto location = parse_database_location(connection);
    if (!location) throw std::runtime_error(location.error().describe());
    auto database = Database::open(location.value());
    if (!database) throw std::runtime_error(database.error().describe());
    return std::move(database).value();
  }

 private:
  std::string backend_;
  std::string base_url_;
  std::vector<std::string> connections_;
  std::vector<std::string> schemas_;
};

void require(const Status& status, const char* what) {
  if (!status) throw std::runtime_error(std::string(what) + ": " + status.error().describe());
}

void prepare(Database& database, const ImportFixtureShape& shape) {
  auto migrated = apply_migrations(database);
  if (!migrated) throw std::runtime_error("migrations: " + migrated.error().describe());
  require(seed_charts(database), "charts");
  require(seed_policies(database), "policies");
  if (auto book = create_book(database, Book{"bureau", "bureau", "财政局"}); !book) {
    throw std::runtime_error("bureau book: " + book.error().describe());
  }
  require(prepare_import_database(database, shape), "fixture");
}

std::vector<std::string> import_command(const Options& options, const std::string& connection,
                                        const std::string& csv) {
  return {options.jiangbu, "--db", connection, "--log-level", "error", "--format", "csv",
          "expenditure", "import", csv, "--today", fixture_today, "--batch-rows", std::to_string(options.batch_rows)};
}

// An import that ran to its end exits 0 (all accepted) or 1 (some rejected).
void require_complete(const ChildOutcome& outcome, const char* what) {
  if (outcome.exit_code != 0 && outcome.exit_code != 1) {
    throw std::runtime_error(std::string(what) + " did not complete: exit " + std::to_string(outcome.exit_code) +
                             ", signal " + std::to_string(outcome.signal_number));
  }
}

// The bulk import's batch path (A, through the CLI) against recording the
// same rows one by one with record_expenditure (B, in process): both must
// store the same verdicts, entries and register rows.
std::vector<ExpenditureInput> csv_inputs(const std::string& csv) {
  auto file = read_tabular_file(csv);
  if (!file) throw std::runtime_error(file.error().describe());
  auto map = map_columns(file.value().headers, expenditure_columns());
  if (!map) throw std::runtime_error(map.error().describe());
  std::vector<ExpenditureInput> inputs;
  for (const auto& row : file.value().rows) inputs.push_back(expenditure_input_from_row(row, map.value()));
  return inputs;
}

int compare_with_single_recording(const Options& options, const DatabasePair& pair, Database& batch, Database& single,
                                  const std::string& csv, const std::string& log, std::size_t submissions) {
  const auto batch_run = run_child(import_command(options, pair.connection(0), csv), log, std::nullopt);
  require_complete(batch_run, "the batch import");
  const auto started = Clock::now();
  auto file = read_tabular_file(csv);
  const auto inputs = csv_inputs(csv);
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    RecordOptions record{Date::parse(fixture_today).value(),
                         "import:" + csv + " row " + std::to_string(file.value().rows[index].row_number)};
    record_expenditure(single, inputs[index], record);
  }
  const double single_seconds = Seconds(Clock::now() - started).count();
  std::cout << "batch import: " << Seconds(batch_run.elapsed).count() << " s; one by one: " << single_seconds << " s\n";
  bool equal = true;
  const auto batch_dump = canonical_dump(batch);
  const auto single_dump = canonical_dump(single);
  for (std::size_t index = 0; index < batch_dump.size(); ++index) {
    const bool same = batch_dump[index].text == single_dump[index].text;
    std::cout << (same ? "equal     " : "DIFFERENT ") << batch_dump[index].table << ": " << batch_dump[index].rows
              << " rows\n";
    equal = equal && same;
  }
  for (auto* database : {&batch, &single}) {
    for (const auto& violation : integrity_violations(*database, submissions)) {
      std::cout << (database == &batch ? "batch" : "single") << " database: " << violation << "\n";
      equal = false;
    }
  }
  std::cout << (equal ? "PASS" : "FAIL") << ": the batch import " << (equal ? "equals" : "differs from")
            << " recording the rows one by one\n";
  return equal ? 0 : 1;
}


// Prints the first line where two dumps of one table differ and writes both
// dumps to the work folder for diff.
void report_difference(const TableDump& clean, const TableDump& killed, const std::string& folder) {
  std::size_t line = 1;
  std::size_t position = 0;
  while (position < clean.text.size() && position < killed.text.size() && clean.text[position] == killed.text[position]) {
    if (clean.text[position] == '\n') ++line;
    ++position;
  }
  std::cout << "DIFFERENT " << clean.table << ": clean " << clean.rows << " rows, killed " << killed.rows
            << " rows, first difference at line " << line << "\n";
  std::ofstream(folder + "/clean." + clean.table + ".dump", std::ios::binary) << clean.text;
  std::ofstream(folder + "/killed." + killed.table + ".dump", std::ios::binary) << killed.text;
}

int run(const Options& options) {
  const auto started = Clock::now();
  const std::uint64_t seed = options.seed != 0 ? options.seed : std::random_device{}() | 1u;
  std::cout << "kill test on " << options.backend << ": " << options.rows << " rows, " << options.kills
            << " kills, seed " << seed << " (repeat with --seed " << seed << ")\n";
  std::string folder = options.work_directory;
  if (folder.empty()) {
    std::string pattern = (std::filesystem::temp_directory_path() / "jiangbu-kill-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    folder = pattern;
  }
  std::filesystem::create_directories(folder);
  const std::string csv = folder + "/spending.csv";
  const std::string log = folder + "/children.log";
  const ImportFixtureShape shape{options.rows, options.fixture_seed};
  const auto kinds = write_import_csv(csv, shape);
  std::cout << "fixture:";
  for (const auto& [kind, count] : kinds) std::cout << " " << kind << "=" << count;
  std::cout << "\n";
  // A row sent again replays its first verdict; every other row is a submission.
  const std::size_t submissions = options.rows - (kinds.count("sent-again") ? kinds.at("sent-again") : 0);

  DatabasePair pair(options, folder);
  auto clean = DatabasePair::open(pair.connection(0));
  auto killed = DatabasePair::open(pair.connection(1));
  prepare(*clean, shape);
  prepare(*killed, shape);
  if (options.prepare_only) {
    pair.keep();
    std::cout << "prepared " << pair.connection(0) << " and " << csv << "\n";
    return 0;
  }
  if (options.compare_single) return compare_with_single_recording(options, pair, *clean, *killed, csv, log, submissions);

  // A: one clean run, then a full re-run that must replay every row.
  const auto clean_run = run_child(import_command(options, pair.connection(0), csv), log, std::nullopt);
  require_complete(clean_run, "the clean import");
  const auto before_replay = canonical_dump(*clean);
  const auto replay_run = run_child(import_command(options, pair.connection(0), csv), log, std::nullopt);
  require_complete(replay_run, "the re-run of the clean import");
  const double clean_seconds = Seconds(clean_run.elapsed).count();
  const double replay_seconds = Seconds(replay_run.elapsed).count();
  std::cout << "clean import: " << clean_seconds << " s (" << static_cast<long long>(static_cast<double>(options.rows) / clean_seconds)
            << " rows/s); full re-run (replay): " << replay_seconds << " s ("
            << static_cast<long long>(static_cast<double>(options.rows) / replay_seconds) << " rows/s); CPU of jiangbu: "
            << clean_run.cpu_seconds << " s and " << replay_run.cpu_seconds << " s\n";

  // B: killed at random moments. The delay's mean is the expected remaining
  // time (replaying what is done, judging the rest, both timed on A) shared
  // among the kills still to come, so the kills spread over the whole import.
  std::mt19937_64 random(seed);
  std::size_t landed = 0;
  std::size_t landed_with_progress = 0;
  for (std::size_t attempt = 1; attempt <= options.kills; ++attempt) {
    const std::size_t done_before = verdicts_stored(*killed);
    const double done = static_cast<double>(done_before) / static_cast<double>(submissions);
    const double remaining_seconds = replay_seconds * done + clean_seconds * (1.0 - done);
    // One share more than kills left: the last kill still lands, on average, mid-run.
    const double mean_seconds = remaining_seconds / static_cast<double>(options.kills - attempt + 2);
    const double delay_seconds = std::uniform_real_distribution<double>(0.0, 2.0 * mean_seconds)(random);
    const auto delay = std::chrono::microseconds(static_cast<long long>(delay_seconds * 1e6));
    const auto outcome = run_child(import_command(options, pair.connection(1), csv), log, delay);
    const std::size_t done_after = verdicts_stored(*killed);
    if (outcome.killed) ++landed;
    if (outcome.killed && done_after > done_before) ++landed_with_progress;
    if (!outcome.killed) require_complete(outcome, "an attempt that was not killed");
    std::printf("kill %2zu: after %7.3f s, %s, verdicts stored %zu -> %zu\n", attempt, delay_seconds,
                outcome.killed ? "killed mid-import" : "had already exited", done_before, done_after);
  }
  const auto final_run = run_child(import_command(options, pair.connection(1), csv), log, std::nullopt);
  require_complete(final_run, "the final re-run");

  bool whole = true;
  const auto after_replay = canonical_dump(*clean);
  const auto after_kills = canonical_dump(*killed);
  for (std::size_t index = 0; index < after_kills.size(); ++index) {
    if (before_replay[index].text != after_replay[index].text) {
      std::cout << "the re-run of the clean import changed " << after_replay[index].table << "\n";
      whole = false;
    }
    const bool equal = after_replay[index].text == after_kills[index].text;
    std::cout << (equal ? "equal     " : "") << after_kills[index].table << ": " << after_kills[index].rows
              << " rows\n";
    if (!equal) {
      report_difference(after_replay[index], after_kills[index], folder);
      whole = false;
    }
  }
  for (auto* database : {clean.get(), killed.get()}) {
    for (const auto& violation : integrity_violations(*database, submissions)) {
      std::cout << (database == clean.get() ? "clean" : "killed") << " database: " << violation << "\n";
      whole = false;
    }
  }
  std::cout << "kills: " << options.kills << ", landed mid-import: " << landed << " (" << landed_with_progress
            << " after committing some rows), already exited: " << options.kills - landed
            << "; total " << Seconds(Clock::now() - started).count() << " s\n";
  std::cout << (whole ? "PASS" : "FAIL") << ": the killed and re-run import " << (whole ? "equals" : "differs from")
            << " one clean run\n";
  if (whole && !options.keep && options.work_directory.empty()) std::filesystem::remove_all(folder);
  if (!whole) std::cout << "work folder kept: " << folder << "\n";
  return whole ? 0 : 1;
}

}  // namespace
}  // namespace jiangbu::fault

int main(int argc, char** argv) {
  jiangbu::fault::Options options;
  CLI::App app{"SIGKILL a bulk import at random moments and compare with one clean run"};
  app.add_option("--jiangbu", options.jiangbu, "Path of the jiangbu executable")->required();
  app.add_option("--backend", options.backend, "sqlite or postgresql (JIANGBU_TEST_POSTGRESQL_URL)")
      ->check(CLI::IsMember({"sqlite", "postgresql"}));
  app.add_option("--rows", options.rows, "Rows in the import file")->check(CLI::Range(1, 1'000'000));
  app.add_option("--batch-rows", options.batch_rows, "Rows per import transaction")->check(CLI::Range(1, 50'000));
  app.add_option("--kills", options.kills, "SIGKILLs before the final run")->check(CLI::Range(0, 10'000));
  app.add_option("--seed", options.seed, "Seed of the kill delays (default: random, printed)");
  app.add_option("--fixture-seed", options.fixture_seed, "Seed of the import file");
  app.add_option("--work-directory", options.work_directory, "Folder for the file and SQLite databases (kept)");
  app.add_flag("--keep", options.keep, "Keep the temporary work folder");
  app.add_flag("--compare-single", options.compare_single,
               "No kills: compare the batch import with recording each row by itself");
  app.add_flag("--prepare-only", options.prepare_only, "Write the file and prepare the databases, then stop (profiling)");
  CLI11_PARSE(app, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each kill's line shows as it happens, also in a pipe
  spdlog::set_level(spdlog::level::warn);
  try {
    return jiangbu::fault::run(options);
  } catch (const std::exception& error) {
    std::cout << "FAIL: " << error.what() << "\n";
    return 2;
  }
}
