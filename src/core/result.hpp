#pragma once
// Result<T> holds either a value or an Error. It is the return type of every
// parser and rule check; C++20 has no std::expected yet.
#include "core/assert.hpp"
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace jiangbu {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}   // NOLINT: implicit by design

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  [[nodiscard]] const T& value() const& {
    JIANGBU_ASSERT((ok()) && "Result::value() on an error");
    return std::get<T>(state_);
  }
  [[nodiscard]] T& value() & {
    JIANGBU_ASSERT((ok()) && "Result::value() on an error");
    return std::get<T>(state_);
  }
  [[nodiscard]] T&& value() && {
    JIANGBU_ASSERT((ok()) && "Result::value() on an error");
    return std::get<T>(std::move(state_));
  }
  [[nodiscard]] const Error& error() const {
    JIANGBU_ASSERT((!ok()) && "Result::error() on a value");
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Done {};
using Status = Result<Done>;
inline Status success() { return Done{}; }

}  // namespace jiangbu
