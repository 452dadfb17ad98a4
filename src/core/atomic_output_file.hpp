#pragma once
// A file that appears whole or not at all: written to a hidden temporary
// beside the target, flushed to the disk, then renamed over it (atomic within
// a file system). Dropped without commit(), the temporary is removed and an
// existing file under the target's name is left as it was.
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "core/result.hpp"

namespace jiangbu {

class AtomicOutputFile {
 public:
  // cannot-write-output when the temporary cannot be created.
  static Result<std::unique_ptr<AtomicOutputFile>> create(const std::filesystem::path& target);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  std::ostream& stream() { return stream_; }
  // Closes, fsyncs and renames; on failure removes the temporary.
  Status commit();

 private:
  AtomicOutputFile(std::filesystem::path target, std::filesystem::path temporary);

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::vector<char> buffer_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace jiangbu
