#include "store/money_conversion.hpp"

namespace jiangbu {

Money money_from_fen_text(const std::string& text) {
  JIANGBU_ASSERT(!text.empty() && text.size() <= 40);
  std::size_t start = text[0] == '-' ? 1 : 0;
  JIANGBU_ASSERT(start < text.size());
  FenInteger fen = 0;
  for (std::size_t index = start; index < text.size(); ++index) {
    const char digit = text[index];
    JIANGBU_ASSERT(digit >= '0' && digit <= '9');
    fen = fen * 10 + (digit - '0');
  }
  return Money::from_fen_integer(start == 1 ? FenInteger(-fen) : fen);
}

}  // namespace jiangbu
