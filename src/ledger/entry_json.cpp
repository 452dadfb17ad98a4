#include "ledger/entry_json.hpp"

#include "core/printable_text.hpp"
#include "core/reason_code.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

using Json = nlohmann::json;

Result<std::string> string_field(const Json& object, const std::string& key,
                                 const std::string& path, bool required) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) {
    if (!required) return std::string();
    return make_error(ReasonCode::missing_field, "is missing", path + "." + key);
  }
  if (!found->is_string()) {
    return make_error(key == "amount" ? ReasonCode::bad_amount : ReasonCode::bad_text,
                      key == "amount" ? "must be a JSON string such as \"1234.56\", not a number"
                                      : "must be a JSON string",
                      path + "." + key);
  }
  return found->get<std::string>();
}

Error with_field(const Error& error, const std::string& field) {
  return Error(error.code, error.message, field);
}

Result<PostingInput> parse_posting(const Json& object, const std::string& path) {
  if (!object.is_object()) return make_error(ReasonCode::bad_posting, "is not an object", path);
  PostingInput posting;
  auto account = string_field(object, "account", path, true);
  if (!account) return account.error();
  posting.account_code = account.value();
  auto side = string_field(object, "side", path, true);
  if (!side) return side.error();
  if (side.value() != "debit" && side.value() != "credit") {
    return make_error(ReasonCode::bad_posting, "must be debit or credit", path + ".side");
  }
  posting.side = side.value() == "debit" ? Side::debit : Side::credit;
  auto amount_text = string_field(object, "amount", path, true);
  if (!amount_text) return amount_text.error();
  auto amount = parse_money(amount_text.value());
  if (!amount) return with_field(amount.error(), path + ".amount");
  posting.amount = amount.value();
  return posting;
}

Result<EntryInput> parse_entry(const Json& object, const std::string& path) {
  if (!object.is_object()) return make_error(ReasonCode::bad_text, "is not an object", path);
  EntryInput entry;
  auto book = string_field(object, "book", path, true);
  if (!book) return book.error();
  entry.book_id = book.value();
  auto date_text = string_field(object, "date", path, true);
  if (!date_text) return date_text.error();
  auto date = Date::parse(date_text.value());
  if (!date) return with_field(date.error(), path + ".date");
  entry.entry_date = date.value();
  auto memo = string_field(object, "memo", path, true);
  if (!memo) return memo.error();
  entry.memo = memo.value();
  auto source = string_field(object, "source_reference", path, false);
  if (!source) return source.error();
  entry.source_reference = source.value();
  const auto postings = object.find("postings");
  if (postings == object.end() || !postings->is_array()) {
    return make_error(ReasonCode::missing_field, "must be an array", path + ".postings");
  }
  if (postings->size() > postings_per_entry_max) {
    return make_error(ReasonCode::too_many_postings, "too many postings", path + ".postings");
  }
  for (std::size_t index = 0; index < postings->size(); ++index) {
    auto posting = parse_posting((*postings)[index],
                                 path + ".postings[" + std::to_string(index + 1) + "]");
    if (!posting) return posting.error();
    entry.postings.push_back(std::move(posting).value());
  }
  return entry;
}

}  // namespace

Result<std::vector<EntryInput>> parse_entries_json(std::string_view text) {
  if (text.size() > entry_file_bytes_max) {
    return make_error(ReasonCode::bad_text, "the file is larger than 64 MiB", "file");
  }
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return make_error(ReasonCode::bad_text, std::string("is not valid JSON: ") + error.what(), "file");
  }
  if (!document.is_array()) return make_error(ReasonCode::bad_text, "must be a JSON array", "file");
  if (document.size() > entries_per_file_max) {
    return make_error(ReasonCode::bad_text, "has more than 100000 entries", "file");
  }
  std::vector<EntryInput> entries;
  for (std::size_t index = 0; index < document.size(); ++index) {
    auto entry = parse_entry(document[index], "entries[" + std::to_string(index + 1) + "]");
    if (!entry) return entry.error();
    entries.push_back(std::move(entry).value());
  }
  return entries;
}

Result<PostingInput> parse_posting_argument(std::string_view text, Side side) {
  const std::string field = side == Side::debit ? "debit" : "credit";
  const std::size_t equals = text.rfind('=');
  if (equals == std::string_view::npos) {
    return make_error(ReasonCode::bad_posting, quote_input(text) + " is not CODE=AMOUNT", field);
  }
  auto amount = parse_money(text.substr(equals + 1));
  if (!amount) return with_field(amount.error(), field);
  return PostingInput{std::string(text.substr(0, equals)), side, amount.value()};
}

nlohmann::ordered_json entry_to_json(const JournalEntry& entry) {
  nlohmann::ordered_json object;
  object["entry_id"] = entry.entry_id;
  object["book"] = entry.book_id;
  object["voucher_number"] = entry.voucher_number;
  object["date"] = entry.entry_date.to_string();
  object["memo"] = entry.memo;
  object["source_reference"] = entry.source_reference;
  object["reverses_entry_id"] = entry.reverses_entry_id ? nlohmann::ordered_json(*entry.reverses_entry_id) : nullptr;
  object["reversed_by_entry_id"] = entry.reversed_by_entry_id ? nlohmann::ordered_json(*entry.reversed_by_entry_id) : nullptr;
  object["postings"] = nlohmann::ordered_json::array();
  for (const auto& posting : entry.postings) {
    object["postings"].push_back({{"line", posting.line_number},
                                  {"account", posting.account_code},
                                  {"side", std::string(side_name(posting.side))},
                                  {"amount", posting.amount.to_plain_string()}});
  }
  return object;
}

}  // namespace jiangbu
