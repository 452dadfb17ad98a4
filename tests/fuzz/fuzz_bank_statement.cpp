// libFuzzer harness: the bank statement parser (parsing only, no database)
// on arbitrary bytes read as a CSV or XLSX upload. Nothing crashes, throws or
// asserts; a refused statement has a reason code; an accepted one has only
// positive amounts, texts that are valid UTF-8 without control characters,
// and a checksum that does not depend on the order of reading.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "bank/bank_statement.hpp"
#include "core/text.hpp"
#include "tabular/tabular_file.hpp"
#include "tabular_checks.hpp"

namespace {

jiangbu::TabularLimits fuzz_limits() {
  jiangbu::TabularLimits limits;
  limits.rows_max = 50;
  limits.columns_max = 20;
  limits.cell_bytes_max = 600;  // above the statement's own text bounds, so those are reached
  limits.expanded_bytes_max = 1u << 20;
  return limits;
}

void check_text(const std::string& text, std::string_view field) {
  jiangbu::fuzz::require(static_cast<bool>(jiangbu::validate_text(text, field, 4096, true)),
                         "accepted statement text fails validate_text", text);
}

void check_statement(const jiangbu::ParsedStatement& statement) {
  jiangbu::fuzz::require(!statement.lines.empty(), "accepted a statement without lines");
  jiangbu::fuzz::require(!statement.content_checksum.empty(), "statement without checksum");
  for (const auto& line : statement.lines) {
    jiangbu::fuzz::require(line.amount.is_positive(), "line amount not positive", line.amount.to_plain_string());
    jiangbu::fuzz::require(line.occurrence >= 1, "occurrence below 1");
    check_text(line.counterparty, "counterparty");
    check_text(line.reference, "reference");
    check_text(line.memo, "memo");
    check_text(line.remark, "remark");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const jiangbu::TabularLimits limits = fuzz_limits();
  try {
    auto file = jiangbu::parse_tabular_bytes(bytes, "statement.csv", limits);
    jiangbu::fuzz::check_tabular_result(file, "statement.csv", limits);
    if (!file) return 0;
    auto statement = jiangbu::parse_bank_statement_rows(file.value(), "statement.csv");
    if (!statement) {
      jiangbu::fuzz::require_described(statement.error(), "parse_bank_statement_rows");
      jiangbu::fuzz::require(jiangbu::is_valid_utf8(statement.error().message), "refusal message is not UTF-8",
                             statement.error().message);
      return 0;
    }
    check_statement(statement.value());
    // Each date cell alone through the date parser, which the rows reach only
    // with their date column.
    for (const auto& row : file.value().rows) {
      for (const auto& cell : row.cells) {
        auto date = jiangbu::parse_statement_date(cell);
        if (!date) jiangbu::fuzz::require_described(date.error(), "parse_statement_date");
      }
    }
  } catch (const std::exception& exception) {
    jiangbu::fuzz::fail("exception escaped the bank statement parser:", exception.what());
  }
  return 0;
}
