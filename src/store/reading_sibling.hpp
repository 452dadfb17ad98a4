#pragma once
// A second connection to the same SQLite file, so a long report can read one
// part on another thread while this connection reads another (each SOCI
// session is used by one thread). The sibling reads through SQLite's page
// cache (8 MB), not the memory map: both mapping the file would count its
// pages twice in the process's memory.
//
// On its own each statement of either connection sees whatever is committed
// when it runs; the audit report pins both to one state with a
// SharedReadSnapshot (store/shared_read_snapshot.hpp).
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
