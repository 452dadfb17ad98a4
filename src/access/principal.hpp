#pragma once
// Who is acting (操作主体): the finance bureau, one grant unit bound to its
// 统一社会信用代码, or an auditor. "administrator" is the database's owner
// running without a principal (init, migrations, binding roles, and the
// embedded single-user default); it is never a role a person is given in a
// shared deployment.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

enum class PrincipalKind { administrator, bureau, unit, auditor };

struct Principal {
  PrincipalKind kind = PrincipalKind::administrator;
  std::string unit_id;  // the unit's USCC when kind == unit, else empty

  // "administrator", "bureau", "auditor" or "unit:<USCC>": the form --as takes
  // and the audit trail records.
  [[nodiscard]] std::string text() const;
  friend bool operator==(const Principal&, const Principal&) = default;
};

std::string_view principal_kind_name(PrincipalKind kind);

// Parses the --as / JIANGBU_AS form (also 财政局, 审计, 单位:<USCC>). Whether the
// unit exists is checked when the principal is bound to a database.
Result<Principal> parse_principal(std::string_view text);

}  // namespace jiangbu
