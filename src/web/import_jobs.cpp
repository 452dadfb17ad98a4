#include "web/import_jobs.hpp"

#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>

#include "access/principal_binding.hpp"
#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "store/database.hpp"
#include "web/session_store.hpp"

namespace jiangbu {

ImportJobs::ImportJobs(std::size_t jobs_running_max, std::size_t jobs_kept_max)
    : jobs_running_max_(jobs_running_max), jobs_kept_max_(jobs_kept_max) {
  JIANGBU_ASSERT(jobs_running_max > 0 && jobs_kept_max >= jobs_running_max);
}

ImportJobs::~ImportJobs() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [this] { return running_ == 0; });
}

Result<std::string> ImportJobs::start(ImportJobRequest request) {
  auto job = std::make_shared<ImportJobView>();
  job->job_id = random_token().substr(0, 32);
  job->owner = request.owner;
  job->file_name = request.file_name;
  {
    const std::lock_guard lock(mutex_);
    if (running_ >= jobs_running_max_) {
      std::error_code ignored;
      std::filesystem::remove(request.file_path, ignored);
      return make_error(ReasonCode::bad_option,
                        "服务器正忙：已有 " + std::to_string(running_) + " 个导入在运行，请稍后再试 (busy)", "file");
    }
    ++running_;
    forget_oldest_finished();
    jobs_.push_back(job);
  }
  std::thread([this, job, request = std::move(request)]() mutable { run(job, std::move(request)); }).detach();
  return job->job_id;
}

std::optional<ImportJobView> ImportJobs::find(const std::string& job_id, const std::string& owner) const {
  const std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->job_id == job_id && job->owner == owner) return *job;
  }
  return std::nullopt;
}

void ImportJobs::run(std::shared_ptr<ImportJobView> job, ImportJobRequest request) {
  Result<ImportSummary> outcome = make_error(ReasonCode::bad_file, "the import did not run", "file");
  try {
    auto database = Database::open(request.location);
    if (!database) {
      outcome = database.error();
    } else if (auto bound = bind_principal(*database.value(), request.principal); !bound) {
      outcome = bound.error();
    } else {
      ImportOptions options;
      options.record.source = "web";
      options.on_progress = [this, job](const ImportProgress& progress) {
        const std::lock_guard lock(mutex_);
        job->progress = progress;
      };
      outcome = import_expenditures(*database.value(), request.file_path, options);
    }
  } catch (const std::exception& error) {
    spdlog::error("web import {} failed: {}", job->job_id, error.what());
    outcome = make_error(ReasonCode::bad_file, "导入因存储错误中止，已提交的批次保留 (storage error)", "file");
  }
  std::error_code ignored;
  std::filesystem::remove(request.file_path, ignored);
  const std::lock_guard lock(mutex_);
  if (outcome) {
    job->state = JobState::finished;
    job->progress.rows_done = job->progress.rows_total = outcome.value().rows.size();
    job->summary = std::move(outcome).value();
  } else {
    job->state = JobState::failed;
    job->error = outcome.error();
  }
  --running_;
  all_done_.notify_all();
}

void ImportJobs::forget_oldest_finished() {
  // Called with the mutex held. Running jobs are never dropped, and at most
  // jobs_running_max_ run, so this ends with at most jobs_kept_max_ - 1 kept.
  while (jobs_.size() >= jobs_kept_max_) {
    auto oldest = std::find_if(jobs_.begin(), jobs_.end(),
                               [](const auto& job) { return job->state != JobState::running; });
    if (oldest == jobs_.end()) break;
    jobs_.erase(oldest);
  }
}

}  // namespace jiangbu
