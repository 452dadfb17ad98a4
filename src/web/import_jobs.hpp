#pragma once
// Imports started from the browser run on worker threads of their own, so a
// large file neither holds the HTTP request open nor blocks other users; the
// page polls the job for its progress and then shows every row's verdict.
// At most jobs_running_max run at once (more are refused: "busy"), and the
// last jobs_kept_max finished jobs are kept for their owners to read.
#include <cstdint>
#include <deque>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "access/principal.hpp"
#include "core/result.hpp"
#include "expenditure/expenditure_import.hpp"
#include "store/database_location.hpp"

namespace jiangbu {

enum class JobState { running, finished, failed };

struct ImportJobView {
  std::string job_id;
  std::string owner;      // the web user who started it; nobody else may read it
  std::string file_name;  // as uploaded, for the page's title
  JobState state = JobState::running;
  ImportProgress progress;
  std::optional<ImportSummary> summary;  // when finished
  std::optional<Error> error;            // when failed (the whole file refused)
};

struct ImportJobRequest {
  DatabaseLocation location;
  Principal principal;
  std::string owner;
  std::string file_name;
  std::string file_path;  // a temporary copy of the upload; the job deletes it
};

class ImportJobs {
 public:
  ImportJobs(std::size_t jobs_running_max, std::size_t jobs_kept_max);
  ~ImportJobs();  // waits for running jobs
  ImportJobs(const ImportJobs&) = delete;
  ImportJobs& operator=(const ImportJobs&) = delete;

  // The job id, or "busy" when jobs_running_max are running.
  Result<std::string> start(ImportJobRequest request);
  // Only the owner sees a job; anyone else gets nothing, as for an unknown id.
  std::optional<ImportJobView> find(const std::string& job_id, const std::string& owner) const;

 private:
  void run(std::shared_ptr<ImportJobView> job, ImportJobRequest request);
  void forget_oldest_finished();

  mutable std::mutex mutex_;
  std::deque<std::shared_ptr<ImportJobView>> jobs_;
  std::condition_variable all_done_;
  std::size_t running_ = 0;
  std::size_t jobs_running_max_;
  std::size_t jobs_kept_max_;
};

}  // namespace jiangbu
