#pragma once
// The CLI's exit codes, a public interface for scripts.
#include <string_view>

#include "core/reason_code.hpp"

namespace jiangbu {

enum class ExitCode : int {
  ok = 0,
  rule_rejection = 1,  // the input was understood and refused by a rule
  bad_input = 2,       // usage errors and input that cannot be judged
  storage_error = 3,   // the database is unreachable, uninitialised or failing
};

inline ExitCode exit_code_for(std::string_view reason_code) {
  switch (reason_kind(reason_code)) {
    case ReasonKind::rule: return ExitCode::rule_rejection;
    case ReasonKind::storage: return ExitCode::storage_error;
    case ReasonKind::input: break;
  }
  return ExitCode::bad_input;
}

}  // namespace jiangbu
