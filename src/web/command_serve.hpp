#pragma once
// The web front's commands, added to the CLI by main.cpp.
#include <CLI/CLI.hpp>

#include "cli/context.hpp"

namespace jiangbu {

void register_serve_command(CLI::App& app, Context& context);
void register_user_commands(CLI::App& app, Context& context);

}  // namespace jiangbu
