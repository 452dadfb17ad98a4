// Policy files: each bundled file reads the values its source document
// states (../shared/policy-sources/), every value cites an existing source,
// and malformed or inconsistent files are refused naming the file and key.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/embedded_files.hpp"
#include "policy/policy.hpp"
#include "policy/policy_loader.hpp"

namespace jiangbu {
namespace {

const std::filesystem::path source_dir = JIANGBU_SOURCE_DIR;
// CI clones the repository with shared/ beside it; a missing directory is a
// failure, never a skip.
const std::filesystem::path policy_sources_dir = source_dir / ".." / "shared" / "policy-sources";

constexpr const char* xixian_source = "002_318121ba9f7bd672.txt";
constexpr const char* qijiang_source = "000_b34df10be6fc4467.txt";
constexpr const char* urumqi_source = "003_fe8f294350a46aec.txt";
constexpr const char* yingkou_source = "004_c7037f8123d829c3.txt";

const std::vector<Policy>& all_bundled() {
  static const std::vector<Policy> policies = [] {
    auto loaded = bundled_policies();
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return std::vector<Policy>{};
    }
    return std::move(loaded).value();
  }();
  return policies;
}

const Policy& bundled(std::string_view policy_id) {
  for (const auto& policy : all_bundled()) {
    if (policy.policy_id == policy_id) return policy;
  }
  ADD_FAILURE() << "no bundled policy " << policy_id;
  static const Policy empty;
  return empty;
}

std::string bundled_text(std::string_view policy_id) {
  const auto text = find_embedded_file("accounts/policies/" + std::string(policy_id) + ".toml");
  EXPECT_TRUE(text.has_value()) << policy_id;
  return text ? std::string(*text) : std::string();
}

std::string read_source(const std::string& file_name) {
  std::ifstream stream(policy_sources_dir / file_name, std::ios::binary);
  EXPECT_TRUE(stream.good()) << (policy_sources_dir / file_name);
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

std::string amount_of(const Policy& policy, Tier tier) {
  const auto found = policy.award_by_tier.find(tier);
  return found == policy.award_by_tier.end() ? std::string("(not paid)") : found->second.value.to_plain_string();
}

std::vector<std::string> codes(const std::vector<AllowedCategory>& categories) {
  std::vector<std::string> result;
  for (const auto& category : categories) result.push_back(category.code);
  return result;
}

// ---------------------------------------------------------------- 西咸 (002)

TEST(PolicyXixianTest, DocumentIsTheIssuedPlan) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_EQ(policy.title, "西咸新区劳务品牌培育工程实施方案");
  EXPECT_EQ(policy.issuer, "陕西省西咸新区社会事业服务局");
  EXPECT_EQ(policy.issued_on, "2024-04-19");
  EXPECT_FALSE(policy.draft);
  EXPECT_EQ(policy.source_file, xixian_source);
}

TEST(PolicyXixianTest, TierAmountsAndCapFollowArticle2_5_1) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_EQ(amount_of(policy, Tier::national), "300000.00");
  EXPECT_EQ(amount_of(policy, Tier::provincial), "250000.00");
  EXPECT_EQ(amount_of(policy, Tier::municipal), "200000.00");
  EXPECT_EQ(amount_of(policy, Tier::district), "100000.00");
  for (const auto& [tier, award] : policy.award_by_tier) {
    EXPECT_EQ(award.source.article, "二(五)1") << tier_name(tier);
    EXPECT_EQ(award.source.file, xixian_source);
  }
  ASSERT_TRUE(policy.award_cap.has_value());
  EXPECT_EQ(policy.award_cap->value.to_plain_string(), "300000.00");
  EXPECT_EQ(policy.award_cap->source.article, "二(五)1");
}

TEST(PolicyXixianTest, TierUpgradePaysTheDifferenceUnderTheCap) {
  // The plan is silent on upgrades; "一次性奖补，奖补上限30万元" (二(五)1)
  // is read as a per-brand limit, so an upgrade pays the difference.
  const Policy& policy = bundled("xixian-2024");
  EXPECT_EQ(policy.tier_upgrade.value, TierUpgrade::difference);
  EXPECT_TRUE(policy.tier_upgrade.source.silent);
  EXPECT_EQ(policy.tier_upgrade.source.article, "二(五)1");
}

TEST(PolicyXixianTest, FourAllowedUsesOfArticle2_5_2) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_EQ(codes(policy.allowed_categories),
            (std::vector<std::string>{"cultivation-development", "growth-upgrading", "promotion",
                                      "exchange-exhibition"}));
  const AllowedCategory* promotion = policy.find_allowed("宣传推介");
  ASSERT_NE(promotion, nullptr);
  EXPECT_EQ(promotion->code, "promotion");
  EXPECT_EQ(promotion->enterprise_account, "6601");
  EXPECT_EQ(promotion->non_profit_account, "5101");
  EXPECT_EQ(policy.find_allowed("exchange-exhibition")->name, "交流展示");
  for (const auto& category : policy.allowed_categories) EXPECT_EQ(category.source.article, "二(五)2");
}

TEST(PolicyXixianTest, CashAndRetroactiveSpendingAreBanned) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_TRUE(policy.cash_banned.value);
  EXPECT_EQ(policy.cash_banned.source.article, "二(五)3");
  EXPECT_TRUE(policy.retroactive_banned.value);
  EXPECT_EQ(policy.retroactive_banned.source.article, "二(五)3");
  EXPECT_FALSE(policy.plan_required.value);
  EXPECT_TRUE(policy.plan_required.source.silent);
  EXPECT_TRUE(policy.banned_categories.empty());
  ASSERT_NE(policy.find_absent("banned"), nullptr);
  EXPECT_TRUE(policy.find_absent("banned")->source.silent);
}

TEST(PolicyXixianTest, AtMostThreeLeadsAtOneUnitsStandardSplitByContribution) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_EQ(policy.lead_units_max.value, 3);
  EXPECT_EQ(policy.lead_units_max.source.article, "二(四)1(2)");
  EXPECT_TRUE(policy.one_unit_standard.value);
  EXPECT_EQ(policy.one_unit_standard.source.article, "二(五)1");
  EXPECT_TRUE(policy.split_by_contribution.value);
  EXPECT_EQ(policy.split_by_contribution.source.article, "二(五)2");
}

TEST(PolicyXixianTest, ReportingReviewAndRevocation) {
  const Policy& policy = bundled("xixian-2024");
  EXPECT_TRUE(policy.fund_source.empty());
  EXPECT_TRUE(policy.fund_source_citation.silent);
  ASSERT_TRUE(policy.reporting.has_value());
  EXPECT_EQ(policy.reporting->source.article, "二(五)3");
  EXPECT_NE(policy.reporting->description.find("按时、如实报告"), std::string::npos);
  EXPECT_FALSE(policy.reporting->every_years.has_value());
  ASSERT_TRUE(policy.review.has_value());
  EXPECT_EQ(policy.review->first_after_years, 2);
  EXPECT_EQ(policy.review->every_years, 3);
  EXPECT_EQ(policy.review->source.article, "二(六)");
  ASSERT_TRUE(policy.revocation_ban_years.has_value());
  EXPECT_EQ(policy.revocation_ban_years->value, 5);
  EXPECT_EQ(policy.revocation_ban_years->source.article, "二(六)");
  ASSERT_TRUE(policy.failed_reviews_to_revoke.has_value());
  EXPECT_EQ(policy.failed_reviews_to_revoke->value, 1);
  EXPECT_FALSE(policy.rectification_months.has_value());
  EXPECT_NE(policy.find_absent("rectification.months"), nullptr);
  EXPECT_FALSE(policy.suspension_months.has_value());
}

// ---------------------------------------------------------------- 綦江 (000)

TEST(PolicyQijiangTest, PaysOnlyMunicipalBrandsUnderArticle7) {
  const Policy& policy = bundled("qijiang-2023");
  EXPECT_EQ(policy.title, "重庆市綦江区特色劳务品牌认定及奖补暂行办法");
  EXPECT_EQ(policy.issued_on, "2023-11-03");
  EXPECT_FALSE(policy.draft);
  EXPECT_TRUE(policy.pays(Tier::municipal));
  EXPECT_EQ(amount_of(policy, Tier::municipal), "200000.00");
  EXPECT_EQ(policy.award_by_tier.at(Tier::municipal).source.article, "第七条");
  EXPECT_FALSE(policy.pays(Tier::national));
  EXPECT_FALSE(policy.pays(Tier::provincial));
  EXPECT_FALSE(policy.pays(Tier::district));
  EXPECT_EQ(policy.award_by_tier.size(), 1u);
  ASSERT_NE(policy.find_absent("award.district"), nullptr);
  EXPECT_EQ(policy.find_absent("award.district")->source.article, "第七条");
  EXPECT_FALSE(policy.award_cap.has_value());
  EXPECT_NE(policy.find_absent("award.cap"), nullptr);
  EXPECT_EQ(policy.tier_upgrade.value, TierUpgrade::full);
}

TEST(PolicyQijiangTest, FundIsTheDistrictEmploymentSubsidyFund) {
  const Policy& policy = bundled("qijiang-2023");
  EXPECT_EQ(policy.fund_source, "区就业补助资金");
  EXPECT_EQ(policy.fund_source_citation.article, "第七条");
}

TEST(PolicyQijiangTest, SixAllowedUsesOfArticle8) {
  const Policy& policy = bundled("qijiang-2023");
  EXPECT_EQ(codes(policy.allowed_categories),
            (std::vector<std::string>{"construction-management", "standard-setting", "promotion",
                                      "training-organisation", "course-development", "follow-up-services"}));
  std::vector<std::string> names;
  for (const auto& category : policy.allowed_categories) {
    names.push_back(category.name);
    EXPECT_EQ(category.source.article, "第八条");
  }
  EXPECT_EQ(names, (std::vector<std::string>{"建设管理", "标准制定", "宣传推广", "培训组织", "课程开发",
                                             "输出人员后续服务"}));
  EXPECT_EQ(policy.find_allowed("course-development")->enterprise_account, "5301");
}

TEST(PolicyQijiangTest, NoCashRetroactiveOrCategoryBans) {
  const Policy& policy = bundled("qijiang-2023");
  EXPECT_FALSE(policy.cash_banned.value);
  EXPECT_TRUE(policy.cash_banned.source.silent);
  EXPECT_FALSE(policy.retroactive_banned.value);
  EXPECT_FALSE(policy.plan_required.value);
  EXPECT_TRUE(policy.banned_categories.empty());
  EXPECT_EQ(policy.find_banned("人员津补贴"), nullptr);
}

TEST(PolicyQijiangTest, SilentOnLeadsReportingAndBans) {
  const Policy& policy = bundled("qijiang-2023");
  EXPECT_EQ(policy.lead_units_max.value, 1);
  EXPECT_TRUE(policy.lead_units_max.source.silent);
  EXPECT_FALSE(policy.split_by_contribution.value);
  EXPECT_FALSE(policy.reporting.has_value());
  EXPECT_NE(policy.find_absent("reporting"), nullptr);
  ASSERT_TRUE(policy.review.has_value());
  EXPECT_EQ(policy.review->source.article, "第十一条");
  EXPECT_FALSE(policy.review->every_years.has_value());
  EXPECT_FALSE(policy.revocation_ban_years.has_value());
  EXPECT_NE(policy.find_absent("revocation.ban_years"), nullptr);
}

// ----------------------------------------------------------- 乌鲁木齐 (003)

TEST(PolicyUrumqiTest, DraftWithoutIssuerOrDate) {
  const Policy& policy = bundled("urumqi-2024");
  EXPECT_TRUE(policy.draft);
  EXPECT_EQ(policy.draft_source.article, "标题");
  EXPECT_EQ(policy.title, "乌鲁木齐市劳务品牌建设工作方案");
  EXPECT_TRUE(policy.issuer.empty());
  EXPECT_TRUE(policy.issuer_source.silent);
  EXPECT_TRUE(policy.issued_on.empty());
  EXPECT_TRUE(policy.issued_on_source.silent);
}

TEST(PolicyUrumqiTest, MunicipalAndDistrictAwardsUnderSection4) {
  const Policy& policy = bundled("urumqi-2024");
  EXPECT_EQ(amount_of(policy, Tier::municipal), "200000.00");
  EXPECT_EQ(amount_of(policy, Tier::district), "100000.00");
  EXPECT_EQ(policy.award_by_tier.at(Tier::district).source.article, "四");
  EXPECT_FALSE(policy.pays(Tier::national));
  EXPECT_FALSE(policy.pays(Tier::provincial));
  EXPECT_FALSE(policy.award_cap.has_value());
  EXPECT_EQ(policy.fund_source, "本级安排的就业补助资金");
  EXPECT_EQ(policy.tier_upgrade.value, TierUpgrade::full);
}

TEST(PolicyUrumqiTest, EightNumberedAllowedUses) {
  const Policy& policy = bundled("urumqi-2024");
  ASSERT_EQ(policy.allowed_categories.size(), 8u);
  for (std::size_t index = 0; index < 8; ++index) {
    EXPECT_EQ(policy.allowed_categories[index].source.article, "四" + std::to_string(index + 1));
  }
  EXPECT_EQ(policy.find_allowed("trainer-hiring")->name, "聘用劳务品牌培训教师的开支");
  EXPECT_EQ(policy.find_allowed("劳务品牌建设管理和宣传推广")->code, "brand-management-promotion");
}

TEST(PolicyUrumqiTest, BansTheFiveGeneralExpenditureCodesAndRequiresAPlan) {
  const Policy& policy = bundled("urumqi-2024");
  std::vector<std::string> banned;
  for (const auto& category : policy.banned_categories) {
    banned.push_back(category.code);
    EXPECT_EQ(category.source.article, "四");
  }
  EXPECT_EQ(banned, (std::vector<std::string>{"official-reception", "official-vehicles", "overseas-travel",
                                              "staff-allowances", "general-expenditure"}));
  EXPECT_EQ(policy.find_banned("公务接待费")->group, "三公经费");
  EXPECT_EQ(policy.find_banned("因公出国(境)费")->group, "三公经费");
  EXPECT_EQ(policy.find_banned("公务用车购置及运行费")->group, "三公经费");
  EXPECT_EQ(policy.find_banned("staff-allowances")->name, "人员津补贴");
  EXPECT_EQ(policy.find_banned("一般性支出")->code, "general-expenditure");
  EXPECT_TRUE(policy.plan_required.value);
  EXPECT_FALSE(policy.plan_required.source.silent);
  EXPECT_EQ(policy.plan_required.source.article, "四");
  EXPECT_FALSE(policy.cash_banned.value);
}

TEST(PolicyUrumqiTest, AnnualReviewTwoFailuresRevokeFiveYearBan) {
  const Policy& policy = bundled("urumqi-2024");
  ASSERT_TRUE(policy.review.has_value());
  EXPECT_EQ(policy.review->every_years, 1);
  EXPECT_EQ(policy.review->source.article, "5、(三)");
  ASSERT_TRUE(policy.failed_reviews_to_revoke.has_value());
  EXPECT_EQ(policy.failed_reviews_to_revoke->value, 2);
  ASSERT_TRUE(policy.revocation_ban_years.has_value());
  EXPECT_EQ(policy.revocation_ban_years->value, 5);
  EXPECT_EQ(policy.lead_units_max.value, 1);
}

// --------------------------------------------------------------- 营口 (004)

TEST(PolicyYingkouTest, RecognitionManagementPaysNothing) {
  const Policy& policy = bundled("yingkou-2023");
  EXPECT_EQ(policy.title, "营口市劳务品牌认定管理办法(试行)");
  EXPECT_EQ(policy.issued_on, "2023-06-28");
  EXPECT_TRUE(policy.award_by_tier.empty());
  for (const Tier tier : {Tier::national, Tier::provincial, Tier::municipal, Tier::district}) {
    EXPECT_FALSE(policy.pays(tier));
    EXPECT_NE(policy.find_absent("award." + std::string(tier_name(tier))), nullptr) << tier_name(tier);
  }
  EXPECT_TRUE(policy.allowed_categories.empty());
  EXPECT_NE(policy.find_absent("allowed"), nullptr);
  EXPECT_TRUE(policy.fund_source.empty());
}

TEST(PolicyYingkouTest, AnnualReportByEndOfOctoberAndBiennialReview) {
  const Policy& policy = bundled("yingkou-2023");
  ASSERT_TRUE(policy.reporting.has_value());
  EXPECT_EQ(policy.reporting->every_years, 1);
  EXPECT_EQ(policy.reporting->annual_deadline, "10-31");
  EXPECT_EQ(policy.reporting->source.article, "第十六条");
  ASSERT_TRUE(policy.review.has_value());
  EXPECT_EQ(policy.review->every_years, 2);
  EXPECT_EQ(policy.review->source.article, "第十六条");
}

TEST(PolicyYingkouTest, RectificationSuspensionAndRemovalBan) {
  const Policy& policy = bundled("yingkou-2023");
  ASSERT_TRUE(policy.rectification_months.has_value());
  EXPECT_EQ(policy.rectification_months->value, 3);
  EXPECT_EQ(policy.rectification_months->source.article, "第十八条(二)");
  ASSERT_TRUE(policy.suspension_months.has_value());
  EXPECT_EQ(policy.suspension_months->value, 12);
  EXPECT_EQ(policy.suspension_months->source.article, "第十九条");
  ASSERT_TRUE(policy.revocation_ban_years.has_value());
  EXPECT_EQ(policy.revocation_ban_years->value, 5);
  EXPECT_EQ(policy.revocation_ban_years->source.article, "第二十条");
  EXPECT_FALSE(policy.failed_reviews_to_revoke.has_value());
}

// -------------------------------------------------------------- citations

TEST(PolicyCitationTest, BundledPoliciesAreTheFourFilesAndMatchTheRepository) {
  std::vector<std::string> ids;
  for (const auto& policy : all_bundled()) ids.push_back(policy.policy_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"qijiang-2023", "urumqi-2024", "xixian-2024", "yingkou-2023"}));
  auto on_disk = load_policies_from_directory((source_dir / "accounts" / "policies").string());
  ASSERT_TRUE(on_disk.ok()) << on_disk.error().message;
  EXPECT_EQ(on_disk.value().size(), all_bundled().size());
}

TEST(PolicyCitationTest, EveryFieldOfEveryPolicyCitesAnExistingSourceFile) {
  ASSERT_TRUE(std::filesystem::is_directory(policy_sources_dir))
      << policy_sources_dir << " is missing: clone shared/ beside the repository";
  const std::set<std::string> fixed_keys = {
      "document.title", "document.issuer", "document.issued_on", "document.draft", "fund_source",
      "award.national", "award.provincial", "award.municipal", "award.district", "award.cap",
      "award.tier_upgrade", "rules.cash_banned", "rules.retroactive_banned", "rules.plan_required",
      "leads.max", "leads.one_unit_standard", "leads.split_by_contribution", "reporting", "review",
      "revocation.ban_years", "revocation.failed_reviews", "rectification.months",
      "rectification.suspension_months"};
  ASSERT_EQ(all_bundled().size(), 4u);
  for (const auto& policy : all_bundled()) {
    std::set<std::string> seen;
    for (const auto& field : describe_fields(policy)) {
      SCOPED_TRACE(policy.policy_id + " " + field.key);
      seen.insert(field.key);
      EXPECT_FALSE(field.source.file.empty());
      EXPECT_FALSE(field.source.article.empty());
      EXPECT_TRUE(std::filesystem::is_regular_file(policy_sources_dir / field.source.file));
      if (field.source.silent || field.value.empty()) {
        EXPECT_FALSE(field.source.note.empty());
      }
    }
    for (const auto& key : fixed_keys) EXPECT_TRUE(seen.contains(key)) << policy.policy_id << " " << key;
    // Every category is a field of its own, and a policy without a list
    // says why.
    for (const auto& category : policy.allowed_categories) EXPECT_TRUE(seen.contains("allowed." + category.code));
    for (const auto& category : policy.banned_categories) EXPECT_TRUE(seen.contains("banned." + category.code));
    EXPECT_TRUE(!policy.allowed_categories.empty() || seen.contains("allowed")) << policy.policy_id;
    EXPECT_TRUE(!policy.banned_categories.empty() || seen.contains("banned")) << policy.policy_id;
  }
}

TEST(PolicyCitationTest, AllowedCategoryNamesAppearLiterallyInTheirSource) {
  std::size_t checked = 0;
  for (const auto& policy : all_bundled()) {
    for (const auto& category : policy.allowed_categories) {
      const std::string source = read_source(category.source.file);
      EXPECT_NE(source.find(category.name), std::string::npos)
          << policy.policy_id << " " << category.code << " '" << category.name << "' is not in "
          << category.source.file;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4u + 6u + 8u);
}

TEST(PolicyCitationTest, TitlesIssuersBanGroupsAndArticlesAppearInTheirSource) {
  for (const auto& policy : all_bundled()) {
    SCOPED_TRACE(policy.policy_id);
    const std::string source = read_source(policy.source_file);
    EXPECT_NE(source.find(policy.title), std::string::npos);
    if (!policy.issuer.empty()) {
      EXPECT_NE(source.find(policy.issuer), std::string::npos);
    }
    if (!policy.fund_source.empty()) {
      EXPECT_NE(source.find(policy.fund_source), std::string::npos);
    }
    // The document quotes “三公”经费; the group name is the same words.
    std::string unquoted = source;
    for (const std::string quote : {"“", "”"}) {
      for (auto at = unquoted.find(quote); at != std::string::npos; at = unquoted.find(quote)) {
        unquoted.erase(at, quote.size());
      }
    }
    for (const auto& category : policy.banned_categories) {
      EXPECT_NE(unquoted.find(category.group), std::string::npos) << category.group;
    }
    // Articles numbered 第…条 must exist in the document as written.
    for (const auto& field : describe_fields(policy)) {
      const std::string& article = field.source.article;
      const auto end = article.find("条");
      if (!article.starts_with("第") || end == std::string::npos) continue;
      EXPECT_NE(source.find(article.substr(0, end + std::string("条").size())), std::string::npos)
          << field.key << " cites " << article;
    }
  }
}

// ------------------------------------------------------------ names, find

TEST(PolicyTierTest, TierNamesRoundTrip) {
  for (const Tier tier : {Tier::national, Tier::provincial, Tier::municipal, Tier::district}) {
    EXPECT_EQ(parse_tier(tier_name(tier)), tier);
    EXPECT_EQ(parse_tier(tier_chinese_name(tier)), tier);
  }
  EXPECT_EQ(parse_tier("新区级"), Tier::district);
  EXPECT_EQ(parse_tier("区（县）级"), Tier::district);
  EXPECT_EQ(parse_tier("自治区级"), std::nullopt);
  EXPECT_EQ(parse_tier(""), std::nullopt);
  for (const auto upgrade : {TierUpgrade::full, TierUpgrade::difference, TierUpgrade::forbidden}) {
    EXPECT_EQ(parse_tier_upgrade(tier_upgrade_name(upgrade)), upgrade);
  }
  EXPECT_EQ(parse_tier_upgrade("Full"), std::nullopt);
}

TEST(PolicyTierTest, FindRefusesUnknownAndEmptyNames) {
  const Policy& policy = bundled("urumqi-2024");
  EXPECT_EQ(policy.find_allowed(""), nullptr);
  EXPECT_EQ(policy.find_allowed("三公经费"), nullptr);
  EXPECT_EQ(policy.find_banned(""), nullptr);
  EXPECT_EQ(policy.find_banned("trainer-hiring"), nullptr);
  EXPECT_EQ(policy.find_absent("award.municipal"), nullptr);
}

// ------------------------------------------------------- malformed files

struct BadCase {
  const char* name;
  const char* policy_id;  // the bundled file the case edits
  const char* from;       // text in that file
  const char* to;         // what it becomes
  const char* key;        // the key the error must name
  const char* reason;     // a fragment of the reason
};

std::string edited(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the bundled file no longer has: " << from;
  if (at == std::string::npos) return text;
  std::string result = text;
  result.replace(at, from.size(), to);
  return result;
}

const BadCase bad_cases[] = {
    {"typo in a key", "xixian-2024", "national = { amount", "national = { ammount", "award.national.ammount",
     "unknown key"},
    {"typo in a table", "xixian-2024", "[review]", "[reveiw]", "reveiw", "unknown key"},
    {"amount as a number", "xixian-2024", "provincial = { amount = \"25万\"", "provincial = { amount = 250000",
     "award.provincial.amount", "not a TOML number"},
    {"amount as a float", "xixian-2024", "provincial = { amount = \"25万\"", "provincial = { amount = 250000.0",
     "award.provincial.amount", "not a TOML number"},
    {"amount that does not parse", "xixian-2024", "provincial = { amount = \"25万\"",
     "provincial = { amount = \"25万万\"", "award.provincial.amount", "is not an amount"},
    {"zero amount", "xixian-2024", "provincial = { amount = \"25万\"", "provincial = { amount = \"0\"",
     "award.provincial.amount", "more than zero"},
    {"missing citation", "xixian-2024", "provincial = { amount = \"25万\", source = \"二(五)1\" }",
     "provincial = { amount = \"25万\" }", "award.provincial.source", "cites the article"},
    {"empty citation", "xixian-2024", "provincial = { amount = \"25万\", source = \"二(五)1\" }",
     "provincial = { amount = \"25万\", source = \"\" }", "award.provincial.source", "cites the article"},
    {"citation of a file that is not a source", "xixian-2024", "provincial = { amount = \"25万\", source",
     "provincial = { amount = \"25万\", file = \"policy.txt\", source", "award.provincial.file",
     "not a source file name"},
    {"cap below a tier amount", "xixian-2024", "cap = { amount = \"30万\"", "cap = { amount = \"25万\"",
     "award.cap", "below the national award 300000.00"},
    {"higher tier paying less", "xixian-2024", "national = { amount = \"30万\"", "national = { amount = \"24万\"",
     "award.national", "below the provincial award 250000.00"},
    {"missing tier", "xixian-2024", "district = { amount = \"10万\", source = \"二(五)1\", note = \"原文称“新区级”\" }",
     "", "award.district", "is missing"},
    {"paid = true", "qijiang-2023", "district = { paid = false", "district = { paid = true", "award.district.paid",
     "needs the amount"},
    {"unknown tier upgrade", "xixian-2024", "value = \"difference\"", "value = \"partial\"",
     "award.tier_upgrade.value", "not full, difference or forbidden"},
    {"duplicate category code", "xixian-2024", "code = \"growth-upgrading\"", "code = \"promotion\"",
     "allowed.category[3].code", "duplicate category code 'promotion'"},
    {"duplicate category name", "xixian-2024", "name = \"壮大提升\"", "name = \"培育发展\"",
     "allowed.category[2].name", "duplicate category name"},
    {"code not kebab-case", "xixian-2024", "code = \"promotion\"", "code = \"Promotion\"",
     "allowed.category[3].code", "kebab-case"},
    {"category both allowed and banned", "urumqi-2024", "code = \"general-expenditure\"",
     "code = \"employment-services\"", "banned.category[5]", "both allowed and banned"},
    {"allowed name banned by name", "urumqi-2024", "name = \"人员津补贴\"", "name = \"聘用劳务品牌培训教师的开支\"",
     "banned.category[4]", "both allowed and banned"},
    {"enterprise account not in the chart", "xixian-2024", "enterprise_account = \"6601\"",
     "enterprise_account = \"6603\"", "allowed.category[3].enterprise_account", "not in the enterprise chart"},
    {"non-profit account not in the chart", "xixian-2024", "non_profit_account = \"5101\"",
     "non_profit_account = \"6601\"", "allowed.category[1].non_profit_account", "not in the non-profit chart"},
    {"account that is not an expense", "xixian-2024", "non_profit_account = \"5101\"",
     "non_profit_account = \"1002\"", "allowed.category[1].non_profit_account", "not an expense or cost account"},
    {"lead max below one", "xixian-2024", "max = { value = 3", "max = { value = 0", "leads.max.value",
     "out of range"},
    {"lead max as text", "xixian-2024", "max = { value = 3", "max = { value = \"3\"", "leads.max.value",
     "whole number"},
    {"flag as text", "xixian-2024", "cash_banned = { value = true", "cash_banned = { value = \"true\"",
     "rules.cash_banned.value", "true or false"},
    {"missing flag value", "xixian-2024", "cash_banned = { value = true, ", "cash_banned = { ",
     "rules.cash_banned.value", "is missing"},
    {"silent without a note", "xixian-2024", "note = \"使用要求只禁止向前追溯和现金支付，未列禁止的支出类别\"", "",
     "banned.note", "silent field must say why"},
    {"silent list with categories", "urumqi-2024", "[[banned.category]]\ncode = \"official-reception\"",
     "[banned]\nsilent = true\nsource = \"四\"\nnote = \"x\"\n[[banned.category]]\ncode = \"official-reception\"",
     "banned", "has categories and a silent marker"},
    {"bad issue date", "xixian-2024", "value = \"2024-04-19\"", "value = \"2024-02-30\"",
     "document.issued_on.value", "not a date"},
    {"bad report deadline", "yingkou-2023", "annual_deadline = \"10-31\"", "annual_deadline = \"10-32\"",
     "reporting.annual_deadline", "not a month and day"},
    {"review cycle of zero years", "xixian-2024", "every_years = 3", "every_years = 0", "review.every_years",
     "out of range"},
    {"split with one lead", "qijiang-2023", "split_by_contribution = { value = false",
     "split_by_contribution = { value = true", "leads.split_by_contribution", "leads.max of 2 or more"},
    {"plan without categories", "yingkou-2023", "plan_required = { value = false", "plan_required = { value = true",
     "rules.plan_required", "per allowed category"},
    {"paid tier without allowed uses", "yingkou-2023", "municipal = { paid = false,", "municipal = { amount = \"20万\",",
     "allowed", "lists no allowed use"},
    {"fund source in the wrong table", "xixian-2024", "[fund_source]\n", "[document.fund_source]\n",
     "document.fund_source", "unknown key"},
    {"syntax error", "xixian-2024", "[rules]", "[rules", "(syntax)", "line"},
    {"policy id not the file name", "xixian-2024", "policy_id = \"xixian-2024\"", "policy_id = \"xixian-2025\"",
     "policy_id", "does not match the file name"},
};

TEST(PolicyLoaderTest, MalformedFilesAreRefusedNamingFileAndKey) {
  for (const auto& bad : bad_cases) {
    SCOPED_TRACE(bad.name);
    const std::string file_name = std::string("fixtures/") + bad.policy_id + ".toml";
    const std::string text = edited(bundled_text(bad.policy_id), bad.from, bad.to);
    ASSERT_NE(text, bundled_text(bad.policy_id));
    const auto policy = parse_policy(text, file_name);
    ASSERT_FALSE(policy.ok());
    const Error& error = policy.error();
    EXPECT_EQ(error.code, "bad-policy");
    EXPECT_EQ(error.field, bad.key);
    EXPECT_TRUE(error.message.starts_with(file_name + ": " + bad.key + ": ")) << error.message;
    EXPECT_NE(error.message.find(bad.reason), std::string::npos) << error.message;
  }
}

TEST(PolicyLoaderTest, TheUneditedFilesParse) {
  // The control for the cases above: every bundled text parses as is.
  for (const char* policy_id : {"xixian-2024", "qijiang-2023", "urumqi-2024", "yingkou-2023"}) {
    const auto policy = parse_policy(bundled_text(policy_id), std::string("fixtures/") + policy_id + ".toml");
    EXPECT_TRUE(policy.ok()) << (policy.ok() ? "" : policy.error().message);
  }
}

TEST(PolicyLoaderTest, FileNameMustBeThePolicyId) {
  const auto policy = parse_policy(bundled_text("xixian-2024"), "xixian.toml");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.error().field, "policy_id");
  EXPECT_FALSE(parse_policy(bundled_text("xixian-2024"), "xixian-2024.txt").ok());
}

TEST(PolicyLoaderTest, DirectoriesLoadSortedAndRefuseBadFilesAndMissingDirectories) {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("jiangbu-policy-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  const auto write = [&directory](const std::string& name, const std::string& text) {
    std::ofstream stream(directory / name, std::ios::binary);
    stream << text;
  };
  write("yingkou-2023.toml", bundled_text("yingkou-2023"));
  write("xixian-2024.toml", bundled_text("xixian-2024"));
  write("notes.txt", "not a policy");
  auto loaded = load_policies_from_directory(directory.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  ASSERT_EQ(loaded.value().size(), 2u);
  EXPECT_EQ(loaded.value()[0].policy_id, "xixian-2024");
  EXPECT_EQ(loaded.value()[1].policy_id, "yingkou-2023");

  write("qijiang-2023.toml", edited(bundled_text("qijiang-2023"), "max = { value = 1", "max = { value = -1"));
  const auto refused = load_policies_from_directory(directory.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("qijiang-2023.toml: leads.max.value"), std::string::npos)
      << refused.error().message;

  const auto single = load_policy_file((directory / "xixian-2024.toml").string());
  EXPECT_TRUE(single.ok());
  std::filesystem::remove_all(directory);
  const auto missing = load_policies_from_directory(directory.string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "bad-policy");
  EXPECT_FALSE(load_policy_file((directory / "xixian-2024.toml").string()).ok());
}

}  // namespace
}  // namespace jiangbu
