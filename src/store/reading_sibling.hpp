#pragma once
// A second connection to the same SQLite file, so a long report can read one
// part on another thread while this connection reads another (each SOCI
// session is used by one thread). The sibling reads through SQLite's page
// cache (8 MB), not the memory map: both mapping the file would count its
// pages twice in the process's memory.
//
// Each statement of either connection sees a committed state, as statements
// of one connection outside a transaction do; a write committed while the
// report runs may show in one part and not another (README, "Not yet built").
#include <memory>

#include "store/database.hpp"

namespace jiangbu {

// A sibling acting as the same principal, or nullptr when there is none to
// have: on PostgreSQL (a connection may carry a role the location alone does
// not give) and for an in-memory SQLite database (a second connection would
// open another, empty one). Storage errors opening it also give nullptr: the
// caller reads on its own connection instead.
std::unique_ptr<Database> open_reading_sibling(Database& database);

}  // namespace jiangbu
