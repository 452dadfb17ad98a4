#include "core/logging.hpp"

#include <mutex>
#include <regex>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/reason_code.hpp"
#include "core/redaction.hpp"

namespace jiangbu {

namespace {

class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  RedactingSink() : target_(std::make_shared<spdlog::sinks::stderr_sink_mt>()) {}

 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    if (message.level < spdlog::level::info) {
      target_->log(message);
      return;
    }
    const std::string redacted =
        redact_sensitive(std::string_view(message.payload.data(), message.payload.size()));
    spdlog::details::log_msg copy(message.time, message.source, message.logger_name,
                                  message.level, redacted);
    target_->log(copy);
  }
  void flush_() override { target_->flush(); }

 private:
  std::shared_ptr<spdlog::sinks::sink> target_;
};

}  // namespace

Status configure_logging(std::string_view level_name) {
  const auto level = spdlog::level::from_str(std::string(level_name));
  if (level == spdlog::level::off && level_name != "off") {
    return make_error(ReasonCode::bad_text,
                      "'" + std::string(level_name) + "' is not one of trace, debug, info, warn, error, off",
                      "log-level");
  }
  auto logger = std::make_shared<spdlog::logger>("jiangbu", std::make_shared<RedactingSink>());
  logger->set_level(level);
  logger->set_pattern("jiangbu %^%l%$: %v");
  spdlog::set_default_logger(logger);
  return success();
}

}  // namespace jiangbu
