#pragma once
// An Error is how a check or a parser says "no": a stable machine code, the
// field it is about (if any) and a sentence for a person. Rule violations are
// returned as values, never thrown (see Bitcoin Core's ValidationState).
#include <string>
#include <utility>

namespace jiangbu {

struct Error {
  std::string code;     // stable, append-only, kebab-case: "unbalanced-entry"
  std::string message;  // human sentence, may be Chinese or English
  std::string field;    // the input field the error is about; empty when none

  Error() = default;
  Error(std::string code_in, std::string message_in, std::string field_in = {})
      : code(std::move(code_in)), message(std::move(message_in)), field(std::move(field_in)) {}

  // "field: message" or just "message"; what a CLI prints after the row.
  [[nodiscard]] std::string describe() const {
    return field.empty() ? message : field + ": " + message;
  }
};

}  // namespace jiangbu
