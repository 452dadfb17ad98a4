#pragma once
// Lead units (创建引领单位 / 建设单位): the legal entities that receive and
// spend awards, keyed by their 统一社会信用代码. Each has its own book under
// the chart for its type, with the dedicated account 1002/奖补专户 opened at
// registration (专账核算, 000 綦江 第九条).
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

enum class UnitType { enterprise, non_profit };
// How the unit recognises the grant as it spends (企业会计准则第16号 第十一条):
// 总额法 credits 其他收益; 净额法 reduces the expense. Chosen once, kept.
enum class GrantMethod { gross, net };

std::string_view unit_type_name(UnitType type);        // "enterprise", "non-profit"
std::string_view grant_method_name(GrantMethod method);  // "gross", "net"
std::optional<UnitType> parse_unit_type(std::string_view text);        // also 企业, 非营利
std::optional<GrantMethod> parse_grant_method(std::string_view text);  // also 总额法, 净额法

inline constexpr std::string_view dedicated_bank_account = "1002/奖补专户";

struct Unit {
  std::string unit_id;  // the USCC
  std::string name;
  UnitType type = UnitType::enterprise;
  GrantMethod method = GrantMethod::gross;
  std::optional<std::string> uscc_override;  // why a failing code was accepted
  std::string book_id;
};

struct UnitInput {
  std::string uscc;
  std::string name;
  std::string type;    // enterprise | non-profit
  std::string method;  // gross | net (non-profits: gross)
  std::string uscc_override_reason;  // non-empty accepts a code whose check character fails
};

// Registers the unit and opens its book, in one transaction.
Result<Unit> add_unit(Database& database, const UnitInput& input);
std::optional<Unit> find_unit(Database& database, const std::string& unit_id);
std::vector<Unit> list_units(Database& database);

}  // namespace jiangbu
