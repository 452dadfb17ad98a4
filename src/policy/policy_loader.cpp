#include "policy/policy_loader.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <set>
#include <span>
#include <sstream>

#include <toml++/toml.h>

#include "core/date.hpp"
#include "core/embedded_files.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "ledger/chart.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

// Bounds: a policy file is a page of text a clerk reviews, not a data dump.
constexpr std::uintmax_t policy_file_bytes_max = 256 * 1024;
constexpr std::size_t categories_max = 100;
constexpr std::size_t policy_files_max = 1000;
constexpr std::size_t text_bytes_max = 2000;
constexpr std::int64_t lead_units_limit = 100;
constexpr std::int64_t years_limit = 100;
constexpr std::int64_t months_limit = 120;

constexpr std::string_view policies_prefix = "accounts/policies/";

// The keys a cited value may carry besides its value.
constexpr std::array<std::string_view, 4> citation_keys{"source", "file", "note", "silent"};

Error policy_error(std::string_view file_name, const std::string& key, const std::string& why) {
  return make_error(ReasonCode::bad_policy, std::string(file_name) + ": " + key + ": " + why, key);
}

bool is_kebab_code(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  if (text.front() < 'a' || text.front() > 'z' || text.back() == '-') return false;
  char previous = ' ';
  for (const char character : text) {
    const bool lower = character >= 'a' && character <= 'z';
    const bool digit = character >= '0' && character <= '9';
    if (!lower && !digit && character != '-') return false;
    if (character == '-' && previous == '-') return false;
    previous = character;
  }
  return true;
}

// Source files are named "<three digits>_<sixteen hex digits>.txt", as in
// ../shared/policy-sources/.
bool is_source_file_name(std::string_view name) {
  if (name.size() != 3 + 1 + 16 + 4 || name.substr(3 + 1 + 16) != ".txt" || name[3] != '_') return false;
  for (std::size_t index = 0; index < 3; ++index) {
    if (name[index] < '0' || name[index] > '9') return false;
  }
  for (std::size_t index = 4; index < 20; ++index) {
    const char character = name[index];
    if (!((character >= '0' && character <= '9') || (character >= 'a' && character <= 'f'))) return false;
  }
  return true;
}

std::string join(std::span<const std::string_view> keys) {
  std::string text;
  for (const auto key : keys) text += (text.empty() ? "" : ", ") + std::string(key);
  return text;
}

// "award" + "cap" -> "award.cap"; at the top level the key alone.
std::string child_path(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::optional<int> to_int(std::optional<std::int64_t> value) {
  if (!value) return std::nullopt;
  return static_cast<int>(*value);  // callers bound the range first
}

std::string file_stem(std::string_view file_name) {
  const std::string name = std::filesystem::path(std::string(file_name)).filename().string();
  const std::string suffix = ".toml";
  if (name.size() <= suffix.size() || !name.ends_with(suffix)) return {};
  return name.substr(0, name.size() - suffix.size());
}

const Result<std::vector<Chart>>& cached_charts() {
  // Parsed once: the bundled charts cannot change while the program runs.
  static const Result<std::vector<Chart>> charts = bundled_charts();
  return charts;
}

const Chart* find_chart(const std::vector<Chart>& charts, std::string_view chart_id) {
  for (const auto& chart : charts) {
    if (chart.chart_id == chart_id) return &chart;
  }
  return nullptr;
}

// Reads one parsed file. The first problem found is kept and every later
// read returns an empty value, so the reader stays a straight line of field
// reads and still reports the earliest mistake in the file.
class PolicyReader {
 public:
  PolicyReader(std::string_view file_name, const Chart& enterprise_chart, const Chart& non_profit_chart)
      : file_name_(file_name), enterprise_chart_(enterprise_chart), non_profit_chart_(non_profit_chart) {}

  Result<Policy> read(const toml::table& root);

 private:
  void fail(const std::string& key, const std::string& why) {
    if (!error_) error_ = policy_error(file_name_, key, why);
  }
  [[nodiscard]] bool failed() const { return error_.has_value(); }

  void check_keys(const toml::table& table, const std::string& path,
                  std::initializer_list<std::string_view> keys,
                  std::span<const std::string_view> more_keys = {});
  const toml::table* required_table(const toml::table& parent, const std::string& parent_path,
                                    std::string_view key);
  std::optional<std::string> optional_text(const toml::table& table, const std::string& path,
                                           std::string_view key);
  std::string required_text(const toml::table& table, const std::string& path, std::string_view key);
  std::optional<bool> optional_flag(const toml::table& table, const std::string& path, std::string_view key);
  std::optional<std::int64_t> optional_integer(const toml::table& table, const std::string& path,
                                               std::string_view key, std::int64_t minimum,
                                               std::int64_t maximum);
  std::optional<Money> optional_amount(const toml::table& table, const std::string& path,
                                       std::string_view key);
  Citation citation(const toml::table& table, const std::string& path);
  void absent(Policy& policy, const std::string& key, const Citation& source);

  // Cited values: an inline table { value = …, source = "…" }.
  std::optional<Cited<std::string>> cited_text(const toml::table& parent, const std::string& parent_path,
                                               std::string_view key, bool may_be_silent);
  Cited<bool> cited_flag(const toml::table& parent, const std::string& parent_path, std::string_view key);
  std::optional<Cited<int>> cited_count(Policy& policy, const toml::table& parent,
                                        const std::string& parent_path, std::string_view key,
                                        std::int64_t minimum, std::int64_t maximum, bool optional);
  void read_document(Policy& policy, const toml::table& root);
  void read_fund_source(Policy& policy, const toml::table& root);
  void read_award(Policy& policy, const toml::table& root);
  void read_allowed(Policy& policy, const toml::table& root);
  void read_banned(Policy& policy, const toml::table& root);
  const toml::array* category_list(Policy& policy, const toml::table& root, const std::string& key);
  std::optional<Schedule> schedule(Policy& policy, const toml::table& root, const std::string& key);
  void check_account(const std::string& path, const std::string& code, const Chart& chart);
  void check_consistency(const Policy& policy);

  std::string_view file_name_;
  const Chart& enterprise_chart_;
  const Chart& non_profit_chart_;
  std::string default_source_file_;
  std::optional<Error> error_;
};

void PolicyReader::check_keys(const toml::table& table, const std::string& path,
                              std::initializer_list<std::string_view> keys,
                              std::span<const std::string_view> more_keys) {
  const std::span<const std::string_view> first_keys(keys.begin(), keys.size());
  for (const auto& [key, node] : table) {
    const std::string_view name = key.str();
    const auto known = [name](std::span<const std::string_view> list) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    if (!known(first_keys) && !known(more_keys)) {
      std::string expected = join(first_keys);
      if (!more_keys.empty()) expected += ", " + join(more_keys);
      fail(child_path(path, name),
           "unknown key (a typo?); expected one of: " + expected);
      return;
    }
  }
}

const toml::table* PolicyReader::required_table(const toml::table& parent, const std::string& parent_path,
                                                std::string_view key) {
  const std::string path = child_path(parent_path, key);
  const toml::node* node = parent.get(key);
  if (node == nullptr) {
    fail(path, "is missing (write the value with its source, or silent = true with a note)");
    return nullptr;
  }
  const toml::table* table = node->as_table();
  if (table == nullptr) {
    fail(path, "must be a table such as { value = …, source = \"…\" }");
    return nullptr;
  }
  return table;
}

std::optional<std::string> PolicyReader::optional_text(const toml::table& table, const std::string& path,
                                                       std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const std::string key_path = child_path(path, key);
  if (!node->is_string()) {
    fail(key_path, "must be text in double quotes");
    return std::nullopt;
  }
  std::string text = node->as_string()->get();
  // Emptiness is judged by each caller, which knows what an empty value means.
  if (auto valid = validate_text(text, key_path, text_bytes_max, true); !valid) {
    fail(key_path, valid.error().message);
    return std::nullopt;
  }
  return text;
}

std::string PolicyReader::required_text(const toml::table& table, const std::string& path,
                                        std::string_view key) {
  if (table.get(key) == nullptr) {
    fail(child_path(path, key), "is missing");
    return {};
  }
  auto text = optional_text(table, path, key).value_or(std::string());
  if (text.empty()) fail(child_path(path, key), "is empty");
  return text;
}

std::optional<bool> PolicyReader::optional_flag(const toml::table& table, const std::string& path,
                                                std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    fail(child_path(path, key), "must be true or false (without quotes)");
    return std::nullopt;
  }
  return node->as_boolean()->get();
}

std::optional<std::int64_t> PolicyReader::optional_integer(const toml::table& table, const std::string& path,
                                                           std::string_view key, std::int64_t minimum,
                                                           std::int64_t maximum) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const std::string key_path = child_path(path, key);
  if (!node->is_integer()) {
    fail(key_path, node->is_floating_point() ? "must be a whole number, not a decimal"
                                             : "must be a whole number (without quotes)");
    return std::nullopt;
  }
  const std::int64_t value = node->as_integer()->get();
  if (value < minimum || value > maximum) {
    fail(key_path, std::to_string(value) + " is out of range " + std::to_string(minimum) + ".." +
                       std::to_string(maximum));
    return std::nullopt;
  }
  return value;
}

std::optional<Money> PolicyReader::optional_amount(const toml::table& table, const std::string& path,
                                                   std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  const std::string key_path = child_path(path, key);
  if (!node->is_string()) {
    // A TOML number would be read through floating point (or look like yuan
    // when meant as 万): amounts are always text, "30万" or "300000.00".
    fail(key_path, "an amount must be text such as \"30万\" or \"300000.00\", not a TOML number");
    return std::nullopt;
  }
  const std::string text = node->as_string()->get();
  auto amount = parse_money(text);
  if (!amount) {
    fail(key_path, quote_input(text) + " is not an amount: " + amount.error().message);
    return std::nullopt;
  }
  if (!amount.value().is_positive()) {
    fail(key_path, "must be more than zero");
    return std::nullopt;
  }
  return amount.value();
}

Citation PolicyReader::citation(const toml::table& table, const std::string& path) {
  Citation source;
  const auto article = optional_text(table, path, "source");
  if (!article || article->empty()) {
    fail(path + ".source", "is missing: every value cites the article it comes from");
    return source;
  }
  source.article = *article;
  source.file = default_source_file_;
  if (const auto file = optional_text(table, path, "file")) {
    if (!is_source_file_name(*file)) {
      fail(path + ".file", quote_input(*file) + " is not a source file name such as 002_318121ba9f7bd672.txt");
    }
    source.file = *file;
  }
  source.silent = optional_flag(table, path, "silent").value_or(false);
  source.note = optional_text(table, path, "note").value_or(std::string());
  if (source.silent && source.note.empty()) {
    fail(path + ".note", "is missing: a silent field must say why it has this value or none");
  }
  return source;
}

void PolicyReader::absent(Policy& policy, const std::string& key, const Citation& source) {
  if (!source.note.empty()) {
    policy.absent_fields.push_back({key, source});
    return;
  }
  fail(key + ".note", "is missing: say why this field has no value");
}

std::optional<Cited<std::string>> PolicyReader::cited_text(const toml::table& parent,
                                                           const std::string& parent_path, std::string_view key,
                                                           bool may_be_silent) {
  const std::string path = child_path(parent_path, key);
  const toml::table* table = required_table(parent, parent_path, key);
  if (table == nullptr) return std::nullopt;
  check_keys(*table, path, {"value"}, citation_keys);
  Cited<std::string> cited;
  cited.source = citation(*table, path);
  const auto value = optional_text(*table, path, "value");
  if (value && value->empty()) fail(path + ".value", "is empty");
  if (!value && !(may_be_silent && cited.source.silent)) {
    fail(path + ".value", may_be_silent ? "is missing (or write silent = true with a note)" : "is missing");
  }
  cited.value = value.value_or(std::string());
  return cited;
}

Cited<bool> PolicyReader::cited_flag(const toml::table& parent, const std::string& parent_path,
                                     std::string_view key) {
  const std::string path = child_path(parent_path, key);
  Cited<bool> cited;
  const toml::table* table = required_table(parent, parent_path, key);
  if (table == nullptr) return cited;
  check_keys(*table, path, {"value"}, citation_keys);
  cited.source = citation(*table, path);
  const auto value = optional_flag(*table, path, "value");
  // A rule the program applies needs a value even when the document is
  // silent: the file states the default it takes (usually false).
  if (!value) fail(path + ".value", "is missing (true or false; a silent field states its default)");
  cited.value = value.value_or(false);
  return cited;
}

std::optional<Cited<int>> PolicyReader::cited_count(Policy& policy, const toml::table& parent,
                                                    const std::string& parent_path, std::string_view key,
                                                    std::int64_t minimum, std::int64_t maximum,
                                                    bool optional) {
  const std::string path = child_path(parent_path, key);
  const toml::table* table = required_table(parent, parent_path, key);
  if (table == nullptr) return std::nullopt;
  check_keys(*table, path, {"value"}, citation_keys);
  Cited<int> cited;
  cited.source = citation(*table, path);
  const auto value = optional_integer(*table, path, "value", minimum, maximum);
  if (!value) {
    if (failed()) return std::nullopt;
    if (optional && cited.source.silent) {
      absent(policy, path, cited.source);
    } else {
      fail(path + ".value", optional ? "is missing (or write silent = true with a note)" : "is missing");
    }
    return std::nullopt;
  }
  cited.value = static_cast<int>(*value);
  return cited;
}

void PolicyReader::read_document(Policy& policy, const toml::table& root) {
  const toml::table* document = required_table(root, "", "document");
  if (document == nullptr) return;
  check_keys(*document, "document", {"title", "issuer", "issued_on", "draft"});
  if (auto title = cited_text(*document, "document", "title", false)) {
    policy.title = title->value;
    policy.title_source = title->source;
  }
  if (auto issuer = cited_text(*document, "document", "issuer", true)) {
    policy.issuer = issuer->value;
    policy.issuer_source = issuer->source;
  }
  if (auto issued_on = cited_text(*document, "document", "issued_on", true)) {
    if (!issued_on->value.empty()) {
      auto date = Date::parse(issued_on->value);
      if (!date) fail("document.issued_on.value", date.error().message);
    }
    policy.issued_on = issued_on->value;
    policy.issued_on_source = issued_on->source;
  }
  const auto draft = cited_flag(*document, "document", "draft");
  policy.draft = draft.value;
  policy.draft_source = draft.source;
}

void PolicyReader::read_fund_source(Policy& policy, const toml::table& root) {
  if (auto fund = cited_text(root, "", "fund_source", true)) {
    policy.fund_source = fund->value;
    policy.fund_source_citation = fund->source;
  }
}

void PolicyReader::read_award(Policy& policy, const toml::table& root) {
  const toml::table* award = required_table(root, "", "award");
  if (award == nullptr) return;
  check_keys(*award, "award", {"national", "provincial", "municipal", "district", "cap", "tier_upgrade"});
  for (const Tier tier : {Tier::national, Tier::provincial, Tier::municipal, Tier::district}) {
    const std::string path = "award." + std::string(tier_name(tier));
    // Every tier is written out, paid or not, so that a missing line is a
    // mistake and never a silent "not paid".
    const toml::table* table = required_table(*award, "award", tier_name(tier));
    if (table == nullptr) return;
    check_keys(*table, path, {"amount", "paid"}, citation_keys);
    const Citation source = citation(*table, path);
    const auto amount = optional_amount(*table, path, "amount");
    const auto paid = optional_flag(*table, path, "paid");
    if (failed()) return;
    if (amount && paid) {
      fail(path + ".paid", "write either amount = \"…\" or paid = false, not both");
    } else if (amount) {
      policy.award_by_tier[tier] = Cited<Money>{*amount, source};
    } else if (paid && !*paid) {
      absent(policy, path, source);
    } else if (paid) {
      fail(path + ".paid", "paid = true needs the amount: write amount = \"…\" instead");
    } else {
      fail(path + ".amount", "is missing (write amount = \"…\", or paid = false with a note)");
    }
  }
  const toml::table* cap = required_table(*award, "award", "cap");
  if (cap == nullptr) return;
  check_keys(*cap, "award.cap", {"amount"}, citation_keys);
  const Citation cap_source = citation(*cap, "award.cap");
  const auto cap_amount = optional_amount(*cap, "award.cap", "amount");
  if (cap_amount) {
    policy.award_cap = Cited<Money>{*cap_amount, cap_source};
  } else if (!failed()) {
    if (cap_source.silent) {
      absent(policy, "award.cap", cap_source);
    } else {
      fail("award.cap.amount", "is missing (or write silent = true with a note)");
    }
  }
  if (auto upgrade = cited_text(*award, "award", "tier_upgrade", false)) {
    const auto parsed = parse_tier_upgrade(upgrade->value);
    if (!parsed && !failed()) {
      fail("award.tier_upgrade.value", quote_input(upgrade->value) + " is not full, difference or forbidden");
    }
    policy.tier_upgrade = Cited<TierUpgrade>{parsed.value_or(TierUpgrade::full), upgrade->source};
  }
}

const toml::array* PolicyReader::category_list(Policy& policy, const toml::table& root, const std::string& key) {
  const toml::table* table = required_table(root, "", key);
  if (table == nullptr) return nullptr;
  check_keys(*table, key, {"category"}, citation_keys);
  const toml::node* node = table->get("category");
  if (node == nullptr) {
    // No list: the file must say the document is silent, and where it looked.
    const Citation source = citation(*table, key);
    if (failed()) return nullptr;
    if (!source.silent) {
      fail(key + ".category", "is missing: list [[" + key + ".category]] or write silent = true with a note");
      return nullptr;
    }
    absent(policy, key, source);
    return nullptr;
  }
  if (table->get("silent") != nullptr || table->get("source") != nullptr) {
    fail(key, "has categories and a silent marker; each category carries its own source");
    return nullptr;
  }
  const toml::array* list = node->as_array();
  if (list == nullptr || list->empty()) {
    fail(key + ".category", "must be a list of [[" + key + ".category]] tables");
    return nullptr;
  }
  if (list->size() > categories_max) {
    fail(key + ".category", "more than " + std::to_string(categories_max) + " categories");
    return nullptr;
  }
  return list;
}

void PolicyReader::check_account(const std::string& path, const std::string& code, const Chart& chart) {
  const ChartAccount* account = chart.find(code);
  if (account == nullptr) {
    fail(path, "account '" + code + "' is not in the " + chart.chart_id + " chart (accounts/chart-" +
                   chart.chart_id + ".toml)");
    return;
  }
  // Spending on a category is booked to an expense or cost account, never to
  // the bank or a liability: anything else would hide the spending.
  if (account->account_type != "expense" && account->account_type != "cost") {
    fail(path, "account '" + code + " " + account->name + "' is " + account->account_type +
                   ", not an expense or cost account");
  }
}

void PolicyReader::read_allowed(Policy& policy, const toml::table& root) {
  const toml::array* list = category_list(policy, root, "allowed");
  if (list == nullptr) return;
  for (std::size_t index = 0; index < list->size() && !failed(); ++index) {
    const std::string path = "allowed.category[" + std::to_string(index + 1) + "]";
    const toml::table* table = list->get(index)->as_table();
    if (table == nullptr) {
      fail(path, "is not a table");
      return;
    }
    check_keys(*table, path, {"code", "name", "enterprise_account", "non_profit_account", "source", "file", "note"});
    AllowedCategory category;
    category.code = required_text(*table, path, "code");
    category.name = required_text(*table, path, "name");
    category.enterprise_account = required_text(*table, path, "enterprise_account");
    category.non_profit_account = required_text(*table, path, "non_profit_account");
    category.source = citation(*table, path);
    if (failed()) return;
    if (!is_kebab_code(category.code)) {
      fail(path + ".code", quote_input(category.code) + " is not a kebab-case code such as \"promotion\"");
    }
    check_account(path + ".enterprise_account", category.enterprise_account, enterprise_chart_);
    check_account(path + ".non_profit_account", category.non_profit_account, non_profit_chart_);
    policy.allowed_categories.push_back(std::move(category));
  }
}

void PolicyReader::read_banned(Policy& policy, const toml::table& root) {
  const toml::array* list = category_list(policy, root, "banned");
  if (list == nullptr) return;
  for (std::size_t index = 0; index < list->size() && !failed(); ++index) {
    const std::string path = "banned.category[" + std::to_string(index + 1) + "]";
    const toml::table* table = list->get(index)->as_table();
    if (table == nullptr) {
      fail(path, "is not a table");
      return;
    }
    check_keys(*table, path, {"code", "name", "group", "source", "file", "note"});
    BannedCategory category;
    category.code = required_text(*table, path, "code");
    category.name = required_text(*table, path, "name");
    category.group = required_text(*table, path, "group");
    category.source = citation(*table, path);
    if (failed()) return;
    if (!is_kebab_code(category.code)) {
      fail(path + ".code", quote_input(category.code) + " is not a kebab-case code such as \"official-reception\"");
    }
    policy.banned_categories.push_back(std::move(category));
  }
}

std::optional<Schedule> PolicyReader::schedule(Policy& policy, const toml::table& root, const std::string& key) {
  const toml::table* table = required_table(root, "", key);
  if (table == nullptr) return std::nullopt;
  check_keys(*table, key, {"description", "first_after_years", "every_years", "annual_deadline"}, citation_keys);
  Schedule result;
  result.source = citation(*table, key);
  const auto description = optional_text(*table, key, "description");
  result.first_after_years = to_int(optional_integer(*table, key, "first_after_years", 1, years_limit));
  result.every_years = to_int(optional_integer(*table, key, "every_years", 1, years_limit));
  result.annual_deadline = optional_text(*table, key, "annual_deadline");
  if (failed()) return std::nullopt;
  if (!description) {
    if (!result.source.silent) {
      fail(key + ".description", "is missing (or write silent = true with a note)");
    } else if (result.first_after_years || result.every_years || result.annual_deadline) {
      fail(key, "is silent but has a schedule; remove silent = true or the schedule");
    } else {
      absent(policy, key, result.source);
    }
    return std::nullopt;
  }
  if (description->empty()) fail(key + ".description", "is empty");
  result.description = *description;
  if (result.annual_deadline) {
    // "MM-DD": checked as a date in a leap year so that 02-29 is allowed.
    const std::string& deadline = *result.annual_deadline;
    if (deadline.size() != 5 || deadline[2] != '-' || !Date::parse("2024-" + deadline)) {
      fail(key + ".annual_deadline", quote_input(deadline) + " is not a month and day such as \"10-31\"");
    }
  }
  return result;
}

void PolicyReader::check_consistency(const Policy& policy) {
  if (failed()) return;
  if (policy.award_cap) {
    for (const auto& [tier, award] : policy.award_by_tier) {
      if (award.value > policy.award_cap->value) {
        fail("award.cap", "the cap " + policy.award_cap->value.to_plain_string() + " is below the " +
                              std::string(tier_name(tier)) + " award " + award.value.to_plain_string());
        return;
      }
    }
  }
  // A higher tier never pays less than a lower one in any of the documents;
  // a file where it does has two amounts swapped.
  const Tier ladder[] = {Tier::district, Tier::municipal, Tier::provincial, Tier::national};
  std::optional<std::pair<Tier, Money>> below;
  for (const Tier tier : ladder) {
    const auto found = policy.award_by_tier.find(tier);
    if (found == policy.award_by_tier.end()) continue;
    if (below && found->second.value < below->second) {
      fail("award." + std::string(tier_name(tier)),
           "the " + std::string(tier_name(tier)) + " award " + found->second.value.to_plain_string() +
               " is below the " + std::string(tier_name(below->first)) + " award " +
               below->second.to_plain_string());
      return;
    }
    below = std::pair{tier, found->second.value};
  }
  std::set<std::string> allowed_codes;
  std::set<std::string> allowed_names;
  for (std::size_t index = 0; index < policy.allowed_categories.size(); ++index) {
    const auto& category = policy.allowed_categories[index];
    const std::string path = "allowed.category[" + std::to_string(index + 1) + "]";
    if (!allowed_codes.insert(category.code).second) {
      fail(path + ".code", "duplicate category code '" + category.code + "'");
      return;
    }
    if (!allowed_names.insert(category.name).second) {
      fail(path + ".name", "duplicate category name '" + category.name + "'");
      return;
    }
  }
  std::set<std::string> banned_codes;
  std::set<std::string> banned_names;
  for (std::size_t index = 0; index < policy.banned_categories.size(); ++index) {
    const auto& category = policy.banned_categories[index];
    const std::string path = "banned.category[" + std::to_string(index + 1) + "]";
    if (!banned_codes.insert(category.code).second) {
      fail(path + ".code", "duplicate category code '" + category.code + "'");
      return;
    }
    if (!banned_names.insert(category.name).second) {
      fail(path + ".name", "duplicate category name '" + category.name + "'");
      return;
    }
    // One code or name in both lists would make a check's answer depend on
    // which list it reads first.
    if (allowed_codes.contains(category.code) || allowed_names.contains(category.name)) {
      fail(path, quote_input(category.code) + " (" + category.name + ") is both allowed and banned");
      return;
    }
  }
  if (!policy.award_by_tier.empty() && policy.allowed_categories.empty()) {
    fail("allowed", "the policy pays awards but lists no allowed use");
    return;
  }
  if (policy.plan_required.value && policy.allowed_categories.empty()) {
    fail("rules.plan_required", "a fund-use plan is made per allowed category, and there are none");
    return;
  }
  if (policy.split_by_contribution.value && policy.lead_units_max.value < 2) {
    fail("leads.split_by_contribution", "a split among lead units needs leads.max of 2 or more");
  }
}

Result<Policy> PolicyReader::read(const toml::table& root) {
  Policy policy;
  check_keys(root, "",
             {"policy_id", "source_file", "document", "fund_source", "award", "allowed", "banned", "rules",
              "leads", "reporting", "review", "revocation", "rectification"});
  if (failed()) return *error_;
  policy.policy_id = required_text(root, "", "policy_id");
  if (failed()) return *error_;
  const std::string stem = file_stem(file_name_);
  if (!is_kebab_code(policy.policy_id)) {
    fail("policy_id", quote_input(policy.policy_id) + " is not a kebab-case id such as \"xixian-2024\"");
  } else if (policy.policy_id != stem) {
    fail("policy_id", quote_input(policy.policy_id) + " does not match the file name (expected '" + stem + "')");
  }
  if (failed()) return *error_;
  policy.source_file = required_text(root, "", "source_file");
  if (failed()) return *error_;
  if (!is_source_file_name(policy.source_file)) {
    fail("source_file", "'" + policy.source_file +
                            "' is not a source file name such as 002_318121ba9f7bd672.txt");
  }
  default_source_file_ = policy.source_file;

  read_document(policy, root);
  read_fund_source(policy, root);
  read_award(policy, root);
  read_allowed(policy, root);
  read_banned(policy, root);

  if (const toml::table* rules = required_table(root, "", "rules")) {
    check_keys(*rules, "rules", {"cash_banned", "retroactive_banned", "plan_required"});
    policy.cash_banned = cited_flag(*rules, "rules", "cash_banned");
    policy.retroactive_banned = cited_flag(*rules, "rules", "retroactive_banned");
    policy.plan_required = cited_flag(*rules, "rules", "plan_required");
  }
  if (const toml::table* leads = required_table(root, "", "leads")) {
    check_keys(*leads, "leads", {"max", "one_unit_standard", "split_by_contribution"});
    if (auto max = cited_count(policy, *leads, "leads", "max", 1, lead_units_limit, false)) {
      policy.lead_units_max = *max;
    }
    policy.one_unit_standard = cited_flag(*leads, "leads", "one_unit_standard");
    policy.split_by_contribution = cited_flag(*leads, "leads", "split_by_contribution");
  }
  policy.reporting = schedule(policy, root, "reporting");
  policy.review = schedule(policy, root, "review");
  if (const toml::table* revocation = required_table(root, "", "revocation")) {
    check_keys(*revocation, "revocation", {"ban_years", "failed_reviews"});
    policy.revocation_ban_years = cited_count(policy, *revocation, "revocation", "ban_years", 1, years_limit, true);
    policy.failed_reviews_to_revoke =
        cited_count(policy, *revocation, "revocation", "failed_reviews", 1, years_limit, true);
  }
  if (const toml::table* rectification = required_table(root, "", "rectification")) {
    check_keys(*rectification, "rectification", {"months", "suspension_months"});
    policy.rectification_months =
        cited_count(policy, *rectification, "rectification", "months", 1, months_limit, true);
    policy.suspension_months =
        cited_count(policy, *rectification, "rectification", "suspension_months", 1, months_limit, true);
  }
  check_consistency(policy);
  if (failed()) return *error_;
  return policy;
}

Result<std::string> read_file_text(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return policy_error(path, "(file)", "cannot be read: " + error.message());
  if (size > policy_file_bytes_max) {
    return policy_error(path, "(file)", "is larger than " + std::to_string(policy_file_bytes_max) + " bytes");
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return policy_error(path, "(file)", "cannot be opened");
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

Status check_unique_ids(const std::vector<Policy>& policies, std::string_view where) {
  std::set<std::string> ids;
  for (const auto& policy : policies) {
    if (!ids.insert(policy.policy_id).second) {
      return policy_error(where, "policy_id", "two files define '" + policy.policy_id + "'");
    }
  }
  return success();
}

}  // namespace

Result<Policy> parse_policy(std::string_view toml_text, std::string_view file_name) {
  if (toml_text.size() > policy_file_bytes_max) {
    return policy_error(file_name, "(file)", "is larger than " + std::to_string(policy_file_bytes_max) + " bytes");
  }
  const auto& charts = cached_charts();
  if (!charts) return charts.error();
  const Chart* enterprise = find_chart(charts.value(), "enterprise");
  const Chart* non_profit = find_chart(charts.value(), "non-profit");
  if (enterprise == nullptr || non_profit == nullptr) {
    return policy_error(file_name, "(charts)", "the enterprise and non-profit charts are not bundled");
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, file_name);
  } catch (const toml::parse_error& error) {
    return policy_error(file_name, "(syntax)", std::string(error.description()) + " at line " +
                                                   std::to_string(error.source().begin.line));
  }
  PolicyReader reader(file_name, *enterprise, *non_profit);
  return reader.read(root);
}

Result<std::vector<Policy>> bundled_policies() {
  std::vector<Policy> policies;
  for (const auto& file : embedded_files()) {
    if (!file.path.starts_with(policies_prefix) || !file.path.ends_with(".toml")) continue;
    auto policy = parse_policy(file.content, file.path);
    if (!policy) return policy.error();
    policies.push_back(std::move(policy).value());
  }
  if (auto unique = check_unique_ids(policies, policies_prefix); !unique) return unique.error();
  return policies;
}

Result<Policy> load_policy_file(const std::string& path) {
  auto text = read_file_text(path);
  if (!text) return text.error();
  return parse_policy(text.value(), path);
}

Result<std::vector<Policy>> load_policies_from_directory(const std::string& directory) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return policy_error(directory, "(directory)", "is not a directory");
  }
  std::vector<std::string> paths;
  std::filesystem::directory_iterator entries(directory, error);
  if (error) return policy_error(directory, "(directory)", "cannot be listed: " + error.message());
  for (std::size_t seen = 0; entries != std::filesystem::directory_iterator(); entries.increment(error)) {
    if (error) return policy_error(directory, "(directory)", "cannot be listed: " + error.message());
    if (++seen > policy_files_max) {
      return policy_error(directory, "(directory)", "holds more than " + std::to_string(policy_files_max) + " entries");
    }
    const auto& path = entries->path();
    if (path.extension() == ".toml" && entries->is_regular_file(error)) paths.push_back(path.string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Policy> policies;
  for (const auto& path : paths) {
    auto policy = load_policy_file(path);
    if (!policy) return policy.error();
    policies.push_back(std::move(policy).value());
  }
  if (auto unique = check_unique_ids(policies, directory); !unique) return unique.error();
  return policies;
}

}  // namespace jiangbu
