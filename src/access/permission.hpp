#pragma once
// What each principal may do. The application asks here before every state
// change and every read of a unit's books; on PostgreSQL the database's own
// roles and row-level security policies (sql/postgresql/0007) enforce the
// same table, so a bypassed application still cannot cross a unit's line.
#include <string_view>

#include "access/principal.hpp"
#include "core/result.hpp"

namespace jiangbu {

enum class Action {
  administer,           // migrations, seeding charts, binding database roles
  register_parties,     // units, brands, recognitions, related people
  load_policy,
  grant_award,
  pay_award,
  change_award_status,  // suspend, reinstate, revoke
  claw_back,
  import_bank_statement,
  write_book,           // open books and accounts, post and reverse manual entries
  file_plan,
  record_expenditure,
  reverse_expenditure,
  read_unit,            // one unit's books, plans, expenditures and statements
  read_all,             // every unit: audit reports, analytics, registers, the trail
};

std::string_view action_name(Action action);

// unit_id is the unit whose books the action touches; empty for the bureau's
// own book and for actions that are not about one unit.
Status authorize(const Principal& principal, Action action, std::string_view unit_id = {});

}  // namespace jiangbu
