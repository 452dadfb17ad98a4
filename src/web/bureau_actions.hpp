#pragma once
// The bureau's four actions on awards (grant, pay, status change, clawback)
// from named text fields, shared by the pages' forms and the JSON API. The
// permission checks and every rule are the core library's.
#include <functional>
#include <string>

#include "core/result.hpp"
#include "store/database.hpp"

namespace jiangbu {

using FieldReader = std::function<std::string(const std::string& name)>;

// action: "grant" (award, recognition, date, document, weights "5:3:2"),
// "pay" (award, unit, amount or empty for all unpaid, date, reference),
// "status" (award, kind suspend|reinstate|revoke, date, document, reason),
// "clawback" (award, unit, amount, date, document, reason). On success
// `done` says what was done, in Chinese.
Status run_bureau_action(Database& database, const std::string& action, const FieldReader& field, std::string& done);

}  // namespace jiangbu
