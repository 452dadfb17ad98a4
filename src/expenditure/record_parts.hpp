#pragma once
// The pieces of storing a verdict that single recording
// (expenditure_record.cpp) and batch recording (expenditure_batch.cpp)
// share, so that both store the same rows for the same submission.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/expenditure_judgement.hpp"
#include "expenditure/stored_verdicts.hpp"
#include "ledger/journal_entry.hpp"

namespace jiangbu {

// The submission as it came, as JSON, each field bounded.
std::string submission_json(const ExpenditureInput& input);

// The reasons as the exception register keeps them: codes ';'-separated,
// messages printable and bounded, one per line.
std::string register_messages(const std::vector<Error>& reasons);
std::vector<Error> stored_reasons(const std::string& codes, const std::string& messages);

// The original verdict of a submission already stored, if any; a rejected
// one sent again corrected is judged afresh and linked to its rejection.
std::optional<Verdict> replay_stored(const StoredVerdict* stored, const std::string& json,
                                     std::optional<std::int64_t>& previous_exception);

// An accepted expenditure's entry on the unit's book and the sub-accounts
// (code, name) it needs open.
struct ExpenditureEntry {
  EntryInput entry;
  std::vector<std::pair<std::string, std::string>> accounts;
};
ExpenditureEntry expenditure_entry(const Judgement& judgement, const ExpenditureInput& input);

}  // namespace jiangbu
