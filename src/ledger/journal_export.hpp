#pragma once
// `jiangbu export`: the stored journal as plain-text accounting that
// ledger-cli and beancount read and balance exactly as jiangbu does. The
// dialects are in export_dialect.hpp, the account names in
// export_account_names.hpp.
//
// The journal is streamed in one read-only snapshot: entries in id order a
// page at a time (keyset on entry_id), each page's postings by one range
// query, each page written before the next is read. Memory grows with the
// number of accounts and the page size, never with the number of entries.
// Accounts are declared first (beancount wants every account opened on or
// before its first posting: they are opened on the earliest entry date of
// the export).
#include <cstdint>
#include <ostream>
#include <string>

#include "core/result.hpp"
#include "ledger/export_dialect.hpp"
#include "store/database.hpp"

namespace jiangbu {

struct ExportOptions {
  ExportFormat format = ExportFormat::ledger;
  std::string book_id;  // empty: every book
  std::size_t page_entries = 5000;
};

struct ExportSummary {
  std::int64_t entries = 0;
  std::int64_t postings = 0;
  std::int64_t accounts = 0;
};

// Writes the export to out. Refuses an unknown book, an account type without
// a plain-text root and two accounts that would share a name; a failing
// stream is cannot-write-output.
Result<ExportSummary> export_journal(Database& database, const ExportOptions& options, std::ostream& out);

}  // namespace jiangbu
