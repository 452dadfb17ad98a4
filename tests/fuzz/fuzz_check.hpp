#pragma once
// What a harness does when a property fails: print why and abort, so that
// libFuzzer records the input as a crash. (JIANGBU_ASSERT is for programmer
// errors in the product; a failed property here is a finding.)
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/error.hpp"

namespace jiangbu::fuzz {

[[noreturn]] inline void fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz property failed: %.*s %.*s\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void require(bool condition, std::string_view what, std::string_view detail = {}) {
  if (!condition) fail(what, detail);
}

// Every refusal must carry a stable reason code and a sentence for a person.
inline void require_described(const Error& error, std::string_view where) {
  require(!error.code.empty(), where, "refusal without a reason code");
  require(!error.message.empty(), where, "refusal without a message");
}

}  // namespace jiangbu::fuzz
