#pragma once
// SOCI conversions for Money. Row values travel as 64-bit integers of fen
// (BIGINT / INTEGER columns); aggregates travel as decimal text, since
// PostgreSQL widens SUM(bigint) to NUMERIC. Neither path touches double.
#include <string>

#include <soci/soci.h>

#include "core/assert.hpp"
#include "money/money.hpp"

namespace jiangbu {

// Parses the decimal integer text of a SUM(...) column; aborts on anything
// else, since that would be a schema bug, not user input.
Money money_from_fen_text(const std::string& text);

}  // namespace jiangbu

namespace soci {

template <>
struct type_conversion<jiangbu::Money> {
  using base_type = long long;

  static void from_base(long long fen, indicator indicator_value, jiangbu::Money& money) {
    if (indicator_value == i_null) throw soci_error("NULL where an amount in fen was expected");
    money = jiangbu::Money::from_fen(static_cast<std::int64_t>(fen));
  }

  static void to_base(const jiangbu::Money& money, long long& fen, indicator& indicator_value) {
    fen = static_cast<long long>(money.fen_int64());
    indicator_value = i_ok;
  }
};

}  // namespace soci
