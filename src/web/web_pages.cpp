#include "web/web_pages.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "access/permission.hpp"
#include "analytics/analytics.hpp"
#include "analytics/analytics_config.hpp"
#include "analytics/analytics_loader.hpp"
#include "analytics/holiday_calendar.hpp"
#include "award/award.hpp"
#include "core/reason_code.hpp"
#include "expenditure/expenditure.hpp"
#include "money/money_format.hpp"
#include "policy/policy.hpp"
#include "policy/policy_store.hpp"
#include "registry/units.hpp"
#include "report/audit_report.hpp"
#include "report/exception_register.hpp"
#include "report/fund_statement.hpp"
#include "report/html_writer.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "web/html_page.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t award_expenditures_shown_max = 1000;

std::string escaped(std::string_view text) { return escape_html(text); }

std::string document_fragment(const ReportDocument& document) {
  std::ostringstream out;
  write_document_html_body(out, document);
  return out.str();
}

std::string refusal_notice(const Error& error) {
  return "<p class=\"notice refused\" role=\"alert\">" + escaped(error.message) + " <code>[" + escaped(error.code) +
         "]</code></p>\n";
}

std::string cell(std::string_view text) { return "<td>" + escaped(text) + "</td>"; }
std::string money_td(const Money& amount) { return "<td class=\"money\">" + format_yuan(amount) + "</td>"; }

std::string status_chinese(AwardStatus status) {
  switch (status) {
    case AwardStatus::active: return "有效";
    case AwardStatus::suspended: return "暂停";
    case AwardStatus::revoked: return "撤销";
  }
  return "";
}

bool holds_share(const Award& award, const std::string& unit_id) {
  for (const auto& share : award.shares) {
    if (share.unit_id == unit_id) return true;
  }
  return false;
}

std::string awards_table(Database& database, const std::vector<Award>& awards, const std::string& only_unit) {
  std::string html =
      "<table id=\"awards\"><caption>奖补发放情况</caption><thead><tr><th>奖补编号</th><th>政策</th><th>级别</th>"
      "<th class=\"money\">核定金额</th><th class=\"money\">已拨付</th><th>状态</th></tr></thead><tbody>\n";
  const Date today = Date::today_local();
  for (const auto& award : awards) {
    if (!only_unit.empty() && !holds_share(award, only_unit)) continue;
    Money paid;
    for (const auto& balance : share_balances(database, award.award_id)) {
      if (only_unit.empty() || balance.unit_id == only_unit) paid += balance.paid;
    }
    html += "<tr><td><a href=\"/awards/" + escaped(award.award_id) + "\">" + escaped(award.award_id) + "</a></td>" +
            cell(award.policy_id) + cell(tier_chinese_name(award.tier)) + money_td(award.amount) + money_td(paid) +
            cell(status_chinese(award_status_on(database, award.award_id, today))) + "</tr>\n";
  }
  return html + "</tbody></table>\n";
}

std::string fund_statement_fragment(Database& database, const ReportSelection& selection) {
  auto statement = fund_statement(database, selection);
  if (!statement) return refusal_notice(statement.error());
  return document_fragment(fund_statement_document(statement.value()));
}

std::string upload_form(const WebSession& session) {
  return "<form class=\"panel\" id=\"upload\" method=\"post\" action=\"/unit/import\" enctype=\"multipart/form-data\">" +
         csrf_field(session) +
         "<label>支出明细文件（CSV 或 XLSX）<input type=\"file\" name=\"file\" accept=\".csv,.xlsx\" required></label>"
         "<button type=\"submit\">上传并审核</button>"
         "<p>每一行都按政策逐条审核；被拒绝的行连同原因记入异常登记簿。同一文件再次上传不会重复入账。</p></form>\n";
}

std::string policy_options(Database& database, const std::string& chosen) {
  std::string html = "<option value=\"\">（请选择）</option>";
  for (const auto& policy_id : stored_policy_ids(database)) {
    html += "<option value=\"" + escaped(policy_id) + "\"" + (policy_id == chosen ? " selected" : "") + ">" +
            escaped(policy_id) + "</option>";
  }
  return html;
}

std::string label_input(std::string_view label, std::string_view name, std::string_view value,
                        std::string_view type = "text") {
  return "<label>" + escaped(label) + " <input type=\"" + std::string(type) + "\" name=\"" + std::string(name) +
         "\" value=\"" + escaped(value) + "\"></label>";
}

std::string plan_form(Database& database, const WebSession& session, const std::string& unit_id) {
  std::string options;
  for (const auto& award : list_awards(database)) {
    if (holds_share(award, unit_id)) {
      options += "<option value=\"" + escaped(award.award_id) + "\">" + escaped(award.award_id) + "</option>";
    }
  }
  return "<form class=\"panel\" id=\"plan\" method=\"post\" action=\"/unit/plan\">" + csrf_field(session) +
         "<label>奖补 <select name=\"award\">" + options + "</select></label>" +
         label_input("备案日期", "date", "", "date") + label_input("备案号", "document", "") +
         "<label>计划（每行 类别=金额）<br><textarea name=\"lines\" rows=\"4\" cols=\"40\"></textarea></label>"
         "<button type=\"submit\">备案</button><p>再次备案即为修订，按最新一版核对超计划支出。</p></form>\n";
}

std::string reverse_form(const WebSession& session, const ExpenditureRecord& record) {
  return "<form method=\"post\" action=\"/unit/reverse\" class=\"reverse\">" + csrf_field(session) +
         "<input type=\"hidden\" name=\"expenditure\" value=\"" + std::to_string(record.expenditure_id) + "\">" +
         "<input type=\"date\" name=\"date\" required aria-label=\"冲销日期\">"
         "<input name=\"reason\" required placeholder=\"冲销原因\" aria-label=\"冲销原因\">"
         "<button type=\"submit\">冲销</button></form>";
}

std::string bureau_forms(const WebSession& session) {
  const std::string csrf = csrf_field(session);
  std::string html = "<h2>操作</h2>\n";
  html += "<form class=\"panel\" id=\"grant\" method=\"post\" action=\"/bureau/grant\">" + csrf +
          "<strong>核定奖补</strong> " + label_input("奖补编号", "award", "") + label_input("认定编号", "recognition", "") +
          label_input("生效日期", "date", "", "date") + label_input("文号", "document", "") +
          label_input("权重（如 5:3:2，可空）", "weights", "") + "<button type=\"submit\">核定</button></form>\n";
  html += "<form class=\"panel\" id=\"pay\" method=\"post\" action=\"/bureau/pay\">" + csrf + "<strong>拨付</strong> " +
          label_input("奖补编号", "award", "") + label_input("单位统一社会信用代码", "unit", "") +
          label_input("金额（空为全部未拨付）", "amount", "") + label_input("拨付日期", "date", "", "date") +
          label_input("凭证号", "reference", "") + "<button type=\"submit\">拨付</button></form>\n";
  html += "<form class=\"panel\" id=\"status\" method=\"post\" action=\"/bureau/status\">" + csrf +
          "<strong>暂停 / 恢复 / 撤销</strong> " + label_input("奖补编号", "award", "") +
          "<label>操作 <select name=\"kind\"><option value=\"suspend\">暂停</option><option value=\"reinstate\">恢复"
          "</option><option value=\"revoke\">撤销</option></select></label>" +
          label_input("生效日期", "date", "", "date") + label_input("文号", "document", "") +
          label_input("原因", "reason", "") + "<button type=\"submit\">提交</button></form>\n";
  html += "<form class=\"panel\" id=\"clawback\" method=\"post\" action=\"/bureau/clawback\">" + csrf +
          "<strong>追缴收回</strong> " + label_input("奖补编号", "award", "") +
          label_input("单位统一社会信用代码", "unit", "") + label_input("金额", "amount", "") +
          label_input("收回日期", "date", "", "date") + label_input("追缴文号", "document", "") +
          label_input("原因", "reason", "") + "<button type=\"submit\">收回</button></form>\n";
  return html;
}

std::string analytics_fragment(Database& database, const ReportSelection& selection) {
  auto input = load_analytics_input(database, selection);
  if (!input) return refusal_notice(input.error());
  AnalyticsResult result = run_analytics(input.value(), AnalyticsConfig::defaults(), HolidayCalendar::embedded());
  resolve_evidence(database, result);
  return document_fragment(analytics_document(selection, result));
}

}  // namespace

Result<ReportSelection> parse_selection(const SelectionText& text) {
  if (text.awards.size() > selection_awards_max) {
    return make_error(ReasonCode::bad_option, "at most " + std::to_string(selection_awards_max) + " awards", "award");
  }
  ReportSelection selection;
  selection.policy_id = text.policy;
  selection.award_ids = text.awards;
  selection.unit_id = text.unit;
  if (!text.from.empty()) {
    auto from = Date::parse(text.from);
    if (!from) return Error(from.error().code, from.error().message, "from");
    selection.from = from.value();
  }
  selection.to = Date::today_local();
  if (!text.to.empty()) {
    auto to = Date::parse(text.to);
    if (!to) return Error(to.error().code, to.error().message, "to");
    selection.to = to.value();
  }
  return selection;
}

std::string selection_query(const SelectionText& text) {
  // Values are ids and ISO dates already checked by parse_selection; still
  // percent-encode everything outside the unreserved set.
  const auto encode = [](std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char character : value) {
      if (std::isalnum(character) != 0 || character == '-' || character == '_' || character == '.') {
        encoded += static_cast<char>(character);
      } else {
        encoded += '%';
        encoded += hex[character >> 4];
        encoded += hex[character & 0x0F];
      }
    }
    return encoded;
  };
  std::string query = "policy=" + encode(text.policy) + "&from=" + encode(text.from) + "&to=" + encode(text.to);
  for (const auto& award : text.awards) query += "&award=" + encode(award);
  if (!text.unit.empty()) query += "&unit=" + encode(text.unit);
  return query;
}

Status authorize_award_read(Database& database, const std::string& award_id) {
  const auto award = find_award(database, award_id);
  const Principal& principal = database.principal();
  if (principal.kind == PrincipalKind::unit) {
    // Another unit's award and one that does not exist get the same answer,
    // so a unit cannot probe which awards exist (under row-level security
    // on PostgreSQL it cannot even see them).
    if (award && holds_share(*award, principal.unit_id)) return success();
    return make_error(ReasonCode::permission_denied,
                      "无权查看：奖补 " + award_id + " 不属于单位 " + principal.unit_id, "award");
  }
  if (!award) return make_error(ReasonCode::unknown_award, "没有编号为 " + award_id + " 的奖补", "award");
  return authorize(principal, Action::read_all);
}

std::string login_body(const WebSession& visitor, const std::string& message) {
  std::string html = "<main><h1>奖补资金管理系统</h1>\n";
  if (!message.empty()) html += "<p class=\"notice refused\" role=\"alert\" id=\"login-error\">" + escaped(message) + "</p>\n";
  html += "<form class=\"panel\" id=\"login\" method=\"post\" action=\"/login\">" + csrf_field(visitor) +
          "<label>用户名 <input name=\"user\" autocomplete=\"username\" required></label>"
          "<label>密码 <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>"
          "<button type=\"submit\">登录</button></form></main>\n";
  return html;
}

PageResult unit_home(Database& database, const WebSession& session) {
  const std::string& unit_id = session.principal.unit_id;
  const auto unit = find_unit(database, unit_id);
  std::string html = "<h1>单位工作台</h1>\n<p>" + escaped(unit ? unit->name : unit_id) + "（" + escaped(unit_id) +
                     "）</p>\n";
  html += "<h2>我的奖补</h2>\n" + awards_table(database, list_awards(database), unit_id);
  html += "<h2>上传支出明细</h2>\n" + upload_form(session);
  html += "<h2>资金使用管理计划备案</h2>\n" + plan_form(database, session, unit_id);
  ReportSelection selection;
  selection.unit_id = unit_id;
  selection.to = Date::today_local();
  html += fund_statement_fragment(database, selection);
  return {200, "单位工作台", html};
}

PageResult award_page(Database& database, const WebSession& session, const std::string& award_id) {
  if (auto allowed = authorize_award_read(database, award_id); !allowed) {
    return refusal_page(allowed.error().code == "unknown-award" ? 404 : 403, allowed.error());
  }
  const Award award = find_award(database, award_id).value();
  const bool unit_view = database.principal().kind == PrincipalKind::unit;
  const std::string only_unit = unit_view ? database.principal().unit_id : "";
  std::string html = "<h1>奖补 " + escaped(award.award_id) + "</h1>\n<dl class=\"metadata\">";
  html += "<div><dt>政策</dt><dd>" + escaped(award.policy_id) + "</dd></div><div><dt>级别</dt><dd>" +
          escaped(tier_chinese_name(award.tier)) + "</dd></div><div><dt>核定金额</dt><dd>" + format_yuan(award.amount) +
          "</dd></div><div><dt>生效日期</dt><dd>" + award.effective_on.to_string() + "</dd></div><div><dt>文号</dt><dd>" +
          escaped(award.document_number) + "</dd></div><div><dt>状态</dt><dd id=\"award-status\">" +
          status_chinese(award_status_on(database, award.award_id, Date::today_local())) + "</dd></div></dl>\n";
  html += "<table id=\"shares\"><caption>份额与拨付</caption><thead><tr><th>单位</th><th class=\"money\">份额</th>"
          "<th class=\"money\">已拨付</th><th class=\"money\">未拨付</th></tr></thead><tbody>";
  for (const auto& balance : share_balances(database, award.award_id)) {
    if (unit_view && balance.unit_id != only_unit) continue;
    const auto unit = find_unit(database, balance.unit_id);
    html += "<tr>" + cell(unit ? unit->name : balance.unit_id) + money_td(balance.share) + money_td(balance.paid) +
            money_td(balance.unpaid()) + "</tr>";
  }
  html += "</tbody></table>\n<table id=\"expenditures\"><caption>已入账支出</caption><thead><tr><th>外部编号</th>"
          "<th>日期</th><th class=\"money\">金额</th><th>类别</th><th>收款方</th><th>已冲销</th>" +
          std::string(unit_view ? "<th>冲销</th>" : "") + "</tr></thead><tbody>";
  for (const auto& record : list_expenditures(database, award.award_id, only_unit, award_expenditures_shown_max)) {
    html += "<tr data-external-id=\"" + escaped(record.external_id) + "\">" + cell(record.external_id) +
            cell(record.spent_on.to_string()) + money_td(record.amount) + cell(record.category) +
            cell(record.payee_name) + cell(record.reversed ? "是" : "");
    if (unit_view) html += "<td>" + (record.reversed ? std::string() : reverse_form(session, record)) + "</td>";
    html += "</tr>";
  }
  html += "</tbody></table>\n";
  return {200, "奖补 " + award.award_id, html};
}

PageResult bureau_home(Database& database, const WebSession& session) {
  if (auto allowed = authorize(database.principal(), Action::read_all); !allowed) return refusal_page(403, allowed.error());
  std::string html = "<h1>财政局工作台</h1>\n";
  html += awards_by_policy_and_tier_html(database);
  html += awards_table(database, list_awards(database), "");
  ReportSelection selection;
  selection.to = Date::today_local();
  html += fund_statement_fragment(database, selection);
  if (auto items = exception_items(database, selection); items) {
    html += document_fragment(exception_register_document(selection, items.value()));
  } else {
    html += refusal_notice(items.error());
  }
  if (auto reconciliation = reconcile_books(database, selection); reconciliation) {
    html += document_fragment(inter_book_document(reconciliation.value()));
  } else {
    html += refusal_notice(reconciliation.error());
  }
  html += bureau_forms(session);
  return {200, "财政局工作台", html};
}

PageResult auditor_home(Database& database, const SelectionText& text) {
  if (auto allowed = authorize(database.principal(), Action::read_all); !allowed) return refusal_page(403, allowed.error());
  std::string awards;
  for (const auto& award : text.awards) awards += (awards.empty() ? "" : ",") + award;
  const std::string html =
      "<h1>审计工作台</h1>\n<form class=\"panel\" id=\"selection\" method=\"get\" action=\"/auditor/report\">"
      "<label>政策 <select name=\"policy\" required>" +
      policy_options(database, text.policy) + "</select></label>" + label_input("期间起", "from", text.from, "date") +
      label_input("期间止", "to", text.to, "date") + label_input("奖补编号（可空，多个用逗号）", "awards", awards) +
      "<button type=\"submit\">生成审计报告</button></form>\n"
      "<p>报告在后台生成，页面会显示进度；生成期间其他用户不受影响。</p>\n";
  return {200, "审计工作台", html};
}

Result<std::string> auditor_report_html(Database& database, const SelectionText& text) {
  if (auto allowed = authorize(database.principal(), Action::read_all); !allowed) return allowed.error();
  auto selection = parse_selection(text);
  if (!selection) return selection.error();
  auto report = audit_report(database, selection.value(), AnalyticsConfig::defaults());
  if (!report) return report.error();
  const std::string query = selection_query(text);
  std::string html = "<p class=\"downloads\" id=\"downloads\">下载审计报告：";
  for (const char* format : {"pdf", "xlsx", "csv", "json"}) {
    html += "<a id=\"download-" + std::string(format) + "\" href=\"/reports/audit?format=" + format + "&" +
            escaped(query) + "\">" + format + "</a>";
  }
  html += "</p>\n" + document_fragment(audit_report_document(report.value()));
  html += analytics_fragment(database, selection.value());
  html += "<p><a href=\"/auditor\">重新选择</a></p>\n";
  return html;
}

std::string awards_by_policy_and_tier_html(Database& database) {
  struct Totals {
    std::size_t awards = 0;
    Money amount;
    Money paid;
  };
  std::map<std::pair<std::string, int>, Totals> totals;
  for (const auto& award : list_awards(database)) {
    auto& row = totals[{award.policy_id, static_cast<int>(award.tier)}];
    ++row.awards;
    row.amount += award.amount;
    for (const auto& balance : share_balances(database, award.award_id)) row.paid += balance.paid;
  }
  std::string html =
      "<table id=\"awards-by-tier\"><caption>按政策和级别汇总</caption><thead><tr><th>政策</th><th>级别</th>"
      "<th class=\"number\">项数</th><th class=\"money\">核定金额</th><th class=\"money\">已拨付</th></tr></thead><tbody>\n";
  for (const auto& [key, row] : totals) {
    html += "<tr>" + cell(key.first) + cell(tier_chinese_name(static_cast<Tier>(key.second))) +
            "<td class=\"number\">" + std::to_string(row.awards) + "</td>" + money_td(row.amount) +
            money_td(row.paid) + "</tr>\n";
  }
  return html + "</tbody></table>\n";
}

PageResult job_page(const JobView& job, std::int64_t now_unix) {
  std::string html = "<h1>" + escaped(job.title) + "</h1>\n";
  if (job.state == JobState::running) {
    const std::int64_t elapsed_seconds = std::max<std::int64_t>(0, now_unix - job.started_unix);
    html += "<p class=\"progress\" id=\"progress\" data-state=\"running\">正在处理，已用 " +
            std::to_string(elapsed_seconds) + " 秒";
    if (job.progress.rows_total > 0) {
      html += "：已审核 " + std::to_string(job.progress.rows_done) + " / " + std::to_string(job.progress.rows_total) +
              " 行";
    }
    html += "。页面每秒自动刷新。</p>\n";
    return {200, job.title, html};
  }
  if (job.state == JobState::failed) {
    return {job.error->code == "busy" ? 503 : 422, job.title, html + "<p id=\"progress\" data-state=\"failed\"></p>" + refusal_notice(*job.error)};
  }
  if (!job.summary) {
    return {200, job.title, html + "<p id=\"progress\" data-state=\"finished\"></p>\n" + job.result_html};
  }
  const ImportSummary& summary = *job.summary;
  html += "<p class=\"notice\" id=\"progress\" data-state=\"finished\">共 " + std::to_string(job.rows_in_file) +
          " 行：通过 <span id=\"accepted-count\">" + std::to_string(summary.accepted) +
          "</span> 行，拒绝 <span id=\"rejected-count\">" + std::to_string(summary.rejected) + "</span> 行，重放 " +
          std::to_string(summary.replayed) + " 行。" +
          (job.only_rejected_rows_kept ? "文件较大，下表只列出被拒绝的行（最多 " +
                                             std::to_string(verdict_rows_kept_max) + " 行），通过的行已入账。"
                                       : std::string()) +
          "</p>\n";
  html += "<table id=\"verdicts\"><caption>逐行审核结果</caption><thead><tr><th>行</th><th>外部编号</th><th>结果</th>"
          "<th>原因代码</th><th>说明</th></tr></thead><tbody>\n";
  for (const auto& row : summary.rows) {
    const bool accepted = row.verdict.status == VerdictStatus::accepted;
    std::string detail;
    for (const auto& reason : row.verdict.reasons) detail += (detail.empty() ? "" : "；") + reason.describe();
    html += "<tr class=\"" + std::string(accepted ? "accepted" : "rejected") + "\" data-external-id=\"" +
            escaped(row.external_id) + "\" data-reasons=\"" + escaped(row.verdict.reason_codes()) + "\"><td>" +
            std::to_string(row.row_number) + "</td>" + cell(row.external_id) + cell(accepted ? "通过" : "拒绝") +
            cell(row.verdict.reason_codes()) + cell(detail) + "</tr>\n";
  }
  html += "</tbody></table>\n<p><a href=\"/unit\">返回单位工作台</a></p>\n";
  return {200, job.title, html};
}

PageResult outcome_page(const std::string& title, const Status& outcome, const std::string& done_message,
                        const std::string& back_path, int refused_status) {
  std::string html = "<h1>" + escaped(title) + "</h1>\n";
  if (outcome) {
    html += "<p class=\"notice\" role=\"status\" id=\"outcome\" data-outcome=\"done\">" + escaped(done_message) + "</p>\n";
  } else {
    html += "<div id=\"outcome\" data-outcome=\"refused\">" + refusal_notice(outcome.error()) + "</div>";
  }
  html += "<p><a href=\"" + escaped(back_path) + "\">返回</a></p>\n";
  return {outcome ? 200 : refused_status, title, html};
}

PageResult refusal_page(int status, const Error& error) {
  return {status, status == 403 ? "无权访问" : "无法完成",
          "<h1>" + std::string(status == 403 ? "无权访问" : "无法完成") + "</h1>\n" + refusal_notice(error)};
}

}  // namespace jiangbu
