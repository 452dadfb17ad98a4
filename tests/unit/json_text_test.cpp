// The hand-written JSON of an import (core/json_text, submission_json) must
// be byte for byte what nlohmann::json writes: a submission stored by an
// earlier version and the same one sent again compare as text on replay.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/json_text.hpp"
#include "expenditure/record_parts.hpp"
#include "support/hostile_values.hpp"

namespace jiangbu {
namespace {

std::string nlohmann_text(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> sample_texts() {
  std::vector<std::string> texts = {"", "plain", "陕西秦嫂家政服务有限公司", "quote \" backslash \\ slash /",
                                    "tab\tnewline\ncarriage\rformfeed\fbackspace\b", std::string("nul\0x", 5),
                                    "\x01\x1f\x7f", "emoji 😀 and U+2028 \u2028"};
  for (const auto& value : testing::hostile_values()) texts.push_back(value.text);
  return texts;
}

TEST(JsonText, ValidUtf8IsWrittenAsNlohmannWritesIt) {
  std::size_t compared = 0;
  for (const auto& text : sample_texts()) {
    std::string ours;
    if (!append_json_string(ours, text)) continue;
    EXPECT_EQ(ours, nlohmann_text(text)) << "for " << nlohmann_text(text);
    ++compared;
  }
  EXPECT_GE(compared, 20U);
}

TEST(JsonText, InvalidUtf8IsLeftToTheCaller) {
  for (const std::string text : {"\xC0\xAF", "abc\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
    std::string out = "kept";
    EXPECT_FALSE(append_json_string(out, text));
    EXPECT_EQ(out, "kept");
  }
}

ExpenditureInput input_with(const std::string& text) {
  return ExpenditureInput{"K1", "A-1", "91610000MA6TG12349", "2024-10-01", "12.50", "promotion", "银行转账",
                          text, "91610102MA8000001X", "", "24612000000000000001", text};
}

TEST(JsonText, SubmissionJsonMatchesTheOrderedObjectForEveryValue) {
  for (const auto& text : sample_texts()) {
    const ExpenditureInput input = input_with(text);
    nlohmann::ordered_json object;
    object["external_id"] = input.external_id;
    object["award_id"] = input.award_id;
    object["unit_uscc"] = input.unit_uscc;
    object["date"] = input.date;
    object["amount"] = input.amount;
    object["category"] = input.category;
    object["payment_method"] = input.payment_method;
    object["payee_name"] = input.payee_name.size() <= 4096 ? input.payee_name : input.payee_name.substr(0, 4096) + "...";
    object["payee_uscc"] = input.payee_uscc;
    object["invoice_code"] = input.invoice_code;
    object["invoice_number"] = input.invoice_number;
    object["description"] = input.description.size() <= 4096 ? input.description : input.description.substr(0, 4096) + "...";
    EXPECT_EQ(submission_json(input), object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
        << "for " << nlohmann_text(text).substr(0, 80);
  }
}

}  // namespace
}  // namespace jiangbu
