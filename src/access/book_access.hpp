#pragma once
// Books belong to units (one 专账 each) or to the bureau. Authorising an
// action on a book is authorising it on the book's unit.
#include <string>

#include "access/permission.hpp"
#include "store/database.hpp"

namespace jiangbu {

// The USCC of the unit whose book this is; empty for the bureau's (and any
// book no unit owns).
std::string book_unit_id(Database& database, const std::string& book_id);

Status authorize_book(Database& database, Action action, const std::string& book_id);

}  // namespace jiangbu
