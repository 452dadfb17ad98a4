// Suspension, reinstatement and revocation of an award: recorded as dated
// events with their documents, never as edits of the award.
#include "access/permission.hpp"
#include "award/award.hpp"
#include "award/award_event_history.hpp"
#include "core/reason_code.hpp"
#include "core/text.hpp"
#include "core/timestamp.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

AwardStatus apply_award_event(AwardStatus status, AwardEventKind kind) {
  switch (kind) {
    case AwardEventKind::suspend: return AwardStatus::suspended;
    case AwardEventKind::reinstate: return AwardStatus::active;
    case AwardEventKind::revoke: return AwardStatus::revoked;
  }
  return status;
}

std::optional<AwardEventKind> parse_award_event_kind(std::string_view name) {
  if (name == "suspend") return AwardEventKind::suspend;
  if (name == "reinstate") return AwardEventKind::reinstate;
  if (name == "revoke") return AwardEventKind::revoke;
  return std::nullopt;
}

namespace {

constexpr std::size_t award_events_max = 1000;

struct Event {
  AwardEventKind kind = AwardEventKind::suspend;
  Date effective_on = Date::from_parts(2000, 1, 1);
};

std::vector<Event> award_events(Database& database, const std::string& award_id) {
  std::vector<Event> events;
  std::string kind;
  std::string effective_on;
  soci::statement statement =
      (database.session().prepare << "SELECT kind, effective_on FROM award_events WHERE award_id = :award "
                                     "ORDER BY effective_on, event_id",
       soci::use(award_id), soci::into(kind), soci::into(effective_on));
  statement.execute();
  while (events.size() < award_events_max && statement.fetch()) {
    events.push_back({parse_award_event_kind(kind).value_or(AwardEventKind::revoke), Date::parse(effective_on).value()});
  }
  return events;
}

AwardStatus apply(AwardStatus status, AwardEventKind kind) { return apply_award_event(status, kind); }

bool allowed(AwardStatus status, AwardEventKind kind) {
  switch (kind) {
    case AwardEventKind::suspend: return status == AwardStatus::active;
    case AwardEventKind::reinstate: return status == AwardStatus::suspended;
    case AwardEventKind::revoke: return status != AwardStatus::revoked;
  }
  return false;
}

}  // namespace

std::string_view award_status_name(AwardStatus status) {
  switch (status) {
    case AwardStatus::active: return "active";
    case AwardStatus::suspended: return "suspended";
    case AwardStatus::revoked: return "revoked";
  }
  return "active";
}

std::string_view award_event_kind_name(AwardEventKind kind) {
  switch (kind) {
    case AwardEventKind::suspend: return "suspend";
    case AwardEventKind::reinstate: return "reinstate";
    case AwardEventKind::revoke: return "revoke";
  }
  return "suspend";
}

AwardStatus award_status_on(Database& database, const std::string& award_id, const Date& day) {
  AwardStatus status = AwardStatus::active;
  for (const auto& event : award_events(database, award_id)) {
    if (event.effective_on <= day) status = apply(status, event.kind);
  }
  return status;
}

Status change_award_status(Database& database, const StatusChange& change) {
  if (auto valid = validate_text(change.document_number, "document", 100); !valid) return valid;
  if (auto valid = validate_text(change.reason, "reason", 300); !valid) return valid;
  if (auto allowed = authorize(database.principal(), Action::change_award_status); !allowed) return allowed;
  Transaction transaction(database, {"award." + std::string(award_event_kind_name(change.kind)), "award",
                                     change.award_id});
  const auto award = find_award(database, change.award_id);
  if (!award) return make_error(ReasonCode::unknown_award, "no award '" + change.award_id + "'", "award");
  if (change.effective_on < award->effective_on) {
    return make_error(ReasonCode::bad_status_change, "dated before the award takes effect on " +
                                                         award->effective_on.to_string(), "date");
  }
  // Events are recorded in date order: a later-recorded event cannot
  // rewrite what an earlier-dated one already decided.
  AwardStatus status = AwardStatus::active;
  for (const auto& event : award_events(database, change.award_id)) {
    if (change.effective_on < event.effective_on) {
      return make_error(ReasonCode::bad_status_change,
                        "an event dated " + event.effective_on.to_string() + " is already recorded", "date");
    }
    status = apply(status, event.kind);
  }
  if (!allowed(status, change.kind)) {
    return make_error(ReasonCode::bad_status_change,
                      "award " + change.award_id + " is " + std::string(award_status_name(status)) + "; cannot " +
                          std::string(award_event_kind_name(change.kind)),
                      "award");
  }
  const std::string kind(award_event_kind_name(change.kind));
  const std::string effective_on = change.effective_on.to_string();
  const std::string now = utc_timestamp_now();
  database.session() << "INSERT INTO award_events (award_id, kind, effective_on, document_number, reason, "
                        "recorded_at) VALUES (:award, :kind, :effective, :document, :reason, :now)",
      soci::use(change.award_id), soci::use(kind), soci::use(effective_on), soci::use(change.document_number),
      soci::use(change.reason), soci::use(now);
  transaction.commit();
  return success();
}

}  // namespace jiangbu
