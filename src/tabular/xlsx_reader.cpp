#include "tabular/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <chrono>
#include <map>
#include <memory>
#include <new>
#include <optional>

#include "core/text.hpp"

namespace jiangbu {

namespace {

// Real workbooks have a few dozen parts, styles and relationships; these
// bounds only stop crafted files from making us loop or allocate forever.
constexpr std::size_t zip_entries_max = 10'000;
constexpr std::size_t relationships_max = 10'000;
constexpr std::size_t sheets_max = 10'000;
constexpr std::size_t cell_styles_max = 100'000;  // Excel itself allows 64,000
constexpr std::size_t read_chunk_bytes = 64 * 1024;
constexpr std::size_t excel_rows_max = 1'048'576;
constexpr std::size_t excel_columns_max = 16'384;
// expat is created with this namespace separator, so "{uri} local" names
// compare by their local part whatever prefix ("x:row") a writer used.
constexpr char namespace_separator = ' ';

// ---------------------------------------------------------------------------
// What every step shares: the file's name for messages and the expansion
// budget (bytes unzipped plus cell text produced), checked as bytes arrive.

struct ReadContext {
  std::string_view name;
  const TabularLimits& limits;
  std::size_t expanded_bytes = 0;

  [[nodiscard]] Error error(std::size_t row_number, std::string_view reason) const {
    return tabular_error(ReasonCode::bad_file, name, row_number, reason);
  }

  // False when the budget is spent: a zip bomb, or far too much data.
  bool spend(std::size_t bytes) {
    if (bytes > limits.expanded_bytes_max - std::min(expanded_bytes, limits.expanded_bytes_max)) {
      return false;
    }
    expanded_bytes += bytes;
    return true;
  }

  [[nodiscard]] std::string over_budget() const {
    return "unpacks to more than " + std::to_string(limits.expanded_bytes_max) +
           " bytes of XML and text (a damaged or malicious file, or far too much data)";
  }
};

std::optional<std::size_t> parse_count(std::string_view text) {
  std::size_t value = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (status != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view trim_xml_space(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::optional<char32_t> parse_escape(std::string_view text, std::size_t index) {
  if (index + 7 > text.size() || text[index] != '_' || text[index + 1] != 'x' || text[index + 6] != '_') {
    return std::nullopt;
  }
  unsigned value = 0;
  const char* first = text.data() + index + 2;
  const auto [end, status] = std::from_chars(first, first + 4, value, 16);
  if (status != std::errc() || end != first + 4) return std::nullopt;
  return static_cast<char32_t>(value);
}

// Cell text escapes characters XML cannot hold as _xHHHH_ (ECMA-376 Part 1,
// 22.4.2.4 ST_Xstring): Excel stores a line break typed in a cell as _x000D_.
// NUL and lone surrogates cannot be text: those stay as written.
std::string decode_escapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t index = 0; index < text.size();) {  // bounded: index grows each pass
    const auto code_point = parse_escape(text, index);
    if (code_point && *code_point != 0 && (*code_point < 0xD800 || *code_point > 0xDFFF)) {
      append_utf8(decoded, *code_point);
      index += 7;
    } else {
      decoded.push_back(text[index++]);
    }
  }
  return decoded;
}

// ---------------------------------------------------------------------------
// Streaming XML: a handler sees start tags, end tags and text, and stops the
// parse by setting failure.

std::string_view local_name(const XML_Char* name) {
  const std::string_view full(name);
  const std::size_t separator = full.rfind(namespace_separator);
  return separator == std::string_view::npos ? full : full.substr(separator + 1);
}

// An attribute by local name; namespaced picks "r:id" over a plain "id".
std::optional<std::string_view> attribute(const XML_Char** attributes, std::string_view name,
                                          bool namespaced = false) {
  // expat ends the name/value array with a null pointer.
  for (std::size_t index = 0; attributes[index] != nullptr; index += 2) {
    const std::string_view full(attributes[index]);
    const std::size_t separator = full.rfind(namespace_separator);
    const bool has_namespace = separator != std::string_view::npos;
    const std::string_view local = has_namespace ? full.substr(separator + 1) : full;
    if (local == name && has_namespace == namespaced) return std::string_view(attributes[index + 1]);
  }
  return std::nullopt;
}

class XmlHandler {
 public:
  explicit XmlHandler(ReadContext& context) : context_(context) {}
  virtual ~XmlHandler() = default;
  XmlHandler(const XmlHandler&) = delete;
  XmlHandler& operator=(const XmlHandler&) = delete;

  virtual void start(std::string_view name, const XML_Char** attributes) = 0;
  virtual void end(std::string_view name) = 0;
  virtual void text(std::string_view /*data*/) {}
  // The sheet row being read, for messages; 0 outside a sheet.
  [[nodiscard]] virtual std::size_t row_number() const { return 0; }

  void fail(std::string_view reason) {
    if (!failure) failure = context_.error(row_number(), reason);
  }

  std::optional<Error> failure;

 protected:
  ReadContext& context_;
};

class XmlParser {
 public:
  XmlParser(XmlHandler& handler, std::string part)
      : parser_(XML_ParserCreateNS(nullptr, namespace_separator)),
        handler_(handler),
        part_(std::move(part)) {
    if (parser_ == nullptr) return;
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, on_start, on_end);
    XML_SetCharacterDataHandler(parser_, on_text);
    XML_SetStartDoctypeDeclHandler(parser_, on_doctype);
  }
  ~XmlParser() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
  }
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  Status feed(std::string_view chunk, bool final, const ReadContext& context) {
    if (parser_ == nullptr) return context.error(0, part_ + ": out of memory for the XML parser");
    const auto status = XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), final ? 1 : 0);
    if (handler_.failure) return *handler_.failure;
    if (status == XML_STATUS_OK) return success();
    return context.error(handler_.row_number(),
                         part_ + " is not well-formed XML: " +
                             XML_ErrorString(XML_GetErrorCode(parser_)) + " at line " +
                             std::to_string(XML_GetCurrentLineNumber(parser_)));
  }

 private:
  // Exceptions must not unwind through expat's C frames: catch them here.
  template <typename Body>
  static void guarded(void* data, Body&& body) {
    auto& self = *static_cast<XmlParser*>(data);
    if (self.handler_.failure) return;
    try {
      body(self.handler_);
    } catch (const std::bad_alloc&) {
      self.handler_.fail("is too large to read into memory");
    } catch (const std::exception& exception) {
      self.handler_.fail(std::string("could not be read: ") + exception.what());
    }
    if (self.handler_.failure) XML_StopParser(self.parser_, static_cast<XML_Bool>(0));
  }

  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guarded(data, [&](XmlHandler& handler) { handler.start(local_name(name), attributes); });
  }
  static void on_end(void* data, const XML_Char* name) {
    guarded(data, [&](XmlHandler& handler) { handler.end(local_name(name)); });
  }
  static void on_text(void* data, const XML_Char* text, int length) {
    guarded(data, [&](XmlHandler& handler) {
      handler.text(std::string_view(text, static_cast<std::size_t>(length)));
    });
  }
  // OOXML parts never have a DTD; refusing one also rules out entity
  // expansion attacks ("billion laughs") before any entity is declared.
  static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto& self = *static_cast<XmlParser*>(data);
    guarded(data, [&](XmlHandler& handler) {
      handler.fail(self.part_ + " has a DOCTYPE, which OOXML never has");
    });
  }

  XML_Parser parser_;
  XmlHandler& handler_;
  std::string part_;
};

// ---------------------------------------------------------------------------
// The ZIP container.

struct ArchiveCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct EntryCloser {
  void operator()(zip_file_t* entry) const { zip_fclose(entry); }
};
using ArchivePointer = std::unique_ptr<zip_t, ArchiveCloser>;
using EntryPointer = std::unique_ptr<zip_file_t, EntryCloser>;

Result<ArchivePointer> open_archive(std::string_view bytes, const ReadContext& context) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source == nullptr ? nullptr : zip_open_from_source(source, ZIP_RDONLY, &error);
  const std::string why = zip_error_strerror(&error);
  zip_error_fini(&error);
  if (archive == nullptr) {
    if (source != nullptr) zip_source_free(source);  // on failure the source stays ours
    return context.error(0, "is not a readable XLSX file (ZIP archive: " + why +
                                "); it may be truncated or damaged");
  }
  ArchivePointer owned(archive);
  const zip_int64_t entries = zip_get_num_entries(archive, 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > zip_entries_max) {
    return context.error(0, "has more than " + std::to_string(zip_entries_max) +
                                " entries: not an Excel workbook");
  }
  return owned;
}

bool has_part(zip_t* archive, const std::string& part) {
  return zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE) >= 0;
}

// Unzips one part straight into the XML parser, 64 KiB at a time, counting
// every byte against the expansion budget (declared sizes can lie).
Status stream_part(zip_t* archive, const std::string& part, ReadContext& context,
                   XmlHandler& handler) {
  const zip_int64_t index = zip_name_locate(archive, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return context.error(0, "has no " + part + ": the workbook is incomplete");
  const auto entry_index = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(archive, entry_index, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0 &&
      stat.size > context.limits.expanded_bytes_max) {
    return context.error(0, part + " " + context.over_budget());
  }
  EntryPointer entry(zip_fopen_index(archive, entry_index, 0));
  if (!entry) return context.error(0, part + " cannot be unpacked: " + zip_strerror(archive));
  XmlParser parser(handler, part);
  std::string buffer(read_chunk_bytes, '\0');
  for (;;) {  // bounded: each pass spends at least one byte of the budget, or ends
    const zip_int64_t read = zip_fread(entry.get(), buffer.data(), buffer.size());
    if (read < 0) {
      return context.error(0, part + " cannot be unpacked: " + zip_file_strerror(entry.get()));
    }
    const auto size = static_cast<std::size_t>(read);
    if (!context.spend(size)) return context.error(0, part + " " + context.over_budget());
    if (auto fed = parser.feed(std::string_view(buffer.data(), size), size == 0, context); !fed) {
      return fed.error();
    }
    if (size == 0) return success();
  }
}

// ---------------------------------------------------------------------------
// xl/workbook.xml: the sheets in tab order, and the date system.

struct SheetEntry {
  std::string name;
  std::string state;  // "visible", "hidden" or "veryHidden"
  std::string relationship;
};

class WorkbookHandler : public XmlHandler {
 public:
  using XmlHandler::XmlHandler;

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "workbookPr") {
      const auto date1904 = attribute(attributes, "date1904");
      uses_1904_dates = date1904 && (*date1904 == "1" || *date1904 == "true");
    } else if (name == "sheets") {
      in_sheets_ = true;
    } else if (name == "sheet" && in_sheets_) {
      if (sheets.size() >= sheets_max) return fail("xl/workbook.xml has too many sheets");
      sheets.push_back(SheetEntry{std::string(attribute(attributes, "name").value_or("")),
                                  std::string(attribute(attributes, "state").value_or("visible")),
                                  std::string(attribute(attributes, "id", true).value_or(""))});
    }
  }
  void end(std::string_view name) override {
    if (name == "sheets") in_sheets_ = false;
  }

  bool uses_1904_dates = false;
  std::vector<SheetEntry> sheets;

 private:
  bool in_sheets_ = false;
};

// xl/_rels/workbook.xml.rels: where the sheet, shared strings and styles live.

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
  bool external = false;
};

class RelationshipsHandler : public XmlHandler {
 public:
  using XmlHandler::XmlHandler;

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name != "Relationship") return;
    if (relationships.size() >= relationships_max) {
      return fail("xl/_rels/workbook.xml.rels has too many relationships");
    }
    relationships.push_back(Relationship{
        std::string(attribute(attributes, "Id").value_or("")),
        std::string(attribute(attributes, "Type").value_or("")),
        std::string(attribute(attributes, "Target").value_or("")),
        attribute(attributes, "TargetMode").value_or("") == "External"});
  }
  void end(std::string_view /*name*/) override {}

  // Transitional and Strict OOXML differ in the type's URI but not its end.
  [[nodiscard]] const Relationship* find_type(std::string_view type_suffix) const {
    for (const auto& relationship : relationships) {
      if (std::string_view(relationship.type).ends_with(type_suffix) && !relationship.external) {
        return &relationship;
      }
    }
    return nullptr;
  }
  [[nodiscard]] const Relationship* find_id(std::string_view id) const {
    for (const auto& relationship : relationships) {
      if (relationship.id == id) return &relationship;
    }
    return nullptr;
  }

  std::vector<Relationship> relationships;
};

// A relationship target is relative to xl/ (the workbook's folder) unless it
// starts with "/". Returns nothing for a target that climbs out of the archive.
std::optional<std::string> resolve_part(std::string_view target) {
  const std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                                    : "xl/" + std::string(target);
  std::vector<std::string_view> segments;
  const std::string_view path = joined;
  for (std::size_t start = 0; start <= path.size();) {  // bounded: start grows each pass
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string resolved;
  for (const auto segment : segments) resolved += (resolved.empty() ? "" : "/") + std::string(segment);
  if (resolved.empty()) return std::nullopt;
  return resolved;
}

// xl/sharedStrings.xml: the text of string cells, referenced by index. A rich
// string's runs (<r><t>) are concatenated; phonetic guides (<rPh>, furigana)
// are not part of the text.

class SharedStringsHandler : public XmlHandler {
 public:
  using XmlHandler::XmlHandler;

  void start(std::string_view name, const XML_Char** /*attributes*/) override {
    if (name == "si") {
      in_item_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_text_ = in_item_ && phonetic_depth_ == 0;
    }
  }
  void end(std::string_view name) override {
    if (name == "t") {
      in_text_ = false;
    } else if (name == "rPh") {
      phonetic_depth_ -= phonetic_depth_ > 0 ? 1 : 0;
    } else if (name == "si" && in_item_) {
      strings.push_back(decode_escapes(current_));
      in_item_ = false;
    }
  }
  void text(std::string_view data) override {
    if (in_text_) current_.append(data);
  }

  std::vector<std::string> strings;

 private:
  bool in_item_ = false;
  bool in_text_ = false;
  std::size_t phonetic_depth_ = 0;
  std::string current_;
};

// xl/styles.xml: which cell styles show a number as a date.

// Built-in number formats that are dates or times: 14-22 and 45-47 (ECMA-376
// Part 1, 18.8.30), and 27-36 and 50-58, the East Asian built-ins that
// Chinese Excel writes without spelling out their code (31 is
// yyyy"年"m"月"d"日", 57 is yyyy"年"m"月").
bool is_builtin_date_format(std::size_t format_id) {
  return (format_id >= 14 && format_id <= 22) || (format_id >= 27 && format_id <= 36) ||
         (format_id >= 45 && format_id <= 47) || (format_id >= 50 && format_id <= 58);
}

// A custom format is a date if it has d, m or y outside quoted text
// ("元"), brackets ([Red], [$-804]), escapes (\d) and padding (_x, *x).
// Times (h:mm) count too: their whole serial is still a day.
bool is_date_format_code(std::string_view code) {
  for (std::size_t index = 0; index < code.size(); ++index) {  // bounded by the code's size
    const char character = code[index];
    if (character == '"') {
      const std::size_t close = code.find('"', index + 1);
      if (close == std::string_view::npos) return false;
      index = close;
    } else if (character == '[') {
      const std::size_t close = code.find(']', index + 1);
      if (close == std::string_view::npos) return false;
      index = close;
    } else if (character == '\\' || character == '_' || character == '*') {
      ++index;
    } else if (std::string_view("dDmMyY").find(character) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

class StylesHandler : public XmlHandler {
 public:
  using XmlHandler::XmlHandler;

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "numFmts") {
      in_formats_ = true;
    } else if (name == "cellXfs") {
      in_cell_formats_ = true;
    } else if (name == "numFmt" && in_formats_) {
      const auto format_id = parse_count(attribute(attributes, "numFmtId").value_or(""));
      const auto code = attribute(attributes, "formatCode").value_or("");
      if (format_id) custom_formats_[*format_id] = std::string(code);
    } else if (name == "xf" && in_cell_formats_) {
      if (format_by_style_.size() >= cell_styles_max) {
        return fail("xl/styles.xml has too many cell styles");
      }
      const auto format_id = parse_count(attribute(attributes, "numFmtId").value_or("0"));
      format_by_style_.push_back(format_id.value_or(0));
    }
  }
  void end(std::string_view name) override {
    if (name == "numFmts") in_formats_ = false;
    if (name == "cellXfs") in_cell_formats_ = false;
  }

  [[nodiscard]] std::vector<bool> date_styles() const {
    std::vector<bool> dates;
    dates.reserve(format_by_style_.size());
    for (const std::size_t format_id : format_by_style_) {
      const auto custom = custom_formats_.find(format_id);
      dates.push_back(custom != custom_formats_.end() ? is_date_format_code(custom->second)
                                                      : is_builtin_date_format(format_id));
    }
    return dates;
  }

 private:
  bool in_formats_ = false;
  bool in_cell_formats_ = false;
  std::map<std::size_t, std::string> custom_formats_;
  std::vector<std::size_t> format_by_style_;
};

// ---------------------------------------------------------------------------
// Dates: a serial number of days, converted with integer arithmetic only.

std::string iso_date(std::chrono::year_month_day date) {
  char text[16];
  const auto year = static_cast<int>(date.year());
  const auto month = static_cast<unsigned>(date.month());
  const auto day = static_cast<unsigned>(date.day());
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
  return text;
}

// "45366" or "45366.75" in a date style -> "2024-03-15". The 1900 system
// counts 1900-01-01 as 1 and, copying Lotus 1-2-3, has a 29 February 1900
// (serial 60) that never was; the 1904 system counts 1904-01-01 as 0. Text
// that is not a plain non-negative decimal, a serial below 1 (a time of day
// alone) or beyond 9999-12-31 stays as the number Excel stored.
std::optional<std::string> serial_to_date(std::string_view number, bool uses_1904_dates) {
  using namespace std::chrono;
  const std::size_t dot = number.find('.');
  const std::string_view fraction = dot == std::string_view::npos ? "" : number.substr(dot + 1);
  const auto whole = parse_count(number.substr(0, dot));
  if (!whole || *whole > 3'000'000 || fraction.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  // Within 86 microseconds of midnight is a midnight computed in binary
  // floating point (45366.999999999993): Excel shows the next day.
  const std::size_t serial = *whole + (fraction.starts_with("999999999") ? 1 : 0);
  if (serial == 0) return std::nullopt;
  if (!uses_1904_dates && serial == 60) return std::string("1900-02-29");
  const sys_days origin = sys_days(year(uses_1904_dates ? 1904 : 1900) / January / 1);
  const std::size_t offset = uses_1904_dates ? serial : serial - (serial < 60 ? 1 : 2);
  const year_month_day date(origin + days(static_cast<int>(offset)));
  if (date.year() > year(9999)) return std::nullopt;
  return iso_date(date);
}

// A cell of type "d" holds ISO 8601 text; its date part is what we keep.
std::string iso_date_part(std::string_view text) {
  const bool shaped = text.size() >= 10 && text[4] == '-' && text[7] == '-' &&
                      (text.size() == 10 || text[10] == 'T') &&
                      std::all_of(text.begin(), text.begin() + 10, [](char character) {
                        return (character >= '0' && character <= '9') || character == '-';
                      });
  return std::string(shaped ? text.substr(0, 10) : text);
}

// ---------------------------------------------------------------------------
// The worksheet, streamed row by row.

enum class CellType {
  number, shared_string, inline_string, formula_string, boolean, error, date, unknown
};

CellType cell_type(std::string_view type) {
  if (type.empty() || type == "n") return CellType::number;
  if (type == "s") return CellType::shared_string;
  if (type == "inlineStr") return CellType::inline_string;
  if (type == "str") return CellType::formula_string;
  if (type == "b") return CellType::boolean;
  if (type == "e") return CellType::error;
  if (type == "d") return CellType::date;
  return CellType::unknown;
}

struct CellReference {
  std::size_t column = 0;  // 1-based, as in "C" = 3
  std::size_t row = 0;
};

// "C5" -> {3, 5}; up to "XFD1048576".
std::optional<CellReference> parse_cell_reference(std::string_view text) {
  CellReference reference;
  std::size_t index = 0;
  for (; index < text.size() && index < 4; ++index) {
    char letter = text[index];
    if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
    if (letter < 'A' || letter > 'Z') break;
    reference.column = reference.column * 26 + static_cast<std::size_t>(letter - 'A' + 1);
  }
  const auto row = parse_count(text.substr(index));
  if (index == 0 || !row) return std::nullopt;
  reference.row = *row;
  return reference;
}

struct SheetSettings {
  const std::vector<std::string>& shared_strings;
  const std::vector<bool>& date_styles;
  bool uses_1904_dates = false;
  bool as_grid = false;  // no header row: every row kept as wide as its last value
};

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(ReadContext& context, const SheetSettings& settings, TabularFile& file)
      : XmlHandler(context), settings_(settings), file_(file) {}

  void start(std::string_view name, const XML_Char** attributes) override {
    if (name == "sheetData") in_sheet_data_ = true;
    if (!in_sheet_data_) return;
    if (name == "row") {
      start_row(attributes);
    } else if (name == "c") {
      start_cell(attributes);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = saw_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_text_ = in_inline_ && phonetic_depth_ == 0;
    }
  }

  void end(std::string_view name) override {
    if (name == "sheetData") in_sheet_data_ = false;
    if (name == "row" && in_row_) {
      end_row();
    } else if (name == "c" && in_cell_) {
      end_cell();
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      phonetic_depth_ -= phonetic_depth_ > 0 ? 1 : 0;
    } else if (name == "t") {
      in_text_ = false;
    }
  }

  void text(std::string_view data) override {
    if (!in_cell_ || !(in_value_ || in_text_)) return;
    std::string& target = in_text_ ? inline_text_ : value_text_;
    // _xHHHH_ escapes shrink when decoded: allow for them here, check the
    // decoded text against cell_bytes_max in end_cell.
    if (target.size() + data.size() > 7 * context_.limits.cell_bytes_max + 64) {
      return fail(cell_name() + ": the cell is more than " +
                  std::to_string(context_.limits.cell_bytes_max) + " bytes long");
    }
    target.append(data);
  }

  [[nodiscard]] std::size_t row_number() const override { return row_number_; }
  [[nodiscard]] bool header_found() const { return header_found_; }

 private:
  [[nodiscard]] std::string cell_name() const {
    return "cell " + column_letters(cell_column_ - 1) + std::to_string(row_number_);
  }

  void start_row(const XML_Char** attributes) {
    if (in_row_) return fail("a row starts inside another row");
    std::size_t number = row_number_ + 1;
    if (const auto text = attribute(attributes, "r")) {
      const auto parsed = parse_count(*text);
      if (!parsed || *parsed <= row_number_) {
        return fail("the next row is numbered '" + std::string(*text) + "', not after row " +
                    std::to_string(row_number_));
      }
      number = *parsed;
    }
    if (number > excel_rows_max) return fail("a row is numbered beyond Excel's last row");
    row_number_ = number;
    in_row_ = true;
    previous_column_ = 0;
    row_cells_.clear();
  }

  void start_cell(const XML_Char** attributes) {
    if (!in_row_ || in_cell_) return fail("a cell is outside a row or inside another cell");
    std::size_t column = previous_column_ + 1;
    if (const auto text = attribute(attributes, "r")) {
      const auto reference = parse_cell_reference(*text);
      if (!reference || reference->row != row_number_) {
        return fail("the cell reference '" + std::string(*text) + "' is not in this row");
      }
      column = reference->column;
    }
    if (column <= previous_column_ || column > excel_columns_max) {
      return fail("cell " + column_letters(std::min(column, excel_columns_max) - 1) +
                  std::to_string(row_number_) + " is out of order or repeated");
    }
    previous_column_ = cell_column_ = column;
    type_ = cell_type(attribute(attributes, "t").value_or(""));
    if (type_ == CellType::unknown) return fail(cell_name() + " has an unknown type");
    const auto style = parse_count(attribute(attributes, "s").value_or("0")).value_or(0);
    date_styled_ = style < settings_.date_styles.size() && settings_.date_styles[style];
    value_text_.clear();
    inline_text_.clear();
    in_cell_ = true;
    in_value_ = in_inline_ = saw_inline_ = in_text_ = false;
    phonetic_depth_ = 0;
  }

  std::optional<std::string> shared_string() {
    const auto index = parse_count(trim_xml_space(value_text_));
    if (!index) {
      fail(cell_name() + ": the shared string index '" + value_text_ + "' is not a number");
      return std::nullopt;
    }
    if (*index >= settings_.shared_strings.size()) {
      fail(cell_name() + " refers to shared string " + std::to_string(*index) + " but there are only " +
           std::to_string(settings_.shared_strings.size()));
      return std::nullopt;
    }
    return settings_.shared_strings[*index];
  }

  // The cell's text by its type. Numbers stay the text Excel stored.
  std::optional<std::string> cell_text() {
    const std::string_view value = trim_xml_space(value_text_);
    // A styled blank (<c r="B2" s="3" t="s"/>) has no value whatever its type.
    if (value.empty() && inline_text_.empty()) return std::string();
    switch (type_) {
      case CellType::shared_string: return shared_string();
      case CellType::inline_string: return decode_escapes(saw_inline_ ? inline_text_ : value_text_);
      case CellType::formula_string: return decode_escapes(value_text_);
      case CellType::error: return std::string(value);
      case CellType::date: return iso_date_part(value);
      case CellType::boolean:
        if (value.empty() || value == "0" || value == "1") {
          return std::string(value.empty() ? "" : value == "1" ? "TRUE" : "FALSE");
        }
        fail(cell_name() + " is a boolean holding '" + std::string(value) + "'");
        return std::nullopt;
      case CellType::number:
      case CellType::unknown:
        break;
    }
    if (date_styled_) {
      if (auto date = serial_to_date(value, settings_.uses_1904_dates)) return date;
    }
    return std::string(value);
  }

  void end_cell() {
    in_cell_ = in_value_ = in_inline_ = in_text_ = false;
    auto text = cell_text();
    if (!text || text->empty()) return;
    const auto& limits = context_.limits;
    if (text->size() > limits.cell_bytes_max) {
      return fail(cell_name() + ": the cell is more than " + std::to_string(limits.cell_bytes_max) +
                  " bytes long");
    }
    if (cell_column_ > limits.columns_max) {
      return fail(cell_name() + " holds a value beyond the " + std::to_string(limits.columns_max) +
                  " columns allowed");
    }
    if (!context_.spend(text->size())) return fail(context_.over_budget());
    if (row_cells_.size() < cell_column_) row_cells_.resize(cell_column_);
    row_cells_[cell_column_ - 1] = std::move(*text);
  }

  // Only non-empty cells are stored, so row_cells_ ends with a value (or is
  // empty for a row of blank, formatted cells, which is skipped).
  void end_row() {
    in_row_ = false;
    if (row_cells_.empty()) return;
    if (settings_.as_grid) return keep_grid_row();
    if (!header_found_) {
      file_.headers = std::move(row_cells_);
      file_.header_row_number = row_number_;
      header_found_ = true;
      row_cells_ = {};
      return;
    }
    if (row_cells_.size() > file_.headers.size()) {
      const std::size_t last = row_cells_.size() - 1;
      return fail("has a value in column " + column_letters(last) + " ('" + row_cells_[last] +
                  "') but the header has only " + std::to_string(file_.headers.size()) + " columns");
    }
    if (file_.rows.size() >= context_.limits.rows_max) {
      return fail("more than " + std::to_string(context_.limits.rows_max) + " data rows");
    }
    row_cells_.resize(file_.headers.size());
    file_.rows.push_back(TabularRow{row_number_, std::move(row_cells_)});
    row_cells_ = {};
  }

  void keep_grid_row() {
    header_found_ = true;
    if (file_.rows.size() >= context_.limits.rows_max) {
      return fail("more than " + std::to_string(context_.limits.rows_max) + " rows");
    }
    file_.rows.push_back(TabularRow{row_number_, std::move(row_cells_)});
    row_cells_ = {};
  }

  const SheetSettings& settings_;
  TabularFile& file_;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  bool saw_inline_ = false;
  bool in_text_ = false;
  std::size_t phonetic_depth_ = 0;
  std::size_t row_number_ = 0;
  std::size_t previous_column_ = 0;
  std::size_t cell_column_ = 0;
  CellType type_ = CellType::number;
  bool date_styled_ = false;
  std::string value_text_;
  std::string inline_text_;
  std::vector<std::string> row_cells_;
  bool header_found_ = false;
};

// ---------------------------------------------------------------------------
// Putting it together.

struct SheetLocation {
  std::string part;
  std::string name;
  bool uses_1904_dates = false;
};

// Which sheet to read, and how.
struct SheetRequest {
  std::size_t index = 0;
  // A grid is read from a sheet the caller chose by position, so a hidden
  // one is read too; an upload's first sheet must be the one the unit sees.
  bool as_grid = false;
};

std::string describe_sheet(std::size_t index, const std::string& name) {
  return (index == 0 ? std::string("the first sheet '") : "sheet " + std::to_string(index + 1) + " '") +
         name + "'";
}

Result<SheetLocation> locate_sheet(zip_t* archive, const ReadContext& context,
                                   const RelationshipsHandler& relationships,
                                   const WorkbookHandler& workbook, const SheetRequest& request) {
  if (workbook.sheets.empty()) return context.error(0, "the workbook has no sheets");
  if (request.index >= workbook.sheets.size()) {
    return context.error(0, "has no sheet " + std::to_string(request.index + 1) + ", only " +
                                std::to_string(workbook.sheets.size()));
  }
  const SheetEntry& sheet = workbook.sheets[request.index];
  const std::string quoted_name = describe_sheet(request.index, sheet.name);
  if (sheet.state != "visible" && !request.as_grid) {
    return context.error(0, quoted_name + " is hidden: unhide it, or move the data to a visible "
                                          "first sheet");
  }
  const Relationship* relationship = relationships.find_id(sheet.relationship);
  if (relationship == nullptr || relationship->external) {
    return context.error(0, quoted_name + " has no part in the workbook");
  }
  if (!std::string_view(relationship->type).ends_with("/worksheet")) {
    return context.error(0, quoted_name + " is not a worksheet (a chart sheet?)");
  }
  const auto part = resolve_part(relationship->target);
  if (!part || !has_part(archive, *part)) {
    return context.error(0, quoted_name + " points to a part that is missing");
  }
  return SheetLocation{*part, sheet.name, workbook.uses_1904_dates};
}

// The part a relationship of this type names, or the usual path, if present.
std::optional<std::string> optional_part(zip_t* archive, const RelationshipsHandler& relationships,
                                         std::string_view type_suffix, const std::string& usual) {
  const Relationship* relationship = relationships.find_type(type_suffix);
  const auto part = relationship != nullptr ? resolve_part(relationship->target) : usual;
  if (part && has_part(archive, *part)) return part;
  return std::nullopt;
}

Status check_is_workbook(zip_t* archive, const ReadContext& context) {
  if (has_part(archive, "xl/workbook.xml")) return success();
  if (has_part(archive, "xl/workbook.bin")) {
    return context.error(0, "is an Excel binary workbook (.xlsb): save it as .xlsx or CSV");
  }
  return context.error(0, "is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml)");
}

// The archive with its workbook part and relationships read: what finding
// any sheet needs.
struct OpenWorkbook {
  explicit OpenWorkbook(ReadContext& context) : relationships(context), workbook(context) {}
  ArchivePointer archive;
  RelationshipsHandler relationships;
  WorkbookHandler workbook;
};

Status open_workbook(std::string_view bytes, ReadContext& context, OpenWorkbook& opened) {
  if (bytes.size() > context.limits.bytes_max) {
    return context.error(0, "is " + std::to_string(bytes.size()) + " bytes, more than the " +
                                std::to_string(context.limits.bytes_max) + " allowed");
  }
  // libzip reads zero bytes as a new, empty archive: say what it really is.
  if (bytes.empty()) return context.error(0, "is not a readable XLSX file: it is empty (0 bytes)");
  auto archive = open_archive(bytes, context);
  if (!archive) return archive.error();
  opened.archive = std::move(archive).value();
  if (auto workbook = check_is_workbook(opened.archive.get(), context); !workbook) return workbook;
  if (auto read = stream_part(opened.archive.get(), "xl/_rels/workbook.xml.rels", context,
                              opened.relationships);
      !read) {
    return read;
  }
  return stream_part(opened.archive.get(), "xl/workbook.xml", context, opened.workbook);
}

Result<TabularFile> parse_xlsx_checked(std::string_view bytes, ReadContext& context,
                                       const SheetRequest& request) {
  OpenWorkbook opened(context);
  if (auto open = open_workbook(bytes, context, opened); !open) return open.error();
  zip_t* archive = opened.archive.get();
  const RelationshipsHandler& relationships = opened.relationships;
  auto sheet = locate_sheet(archive, context, relationships, opened.workbook, request);
  if (!sheet) return sheet.error();
  SharedStringsHandler shared_strings(context);
  if (const auto part = optional_part(archive, relationships, "/sharedStrings", "xl/sharedStrings.xml")) {
    if (auto read = stream_part(archive, *part, context, shared_strings); !read) return read.error();
  }
  StylesHandler styles(context);
  if (const auto part = optional_part(archive, relationships, "/styles", "xl/styles.xml")) {
    if (auto read = stream_part(archive, *part, context, styles); !read) return read.error();
  }
  const std::vector<bool> date_styles = styles.date_styles();
  const SheetSettings settings{shared_strings.strings, date_styles, sheet.value().uses_1904_dates,
                               request.as_grid};
  TabularFile file;
  file.format = "xlsx";
  file.encoding = "xlsx";
  file.sheet_name = sheet.value().name;
  SheetHandler sheet_reader(context, settings, file);
  if (auto read = stream_part(archive, sheet.value().part, context, sheet_reader); !read) {
    return read.error();
  }
  if (!sheet_reader.header_found() && !request.as_grid) {
    return context.error(0, "the first sheet '" + file.sheet_name + "' is empty: there is no header row");
  }
  return file;
}

// Every reader entry point: no exception leaves it.
template <typename Body>
auto guard_reading(const ReadContext& context, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return context.error(0, "is too large to read into memory");
  } catch (const std::exception& exception) {
    return context.error(0, std::string("could not be read: ") + exception.what());
  }
}

}  // namespace

Result<TabularFile> parse_xlsx_bytes(std::string_view bytes, std::string_view name,
                                     const TabularLimits& limits) {
  ReadContext context{name, limits};
  return guard_reading(context, [&]() { return parse_xlsx_checked(bytes, context, SheetRequest{}); });
}

Result<std::vector<std::string>> list_xlsx_sheets(std::string_view bytes, std::string_view name,
                                                  const TabularLimits& limits) {
  ReadContext context{name, limits};
  return guard_reading(context, [&]() -> Result<std::vector<std::string>> {
    OpenWorkbook opened(context);
    if (auto open = open_workbook(bytes, context, opened); !open) return open.error();
    std::vector<std::string> names;
    for (const auto& sheet : opened.workbook.sheets) names.push_back(sheet.name);
    return names;
  });
}

Result<TabularFile> parse_xlsx_sheet_grid(std::string_view bytes, std::string_view name,
                                          std::size_t sheet_index, const TabularLimits& limits) {
  ReadContext context{name, limits};
  return guard_reading(context, [&]() {
    return parse_xlsx_checked(bytes, context, SheetRequest{sheet_index, true});
  });
}

}  // namespace jiangbu
