#pragma once
// The parameters of the auditor analytics, read from accounts/analytics.toml
// (compiled in, the documented defaults) and optionally overlaid by a file
// of the same shape. Amounts are Money parsed from strings; the statistical
// thresholds are scaled integers, so nothing here is floating point.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "money/money.hpp"

namespace jiangbu {

struct DuplicateInvoicesConfig {
  bool enabled = false;
};

struct NearDuplicatePayeesConfig {
  bool enabled = false;
  int max_edit_distance = 0;  // 0..2
  int min_name_length = 0;    // code points after normalising
  std::vector<std::string> suffixes;  // company-form suffixes dropped before comparing
};

struct SplitPaymentsConfig {
  bool enabled = false;
  Money threshold;
  int window_days = 0;
  int min_payments = 0;
};

struct RoundAmountsConfig {
  bool enabled = false;
  Money round_unit;
  Money min_amount;
  int expected_share_percent = 0;
  int min_rows = 0;
};

struct RestDaysConfig {
  bool enabled = false;
  int min_rows = 0;
};

struct SpendingSpikesConfig {
  bool enabled = false;
  int window_share_percent = 0;
  int deadline_window_days = 0;
  Money min_total;
};

struct PayeeConcentrationConfig {
  bool enabled = false;
  int hhi_threshold = 0;  // 0..10000
  int min_payments = 0;
};

struct BenfordConfig {
  bool enabled = false;
  int min_rows = 0;
  Money min_amount;
  std::int64_t mad_nonconformity_millionths = 0;  // "0.015" -> 15000
  std::int64_t z_critical_hundredths = 0;          // "1.96" -> 196
};

struct RelatedPartiesConfig {
  bool enabled = false;
};

struct IdleFundsConfig {
  bool enabled = false;
  int after_months = 0;
  int execution_rate_below_percent = 0;
};

struct AnalyticsConfig {
  DuplicateInvoicesConfig duplicate_invoices;
  NearDuplicatePayeesConfig near_duplicate_payees;
  SplitPaymentsConfig split_payments;
  RoundAmountsConfig round_amounts;
  RestDaysConfig rest_days;
  SpendingSpikesConfig spending_spikes;
  PayeeConcentrationConfig payee_concentration;
  BenfordConfig benford;
  RelatedPartiesConfig related_parties;
  IdleFundsConfig idle_funds;

  // accounts/analytics.toml as compiled in.
  static const AnalyticsConfig& defaults();
  // The defaults overlaid with the keys of a TOML text; `origin` names it
  // in errors ("my-analytics.toml"). Refuses unknown keys and bad values
  // with bad-analytics-config naming the key.
  static Result<AnalyticsConfig> overlay(std::string_view toml_text, std::string_view origin);
  static Result<AnalyticsConfig> load_file(const std::string& path);
};

// "0.015" with scale 6 -> 15000. Digits, one optional point, no sign; more
// fractional digits than the scale are refused rather than rounded.
Result<std::int64_t> parse_scaled_decimal(std::string_view text, int scale_digits);

}  // namespace jiangbu
