#pragma once
// Runs a command as a child process and, optionally, SIGKILLs it after a
// delay: the fault tests' way of cutting an import off at a random moment.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jiangbu::fault {

struct ChildOutcome {
  bool killed = false;    // we sent SIGKILL while it was still running
  int exit_code = -1;     // when it exited by itself
  int signal_number = 0;  // when a signal ended it
  std::chrono::milliseconds elapsed{0};
  double cpu_seconds = 0;  // user + system time of the child: wall time on a shared machine says little
};

// Starts `arguments` (arguments[0] is the program path) with stdout to
// /dev/null and stderr appended to `log_path`. With a delay, sends SIGKILL
// when the delay has passed and the child is still running. Waits for the
// child in every case. Throws std::runtime_error if it cannot be started.
ChildOutcome run_child(const std::vector<std::string>& arguments, const std::string& log_path,
                       std::optional<std::chrono::microseconds> kill_after);

}  // namespace jiangbu::fault
