#pragma once
// Names and codes for a generated scenario's lead units and payees: a city,
// a two-character trade name (字号), a line of business and a legal form
// ("西安瑞丰教育科技有限公司"), people's names for lecturers and for the
// persons related to a unit, and GB 32100-2015 codes whose check character
// is right. Every name issued stays at least two edits away from every other
// (in the form the near-duplicate-payee analysis compares), so that the only
// look-alike payees in a scenario are the planted ones.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "demo/seeded_random.hpp"

namespace jiangbu {

// Where a party is registered: the three paying policies' regions, and
// suppliers from elsewhere in the country.
enum class Area { shaanxi, chongqing, xinjiang, elsewhere };

struct Party {
  std::string name;
  std::string uscc;             // empty for a person
  std::string invoice_region;   // two digits of a 数电 invoice number: the seller's province ("61")
  std::string legacy_region;    // four digits of a legacy 发票代码 ("6101")
  std::size_t trade_name_end = 0;  // code points up to the end of the 字号 (companies only)
};

class NameBook {
 public:
  explicit NameBook(SeededRandom& random);

  // A supplier in the area; a name is empty when no distinct one was found.
  Party company(Area area);
  // A lead unit of the area: an enterprise, a private school or an association.
  Party lead_unit(Area area, bool& non_profit);
  // A lecturer or other individual payee; no code.
  Party person(Area area);
  // A person related to a unit (法定代表人): drawn from other given names, so
  // that no lecturer of the scenario shares the name by chance.
  std::string related_person();
  // A look-alike of a supplier under another code: the same name with
  // another legal form (一字之差 in form only), or one character of its trade
  // name changed. Empty name when no such variant is free.
  Party look_alike(const Party& original, bool change_character);

 private:
  bool reserve(std::string_view name);  // false when within one edit of a name issued before
  std::string unique_uscc(std::string_view registration_type, std::string_view division);
  Party named(std::string name, std::string_view registration_type, std::string_view division);

  SeededRandom& random_;
  std::unordered_set<std::u32string> neighbourhood_;  // every issued name and its one-deletion forms
  std::set<std::string> codes_;
  std::set<std::string> people_;
};

}  // namespace jiangbu
