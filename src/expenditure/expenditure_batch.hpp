#pragma once
// Recording an import batch: every row judged by the same rules as a single
// submission (expenditure_judgement.hpp), against facts loaded once for the
// batch (batch_facts.hpp), and the verdicts stored with one statement per
// table (journal_batch.hpp, store/bulk_rows.hpp) instead of some thirty per
// row. The rows stored are those single recording would store, row by row in
// file order: a row sees the spending, invoice claims and verdicts of the
// rows before it.
#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "expenditure/batch_facts.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/stored_verdicts.hpp"
#include "ledger/journal_batch.hpp"

namespace jiangbu {

class ExpenditureBatchRecorder {
 public:
  ExpenditureBatchRecorder(Database& database, std::size_t batch_rows_max);
  // Inside the caller's open transaction; nothing is committed here.
  Result<std::vector<Verdict>> record(const std::vector<ExpenditureInput>& inputs,
                                      const std::vector<RecordOptions>& options);
  // The transaction was rolled back: drop every cache.
  void forget();

 private:
  struct Pending;
  bool ensure_accounts(const std::string& book_id, const std::vector<std::pair<std::string, std::string>>& accounts,
                       Error& refusal);
  Status write(Pending& pending, std::vector<Verdict>& verdicts);

  Database& database_;
  std::size_t batch_rows_max_;
  BatchFacts facts_;
  JournalBatch journal_;
  StoredVerdicts known_;
  std::set<std::pair<std::string, std::string>> open_accounts_;  // (book, code) known to exist
};

}  // namespace jiangbu
