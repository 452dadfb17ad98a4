#include "ledger/chart.hpp"

#include <set>

#include <toml++/toml.h>

#include "core/embedded_files.hpp"
#include "core/reason_code.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t chart_accounts_max = 500;

bool is_chart_code(std::string_view code) {
  if (code.size() != 4) return false;
  for (const char digit : code) {
    if (digit < '0' || digit > '9') return false;
  }
  return true;
}

Error chart_error(std::string_view file_name, const std::string& key, const std::string& why) {
  return make_error(ReasonCode::bad_chart, std::string(file_name) + ": " + key + ": " + why, key);
}

Result<std::string> required_string(const toml::table& table, std::string_view file_name,
                                    const std::string& key_path, std::string_view key) {
  const auto value = table[key].value<std::string>();
  if (!value || value->empty()) return chart_error(file_name, key_path, "missing or not text");
  return *value;
}

Result<ChartAccount> parse_account(const toml::table& table, std::string_view file_name,
                                   const std::string& key_path) {
  ChartAccount account;
  const char* keys[] = {"code", "name", "type", "normal_side", "basis"};
  std::string values[5];
  for (std::size_t index = 0; index < 5; ++index) {
    auto value = required_string(table, file_name, key_path + "." + keys[index], keys[index]);
    if (!value) return value.error();
    values[index] = value.value();
  }
  account.code = values[0];
  account.name = values[1];
  account.account_type = values[2];
  if (!is_chart_code(account.code)) {
    return chart_error(file_name, key_path + ".code", "'" + account.code + "' is not four digits");
  }
  if (values[3] != "debit" && values[3] != "credit") {
    return chart_error(file_name, key_path + ".normal_side", "must be debit or credit");
  }
  account.normal_side = values[3] == "debit" ? NormalSide::debit : NormalSide::credit;
  if (values[4] != "financial" && values[4] != "budget") {
    return chart_error(file_name, key_path + ".basis", "must be financial or budget");
  }
  account.basis = values[4] == "financial" ? Basis::financial : Basis::budget;
  return account;
}

}  // namespace

std::string_view normal_side_name(NormalSide side) {
  return side == NormalSide::debit ? "debit" : "credit";
}

std::string_view basis_name(Basis basis) {
  return basis == Basis::financial ? "financial" : "budget";
}

const ChartAccount* Chart::find(std::string_view code) const {
  for (const auto& account : accounts) {
    if (account.code == code) return &account;
  }
  return nullptr;
}

Result<Chart> parse_chart(std::string_view toml_text, std::string_view file_name) {
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& error) {
    return chart_error(file_name, "(syntax)", std::string(error.description()) + " at line " +
                                                  std::to_string(error.source().begin.line));
  }
  Chart chart;
  for (const auto& [key, target] : {std::pair{"chart", &chart.chart_id},
                                    std::pair{"name", &chart.name},
                                    std::pair{"source", &chart.source}}) {
    auto value = required_string(root, file_name, key, key);
    if (!value) return value.error();
    *target = value.value();
  }
  const toml::array* accounts = root["account"].as_array();
  if (accounts == nullptr || accounts->empty()) {
    return chart_error(file_name, "account", "no [[account]] tables");
  }
  if (accounts->size() > chart_accounts_max) {
    return chart_error(file_name, "account", "more than " + std::to_string(chart_accounts_max));
  }
  std::set<std::string> codes;
  for (std::size_t index = 0; index < accounts->size(); ++index) {
    const std::string key_path = "account[" + std::to_string(index + 1) + "]";
    const toml::node* node = accounts->get(index);
    const toml::table* table = node == nullptr ? nullptr : node->as_table();
    if (table == nullptr) return chart_error(file_name, key_path, "is not a table");
    auto account = parse_account(*table, file_name, key_path);
    if (!account) return account.error();
    if (!codes.insert(account.value().code).second) {
      return chart_error(file_name, key_path + ".code", "duplicate code " + account.value().code);
    }
    chart.accounts.push_back(std::move(account).value());
  }
  return chart;
}

Result<std::vector<Chart>> bundled_charts() {
  std::vector<Chart> charts;
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with("accounts/chart-") || !file.path.ends_with(".toml")) continue;
    auto chart = parse_chart(file.content, file.path);
    if (!chart) return chart.error();
    charts.push_back(std::move(chart).value());
  }
  return charts;
}

}  // namespace jiangbu
