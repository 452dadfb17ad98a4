// The JSON API's registry, bank-statement, ledger and trail verbs (the rest
// of the CLI's): units, brands, recognitions and related people; a unit's
// bank statement; a book's trial balance; the audit trail; the reason codes.
// Writes need the X-CSRF-Token header; every permission check is the core
// library's or the CLI's own rule.
#include <filesystem>
#include <sstream>

#include <nlohmann/json.hpp>

#include "access/book_access.hpp"
#include "access/permission.hpp"
#include "bank/bank_statement.hpp"
#include "cli/ledger_tables.hpp"
#include "core/reason_code.hpp"
#include "money/money_parse.hpp"
#include "policy/policy.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"
#include "report/document_export.hpp"
#include "store/audit_trail.hpp"
#include "web/web_app.hpp"

namespace jiangbu {

namespace {

nlohmann::json unit_json(const Unit& unit) {
  return {{"unit", unit.unit_id}, {"name", unit.name}, {"type", std::string(unit_type_name(unit.type))},
          {"grant_method", std::string(grant_method_name(unit.method))}, {"book", unit.book_id}};
}

Result<Brand> brand_from(const nlohmann::json& body) {
  const auto category = parse_brand_category(json_string_field(body, "category"));
  if (!category) return make_error(ReasonCode::bad_text, "category: a brand category (English or Chinese)", "category");
  const bool heritage = body.is_object() && body.value("intangible_heritage", false) == true;
  return Brand{json_string_field(body, "brand_id"), json_string_field(body, "name"), *category, heritage};
}

Result<Recognition> recognition_from(const nlohmann::json& body) {
  const auto tier = parse_tier(json_string_field(body, "tier"));
  if (!tier) return make_error(ReasonCode::bad_text, "tier: district, municipal, provincial or national", "tier");
  const auto recognized_on = Date::parse(json_string_field(body, "recognized_on"));
  if (!recognized_on) return Error(recognized_on.error().code, recognized_on.error().message, "recognized_on");
  Recognition recognition{json_string_field(body, "recognition_id"), json_string_field(body, "brand_id"), *tier,
                          json_string_field(body, "policy_id"),      recognized_on.value(),      json_string_field(body, "document_number"),
                          {}};
  if (!body.contains("units") || !body["units"].is_array() || body["units"].size() > 10) {
    return make_error(ReasonCode::bad_text, "units: an array of the lead units' USCCs", "units");
  }
  for (const auto& unit : body["units"]) {
    if (!unit.is_string()) return make_error(ReasonCode::bad_text, "units: strings only", "units");
    recognition.unit_ids.push_back(unit.get<std::string>());
  }
  return recognition;
}

}  // namespace

void WebApp::install_api_registry(httplib::Server& server) {
  // One shape for every registry write: signed in, CSRF header, JSON object.
  const auto post_json = [this, &server](const std::string& path,
                                         std::function<Result<nlohmann::json>(Database&, const nlohmann::json&)> act) {
    server.Post(path, [this, act](const httplib::Request& request, httplib::Response& response) {
      auto session = signed_in_to_change(request, response, true);
      if (!session) return;
      const auto body = nlohmann::json::parse(request.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) {
        return send_api_error(response, 422, make_error(ReasonCode::bad_text, "send a JSON object", "body"));
      }
      auto database = open_as(*session);
      auto done = act(*database, body);
      if (!done) return send_api_error(response, http_status_for(done.error()), done.error());
      send_json(response, 201, done.value().dump());
    });
  };
  post_json("/api/units", [](Database& database, const nlohmann::json& body) -> Result<nlohmann::json> {
    auto unit = add_unit(database, {json_string_field(body, "uscc"), json_string_field(body, "name"), json_string_field(body, "type"),
                                    json_string_field(body, "method"), json_string_field(body, "uscc_override_reason")});
    if (!unit) return unit.error();
    return unit_json(unit.value());
  });
  post_json("/api/brands", [](Database& database, const nlohmann::json& body) -> Result<nlohmann::json> {
    auto brand = brand_from(body);
    if (!brand) return brand.error();
    auto added = add_brand(database, brand.value());
    if (!added) return added.error();
    return nlohmann::json{{"brand_id", added.value().brand_id}, {"name", added.value().name}};
  });
  post_json("/api/recognitions", [](Database& database, const nlohmann::json& body) -> Result<nlohmann::json> {
    auto recognition = recognition_from(body);
    if (!recognition) return recognition.error();
    auto added = add_recognition(database, recognition.value());
    if (!added) return added.error();
    return nlohmann::json{{"recognition_id", added.value().recognition_id}, {"units", added.value().unit_ids}};
  });
  post_json("/api/related-parties", [](Database& database, const nlohmann::json& body) -> Result<nlohmann::json> {
    auto added = add_related_party(
        database, {json_string_field(body, "unit"), json_string_field(body, "person_name"), json_string_field(body, "relation")});
    if (!added) return added.error();
    return nlohmann::json{{"unit", json_string_field(body, "unit")}, {"person_name", json_string_field(body, "person_name")}};
  });
  server.Get("/api/brands", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    nlohmann::json brands = nlohmann::json::array();
    for (const auto& brand : list_brands(*database)) {
      brands.push_back({{"brand_id", brand.brand_id}, {"name", brand.name},
                        {"intangible_heritage", brand.intangible_heritage}});
    }
    send_json(response, 200, brands.dump());
  });
  server.Get("/api/related-parties", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const std::string unit = field_of(request, "unit");
    if (auto allowed = authorize(database->principal(), unit.empty() ? Action::read_all : Action::read_unit, unit);
        !allowed) {
      return send_api_error(response, 403, allowed.error());
    }
    nlohmann::json people = nlohmann::json::array();
    for (const auto& person : list_related_parties(*database, unit)) {
      people.push_back({{"unit", person.unit_id}, {"person_name", person.person_name},
                        {"relation", std::string(relation_name(person.relation))}});
    }
    send_json(response, 200, people.dump());
  });
  server.Post("/api/bank-statements", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, true);
    if (!session) return;
    if (!request.has_file("file")) {
      return send_api_error(response, 422, make_error(ReasonCode::bad_file, "send the statement as multipart 'file'", "file"));
    }
    const auto opening = parse_money(field_of(request, "opening_balance"), SignPolicy::allow_negative);
    if (!opening) return send_api_error(response, 422, Error(opening.error().code, opening.error().message, "opening_balance"));
    auto path = save_upload(request.files.find("file")->second);
    if (!path) return send_api_error(response, 503, path.error());
    auto database = open_as(*session);
    const std::string account = field_of(request, "account").empty() ? "1002" : field_of(request, "account");
    auto statement = import_bank_statement(*database, field_of(request, "unit"), account, path.value(), opening.value());
    std::error_code ignored;
    std::filesystem::remove(path.value(), ignored);
    if (!statement) return send_api_error(response, http_status_for(statement.error()), statement.error());
    send_json(response, statement.value().replayed ? 200 : 201,
              nlohmann::json{{"statement_id", statement.value().statement_id}, {"replayed", statement.value().replayed}}
                  .dump());
  });
  server.Get("/api/reports/trial-balance", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    const std::string book = field_of(request, "book").empty() ? "bureau" : field_of(request, "book");
    if (auto allowed = authorize_book(*database, Action::read_unit, book); !allowed) {
      return send_api_error(response, http_status_for(allowed.error()), allowed.error());
    }
    auto selection = parse_selection(selection_of(request));
    if (!selection) return send_api_error(response, 422, selection.error());
    auto report = trial_balance(*database, book, selection.value().from, selection.value().to);
    if (!report) return send_api_error(response, http_status_for(report.error()), report.error());
    std::ostringstream out;
    (void)export_document(trial_balance_document(report.value()), "json", "", out);
    send_json(response, 200, out.str());
  });
  server.Get("/api/trail", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, true);
    if (!session) return;
    auto database = open_as(*session);
    if (auto allowed = authorize(database->principal(), Action::read_all); !allowed) {
      return send_api_error(response, 403, allowed.error());
    }
    const std::string after_text = field_of(request, "after");
    const bool digits = !after_text.empty() && after_text.size() <= 18 &&
                        after_text.find_first_not_of("0123456789") == std::string::npos;
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : list_audit_events(*database, digits ? std::stoll(after_text) : 0, 1000)) {
      events.push_back({{"event_id", event.event_id}, {"principal", event.principal},
                        {"database_role", event.database_role}, {"recorded_at", event.recorded_at},
                        {"action", event.action.action}, {"object_kind", event.action.object_kind},
                        {"object_id", event.action.object_id}, {"entries", event.entry_ids}});
    }
    send_json(response, 200, events.dump());
  });
  server.Get("/api/reasons", [](const httplib::Request&, httplib::Response& response) {
    nlohmann::json codes = nlohmann::json::array();
    for (const auto& info : reason_codes()) {
      codes.push_back({{"number", static_cast<int>(info.code)}, {"code", info.name}, {"meaning", info.meaning}});
    }
    send_json(response, 200, codes.dump());
  });
}

}  // namespace jiangbu
