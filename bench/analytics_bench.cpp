// Times the auditor analytics over N expenditures (default 1,000,000) held in
// memory, each analysis on its own and the whole run, and prints peak memory.
// The rows are generated from a fixed seed with realistic spreads (units,
// awards, thousands of payees with near-duplicate names, log-uniform amounts,
// working-day and rest-day dates 2023-2026) and a known number of planted
// patterns, which the run must find: the benchmark fails if it does not.
//
//   build/bench/jiangbu_analytics_bench [rows] [seed]
//
// Loading the rows from the database is not timed here: bulk import and the
// database paths at this scale are measured by the scale issue's harness.
// Amount generation uses integer arithmetic only. The synthetic payee names
// are close to each other by construction (a word list and a counter), so the
// near-duplicate test finds thousands of pairs: the time includes them.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <thread>

#include "analytics/analyses.hpp"
#include "analytics/analytics.hpp"

namespace jiangbu {
namespace {

constexpr std::size_t units_count = 300;
constexpr std::size_t awards_count = 450;
constexpr std::size_t payees_count = 20'000;
constexpr std::size_t planted_splits = 25;
constexpr std::size_t planted_duplicates = 40;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

std::string code_of(std::size_t index, char kind) {
  // Shape only: 18 characters from the USCC alphabet; the analytics do not check them.
  static constexpr std::string_view alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string code = std::string(1, kind) + "1500222MA";
  std::size_t value = index * 7919 + 17;
  while (code.size() < 18) {
    code.push_back(alphabet[value % alphabet.size()]);
    value /= alphabet.size();
    if (value == 0) value = index + code.size();
  }
  return code;
}

std::string payee_name_of(std::size_t index) {
  static const char* cities[] = {"重庆", "西安", "乌鲁木齐", "綦江", "咸阳", "宝鸡", "昌吉", "万州"};
  static const char* words[] = {"渝南", "曲江", "天山", "巴渝", "长安", "雁塔", "博雅", "巾帼", "丝路", "秦岭", "嘉陵", "昆仑"};
  static const char* trades[] = {"广告传媒", "会展服务", "职业培训", "文化传播", "教育咨询", "数码科技", "印务", "会务服务"};
  static const char* suffixes[] = {"有限公司", "有限责任公司", "股份有限公司", "中心"};
  std::string name = std::string(cities[index % 8]) + words[(index / 8) % 12] + trades[(index / 96) % 8];
  if (index >= 768) name += std::to_string(index / 768);  // keep names distinct past the word list
  return name + suffixes[(index / 7) % 4];
}

AnalyticsInput generate(std::size_t rows_count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  AnalyticsInput input;
  input.selection.from = Date::from_parts(2023, 1, 1);
  input.selection.to = Date::from_parts(2026, 12, 31);
  for (std::size_t award = 0; award < awards_count; ++award) {
    auto& units = input.award_units["AW" + std::to_string(award)];
    for (std::size_t lead = 0; lead < 1 + award % 3; ++lead) units.push_back(code_of((award + lead * 97) % units_count, '9'));
  }
  for (std::size_t unit = 0; unit < units_count; ++unit) input.units[code_of(unit, '9')].name = "单位" + std::to_string(unit);
  const int first_day = Date::from_parts(2023, 1, 1).days_since_epoch();
  const auto& calendar = HolidayCalendar::embedded();
  auto& data = input.data;
  data.rows.reserve(rows_count);
  for (std::size_t index = 0; index < rows_count; ++index) {
    const std::size_t award = random() % awards_count;
    const auto& leads = input.award_units["AW" + std::to_string(award)];
    const std::size_t payee = random() % payees_count;
    SpendingRow row;
    row.expenditure_id = static_cast<std::int64_t>(index) + 1;
    // Amounts from 10.00 to 99,999.99 whose first digits follow Benford's law
    // (per-mille weights of log10(1 + 1/d)), the rest of the digits uniform.
    static constexpr std::uint64_t first_digit_per_mille[] = {301, 477, 602, 699, 778, 845, 903, 954, 1000};
    const std::uint64_t draw = random() % 1000;
    std::int64_t first_digit = 1;
    while (first_digit < 9 && draw >= first_digit_per_mille[first_digit - 1]) ++first_digit;
    std::int64_t magnitude = 1'000;
    for (std::uint64_t steps = random() % 4; steps > 0; --steps) magnitude *= 10;
    row.amount_fen = first_digit * magnitude + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(magnitude));
    int spent_day = first_day + static_cast<int>(random() % 1400);
    // Most payments are on working days; one in fifty is left on a rest day.
    for (int shift = 0; shift < 10 && random() % 50 != 0 &&
                        calendar.is_rest_day(Date::from_days(std::chrono::sys_days(std::chrono::days(spent_day))));
         ++shift) {
      ++spent_day;
    }
    row.spent_on_day = spent_day;
    row.award = data.strings.intern("AW" + std::to_string(award));
    row.unit = data.strings.intern(leads[random() % leads.size()]);
    row.category = data.strings.intern("training");
    row.payee_name = data.strings.intern(payee_name_of(payee));
    row.payee_uscc = data.strings.intern(code_of(payee, '5'));
    row.invoice = data.strings.intern("E:" + std::to_string(24'000'000'000'000'000ULL + index));
    data.rows.push_back(row);
  }
  // Planted: split payments (three under 50,000 within three days, together over it)
  // and invoices claimed twice under another seller's code.
  for (std::size_t plant = 0; plant < planted_splits; ++plant) {
    const SpendingRow base = data.rows[plant * 1000];
    for (int part = 0; part < 3; ++part) {
      SpendingRow row = base;
      row.expenditure_id = static_cast<std::int64_t>(data.rows.size()) + 1;
      row.amount_fen = 1'900'000 + part * 1'000;
      row.spent_on_day = base.spent_on_day + part;
      row.payee_name = data.strings.intern("拆分测试收款方" + std::to_string(plant) + "有限公司");
      row.payee_uscc = data.strings.intern(code_of(100'000 + plant, '5'));
      row.invoice = data.strings.intern("E:split" + std::to_string(plant) + "-" + std::to_string(part));
      data.rows.push_back(row);
    }
  }
  for (std::size_t plant = 0; plant < planted_duplicates; ++plant) {
    SpendingRow row = data.rows[plant * 997 + 5];
    row.expenditure_id = static_cast<std::int64_t>(data.rows.size()) + 1;
    row.payee_uscc = data.strings.intern(code_of(200'000 + plant, '5'));
    data.rows.push_back(row);
  }
  input.select_rows();
  return input;
}

struct Timing {
  const char* name;
  double seconds;
  std::size_t findings;
};

}  // namespace
}  // namespace jiangbu

int main(int argc, char** argv) {
  using namespace jiangbu;
  const std::size_t rows = argc > 1 ? static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10)) : 1'000'000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 20261122;
  if (rows < 100'000 || rows > 20'000'000) {
    std::fprintf(stderr, "rows must be between 100000 and 20000000\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  const AnalyticsInput input = generate(rows, seed);
  std::printf("generated %zu expenditures (%zu distinct strings) in %.2f s, seed %llu\n", input.data.rows.size(),
              input.data.strings.size(), seconds_since(start), static_cast<unsigned long long>(seed));
  const auto& config = AnalyticsConfig::defaults();
  const auto& calendar = HolidayCalendar::embedded();

  // Anchor: one plain pass summing every selected row per unit, the least any analysis must do.
  start = std::chrono::steady_clock::now();
  std::vector<std::int64_t> sums(input.data.strings.size(), 0);
  for (const auto index : input.selected) sums[input.data.rows[index].unit] += input.data.rows[index].amount_fen;
  const double anchor = seconds_since(start);

  std::vector<Timing> timings;
  const auto time = [&](const char* name, const std::function<std::size_t()>& run) {
    const auto began = std::chrono::steady_clock::now();
    const std::size_t findings = run();
    timings.push_back({name, seconds_since(began), findings});
  };
  std::size_t splits_found = 0, duplicates_found = 0;
  time("duplicate-invoices", [&] {
    const auto outcome = find_duplicate_invoices(input);
    duplicates_found = outcome.findings.size();
    return outcome.findings.size();
  });
  time("near-duplicate-payees", [&] { return find_near_duplicate_payees(input, config.near_duplicate_payees).findings.size(); });
  time("split-payments", [&] {
    const auto outcome = find_split_payments(input, config.split_payments);
    for (const auto& finding : outcome.findings) {
      if (finding.detail.find("拆分测试收款方") != std::string::npos) ++splits_found;
    }
    return outcome.findings.size();
  });
  time("round-amounts", [&] { return find_round_amounts(input, config.round_amounts).findings.size(); });
  time("rest-days", [&] { return find_rest_day_spending(input, config.rest_days, calendar).findings.size(); });
  time("spending-spikes", [&] { return find_spending_spikes(input, config.spending_spikes).findings.size(); });
  time("payee-concentration", [&] { return find_payee_concentration(input, config.payee_concentration).findings.size(); });
  time("benford", [&] { return run_benford_test(input, config.benford).outcome.findings.size(); });
  time("related-parties", [&] { return find_related_parties(input, config.near_duplicate_payees).findings.size(); });
  time("idle-funds", [&] { return find_idle_funds(input, config.idle_funds).findings.size(); });
  double whole = 0.0;
  std::size_t ranked = 0;
  time("all (run_analytics, ranked)", [&] {
    const auto began = std::chrono::steady_clock::now();
    const auto result = run_analytics(input, config, calendar);
    whole = seconds_since(began);
    ranked = result.findings.size();
    return result.findings.size();
  });

  std::printf("\n| analysis | seconds | findings | × plain pass |\n|---|---:|---:|---:|\n");
  for (const auto& timing : timings) {
    std::printf("| %s | %.3f | %zu | %.0f |\n", timing.name, timing.seconds, timing.findings,
                anchor > 0 ? timing.seconds / anchor : 0.0);
  }
  std::printf("\nrows %zu, plain pass %.4f s, whole run %.2f s (%.0f rows/s), %zu ranked findings, peak RSS %ld MiB, %u cores\n",
              input.selected.size(), anchor, whole, whole > 0 ? static_cast<double>(input.selected.size()) / whole : 0.0, ranked,
              peak_rss_mib(), std::thread::hardware_concurrency());
  std::printf("planted: %zu of %zu split clusters found, %zu of %zu duplicate invoices found\n", splits_found, planted_splits,
              duplicates_found, planted_duplicates);
  if (splits_found < planted_splits || duplicates_found < planted_duplicates) {
    std::fprintf(stderr, "analytics_bench: a planted pattern was missed\n");
    return 1;
  }
  return 0;
}
