// The jiangbu executable: a thin shell over jiangbu_core, plus the web front
// (jiangbu_web), which only the executable links.
#include <array>

#include "cli/app.hpp"
#include "web/command_serve.hpp"

int main(int argc, char** argv) {
  static constexpr std::array<jiangbu::CommandRegistrar, 2> web_commands = {jiangbu::register_serve_command,
                                                                          jiangbu::register_user_commands};
  return jiangbu::run_cli(argc, argv, web_commands);
}
