// The JSON API: the same verbs as the pages (and as the CLI's), for scripts
// and for the bureau's other systems. Money is always a decimal string of
// yuan ("1234.56"), never a JSON number, so no client parses it as a float.
// A call that changes something carries the session's anti-forgery token in
// the X-CSRF-Token header (GET /api/session returns it) and a JSON body.
#include <algorithm>
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
#include "expenditure/fund_use_plan.hpp"
#include "registry/units.hpp"
#include "web/bureau_actions.hpp"
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
  for (const auto& [field_name, member] : expenditure_input_fields) {
    const std::string name(field_name);
    if (!parsed.contains(name)) continue;
    if (!parsed[name].is_string()) {
      // An amount sent as a JSON number would already have passed through a
      // double in the client: refused, never rounded.
      return make_error(ReasonCode::bad_text, name + " must be a JSON string", name);
    }
    input.*member = parsed[name].get<std::string>();
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

nlohmann::json job_json(const JobView& job) {
  nlohmann::json json = {{"job_id", job.job_id},
                         {"title", job.title},
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


// A JSON object's string fields, read by name; anything else reads as "".
// Amounts arrive as strings like every other field: a JSON number is not
// read at all, so the action is refused as a missing amount.
FieldReader json_fields(const nlohmann::json& body) {
  return [&body](const std::string& name) { return json_string_field(body, name); };
}

std::size_t limit_of(const httplib::Request& request) {
  constexpr std::size_t limit_max = 100'000;
  const std::string text = field_of(request, "limit");
  std::size_t limit = 1000;
  if (!text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string::npos) {
    limit = std::stoul(text);
  }
  return std::clamp<std::size_t>(limit, 1, limit_max);
}

// The unit a listing covers: the one asked for, a unit's own when it asks
// for none, everyone's ("") for the bureau and auditors; nothing (and a 403
// sent) when the principal may not read it.
std::optional<std::string> unit_scope(Database& database, const httplib::Request& request,
                                      httplib::Response& response) {
  std::string unit = field_of(request, "unit");
  if (database.principal().kind == PrincipalKind::unit && unit.empty()) unit = database.principal().unit_id;
  if (auto allowed = authorize(database.principal(), unit.empty() ? Action::read_all : Action::read_unit, unit);
      !allowed) {
    send_api_error(response, 403, allowed.error());
    return std::nullopt;
  }
  return unit;
}

nlohmann::json expenditure_json(const ExpenditureRecord& record) {
  return {{"expenditure_id", record.expenditure_id}, {"external_id", record.external_id},
          {"award_id", record.award_id},             {"unit", record.unit_id},
          {"date", record.spent_on.to_string()},     {"amount", record.amount.to_plain_string()},
          {"category", record.category},             {"payment_method", record.payment_method},
          {"payee_name", record.payee_name},         {"payee_uscc", record.payee_uscc},
          {"invoice", record.invoice_key},           {"description", record.description},
          {"reversed", record.reversed}};
}

nlohmann::json plan_json(const FundUsePlan& plan) {
  nlohmann::json lines = nlohmann::json::object();
  for (const auto& line : plan.lines) lines[line.category] = line.amount.to_plain_string();
  return {{"award_id", plan.award_id}, {"unit", plan.unit_id},       {"revision", plan.revision},
          {"filed_on", plan.filed_on.to_string()}, {"document", plan.document}, {"lines", lines}};
}

}  // namespace

std::string json_string_field(const nlohmann::json& body, const std::string& name) {
  if (!body.is_object() || !body.contains(name) || !body[name].is_string()) return "";
  return body[name].get<std::string>();
}

void WebApp::install_api_more(httplib::Server& server) {
  // The bureau's actions: the same as its forms, from a JSON body.
  server.Post(R"(/api/awards/(grant|pay|status|clawback))",
              [this](const httplib::Request& request, httplib::Response& response) {
                auto session = signed_in_to_change(request, response, true);
                if (!session) return;
                const auto body = nlohmann::json::parse(request.body, nullptr, false);
                if (body.is_discarded() || !body.is_object()) {
                  return send_api_error(response, 422, make_error(ReasonCode::bad_text, "send a JSON object", "body"));
                }
                auto database = open_as(*session);
                std::string done;
                const Status outcome = run_bureau_action(*database, request.matches[1].str(), json_fields(body), done);
                if (!outcome) return send_api_error(response, http_status_for(outcome.error()), outcome.error());
                send_json(response, 200, nlohmann::json{{"done", done}}.dump());
              });
  server.Post(R"(/api/expenditures/([0-9]{1,18})/reverse)",
              [this](const httplib::Request& request, httplib::Response& response) {
                auto session = signed_in_to_change(request, response, true);
                if (!session) return;
                const auto body = nlohmann::json::parse(request.body, nullptr, false);
                const auto field = json_fields(body);
                const auto date = Date::parse(field("date"));
                if (!date) return send_api_error(response, 422, Error(date.error().code, date.error().message, "date"));
                auto database = open_as(*session);
                const Status reversed =
                    reverse_expenditure(*database, std::stoll(request.matches[1].str()), date.value(), field("reason"));
                if (!reversed) return send_api_error(response, http_status_for(reversed.error()), reversed.error());
                send_json(response, 200, nlohmann::json{{"reversed", std::stoll(request.matches[1].str())}}.dump());
              });
  server.Post("/api/plans", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, true);
    if (!session) return;
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    const auto field = json_fields(body);
    const auto filed_on = Date::parse(field("date"));
    if (!filed_on) {
      return send_api_error(response, 422, Error(filed_on.error().code, filed_on.error().message, "date"));
    }
    PlanInput input{field("award"), field("unit"), filed_on.value(), field("document"), {}};
    if (!body.contains("lines") || !body["lines"].is_object() || body["lines"].size() > 100) {
      return send_api_error(response, 422,
                            make_error(ReasonCode::bad_text, "lines: an object of category → amount strings", "lines"));
    }
    for (const auto& [category, amount] : body["lines"].items()) {
      if (!amount.is_string()) {
        return send_api_error(response, 422, make_error(ReasonCode::bad_text, "each amount must be a string", "lines"));
      }
      input.lines.emplace_back(category, amount.get<std::string>());
    }
    auto database = open_as(*session);
    auto filed = file_plan(*database, input);
    if (!filed) return send_api_error(response, http_status_for(filed.error()), filed.error());
    send_json(response, 201, plan_json(filed.value()).dump());
  });
  server.Get("/api/plans", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const std::string unit = field_of(request, "unit");
    if (auto allowed = authorize(database->principal(), Action::read_unit, unit); !allowed || unit.empty()) {
      return send_api_error(response, unit.empty() ? 422 : 403,
                            unit.empty() ? make_error(ReasonCode::bad_option, "name the unit", "unit") : allowed.error());
    }
    nlohmann::json revisions = nlohmann::json::array();
    for (const auto& plan : plan_revisions(*database, field_of(request, "award"), unit)) {
      revisions.push_back(plan_json(plan));
    }
    send_json(response, 200, revisions.dump());
  });
  server.Get("/api/expenditures", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const auto unit = unit_scope(*database, request, response);
    if (!unit) return;
    nlohmann::json records = nlohmann::json::array();
    for (const auto& record : list_expenditures(*database, field_of(request, "award"), *unit, limit_of(request))) {
      records.push_back(expenditure_json(record));
    }
    send_json(response, 200, records.dump());
  });
  server.Get("/api/exceptions", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const auto unit = unit_scope(*database, request, response);
    if (!unit) return;
    nlohmann::json records = nlohmann::json::array();
    for (const auto& record : list_exceptions(*database, *unit, limit_of(request))) {
      records.push_back({{"exception_id", record.exception_id}, {"external_id", record.external_id},
                         {"unit", record.unit_uscc},            {"award_id", record.award_id},
                         {"amount_as_submitted", record.amount}, {"reasons", record.reasons},
                         {"messages", record.messages},         {"submitted_at", record.submitted_at},
                         {"source", record.source}});
    }
    send_json(response, 200, records.dump());
  });
  server.Get("/api/units", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    nlohmann::json units = nlohmann::json::array();
    for (const auto& unit : list_units(*database)) {
      if (!authorize(database->principal(), Action::read_unit, unit.unit_id)) continue;
      units.push_back({{"unit", unit.unit_id}, {"name", unit.name},
                       {"type", std::string(unit_type_name(unit.type))},
                       {"grant_method", std::string(grant_method_name(unit.method))}});
    }
    send_json(response, 200, units.dump());
  });
}

namespace {
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
    sign_in_and_redirect(request, response, true, body["user"].get<std::string>(), body["password"].get<std::string>());
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
    auto session = signed_in_to_change(request, response, true);
    if (!session) return;
    auto input = expenditure_from_json(request.body);
    if (!input) return send_api_error(response, 422, input.error());
    auto database = open_as(*session);
    RecordOptions options;
    options.source = "web";
    const Verdict verdict = record_expenditure(*database, input.value(), options);
    const bool denied = !verdict.reasons.empty() && verdict.reasons.front().code == "permission-denied";
    send_json(response, verdict.status == VerdictStatus::accepted ? 201 : denied ? 403 : 422,
              verdict_json(verdict).dump());
  });
  server.Post("/api/expenditures/import", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, true);
    if (!session) return;
    if (!request.has_file("file")) {
      return send_api_error(response, 422, make_error(ReasonCode::bad_file, "send the file as multipart field 'file'", "file"));
    }
    auto job = start_import(*session, request.files.find("file")->second);
    if (!job) {
      if (job.error().code == "busy") response.set_header("Retry-After", "10");
      return send_api_error(response, http_status_for(job.error()), job.error());
    }
    send_json(response, 202, nlohmann::json{{"job_id", job.value()}}.dump());
  });
  server.Get(R"(/api/jobs/([0-9a-f]+))", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    const auto job = jobs_.find(request.matches[1].str(), session->user_name);
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
  install_api_more(server);
  install_api_registry(server);
}

}  // namespace jiangbu
