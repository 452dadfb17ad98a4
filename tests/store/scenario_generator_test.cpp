// `jiangbu demo generate` (issue 8): a seeded scenario registered on each
// backend and its expenditure file imported with every check. The file must
// be the same bytes for the same seed; the import must refuse exactly the
// rows the manifest says were planted, each for its one reason, and accept
// the rest; and the analytics must find every planted pattern where it was
// planted.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analytics/analytics.hpp"
#include "analytics/analytics_loader.hpp"
#include "demo/scenario_generator.hpp"
#include "expenditure/expenditure_import.hpp"
#include "support/scratch_directory.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::ScratchDirectory;
using testing::StoreTest;

std::string file_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string csv_of(const ScenarioShape& shape, const std::filesystem::path& path) {
  auto generator = ScenarioGenerator::plan(shape);
  EXPECT_TRUE(generator.ok());
  EXPECT_TRUE(generator.value().write_expenditures(path).ok());
  return file_text(path);
}

std::size_t count_of(const ScenarioManifest& manifest, const std::string& kind) {
  const auto found = manifest.rows.find(kind);
  return found == manifest.rows.end() ? 0 : found->second;
}

bool is_planted_violation(const std::string& kind) {
  return kind != "valid" && kind != "sent-again" && kind != "corrected";
}

class ScenarioGeneratorTest : public StoreTest {};

TEST_F(ScenarioGeneratorTest, ImportRefusesExactlyThePlantedRowsAndTheAnalyticsFindEveryPlantedPattern) {
  const ScratchDirectory scratch("scenario-" + std::string(testing::backend_under_test() == Backend::sqlite ? "sqlite" : "postgresql"));
  const ScenarioShape shape{5'000, 20'240'618, 0};
  const auto generated = generate_scenario(database(), scratch.path() / "scenario", shape);
  ASSERT_TRUE(generated.ok()) << generated.error().message;
  const ScenarioManifest& manifest = generated.value().manifest;
  for (const char* name : {"units.json", "brands.json", "recognitions.json", "awards.json", "payments.json"}) {
    EXPECT_TRUE(std::filesystem::exists(scratch.path() / "scenario" / name)) << name;
  }

  // (a) The same seed writes the same bytes; another seed does not.
  const std::string first = file_text(generated.value().csv_path);
  EXPECT_EQ(csv_of(shape, scratch.path() / "again.csv"), first);
  EXPECT_NE(csv_of({shape.expenditures, shape.seed + 1, 0}, scratch.path() / "other.csv"), first);
  const auto written_manifest = nlohmann::json::parse(file_text(generated.value().manifest_path));
  for (const auto& [kind, count] : manifest.rows) EXPECT_EQ(written_manifest["rows"][kind].get<std::size_t>(), count) << kind;

  // (b) Every planted kind refused exactly as often as planted, for that reason alone.
  ImportOptions options;
  options.record.today = Date::parse(scenario_today).value();
  options.record.source = "test:generated";
  const auto imported = import_expenditures(database(), generated.value().csv_path.string(), options);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_EQ(imported.value().rows.size(), shape.expenditures);
  std::map<std::string, std::size_t> refused;
  std::size_t accepted = 0;
  std::size_t replayed = 0;
  for (const auto& row : imported.value().rows) {
    if (row.verdict.replayed) {
      ++replayed;
    } else if (row.verdict.status == VerdictStatus::accepted) {
      ++accepted;
    } else {
      EXPECT_EQ(row.verdict.reasons.size(), 1U) << row.external_id << ": " << row.verdict.reason_codes();
      for (const auto& reason : row.verdict.reasons) ++refused[reason.code];
    }
  }
  EXPECT_EQ(accepted, count_of(manifest, "valid") + count_of(manifest, "corrected"));
  EXPECT_EQ(replayed, count_of(manifest, "sent-again"));
  EXPECT_GT(count_of(manifest, "sent-again"), 0U);
  EXPECT_GT(count_of(manifest, "corrected"), 0U);
  std::size_t planted_total = 0;
  for (const auto& [kind, count] : manifest.rows) {
    if (!is_planted_violation(kind)) continue;
    EXPECT_GT(count, 0U) << kind << " was not planted";
    EXPECT_EQ(refused[kind], count) << kind;
    planted_total += count;
  }
  std::size_t refused_total = 0;
  for (const auto& [code, count] : refused) refused_total += count;
  EXPECT_EQ(refused_total, planted_total) << "a reason nobody planted";
  EXPECT_GE(accepted * 100, shape.expenditures * 83) << "the default shares leave about 85 % accepted";

  // (c) Each planted pattern found, about its unit and award.
  std::vector<AnalyticsFinding> findings;
  for (const char* policy : {"xixian-2024", "qijiang-2023", "urumqi-2024"}) {
    ReportSelection selection;
    selection.policy_id = policy;
    selection.from = Date::parse(scenario_period_from).value();
    selection.to = Date::parse(scenario_today).value();
    const auto input = load_analytics_input(database(), selection);
    ASSERT_TRUE(input.ok()) << input.error().message;
    auto result = run_analytics(input.value(), AnalyticsConfig::defaults(), HolidayCalendar::embedded());
    findings.insert(findings.end(), result.findings.begin(), result.findings.end());
  }
  const std::vector<std::string> expected_patterns = {
      "duplicate-invoices", "idle-funds",  "near-duplicate-payees", "payee-concentration", "related-parties",
      "rest-days",          "round-amounts", "spending-spikes",     "split-payments"};
  for (const auto& key : expected_patterns) EXPECT_TRUE(manifest.patterns.contains(key)) << key << " was not planted";
  for (const auto& [key, instances] : manifest.patterns) {
    EXPECT_FALSE(instances.empty()) << key;
    for (const auto& instance : instances) {
      const bool found = std::any_of(findings.begin(), findings.end(), [&](const AnalyticsFinding& finding) {
        const auto has = [](const std::vector<std::string>& items, const std::string& item) {
          return std::find(items.begin(), items.end(), item) != items.end();
        };
        return analysis_key(finding.analysis) == key && has(finding.units, instance.unit_id) &&
               has(finding.awards, instance.award_id);
      });
      EXPECT_TRUE(found) << key << " planted on " << instance.unit_id << " / " << instance.award_id << " not found";
    }
  }
}

TEST_F(ScenarioGeneratorTest, ShapesThatCannotBeGeneratedAreRefusedNamingTheOption) {
  const auto no_rows = check_scenario_shape({0, 1, 0});
  ASSERT_FALSE(no_rows.ok());
  EXPECT_EQ(no_rows.error().field, "expenditures");
  const auto too_few_units = check_scenario_shape({100'000, 1, 20});
  ASSERT_FALSE(too_few_units.ok());
  EXPECT_EQ(too_few_units.error().code, "bad-option");
  EXPECT_EQ(too_few_units.error().field, "units");
  EXPECT_TRUE(check_scenario_shape({100'000, 1, 200}).ok());
}

// The format, pinned: a change to what the generator writes for a seed
// must be deliberate (and the expected rows updated with it).
TEST(ScenarioGeneratorFormat, TheFirstRowsOfSeedOneArePinned) {
  const ScratchDirectory scratch("scenario-format");
  const std::string csv = csv_of({20, 1, 0}, scratch.path() / "tiny.csv");
  std::istringstream lines(csv);
  std::vector<std::string> first;
  std::string line;
  while (first.size() < 6 && std::getline(lines, line)) first.push_back(line);
  const std::vector<std::string> pinned = {
      "外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,发票号码,摘要",
      "WL2024-0005-00001,WL2024-0005,52652301MA32NBQDYF,2025-04-01,459.05,brand-management-promotion,网上支付,深圳广程职业技能培训学校,52440305MA7BHPLYJL,,25441318274905561237,品牌管理咨询费",
      "WL2024-0005-00002,WL2024-0005,52652301MA32NBQDYF,2025-09-01,20.00,开展劳务品牌对应工种培训所需设备购置、维护与改造及原材料消耗,银行转账,克拉玛依宏隆酒店管理有限公司,91650203MA1PTGPTB7,,25651056494552274808,设备维护保养费",
      "WL2024-0002-00001,WL2024-0002,91650000MA536A1HM9,2024-12-11,320.00,劳务从业人员就业服务等相关工作,银行转账,克拉玛依宏隆酒店管理有限公司,91650203MA1PTGPTB7,065022410204,38917451,招聘会组织费",
      "WL2024-0004-00001,WL2024-0004,52650203MA60KBY1QP,2025-07-31,205.52,collaborative-training-projects,银行转账,成都达成餐饮管理有限公司,91510107MAECFYEMH3,,25511794714198988379,协同培训项目开发费",
      "WL2024-0005-00003,WL2024-0005,52652301MA32NBQDYF,2024-11-06,40.27,标准制定,银行转账,杭州锦诺人力资源服务有限公司,91330106MA8MJJ8QYB,,24331532933845701950,标准制定",
  };
  ASSERT_GE(first.size(), pinned.size());
  for (std::size_t index = 0; index < pinned.size(); ++index) EXPECT_EQ(first[index], pinned[index]) << "line " << index + 1;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 21);
}

// A bulk load asks for the largest batches; on PostgreSQL each row of a
// batch holds an advisory lock until commit, and batches of 50,000 ran the
// server's lock table out of shared memory. The import bounds them there
// (one audit-trail event per committed batch shows how many there were).
TEST_F(ScenarioGeneratorTest, LargeBatchesAreBoundedWherePostgresqlLocksEveryRow) {
  const ScratchDirectory scratch("scenario-batches-" +
                                 std::string(testing::backend_under_test() == Backend::sqlite ? "sqlite" : "postgresql"));
  const ScenarioShape shape{9'000, 7, 0};
  const auto generated = generate_scenario(database(), scratch.path() / "scenario", shape);
  ASSERT_TRUE(generated.ok()) << generated.error().message;
  ImportOptions options;
  options.record.today = Date::parse(scenario_today).value();
  options.record.source = "test:batches";
  options.batch_rows = import_batch_rows_max;
  const auto imported = import_expenditures(database(), generated.value().csv_path.string(), options);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported.value().rows.size(), shape.expenditures);
  long long batches = 0;
  database().session() << "SELECT count(*) FROM audit_trail WHERE action = 'expenditure.import'", soci::into(batches);
  const bool postgresql = testing::backend_under_test() == Backend::postgresql;
  const auto expected = postgresql ? (shape.expenditures + postgresql_batch_rows_max - 1) / postgresql_batch_rows_max : 1;
  EXPECT_EQ(batches, static_cast<long long>(expected));
}

}  // namespace
}  // namespace jiangbu
