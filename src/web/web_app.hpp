#pragma once
// The web front's request handling: who is asking (session cookie), whether
// they may (the CLI's permission table through the bound principal, plus the
// anti-forgery token on everything that changes something), and the routes
// of the pages (web_app.cpp) and of the JSON API (web_api.cpp). Every request
// opens its own connection, so one slow report never holds another user's.
#include <httplib.h>

#include <memory>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "web/background_jobs.hpp"
#include "web/session_store.hpp"
#include "web/web_accounts.hpp"
#include "web/web_pages.hpp"

namespace jiangbu {

struct WebAppOptions {
  std::size_t upload_bytes_max = 64u * 1024 * 1024;
  SignInPolicy sign_in;
  std::int64_t session_idle_seconds = 30 * 60;
  std::size_t sessions_max = 10'000;
  std::size_t jobs_running_max = 2;  // imports and reports together: one per core
  std::size_t jobs_kept_max = 64;
  std::string upload_folder;  // where uploads wait for their import; default: the system temp folder
};

class WebApp {
 public:
  WebApp(DatabaseLocation location, WebAppOptions options);
  void install(httplib::Server& server);

 private:
  // Sessions and guards.
  std::optional<std::pair<std::string, WebSession>> session_of(const httplib::Request& request);
  WebSession visitor_session(const httplib::Request& request, httplib::Response& response);
  std::optional<WebSession> signed_in(const httplib::Request& request, httplib::Response& response, bool api);
  bool csrf_ok(const httplib::Request& request, const WebSession& session) const;
  std::unique_ptr<Database> open_as(const WebSession& session) const;
  std::unique_ptr<Database> open_unbound() const;

  // Pages.
  void install_pages(httplib::Server& server);
  void install_sign_in(httplib::Server& server);
  void install_bureau_actions(httplib::Server& server);
  void install_unit_import(httplib::Server& server);
  void install_downloads(httplib::Server& server);
  void send_page(httplib::Response& response, const WebSession& session, const PageResult& page) const;
  void sign_in_and_redirect(const httplib::Request& request, httplib::Response& response, bool api);

  // JSON API (web_api.cpp).
  void install_api(httplib::Server& server);
  void install_api_more(httplib::Server& server);

  // Uploads become files for the import; the job removes them.
  Result<std::string> save_upload(const httplib::MultipartFormData& file) const;
  Result<std::string> start_import(const WebSession& session, const httplib::MultipartFormData& file);
  Result<std::string> start_audit_report(const WebSession& session, const SelectionText& selection);

  DatabaseLocation location_;
  WebAppOptions options_;
  SessionStore sessions_;
  BackgroundJobs jobs_;
};

// Form field, multipart field or query parameter, whichever the request has.
std::string field_of(const httplib::Request& request, const std::string& name);
SelectionText selection_of(const httplib::Request& request);
void send_json(httplib::Response& response, int status, const std::string& json_text);
void send_api_error(httplib::Response& response, int status, const Error& error);
int http_status_for(const Error& error);

}  // namespace jiangbu
