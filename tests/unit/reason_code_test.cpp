// Reason codes are a public interface: append-only, never renumbered.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "core/reason_code.hpp"

namespace jiangbu {
namespace {

const std::filesystem::path source_dir = JIANGBU_SOURCE_DIR;

TEST(ReasonCodeTest, EveryPinnedCodeKeepsItsNumberAndName) {
  // tests/golden/reason_codes.txt is the published list. Append to it when a
  // code is added; a change to an existing line is a broken promise.
  std::ifstream pinned(source_dir / "tests/golden/reason_codes.txt");
  ASSERT_TRUE(pinned.good());
  std::string line;
  std::size_t lines = 0;
  while (std::getline(pinned, line)) {
    const auto comma = line.find(',');
    ASSERT_NE(comma, std::string::npos) << line;
    const int number = std::stoi(line.substr(0, comma));
    const std::string name = line.substr(comma + 1);
    const auto found = find_reason_code(name);
    ASSERT_TRUE(found.has_value()) << name << " was removed";
    EXPECT_EQ(static_cast<int>(*found), number) << name << " was renumbered";
    ++lines;
  }
  EXPECT_EQ(lines, reason_codes().size()) << "append new codes to tests/golden/reason_codes.txt";
}

TEST(ReasonCodeTest, NumbersRunFromOneWithoutGapsAndNamesAreUnique) {
  std::set<std::string_view> names;
  int expected = 1;
  for (const auto& info : reason_codes()) {
    EXPECT_EQ(static_cast<int>(info.code), expected++);
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_EQ(reason_code_name(info.code), info.name);
    EXPECT_FALSE(info.meaning.empty());
  }
}

TEST(ReasonCodeTest, DomainBriefCodesAreAllRegistered) {
  for (const char* name :
       {"category-not-allowed", "category-banned", "cash-payment", "retroactive", "overdrawn",
        "over-plan", "no-plan-filed", "grant-revoked", "grant-suspended", "future-dated",
        "duplicate-invoice", "bad-invoice-number", "bad-payee-id", "bad-amount", "bad-date",
        "missing-field", "unknown-award", "unit-not-on-award", "unknown-category",
        "unknown-payment-method"}) {
    EXPECT_TRUE(find_reason_code(name).has_value()) << name;
  }
}

TEST(ReasonCodeTest, EveryCodeWrittenInTheSourcesIsRegistered) {
  // Errors built from a string literal, e.g. Error("bad-amount", ...), must
  // use a registered name; make_error() takes the enum and cannot go wrong.
  const std::regex literal_code(R"(Error\("([a-z-]+)\")");
  std::size_t literals = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(source_dir / "src")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream file(entry.path());
    std::stringstream content;
    content << file.rdbuf();
    const std::string text = content.str();
    for (auto match = std::sregex_iterator(text.begin(), text.end(), literal_code);
         match != std::sregex_iterator(); ++match) {
      EXPECT_TRUE(find_reason_code((*match)[1].str()).has_value())
          << entry.path() << " uses unregistered code " << (*match)[1].str();
      ++literals;
    }
  }
  EXPECT_GT(literals, 0u);
}

TEST(ReasonCodeTest, KindsDecideTheExitCodeClass) {
  EXPECT_EQ(reason_kind("unbalanced-entry"), ReasonKind::rule);
  EXPECT_EQ(reason_kind("bad-amount"), ReasonKind::input);
  EXPECT_EQ(reason_kind("storage-unavailable"), ReasonKind::storage);
  EXPECT_EQ(reason_kind("no-such-code"), ReasonKind::input);
}

}  // namespace
}  // namespace jiangbu
