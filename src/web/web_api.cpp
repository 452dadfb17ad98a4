// The JSON API: the same verbs as the pages (and as the CLI's), for scripts
// and for the bureau's other systems. Money is always a decimal string of
// yuan ("1234.56"), never a JSON number, so no client parses it as a float.
// A call that changes something carries the session's anti-forgery token in
// the X-CSRF-Token header (GET /api/session returns it) and a JSON body.
#include <sstream>

#include <nlohmann/json.hpp>

#include "access/permission.hpp"
#include "analytics/analytics.hpp"
#include "analytics/analytics_config.hpp"
#include "analytics/analytics_loader.hpp"
#include "analytics/holiday_calendar.hpp"
#include "award/award.hpp"
#include "core/reason_code.hpp"
#include "expenditure/expenditure.hpp"
#include "policy/policy.hpp"
#include "report/audit_report.hpp"
#include "report/document_export.hpp"
#include "report/exception_register.hpp"
#include "report/fund_statement.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "web/web_app.hpp"

namespace jiangbu {

namespace {

nlohmann::json award_json(Database& database, const Award& award) {
  const bool unit_view = database.principal().kind == PrincipalKind::unit;
  nlohmann::json shares = nlohmann::json::array();
  for (const auto& balance : share_balances(database, award.award_id)) {
    if (unit_view && balance.unit_id != database.principal().unit_id) continue;
    shares.push_back({{"unit", balance.unit_id},
                      {"share", balance.share.to_plain_string()},
                      {"paid", balance.paid.to_plain_string()},
                      {"unpaid", balance.unpaid().to_plain_string()}});
  }
  return {{"award_id", award.award_id},
          {"policy", award.policy_id},
          {"tier", std::string(tier_name(award.tier))},
          {"amount", award.amount.to_plain_string()},
          {"effective_on", award.effective_on.to_string()},
          {"status", std::string(award_status_name(award_status_on(database, award.award_id, Date::today_local())))},
          {"shares", shares}};
}

nlohmann::json verdict_json(const Verdict& verdict) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& reason : verdict.reasons) {
    reasons.push_back({{"code", reason.code}, {"message", reason.message}, {"field", reason.field}});
  }
  return {{"status", verdict.status == VerdictStatus::accepted ? "accepted" : "rejected"},
          {"record_id", verdict.record_id},
          {"replayed", verdict.replayed},
          {"reasons", reasons}};
}

Result<ExpenditureInput> expenditure_from_json(const std::string& body) {
  const auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return make_error(ReasonCode::bad_text, "the body is not a JSON object", "body");
  }
  ExpenditureInput input;
  const std::vector<std::pair<const char*, std::string*>> fields = {
      {"external_id", &input.external_id}, {"award_id", &input.award_id},
      {"unit_uscc", &input.unit_uscc},     {"date", &input.date},
      {"amount", &input.amount},           {"category", &input.category},
      {"payment_method", &input.payment_method}, {"payee_name", &input.payee_name},
      {"payee_uscc", &input.payee_uscc},   {"invoice_code", &input.invoice_code},
      {"invoice_number", &input.invoice_number}, {"description", &input.description}};
  for (const auto& [name, target] : fields) {
    if (!parsed.contains(name)) continue;
    if (!parsed[name].is_string()) {
      // An amount sent as a JSON number would already have passed through a
      // double in the client: refused, never rounded.
      return make_error(ReasonCode::bad_text, std::string(name) + " must be a JSON string", name);
    }
    *target = parsed[name].get<std::string>();
  }
  return input;
}

Result<ReportDocument> report_document(Database& database, const std::string& name, const ReportSelection& selection) {
  if (name == "statement") {
    auto statement = fund_statement(database, selection);
    if (!statement) return statement.error();
    return fund_statement_document(statement.value());
  }
  if (name == "exceptions") {
    auto items = exception_items(database, selection);
    if (!items) return items.error();
    return exception_register_document(selection, items.value());
  }
  if (name == "reconcile") {
    auto reconciliation = reconcile_books(database, selection);
    if (!reconciliation) return reconciliation.error();
    return inter_book_document(reconciliation.value());
  }
  if (name == "audit") {
    auto report = audit_report(database, selection, AnalyticsConfig::defaults());
    if (!report) return report.error();
    return audit_report_document(report.value());
  }
  auto input = load_analytics_input(database, selection);
  if (!input) return input.error();
  AnalyticsResult result = run_analytics(input.value(), AnalyticsConfig::defaults(), HolidayCalendar::embedded());
  resolve_evidence(database, result);
  return analytics_document(selection, result);
}

nlohmann::json job_json(const ImportJobView& job) {
  nlohmann::json json = {{"job_id", job.job_id},
                         {"file", job.file_name},
                         {"state", job.state == JobState::running    ? "running"
                                   : job.state == JobState::finished ? "finished"
                                                                     : "failed"},
                         {"rows_done", job.progress.rows_done},
                         {"rows_total", job.progress.rows_total}};
  if (job.summary) {
    json["accepted"] = job.summary->accepted;
    json["rejected"] = job.summary->rejected;
    json["replayed"] = job.summary->replayed;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : job.summary->rows) {
      nlohmann::json verdict = verdict_json(row.verdict);
      verdict["row"] = row.row_number;
      verdict["external_id"] = row.external_id;
      rows.push_back(std::move(verdict));
    }
    json["rows"] = std::move(rows);
  }
  if (job.error) json["error"] = {{"code", job.error->code}, {"message", job.error->message}};
  return json;
}

}  // namespace

void WebApp::install_api(httplib::Server& server) {
  server.Post("/api/login", [this](const httplib::Request& request, httplib::Response& response) {
    // JSON only: a cross-site page cannot send a JSON body without the
    // browser asking first (CORS preflight), which this server never grants.
    if (request.get_header_value("Content-Type").find("application/json") != 0) {
      return send_api_error(response, 415, make_error(ReasonCode::bad_option, "send a JSON body", "body"));
    }
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.value("user", nlohmann::json()).is_string() ||
        !body.value("password", nlohmann::json()).is_string()) {
      return send_api_error(response, 422, make_error(ReasonCode::bad_text, "send {\"user\":…,\"password\":…}", "body"));
    }
    httplib::Request form = request;
    form.params.emplace("user", body["user"].get<std::string>());
    form.params.emplace("password", body["password"].get<std::string>());
    sign_in_and_redirect(form, response, true);
  });
  server.Get("/api/session", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    send_json(response, 200,
              nlohmann::json{{"user", session->user_name}, {"principal", session->principal.text()},
                             {"csrf_token", session->csrf_token}}
                  .dump());
  });
  server.Get("/api/awards", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    nlohmann::json awards = nlohmann::json::array();
    for (const auto& award : list_awards(*database)) {
      if (authorize_award_read(*database, award.award_id)) awards.push_back(award_json(*database, award));
    }
    send_json(response, 200, awards.dump());
  });
  server.Get(R"(/api/awards/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const std::string award_id = request.matches[1].str();
    if (auto allowed = authorize_award_read(*database, award_id); !allowed) {
      return send_api_error(response, http_status_for(allowed.error()), allowed.error());
    }
    send_json(response, 200, award_json(*database, find_award(*database, award_id).value()).dump());
  });
  server.Post("/api/expenditures", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    if (!csrf_ok(request, *session)) {
      return send_api_error(response, 403, make_error(ReasonCode::csrf_refused, "missing or wrong X-CSRF-Token", "csrf"));
    }
    auto input = expenditure_from_json(request.body);
    if (!input) return send_api_error(response, 422, input.error());
    auto database = open_as(*session);
    RecordOptions options;
    options.source = "web";
    const Verdict verdict = record_expenditure(*database, input.value(), options);
    send_json(response, verdict.status == VerdictStatus::accepted ? 201 : 422, verdict_json(verdict).dump());
  });
  server.Post("/api/expenditures/import", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    if (!csrf_ok(request, *session)) {
      return send_api_error(response, 403, make_error(ReasonCode::csrf_refused, "missing or wrong X-CSRF-Token", "csrf"));
    }
    if (!request.has_file("file")) {
      return send_api_error(response, 422, make_error(ReasonCode::bad_file, "send the file as multipart field 'file'", "file"));
    }
    auto job = start_import(*session, request.get_file_value("file"));
    if (!job) return send_api_error(response, http_status_for(job.error()), job.error());
    send_json(response, 202, nlohmann::json{{"job_id", job.value()}}.dump());
  });
  server.Get(R"(/api/jobs/([0-9a-f]+))", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    const auto job = imports_.find(request.matches[1].str(), session->user_name);
    if (!job) return send_api_error(response, 404, make_error(ReasonCode::bad_option, "no such job", "job"));
    send_json(response, 200, job_json(*job).dump());
  });
  server.Get(R"(/api/reports/(statement|exceptions|reconcile|audit|analytics))",
             [this](const httplib::Request& request, httplib::Response& response) {
               auto session = signed_in(request, response, true);
               if (!session) return;
               auto database = open_as(*session);
               const std::string name = request.matches[1].str();
               auto selection = parse_selection(selection_of(request));
               if (!selection) return send_api_error(response, 422, selection.error());
               const bool one_unit = !selection.value().unit_id.empty() && name != "audit" && name != "analytics";
               const Action action = one_unit ? Action::read_unit : Action::read_all;
               if (auto allowed = authorize(database->principal(), action, selection.value().unit_id); !allowed) {
                 return send_api_error(response, 403, allowed.error());
               }
               auto document = report_document(*database, name, selection.value());
               if (!document) return send_api_error(response, http_status_for(document.error()), document.error());
               std::ostringstream out;
               (void)export_document(document.value(), "json", "", out);
               send_json(response, 200, out.str());
             });
}

}  // namespace jiangbu
