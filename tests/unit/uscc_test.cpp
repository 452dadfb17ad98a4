// 统一社会信用代码 check character (GB 32100-2015).
#include <gtest/gtest.h>

#include "registry/uscc.hpp"

namespace jiangbu {
namespace {

TEST(UsccTest, AcceptsCodesWithTheRightCheckCharacter) {
  for (const char* code : {"91500222MA5U7A0B23", "52500222MJP5X1234X", "91610000MA6TG12349",
                           "91650100MA77ABC12E", "91210800MA0QW1234A"}) {
    EXPECT_TRUE(validate_uscc(code, "uscc").ok()) << code;
  }
  EXPECT_EQ(uscc_check_character("91500222MA5U7A0B2"), '3');
  EXPECT_EQ(uscc_check_character("52500222MJP5X1234"), 'X');
}

TEST(UsccTest, RefusesAWrongCheckCharacterAndSaysWhichItShouldBe) {
  const auto refused = validate_uscc("91500222MA5U7A0B24", "payee_uscc");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "bad-payee-id");
  EXPECT_EQ(refused.error().field, "payee_uscc");
  EXPECT_NE(refused.error().message.find("should be '3'"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(uscc_has_valid_shape("91500222MA5U7A0B24"));
}

TEST(UsccTest, RefusesForbiddenLettersLowerCaseAndWrongLengths) {
  struct Case {
    const char* code;
    const char* says;
  };
  for (const Case& test_case : {Case{"91500222MA5U7A0BI3", "'I' at position 17"},
                                Case{"91500222MA5O7A0B23", "'O' at position 12"},
                                Case{"9150022ZMA5U7A0B23", "'Z' at position 8"},
                                Case{"91500222ma5u7a0b23", "'m' at position 9"},
                                Case{"91500222MA5U7A0B2", "17 characters"},
                                Case{"91500222MA5U7A0B233", "19 characters"},
                                Case{"91500222MA5U7A0B2 ", "byte 0x20 at position 18"},
                                Case{"91500222MA5U7A0B2\x1b", "byte 0x1B at position 18"}}) {
    const auto refused = validate_uscc(test_case.code, "uscc", ReasonCode::bad_uscc);
    ASSERT_FALSE(refused.ok()) << test_case.code;
    EXPECT_EQ(refused.error().code, "bad-uscc") << test_case.code;
    EXPECT_NE(refused.error().message.find(test_case.says), std::string::npos) << refused.error().message;
  }
  EXPECT_EQ(validate_uscc("", "uscc").error().code, "missing-field");
  EXPECT_FALSE(uscc_has_valid_shape("91500222MA5O7A0B23"));
}

TEST(UsccTest, EveryCheckCharacterIsInTheAlphabet) {
  // Sweep the last free position: the check is always one of the 31 characters.
  std::string base = "91500222MA5U7A0B2";
  for (const char character : uscc_alphabet) {
    base[16] = character;
    const char check = uscc_check_character(base);
    EXPECT_NE(uscc_alphabet.find(check), std::string_view::npos);
    EXPECT_TRUE(validate_uscc(base + check, "uscc").ok()) << base + check;
  }
}

}  // namespace
}  // namespace jiangbu
