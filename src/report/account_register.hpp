#pragma once
// 明细账: every posting on an account (and, optionally, its sub-accounts) in a
// period, in voucher order, with the running balance on the account's normal
// side, opening from everything booked before the period.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "ledger/chart.hpp"
#include "money/money.hpp"
#include "report/report_document.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct RegisterLine {
  std::int64_t entry_id = 0;
  Date entry_date = Date::from_parts(2000, 1, 1);
  std::string voucher_number;
  std::string account_code;
  std::string memo;
  std::string source_reference;
  Money debit;
  Money credit;
  Money balance;  // running, on the normal side
};

struct AccountRegister {
  std::string book_id;
  std::string account_code;
  std::string account_name;
  NormalSide normal_side = NormalSide::debit;
  std::optional<Date> from;
  Date to = Date::from_parts(2000, 1, 1);
  Money opening;  // on the normal side
  std::vector<RegisterLine> lines;
  Money period_debit;
  Money period_credit;
  Money closing;
};

inline constexpr std::size_t register_lines_max = 2'000'000;

Result<AccountRegister> account_register(Database& database, const std::string& book_id,
                                         const std::string& account_code, bool include_subtree,
                                         const std::optional<Date>& from, const Date& to);

ReportDocument account_register_document(const AccountRegister& account_register);

}  // namespace jiangbu
