#include "core/logging.hpp"

#include <mutex>
#include <regex>

#include <spdlog/sinks/base_sink.h>
#include <cstdio>
#include <spdlog/spdlog.h>

#include "core/reason_code.hpp"
#include "core/redaction.hpp"

namespace jiangbu {

namespace {

class RedactingSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& message) override {
    const std::string_view payload(message.payload.data(), message.payload.size());
    // At every level: a debug log is still a log someone keeps and ships.
    const std::string redacted = redact_sensitive(payload);
    spdlog::details::log_msg copy(message.time, message.source, message.logger_name, message.level, redacted);
    spdlog::memory_buf_t formatted;
    formatter_->format(copy, formatted);
    std::fwrite(formatted.data(), 1, formatted.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
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
