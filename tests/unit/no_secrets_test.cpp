// No secrets in logs or error messages (issue 7, item 6): a password in a
// PostgreSQL connection string, a resident id number or a bank account never
// reaches the log (spdlog through our sink, at every level) or the message
// of a refusal as the CLI prints it. stderr is captured as a test sink: the
// logger writes there and nowhere else.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "core/logging.hpp"
#include "core/message_redaction.hpp"
#include "core/redaction.hpp"
#include "store/database.hpp"
#include "store/database_location.hpp"

namespace jiangbu {
namespace {

constexpr std::string_view password = "s3cret";
constexpr std::string_view resident_id = "110101199003077777";
constexpr std::string_view resident_id_with_x = "11010119900307123X";
constexpr std::string_view bank_account = "6222021234567890123";

const std::vector<std::string> secret_connection_strings = {
    "postgresql://user:s3cret@127.0.0.1:1/db",
    "postgresql://user@127.0.0.1:1/db?password=s3cret",
    "postgresql://user:s3cret@127.0.0.1:1/db?connect_timeout=2&password=s3cret",
    // Malformed: libpq's parser quotes the whole URI in its message.
    "postgresql://user:s3cret@[::1/db",
    "postgresql://user:s3cret@127.0.0.1:notaport/db",
};

void expect_no_secret(const std::string& text, const std::string& context) {
  EXPECT_EQ(text.find(password), std::string::npos) << context << ": " << text;
  EXPECT_EQ(text.find(resident_id), std::string::npos) << context << ": " << text;
  EXPECT_EQ(text.find(resident_id_with_x), std::string::npos) << context << ": " << text;
  EXPECT_EQ(text.find(bank_account), std::string::npos) << context << ": " << text;
}

TEST(NoSecrets, FailedPostgresqlConnectionsNeitherLogNorReturnThePassword) {
  ASSERT_TRUE(configure_logging("trace").ok());
  for (const auto& connection : secret_connection_strings) {
    ::testing::internal::CaptureStderr();
    std::string message;
    auto location = parse_database_location(connection);
    ASSERT_TRUE(location.ok()) << connection;
    expect_no_secret(location.value().redacted, "redacted location");
    auto database = Database::open(location.value());
    ASSERT_FALSE(database.ok()) << connection;
    message = database.error().describe();
    spdlog::error("could not open {}: {}", connection, message);
    spdlog::debug("tried {}", connection);
    const std::string logged = ::testing::internal::GetCapturedStderr();
    // The test can fail: the password is in what went in.
    ASSERT_NE(connection.find(password), std::string::npos);
    expect_no_secret(message, "error for " + connection);
    expect_no_secret(redact_message(message), "CLI message for " + connection);
    expect_no_secret(logged, "log for " + connection);
    EXPECT_NE(logged.find("could not open"), std::string::npos) << "nothing was captured: " << logged;
  }
  ASSERT_TRUE(configure_logging("warn").ok());
}

TEST(NoSecrets, PersonalNumbersAreMaskedInLogsAtEveryLevel) {
  ASSERT_TRUE(configure_logging("trace").ok());
  ::testing::internal::CaptureStderr();
  for (const auto level : {spdlog::level::trace, spdlog::level::debug, spdlog::level::info, spdlog::level::warn,
                           spdlog::level::err}) {
    spdlog::log(level, "payee {} id {} account {}", "李建国", resident_id, bank_account);
    spdlog::log(level, "override: 法定代表人身份证{}", resident_id_with_x);
  }
  const std::string logged = ::testing::internal::GetCapturedStderr();
  ASSERT_TRUE(configure_logging("warn").ok());
  expect_no_secret(logged, "log");
  EXPECT_NE(logged.find("7777"), std::string::npos) << "the last four stay, to tell ids apart: " << logged;
  EXPECT_NE(logged.find("李建国"), std::string::npos);
}

TEST(NoSecrets, CliMessagesMaskAccountsAndIdsButKeepInvoiceNumbers) {
  const std::string message = "payee_uscc: '" + std::string(resident_id) + "' is not a 统一社会信用代码; account " +
                              std::string(bank_account) + ", id " + std::string(resident_id_with_x) +
                              "; invoice 24612000000000000001 code 144031900111 of 91650102MA78QR012B";
  const std::string masked = redact_message(message);
  expect_no_secret(masked, "message");
  EXPECT_NE(masked.find("****7777"), std::string::npos) << masked;
  EXPECT_NE(masked.find("****123X"), std::string::npos) << masked;
  EXPECT_NE(masked.find("24612000000000000001"), std::string::npos) << masked;  // 20 digits: an invoice
  EXPECT_NE(masked.find("144031900111"), std::string::npos) << masked;          // 12 digits: an invoice code
  EXPECT_NE(masked.find("91650102MA78QR012B"), std::string::npos) << masked;    // a USCC is public
  EXPECT_EQ(redact_message("postgresql://u:s3cret@h/db"), "postgresql://u:***@h/db");
}

}  // namespace
}  // namespace jiangbu
