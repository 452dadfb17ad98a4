#pragma once
// The web front's request handling: who is asking (session cookie), whether
// they may (the CLI's permission table through the bound principal, plus the
// anti-forgery token on everything that changes something), and the routes
// of the pages (web_app.cpp) and of the JSON API (web_api.cpp). Every request
// opens its own connection, so one slow report never holds another user's.
#include <httplib.h>

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/database.hpp"
#include "web/background_jobs.hpp"
#include "web/login_token.hpp"
#include "web/session_store.hpp"
#include "web/web_accounts.hpp"
#include "web/web_pages.hpp"

namespace jiangbu {

struct WebAppOptions {
  // Only a signed-in user's upload may be this large; every other request
  // body is refused above small_body_bytes_max before it is read.
  std::size_t upload_bytes_max = 64u * 1024 * 1024;
  std::size_t small_body_bytes_max = 64u * 1024;
  SignInPolicy sign_in;
  SessionStore::Limits sessions;
  std::size_t jobs_running_max = 2;  // imports and reports together: one per core
  std::size_t jobs_kept_max = 64;
  std::string upload_folder;  // a private folder is made inside it (default: the system temp folder)
};

class WebApp {
 public:
  WebApp(DatabaseLocation location, WebAppOptions options);
  ~WebApp();  // removes the private folder (after the jobs have finished)
  WebApp(const WebApp&) = delete;
  WebApp& operator=(const WebApp&) = delete;
  void install(httplib::Server& server);

 private:
  // Sessions and guards.
  std::optional<std::pair<std::string, WebSession>> session_of(const httplib::Request& request);
  // Refuses a body too large for its route before httplib reads it.
  httplib::Server::HandlerResponse limit_body(const httplib::Request& request, httplib::Response& response);
  std::optional<WebSession> signed_in(const httplib::Request& request, httplib::Response& response, bool api);
  // For everything that changes something: signed in and carrying this
  // session's anti-forgery token (form field or X-CSRF-Token header), or
  // refused (csrf-refused, 403) with nothing done.
  std::optional<WebSession> signed_in_to_change(const httplib::Request& request, httplib::Response& response,
                                                bool api);
  bool csrf_ok(const httplib::Request& request, const WebSession& session) const;
  std::unique_ptr<Database> open_as(const WebSession& session) const;
  std::unique_ptr<Database> open_unbound() const;

  // Pages.
  void install_pages(httplib::Server& server);
  void install_sign_in(httplib::Server& server);
  void install_bureau_actions(httplib::Server& server);
  void install_unit_import(httplib::Server& server);
  void install_unit_forms(httplib::Server& server);
  void install_downloads(httplib::Server& server);
  void send_page(httplib::Response& response, const WebSession& session, const PageResult& page) const;
  void send_login_page(httplib::Response& response, int status, const std::string& message);
  void sign_in_and_redirect(const httplib::Request& request, httplib::Response& response, bool api,
                            const std::string& user_name, const std::string& password);
  // Wrong passwords for names that have no account are counted here, in
  // memory, so that an unknown name locks like a known one and a locked
  // answer does not reveal which names exist.
  Status check_unknown_name_lock(const std::string& user_name);
  void note_unknown_name_failure(const std::string& user_name);

  // JSON API (web_api.cpp).
  void install_api(httplib::Server& server);
  void install_api_more(httplib::Server& server);
  void install_api_registry(httplib::Server& server);  // web_api_registry.cpp

  // Uploads become files (0600, in the server's private 0700 folder) for
  // the import; the job removes them however it ends.
  Result<std::string> save_upload(const httplib::MultipartFormData& file) const;
  Result<std::string> private_file_path(const std::string& prefix, const std::string& extension) const;
  Result<std::string> start_import(const WebSession& session, const httplib::MultipartFormData& file);
  Result<std::string> start_audit_report(const WebSession& session, const SelectionText& selection);

  DatabaseLocation location_;
  WebAppOptions options_;
  std::string private_folder_;
  SessionStore sessions_;
  LoginTokens login_tokens_;
  BackgroundJobs jobs_;
  struct NameFailures {
    int failures = 0;
    std::int64_t locked_until_unix = 0;
  };
  std::mutex unknown_names_mutex_;
  std::map<std::string, NameFailures> unknown_names_;  // at most unknown_names_max
};

// Form field, multipart field or query parameter, whichever the request has.
std::string field_of(const httplib::Request& request, const std::string& name);
SelectionText selection_of(const httplib::Request& request);
// A JSON object's string field; "" when absent or not a string (an amount
// sent as a JSON number is never read, so it is refused as missing).
std::string json_string_field(const nlohmann::json& body, const std::string& name);
void send_json(httplib::Response& response, int status, const std::string& json_text);
void send_api_error(httplib::Response& response, int status, const Error& error);
int http_status_for(const Error& error);

}  // namespace jiangbu
