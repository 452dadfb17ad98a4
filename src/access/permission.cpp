#include "access/permission.hpp"

#include "core/reason_code.hpp"

namespace jiangbu {

std::string_view action_name(Action action) {
  switch (action) {
    case Action::administer: return "administer the database";
    case Action::register_parties: return "register units, brands and recognitions";
    case Action::load_policy: return "load a policy";
    case Action::grant_award: return "grant an award";
    case Action::pay_award: return "pay an award";
    case Action::change_award_status: return "suspend, reinstate or revoke an award";
    case Action::claw_back: return "claw back funds";
    case Action::import_bank_statement: return "import a bank statement";
    case Action::write_book: return "write to a book";
    case Action::file_plan: return "file a fund-use plan";
    case Action::record_expenditure: return "record an expenditure";
    case Action::reverse_expenditure: return "reverse an expenditure";
    case Action::read_unit: return "read a unit's books";
    case Action::read_all: return "read every unit's books";
  }
  JIANGBU_ASSERT(false && "unknown action");
  return "";
}

namespace {

// The bureau (区人力社保局、区财政局) grants and pays the award (000
// 綦江区办法 第七条) and supervises its use (002 西咸 "使用要求"; 003 乌鲁木齐
// "接受区（县）人社、财政等部门的监督管理"); each unit keeps its own 专账
// (000 第九条), so the bureau writes its own book, never a unit's. Supervision
// and 核查 (000 第十条、第十一条) are reads: the auditor reads all, writes nothing.
bool bureau_may(Action action, std::string_view unit_id) {
  switch (action) {
    case Action::register_parties:
    case Action::load_policy:
    case Action::grant_award:
    case Action::pay_award:
    case Action::change_award_status:
    case Action::claw_back:
    case Action::import_bank_statement:
    case Action::read_unit:
    case Action::read_all:
      return true;
    case Action::write_book:
      return unit_id.empty();
    default:
      return false;
  }
}

// A unit files its plan, records and reverses its own spending and keeps its
// own book; it reads nothing of another unit.
bool unit_may(Action action) {
  switch (action) {
    case Action::write_book:
    case Action::file_plan:
    case Action::record_expenditure:
    case Action::reverse_expenditure:
    case Action::read_unit:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status authorize(const Principal& principal, Action action, std::string_view unit_id) {
  bool allowed = false;
  switch (principal.kind) {
    case PrincipalKind::administrator: allowed = true; break;
    case PrincipalKind::bureau: allowed = bureau_may(action, unit_id); break;
    case PrincipalKind::auditor: allowed = action == Action::read_unit || action == Action::read_all; break;
    case PrincipalKind::unit: allowed = unit_may(action) && unit_id == principal.unit_id; break;
  }
  if (allowed) return success();
  std::string message = principal.text() + " may not " + std::string(action_name(action));
  if (!unit_id.empty()) message += " of unit " + std::string(unit_id);
  else if (action == Action::write_book || action == Action::read_unit) message += " of the bureau (no unit's)";
  return make_error(ReasonCode::permission_denied, message, "as");
}

}  // namespace jiangbu
