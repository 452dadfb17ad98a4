#include "analytics/analytics_config.hpp"

#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <toml++/toml.h>

#include "core/assert.hpp"
#include "core/embedded_files.hpp"
#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t config_bytes_max = 1 << 20;
constexpr std::size_t suffixes_max = 64;

Error bad(const std::string& origin, const std::string& key, const std::string& why) {
  return make_error(ReasonCode::bad_analytics_config, why + " (" + origin + ")", key);
}

// Reads one table's keys into a config section; each reader consumes one key.
class SectionReader {
 public:
  SectionReader(const toml::table& table, std::string origin, std::string section)
      : table_(table), origin_(std::move(origin)), section_(std::move(section)) {}

  Status flag(std::string_view key, bool& out) {
    return read(key, [&](const toml::node& node) -> Status {
      if (!node.is_boolean()) return bad(origin_, path(key), "expected true or false");
      out = node.as_boolean()->get();
      return success();
    });
  }

  Status integer(std::string_view key, int& out, int minimum, int maximum) {
    return read(key, [&](const toml::node& node) -> Status {
      if (!node.is_integer()) return bad(origin_, path(key), "expected a whole number");
      const std::int64_t value = node.as_integer()->get();
      if (value < minimum || value > maximum) {
        return bad(origin_, path(key),
                   "must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
      }
      out = static_cast<int>(value);
      return success();
    });
  }

  Status amount(std::string_view key, Money& out) {
    return read(key, [&](const toml::node& node) -> Status {
      if (!node.is_string()) return bad(origin_, path(key), "expected an amount in 元 as a string, e.g. \"50000.00\"");
      auto parsed = parse_money(node.as_string()->get());
      if (!parsed) return bad(origin_, path(key), parsed.error().message);
      if (!parsed.value().is_positive()) return bad(origin_, path(key), "must be more than zero");
      out = parsed.value();
      return success();
    });
  }

  Status scaled(std::string_view key, std::int64_t& out, int scale_digits) {
    return read(key, [&](const toml::node& node) -> Status {
      if (!node.is_string()) return bad(origin_, path(key), "expected a decimal as a string, e.g. \"0.015\"");
      auto parsed = parse_scaled_decimal(node.as_string()->get(), scale_digits);
      if (!parsed) return bad(origin_, path(key), parsed.error().message);
      out = parsed.value();
      return success();
    });
  }

  Status texts(std::string_view key, std::vector<std::string>& out) {
    return read(key, [&](const toml::node& node) -> Status {
      const auto* array = node.as_array();
      if (!array || array->size() > suffixes_max) return bad(origin_, path(key), "expected a list of at most 64 strings");
      std::vector<std::string> values;
      for (const auto& element : *array) {
        if (!element.is_string() || element.as_string()->get().empty()) {
          return bad(origin_, path(key), "every entry must be a non-empty string");
        }
        values.push_back(element.as_string()->get());
      }
      out = std::move(values);
      return success();
    });
  }

  // After every reader ran: a key nobody read is a typo, not a silent default.
  Status no_other_keys() const {
    for (const auto& [key, node] : table_) {
      if (!read_keys_.contains(std::string(key.str()))) return bad(origin_, path(key.str()), "unknown key");
    }
    return success();
  }

 private:
  Status read(std::string_view key, const std::function<Status(const toml::node&)>& parse) {
    read_keys_[std::string(key)] = true;
    const toml::node* node = table_.get(key);
    if (!node) return success();
    return parse(*node);
  }
  std::string path(std::string_view key) const { return section_ + "." + std::string(key); }

  const toml::table& table_;
  std::string origin_;
  std::string section_;
  std::map<std::string, bool> read_keys_;
};

using SectionParser = std::function<Status(SectionReader&, AnalyticsConfig&)>;

const std::map<std::string, SectionParser>& section_parsers() {
  static const std::map<std::string, SectionParser> parsers = {
      {"duplicate_invoices",
       [](SectionReader& reader, AnalyticsConfig& config) { return reader.flag("enabled", config.duplicate_invoices.enabled); }},
      {"near_duplicate_payees",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.near_duplicate_payees;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.integer("max_edit_distance", section.max_edit_distance, 0, 2); !read) return read;
         if (auto read = reader.integer("min_name_length", section.min_name_length, 1, 100); !read) return read;
         return reader.texts("suffixes", section.suffixes);
       }},
      {"split_payments",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.split_payments;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.amount("threshold", section.threshold); !read) return read;
         if (auto read = reader.integer("window_days", section.window_days, 1, 366); !read) return read;
         return reader.integer("min_payments", section.min_payments, 2, 1000);
       }},
      {"round_amounts",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.round_amounts;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.amount("round_unit", section.round_unit); !read) return read;
         if (auto read = reader.amount("min_amount", section.min_amount); !read) return read;
         if (auto read = reader.integer("expected_share_percent", section.expected_share_percent, 0, 100); !read) return read;
         return reader.integer("min_rows", section.min_rows, 1, 1'000'000);
       }},
      {"rest_days",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         if (auto read = reader.flag("enabled", config.rest_days.enabled); !read) return read;
         return reader.integer("min_rows", config.rest_days.min_rows, 1, 1'000'000);
       }},
      {"spending_spikes",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.spending_spikes;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.integer("window_share_percent", section.window_share_percent, 1, 100); !read) return read;
         if (auto read = reader.integer("deadline_window_days", section.deadline_window_days, 1, 366); !read) return read;
         return reader.amount("min_total", section.min_total);
       }},
      {"payee_concentration",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.payee_concentration;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.integer("hhi_threshold", section.hhi_threshold, 1, 10'000); !read) return read;
         return reader.integer("min_payments", section.min_payments, 1, 1'000'000);
       }},
      {"benford",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.benford;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.integer("min_rows", section.min_rows, 9, 100'000'000); !read) return read;
         if (auto read = reader.amount("min_amount", section.min_amount); !read) return read;
         if (auto read = reader.scaled("mad_nonconformity", section.mad_nonconformity_millionths, 6); !read) return read;
         return reader.scaled("z_critical", section.z_critical_hundredths, 2);
       }},
      {"related_parties",
       [](SectionReader& reader, AnalyticsConfig& config) { return reader.flag("enabled", config.related_parties.enabled); }},
      {"idle_funds",
       [](SectionReader& reader, AnalyticsConfig& config) -> Status {
         auto& section = config.idle_funds;
         if (auto read = reader.flag("enabled", section.enabled); !read) return read;
         if (auto read = reader.integer("after_months", section.after_months, 1, 600); !read) return read;
         return reader.integer("execution_rate_below_percent", section.execution_rate_below_percent, 1, 100);
       }},
  };
  return parsers;
}

Result<AnalyticsConfig> apply(AnalyticsConfig config, std::string_view toml_text, std::string_view origin) {
  const std::string origin_text(origin);
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& error) {
    std::ostringstream where;
    where << error.source().begin;
    return bad(origin_text, "file", std::string(error.description()) + " at " + where.str());
  }
  for (const auto& [key, node] : root) {
    const std::string section(key.str());
    const auto parser = section_parsers().find(section);
    if (parser == section_parsers().end()) return bad(origin_text, section, "unknown section");
    const auto* table = node.as_table();
    if (!table) return bad(origin_text, section, "expected a [" + section + "] table");
    SectionReader reader(*table, origin_text, section);
    if (auto parsed = parser->second(reader, config); !parsed) return parsed.error();
    if (auto rest = reader.no_other_keys(); !rest) return rest.error();
  }
  return config;
}

}  // namespace

const AnalyticsConfig& AnalyticsConfig::defaults() {
  static const AnalyticsConfig config = [] {
    const auto text = find_embedded_file("accounts/analytics.toml");
    JIANGBU_ASSERT(text.has_value());
    auto parsed = apply(AnalyticsConfig{}, *text, "accounts/analytics.toml");
    JIANGBU_ASSERT(parsed.ok());  // the shipped file is tested; failing here is a build defect
    return parsed.value();
  }();
  return config;
}

Result<AnalyticsConfig> AnalyticsConfig::overlay(std::string_view toml_text, std::string_view origin) {
  return apply(defaults(), toml_text, origin);
}

Result<AnalyticsConfig> AnalyticsConfig::load_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return bad(path, "file", "cannot be opened");
  std::string text(config_bytes_max + 1, '\0');
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(file.gcount()));
  if (text.size() > config_bytes_max) return bad(path, "file", "is larger than 1 MiB");
  return overlay(text, path);
}

Result<std::int64_t> parse_scaled_decimal(std::string_view text, int scale_digits) {
  JIANGBU_ASSERT(scale_digits >= 0 && scale_digits <= 9);
  std::int64_t value = 0;
  int fraction_digits = -1;  // -1: no point seen yet
  int digits = 0;
  for (const char character : text) {
    if (character == '.' && fraction_digits < 0) {
      fraction_digits = 0;
      continue;
    }
    if (character < '0' || character > '9') return Error("bad-analytics-config", quote_input(text.substr(0, 20)) + " is not a plain decimal");
    if (fraction_digits >= 0 && ++fraction_digits > scale_digits) {
      return Error("bad-analytics-config", quote_input(text.substr(0, 20)) + " has more than " +
                                               std::to_string(scale_digits) + " decimals");
    }
    if (++digits > 12) return Error("bad-analytics-config", quote_input(text.substr(0, 20)) + " is too long");
    value = value * 10 + (character - '0');
  }
  if (digits == 0) return Error("bad-analytics-config", quote_input(text.substr(0, 20)) + " has no digits");
  for (int shift = std::max(fraction_digits, 0); shift < scale_digits; ++shift) value *= 10;
  return value;
}

}  // namespace jiangbu
