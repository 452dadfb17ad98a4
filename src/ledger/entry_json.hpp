#pragma once
// Journal entries as JSON, for `jiangbu entry post --file` and for output.
// Input is an array of objects:
//   {"book": "bureau", "date": "2024-03-01", "memo": "…", "source_reference": "…",
//    "postings": [{"account": "5001", "side": "debit", "amount": "200000.00"}, …]}
// Amounts must be JSON strings: a JSON number would pass through a double in
// most tools before it reaches us, so it is refused.
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "ledger/journal_entry.hpp"

namespace jiangbu {

inline constexpr std::size_t entries_per_file_max = 100'000;
inline constexpr std::size_t entry_file_bytes_max = 64 * 1024 * 1024;

// Errors name the entry ("entries[3].postings[2].amount") and the reason.
Result<std::vector<EntryInput>> parse_entries_json(std::string_view text);
Result<PostingInput> parse_posting_argument(std::string_view text, Side side);  // "5001=200000.00"

nlohmann::ordered_json entry_to_json(const JournalEntry& entry);

}  // namespace jiangbu
