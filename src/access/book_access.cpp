#include "access/book_access.hpp"

namespace jiangbu {

std::string book_unit_id(Database& database, const std::string& book_id) {
  std::string unit_id;
  soci::indicator indicator = soci::i_null;
  database.session() << "SELECT unit_id FROM units WHERE book_id = :book", soci::use(book_id),
      soci::into(unit_id, indicator);
  return indicator == soci::i_ok ? unit_id : std::string();
}

Status authorize_book(Database& database, Action action, const std::string& book_id) {
  // A unit on PostgreSQL sees only its own units row, so another unit's book
  // looks unowned here: that is still refused, as the bureau's book is.
  return authorize(database.principal(), action, book_unit_id(database, book_id));
}

}  // namespace jiangbu
