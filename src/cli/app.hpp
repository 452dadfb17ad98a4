#pragma once
// The `jiangbu` command line: `jiangbu <noun> <verb> [options]`.
namespace jiangbu {

// Parses, runs and returns the process exit code (see cli/exit_code.hpp).
int run_cli(int argc, char** argv);

}  // namespace jiangbu
