#pragma once
// Logging goes to stderr through spdlog. At info level and above, anything
// that looks like a bank account number or a personal id (long digit runs,
// 18-character resident ids) and any password in a connection string is
// masked before it is written: logs are read by more people than the ledger.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

// "trace", "debug", "info", "warn", "error", "off".
Status configure_logging(std::string_view level_name);

}  // namespace jiangbu
