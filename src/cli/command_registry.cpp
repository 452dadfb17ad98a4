// `jiangbu unit add|list|show|related`, `brand add|list`, `recognition add|show`.
#include <iostream>

#include "cli/batch.hpp"
#include "cli/context.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "ledger/balances.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"

namespace jiangbu {

namespace {

struct RegistryOptions {
  UnitInput unit;
  std::string unit_id;
  std::string brand_id;
  std::string brand_name;
  std::string category;
  bool heritage = false;
  std::string recognition_id;
  std::string tier;
  std::string policy_id;
  std::string date;
  std::string document;
  std::vector<std::string> unit_ids;
  std::string file;
  RelatedPartyInput party;
};

Table related_parties_table(const std::vector<RelatedParty>& parties) {
  Table table{{{"unit_id", "统一社会信用代码"}, {"name", "姓名"}, {"relation", "关系"}}, {}};
  for (const auto& party : parties) {
    table.add_row({party.unit_id, party.person_name, std::string(relation_chinese_name(party.relation))});
  }
  return table;
}

// People related to a unit, for the analytics' related-party test.
void register_related_party_commands(CLI::App* unit_noun, Context& context, const std::shared_ptr<RegistryOptions>& options) {
  auto* noun = unit_noun->add_subcommand("related", "People related to a unit (法定代表人, 职工, 股东, 亲属)");
  noun->require_subcommand(1);
  auto* add = noun->add_subcommand("add", "Register a person related to a unit");
  add->add_option("--uscc", options->party.unit_id, "The unit's 统一社会信用代码")->required();
  add->add_option("--name", options->party.person_name, "The person's name")->required();
  add->add_option("--relation", options->party.relation, "legal-representative | staff | shareholder | relative")->required();
  add->callback([&context, options] {
    auto database = context.open_database();
    render(std::cout, related_parties_table({require(add_related_party(*database, options->party))}), context.format());
  });
  auto* list = noun->add_subcommand("list", "List the people registered as related to units");
  list->add_option("--uscc", options->party.unit_id, "One unit only");
  list->callback([&context, options] {
    auto database = context.open_database();
    require_read(*database, options->party.unit_id);
    render(std::cout, related_parties_table(list_related_parties(*database, options->party.unit_id)), context.format());
  });
}

Table units_table(const std::vector<Unit>& units) {
  Table table{{{"unit_id", "统一社会信用代码"}, {"name", "名称"}, {"type", "类型"}, {"method", "核算方法"},
               {"uscc_override", "代码校验例外"}},
              {}};
  for (const auto& unit : units) {
    table.add_row({unit.unit_id, unit.name, std::string(unit_type_name(unit.type)),
                   std::string(grant_method_name(unit.method)), unit.uscc_override.value_or("")});
  }
  return table;
}

Result<std::string> add_unit_row(Database& database, const UnitInput& input) {
  auto unit = add_unit(database, input);
  if (!unit) return unit.error();
  return "registered " + unit.value().unit_id + " " + unit.value().name;
}

Result<Brand> brand_from(const std::string& id, const std::string& name, const std::string& category, bool heritage) {
  const auto parsed = parse_brand_category(category);
  if (!parsed) {
    return make_error(ReasonCode::bad_text,
                      quote_input(category) + " is not one of high-quality-service (高品质服务型), mid-high-skill "
                      "(中高端技能型), culture-tourism (文化和旅游类), livelihood (民生保障型)",
                      "category");
  }
  return Brand{id, name, *parsed, heritage};
}

Result<Recognition> recognition_from(const RegistryOptions& options) {
  const auto tier = parse_tier(options.tier);
  if (!tier) return make_error(ReasonCode::bad_text, quote_input(options.tier) + " is not national, provincial, municipal or district", "tier");
  auto date = Date::parse(options.date);
  if (!date) return Error(date.error().code, date.error().message, "date");
  return Recognition{options.recognition_id, options.brand_id, *tier, options.policy_id, date.value(),
                     options.document, options.unit_ids};
}

void register_unit_commands(CLI::App& app, Context& context, const std::shared_ptr<RegistryOptions>& options) {
  auto* noun = app.add_subcommand("unit", "Lead units (创建引领单位), keyed by 统一社会信用代码");
  noun->require_subcommand(1);
  auto* add = noun->add_subcommand("add", "Register a unit and open its book");
  add->add_option("--uscc", options->unit.uscc, "统一社会信用代码 (GB 32100-2015)");
  add->add_option("--name", options->unit.name, "Legal name");
  add->add_option("--type", options->unit.type, "enterprise | non-profit");
  add->add_option("--method", options->unit.method, "gross (总额法, default) | net (净额法); fixed once chosen");
  add->add_option("--uscc-override", options->unit.uscc_override_reason,
                  "Accept a code whose check character fails, stating why (logged)");
  add->add_option("--file", options->file, "JSON array of {uscc, name, type, method, uscc_override_reason}");
  add->callback([&context, options] {
    auto database = context.open_database();
    if (!options->file.empty()) {
      run_batch(context, options->file, [&](const nlohmann::json& row) -> Result<std::string> {
        UnitInput input;
        for (auto [key, target] : {std::pair{"uscc", &input.uscc}, {"name", &input.name}, {"type", &input.type},
                                   {"method", &input.method}, {"uscc_override_reason", &input.uscc_override_reason}}) {
          auto value = json_string(row, key, std::string(key) == "uscc" || std::string(key) == "name" || std::string(key) == "type");
          if (!value) return value.error();
          *target = value.value();
        }
        return add_unit_row(*database, input);
      });
      return;
    }
    const auto unit = require(add_unit(*database, options->unit));
    render(std::cout, units_table({unit}), context.format());
  });
  auto* list = noun->add_subcommand("list", "List units");
  list->callback([&context] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    render(std::cout, units_table(list_units(*database)), context.format());
  });
  register_related_party_commands(noun, context, options);
  auto* show = noun->add_subcommand("show", "Show a unit and its dedicated account");
  show->add_option("--uscc", options->unit_id, "统一社会信用代码")->required();
  show->callback([&context, options] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_unit, options->unit_id);
    const auto unit = find_unit(*database, options->unit_id);
    if (!unit) throw CommandFailure{make_error(ReasonCode::unknown_unit, "no unit '" + options->unit_id + "'", "uscc")};
    render(std::cout, units_table({*unit}), context.format());
    if (context.format() == OutputFormat::table) {
      const auto bank = require(account_balance(*database, unit->book_id, std::string(dedicated_bank_account),
                                                std::nullopt, true));
      std::cout << "\n奖补专户余额 " << group_thousands(bank.balance().to_plain_string()) << '\n';
    }
  });
}

void register_brand_commands(CLI::App& app, Context& context, const std::shared_ptr<RegistryOptions>& options) {
  auto* noun = app.add_subcommand("brand", "Labor brands (劳务品牌)");
  noun->require_subcommand(1);
  auto* add = noun->add_subcommand("add", "Register a brand");
  add->add_option("--id", options->brand_id, "Brand id");
  add->add_option("--name", options->brand_name, "Brand name");
  add->add_option("--category", options->category, "high-quality-service | mid-high-skill | culture-tourism | livelihood");
  add->add_flag("--intangible-heritage", options->heritage, "非物质文化遗产类");
  add->add_option("--file", options->file, "JSON array of {id, name, category, intangible_heritage}");
  add->callback([&context, options] {
    auto database = context.open_database();
    if (!options->file.empty()) {
      run_batch(context, options->file, [&](const nlohmann::json& row) -> Result<std::string> {
        auto id = json_string(row, "id", true);
        auto name = json_string(row, "name", true);
        auto category = json_string(row, "category", true);
        if (!id) return id.error();
        if (!name) return name.error();
        if (!category) return category.error();
        const bool heritage = row.contains("intangible_heritage") && row["intangible_heritage"].is_boolean() &&
                              row["intangible_heritage"].get<bool>();
        auto brand = brand_from(id.value(), name.value(), category.value(), heritage);
        if (!brand) return brand.error();
        auto added = add_brand(*database, brand.value());
        if (!added) return added.error();
        return "registered brand " + added.value().brand_id;
      });
      return;
    }
    const auto brand = require(add_brand(*database, require(brand_from(options->brand_id, options->brand_name,
                                                                         options->category, options->heritage))));
    std::cout << "registered brand " << brand.brand_id << " " << brand.name << '\n';
  });
  auto* list = noun->add_subcommand("list", "List brands");
  list->callback([&context] {
    auto database = context.open_database();
    Table table{{{"brand_id", "品牌"}, {"name", "名称"}, {"category", "类别"}, {"intangible_heritage", "非遗"}}, {}};
    for (const auto& brand : list_brands(*database)) {
      table.add_row({brand.brand_id, brand.name, std::string(brand_category_name(brand.category)),
                     brand.intangible_heritage ? "yes" : "no"});
    }
    render(std::cout, table, context.format());
  });
}

void register_recognition_commands(CLI::App& app, Context& context, const std::shared_ptr<RegistryOptions>& options) {
  auto* noun = app.add_subcommand("recognition", "Recognitions (认定) of brands at a tier");
  noun->require_subcommand(1);
  auto* add = noun->add_subcommand("add", "Record a recognition with its lead units");
  add->add_option("--id", options->recognition_id, "Recognition id");
  add->add_option("--brand", options->brand_id, "Brand id");
  add->add_option("--tier", options->tier, "national | provincial | municipal | district (or 国家级 …)");
  add->add_option("--policy", options->policy_id, "Policy id, e.g. xixian-2024");
  add->add_option("--date", options->date, "Recognition date");
  add->add_option("--document", options->document, "文号");
  add->add_option("--unit", options->unit_ids, "Lead unit USCC, repeatable, in order");
  add->add_option("--file", options->file, "JSON array of {id, brand, tier, policy, date, document, units}");
  add->callback([&context, options] {
    auto database = context.open_database();
    if (!options->file.empty()) {
      run_batch(context, options->file, [&](const nlohmann::json& row) -> Result<std::string> {
        RegistryOptions fields;
        for (auto [key, target] : {std::pair{"id", &fields.recognition_id}, {"brand", &fields.brand_id},
                                   {"tier", &fields.tier}, {"policy", &fields.policy_id}, {"date", &fields.date},
                                   {"document", &fields.document}}) {
          auto value = json_string(row, key, true);
          if (!value) return value.error();
          *target = value.value();
        }
        auto units = json_strings(row, "units");
        if (!units) return units.error();
        fields.unit_ids = units.value();
        auto recognition = recognition_from(fields);
        if (!recognition) return recognition.error();
        auto added = add_recognition(*database, recognition.value());
        if (!added) return added.error();
        return "recognised " + added.value().brand_id + " as " + std::string(tier_name(added.value().tier));
      });
      return;
    }
    const auto recognition = require(add_recognition(*database, require(recognition_from(*options))));
    std::cout << "recognised " << recognition.brand_id << " at " << tier_chinese_name(recognition.tier)
              << " under " << recognition.policy_id << " (" << recognition.document_number << ")\n";
  });
}

}  // namespace

void register_registry_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<RegistryOptions>();
  register_unit_commands(app, context, options);
  register_brand_commands(app, context, options);
  register_recognition_commands(app, context, options);
}

}  // namespace jiangbu
