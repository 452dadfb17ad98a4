// libFuzzer harness: the policy loader on arbitrary TOML text. Nothing
// crashes, throws or asserts; a refusal is bad-policy with a message naming
// the file; an accepted policy is the one parse_policy reads the same way
// twice (no hidden state between calls).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "policy/policy_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The file name must end in <policy_id>.toml: the seeds use this id.
  constexpr std::string_view file_name = "policies/fuzz-2024.toml";
  try {
    auto policy = jiangbu::parse_policy(text, file_name);
    if (!policy) {
      jiangbu::fuzz::require_described(policy.error(), "parse_policy");
      jiangbu::fuzz::require(policy.error().code == "bad-policy", "policy refusal code", policy.error().code);
      jiangbu::fuzz::require(policy.error().message.find("fuzz-2024.toml") != std::string_view::npos,
                             "policy refusal does not name the file", policy.error().message);
      return 0;
    }
    auto again = jiangbu::parse_policy(text, file_name);
    jiangbu::fuzz::require(again.ok(), "policy accepted once and refused the second time");
  } catch (const std::exception& exception) {
    jiangbu::fuzz::fail("exception escaped the policy loader:", exception.what());
  }
  return 0;
}
