#pragma once
// A long report reads one table after another. On SQLite each page it read
// through the memory map stays resident in the process until the map goes,
// so a report over a 1.8 GB ledger would end holding most of the file (its
// own heap is a few hundred MB). Letting the map go between a report's parts
// keeps its footprint to the largest part; the pages stay in the operating
// system's cache, so reading them again costs no disk.
#include "store/database.hpp"

namespace jiangbu {

// Unmaps the SQLite file (the next read maps it again at the configured
// size); nothing on PostgreSQL. Call between statements, never while one is
// still fetching: SQLite keeps a map that has pages out.
void release_mapped_pages(Database& database);

}  // namespace jiangbu
