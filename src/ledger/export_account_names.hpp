#pragma once
// Account names for the plain-text export (ledger-cli and beancount). Both
// tools name accounts as colon-separated components; beancount also requires
// the first component to be one of five roots and every other component to
// start with an uppercase letter or a digit and to hold only letters, digits
// and '-'. One mapping serves both formats, so the same account has the same
// name in either file:
//
//   <root>:<book>:<chart code>[:<segment>…]     "1002/奖补专户" of book "bureau"
//                                                -> Assets:Bureau:1002:X奖补专户
//
// root, by the chart's account type: asset -> Assets; liability -> Liabilities;
// net-assets, equity, budget-balance -> Equity; revenue, budget-revenue ->
// Income; expense, cost, budget-expenditure -> Expenses. The budget basis
// (预算会计) thus shares the five roots; its codes (6xxx-8xxx) keep it apart.
//
// Each component (the book id, then each '/'-segment of the code) keeps ASCII
// letters and digits, '-' and CJK ideographs (U+3400-U+4DBF, U+4E00-U+9FFF);
// any other character is written as 'Ｕ' (U+FF35) and four uppercase hex
// digits of its UTF-16 code unit(s) ('_' -> Ｕ005F; a byte that is not UTF-8
// -> ＵDCxx), so distinct texts stay distinct. The first character must be
// an uppercase letter or a digit: a lowercase first letter is capitalised
// ("bureau" -> "Bureau"), a first CJK ideograph gets an 'X' before it, a
// first '-' is escaped. Only those two readable rules can make two accounts
// share a name ("abc" and "Abc"); ExportAccountNames refuses that rather than
// merge their balances.
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"

namespace jiangbu {

// "Assets" for "asset", …; an account type the mapping does not know is an error.
Result<std::string_view> export_root_of(std::string_view account_type);

// One component, encoded as described above.
std::string export_name_component(std::string_view text);

Result<std::string> export_account_name(std::string_view account_type, std::string_view book_id,
                                        std::string_view code);

// The names of every account in an export, looked up per posting.
class ExportAccountNames {
 public:
  // Refuses an unknown account type and a name already given to another account.
  Result<std::string> add(std::string_view account_type, std::string_view book_id,
                          std::string_view code);
  // nullptr when the account was never added.
  [[nodiscard]] const std::string* find(std::string_view book_id, std::string_view code) const;
  [[nodiscard]] std::size_t size() const { return names_.size(); }

 private:
  static std::string key_of(std::string_view book_id, std::string_view code);
  std::unordered_map<std::string, std::string> names_;   // book + NUL + code -> name
  std::unordered_map<std::string, std::string> owners_;  // name -> book + NUL + code
};

}  // namespace jiangbu
