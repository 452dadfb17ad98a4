#include "web/html_page.hpp"

#include "core/embedded_files.hpp"
#include "report/html_writer.hpp"

namespace jiangbu {

namespace {

std::string navigation(const WebSession& session) {
  if (!session.signed_in()) return "";
  std::string links;
  switch (session.principal.kind) {
    case PrincipalKind::bureau:
    case PrincipalKind::administrator: links = "<a href=\"/bureau\">财政局工作台</a>"; break;
    case PrincipalKind::unit: links = "<a href=\"/unit\">单位工作台</a>"; break;
    case PrincipalKind::auditor: links = "<a href=\"/auditor\">审计工作台</a>"; break;
  }
  return "<nav class=\"top\"><strong>奖补资金管理</strong>" + links + "<span class=\"who\">" +
         escape_html(session.user_name) + "（" + escape_html(principal_display(session.principal)) +
         "）</span><form method=\"post\" action=\"/logout\">" + csrf_field(session) +
         "<button type=\"submit\" id=\"sign-out\">退出</button></form></nav>\n";
}

}  // namespace

std::string principal_display(const Principal& principal) {
  switch (principal.kind) {
    case PrincipalKind::administrator: return "管理员";
    case PrincipalKind::bureau: return "财政局";
    case PrincipalKind::auditor: return "审计";
    case PrincipalKind::unit: return "单位 " + principal.unit_id;
  }
  return principal.text();
}

std::string csrf_field(const WebSession& session) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape_html(session.csrf_token) + "\">";
}

std::string page_html(std::string_view title, const WebSession& session, std::string_view body_html) {
  std::string page;
  page.reserve(body_html.size() + 16 * 1024);
  page += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  page += escape_html(title);
  page += " - 奖补资金管理</title>\n<style>\n";
  page += report_style_sheet();
  page += find_embedded_file("reports/web.css").value_or("");
  page += "</style>\n</head>\n<body>\n";
  page += navigation(session);
  page += body_html;
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace jiangbu
