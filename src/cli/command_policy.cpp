// `jiangbu policy list|show|check`: the subsidy policies as data. list and
// show read the policy files compiled into the binary (or --dir); check
// validates files a clerk has edited before they are bundled. None of them
// touches the database.
#include <iostream>

#include "cli/context.hpp"
#include "core/reason_code.hpp"
#include "core/message_redaction.hpp"
#include "money/money_format.hpp"
#include "policy/policy_loader.hpp"

namespace jiangbu {

namespace {

struct PolicyOptions {
  std::string policy_id;
  std::string directory;  // empty: the bundled policies
  std::vector<std::string> files;
};

// A policy error's message already reads "file: key: reason"; printed
// without its field, the key is not said twice.
Error without_field(const Error& error) { return Error(error.code, error.message); }

std::vector<Policy> load_policies(const std::string& directory) {
  auto policies = directory.empty() ? bundled_policies() : load_policies_from_directory(directory);
  if (!policies) throw CommandFailure{without_field(policies.error())};
  return std::move(policies).value();
}

// "国家级 30万元、省级 25万元": how the documents themselves write the tiers.
std::string tiers_paid(const Policy& policy) {
  std::string text;
  for (const Tier tier : {Tier::national, Tier::provincial, Tier::municipal, Tier::district}) {
    const auto found = policy.award_by_tier.find(tier);
    if (found == policy.award_by_tier.end()) continue;
    if (!text.empty()) text += "、";
    text += std::string(tier_chinese_name(tier)) + " " + format_wan(found->second.value);
  }
  return text.empty() ? "不奖补" : text;
}

}  // namespace

void register_policy_commands(CLI::App& app, Context& context) {
  auto options_pointer = std::make_shared<PolicyOptions>();
  auto* noun = app.add_subcommand("policy", "Subsidy policies (accounts/policies/*.toml), each value cited");
  noun->require_subcommand(1);

  auto* list = noun->add_subcommand("list", "List the policies: id, document, tiers paid");
  list->add_option("--dir", options_pointer->directory, "Read policy files from this directory instead");
  list->callback([&context, options_pointer] {
    Table table{{{"policy_id", "政策"}, {"title", "文件名称"}, {"issuer", "发文机关"}, {"issued_on", "日期"},
                 {"draft", "征求意见稿"}, {"tiers_paid", "奖补档次"}},
                {}};
    for (const auto& policy : load_policies(options_pointer->directory)) {
      table.add_row({policy.policy_id, policy.title, policy.issuer, policy.issued_on,
                     policy.draft ? "yes" : "no", tiers_paid(policy)});
    }
    render(std::cout, table, context.format());
  });

  auto* show = noun->add_subcommand("show", "Every field of one policy with its source and article");
  show->add_option("--id", options_pointer->policy_id, "Policy id, e.g. xixian-2024")->required();
  show->add_option("--dir", options_pointer->directory, "Read policy files from this directory instead");
  show->callback([&context, options_pointer] {
    const auto policies = load_policies(options_pointer->directory);
    const Policy* chosen = nullptr;
    for (const auto& policy : policies) {
      if (policy.policy_id == options_pointer->policy_id) chosen = &policy;
    }
    if (chosen == nullptr) {
      throw CommandFailure{make_error(ReasonCode::unknown_policy,
                                      "no policy '" + options_pointer->policy_id + "'", "id")};
    }
    Table table{{{"field", "字段"}, {"value", "值"}, {"file", "出处文件"}, {"article", "条款"},
                 {"silent", "原文未规定"}, {"note", "说明"}},
                {}};
    for (const auto& field : describe_fields(*chosen)) {
      table.add_row({field.key, field.value, field.source.file, field.source.article,
                     field.source.silent ? "yes" : "", field.source.note});
    }
    render(std::cout, table, context.format());
  });

  auto* check = noun->add_subcommand("check", "Validate policy files; exit 2 if any is refused");
  check->add_option("file", options_pointer->files, "Policy files (<policy_id>.toml)")->required();
  check->callback([options_pointer] {
    std::size_t refused = 0;
    for (const auto& file : options_pointer->files) {
      const auto policy = load_policy_file(file);
      if (policy) {
        std::cout << "ok: " << file << " (" << policy.value().policy_id << ")" << std::endl;
      } else {
        // Every refused file is reported, not only the first; the message
        // already names the file and the key.
        ++refused;
        std::cerr << "jiangbu: error: " << redact_message(policy.error().message) << " [" << policy.error().code << "]"
                  << std::endl;
      }
    }
    if (refused > 0) {
      throw CommandFailure{make_error(ReasonCode::bad_policy,
                                      std::to_string(refused) + " of " +
                                          std::to_string(options_pointer->files.size()) +
                                          " policy files refused")};
    }
  });
}

}  // namespace jiangbu
