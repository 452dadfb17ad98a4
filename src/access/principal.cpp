#include "access/principal.hpp"

#include "core/reason_code.hpp"
#include "registry/uscc.hpp"

namespace jiangbu {

std::string_view principal_kind_name(PrincipalKind kind) {
  switch (kind) {
    case PrincipalKind::administrator: return "administrator";
    case PrincipalKind::bureau: return "bureau";
    case PrincipalKind::unit: return "unit";
    case PrincipalKind::auditor: return "auditor";
  }
  JIANGBU_ASSERT(false && "unknown principal kind");
  return "";
}

std::string Principal::text() const {
  if (kind == PrincipalKind::unit) return "unit:" + unit_id;
  return std::string(principal_kind_name(kind));
}

Result<Principal> parse_principal(std::string_view text) {
  constexpr std::size_t principal_bytes_max = 64;
  if (text.size() > principal_bytes_max) {
    return make_error(ReasonCode::bad_principal, "a principal is at most 64 bytes", "as");
  }
  if (text == "bureau" || text == "财政局") return Principal{PrincipalKind::bureau, {}};
  if (text == "auditor" || text == "审计") return Principal{PrincipalKind::auditor, {}};
  if (text == "administrator") return Principal{PrincipalKind::administrator, {}};
  for (std::string_view prefix : {std::string_view("unit:"), std::string_view("单位:")}) {
    if (!text.starts_with(prefix)) continue;
    const std::string_view uscc = text.substr(prefix.size());
    // Only the shape here: a registered unit may carry a code whose check
    // digit was overridden at registration (units.uscc_override).
    if (!uscc_has_valid_shape(uscc)) {
      return make_error(ReasonCode::bad_principal,
                        "'" + std::string(uscc) + "' is not the shape of a 统一社会信用代码", "as");
    }
    return Principal{PrincipalKind::unit, std::string(uscc)};
  }
  return make_error(ReasonCode::bad_principal,
                    "'" + std::string(text) + "' is not a principal: use bureau, auditor or unit:<USCC>",
                    "as");
}

}  // namespace jiangbu
