// Built by ctest, not by "all": without JIANGBU_COMPILE_FAIL_CONTROL this file
// must fail to compile because Money has no constructor from double.
#include "money/money.hpp"

int main() {
#ifdef JIANGBU_COMPILE_FAIL_CONTROL
  const jiangbu::Money amount = jiangbu::Money::from_fen(150);
#else
  const jiangbu::Money amount(1.50);
#endif
  return amount.is_zero() ? 1 : 0;
}
