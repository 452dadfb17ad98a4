#pragma once
// A scratch directory per test process and purpose (jiangbu-<purpose>-<pid>
// under the system temp folder), created on construction and removed with
// everything in it when the process ends. Header-only: the unit and the
// store test binaries both use it.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace jiangbu::testing {

class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& purpose)
      : path_(std::filesystem::temp_directory_path() / ("jiangbu-" + purpose + "-" + std::to_string(::getpid()))) {
    std::filesystem::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace jiangbu::testing
