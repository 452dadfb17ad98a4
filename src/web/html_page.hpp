#pragma once
// The web front's page frame: one self-contained HTML page in Chinese with
// the report style sheet and the web style sheet inlined (nothing fetched
// from elsewhere, so the pages work on a closed government network), a
// navigation bar for the signed-in principal, and the sign-out form.
#include <string>
#include <string_view>

#include "web/session_store.hpp"

namespace jiangbu {

// session may be a visitor (no navigation then).
std::string page_html(std::string_view title, const WebSession& session, std::string_view body_html);

// <input type=hidden name=csrf ...>: every form that changes something carries it.
std::string csrf_field(const WebSession& session);

// "bureau" → 财政局, "auditor" → 审计, "unit:<USCC>" → 单位 <USCC>.
std::string principal_display(const Principal& principal);

}  // namespace jiangbu
