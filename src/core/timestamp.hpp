#pragma once
#include <string>

namespace jiangbu {

// "2026-11-22T03:14:39Z": when something was recorded, in UTC.
std::string utc_timestamp_now();

}  // namespace jiangbu
