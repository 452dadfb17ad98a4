#include "registry/brands.hpp"

#include <set>

#include "access/permission.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "policy/policy_store.hpp"
#include "registry/units.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t brands_listed_max = 100'000;
constexpr std::size_t recognition_units_max = 20;

struct CategoryName {
  BrandCategory category;
  std::string_view code;
  std::string_view chinese;
};

constexpr CategoryName category_names[] = {
    {BrandCategory::high_quality_service, "high-quality-service", "高品质服务型"},
    {BrandCategory::mid_high_skill, "mid-high-skill", "中高端技能型"},
    {BrandCategory::culture_tourism, "culture-tourism", "文化和旅游类"},
    {BrandCategory::livelihood, "livelihood", "民生保障型"},
};

struct BrandRow {
  Brand brand;
  std::string category;
  int heritage = 0;
  Brand finish() {
    brand.category = parse_brand_category(category).value_or(BrandCategory::high_quality_service);
    brand.intangible_heritage = heritage != 0;
    return brand;
  }
};

}  // namespace

std::string_view brand_category_name(BrandCategory category) {
  for (const auto& name : category_names) {
    if (name.category == category) return name.code;
  }
  return "high-quality-service";
}

std::optional<BrandCategory> parse_brand_category(std::string_view text) {
  for (const auto& name : category_names) {
    if (text == name.code || text == name.chinese) return name.category;
  }
  return std::nullopt;
}

Status validate_identifier(std::string_view text, std::string_view field) {
  const std::string name(field);
  if (text.empty()) return make_error(ReasonCode::missing_field, "is empty", name);
  if (text.size() > 64) return make_error(ReasonCode::bad_text, "is longer than 64 characters", name);
  for (const char character : text) {
    const bool allowed = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
                         (character >= '0' && character <= '9') || character == '-' || character == '_';
    if (!allowed) {
      return make_error(ReasonCode::bad_text,
                        quote_input(text) + " may hold only letters, digits, - and _", name);
    }
  }
  return success();
}

Result<Brand> add_brand(Database& database, const Brand& brand) {
  if (auto valid = validate_identifier(brand.brand_id, "brand"); !valid) return valid.error();
  if (auto valid = validate_text(brand.name, "name", 200); !valid) return valid.error();
  if (auto allowed = authorize(database.principal(), Action::register_parties); !allowed) return allowed.error();
  Transaction transaction(database, {"brand.register", "brand", brand.brand_id});
  if (find_brand(database, brand.brand_id)) {
    return make_error(ReasonCode::duplicate_brand, "brand " + brand.brand_id + " already exists", "brand");
  }
  int same_name = 0;
  database.session() << "SELECT count(*) FROM brands WHERE name = :name", soci::use(brand.name),
      soci::into(same_name);
  if (same_name > 0) {
    return make_error(ReasonCode::duplicate_brand, "a brand named " + brand.name + " already exists", "name");
  }
  const std::string category(brand_category_name(brand.category));
  const int heritage = brand.intangible_heritage ? 1 : 0;
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO brands (brand_id, name, category, intangible_heritage, created_at) "
                        "VALUES (:id, :name, :category, :heritage, :now)",
      soci::use(brand.brand_id), soci::use(brand.name), soci::use(category), soci::use(heritage),
      soci::use(now);
  transaction.commit();
  return brand;
}

std::optional<Brand> find_brand(Database& database, const std::string& brand_id) {
  BrandRow row;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT brand_id, name, category, intangible_heritage FROM brands WHERE brand_id = :id",
      soci::use(brand_id), soci::into(row.brand.brand_id, found), soci::into(row.brand.name),
      soci::into(row.category), soci::into(row.heritage);
  if (found != soci::i_ok) return std::nullopt;
  return row.finish();
}

std::vector<Brand> list_brands(Database& database) {
  BrandRow row;
  soci::statement statement =
      (database.session().prepare << "SELECT brand_id, name, category, intangible_heritage FROM brands ORDER BY brand_id",
       soci::into(row.brand.brand_id), soci::into(row.brand.name), soci::into(row.category),
       soci::into(row.heritage));
  statement.execute();
  std::vector<Brand> brands;
  while (brands.size() < brands_listed_max && statement.fetch()) brands.push_back(row.finish());
  return brands;
}

Result<Recognition> add_recognition(Database& database, const Recognition& recognition) {
  if (auto valid = validate_identifier(recognition.recognition_id, "recognition"); !valid) return valid.error();
  if (auto valid = validate_text(recognition.document_number, "document", 100); !valid) return valid.error();
  if (recognition.unit_ids.empty()) return make_error(ReasonCode::missing_field, "no lead unit", "unit");
  if (recognition.unit_ids.size() > recognition_units_max) {
    return make_error(ReasonCode::too_many_leads, "more than 20 lead units", "unit");
  }
  if (auto allowed = authorize(database.principal(), Action::register_parties); !allowed) return allowed.error();
  Transaction transaction(database, {"recognition.register", "recognition", recognition.recognition_id});
  if (find_recognition(database, recognition.recognition_id)) {
    return make_error(ReasonCode::duplicate_recognition,
                      "recognition " + recognition.recognition_id + " already exists", "recognition");
  }
  if (!find_brand(database, recognition.brand_id)) {
    return make_error(ReasonCode::unknown_brand, "no brand '" + recognition.brand_id + "'", "brand");
  }
  auto policy = stored_policy(database, recognition.policy_id);
  if (!policy) return policy.error();
  const auto leads_max = static_cast<std::size_t>(policy.value().lead_units_max.value);
  if (recognition.unit_ids.size() > leads_max) {
    return make_error(ReasonCode::too_many_leads,
                      std::to_string(recognition.unit_ids.size()) + " lead units; " + recognition.policy_id +
                          " allows at most " + std::to_string(leads_max) + " (" +
                          policy.value().lead_units_max.source.file + " " +
                          policy.value().lead_units_max.source.article + ")",
                      "unit");
  }
  std::set<std::string> seen;
  for (const auto& unit_id : recognition.unit_ids) {
    if (!seen.insert(unit_id).second) {
      return make_error(ReasonCode::duplicate_unit, "unit " + unit_id + " is named twice", "unit");
    }
    if (!find_unit(database, unit_id)) {
      return make_error(ReasonCode::unknown_unit, "no unit '" + unit_id + "'", "unit");
    }
  }
  const std::string tier(tier_name(recognition.tier));
  const std::string recognized_on = recognition.recognized_on.to_string();
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO recognitions (recognition_id, brand_id, tier, policy_id, recognized_on, "
                        "document_number, created_at) VALUES (:id, :brand, :tier, :policy, :date, :document, :now)",
      soci::use(recognition.recognition_id), soci::use(recognition.brand_id), soci::use(tier),
      soci::use(recognition.policy_id), soci::use(recognized_on), soci::use(recognition.document_number),
      soci::use(now);
  for (std::size_t index = 0; index < recognition.unit_ids.size(); ++index) {
    const int position = static_cast<int>(index + 1);
    database.session() << "INSERT INTO recognition_units (recognition_id, unit_id, position) "
                          "VALUES (:id, :unit, :position)",
        soci::use(recognition.recognition_id), soci::use(recognition.unit_ids[index]), soci::use(position);
  }
  transaction.commit();
  return recognition;
}

std::optional<Recognition> find_recognition(Database& database, const std::string& recognition_id) {
  Recognition recognition;
  std::string tier;
  std::string recognized_on;
  soci::indicator found = soci::i_null;
  database.session() << "SELECT recognition_id, brand_id, tier, policy_id, recognized_on, document_number "
                        "FROM recognitions WHERE recognition_id = :id",
      soci::use(recognition_id), soci::into(recognition.recognition_id, found), soci::into(recognition.brand_id),
      soci::into(tier), soci::into(recognition.policy_id), soci::into(recognized_on),
      soci::into(recognition.document_number);
  if (found != soci::i_ok) return std::nullopt;
  recognition.tier = parse_tier(tier).value_or(Tier::district);
  recognition.recognized_on = Date::parse(recognized_on).value();
  std::string unit_id;
  soci::statement statement =
      (database.session().prepare << "SELECT unit_id FROM recognition_units WHERE recognition_id = :id ORDER BY position",
       soci::use(recognition_id), soci::into(unit_id));
  statement.execute();
  while (recognition.unit_ids.size() < recognition_units_max && statement.fetch()) {
    recognition.unit_ids.push_back(unit_id);
  }
  return recognition;
}

}  // namespace jiangbu
