// The plain-text export's account names and dialects, without a database:
// names are what the header comment promises and valid by beancount's own
// full rule (beancount.core.account.is_valid, run by Debian's python3); a memo holding
// every kind of hostile character still yields files that ledger and
// beancount accept and read back as documented.
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ledger/export_account_names.hpp"
#include "ledger/export_dialect.hpp"
#include "support/hostile_values.hpp"
#include "support/plain_text_tools.hpp"
#include "support/scratch_directory.hpp"

namespace jiangbu {
namespace {

using namespace std::string_literals;

TEST(ExportAccountNames, ComponentsFollowTheDocumentedRules) {
  EXPECT_EQ(export_name_component("bureau"), "Bureau");
  EXPECT_EQ(export_name_component("91610000MA6TG12349"), "91610000MA6TG12349");
  EXPECT_EQ(export_name_component("XX2024-001"), "XX2024-001");
  EXPECT_EQ(export_name_component("奖补专户"), "X奖补专户");
  EXPECT_EQ(export_name_component("qijiang-laowu"), "Qijiang-laowu");
  EXPECT_EQ(export_name_component("_a"), "Ｕ005Fa");
  EXPECT_EQ(export_name_component("-a"), "Ｕ002Da");
  EXPECT_EQ(export_name_component("a b:c"), "AＵ0020bＵ003Ac");
  EXPECT_EQ(export_name_component("费用（其他）"), "X费用ＵFF08其他ＵFF09");
  EXPECT_EQ(export_name_component("Ｕ"), "ＵFF35");
  EXPECT_EQ(export_name_component("A\xF0\x9F\x98\x80"), "AＵD83DＵDE00");  // U+1F600 as a surrogate pair
  EXPECT_EQ(export_name_component("A\xFF"), "AＵDCFF");                  // a byte that is not UTF-8
}

TEST(ExportAccountNames, AccountsTakeTheirRootFromTheChartType) {
  EXPECT_EQ(export_account_name("liability", "bureau", "2303/XX2024-001/91610000MA6TG12349").value(),
            "Liabilities:Bureau:2303:XX2024-001:91610000MA6TG12349");
  EXPECT_EQ(export_account_name("asset", "91610000MA6TG12349", "1002/奖补专户").value(),
            "Assets:91610000MA6TG12349:1002:X奖补专户");
  EXPECT_EQ(export_account_name("budget-expenditure", "bureau", "7101/XX2024-001").value(),
            "Expenses:Bureau:7101:XX2024-001");
  EXPECT_EQ(export_account_name("budget-balance", "bureau", "8001").value(), "Equity:Bureau:8001");
  EXPECT_EQ(export_account_name("budget-revenue", "bureau", "6001").value(), "Income:Bureau:6001");
  EXPECT_EQ(export_account_name("net-assets", "bureau", "3001").value(), "Equity:Bureau:3001");
  EXPECT_EQ(export_account_name("cost", "u", "5001").value(), "Expenses:U:5001");
  auto unknown = export_account_name("off-balance", "bureau", "9001");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "bad-chart");
}

TEST(ExportAccountNames, TwoAccountsThatWouldShareANameAreRefused) {
  ExportAccountNames names;
  ASSERT_TRUE(names.add("asset", "abc", "1002").ok());
  ASSERT_TRUE(names.add("asset", "abc", "1002").ok());  // the same account again
  auto clash = names.add("asset", "Abc", "1002");
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, "bad-account-code");
  EXPECT_NE(clash.error().message.find("Assets:Abc:1002"), std::string::npos);
  auto ideograph = names.add("asset", "abc", "1002/X奖");
  ASSERT_TRUE(ideograph.ok());
  EXPECT_FALSE(names.add("asset", "abc", "1002/奖").ok());
  ASSERT_NE(names.find("abc", "1002"), nullptr);
  EXPECT_EQ(*names.find("abc", "1002"), "Assets:Abc:1002");
  EXPECT_EQ(names.find("Abc", "1002"), nullptr);
}

// beancount 2.3.5's own table of Unicode letters (beancount.utils.
// regexp_utils) lists the CJK blocks without their '-' (only the first and
// last ideographs count), so its full validator refuses names its parser
// takes. The check therefore confirms that every kept ideograph is a letter
// (category Lo) by Python's own Unicode data, stands in an 'a' for it, and
// then asks beancount.core.account.is_valid; bean-check opens every name too.
TEST(ExportAccountNames, EveryHostileSegmentGivesANameBeancountAccepts) {
  testing::ScratchDirectory scratch("export-names");
  const auto list = scratch.path() / "names.txt";
  const auto opens = scratch.path() / "names.beancount";
  // A set: "x中" and "中" give one name (the readable rules' clash, which
  // ExportAccountNames refuses in an export).
  std::set<std::string> names;
  for (const auto& value : testing::hostile_values()) {
    for (const std::string& segment : {value.text, "x"s + value.text, "奖" + value.text}) {
      names.insert(export_account_name("asset", "bureau", "1002/" + segment).value());
    }
  }
  {
    std::ofstream names_file(list, std::ios::binary);
    std::ofstream beancount(opens, std::ios::binary);
    beancount << "option \"operating_currency\" \"CNY\"\n";
    for (const auto& name : names) {
      names_file << name << '\n';
      beancount << "2024-01-01 open " << name << " CNY\n";
    }
  }
  const auto checked = testing::run_command(
      std::string(testing::beancount_python) + " -c 'import sys, re, unicodedata\n"
      "from beancount.core import account\n"
      "ideograph = re.compile(\"[\\u3400-\\u4dbf\\u4e00-\\u9fff]\")\n"
      "names = [n for n in open(sys.argv[1], encoding=\"utf-8\").read().split(\"\\n\") if n]\n"
      "bad = [n for n in names if any(unicodedata.category(c) != \"Lo\" for c in ideograph.findall(n))\n"
      "       or not account.is_valid(ideograph.sub(\"a\", n))]\n"
      "print(len(names), len(bad)); [print(n[:120]) for n in bad[:5]]' '" + list.string() + "'");
  EXPECT_EQ(checked.status, 0) << checked.text.substr(0, 2000);
  EXPECT_EQ(checked.text, std::to_string(names.size()) + " 0\n") << checked.text.substr(0, 2000);
  const auto opened = testing::beancount_check(opens);
  EXPECT_EQ(opened.status, 0) << opened.text.substr(0, 2000);
  EXPECT_EQ(opened.text.substr(0, 2000), "");
}

// Quotes, backslashes, every line-structure character, an escape sequence, a
// note opener, CJK and a byte that is not UTF-8.
const std::string hostile_memo = "a\"b\\c\nd\te\rf\x1bg;h  ;i 奖补\xFF\x7F"s + "j\0k"s;

std::string write_one_transaction(const std::filesystem::path& path, ExportFormat format) {
  const std::string asset = "Assets:Bureau:1002";
  const std::string liability = "Liabilities:Bureau:2303:XX2024-001";
  std::string text;
  append_export_header(text, format, "a test");
  append_account(text, format, ExportAccount{"bureau", "1002", hostile_memo, "asset", "financial", asset}, "2024-01-01");
  append_account(text, format, ExportAccount{"bureau", "2303/XX2024-001", "应付", "liability", "financial", liability},
                 "2024-01-01");
  ExportEntry entry{7, "bureau", "记-2024-000007 (x)", "2024-03-01", hostile_memo, hostile_memo, 3, {}};
  entry.postings.push_back(ExportPosting{&asset, Money::from_fen(12'345'678'901)});
  entry.postings.push_back(ExportPosting{&liability, Money::from_fen(-12'345'678'901)});
  append_transaction(text, format, entry);
  std::ofstream(path, std::ios::binary) << text;
  return text;
}

TEST(ExportDialects, AHostileMemoStillGivesABeancountFileThatChecksAndReadsBack) {
  testing::ScratchDirectory scratch("export-dialect-beancount");
  const auto path = scratch.path() / "hostile.beancount";
  write_one_transaction(path, ExportFormat::beancount);
  const auto checked = testing::beancount_check(path);
  EXPECT_EQ(checked.status, 0) << checked.text;
  EXPECT_EQ(checked.text, "");
  EXPECT_EQ(testing::beancount_own_balances(path),
            (testing::ToolBalances{{"Assets:Bureau:1002", Money::from_fen(12'345'678'901)},
                                   {"Liabilities:Bureau:2303:XX2024-001", Money::from_fen(-12'345'678'901)}}));
  // beancount undoes \" \\ \n \t \r; other control characters and the stray
  // byte stay visible as the text \xHH.
  const auto narration = testing::run_command(
      std::string(testing::beancount_python) + " -c 'import sys; from beancount import loader\n"
      "entries, errors, options = loader.load_file(sys.argv[1])\n"
      "print(len(errors), [e.narration for e in entries if hasattr(e, \"narration\")][0].encode().hex())' '" +
      path.string() + "'");
  std::string expected_hex;
  for (const unsigned char byte : "a\"b\\c\nd\te\rf\\x1Bg;h  ;i 奖补\\xFF\\x7Fj\\x00k"s) {
    constexpr std::string_view digits = "0123456789abcdef";
    expected_hex += digits[byte >> 4];
    expected_hex += digits[byte & 0xF];
  }
  EXPECT_EQ(narration.text, "0 " + expected_hex + "\n");
}

TEST(ExportDialects, AHostileMemoStillGivesALedgerFileWhosePayeeIsTheWholeMemo) {
  testing::ScratchDirectory scratch("export-dialect-ledger");
  const auto path = scratch.path() / "hostile.ledger";
  const std::string text = write_one_transaction(path, ExportFormat::ledger);
  EXPECT_EQ(testing::ledger_flat_balances(path),
            (testing::ToolBalances{{"Assets:Bureau:1002", Money::from_fen(12'345'678'901)},
                                   {"Liabilities:Bureau:2303:XX2024-001", Money::from_fen(-12'345'678'901)}}));
  const std::string escaped = "a\"b\\\\c\\nd\\te\\rf\\x1Bg;h \\x20;i 奖补\\xFF\\x7Fj\\x00k";
  EXPECT_EQ(ledger_line_text(hostile_memo), escaped);
  const auto read_back = testing::run_command("ledger -f '" + path.string() +
                                              "' register --format '%(code)|%(payee)|%(tag(\"source\"))\\n' | sort -u");
  EXPECT_EQ(read_back.status, 0) << read_back.text;
  EXPECT_EQ(read_back.text, "记-2024-000007 (x\\x29|" + escaped + "|" + escaped + "\n");
}

}  // namespace
}  // namespace jiangbu
