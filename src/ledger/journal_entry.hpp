#pragma once
// Journal entries (记账凭证): a date, a voucher number, a memo, a source
// reference and two or more postings that balance within their book.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "money/money.hpp"

namespace jiangbu {

enum class Side { debit, credit };
std::string_view side_name(Side side);

struct PostingInput {
  std::string account_code;
  Side side = Side::debit;
  Money amount;  // positive
};

struct EntryInput {
  std::string book_id;
  Date entry_date = Date::from_parts(2000, 1, 1);
  std::string memo;
  std::string source_reference;  // what caused it: "award:XX2024-003", a bank reference…
  std::vector<PostingInput> postings;
};

struct Posting {
  int line_number = 0;
  std::string account_code;
  Side side = Side::debit;
  Money amount;
};

struct JournalEntry {
  std::int64_t entry_id = 0;
  std::string book_id;
  std::string voucher_number;  // "记-2024-000001", gapless per book and year
  int fiscal_year = 0;
  Date entry_date = Date::from_parts(2000, 1, 1);
  std::string memo;
  std::string source_reference;
  std::optional<std::int64_t> reverses_entry_id;
  std::optional<std::int64_t> reversed_by_entry_id;
  std::string recorded_at;
  std::vector<Posting> postings;
};

inline constexpr std::size_t postings_per_entry_max = 1000;
inline constexpr std::size_t memo_bytes_max = 500;
inline constexpr std::size_t source_reference_bytes_max = 200;

std::string format_voucher_number(int fiscal_year, std::int64_t number);

}  // namespace jiangbu
