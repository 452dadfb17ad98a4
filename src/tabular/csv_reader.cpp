#include "tabular/csv_reader.hpp"

#include <algorithm>
#include <new>
#include <optional>

#include "tabular/text_encoding.hpp"

namespace jiangbu {

namespace {

Error file_error(std::string_view name, std::size_t row_number, std::string_view reason) {
  return tabular_error(ReasonCode::bad_file, name, row_number, reason);
}

std::size_t line_of_offset(std::string_view text, std::size_t offset) {
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(offset, text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

bool is_line_end(char character) { return character == '\n' || character == '\r'; }

// The delimiter, read from the first line with content. Excel's "CSV" is
// comma-separated; tab-separated exports and European locales' semicolons
// also occur. Only a header line with no comma and exactly one of the other
// two (outside quotes) switches: anything less clear stays comma.
char detect_delimiter(std::string_view text) {
  std::size_t position = text.find_first_not_of(" \r\n");
  if (position == std::string_view::npos) return ',';
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  bool quoted = false;
  for (; position < text.size(); ++position) {
    const char character = text[position];
    if (character == '"') quoted = !quoted;
    if (quoted) continue;
    if (is_line_end(character)) break;
    commas += character == ',' ? 1 : 0;
    tabs += character == '\t' ? 1 : 0;
    semicolons += character == ';' ? 1 : 0;
  }
  if (commas == 0 && tabs > 0 && semicolons == 0) return '\t';
  if (commas == 0 && semicolons > 0 && tabs == 0) return ';';
  return ',';
}

// Splits decoded text into records, one call per record. Each call consumes
// at least one byte, so the caller's loop is bounded by the text's size.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, char delimiter, const TabularLimits& limits,
             std::string_view name)
      : text_(text), delimiter_(delimiter), limits_(limits), name_(name) {}

  [[nodiscard]] bool at_end() const { return position_ >= text_.size(); }
  [[nodiscard]] std::size_t record_number() const { return record_number_; }

  // Reads the next record into cells (at_end() must be false).
  Status next(std::vector<std::string>& cells) {
    ++record_number_;
    cells.clear();
    for (;;) {  // bounded: at most columns_max cells, then an error
      if (cells.size() >= limits_.columns_max) {
        return error("has more than " + std::to_string(limits_.columns_max) + " cells");
      }
      auto cell = read_cell(cells.size());
      if (!cell) return cell.error();
      cells.push_back(std::move(cell).value());
      if (at_end()) return success();
      if (text_[position_] == delimiter_) {
        ++position_;
        continue;
      }
      skip_line_end();
      return success();
    }
  }

 private:
  Error error(std::string_view reason) const { return file_error(name_, record_number_, reason); }

  Error cell_error(std::size_t column_index, std::string_view reason) const {
    return error("column " + column_letters(column_index) + ": " + std::string(reason));
  }

  void skip_line_end() {
    if (text_[position_] == '\r' && position_ + 1 < text_.size() && text_[position_ + 1] == '\n') {
      ++position_;
    }
    ++position_;
  }

  void skip_spaces() {
    while (position_ < text_.size() && text_[position_] == ' ') ++position_;
  }

  Status check_cell_size(std::size_t column_index, std::size_t size) const {
    if (size <= limits_.cell_bytes_max) return success();
    return cell_error(column_index, "the cell is more than " +
                                        std::to_string(limits_.cell_bytes_max) + " bytes long");
  }

  Result<std::string> read_cell(std::size_t column_index) {
    const std::size_t start = position_;
    skip_spaces();
    if (position_ < text_.size() && text_[position_] == '"') return read_quoted(column_index);
    position_ = start;
    const std::string_view stops = delimiter_ == ',' ? ",\r\n" : delimiter_ == ';' ? ";\r\n" : "\t\r\n";
    std::size_t end = text_.find_first_of(stops, position_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view cell = text_.substr(position_, end - position_);
    position_ = end;
    // Spaces around an unquoted cell are padding, not data ("1234.56 ").
    const std::size_t first = cell.find_first_not_of(' ');
    cell = first == std::string_view::npos ? std::string_view() : cell.substr(first);
    cell = cell.substr(0, cell.find_last_not_of(' ') + 1);
    if (auto size = check_cell_size(column_index, cell.size()); !size) return size.error();
    return std::string(cell);
  }

  // position_ is on the opening quote. Nothing inside the quotes is trimmed.
  Result<std::string> read_quoted(std::size_t column_index) {
    const std::size_t opening = position_++;
    std::string cell;
    for (;;) {  // bounded: every pass consumes at least the quote it stops at
      const std::size_t quote = text_.find('"', position_);
      if (quote == std::string_view::npos) {
        return cell_error(column_index, "the quote opened on line " +
                                            std::to_string(line_of_offset(text_, opening)) +
                                            " never closes (a closing \" is missing)");
      }
      cell.append(text_.substr(position_, quote - position_));
      position_ = quote + 1;
      if (position_ < text_.size() && text_[position_] == '"') {
        cell.push_back('"');  // "" inside quotes is one quote
        ++position_;
      } else {
        break;
      }
      if (auto size = check_cell_size(column_index, cell.size()); !size) return size.error();
    }
    if (auto size = check_cell_size(column_index, cell.size()); !size) return size.error();
    skip_spaces();
    if (position_ < text_.size() && text_[position_] != delimiter_ && !is_line_end(text_[position_])) {
      return cell_error(column_index, "text follows the closing quote of a quoted cell");
    }
    return cell;
  }

  std::string_view text_;
  char delimiter_;
  const TabularLimits& limits_;
  std::string_view name_;
  std::size_t position_ = 0;
  std::size_t record_number_ = 0;
};

bool all_empty(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) { return cell.empty(); });
}

// A data row may not carry a value in a column the header does not name (the
// value would be lost); blank cells past the header are Excel's padding of its
// used range and are dropped. Short rows are padded with blanks.
Status fit_to_header(std::vector<std::string>& cells, const std::vector<std::string>& headers,
                     std::string_view name, std::size_t row_number) {
  for (std::size_t index = headers.size(); index < cells.size(); ++index) {
    if (!cells[index].empty()) {
      return file_error(name, row_number,
                        "has " + std::to_string(cells.size()) + " cells but the header has " +
                            std::to_string(headers.size()) + ": column " + column_letters(index) +
                            " holds '" + cells[index] + "' under no header");
    }
  }
  cells.resize(headers.size());
  return success();
}

Result<TabularFile> split_records(std::string_view text, std::string_view name,
                                  const TabularLimits& limits, TabularFile file) {
  CsvScanner scanner(text, detect_delimiter(text), limits, name);
  std::vector<std::string> cells;
  bool header_found = false;
  while (!scanner.at_end()) {  // bounded: each record consumes at least one byte
    if (auto status = scanner.next(cells); !status) return status.error();
    if (all_empty(cells)) continue;
    const std::size_t row_number = scanner.record_number();
    if (!header_found) {
      while (!cells.empty() && cells.back().empty()) cells.pop_back();
      file.headers = cells;
      file.header_row_number = row_number;
      header_found = true;
      continue;
    }
    if (auto status = fit_to_header(cells, file.headers, name, row_number); !status) {
      return status.error();
    }
    if (file.rows.size() >= limits.rows_max) {
      return file_error(name, row_number,
                        "more than " + std::to_string(limits.rows_max) + " data rows");
    }
    file.rows.push_back(TabularRow{row_number, cells});
  }
  if (!header_found) return file_error(name, 0, "is empty: there is no header row");
  return file;
}

bool has_wide_unicode_bom(std::string_view bytes) {
  return bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
         bytes.starts_with(std::string_view("\x00\x00\xFE\xFF", 4));
}

Result<TabularFile> parse_csv_checked(std::string_view bytes, std::string_view name,
                                      const TabularLimits& limits) {
  if (bytes.size() > limits.bytes_max) {
    return file_error(name, 0, "is " + std::to_string(bytes.size()) + " bytes, more than the " +
                                   std::to_string(limits.bytes_max) + " allowed");
  }
  // A NUL never belongs in a text file: it means a binary file or UTF-16
  // without a byte-order mark (with one, decoding names it better).
  const std::size_t nul = bytes.find('\0');
  if (nul != std::string_view::npos && !has_wide_unicode_bom(bytes)) {
    return file_error(name, 0, "has a NUL byte at byte offset " + std::to_string(nul) + " (line " +
                                   std::to_string(line_of_offset(bytes, nul)) +
                                   "): it is not a text CSV file (binary, or UTF-16)");
  }
  auto decoded = decode_to_utf8(bytes);
  if (!decoded) {
    return Error(decoded.error().code, std::string(name) + ": " + decoded.error().message, "file");
  }
  TabularFile file;
  file.format = "csv";
  file.encoding = decoded.value().encoding;
  // Cells are cut at ASCII delimiters only, which never fall inside a UTF-8
  // sequence, so every cell of valid UTF-8 text is valid UTF-8.
  return split_records(decoded.value().utf8, name, limits, std::move(file));
}

}  // namespace

Result<TabularFile> parse_csv_bytes(std::string_view bytes, std::string_view name,
                                    const TabularLimits& limits) {
  try {
    return parse_csv_checked(bytes, name, limits);
  } catch (const std::bad_alloc&) {
    return file_error(name, 0, "is too large to read into memory");
  } catch (const std::exception& exception) {
    return file_error(name, 0, std::string("could not be read: ") + exception.what());
  }
}

}  // namespace jiangbu
