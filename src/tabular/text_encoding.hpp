#pragma once
// Text files from Chinese offices are UTF-8 (with or without a byte-order
// mark) or GBK/GB18030, the "ANSI" code page of Chinese Windows that Excel
// uses for "CSV (逗号分隔)". decode_to_utf8 turns either into UTF-8, or says
// where it gave up.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

struct DecodedText {
  std::string utf8;
  std::string encoding;  // "utf-8", "utf-8-bom" or "gb18030"
};

// UTF-8 BOM: stripped, the rest must be UTF-8. Valid UTF-8: as is. Anything
// else: strict GB18030 (a superset of GBK and GB2312) through iconv, its own
// BOM stripped too. UTF-16/UTF-32 byte-order marks and bytes that are neither
// are refused with bad-encoding (field "file"), naming the byte offset
// (0-based, as a hex viewer shows it) and the line of the first bad byte.
Result<DecodedText> decode_to_utf8(std::string_view bytes);

}  // namespace jiangbu
