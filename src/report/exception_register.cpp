#include "report/exception_register.hpp"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/reason_code.hpp"
#include "money/money_parse.hpp"
#include "store/bulk_rows.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t resubmission_chain_max = 1000;

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start <= text.size() && codes.size() < 100) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    if (end > start) codes.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return codes;
}

std::string stated_date(const std::string& input_json) {
  const auto parsed = nlohmann::json::parse(input_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("date") || !parsed["date"].is_string()) return "";
  return parsed["date"].get<std::string>();
}

bool in_period(const std::string& date_text, const ReportSelection& selection) {
  const auto date = Date::parse(date_text);
  if (!date) return true;  // cannot be placed: listed rather than dropped
  return (!selection.from || date.value() >= *selection.from) && date.value() <= selection.to;
}

// exception id -> the exception or expenditure that resubmitted it.
struct Resubmissions {
  std::map<std::int64_t, std::int64_t> by_exception;
  std::map<std::int64_t, std::int64_t> by_expenditure;
};

Resubmissions load_resubmissions(Database& database) {
  Resubmissions result;
  long long previous = 0, next = 0;
  soci::statement exceptions = (database.session().prepare
                                    << "SELECT resubmits_exception_id, exception_id FROM expenditure_exceptions "
                                       "WHERE resubmits_exception_id IS NOT NULL",
                                soci::into(previous), soci::into(next));
  exceptions.execute();
  for (std::size_t rows = 0; rows < exception_items_max && exceptions.fetch(); ++rows) result.by_exception[previous] = next;
  soci::statement accepted = (database.session().prepare
                                  << "SELECT resubmits_exception_id, expenditure_id FROM expenditures "
                                     "WHERE resubmits_exception_id IS NOT NULL",
                              soci::into(previous), soci::into(next));
  accepted.execute();
  for (std::size_t rows = 0; rows < exception_items_max && accepted.fetch(); ++rows) result.by_expenditure[previous] = next;
  return result;
}

std::optional<std::int64_t> rectified_by(const Resubmissions& resubmissions, std::int64_t exception_id) {
  std::int64_t current = exception_id;
  for (std::size_t step = 0; step < resubmission_chain_max; ++step) {
    if (auto accepted = resubmissions.by_expenditure.find(current); accepted != resubmissions.by_expenditure.end()) {
      return accepted->second;
    }
    auto next = resubmissions.by_exception.find(current);
    if (next == resubmissions.by_exception.end()) return std::nullopt;
    current = next->second;
  }
  return std::nullopt;
}

// The register stores one message per line; a report cell reads better on one.
std::string one_line(const std::string& messages) {
  std::string result;
  for (const char character : messages) {
    if (character == '\n') result += "；";
    else result += character;
  }
  return result;
}

}  // namespace

Result<std::vector<ExceptionItem>> exception_items(Database& database, const ReportSelection& selection) {
  auto awards = selected_awards(database, selection);
  if (!awards) return awards.error();
  std::set<std::string> award_ids;
  for (const auto& award : awards.value()) award_ids.insert(award.award_id);
  const Resubmissions resubmissions = load_resubmissions(database);
  std::vector<ExceptionItem> items;
  long long id = 0;
  ExceptionItem row;
  std::string reasons, input;
  // With a policy or awards named, only their submissions can be listed: the
  // database leaves the others out (two thirds of the rows and their JSON at a
  // million expenditures). Without, unplaceable ones count too: every row.
  const bool named_awards_only = !selection.award_ids.empty() || !selection.policy_id.empty();
  const std::string award_list = nlohmann::json(std::vector<std::string>(award_ids.begin(), award_ids.end())).dump();
  soci::statement statement(database.session());
  if (named_awards_only) statement.exchange(soci::use(award_list));
  for (auto* text : {&row.external_id, &row.unit_uscc, &row.award_id, &row.amount_text, &reasons, &row.messages, &input}) {
    statement.exchange(soci::into(*text));
  }
  statement.exchange(soci::into(id));
  statement.alloc();
  statement.prepare("SELECT external_id, unit_uscc, award_id, amount_text, reasons, messages, input_json, exception_id "
                    "FROM expenditure_exceptions" +
                    (named_awards_only ? " WHERE award_id IN " + json_text_list(database.backend(), "awards") : "") +
                    " ORDER BY exception_id");
  statement.define_and_bind();
  statement.execute();
  for (std::size_t rows = 0; statement.fetch(); ++rows) {
    if (rows >= exception_items_max) {
      return make_error(ReasonCode::bad_date, "more than " + std::to_string(exception_items_max) +
                                                  " rejected submissions: choose fewer awards or a shorter period", "from");
    }
    // A submission naming an award outside the selection is left out; one
    // naming no known award is kept when no award filter narrows it.
    const bool award_selected = award_ids.contains(row.award_id);
    const bool unit_selected = selection.unit_id.empty() || row.unit_uscc == selection.unit_id;
    const bool unplaceable = selection.award_ids.empty() && selection.policy_id.empty() && !award_selected;
    if (!(award_selected || unplaceable) || !unit_selected) continue;
    ExceptionItem item = row;
    item.exception_id = id;
    item.stated_date = stated_date(input);
    if (!in_period(item.stated_date, selection)) continue;
    if (auto amount = parse_money(item.amount_text, SignPolicy::allow_negative)) item.amount = amount.value();
    item.reasons = split_codes(reasons);
    item.rectified_by_expenditure_id = rectified_by(resubmissions, id);
    items.push_back(std::move(item));
  }
  return items;
}

ReportTable exception_table(const std::vector<ExceptionItem>& items) {
  ReportTable table{"exceptions", "异常登记（被拒绝的支出申报）",
                    {{"exception_id", "登记号", CellKind::count}, {"external_id", "申报单号"}, {"unit", "单位"},
                     {"award", "奖补"}, {"date", "申报日期"}, {"amount", "金额", CellKind::money},
                     {"reasons", "原因代码"}, {"messages", "说明"}, {"rectified", "整改"}},
                    {}, {}, "无被拒绝的申报"};
  Money total;
  for (const auto& item : items) {
    if (item.amount) total += *item.amount;
    table.add_row({std::to_string(item.exception_id), item.external_id, item.unit_uscc, item.award_id,
                   item.stated_date, item.amount ? item.amount->to_plain_string() : "",
                   [&] {
                     std::string codes;
                     for (const auto& code : item.reasons) codes += (codes.empty() ? "" : ";") + code;
                     return codes;
                   }(),
                   one_line(item.messages),
                   item.rectified_by_expenditure_id ? "已整改（支出 " + std::to_string(*item.rectified_by_expenditure_id) + "）"
                                                    : "未整改"});
  }
  if (!items.empty()) {
    table.set_total_row({std::to_string(items.size()), "合计", "", "", "", total.to_plain_string(), "", "", ""});
  }
  return table;
}

ReportDocument exception_register_document(const ReportSelection& selection, const std::vector<ExceptionItem>& items) {
  ReportDocument document;
  document.key = "exceptions";
  document.title = "异常登记簿";
  document.metadata = {{"期间", period_text(selection)}};
  if (!selection.policy_id.empty()) document.metadata.emplace_back("政策", selection.policy_id);
  if (!selection.unit_id.empty()) document.metadata.emplace_back("单位", selection.unit_id);
  document.sections.push_back({"exceptions", "被拒绝的支出申报", {exception_table(items)}});
  return document;
}

}  // namespace jiangbu
