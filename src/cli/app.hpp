#pragma once
// The `jiangbu` command line: `jiangbu <noun> <verb> [options]`.
#include <span>

namespace CLI {
class App;
}

namespace jiangbu {

struct Context;
// Adds commands that live outside the core library (the web front).
using CommandRegistrar = void (*)(CLI::App& app, Context& context);

// Parses, runs and returns the process exit code (see cli/exit_code.hpp).
int run_cli(int argc, char** argv, std::span<const CommandRegistrar> more_commands = {});

}  // namespace jiangbu
