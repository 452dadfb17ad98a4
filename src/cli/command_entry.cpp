// `jiangbu entry post|list|show|reverse`.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/context.hpp"
#include "ledger/books.hpp"
#include "ledger/entry_json.hpp"
#include "ledger/journal.hpp"
#include "money/money_format.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

struct EntryOptions {
  std::string book_id = std::string(bureau_book_id);
  std::string date;
  std::string memo;
  std::string source_reference;
  std::vector<std::string> debits;
  std::vector<std::string> credits;
  std::string file;
  std::string from;
  std::string to;
  std::size_t limit = 1000;
  std::int64_t entry_id = 0;
  std::string voucher;
  std::string reason;
};

Money entry_total(const JournalEntry& entry) {
  Money total;
  for (const auto& posting : entry.postings) {
    if (posting.side == Side::debit) total += posting.amount;
  }
  return total;
}

Table entries_table(const std::vector<JournalEntry>& entries) {
  Table table{{{"entry_id", "编号", ColumnKind::number}, {"book", "账簿"}, {"voucher_number", "凭证号"},
               {"date", "日期"}, {"memo", "摘要"}, {"amount", "金额", ColumnKind::money},
               {"reverses", "冲销"}, {"reversed_by", "被冲销"}},
              {}};
  for (const auto& entry : entries) {
    table.add_row({std::to_string(entry.entry_id), entry.book_id, entry.voucher_number,
                   entry.entry_date.to_string(), entry.memo, money_cell(entry_total(entry)),
                   entry.reverses_entry_id ? std::to_string(*entry.reverses_entry_id) : "",
                   entry.reversed_by_entry_id ? std::to_string(*entry.reversed_by_entry_id) : ""});
  }
  return table;
}

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    throw CommandFailure{make_error(ReasonCode::missing_field, "cannot read '" + path + "'", "file")};
  }
  std::ostringstream content;
  content << stream.rdbuf();
  return content.str();
}

std::vector<EntryInput> entries_from_options(const EntryOptions& options) {
  if (!options.file.empty()) return require(parse_entries_json(read_file(options.file)));
  EntryInput input;
  input.book_id = options.book_id;
  input.entry_date = require_date(options.date, "date");
  input.memo = options.memo;
  input.source_reference = options.source_reference;
  for (const auto& text : options.debits) input.postings.push_back(require(parse_posting_argument(text, Side::debit)));
  for (const auto& text : options.credits) input.postings.push_back(require(parse_posting_argument(text, Side::credit)));
  return {input};
}

void post_entries(Context& context, const EntryOptions& options) {
  const auto inputs = entries_from_options(options);
  auto database = context.open_database();
  for (const auto& input : inputs) require_book_allowed(*database, Action::write_book, input.book_id);
  Journal journal(*database);
  std::vector<JournalEntry> posted;
  // One file is one transaction: all of its entries land, or none does.
  Transaction transaction(*database, {"entry.post", "entry", "entries " + std::to_string(inputs.size())});
  for (std::size_t index = 0; index < inputs.size(); ++index) {
    auto entry = journal.append(inputs[index]);
    if (!entry) {
      const Error& error = entry.error();
      const std::string prefix = options.file.empty() ? "" : "entries[" + std::to_string(index + 1) + "].";
      throw CommandFailure{Error(error.code, error.message, prefix + error.field)};
    }
    posted.push_back(std::move(entry).value());
  }
  transaction.commit();
  render(std::cout, entries_table(posted), context.format());
}

JournalEntry find_entry(Journal& journal, const EntryOptions& options) {
  auto entry = options.voucher.empty() ? journal.find(options.entry_id)
                                       : journal.find_by_voucher(options.book_id, options.voucher);
  if (!entry) throw CommandFailure{make_error(ReasonCode::unknown_entry, "no such entry", "id")};
  return *entry;
}

void show_entry(Context& context, const JournalEntry& entry) {
  if (context.format() == OutputFormat::json) {
    std::cout << entry_to_json(entry).dump(2) << '\n';
    return;
  }
  if (context.format() == OutputFormat::table) {
    std::cout << entry.voucher_number << "  " << entry.entry_date.to_string() << "  "
              << entry.book_id << "  " << entry.memo << '\n';
  }
  Table table{{{"line", "行", ColumnKind::number}, {"account", "科目"}, {"debit", "借方", ColumnKind::money},
               {"credit", "贷方", ColumnKind::money}},
              {}};
  for (const auto& posting : entry.postings) {
    const std::string amount = money_cell(posting.amount);
    table.add_row({std::to_string(posting.line_number), posting.account_code,
                   posting.side == Side::debit ? amount : "", posting.side == Side::credit ? amount : ""});
  }
  render(std::cout, table, context.format());
}

}  // namespace

void register_entry_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<EntryOptions>();
  auto* noun = app.add_subcommand("entry", "Journal entries (记账凭证): append-only");
  noun->require_subcommand(1);

  auto* post = noun->add_subcommand("post", "Post a balanced entry, or a JSON file of entries");
  post->add_option("--book", options->book_id, "Book id (default bureau)");
  post->add_option("--date", options->date, "Entry date YYYY-MM-DD");
  post->add_option("--memo", options->memo, "摘要");
  post->add_option("--source", options->source_reference, "Source reference");
  post->add_option("--debit", options->debits, "CODE=AMOUNT, repeatable");
  post->add_option("--credit", options->credits, "CODE=AMOUNT, repeatable");
  post->add_option("--file", options->file, "JSON array of entries, posted in one transaction")
      ->excludes("--debit")->excludes("--credit")->excludes("--date");
  post->callback([&context, options] { post_entries(context, *options); });

  auto* list = noun->add_subcommand("list", "List a book's entries");
  list->add_option("--book", options->book_id, "Book id (default bureau)");
  list->add_option("--from", options->from, "From date");
  list->add_option("--to", options->to, "To date");
  list->add_option("--limit", options->limit, "At most this many")->check(CLI::Range(1, 1'000'000));
  list->callback([&context, options] {
    auto database = context.open_database();
    require_book_allowed(*database, Action::read_unit, options->book_id);
    Journal journal(*database);
    const auto entries = journal.list(options->book_id, optional_date(options->from, "from"),
                                      optional_date(options->to, "to"), options->limit);
    render(std::cout, entries_table(entries), context.format());
  });

  auto* show = noun->add_subcommand("show", "Show one entry with its postings");
  show->add_option("--id", options->entry_id, "Entry id");
  show->add_option("--voucher", options->voucher, "Voucher number (with --book)");
  show->add_option("--book", options->book_id, "Book id (default bureau)");
  show->callback([&context, options] {
    auto database = context.open_database();
    Journal journal(*database);
    const JournalEntry entry = find_entry(journal, *options);
    require_book_allowed(*database, Action::read_unit, entry.book_id);
    show_entry(context, entry);
  });

  auto* reverse = noun->add_subcommand("reverse", "Post the reversing entry of an entry");
  reverse->add_option("--id", options->entry_id, "Entry id");
  reverse->add_option("--voucher", options->voucher, "Voucher number (with --book)");
  reverse->add_option("--book", options->book_id, "Book id (default bureau)");
  reverse->add_option("--date", options->date, "Reversal date YYYY-MM-DD")->required();
  reverse->add_option("--reason", options->reason, "Why it is reversed")->required();
  reverse->callback([&context, options] {
    auto database = context.open_database();
    Journal journal(*database);
    const JournalEntry original = find_entry(journal, *options);
    require_book_allowed(*database, Action::write_book, original.book_id);
    const auto reversal = require(journal.reverse(original.entry_id, require_date(options->date, "date"), options->reason));
    render(std::cout, entries_table({reversal}), context.format());
  });
}

}  // namespace jiangbu
