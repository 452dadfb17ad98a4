#include "tabular/text_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <optional>

#include "core/reason_code.hpp"
#include "core/text.hpp"

namespace jiangbu {

namespace {

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

struct ByteOrderMark {
  std::string_view bytes;
  std::string_view encoding;
};

// UTF-32 LE must be tested before UTF-16 LE: its mark starts with UTF-16 LE's.
constexpr ByteOrderMark refused_marks[] = {
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32 LE"},
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32 BE"},
    {std::string_view("\xFF\xFE", 2), "UTF-16 LE"},
    {std::string_view("\xFE\xFF", 2), "UTF-16 BE"},
};

// Length of the UTF-8 sequence at text[index], 0 if it is not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view text, std::size_t index) {
  char32_t code_point = 0;
  return decode_utf8(text, index, code_point);
}

std::optional<std::size_t> first_invalid_utf8_offset(std::string_view text) {
  for (std::size_t index = 0; index < text.size();) {
    const std::size_t length = utf8_sequence_length(text, index);
    if (length == 0) return index;
    index += length;
  }
  return std::nullopt;
}

std::string hex_byte(unsigned char byte) {
  constexpr std::string_view digits = "0123456789ABCDEF";
  return std::string("0x") + digits[byte >> 4] + digits[byte & 0x0F];
}

// "byte 0xFF at byte offset 57 (line 3)"; lines counted by LF, which is a
// single byte in UTF-8 and in GB18030 alike (never a trail byte).
std::string describe_offset(std::string_view bytes, std::size_t offset) {
  const auto end = bytes.begin() + static_cast<std::ptrdiff_t>(offset);
  const auto line = 1 + static_cast<std::size_t>(std::count(bytes.begin(), end, '\n'));
  std::string text = offset < bytes.size()
                         ? "byte " + hex_byte(static_cast<unsigned char>(bytes[offset]))
                         : std::string("the end of the file");
  return text + " at byte offset " + std::to_string(offset) + " (line " + std::to_string(line) + ")";
}

Error encoding_error(std::string message) {
  return make_error(ReasonCode::bad_encoding, std::move(message), "file");
}

struct Gb18030Outcome {
  std::string utf8;
  std::optional<std::size_t> bad_offset;  // set when the bytes are not GB18030
};

class IconvDescriptor {
 public:
  IconvDescriptor() : descriptor_(iconv_open("UTF-8", "GB18030")) {}
  ~IconvDescriptor() {
    if (valid()) iconv_close(descriptor_);
  }
  IconvDescriptor(const IconvDescriptor&) = delete;
  IconvDescriptor& operator=(const IconvDescriptor&) = delete;
  [[nodiscard]] bool valid() const {
    return descriptor_ != reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1));
  }
  [[nodiscard]] iconv_t get() const { return descriptor_; }

 private:
  iconv_t descriptor_;
};

// Strict: glibc's GB18030 converter stops (EILSEQ, or EINVAL for a sequence
// cut off at the end) instead of substituting, so nothing is silently lost.
Result<Gb18030Outcome> convert_gb18030(std::string_view bytes) {
  IconvDescriptor converter;
  if (!converter.valid()) return encoding_error("this system's iconv has no GB18030 converter");
  Gb18030Outcome outcome;
  // A GB18030 character takes 1, 2 or 4 bytes and becomes at most 1, 3 or 4
  // bytes of UTF-8, so 1.5 times the input (plus slack) is always enough.
  outcome.utf8.resize(bytes.size() + bytes.size() / 2 + 16);
  // iconv's POSIX signature takes char** for its input but never writes it.
  char* input = const_cast<char*>(bytes.data());
  std::size_t input_left = bytes.size();
  char* output = outcome.utf8.data();
  std::size_t output_left = outcome.utf8.size();
  const std::size_t converted = iconv(converter.get(), &input, &input_left, &output, &output_left);
  if (converted == static_cast<std::size_t>(-1)) {
    if (errno != EILSEQ && errno != EINVAL) {
      return encoding_error("iconv failed converting from GB18030 (errno " + std::to_string(errno) + ")");
    }
    outcome.bad_offset = static_cast<std::size_t>(input - bytes.data());
    return outcome;
  }
  outcome.utf8.resize(outcome.utf8.size() - output_left);
  return outcome;
}

}  // namespace

Result<DecodedText> decode_to_utf8(std::string_view bytes) {
  for (const auto& mark : refused_marks) {
    if (bytes.starts_with(mark.bytes)) {
      return encoding_error("is " + std::string(mark.encoding) +
                            " (it starts with that byte-order mark); only UTF-8 and GBK/GB18030 "
                            "are read: save it as \"CSV UTF-8\" and upload it again");
    }
  }
  if (bytes.starts_with(utf8_bom)) {
    const std::string_view rest = bytes.substr(utf8_bom.size());
    if (const auto bad = first_invalid_utf8_offset(rest)) {
      return encoding_error("starts with a UTF-8 byte-order mark but is not UTF-8: " +
                            describe_offset(bytes, *bad + utf8_bom.size()) + " is invalid");
    }
    return DecodedText{std::string(rest), "utf-8-bom"};
  }
  const auto utf8_bad = first_invalid_utf8_offset(bytes);
  if (!utf8_bad) return DecodedText{std::string(bytes), "utf-8"};
  auto gb18030 = convert_gb18030(bytes);
  if (!gb18030) return gb18030.error();
  if (const auto gb18030_bad = gb18030.value().bad_offset) {
    // Name the byte where the encoding that read further stopped: that one is
    // most likely what the file was meant to be.
    const std::size_t offset = std::max(*utf8_bad, *gb18030_bad);
    return encoding_error("is neither UTF-8 nor GBK/GB18030: " + describe_offset(bytes, offset) +
                          " cannot be decoded; save it as \"CSV UTF-8\" and upload it again");
  }
  std::string utf8 = std::move(gb18030.value().utf8);
  // GB18030 has a byte-order mark too (84 31 95 33), which converts to U+FEFF.
  if (std::string_view(utf8).starts_with(utf8_bom)) utf8.erase(0, utf8_bom.size());
  return DecodedText{std::move(utf8), "gb18030"};
}

}  // namespace jiangbu
