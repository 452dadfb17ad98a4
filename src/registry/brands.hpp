#pragma once
// Labor brands (劳务品牌) and their recognitions (认定): a brand recognized at
// a tier under a policy, on a date, by a document (文号), with its lead units.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "policy/policy.hpp"
#include "store/database.hpp"

namespace jiangbu {

// The four kinds of brand of 002 西咸 二(一): 高品质服务型、中高端技能型、
// 文化和旅游类、民生保障型.
enum class BrandCategory { high_quality_service, mid_high_skill, culture_tourism, livelihood };
std::string_view brand_category_name(BrandCategory category);  // "high-quality-service"
std::optional<BrandCategory> parse_brand_category(std::string_view text);  // English or Chinese

struct Brand {
  std::string brand_id;
  std::string name;
  BrandCategory category = BrandCategory::high_quality_service;
  bool intangible_heritage = false;  // 非遗: lower employment thresholds (002 二(四)1(5))
};

struct Recognition {
  std::string recognition_id;
  std::string brand_id;
  Tier tier = Tier::district;
  std::string policy_id;
  Date recognized_on = Date::from_parts(2000, 1, 1);
  std::string document_number;  // 文号
  std::vector<std::string> unit_ids;  // lead units, in the order given
};

// Identifiers chosen by the bureau: 1..64 of letters, digits, - and _.
Status validate_identifier(std::string_view text, std::string_view field);

Result<Brand> add_brand(Database& database, const Brand& brand);
std::optional<Brand> find_brand(Database& database, const std::string& brand_id);
std::vector<Brand> list_brands(Database& database);

// Refuses unknown brands, policies and units, and more lead units than the
// policy allows.
Result<Recognition> add_recognition(Database& database, const Recognition& recognition);
std::optional<Recognition> find_recognition(Database& database, const std::string& recognition_id);

}  // namespace jiangbu
