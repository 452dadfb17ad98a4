#pragma once
// Charts of accounts, read from accounts/chart-*.toml: the bureau's
// 政府会计制度 chart and the units' charts (enterprise, non-profit). Each book
// is kept under one chart. The files are bundled into the binary and seeded
// into the database by `jiangbu init`.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace jiangbu {

enum class NormalSide { debit, credit };
enum class Basis { financial, budget };  // 财务会计 / 预算会计 (政府会计制度 dual basis)

std::string_view normal_side_name(NormalSide side);
std::string_view basis_name(Basis basis);

struct ChartAccount {
  std::string code;          // four digits, "2303"
  std::string name;          // "应付政府补贴款"
  std::string account_type;  // asset, liability, expense, budget-expenditure…
  NormalSide normal_side = NormalSide::debit;
  Basis basis = Basis::financial;
};

struct Chart {
  std::string chart_id;  // "bureau", "enterprise", "non-profit"
  std::string name;
  std::string source;    // the regulation the chart follows
  std::vector<ChartAccount> accounts;

  [[nodiscard]] const ChartAccount* find(std::string_view code) const;
};

// Parses one chart file; errors name the file, the key and the reason.
Result<Chart> parse_chart(std::string_view toml_text, std::string_view file_name);

// Every accounts/chart-*.toml bundled into the binary.
Result<std::vector<Chart>> bundled_charts();

}  // namespace jiangbu
