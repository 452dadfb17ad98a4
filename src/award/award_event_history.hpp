#pragma once
// Folding an award's dated status events into its status on a day, for
// callers that load the events themselves (the import's batch facts).
#include <optional>
#include <string_view>

#include "award/award.hpp"

namespace jiangbu {

AwardStatus apply_award_event(AwardStatus status, AwardEventKind kind);
std::optional<AwardEventKind> parse_award_event_kind(std::string_view name);  // "suspend", "reinstate", "revoke"

}  // namespace jiangbu
