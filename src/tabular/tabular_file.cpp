#include "tabular/tabular_file.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <new>

#include "tabular/csv_reader.hpp"
#include "tabular/xlsx_reader.hpp"

namespace jiangbu {

namespace {

constexpr std::string_view zip_magic = "PK\x03\x04";
constexpr std::string_view empty_zip_magic = "PK\x05\x06";
// OLE compound documents: Excel 97-2003 .xls, and any password-protected
// workbook (Excel encrypts an .xlsx into an OLE container).
constexpr std::string_view ole_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

Error file_error(std::string_view name, std::string_view reason) {
  return tabular_error(ReasonCode::bad_file, name, 0, reason);
}

std::string lower_ascii(std::string text) {
  for (char& character : text) {
    if (character >= 'A' && character <= 'Z') character = static_cast<char>(character - 'A' + 'a');
  }
  return text;
}

Result<std::string> read_whole_file(const std::string& path, const TabularLimits& limits) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::is_regular_file(status)) {
    return file_error(path, error ? "cannot be opened: " + error.message() : "is not a regular file");
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error) return file_error(path, "cannot be opened: " + error.message());
  if (size > limits.bytes_max) {
    return file_error(path, "is " + std::to_string(size) + " bytes, more than the " +
                                std::to_string(limits.bytes_max) + " allowed");
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) return file_error(path, "cannot be opened for reading");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  stream.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (static_cast<std::uintmax_t>(stream.gcount()) != size) {
    return file_error(path, "could not be read to its end (it changed while being read?)");
  }
  return bytes;
}

Result<TabularFile> parse_checked(std::string_view content, std::string_view path, const TabularLimits& limits) {
  if (content.starts_with(zip_magic) || content.starts_with(empty_zip_magic)) {
    return parse_xlsx_bytes(content, path, limits);
  }
  if (content.starts_with(ole_magic)) {
    return file_error(path, "is an Excel 97-2003 (.xls) or password-protected workbook; "
                            "save it as .xlsx without a password, or as CSV");
  }
  const std::string extension = lower_ascii(std::filesystem::path(path).extension().string());
  if (extension == ".xlsx" || extension == ".xlsm" || extension == ".xls") {
    return file_error(path, "is named " + extension +
                                " but is not an Excel workbook (no ZIP signature): it may be "
                                "truncated or another kind of file");
  }
  return parse_csv_bytes(content, path, limits);
}

Result<TabularFile> read_checked(const std::string& path, const TabularLimits& limits) {
  auto bytes = read_whole_file(path, limits);
  if (!bytes) return bytes.error();
  return parse_checked(bytes.value(), path, limits);
}

// Header matching: trimmed of ASCII whitespace and U+3000 (the full-width
// space Chinese input methods type) and of a stray U+FEFF, ASCII case folded.
std::string normalize_header(std::string_view header) {
  constexpr std::string_view ideographic_space = "\xE3\x80\x80";
  constexpr std::string_view zero_width_no_break = "\xEF\xBB\xBF";
  for (std::size_t pass = 0; pass < header.size() + 1; ++pass) {  // bounded: each pass shortens
    const std::size_t before = header.size();
    while (!header.empty() && std::string_view(" \t\r\n").find(header.front()) != std::string_view::npos) {
      header.remove_prefix(1);
    }
    while (!header.empty() && std::string_view(" \t\r\n").find(header.back()) != std::string_view::npos) {
      header.remove_suffix(1);
    }
    for (const auto mark : {ideographic_space, zero_width_no_break}) {
      if (header.starts_with(mark)) header.remove_prefix(mark.size());
      if (header.ends_with(mark)) header.remove_suffix(mark.size());
    }
    if (header.size() == before) break;
  }
  return lower_ascii(std::string(header));
}

std::string spec_names(const ColumnSpec& spec) {
  std::string names = spec.key;
  for (std::size_t index = 0; index < spec.aliases.size(); ++index) {
    names += (index == 0 ? " (" : ", ") + spec.aliases[index];
  }
  return spec.aliases.empty() ? names : names + ")";
}

std::string quoted_column(const std::vector<std::string>& headers, std::size_t index) {
  return column_letters(index) + " '" + headers[index] + "'";
}

// Which spec a header names; -1 for none, -2 when it names more than one (a
// mistake in the specs: one alias under two keys).
int find_spec(const std::string& normalized, const std::vector<ColumnSpec>& specs) {
  int found = -1;
  for (std::size_t spec_index = 0; spec_index < specs.size(); ++spec_index) {
    const ColumnSpec& spec = specs[spec_index];
    bool matches = normalize_header(spec.key) == normalized;
    for (const auto& alias : spec.aliases) matches = matches || normalize_header(alias) == normalized;
    if (!matches) continue;
    if (found != -1) return -2;
    found = static_cast<int>(spec_index);
  }
  return found;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const auto& part : parts) joined += (joined.empty() ? "" : std::string(separator)) + part;
  return joined;
}

}  // namespace

std::string column_letters(std::size_t column_index) {
  std::string letters;
  std::size_t number = column_index + 1;
  while (number > 0) {  // bounded: divides by 26 each pass
    const std::size_t remainder = (number - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + remainder));
    number = (number - 1) / 26;
  }
  return letters;
}

Error tabular_error(ReasonCode code, std::string_view file_name, std::size_t row_number,
                    std::string_view reason) {
  std::string message(file_name);
  if (row_number > 0) message += ": row " + std::to_string(row_number);
  message += ": ";
  message += reason;
  return make_error(code, std::move(message), "file");
}

Result<TabularFile> read_tabular_file(const std::string& path, const TabularLimits& limits) {
  try {
    return read_checked(path, limits);
  } catch (const std::bad_alloc&) {
    return file_error(path, "is too large to read into memory");
  } catch (const std::exception& exception) {
    return file_error(path, std::string("could not be read: ") + exception.what());
  }
}

Result<TabularFile> parse_tabular_bytes(std::string_view bytes, std::string_view name,
                                        const TabularLimits& limits) {
  if (bytes.size() > limits.bytes_max) {
    return file_error(name, "is " + std::to_string(bytes.size()) + " bytes, more than the " +
                                std::to_string(limits.bytes_max) + " allowed");
  }
  try {
    return parse_checked(bytes, name, limits);
  } catch (const std::bad_alloc&) {
    return file_error(name, "is too large to read into memory");
  } catch (const std::exception& exception) {
    return file_error(name, std::string("could not be read: ") + exception.what());
  }
}

Result<ColumnMap> map_columns(const std::vector<std::string>& headers,
                              const std::vector<ColumnSpec>& specs) {
  ColumnMap map;
  map.index_by_spec.assign(specs.size(), -1);
  std::vector<std::string> problems;
  for (std::size_t index = 0; index < headers.size(); ++index) {
    const std::string normalized = normalize_header(headers[index]);
    if (normalized.empty()) {
      problems.push_back("column " + column_letters(index) + " has no header");
      continue;
    }
    const int spec_index = find_spec(normalized, specs);
    if (spec_index == -2) {
      problems.push_back("column " + quoted_column(headers, index) + " matches more than one column");
    } else if (spec_index == -1) {
      problems.push_back("unknown column " + quoted_column(headers, index));
    } else if (int& slot = map.index_by_spec[static_cast<std::size_t>(spec_index)]; slot >= 0) {
      problems.push_back("columns " + quoted_column(headers, static_cast<std::size_t>(slot)) +
                         " and " + quoted_column(headers, index) + " are both " +
                         specs[static_cast<std::size_t>(spec_index)].key);
    } else {
      slot = static_cast<int>(index);
    }
  }
  for (std::size_t spec_index = 0; spec_index < specs.size(); ++spec_index) {
    if (specs[spec_index].required && map.index_by_spec[spec_index] < 0) {
      problems.push_back("missing required column " + spec_names(specs[spec_index]));
    }
  }
  if (problems.empty()) return map;
  return make_error(ReasonCode::bad_header,
                    join(problems, "; ") + "; the header has: " + join(headers, ", "), "header");
}

}  // namespace jiangbu
