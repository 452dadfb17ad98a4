#pragma once
// Long work started from the browser (an import of a large file, an audit
// report over a large ledger) runs on a thread of its own, so it neither
// holds the HTTP request open nor blocks other users; the page polls the job
// for its progress and then shows the result. At most jobs_running_max run
// at once (more are refused: busy), and the last jobs_kept_max finished jobs
// are kept for their owners to read. A user has at most one job running, so
// one person cannot take every slot. A finished import keeps every row's
// verdict up to verdict_rows_kept_max rows; a larger one keeps only its
// rejected rows (the accepted ones are in the ledger), at most that many.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "core/result.hpp"
#include "expenditure/expenditure_import.hpp"

namespace jiangbu {

enum class JobState { running, finished, failed };

struct JobView {
  std::string job_id;
  std::string owner;  // the web user who started it; nobody else may read it
  std::string title;  // for the page: the uploaded file's name, the report's selection
  std::int64_t started_unix = 0;
  JobState state = JobState::running;
  ImportProgress progress;               // rows done of rows total (imports)
  std::optional<ImportSummary> summary;  // a finished import (rows trimmed, see below)
  std::size_t rows_in_file = 0;          // every row of a finished import
  bool only_rejected_rows_kept = false;  // a large import keeps only its rejected rows' verdicts
  std::string result_html;               // a finished report, as a page fragment
  std::optional<Error> error;            // a failed job (the whole file or selection refused)
};

// What a job's work returns: an import's verdicts, a report's HTML, or why not.
using JobResult = std::variant<ImportSummary, std::string, Error>;
using JobProgress = std::function<void(const ImportProgress&)>;
using JobWork = std::function<JobResult(const JobProgress&)>;

inline constexpr std::size_t verdict_rows_kept_max = 10'000;

class BackgroundJobs {
 public:
  BackgroundJobs(std::size_t jobs_running_max, std::size_t jobs_kept_max);
  ~BackgroundJobs();  // waits for running jobs
  BackgroundJobs(const BackgroundJobs&) = delete;
  BackgroundJobs& operator=(const BackgroundJobs&) = delete;

  // The job id, or "busy" when jobs_running_max are running or the owner
  // already has one running. The work runs
  // on its own thread; an exception from it fails the job, never the server.
  Result<std::string> start(const std::string& owner, const std::string& title, JobWork work);
  // Only the owner sees a job; anyone else gets nothing, as for an unknown id.
  std::optional<JobView> find(const std::string& job_id, const std::string& owner) const;

 private:
  void run(const std::shared_ptr<JobView>& job, const JobWork& work);
  void forget_oldest_finished();

  mutable std::mutex mutex_;
  std::condition_variable all_done_;
  std::deque<std::shared_ptr<JobView>> jobs_;
  std::size_t running_ = 0;
  std::size_t jobs_running_max_;
  std::size_t jobs_kept_max_;
};

}  // namespace jiangbu
