#include "ledger/export_dialect.hpp"

#include "core/text.hpp"

namespace jiangbu {

namespace {

void append_hex_escape(std::string& out, unsigned char byte) {
  constexpr std::string_view hex_digits = "0123456789ABCDEF";
  out += "\\x";
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0xF];
}

bool is_control(char32_t code_point) {
  return code_point < 0x20 || code_point == 0x7F || (code_point >= 0x80 && code_point <= 0x9F);
}

enum class Dialect { ledger, beancount };

// The escapes both dialects share; false for a character they treat apart.
// beancount gets "\\xHH" in the file, which it reads back as the text \xHH.
bool append_common_escape(std::string& out, char32_t code_point, std::string_view bytes, Dialect dialect) {
  switch (code_point) {
    case '\\': out += "\\\\"; return true;
    case '\n': out += "\\n"; return true;
    case '\t': out += "\\t"; return true;
    case '\r': out += "\\r"; return true;
    default: break;
  }
  if (!is_control(code_point)) return false;
  for (const char byte : bytes) {
    if (dialect == Dialect::beancount) out += '\\';
    append_hex_escape(out, static_cast<unsigned char>(byte));
  }
  return true;
}

// What only one dialect escapes: a quote ends a beancount string; two
// spaces in a ledger line start a note.
void append_dialect_character(std::string& out, char32_t code_point, std::string_view bytes, Dialect dialect,
                              bool after_space) {
  if (dialect == Dialect::beancount && code_point == '"') {
    out += "\\\"";
  } else if (dialect == Dialect::ledger && code_point == ' ' && after_space) {
    out += "\\x20";
  } else {
    out += bytes;
  }
}

std::string escape_text(std::string_view text, Dialect dialect) {
  std::string out;
  out.reserve(text.size() + 2);
  bool after_space = false;
  // Bounded: every step consumes at least one byte.
  for (std::size_t index = 0; index < text.size();) {
    char32_t code_point = 0;
    const std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) {
      if (dialect == Dialect::beancount) out += '\\';
      append_hex_escape(out, static_cast<unsigned char>(text[index]));
      ++index;
      after_space = false;
      continue;
    }
    const std::string_view bytes = text.substr(index, length);
    if (!append_common_escape(out, code_point, bytes, dialect)) {
      append_dialect_character(out, code_point, bytes, dialect, after_space);
    }
    after_space = code_point == ' ';
    index += length;
  }
  return out;
}

// A voucher in ledger's "(code)", which ends at the first ')'.
std::string ledger_code_text(std::string_view text) {
  std::string out;
  for (const char character : ledger_line_text(text)) {
    if (character == ')') {
      out += "\\x29";
    } else {
      out += character;
    }
  }
  return out;
}

void append_amount(std::string& out, const Money& amount) {
  out += amount.to_plain_string();
  out += " CNY";
}

constexpr std::string_view header_lines =
    "; Amounts: CNY, exact to the fen (分); a debit is positive, a credit negative, so\n"
    ";   every transaction sums to zero. The budget basis (预算会计) balances on its own\n"
    ";   within each jiangbu entry, so it does here too.\n"
    "; Account names: <root>:<book>:<chart code>[:<segment>...], one component per\n"
    ";   book id and per '/'-segment of the jiangbu account code. Root by the chart's\n"
    ";   account type: asset -> Assets; liability -> Liabilities; net-assets, equity,\n"
    ";   budget-balance -> Equity; revenue, budget-revenue -> Income; expense, cost,\n"
    ";   budget-expenditure -> Expenses.\n"
    ";   A component keeps ASCII letters and digits, '-' and CJK ideographs; any other\n"
    ";   character is written as U+FF35 plus four hex digits of its UTF-16 code unit\n"
    ";   ('_' -> \xEF\xBC\xB5" "005F). A lowercase first letter is capitalised (bureau -> Bureau);\n"
    ";   a first ideograph gets an X before it (奖补专户 -> X奖补专户).\n"
    "; Each account is declared below with its book, code, name, type and basis.\n"
    "; Each transaction carries the jiangbu entry id, voucher number (记账凭证号),\n"
    ";   book, source reference and, for a reversal, the entry it reverses.\n"
    "; Text: backslash, newline, tab and CR are written \\\\ \\n \\t \\r; other control\n"
    ";   characters and bytes that are not UTF-8 as \\xHH.\n";

void append_ledger_transaction(std::string& out, const ExportEntry& entry) {
  out += entry.entry_date;
  out += " * (";
  out += ledger_code_text(entry.voucher_number);
  out += ") ";
  out += ledger_line_text(entry.memo);
  out += "\n    ; entry_id: ";
  out += std::to_string(entry.entry_id);
  out += "\n    ; book: ";
  out += ledger_line_text(entry.book_id);
  if (!entry.source_reference.empty()) {
    out += "\n    ; source: ";
    out += ledger_line_text(entry.source_reference);
  }
  if (entry.reverses_entry_id) {
    out += "\n    ; reverses: ";
    out += std::to_string(*entry.reverses_entry_id);
  }
  out += '\n';
  for (const auto& posting : entry.postings) {
    out += "    ";
    out += *posting.account_name;
    out += "  ";
    append_amount(out, posting.amount);
    out += '\n';
  }
  out += '\n';
}

void append_beancount_transaction(std::string& out, const ExportEntry& entry) {
  out += entry.entry_date;
  out += " * ";
  out += beancount_string(entry.memo);
  out += "\n  entry_id: \"";
  out += std::to_string(entry.entry_id);
  out += "\"\n  voucher: ";
  out += beancount_string(entry.voucher_number);
  out += "\n  book: ";
  out += beancount_string(entry.book_id);
  if (!entry.source_reference.empty()) {
    out += "\n  source: ";
    out += beancount_string(entry.source_reference);
  }
  if (entry.reverses_entry_id) {
    out += "\n  reverses: \"";
    out += std::to_string(*entry.reverses_entry_id);
    out += '"';
  }
  out += '\n';
  for (const auto& posting : entry.postings) {
    out += "  ";
    out += *posting.account_name;
    out += "  ";
    append_amount(out, posting.amount);
    out += '\n';
  }
  out += '\n';
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
  if (name == "ledger") return ExportFormat::ledger;
  if (name == "beancount") return ExportFormat::beancount;
  return std::nullopt;
}

std::string_view export_format_name(ExportFormat format) {
  return format == ExportFormat::ledger ? "ledger" : "beancount";
}

std::string beancount_string(std::string_view text) {
  return '"' + escape_text(text, Dialect::beancount) + '"';
}

std::string ledger_line_text(std::string_view text) { return escape_text(text, Dialect::ledger); }

void append_export_header(std::string& out, ExportFormat format, std::string_view scope) {
  out += "; jiangbu 奖补: the journal of ";
  out += ledger_line_text(scope);
  out += ", exported as ";
  out += export_format_name(format);
  out += " (jiangbu export).\n";
  out += header_lines;
  if (format == ExportFormat::beancount) {
    out += "\noption \"title\" \"jiangbu\"\noption \"operating_currency\" \"CNY\"\n";
  } else {
    out += "\ncommodity CNY\n    note 人民币 (renminbi), two decimals\n";
  }
}

void append_book_comment(std::string& out, std::string_view book_id, std::string_view chart_id,
                         std::string_view book_name) {
  out += "\n; book ";
  out += ledger_line_text(book_id);
  out += " (chart ";
  out += ledger_line_text(chart_id);
  out += "): ";
  out += ledger_line_text(book_name);
  out += '\n';
}

void append_account(std::string& out, ExportFormat format, const ExportAccount& account,
                    std::string_view open_date) {
  if (format == ExportFormat::ledger) {
    out += "account ";
    out += account.exported_name;
    out += "\n    note ";
    out += ledger_line_text(account.book_id + " " + account.code + " " + account.name + " (" +
                            account.account_type + ", " + account.basis + ")");
    out += '\n';
    return;
  }
  out += open_date;
  out += " open ";
  out += account.exported_name;
  out += " CNY\n  book: ";
  out += beancount_string(account.book_id);
  out += "\n  code: ";
  out += beancount_string(account.code);
  out += "\n  name: ";
  out += beancount_string(account.name);
  out += "\n  type: ";
  out += beancount_string(account.account_type);
  out += "\n  basis: ";
  out += beancount_string(account.basis);
  out += '\n';
}

void append_transaction(std::string& out, ExportFormat format, const ExportEntry& entry) {
  if (format == ExportFormat::ledger) {
    append_ledger_transaction(out, entry);
  } else {
    append_beancount_transaction(out, entry);
  }
}

}  // namespace jiangbu
