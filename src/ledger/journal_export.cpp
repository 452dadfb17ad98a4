#include "ledger/journal_export.hpp"

#include <algorithm>
#include <tuple>

#include "core/reason_code.hpp"
#include "ledger/books.hpp"
#include "ledger/export_account_names.hpp"
#include "store/money_conversion.hpp"
#include "store/read_snapshot.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t accounts_exported_max = 10'000'000;

// The book filter is bound twice under two names (:every_book, :book):
// SQLite gives one index to a repeated name, while SOCI binds by position.

struct ScopedAccount {
  std::string chart_id;
  std::string book_name;
  ExportAccount account;
};

// Every account of the books in scope, sorted by book and code byte by byte
// (not by the database's collation, so both backends write the same file).
std::vector<ScopedAccount> load_accounts(soci::session& session, const std::string& book_id) {
  ScopedAccount row;
  soci::statement select =
      (session.prepare << "SELECT a.book_id, b.chart_id, b.name, a.code, a.name, c.account_type, c.basis "
                          "FROM accounts a JOIN books b ON b.book_id = a.book_id "
                          "JOIN chart_accounts c ON c.chart_id = b.chart_id AND c.code = a.chart_code "
                          "WHERE CAST(:every_book AS TEXT) = '' OR a.book_id = :book",
       soci::use(book_id), soci::use(book_id), soci::into(row.account.book_id), soci::into(row.chart_id),
       soci::into(row.book_name), soci::into(row.account.code), soci::into(row.account.name),
       soci::into(row.account.account_type), soci::into(row.account.basis));
  select.execute();
  std::vector<ScopedAccount> accounts;
  while (accounts.size() < accounts_exported_max && select.fetch()) accounts.push_back(row);
  std::sort(accounts.begin(), accounts.end(), [](const ScopedAccount& left, const ScopedAccount& right) {
    return std::tie(left.account.book_id, left.account.code) < std::tie(right.account.book_id, right.account.code);
  });
  return accounts;
}

// The earliest entry date in scope, the day every account is opened on;
// empty when there is no entry.
std::string earliest_entry_date(soci::session& session, const std::string& book_id) {
  std::string date;
  soci::indicator found = soci::i_null;
  session << "SELECT MIN(entry_date) FROM journal_entries WHERE CAST(:every_book AS TEXT) = '' OR book_id = :book",
      soci::use(book_id), soci::use(book_id), soci::into(date, found);
  return found == soci::i_ok ? date : std::string();
}

struct EntryRow {
  long long entry_id = 0;
  std::string book_id;
  std::string voucher_number;
  std::string entry_date;
  std::string memo;
  std::string source_reference;
  long long reverses = 0;
  soci::indicator reverses_indicator = soci::i_null;
};

struct PostingRow {
  long long entry_id = 0;
  std::string book_id;
  std::string account_code;
  Money debit;
  Money credit;
};

// One page of entries and their postings, read by two prepared statements
// that are executed again for every page with scalar binds only.
class JournalPages {
 public:
  JournalPages(soci::session& session, const std::string& book_id, std::size_t page_entries)
      : book_id_(book_id),
        page_entries_(static_cast<long long>(page_entries)),
        entries_((session.prepare << "SELECT entry_id, book_id, voucher_number, entry_date, memo, "
                                     "source_reference, reverses_entry_id FROM journal_entries "
                                     "WHERE entry_id > :after AND (CAST(:every_book AS TEXT) = '' OR book_id = :book) "
                                     "ORDER BY entry_id LIMIT :page",
                  soci::use(after_), soci::use(book_id_), soci::use(book_id_), soci::use(page_entries_),
                  soci::into(entry_.entry_id), soci::into(entry_.book_id), soci::into(entry_.voucher_number),
                  soci::into(entry_.entry_date), soci::into(entry_.memo), soci::into(entry_.source_reference),
                  soci::into(entry_.reverses, entry_.reverses_indicator))),
        postings_((session.prepare << "SELECT entry_id, book_id, account_code, debit_fen, credit_fen FROM postings "
                                      "WHERE entry_id > :after AND entry_id <= :last "
                                      "AND (CAST(:every_book AS TEXT) = '' OR book_id = :book) "
                                      "ORDER BY entry_id, line_number",
                   soci::use(after_), soci::use(last_), soci::use(book_id_), soci::use(book_id_),
                   soci::into(posting_.entry_id), soci::into(posting_.book_id), soci::into(posting_.account_code),
                   soci::into(posting_.debit), soci::into(posting_.credit))) {}

  // Reads the next page into entries() and postings(); false at the end.
  bool next() {
    entry_rows_.clear();
    posting_rows_.clear();
    if (entries_.execute(true)) {
      do entry_rows_.push_back(entry_);
      while (entries_.fetch());
    }
    if (entry_rows_.empty()) return false;
    last_ = entry_rows_.back().entry_id;
    if (postings_.execute(true)) {
      do posting_rows_.push_back(posting_);
      while (postings_.fetch());
    }
    after_ = last_;
    return true;
  }

  [[nodiscard]] const std::vector<EntryRow>& entries() const { return entry_rows_; }
  [[nodiscard]] const std::vector<PostingRow>& postings() const { return posting_rows_; }

 private:
  long long after_ = 0;
  long long last_ = 0;
  std::string book_id_;
  long long page_entries_;
  EntryRow entry_;
  PostingRow posting_;
  soci::statement entries_;
  soci::statement postings_;
  std::vector<EntryRow> entry_rows_;
  std::vector<PostingRow> posting_rows_;
};

Error write_failed() {
  return make_error(ReasonCode::cannot_write_output, "the export could not be written completely (disk full, pipe closed?)",
                    "output");
}

Error undeclared_account(const EntryRow& entry, const PostingRow& posting) {
  return make_error(ReasonCode::bad_account_code,
                    "entry " + std::to_string(entry.entry_id) + " posts to account '" + posting.account_code +
                        "' of book '" + posting.book_id + "', which is not among the accounts of its book",
                    "account");
}

class Exporter {
 public:
  Exporter(Database& database, const ExportOptions& options, std::ostream& out)
      : database_(database), options_(options), out_(out) {}

  Result<ExportSummary> run() {
    if (!options_.book_id.empty() && !find_book(database_, options_.book_id)) {
      return make_error(ReasonCode::unknown_book, "no book '" + options_.book_id + "'", "book");
    }
    if (auto declared = declare_accounts(); !declared) return declared.error();
    JournalPages pages(database_.session(), options_.book_id, options_.page_entries);
    // Bounded: every page moves past at least one entry id, and ends when empty.
    while (pages.next()) {
      if (auto written = write_page(pages); !written) return written.error();
    }
    if (!out_.flush()) return write_failed();
    return summary_;
  }

 private:
  Status declare_accounts() {
    soci::session& session = database_.session();
    const std::string open_date = earliest_entry_date(session, options_.book_id);
    append_export_header(buffer_, options_.format,
                         options_.book_id.empty() ? std::string("every book") : "book " + options_.book_id);
    const std::string* last_book = nullptr;
    std::vector<ScopedAccount> accounts = load_accounts(session, options_.book_id);
    for (auto& scoped : accounts) {
      auto name = names_.add(scoped.account.account_type, scoped.account.book_id, scoped.account.code);
      if (!name) return name.error();
      scoped.account.exported_name = std::move(name).value();
      if (last_book == nullptr || *last_book != scoped.account.book_id) {
        append_book_comment(buffer_, scoped.account.book_id, scoped.chart_id, scoped.book_name);
      }
      last_book = &scoped.account.book_id;
      // beancount cannot open an account without a date; with no entry there
      // is nothing to open it for.
      if (options_.format == ExportFormat::ledger || !open_date.empty()) {
        append_account(buffer_, options_.format, scoped.account, open_date);
      }
    }
    summary_.accounts = static_cast<std::int64_t>(accounts.size());
    buffer_ += '\n';
    return flush_buffer();
  }

  Status write_page(const JournalPages& pages) {
    const auto& postings = pages.postings();
    std::size_t next_posting = 0;
    ExportEntry entry;
    for (const auto& row : pages.entries()) {
      fill_header(entry, row);
      // Postings come in entry order over the page's id range; one whose
      // entry is not on the page (the foreign key allows none) is passed over.
      for (; next_posting < postings.size() && postings[next_posting].entry_id <= row.entry_id; ++next_posting) {
        const PostingRow& posting = postings[next_posting];
        if (posting.entry_id < row.entry_id) continue;
        const std::string* name = names_.find(posting.book_id, posting.account_code);
        if (name == nullptr) return undeclared_account(row, posting);
        entry.postings.push_back(ExportPosting{name, posting.debit - posting.credit});
      }
      summary_.postings += static_cast<std::int64_t>(entry.postings.size());
      ++summary_.entries;
      append_transaction(buffer_, options_.format, entry);
    }
    return flush_buffer();
  }

  static void fill_header(ExportEntry& entry, const EntryRow& row) {
    entry.entry_id = row.entry_id;
    entry.book_id = row.book_id;
    entry.voucher_number = row.voucher_number;
    entry.entry_date = row.entry_date;
    entry.memo = row.memo;
    entry.source_reference = row.source_reference;
    entry.reverses_entry_id.reset();
    if (row.reverses_indicator == soci::i_ok) entry.reverses_entry_id = row.reverses;
    entry.postings.clear();
  }

  Status flush_buffer() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    if (!out_) return write_failed();
    return success();
  }

  Database& database_;
  const ExportOptions& options_;
  std::ostream& out_;
  ExportAccountNames names_;
  std::string buffer_;
  ExportSummary summary_;
};

}  // namespace

Result<ExportSummary> export_journal(Database& database, const ExportOptions& options, std::ostream& out) {
  if (options.page_entries == 0) {
    return make_error(ReasonCode::bad_option, "a page must hold at least one entry", "page");
  }
  ReadSnapshot snapshot(database);
  return Exporter(database, options, out).run();
}

}  // namespace jiangbu
