#include "fault/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace jiangbu::fault {

namespace {

using Clock = std::chrono::steady_clock;

// Polling granularity while the child runs: fine enough that the kill lands
// within about a millisecond of its planned moment.
constexpr std::chrono::microseconds poll_interval{500};

pid_t spawn(const std::vector<std::string>& arguments, const std::string& log_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<char*> argv;
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int failure = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failure != 0) throw std::runtime_error("cannot start " + arguments[0] + ": " + std::strerror(failure));
  return pid;
}

void record_status(int status, ChildOutcome& outcome) {
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) outcome.signal_number = WTERMSIG(status);
}

pid_t wait_for(pid_t pid, int& status, int flags, ChildOutcome& outcome) {
  for (;;) {
    struct rusage usage {};
    const pid_t result = wait4(pid, &status, flags, &usage);
    if (result == pid) {
      outcome.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    }
    if (result >= 0 || errno != EINTR) return result;
  }
}

}  // namespace

ChildOutcome run_child(const std::vector<std::string>& arguments, const std::string& log_path,
                       std::optional<std::chrono::microseconds> kill_after) {
  const auto started = Clock::now();
  const pid_t pid = spawn(arguments, log_path);
  ChildOutcome outcome;
  int status = 0;
  if (kill_after) {
    const auto deadline = started + *kill_after;
    // Bounded by the deadline: each pass sleeps at most poll_interval.
    while (Clock::now() < deadline) {
      const pid_t done = wait_for(pid, status, WNOHANG, outcome);
      if (done == pid) {
        record_status(status, outcome);
        outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
        return outcome;
      }
      if (done < 0) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
      std::this_thread::sleep_for(std::min<Clock::duration>(poll_interval, deadline - Clock::now()));
    }
    // The child may exit between the last poll and the kill; then kill()
    // hits a zombie and does nothing, and the status below says so.
    kill(pid, SIGKILL);
  }
  if (wait_for(pid, status, 0, outcome) != pid) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
  record_status(status, outcome);
  outcome.killed = outcome.signal_number == SIGKILL && kill_after.has_value();
  outcome.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return outcome;
}

}  // namespace jiangbu::fault
