// libFuzzer harness: the import readers on arbitrary bytes, as an upload
// reaches them (parse_tabular_bytes: XLSX when the bytes are a ZIP, else CSV
// in UTF-8 or GB18030), then the header mapping of the bank statement
// columns. Nothing crashes, throws or asserts; a refusal names the file and
// has a reason code; an accepted table keeps every promise of
// tabular_file.hpp (rectangular rows, valid UTF-8, the limits).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "bank/bank_statement.hpp"
#include "tabular/tabular_file.hpp"
#include "tabular/text_encoding.hpp"
#include "tabular_checks.hpp"

namespace {

// Small limits so that the fuzzer reaches them with small inputs.
jiangbu::TabularLimits fuzz_limits() {
  jiangbu::TabularLimits limits;
  limits.rows_max = 50;
  limits.columns_max = 20;
  limits.cell_bytes_max = 64;
  limits.expanded_bytes_max = 1u << 20;
  return limits;
}

void check_decoding(std::string_view bytes) {
  auto decoded = jiangbu::decode_to_utf8(bytes);
  if (!decoded) {
    jiangbu::fuzz::require_described(decoded.error(), "decode_to_utf8");
    return;
  }
  jiangbu::fuzz::require(jiangbu::is_valid_utf8(decoded.value().utf8), "decoded text is not UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const jiangbu::TabularLimits limits = fuzz_limits();
  try {
    check_decoding(bytes);
    for (const std::string_view name : {"upload.csv", "upload.xlsx"}) {
      auto file = jiangbu::parse_tabular_bytes(bytes, name, limits);
      jiangbu::fuzz::check_tabular_result(file, name, limits);
      if (!file) continue;
      auto map = jiangbu::map_columns(file.value().headers, jiangbu::bank_statement_columns());
      if (!map) {
        jiangbu::fuzz::require_described(map.error(), "map_columns");
        continue;
      }
      for (const int index : map.value().index_by_spec) {
        jiangbu::fuzz::require(index >= -1 && index < static_cast<int>(file.value().headers.size()),
                               "map_columns index out of range");
      }
    }
  } catch (const std::exception& exception) {
    jiangbu::fuzz::fail("exception escaped a tabular reader:", exception.what());
  }
  return 0;
}
