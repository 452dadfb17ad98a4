#pragma once
// Accounts open in a book: the chart's accounts, and sub-accounts below them
// per award, unit and category. A sub-account code is the chart code followed
// by "/"-separated segments, e.g. "2303/XX2024-003/91500000MA5U0A0X1B". The
// "/" sorts just below "0", so a subtree is the byte range (code + "/",
// code + "0"), which an index on the code can answer.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "ledger/chart.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct Account {
  std::string book_id;
  std::string code;        // "2303/XX2024-003"
  std::string chart_code;  // "2303"
  std::string name;
  NormalSide normal_side = NormalSide::debit;
  Basis basis = Basis::financial;
};

inline constexpr std::size_t account_code_bytes_max = 200;
inline constexpr std::size_t account_segments_max = 6;

// Checks the shape only; whether the chart has it is open_account's job.
Status validate_account_code(std::string_view code);
std::string chart_code_of(std::string_view code);  // "2303/x/y" -> "2303"

// Opens a sub-account (and any missing levels above it) in the caller's
// transaction. The chart account at its root must exist in the book.
Result<Account> open_sub_account(Database& database, const std::string& book_id,
                                 const std::string& code, const std::string& name);

std::optional<Account> find_account(Database& database, const std::string& book_id,
                                    const std::string& code);
std::vector<Account> list_accounts(Database& database, const std::string& book_id);

}  // namespace jiangbu
