// Reading the journal back: one entry with its postings, or a book's entries.
#include "core/assert.hpp"
#include "ledger/journal.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

constexpr const char* entry_select =
    "SELECT e.entry_id, e.book_id, e.voucher_number, e.fiscal_year, e.entry_date, e.memo, "
    "e.source_reference, e.reverses_entry_id, "
    "(SELECT r.entry_id FROM journal_entries r WHERE r.reverses_entry_id = e.entry_id), "
    "e.recorded_at FROM journal_entries e ";

struct EntryRow {
  long long entry_id = 0;
  std::string book_id;
  std::string voucher_number;
  int fiscal_year = 0;
  std::string entry_date;
  std::string memo;
  std::string source_reference;
  long long reverses = 0;
  soci::indicator reverses_indicator = soci::i_null;
  long long reversed_by = 0;
  soci::indicator reversed_by_indicator = soci::i_null;
  std::string recorded_at;

  JournalEntry to_entry() const {
    JournalEntry entry;
    entry.entry_id = entry_id;
    entry.book_id = book_id;
    entry.voucher_number = voucher_number;
    entry.fiscal_year = fiscal_year;
    auto date = Date::parse(entry_date);
    JIANGBU_ASSERT(date.ok());  // the schema's CHECK keeps dates well-formed
    entry.entry_date = date.value();
    entry.memo = memo;
    entry.source_reference = source_reference;
    if (reverses_indicator == soci::i_ok) entry.reverses_entry_id = reverses;
    if (reversed_by_indicator == soci::i_ok) entry.reversed_by_entry_id = reversed_by;
    entry.recorded_at = recorded_at;
    return entry;
  }
};

template <typename Statement>
void bind_entry_row(Statement& statement, EntryRow& row) {
  statement, soci::into(row.entry_id), soci::into(row.book_id), soci::into(row.voucher_number),
      soci::into(row.fiscal_year), soci::into(row.entry_date), soci::into(row.memo),
      soci::into(row.source_reference), soci::into(row.reverses, row.reverses_indicator),
      soci::into(row.reversed_by, row.reversed_by_indicator), soci::into(row.recorded_at);
}

void load_postings(soci::session& session, JournalEntry& entry) {
  Posting posting;
  long long debit_fen = 0;
  long long credit_fen = 0;
  const long long entry_id = entry.entry_id;
  soci::statement statement =
      (session.prepare << "SELECT line_number, account_code, debit_fen, credit_fen FROM postings "
                          "WHERE entry_id = :entry ORDER BY line_number",
       soci::use(entry_id), soci::into(posting.line_number), soci::into(posting.account_code),
       soci::into(debit_fen), soci::into(credit_fen));
  statement.execute();
  while (statement.fetch() && entry.postings.size() < postings_per_entry_max) {
    posting.side = debit_fen > 0 ? Side::debit : Side::credit;
    posting.amount = Money::from_fen(debit_fen > 0 ? debit_fen : credit_fen);
    entry.postings.push_back(posting);
  }
}

}  // namespace

std::optional<JournalEntry> Journal::find(std::int64_t entry_id) {
  EntryRow row;
  const long long id = entry_id;
  auto query = (database_.session().prepare << std::string(entry_select) + "WHERE e.entry_id = :id",
                soci::use(id));
  bind_entry_row(query, row);
  soci::statement statement(query);
  if (!statement.execute(true)) return std::nullopt;
  JournalEntry entry = row.to_entry();
  load_postings(database_.session(), entry);
  return entry;
}

std::optional<JournalEntry> Journal::find_by_voucher(const std::string& book_id,
                                                     const std::string& voucher_number) {
  long long entry_id = 0;
  soci::indicator found = soci::i_null;
  database_.session() << "SELECT entry_id FROM journal_entries WHERE book_id = :book AND "
                         "voucher_number = :voucher",
      soci::use(book_id), soci::use(voucher_number), soci::into(entry_id, found);
  if (found != soci::i_ok) return std::nullopt;
  return find(entry_id);
}

std::vector<JournalEntry> Journal::list(const std::string& book_id,
                                        const std::optional<Date>& from,
                                        const std::optional<Date>& to, std::size_t limit) {
  const std::string from_text = from ? from->to_string() : "0000-00-00";
  const std::string to_text = to ? to->to_string() : "9999-99-99";
  EntryRow row;
  auto query = (database_.session().prepare
                    << std::string(entry_select) +
                           "WHERE e.book_id = :book AND e.entry_date >= :from AND "
                           "e.entry_date <= :to ORDER BY e.entry_id",
                soci::use(book_id), soci::use(from_text), soci::use(to_text));
  bind_entry_row(query, row);
  soci::statement statement(query);
  statement.execute();
  std::vector<JournalEntry> entries;
  while (entries.size() < limit && statement.fetch()) entries.push_back(row.to_entry());
  for (auto& entry : entries) load_postings(database_.session(), entry);
  return entries;
}

}  // namespace jiangbu
