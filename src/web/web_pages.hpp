#pragma once
// The pages of the web front, rendered on the server from the same core
// library the CLI uses: the reports are the CLI's report documents written
// as HTML, so a page and `jiangbu report … --format html` never disagree.
// Nothing here knows HTTP; web_server.cpp maps requests to these.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "report/report_selection.hpp"
#include "store/database.hpp"
#include "web/background_jobs.hpp"
#include "web/session_store.hpp"

namespace jiangbu {

struct PageResult {
  int status = 200;
  std::string title;
  std::string body_html;
};

// A report selection as typed into a form or a URL (empty: the default).
struct SelectionText {
  std::string policy;
  std::string from;
  std::string to;
  std::vector<std::string> awards;
  std::string unit;
};
inline constexpr std::size_t selection_awards_max = 1000;
// Refuses a bad date and more than selection_awards_max awards.
Result<ReportSelection> parse_selection(const SelectionText& text);
// The query string that selects the same again (for download links).
std::string selection_query(const SelectionText& text);

std::string login_body(const WebSession& visitor, const std::string& message);
PageResult unit_home(Database& database, const WebSession& session);
PageResult award_page(Database& database, const WebSession& session, const std::string& award_id);
PageResult bureau_home(Database& database, const WebSession& session);
// The auditor's selection form (policy, period, awards).
PageResult auditor_home(Database& database, const SelectionText& selection);
// The audit report and the ranked analytics for a selection, with the
// download links: the work of a report job.
Result<std::string> auditor_report_html(Database& database, const SelectionText& selection);
// Bureau: the awards summed by policy and tier.
std::string awards_by_policy_and_tier_html(Database& database);
// A running job refreshes itself; a finished one shows its result.
PageResult job_page(const JobView& job, std::int64_t now_unix);
// What a form did: the message, or the refusal with its reason code.
PageResult outcome_page(const std::string& title, const Status& outcome, const std::string& done_message,
                        const std::string& back_path, int refused_status);
PageResult refusal_page(int status, const Error& error);

// Whether the principal may read this award: the bureau, auditors and
// the administrator read every award; a unit only one it holds a share of.
Status authorize_award_read(Database& database, const std::string& award_id);

}  // namespace jiangbu
