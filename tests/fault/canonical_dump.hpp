#pragma once
// A canonical text dump of everything a bulk import writes, for comparing two
// databases that should hold the same books: rows ordered by stable keys,
// surrogate ids replaced by what they point at (voucher numbers, unit +
// external id), recording timestamps left out. PostgreSQL sequences skip the
// ids of rolled-back rows, so ids legitimately differ; nothing else may.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace jiangbu::fault {

struct TableDump {
  std::string table;
  std::size_t rows = 0;
  std::string text;  // one line per row, fields separated by '\x1f'
};

std::vector<TableDump> canonical_dump(Database& database);

// Integrity of the import's tables, independent of any other database:
// every expenditure has its journal entry, balanced postings and invoice
// claim; every import entry has its expenditure; no submission has two
// verdicts (a resubmission corrected is a new submission, linked to its
// rejection); as many verdicts as distinct submissions; voucher numbers run 1..last without a gap in every
// book and year. Returns one line per violation (empty when whole).
std::vector<std::string> integrity_violations(Database& database, std::size_t submissions_expected);

// Verdicts stored so far (expenditures plus exception-register rows).
std::size_t verdicts_stored(Database& database);

}  // namespace jiangbu::fault
