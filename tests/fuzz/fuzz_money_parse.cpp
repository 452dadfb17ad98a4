// libFuzzer harness: parse_money on arbitrary bytes, under both sign
// policies. A parse never crashes, throws or asserts; a refusal has a reason
// code; every accepted amount, written back in each of the forms the program
// prints (plain, grouped 元, 万元 and 大写), parses again to the same Money.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "money/money_chinese.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace {

using jiangbu::Money;
using jiangbu::SignPolicy;

void require_round_trip(const Money& amount, const std::string& written, std::string_view form) {
  const SignPolicy policy = amount.is_negative() ? SignPolicy::allow_negative : SignPolicy::unsigned_only;
  auto again = jiangbu::parse_money(written, policy);
  jiangbu::fuzz::require(again.ok(), form, "does not parse back: " + written);
  jiangbu::fuzz::require(again.value() == amount, form,
                         "parses back to another amount: " + written + " -> " + again.value().to_plain_string());
}

void check(std::string_view text, SignPolicy policy) {
  auto parsed = jiangbu::parse_money(text, policy);
  if (!parsed) {
    jiangbu::fuzz::require_described(parsed.error(), "parse_money");
    return;
  }
  const Money& amount = parsed.value();
  jiangbu::fuzz::require(policy == SignPolicy::allow_negative || !amount.is_negative(), "unsigned_only",
                         "accepted a negative amount");
  require_round_trip(amount, amount.to_plain_string(), "plain");
  require_round_trip(amount, jiangbu::format_yuan(amount), "format_yuan");
  require_round_trip(amount, jiangbu::format_wan(amount), "format_wan");
  // 大写 covers the integer part up to 16 digits (money_chinese.hpp); the
  // bound is the same Money::max_fen, so every Money has a 大写 form.
  require_round_trip(amount, jiangbu::format_chinese_uppercase(amount), "format_chinese_uppercase");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    check(text, SignPolicy::unsigned_only);
    check(text, SignPolicy::allow_negative);
    // The 大写 parser on its own too: parse_money only reaches it for text
    // holding a 大写 numeral.
    auto chinese = jiangbu::parse_chinese_uppercase(text);
    if (chinese) {
      jiangbu::fuzz::require(jiangbu::format_chinese_uppercase(chinese.value()).size() > 0, "大写", "empty");
      auto again = jiangbu::parse_chinese_uppercase(jiangbu::format_chinese_uppercase(chinese.value()));
      jiangbu::fuzz::require(again.ok() && again.value() == chinese.value(), "大写 round trip",
                             std::string(text));
    } else {
      jiangbu::fuzz::require_described(chinese.error(), "parse_chinese_uppercase");
    }
  } catch (const std::exception& exception) {
    jiangbu::fuzz::fail("exception escaped the money parser:", exception.what());
  }
  return 0;
}
