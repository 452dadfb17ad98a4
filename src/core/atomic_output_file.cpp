#include "core/atomic_output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/reason_code.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t stream_buffer_bytes = 1 << 20;

Error write_error(const std::filesystem::path& target, const std::string& reason) {
  return make_error(ReasonCode::cannot_write_output, "cannot write " + target.string() + ": " + reason, "output");
}

// Hidden and unique, beside the target so that the rename stays on one file system.
std::filesystem::path temporary_beside(const std::filesystem::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".partial-" + std::to_string(::getpid()));
}

bool sync_to_disk(const std::filesystem::path& path) {
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return false;
  const bool synced = ::fsync(descriptor) == 0;
  return ::close(descriptor) == 0 && synced;
}

}  // namespace

AtomicOutputFile::AtomicOutputFile(std::filesystem::path target, std::filesystem::path temporary)
    : target_(std::move(target)), temporary_(std::move(temporary)), buffer_(stream_buffer_bytes) {
  // The buffer must be set before the file is opened to take effect.
  stream_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
}

Result<std::unique_ptr<AtomicOutputFile>> AtomicOutputFile::create(const std::filesystem::path& target) {
  if (target.filename().empty()) return write_error(target, "the path names no file");
  std::unique_ptr<AtomicOutputFile> file(new AtomicOutputFile(target, temporary_beside(target)));
  if (!file->stream_.is_open()) {
    return write_error(target, std::string(std::strerror(errno)) + " (does its folder exist, is it writable?)");
  }
  return file;
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

Status AtomicOutputFile::commit() {
  stream_.close();
  if (!stream_ || !sync_to_disk(temporary_)) return write_error(target_, "could not be written completely (is the disk full?)");
  std::error_code renamed;
  std::filesystem::rename(temporary_, target_, renamed);
  if (renamed) return write_error(target_, renamed.message());
  committed_ = true;
  return success();
}

}  // namespace jiangbu
