#include "web/web_app.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "access/permission.hpp"
#include "access/principal_binding.hpp"
#include "analytics/analytics_config.hpp"
#include "core/printable_text.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "core/reason_code.hpp"
#include "report/audit_report.hpp"
#include "report/document_export.hpp"
#include "report/html_writer.hpp"
#include "web/bureau_actions.hpp"
#include "web/html_page.hpp"
#include "web/web_connection.hpp"

namespace jiangbu {

namespace {

constexpr std::string_view session_cookie_name = "jiangbu_session";
constexpr std::string_view login_cookie_name = "jiangbu_login";
constexpr std::size_t unknown_names_max = 10'000;
constexpr std::size_t password_bytes_tried_max = 1024;  // longer is wrong without hashing it

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string cookie_value(const httplib::Request& request, std::string_view name) {
  const std::string header = request.get_header_value("Cookie");
  std::size_t start = 0;
  for (std::size_t pieces = 0; start < header.size() && pieces < 100; ++pieces) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string_view piece(header.data() + start, end - start);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    if (piece.size() > name.size() && piece.starts_with(name) && piece[name.size()] == '=') {
      return std::string(piece.substr(name.size() + 1));
    }
    start = end + 1;
  }
  return "";
}

void set_session_cookie(httplib::Response& response, const std::string& token) {
  // HttpOnly: no script reads it; SameSite=Strict: no other site's page
  // sends it. Not Secure: the server speaks plain HTTP on loopback behind
  // the bureau's TLS proxy (README).
  response.set_header("Set-Cookie", std::string(session_cookie_name) + "=" + token +
                                        "; Path=/; HttpOnly; SameSite=Strict");
}

const char* home_of(const Principal& principal) {
  switch (principal.kind) {
    case PrincipalKind::unit: return "/unit";
    case PrincipalKind::auditor: return "/auditor";
    case PrincipalKind::bureau:
    case PrincipalKind::administrator: return "/bureau";
  }
  return "/login";
}

}  // namespace

std::string field_of(const httplib::Request& request, const std::string& name) {
  if (request.has_param(name)) return request.get_param_value(name);
  if (request.has_file(name)) return request.get_file_value(name).content;
  return "";
}

SelectionText selection_of(const httplib::Request& request) {
  SelectionText text{field_of(request, "policy"), field_of(request, "from"), field_of(request, "to"), {},
                     field_of(request, "unit")};
  // One more than parse_selection accepts, so that too many are refused, not cut.
  constexpr std::size_t awards_max = selection_awards_max + 1;
  for (std::size_t index = 0; index < request.get_param_value_count("award") && index < awards_max; ++index) {
    text.awards.push_back(request.get_param_value("award", index));
  }
  const std::string listed = field_of(request, "awards");  // "A,B" from the auditor's form
  std::size_t start = 0;
  while (!listed.empty() && start <= listed.size() && text.awards.size() < awards_max) {
    const std::size_t end = std::min(listed.find(',', start), listed.size());
    if (end > start) text.awards.push_back(listed.substr(start, end - start));
    start = end + 1;
  }
  return text;
}

int http_status_for(const Error& error) {
  if (error.code == "permission-denied") return 403;
  if (error.code == "csrf-refused") return 403;
  if (error.code == "sign-in-failed") return 401;
  if (error.code == "account-locked") return 423;
  if (error.code == "not-signed-in") return 401;
  if (error.code == "busy") return 503;
  if (error.code.starts_with("unknown-")) return 404;
  return 422;
}

WebApp::WebApp(DatabaseLocation location, WebAppOptions options)
    : location_(std::move(location)),
      options_(std::move(options)),
      sessions_(options_.sessions),
      jobs_(options_.jobs_running_max, options_.jobs_kept_max) {
  if (options_.upload_folder.empty()) options_.upload_folder = std::filesystem::temp_directory_path().string();
  std::string pattern = (std::filesystem::path(options_.upload_folder) / "jiangbu-serve-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {  // mode 0700
    throw std::runtime_error("cannot make a private folder in " + options_.upload_folder);
  }
  private_folder_ = pattern;
}

WebApp::~WebApp() {
  std::error_code ignored;
  std::filesystem::remove_all(private_folder_, ignored);
}

std::optional<std::pair<std::string, WebSession>> WebApp::session_of(const httplib::Request& request) {
  std::string token = cookie_value(request, session_cookie_name);
  auto session = sessions_.find(token, now_unix());
  if (!session) return std::nullopt;
  return std::pair(std::move(token), std::move(*session));
}

std::optional<WebSession> WebApp::signed_in(const httplib::Request& request, httplib::Response& response, bool api) {
  auto found = session_of(request);
  if (found && found->second.signed_in()) return found->second;
  if (api) {
    send_api_error(response, 401, make_error(ReasonCode::not_signed_in, "not signed in, or the session expired", "session"));
  } else {
    response.set_redirect("/login", 303);
  }
  return std::nullopt;
}

std::optional<WebSession> WebApp::signed_in_to_change(const httplib::Request& request, httplib::Response& response,
                                                      bool api) {
  auto session = signed_in(request, response, api);
  if (!session || csrf_ok(request, *session)) return session;
  if (api) {
    send_api_error(response, 403, make_error(ReasonCode::csrf_refused, "missing or wrong X-CSRF-Token", "csrf"));
  } else {
    send_page(response, *session,
              refusal_page(403, make_error(ReasonCode::csrf_refused, "表单缺少有效的防伪令牌，已拒绝", "csrf")));
  }
  return std::nullopt;
}

bool WebApp::csrf_ok(const httplib::Request& request, const WebSession& session) const {
  std::string token = request.get_header_value("X-CSRF-Token");
  if (token.empty()) token = field_of(request, "csrf");
  return tokens_equal(token, session.csrf_token);
}

std::unique_ptr<Database> WebApp::open_unbound() const {
  auto database = Database::open(location_);
  if (!database) throw std::runtime_error(database.error().describe());
  return std::move(database).value();
}

std::unique_ptr<Database> WebApp::open_as(const WebSession& session) const {
  auto database = open_web_connection(location_, {session.principal, session.database_role});
  if (!database) throw std::runtime_error(database.error().describe());
  return std::move(database).value();
}

void WebApp::send_page(httplib::Response& response, const WebSession& session, const PageResult& page) const {
  response.status = page.status;
  response.set_content(page_html(page.title, session, page.body_html), "text/html; charset=utf-8");
}

httplib::Server::HandlerResponse WebApp::limit_body(const httplib::Request& request, httplib::Response& response) {
  const bool upload_route = request.path == "/unit/import" || request.path == "/api/expenditures/import" ||
                            request.path == "/api/bank-statements";
  const bool may_upload = upload_route && [&] {
    const auto session = session_of(request);
    return session && session->second.signed_in();
  }();
  const std::size_t allowed = may_upload ? options_.upload_bytes_max : options_.small_body_bytes_max;
  const std::string length_text = request.get_header_value("Content-Length");
  std::size_t length = 0;
  const bool chunked = request.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
  const bool readable = length_text.size() <= 19 && length_text.find_first_not_of("0123456789") == std::string::npos;
  if (readable && !length_text.empty()) length = std::stoull(length_text);
  if ((chunked && !may_upload) || !readable || length > allowed) {
    send_api_error(response, 413,
                   make_error(ReasonCode::bad_file,
                              "请求体过大：上传文件最多 " + std::to_string(options_.upload_bytes_max / (1024 * 1024)) +
                                  " MiB，其他请求最多 " + std::to_string(options_.small_body_bytes_max / 1024) + " KiB",
                              "body"));
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

void WebApp::install(httplib::Server& server) {
  server.set_payload_max_length(options_.upload_bytes_max);
  server.set_pre_routing_handler(
      [this](const httplib::Request& request, httplib::Response& response) { return limit_body(request, response); });
  server.set_default_headers({
      {"Content-Security-Policy",
       "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-store"},
  });
  server.set_exception_handler([](const httplib::Request& request, httplib::Response& response,
                                  std::exception_ptr exception) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(exception);
    } catch (const std::exception& error) {
      what = error.what();
    } catch (...) {
    }
    spdlog::error("web {} {} failed: {}", request.method, request.path, what);
    response.status = 503;
    response.set_content("<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>暂时无法处理</title>"
                         "<p>服务器暂时无法处理此请求（存储错误），已记录的数据不受影响。请稍后再试。</p></html>",
                         "text/html; charset=utf-8");
  });
  install_sign_in(server);
  install_pages(server);
  install_bureau_actions(server);
  install_unit_import(server);
  install_unit_forms(server);
  install_downloads(server);
  install_api(server);
}

Status WebApp::check_unknown_name_lock(const std::string& user_name) {
  const std::lock_guard lock(unknown_names_mutex_);
  const auto found = unknown_names_.find(user_name);
  if (found == unknown_names_.end() || found->second.locked_until_unix <= now_unix()) return success();
  return make_error(ReasonCode::account_locked,
                    "账户已锁定 (locked for " + std::to_string(found->second.locked_until_unix - now_unix()) +
                        " more seconds after repeated wrong passwords)",
                    "user");
}

void WebApp::note_unknown_name_failure(const std::string& user_name) {
  const std::lock_guard lock(unknown_names_mutex_);
  const std::int64_t now = now_unix();
  if (unknown_names_.size() >= unknown_names_max && !unknown_names_.contains(user_name)) {
    std::erase_if(unknown_names_, [now](const auto& entry) { return entry.second.locked_until_unix <= now; });
    if (unknown_names_.size() >= unknown_names_max) unknown_names_.erase(unknown_names_.begin());
  }
  auto& failures = unknown_names_[user_name];
  if (++failures.failures >= options_.sign_in.failures_max) {
    failures = {0, now + options_.sign_in.lock_seconds};
  }
}

void WebApp::send_login_page(httplib::Response& response, int status, const std::string& message) {
  // A fresh nonce per form: its cookie is scoped to /login, HttpOnly and
  // SameSite=Strict like the session's.
  const std::string nonce = random_token();
  response.set_header("Set-Cookie", std::string(login_cookie_name) + "=" + nonce +
                                        "; Path=/login; HttpOnly; SameSite=Strict");
  WebSession visitor;
  visitor.csrf_token = login_tokens_.token_for(nonce);
  send_page(response, visitor, {status, "登录", login_body(visitor, message)});
}

void WebApp::sign_in_and_redirect(const httplib::Request& request, httplib::Response& response, bool api,
                                  const std::string& user_name, const std::string& password) {
  Result<WebUser> user = make_error(ReasonCode::sign_in_failed, "用户名或密码错误 (wrong user name or password)", "user");
  bool account_exists = true;
  if (auto locked = check_unknown_name_lock(user_name); !locked) {
    user = locked.error();
  } else if (password.size() <= password_bytes_tried_max) {
    auto database = open_unbound();
    user = sign_in(*database, user_name, password, now_unix(), options_.sign_in, &account_exists);
  }
  if (!user) {
    if (!account_exists) note_unknown_name_failure(user_name);
    spdlog::info("web sign-in refused for {} from {}: {}", quote_input(user_name), request.remote_addr,
                 user.error().code);
    if (api) return send_api_error(response, http_status_for(user.error()), user.error());
    return send_login_page(response, http_status_for(user.error()), user.error().message);
  }
  // A new token at sign-in: a token planted before cannot ride into the
  // signed-in session (session fixation).
  if (auto previous = session_of(request)) sessions_.remove(previous->first);
  const auto [token, session] =
      sessions_.create(user.value().user_name, user.value().principal, now_unix(), user.value().database_role);
  set_session_cookie(response, token);
  spdlog::info("web sign-in {} as {} from {}", quote_input(user.value().user_name), user.value().principal.text(),
               request.remote_addr);
  if (api) {
    return send_json(response, 200,
                     nlohmann::json{{"user", session.user_name}, {"principal", session.principal.text()},
                                    {"csrf_token", session.csrf_token}}
                         .dump());
  }
  response.set_redirect(home_of(user.value().principal), 303);
}

void WebApp::install_sign_in(httplib::Server& server) {
  server.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
    if (auto session = signed_in(request, response, false)) response.set_redirect(home_of(session->principal), 303);
  });
  server.Get("/login", [this](const httplib::Request&, httplib::Response& response) {
    send_login_page(response, 200, "");
  });
  server.Post("/login", [this](const httplib::Request& request, httplib::Response& response) {
    if (!login_tokens_.matches(cookie_value(request, login_cookie_name), field_of(request, "csrf"))) {
      return send_login_page(response, 403, "表单已过期或来源不明，请重新登录 (csrf-refused)");
    }
    sign_in_and_redirect(request, response, false, field_of(request, "user"), field_of(request, "password"));
  });
  server.Post("/logout", [this](const httplib::Request& request, httplib::Response& response) {
    auto found = session_of(request);
    if (found && csrf_ok(request, found->second)) sessions_.remove(found->first);
    response.set_header("Set-Cookie", std::string(session_cookie_name) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    response.set_redirect("/login", 303);
  });
}

void WebApp::install_pages(httplib::Server& server) {
  server.Get("/unit", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    if (session->principal.kind != PrincipalKind::unit) {
      return send_page(response, *session,
                       refusal_page(403, make_error(ReasonCode::permission_denied, "单位工作台仅供单位使用", "page")));
    }
    auto database = open_as(*session);
    send_page(response, *session, unit_home(*database, *session));
  });
  server.Get(R"(/awards/([^/]+))", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    auto database = open_as(*session);
    send_page(response, *session, award_page(*database, *session, request.matches[1].str()));
  });
  server.Get("/bureau", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    auto database = open_as(*session);
    send_page(response, *session, bureau_home(*database, *session));
  });
  server.Get("/auditor", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    auto database = open_as(*session);
    send_page(response, *session, auditor_home(*database, selection_of(request)));
  });
  // A GET, like any report link, so it can be bookmarked; it only reads.
  server.Get("/auditor/report", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    if (auto allowed = authorize(session->principal, Action::read_all); !allowed) {
      return send_page(response, *session, refusal_page(403, allowed.error()));
    }
    auto job = start_audit_report(*session, selection_of(request));
    if (!job) {
      if (job.error().code == "busy") response.set_header("Retry-After", "10");
      return send_page(response, *session, refusal_page(http_status_for(job.error()), job.error()));
    }
    response.set_redirect("/jobs/" + job.value(), 303);
  });
  server.Get(R"(/jobs/([0-9a-f]+))", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    const auto job = jobs_.find(request.matches[1].str(), session->user_name);
    if (!job) {
      return send_page(response, *session,
                       refusal_page(404, make_error(ReasonCode::bad_option, "没有这个任务", "job")));
    }
    if (job->state == JobState::running) response.set_header("Refresh", "1");
    send_page(response, *session, job_page(*job, now_unix()));
  });
}

void WebApp::install_bureau_actions(httplib::Server& server) {
  for (const std::string action : {"grant", "pay", "status", "clawback"}) {
    server.Post("/bureau/" + action, [this, action](const httplib::Request& request, httplib::Response& response) {
      auto session = signed_in_to_change(request, response, false);
      if (!session) return;
      auto database = open_as(*session);
      std::string done;
      const Status outcome = run_bureau_action(
          *database, action, [&request](const std::string& name) { return field_of(request, name); }, done);
      send_page(response, *session,
                outcome_page("财政局操作", outcome, done, "/bureau", outcome ? 200 : http_status_for(outcome.error())));
    });
  }
}

Result<std::string> WebApp::private_file_path(const std::string& prefix, const std::string& extension) const {
  return (std::filesystem::path(private_folder_) / (prefix + random_token().substr(0, 24) + "." + extension)).string();
}

Result<std::string> WebApp::save_upload(const httplib::MultipartFormData& file) const {
  const bool xlsx = file.filename.ends_with(".xlsx") || file.filename.ends_with(".XLSX");
  auto path = private_file_path("upload-", xlsx ? "xlsx" : "csv");
  if (!path) return path.error();
  // O_EXCL | O_NOFOLLOW: never through a planted link or onto another file.
  const int descriptor = ::open(path.value().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (descriptor < 0) return make_error(ReasonCode::cannot_write_output, "cannot keep the upload for its import", "file");
  std::size_t written = 0;
  while (written < file.content.size()) {  // bounded: each pass writes at least one byte or stops
    const ssize_t count = ::write(descriptor, file.content.data() + written, file.content.size() - written);
    if (count <= 0) break;
    written += static_cast<std::size_t>(count);
  }
  const bool closed = ::close(descriptor) == 0;
  if (written != file.content.size() || !closed) {
    std::error_code ignored;
    std::filesystem::remove(path.value(), ignored);
    return make_error(ReasonCode::cannot_write_output, "cannot keep the upload for its import (disk full?)", "file");
  }
  return path;
}

Result<std::string> WebApp::start_import(const WebSession& session, const httplib::MultipartFormData& file) {
  if (session.principal.kind != PrincipalKind::unit) {
    return make_error(ReasonCode::permission_denied, "只有单位可以上传支出明细", "file");
  }
  if (file.content.empty()) return make_error(ReasonCode::bad_file, "上传的文件是空的", "file");
  auto path = save_upload(file);
  if (!path) return path.error();
  const std::string file_path = path.value();
  class UploadFile {  // removed however the job ends, or if it never starts
   public:
    explicit UploadFile(std::string path) : path_(std::move(path)) {}
    ~UploadFile() {
      std::error_code ignored;
      std::filesystem::remove(path_, ignored);
    }
    UploadFile(const UploadFile&) = delete;  // one owner, one removal
    UploadFile& operator=(const UploadFile&) = delete;
    [[nodiscard]] const std::string& path() const { return path_; }

   private:
    std::string path_;
  };
  auto upload = std::make_shared<UploadFile>(file_path);
  const DatabaseLocation location = location_;
  const WebIdentity identity{session.principal, session.database_role};
  return jobs_.start(session.user_name, "导入审核：" + file.filename,
                     [location, identity, upload](const JobProgress& progress) -> JobResult {
                       auto database = open_web_connection(location, identity);
                       if (!database) return database.error();
                       ImportOptions options;
                       options.record.source = "web";
                       options.on_progress = progress;
                       auto summary = import_expenditures(*database.value(), upload->path(), options);
                       if (!summary) return summary.error();
                       return std::move(summary).value();
                     });
}

Result<std::string> WebApp::start_audit_report(const WebSession& session, const SelectionText& selection) {
  const DatabaseLocation location = location_;
  const WebIdentity identity{session.principal, session.database_role};
  std::string title = "审计报告：" + selection.policy + (selection.from.empty() ? "" : " " + selection.from) + " 至 " +
                      (selection.to.empty() ? "今日" : selection.to);
  return jobs_.start(session.user_name, title, [location, identity, selection](const JobProgress&) -> JobResult {
    auto database = open_web_connection(location, identity);
    if (!database) return database.error();
    auto html = auditor_report_html(*database.value(), selection);
    if (!html) return html.error();
    return std::move(html).value();
  });
}

void WebApp::install_unit_forms(httplib::Server& server) {
  // A unit's plan (资金使用管理计划) and the reversal of one of its
  // expenditures; the core library checks that both are the unit's own.
  server.Post("/unit/plan", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, false);
    if (!session) return;
    const auto filed_on = Date::parse(field_of(request, "date"));
    Status outcome = filed_on ? success() : Status(Error(filed_on.error().code, filed_on.error().message, "date"));
    std::string done;
    if (outcome) {
      PlanInput input{field_of(request, "award"), session->principal.unit_id, filed_on.value(),
                      field_of(request, "document"), {}};
      std::istringstream lines(field_of(request, "lines"));
      std::string line;
      constexpr std::size_t plan_lines_max = 100;
      for (std::size_t count = 0; outcome && std::getline(lines, line); ++count) {
        if (count == plan_lines_max) {
          outcome = make_error(ReasonCode::bad_text, "计划最多 " + std::to_string(plan_lines_max) + " 行", "lines");
          break;
        }
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        const auto equals = line.rfind('=');
        if (equals == std::string::npos) {
          outcome = make_error(ReasonCode::bad_text,
                               "计划第 " + std::to_string(count + 1) + " 行应为 类别=金额：" + quote_input(line), "lines");
          break;
        }
        input.lines.emplace_back(line.substr(0, equals), line.substr(equals + 1));
      }
      if (outcome) {
        auto database = open_as(*session);
        auto filed = file_plan(*database, input);
        if (filed) {
          done = "已备案 " + filed.value().award_id + " 的资金使用管理计划第 " + std::to_string(filed.value().revision) + " 版";
        } else {
          outcome = filed.error();
        }
      }
    }
    send_page(response, *session,
              outcome_page("计划备案", outcome, done, "/unit", outcome ? 200 : http_status_for(outcome.error())));
  });
  server.Post("/unit/reverse", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, false);
    if (!session) return;
    const std::string id_text = field_of(request, "expenditure");
    const bool digits = !id_text.empty() && id_text.size() <= 18 &&
                        id_text.find_first_not_of("0123456789") == std::string::npos;
    const auto reversed_on = Date::parse(field_of(request, "date"));
    Status outcome = !digits      ? Status(make_error(ReasonCode::bad_text, "支出编号应为数字", "expenditure"))
                     : !reversed_on ? Status(Error(reversed_on.error().code, reversed_on.error().message, "date"))
                                    : success();
    if (outcome) {
      auto database = open_as(*session);
      outcome = reverse_expenditure(*database, std::stoll(id_text), reversed_on.value(), field_of(request, "reason"));
    }
    send_page(response, *session,
              outcome_page("冲销支出", outcome, "已冲销支出 " + id_text + "，发票号释放，余额恢复", "/unit",
                           outcome ? 200 : http_status_for(outcome.error())));
  });
}

void WebApp::install_unit_import(httplib::Server& server) {
  server.Post("/unit/import", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in_to_change(request, response, false);
    if (!session) return;
    if (!request.has_file("file")) {
      return send_page(response, *session, refusal_page(422, make_error(ReasonCode::bad_file, "请选择文件", "file")));
    }
    auto job = start_import(*session, request.files.find("file")->second);
    if (!job) {
      if (job.error().code == "busy") response.set_header("Retry-After", "10");
      return send_page(response, *session, refusal_page(http_status_for(job.error()), job.error()));
    }
    response.set_redirect("/jobs/" + job.value(), 303);
  });
}

void WebApp::install_downloads(httplib::Server& server) {
  server.Get("/reports/audit", [this](const httplib::Request& request, httplib::Response& response) {
    auto session = signed_in(request, response, false);
    if (!session) return;
    auto database = open_as(*session);
    if (auto allowed = authorize(database->principal(), Action::read_all); !allowed) {
      return send_page(response, *session, refusal_page(403, allowed.error()));
    }
    const std::string format = field_of(request, "format");
    static const std::map<std::string, std::string> content_types = {
        {"pdf", "application/pdf"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"csv", "text/csv; charset=utf-8"},
        {"json", "application/json"}};
    const auto type = content_types.find(format);
    if (type == content_types.end()) {
      return send_page(response, *session,
                       refusal_page(422, make_error(ReasonCode::bad_option, "格式须为 pdf、xlsx、csv 或 json", "format")));
    }
    auto selection = parse_selection(selection_of(request));
    if (!selection) return send_page(response, *session, refusal_page(422, selection.error()));
    auto report = audit_report(*database, selection.value(), AnalyticsConfig::defaults());
    if (!report) return send_page(response, *session, refusal_page(http_status_for(report.error()), report.error()));
    const ReportDocument document = audit_report_document(report.value());
    std::string bytes;
    if (format == "pdf" || format == "xlsx") {
      const std::filesystem::path path = private_file_path("report-", format).value();
      std::ostringstream unused;
      auto written = export_document(document, format, path.string(), unused);
      if (!written) return send_page(response, *session, refusal_page(503, written.error()));
      std::ifstream in(path, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    } else {
      std::ostringstream out;
      (void)export_document(document, format, "", out);
      bytes = out.str();
    }
    response.set_header("Content-Disposition", "attachment; filename=\"audit-report-" +
                                                   selection.value().policy_id + "." + format + "\"");
    response.set_content(bytes, type->second.c_str());
  });
}

void send_json(httplib::Response& response, int status, const std::string& json_text) {
  response.status = status;
  response.set_content(json_text, "application/json; charset=utf-8");
}

void send_api_error(httplib::Response& response, int status, const Error& error) {
  send_json(response, status,
            nlohmann::json{{"error", {{"code", error.code}, {"message", error.message}, {"field", error.field}}}}.dump());
}

}  // namespace jiangbu
