#include "ledger/export_account_names.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "core/reason_code.hpp"
#include "core/text.hpp"

namespace jiangbu {

namespace {

// Written before four hex digits: a fullwidth letter, which beancount takes
// anywhere in a component and which never stands for itself (it is escaped
// like any other character outside the kept set), so escapes cannot be
// confused with text.
constexpr std::string_view escape_marker = "\xEF\xBC\xB5";  // U+FF35 Ｕ

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> roots = {{
    {"asset", "Assets"},
    {"liability", "Liabilities"},
    {"net-assets", "Equity"},
    {"equity", "Equity"},
    {"budget-balance", "Equity"},
    {"revenue", "Income"},
    {"budget-revenue", "Income"},
    {"expense", "Expenses"},
    {"cost", "Expenses"},
    {"budget-expenditure", "Expenses"},
}};

bool is_ascii_letter_or_digit(char32_t code_point) {
  return (code_point >= 'A' && code_point <= 'Z') || (code_point >= 'a' && code_point <= 'z') ||
         (code_point >= '0' && code_point <= '9');
}

bool is_cjk_ideograph(char32_t code_point) {
  return (code_point >= 0x3400 && code_point <= 0x4DBF) || (code_point >= 0x4E00 && code_point <= 0x9FFF);
}

void append_escape(std::string& output, unsigned code_unit) {
  constexpr std::string_view hex_digits = "0123456789ABCDEF";
  output += escape_marker;
  for (int shift = 12; shift >= 0; shift -= 4) output += hex_digits[(code_unit >> shift) & 0xF];
}

void append_escaped_code_point(std::string& output, char32_t code_point) {
  if (code_point < 0x10000) {
    append_escape(output, static_cast<unsigned>(code_point));
    return;
  }
  const char32_t offset = code_point - 0x10000;
  append_escape(output, static_cast<unsigned>(0xD800 + (offset >> 10)));
  append_escape(output, static_cast<unsigned>(0xDC00 + (offset & 0x3FF)));
}

// The character at the start of a component, where beancount wants an
// uppercase letter or a digit.
void append_first(std::string& output, char32_t code_point) {
  if (code_point >= 'a' && code_point <= 'z') {
    output += static_cast<char>(code_point - 'a' + 'A');
  } else if (is_cjk_ideograph(code_point)) {
    output += 'X';
    append_utf8(output, code_point);
  } else if (is_ascii_letter_or_digit(code_point)) {
    output += static_cast<char>(code_point);
  } else {
    append_escaped_code_point(output, code_point);
  }
}

void append_inner(std::string& output, char32_t code_point) {
  if (is_ascii_letter_or_digit(code_point) || code_point == '-' || is_cjk_ideograph(code_point)) {
    append_utf8(output, code_point);
  } else {
    append_escaped_code_point(output, code_point);
  }
}

}  // namespace

Result<std::string_view> export_root_of(std::string_view account_type) {
  for (const auto& [type, root] : roots) {
    if (type == account_type) return root;
  }
  return make_error(ReasonCode::bad_chart,
                    "account type '" + std::string(account_type) +
                        "' has no plain-text root (Assets, Liabilities, Equity, Income, Expenses)",
                    "account_type");
}

std::string export_name_component(std::string_view text) {
  std::string output;
  output.reserve(text.size() + 8);
  // Bounded: every step consumes at least one byte.
  for (std::size_t index = 0; index < text.size();) {
    char32_t code_point = 0;
    std::size_t length = decode_utf8(text, index, code_point);
    if (length == 0) {
      // Not UTF-8: the byte as a lone low surrogate, as Python's surrogateescape does.
      code_point = 0xDC00 + static_cast<unsigned char>(text[index]);
      length = 1;
      append_escape(output, static_cast<unsigned>(code_point));
    } else if (index == 0) {
      append_first(output, code_point);
    } else {
      append_inner(output, code_point);
    }
    index += length;
  }
  return output;
}

Result<std::string> export_account_name(std::string_view account_type, std::string_view book_id,
                                        std::string_view code) {
  auto root = export_root_of(account_type);
  if (!root) return root.error();
  std::string name(root.value());
  name += ':';
  name += export_name_component(book_id);
  // Bounded by the code's length: every segment moves past one '/'.
  for (std::size_t start = 0; start <= code.size();) {
    const std::size_t slash = std::min(code.find('/', start), code.size());
    name += ':';
    name += export_name_component(code.substr(start, slash - start));
    start = slash + 1;
  }
  return name;
}

std::string ExportAccountNames::key_of(std::string_view book_id, std::string_view code) {
  std::string key(book_id);
  key += '\0';  // book ids hold only [A-Za-z0-9_-]
  key += code;
  return key;
}

Result<std::string> ExportAccountNames::add(std::string_view account_type, std::string_view book_id,
                                            std::string_view code) {
  auto name = export_account_name(account_type, book_id, code);
  if (!name) return name.error();
  std::string key = key_of(book_id, code);
  const auto [owner, inserted] = owners_.emplace(name.value(), key);
  if (!inserted && owner->second != key) {
    const std::string& other = owner->second;
    const std::size_t separator = other.find('\0');
    return make_error(ReasonCode::bad_account_code,
                      "account '" + std::string(code) + "' of book '" + std::string(book_id) + "' and account '" +
                          other.substr(separator + 1) + "' of book '" + other.substr(0, separator) +
                          "' would both be exported as " + name.value() +
                          " (they differ only in the case of a first letter, or by an X before a first "
                          "ideograph): rename one to export",
                      "account");
  }
  names_.insert_or_assign(std::move(key), name.value());
  return name;
}

const std::string* ExportAccountNames::find(std::string_view book_id, std::string_view code) const {
  const auto found = names_.find(key_of(book_id, code));
  return found == names_.end() ? nullptr : &found->second;
}

}  // namespace jiangbu
