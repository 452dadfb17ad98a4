#include "report/pdf_cell_text.hpp"

#include <cstddef>

#include "core/reason_code.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

// 10^16 percent is far beyond any ratio a report divides; the bound keeps
// the hundredths inside an int64.
constexpr std::size_t percent_integer_digits_max = 16;

bool is_digit(char character) { return character >= '0' && character <= '9'; }

}  // namespace

Result<Money> read_money_value(std::string_view plain) {
  auto money = parse_money(plain, SignPolicy::allow_negative);
  if (!money) {
    return make_error(ReasonCode::bad_amount,
                      "report money value \"" + std::string(plain) + "\" is not a plain amount: " +
                          money.error().message);
  }
  return money.value();
}

Result<std::int64_t> read_percent_hundredths(std::string_view plain) {
  const Error refused = make_error(ReasonCode::bad_amount,
                                   "report percent value \"" + std::string(plain) + "\" is not like \"87.50\"");
  const std::size_t dot = plain.find('.');
  const bool shaped = dot != std::string_view::npos && dot > 0 && dot <= percent_integer_digits_max &&
                      plain.size() == dot + 3 && (dot == 1 || plain[0] != '0');
  if (!shaped) return refused;
  std::int64_t hundredths = 0;
  for (std::size_t index = 0; index < plain.size(); ++index) {
    if (index == dot) continue;
    if (!is_digit(plain[index])) return refused;
    hundredths = hundredths * 10 + (plain[index] - '0');
  }
  return hundredths;
}

Result<std::string> printed_cell_text(CellKind kind, const std::string& plain) {
  if (plain.empty()) return std::string();
  switch (kind) {
    case CellKind::money: {
      auto money = read_money_value(plain);
      if (!money) return money.error();
      return format_yuan(money.value());
    }
    case CellKind::percent: {
      auto hundredths = read_percent_hundredths(plain);
      if (!hundredths) return hundredths.error();
      return plain + "%";
    }
    case CellKind::count:
    case CellKind::date:
    case CellKind::text: return plain;
  }
  return plain;
}

}  // namespace jiangbu
