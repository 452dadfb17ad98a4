#include "web/background_jobs.hpp"

#include <algorithm>
#include <chrono>
#include <system_error>
#include <thread>

#include <spdlog/spdlog.h>

#include "core/assert.hpp"
#include "core/reason_code.hpp"
#include "web/session_store.hpp"

namespace jiangbu {

namespace {

std::int64_t now_unix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// Returns whether only the rejected rows were kept.
bool keep_bounded_rows(ImportSummary& summary) {
  if (summary.rows.size() <= verdict_rows_kept_max) return false;
  std::vector<ImportedRow> rejected;
  for (auto& row : summary.rows) {
    if (rejected.size() == verdict_rows_kept_max) break;
    if (row.verdict.status == VerdictStatus::rejected) rejected.push_back(std::move(row));
  }
  summary.rows = std::move(rejected);
  return true;
}

}  // namespace

BackgroundJobs::BackgroundJobs(std::size_t jobs_running_max, std::size_t jobs_kept_max)
    : jobs_running_max_(jobs_running_max), jobs_kept_max_(jobs_kept_max) {
  JIANGBU_ASSERT(jobs_running_max > 0 && jobs_kept_max > jobs_running_max);
}

BackgroundJobs::~BackgroundJobs() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [this] { return running_ == 0; });
}

Result<std::string> BackgroundJobs::start(const std::string& owner, const std::string& title, JobWork work) {
  auto job = std::make_shared<JobView>();
  job->job_id = random_token().substr(0, 32);
  job->owner = owner;
  job->title = title;
  job->started_unix = now_unix();
  {
    const std::lock_guard lock(mutex_);
    if (running_ >= jobs_running_max_) {
      return make_error(ReasonCode::busy,
                        "服务器正忙：已有 " + std::to_string(running_) + " 项任务在运行，请稍后再试", "job");
    }
    const bool owner_busy = std::any_of(jobs_.begin(), jobs_.end(), [&owner](const auto& other) {
      return other->owner == owner && other->state == JobState::running;
    });
    if (owner_busy) return make_error(ReasonCode::busy, "您已有一项任务在运行，请等它完成", "job");
    ++running_;
    forget_oldest_finished();
    jobs_.push_back(job);
  }
  try {
    std::thread([this, job, work = std::move(work)] { run(job, work); }).detach();
  } catch (const std::system_error& error) {
    const std::lock_guard lock(mutex_);
    --running_;
    std::erase(jobs_, job);
    all_done_.notify_all();
    return make_error(ReasonCode::busy, std::string("服务器无法启动任务 (") + error.what() + ")", "job");
  }
  return job->job_id;
}

std::optional<JobView> BackgroundJobs::find(const std::string& job_id, const std::string& owner) const {
  const std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->job_id == job_id && job->owner == owner) return *job;
  }
  return std::nullopt;
}

void BackgroundJobs::run(const std::shared_ptr<JobView>& job, const JobWork& work) {
  JobResult result = make_error(ReasonCode::bad_option, "the job did not run", "job");
  try {
    result = work([this, job](const ImportProgress& progress) {
      const std::lock_guard lock(mutex_);
      job->progress = progress;
    });
  } catch (const std::exception& error) {
    spdlog::error("web job {} failed: {}", job->job_id, error.what());
    result = make_error(ReasonCode::busy, "任务因存储错误中止，已提交的部分保留，请稍后重试", "job");
  } catch (...) {
    // Whatever it was, it ends this job and never the server.
    spdlog::error("web job {} failed with a non-standard exception", job->job_id);
    result = make_error(ReasonCode::busy, "任务意外中止，已提交的部分保留，请稍后重试", "job");
  }
  std::size_t rows_in_file = 0;
  bool only_rejected_rows_kept = false;
  if (auto* summary = std::get_if<ImportSummary>(&result)) {
    rows_in_file = summary->rows.size();
    only_rejected_rows_kept = keep_bounded_rows(*summary);
  }
  const std::lock_guard lock(mutex_);
  if (auto* summary = std::get_if<ImportSummary>(&result)) {
    job->rows_in_file = rows_in_file;
    job->only_rejected_rows_kept = only_rejected_rows_kept;
    job->progress.rows_done = job->progress.rows_total = rows_in_file;
    job->summary = std::move(*summary);
    job->state = JobState::finished;
  } else if (auto* html = std::get_if<std::string>(&result)) {
    job->result_html = std::move(*html);
    job->state = JobState::finished;
  } else {
    job->error = std::get<Error>(result);
    job->state = JobState::failed;
  }
  --running_;
  all_done_.notify_all();
}

void BackgroundJobs::forget_oldest_finished() {
  // Called with the mutex held. Running jobs are never dropped, and fewer
  // than jobs_kept_max_ run, so this ends with at most jobs_kept_max_ - 1 kept.
  while (jobs_.size() >= jobs_kept_max_) {
    auto oldest = std::find_if(jobs_.begin(), jobs_.end(),
                               [](const auto& job) { return job->state != JobState::running; });
    if (oldest == jobs_.end()) break;
    jobs_.erase(oldest);
  }
}

}  // namespace jiangbu
