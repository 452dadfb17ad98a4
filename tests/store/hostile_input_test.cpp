// The hostile-input catalogue (tests/support/hostile_values.hpp) through
// every path that writes to the database, on both backends: registration of
// units, brands, recognitions and related people, award grant and payment,
// expenditures (each field), CSV import rows and bank statements. Each
// refusal carries a reason code, names the field (and the row, for files),
// has a printable message, and leaves every table as it was; the database
// stays whole (a record made before is still read back). Free-text fields
// take SQL-injection strings and the like verbatim: every statement binds
// its values, so the text harms nothing; control characters, invalid UTF-8
// and over-long text are refused everywhere.
#include <array>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "award/award.hpp"
#include "bank/bank_statement.hpp"
#include "core/text.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/expenditure_import.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"
#include "registry/uscc.hpp"
#include "support/hostile_values.hpp"
#include "support/scratch_directory.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::hostile_values;
using testing::HostileKind;
using testing::HostileValue;
using testing::is_valid_free_text;
using testing::StoreTest;

Date day(const char* text) { return Date::parse(text).value(); }

const std::string lead_unit = "91610000MA6TG12349";
const std::string payee = "91650102MA78QR012B";

// Row counts of the tables an input path may write, each by a fixed query.
using TableCounts = std::map<std::string, long long>;
TableCounts count_rows(Database& database) {
  static const std::array<std::pair<const char*, const char*>, 14> queries = {{
      {"units", "SELECT count(*) FROM units"},
      {"books", "SELECT count(*) FROM books"},
      {"brands", "SELECT count(*) FROM brands"},
      {"recognitions", "SELECT count(*) FROM recognitions"},
      {"unit_related_parties", "SELECT count(*) FROM unit_related_parties"},
      {"awards", "SELECT count(*) FROM awards"},
      {"award_payments", "SELECT count(*) FROM award_payments"},
      {"expenditures", "SELECT count(*) FROM expenditures"},
      {"expenditure_exceptions", "SELECT count(*) FROM expenditure_exceptions"},
      {"invoice_claims", "SELECT count(*) FROM invoice_claims"},
      {"journal_entries", "SELECT count(*) FROM journal_entries"},
      {"postings", "SELECT count(*) FROM postings"},
      {"bank_statements", "SELECT count(*) FROM bank_statements"},
      {"bank_statement_lines", "SELECT count(*) FROM bank_statement_lines"},
  }};
  TableCounts counts;
  for (const auto& [table, query] : queries) {
    long long count = 0;
    database.session() << query, soci::into(count);
    counts[table] = count;
  }
  return counts;
}

// A refusal a person can read: a code, the field, and a message that is
// printable UTF-8 of bounded size (it never echoes 100 KB or an escape
// sequence to a terminal).
void expect_clean_refusal(const Error& error, std::string_view field, const HostileValue& value) {
  EXPECT_FALSE(error.code.empty()) << value.label;
  EXPECT_EQ(error.field, field) << value.label << ": " << error.code << " " << error.message;
  EXPECT_TRUE(validate_text(error.message, "message", 2000).ok())
      << value.label << ": the message is not printable UTF-8 of at most 2000 bytes (" << error.message.size()
      << " bytes)";
}

// Identifiers (brand, recognition, award) are letters, digits, - and _:
// "NaN" or "2024-02-30" is a valid identifier, so only the other kinds are
// refused there.
bool is_valid_identifier_text(HostileKind kind) {
  return kind == HostileKind::numberish || kind == HostileKind::dateish;
}

std::string uscc_with_check(std::string first_seventeen) {
  return first_seventeen + uscc_check_character(first_seventeen);
}

// A fresh valid USCC per accepted registration: 9161000000000 and a serial.
std::string fresh_uscc(int serial) {
  std::string digits = std::to_string(1000 + serial);
  return uscc_with_check("9161000000000" + digits);
}

class HostileInputTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(add_unit(database(), {lead_unit, "陕西秦嫂家政服务有限公司", "enterprise", "gross", ""}).ok());
    ASSERT_TRUE(add_brand(database(), {"xx", "西咸秦嫂", BrandCategory::livelihood, false}).ok());
    ASSERT_TRUE(add_recognition(database(), {"rx", "xx", Tier::municipal, "xixian-2024", day("2024-06-18"), "文号",
                                             {lead_unit}}).ok());
    ASSERT_TRUE(grant_award(database(), {"XX", "rx", day("2024-07-01"), "西咸社发", {}, {}}).ok());
    ASSERT_TRUE(pay_award(database(), {"XX", lead_unit, std::nullopt, day("2024-09-10"), "1011", "ZF-1"}).ok());
    const Verdict good = record(valid_expenditure("GOOD-1"));
    ASSERT_EQ(good.status, VerdictStatus::accepted) << good.reason_codes();
    good_expenditure_id_ = good.record_id;
  }

  ExpenditureInput valid_expenditure(const std::string& external_id) {
    ++invoice_serial_;
    return {external_id, "XX", lead_unit, "2024-10-08", "1.00", "宣传推介", "银行转账", "西安某广告有限公司",
            payee, "", "246120000000" + std::to_string(10'000'000 + invoice_serial_), "宣传品制作"};
  }

  Verdict record(const ExpenditureInput& input) {
    RecordOptions options;
    options.today = day("2024-12-31");
    options.source = "test";
    return record_expenditure(database(), input, options);
  }

  // The database is whole: its tables answer and the record made in SetUp
  // reads back as it was.
 public:
  void expect_intact() { expect_database_intact(); }

 protected:
  void expect_database_intact() {
    const auto unit = find_unit(database(), lead_unit);
    ASSERT_TRUE(unit.has_value());
    EXPECT_EQ(unit->name, "陕西秦嫂家政服务有限公司");
    const auto good = find_expenditure(database(), good_expenditure_id_);
    ASSERT_TRUE(good.has_value());
    EXPECT_EQ(good->description, "宣传品制作");
    EXPECT_EQ(good->amount, Money::from_fen(100));
  }

  std::int64_t good_expenditure_id_ = 0;
  int invoice_serial_ = 0;
};

TEST_F(HostileInputTest, UnitRegistrationRefusesHostileFieldsAndKeepsInjectionTextInNamesVerbatim) {
  int serial = 0;
  for (const auto& value : hostile_values()) {
    const auto before = count_rows(database());
    // Structured fields: nothing of the catalogue is a USCC, a type or a method.
    for (const auto& [field, input] : {
             std::pair{"uscc", UnitInput{value.text, "某公司", "enterprise", "gross", ""}},
             {"type", UnitInput{fresh_uscc(900), "某公司", value.text, "gross", ""}},
             {"method", UnitInput{fresh_uscc(901), "某公司", "enterprise", value.text, ""}},
         }) {
      const auto added = add_unit(database(), input);
      ASSERT_FALSE(added.ok()) << field << " " << value.label;
      expect_clean_refusal(added.error(), field, value);
    }
    // The override reason is free text, given with a code whose check fails.
    const std::string uscc = fresh_uscc(++serial);
    const std::string checked = fresh_uscc(500 + serial);
    const std::string failing = checked.substr(0, 17) + (checked.back() == '0' ? "1" : "0");
    EXPECT_EQ(count_rows(database()), before) << value.label;
    const auto named = add_unit(database(), {uscc, value.text, "enterprise", "gross", ""});
    const auto overridden = add_unit(database(), {failing, "某公司", "enterprise", "gross", value.text});
    if (is_valid_free_text(value.kind)) {
      ASSERT_TRUE(named.ok()) << value.label << ": " << named.error().message;
      EXPECT_EQ(find_unit(database(), uscc)->name, value.text) << value.label;
      ASSERT_TRUE(overridden.ok()) << value.label << ": " << overridden.error().message;
      EXPECT_EQ(find_unit(database(), failing)->uscc_override.value_or(""), value.text);
      // Registered once: the same code is refused from now on.
      EXPECT_FALSE(add_unit(database(), {failing, "某公司", "enterprise", "gross", value.text}).ok());
    } else {
      ASSERT_FALSE(named.ok()) << value.label;
      expect_clean_refusal(named.error(), "name", value);
      ASSERT_FALSE(overridden.ok()) << value.label;
      expect_clean_refusal(overridden.error(), "uscc_override_reason", value);
      EXPECT_EQ(count_rows(database()), before) << value.label;
    }
  }
  expect_database_intact();
}

TEST_F(HostileInputTest, BrandsRecognitionsAndRelatedPeopleRefuseHostileFields) {
  int serial = 0;
  for (const auto& value : hostile_values()) {
    const auto before = count_rows(database());
    if (!is_valid_identifier_text(value.kind)) {
      const auto brand = add_brand(database(), {value.text, "品牌", BrandCategory::livelihood, false});
      ASSERT_FALSE(brand.ok()) << value.label;
      expect_clean_refusal(brand.error(), "brand", value);
      const auto recognition = add_recognition(
          database(), {value.text, "xx", Tier::provincial, "xixian-2024", day("2024-06-18"), "文号", {lead_unit}});
      ASSERT_FALSE(recognition.ok()) << value.label;
      expect_clean_refusal(recognition.error(), "recognition", value);
    }
    const auto relation = add_related_party(database(), {lead_unit, "李建国", value.text});
    ASSERT_FALSE(relation.ok()) << value.label;
    expect_clean_refusal(relation.error(), "relation", value);
    const auto unknown_unit = add_related_party(database(), {value.text, "李建国", "staff"});
    ASSERT_FALSE(unknown_unit.ok()) << value.label;
    EXPECT_EQ(count_rows(database()), before) << value.label;

    const std::string brand_id = "b" + std::to_string(++serial);
    const auto named = add_brand(database(), {brand_id, value.text, BrandCategory::livelihood, false});
    const auto person = add_related_party(database(), {lead_unit, value.text, "staff"});
    if (is_valid_free_text(value.kind)) {
      ASSERT_TRUE(named.ok()) << value.label;
      EXPECT_EQ(find_brand(database(), brand_id)->name, value.text);
      ASSERT_TRUE(person.ok()) << value.label;
      EXPECT_EQ(person.value().person_name, value.text);
    } else {
      ASSERT_FALSE(named.ok()) << value.label;
      expect_clean_refusal(named.error(), "name", value);
      ASSERT_FALSE(person.ok()) << value.label;
      expect_clean_refusal(person.error(), "name", value);
      EXPECT_EQ(count_rows(database()), before) << value.label;
    }
  }
  expect_database_intact();
}

TEST_F(HostileInputTest, AwardGrantAndPaymentRefuseHostileFields) {
  ASSERT_TRUE(add_recognition(database(), {"rp", "xx", Tier::provincial, "xixian-2024", day("2024-07-18"), "文号",
                                           {lead_unit}}).ok());
  for (const auto& value : hostile_values()) {
    const auto before = count_rows(database());
    if (!is_valid_identifier_text(value.kind)) {
      const auto bad_id = grant_award(database(), {value.text, "rp", day("2024-08-01"), "文号", {}, {}});
      ASSERT_FALSE(bad_id.ok()) << value.label;
      expect_clean_refusal(bad_id.error(), "award", value);
    }
    const auto bad_weight = grant_award(database(), {"XP", "rp", day("2024-08-01"), "文号", {value.text}, {}});
    ASSERT_FALSE(bad_weight.ok()) << value.label;
    const auto bad_part = grant_award(database(), {"XP", "rp", day("2024-08-01"), "文号", {}, {value.text}});
    ASSERT_FALSE(bad_part.ok()) << value.label;
    const auto bad_from = pay_award(database(), {"XX", lead_unit, Money::from_fen(1), day("2024-09-11"), value.text, ""});
    ASSERT_FALSE(bad_from.ok()) << value.label;
    if (!is_valid_free_text(value.kind)) {
      const auto bad_document = grant_award(database(), {"XP", "rp", day("2024-08-01"), value.text, {}, {}});
      ASSERT_FALSE(bad_document.ok()) << value.label;
      expect_clean_refusal(bad_document.error(), "document", value);
      const auto bad_reference =
          pay_award(database(), {"XX", lead_unit, Money::from_fen(1), day("2024-09-11"), "1011", value.text});
      ASSERT_FALSE(bad_reference.ok()) << value.label;
      expect_clean_refusal(bad_reference.error(), "reference", value);
    }
    EXPECT_EQ(count_rows(database()), before) << value.label;
  }
  expect_database_intact();
}

// Each field of an expenditure in turn. A refused submission books nothing
// (no expenditure, entry or invoice claim) and is kept in the exception
// register, which is how the product records a rejection, with its input.
TEST_F(HostileInputTest, ExpenditureRecordRefusesHostileFieldsOneByOne) {
  using Field = std::string ExpenditureInput::*;
  const std::vector<std::pair<Field, std::string>> structured = {
      {&ExpenditureInput::award_id, "award_id"},
      {&ExpenditureInput::unit_uscc, "unit_uscc"},     {&ExpenditureInput::date, "date"},
      {&ExpenditureInput::amount, "amount"},           {&ExpenditureInput::category, "category"},
      {&ExpenditureInput::payment_method, "payment_method"}, {&ExpenditureInput::payee_uscc, "payee_uscc"},
      {&ExpenditureInput::invoice_code, "invoice_code"}, {&ExpenditureInput::invoice_number, "invoice_number"}};
  // The external id is the unit's own reference: any printable text.
  const std::vector<std::pair<Field, std::string>> free_text = {{&ExpenditureInput::external_id, "external_id"},
                                                                {&ExpenditureInput::payee_name, "payee_name"},
                                                                {&ExpenditureInput::description, "description"}};
  int serial = 0;
  for (const auto& value : hostile_values()) {
    for (const auto& [member, field] : structured) {
      ExpenditureInput input = valid_expenditure("H-" + std::to_string(++serial));
      input.*member = value.text;
      const auto before = count_rows(database());
      const Verdict verdict = record(input);
      ASSERT_EQ(verdict.status, VerdictStatus::rejected) << field << " " << value.label;
      bool names_field = false;
      for (const auto& reason : verdict.reasons) {
        names_field = names_field || reason.field == field;
        EXPECT_TRUE(validate_text(reason.message, "message", 2000).ok()) << field << " " << value.label;
      }
      EXPECT_TRUE(names_field) << field << " " << value.label << ": " << verdict.reason_codes();
      auto after = count_rows(database());
      EXPECT_EQ(after["expenditure_exceptions"], before.at("expenditure_exceptions") + 1) << field << " " << value.label;
      after["expenditure_exceptions"] = before.at("expenditure_exceptions");
      EXPECT_EQ(after, before) << field << " " << value.label;
    }
    for (const auto& [member, field] : free_text) {
      ExpenditureInput input = valid_expenditure("F-" + std::to_string(++serial));
      input.*member = value.text;
      const auto before = count_rows(database());
      const Verdict verdict = record(input);
      if (is_valid_free_text(value.kind)) {
        ASSERT_EQ(verdict.status, VerdictStatus::accepted) << field << " " << value.label << verdict.reason_codes();
        const auto stored = find_expenditure(database(), verdict.record_id);
        ASSERT_TRUE(stored.has_value());
        const std::string& kept = field == "external_id" ? stored->external_id
                                  : field == "payee_name"  ? stored->payee_name
                                                           : stored->description;
        EXPECT_EQ(kept, value.text) << field << " " << value.label;
      } else {
        ASSERT_EQ(verdict.status, VerdictStatus::rejected) << field << " " << value.label;
        ASSERT_EQ(verdict.reasons.size(), 1u) << verdict.reason_codes();
        expect_clean_refusal(verdict.reasons.front(), field, value);
        auto after = count_rows(database());
        EXPECT_EQ(after["expenditure_exceptions"], before.at("expenditure_exceptions") + 1);
        after["expenditure_exceptions"] = before.at("expenditure_exceptions");
        EXPECT_EQ(after, before) << field << " " << value.label;
      }
    }
  }
  expect_database_intact();
}

std::string csv_cell(const std::string& text) {
  std::string quoted = "\"";
  for (const char character : text) quoted += character == '"' ? std::string("\"\"") : std::string(1, character);
  return quoted + "\"";
}

std::string write_file(const std::string& name, const std::string& bytes) {
  static const testing::ScratchDirectory directory("hostile");
  const auto path = (directory.path() / name).string();
  std::ofstream stream(path, std::ios::binary);
  stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

using Sheet = std::vector<std::vector<std::string>>;

std::string write_csv(const std::string& name, const Sheet& sheet) {
  std::string csv;
  for (const auto& row : sheet) {
    for (std::size_t index = 0; index < row.size(); ++index) csv += (index ? "," : "") + csv_cell(row[index]);
    csv += "\n";
  }
  return write_file(name + ".csv", csv);
}

// The same sheet as an XLSX written by libxlsxwriter, every cell a string
// (as units type dates and amounts as text).
std::string write_xlsx(const std::string& name, const Sheet& sheet) {
  static const testing::ScratchDirectory directory("hostile-xlsx");
  const auto path = (directory.path() / (name + ".xlsx")).string();
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, nullptr);
  for (std::size_t row = 0; row < sheet.size(); ++row) {
    for (std::size_t column = 0; column < sheet[row].size(); ++column) {
      worksheet_write_string(worksheet, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column),
                             sheet[row][column].c_str(), nullptr);
    }
  }
  EXPECT_EQ(workbook_close(workbook), LXW_NO_ERROR) << name;
  return path;
}

const std::vector<std::string> import_header = {"外部编号", "奖补编号", "单位统一社会信用代码", "日期", "金额", "用途类别",
                                                "支付方式", "收款方", "收款方统一社会信用代码", "发票代码", "发票号码", "摘要"};

std::vector<std::string> import_row(const std::string& id, const std::string& date, const std::string& amount,
                                    const std::string& payee_name, long long invoice) {
  return {id, "XX", lead_unit, date, amount, "宣传推介", "银行转账", payee_name, payee, "",
          "246120000000" + std::to_string(30000000 + invoice), "宣传"};
}

// One file of a valid row and rows with a hostile date, amount and payee
// name (the other fields go through the same judge as the record path
// above). Each hostile row is rejected naming its row and field, or the
// reader refuses the whole file; nothing hostile is booked.
void import_hostile_rows(HostileInputTest& test, Database& database, bool as_xlsx) {
  long long serial = as_xlsx ? 500 : 0;
  for (const auto& value : hostile_values()) {
    ++serial;
    // A spreadsheet cell cannot hold a NUL (libxlsxwriter takes C strings).
    if (as_xlsx && value.text.find('\0') != std::string::npos) continue;
    const bool free_text = is_valid_free_text(value.kind);
    const Sheet sheet = {import_header, import_row("OK-" + std::to_string(serial), "2024-10-09", "1.00", "某广告公司", serial),
                         import_row("BAD-DATE-" + std::to_string(serial), value.text, "1.00", "某广告公司", 1000 + serial),
                         import_row("BAD-AMOUNT-" + std::to_string(serial), "2024-10-09", value.text, "某广告公司", 2000 + serial),
                         import_row("PAYEE-" + std::to_string(serial), "2024-10-09", "1.00", value.text, 3000 + serial)};
    const std::string path = as_xlsx ? write_xlsx(value.label, sheet) : write_csv(value.label, sheet);
    const auto before = count_rows(database);
    const auto summary = import_expenditures(database, path, ImportOptions{});
    if (!summary.ok()) {
      // A file the reader refuses as a whole (invalid UTF-8 read as GB18030
      // and failing there, a cell over the size limit): nothing stored.
      EXPECT_FALSE(free_text) << value.label << ": " << summary.error().message;
      expect_clean_refusal(summary.error(), "file", value);
      EXPECT_EQ(count_rows(database), before) << value.label;
      continue;
    }
    if (value.kind == HostileKind::invalid_utf8 && !as_xlsx) {
      // Not UTF-8, so read as GB18030: the header is then other text and the
      // file is refused, or every row is judged as what it now says. Either
      // way the bytes never reach a stored expenditure as they came.
      for (const auto& imported : summary.value().rows) {
        if (imported.verdict.status != VerdictStatus::accepted) continue;
        const auto stored = find_expenditure(database, imported.verdict.record_id);
        ASSERT_TRUE(stored.has_value());
        EXPECT_TRUE(is_valid_utf8(stored->payee_name)) << value.label;
      }
      continue;
    }
    ASSERT_EQ(summary.value().rows.size(), 4u) << value.label;
    const auto& rows = summary.value().rows;
    EXPECT_EQ(rows[0].verdict.status, VerdictStatus::accepted) << value.label << ": " << rows[0].verdict.reason_codes();
    for (std::size_t index = 1; index < 4; ++index) {
      const auto& imported = rows[index];
      EXPECT_EQ(imported.row_number, index + 2) << value.label;
      if (index == 3 && free_text) {
        ASSERT_EQ(imported.verdict.status, VerdictStatus::accepted) << value.label << imported.verdict.reason_codes();
        EXPECT_EQ(find_expenditure(database, imported.verdict.record_id)->payee_name, value.text) << value.label;
        continue;
      }
      ASSERT_EQ(imported.verdict.status, VerdictStatus::rejected) << value.label << " row " << imported.row_number;
      const std::string field = index == 1 ? "date" : index == 2 ? "amount" : "payee_name";
      bool names_field = false;
      for (const auto& reason : imported.verdict.reasons) {
        names_field = names_field || reason.field == field;
        EXPECT_TRUE(validate_text(reason.message, "message", 2000).ok()) << value.label;
      }
      EXPECT_TRUE(names_field) << value.label << " row " << imported.row_number << ": "
                               << imported.verdict.reason_codes();
    }
    const long long booked = 1 + (free_text ? 1 : 0);
    EXPECT_EQ(count_rows(database)["expenditures"], before.at("expenditures") + booked) << value.label;
  }
  test.expect_intact();
}

TEST_F(HostileInputTest, CsvImportRejectsEachHostileRowWithItsRowAndField) {
  import_hostile_rows(*this, database(), false);
}

TEST_F(HostileInputTest, XlsxImportRejectsEachHostileRowWithItsRowAndField) {
  import_hostile_rows(*this, database(), true);
}

// A bank statement is read whole or not at all: one hostile cell refuses the
// file, naming the row, and stores nothing. A memo holding an injection
// string is a memo.
TEST_F(HostileInputTest, BankStatementWithAHostileCellIsRefusedWhole) {
  const std::string header = "交易日期,交易金额,收支方向,对方户名,摘要\n";
  const std::string good_line = "2024-09-10,200000.00,收,西咸新区人社局,奖补\n";
  int serial = 0;
  for (const auto& value : hostile_values()) {
    for (const int column : {0, 1, 2, 3, 4}) {
      std::array<std::string, 5> cells = {"2024-09-12", "15.00", "支", "某银行", "手续费"};
      cells[static_cast<std::size_t>(column)] = value.text;
      std::string line;
      for (std::size_t index = 0; index < cells.size(); ++index) line += (index ? "," : "") + csv_cell(cells[index]);
      const std::string path = write_file("statement-" + std::to_string(++serial) + ".csv", header + good_line + line + "\n");
      const auto before = count_rows(database());
      const auto imported = import_bank_statement(database(), lead_unit, std::string(dedicated_bank_account), path,
                                                  Money());
      const bool free_text = column >= 3 && is_valid_free_text(value.kind);
      if (free_text) {
        ASSERT_TRUE(imported.ok()) << value.label << " column " << column << ": " << imported.error().message;
        bool found = false;
        for (const auto& stored : stored_bank_lines(database(), lead_unit, std::string(dedicated_bank_account),
                                                    day("2024-12-31"))) {
          found = found || (column == 3 ? stored.line.counterparty : stored.line.memo) == value.text;
        }
        EXPECT_TRUE(found) << value.label;
        continue;
      }
      ASSERT_FALSE(imported.ok()) << value.label << " column " << column;
      EXPECT_FALSE(imported.error().code.empty());
      EXPECT_TRUE(validate_text(imported.error().message, "message", 4000).ok())
          << value.label << " column " << column << ": " << imported.error().message.size() << " bytes";
      if (imported.error().code == "bad-statement-row") {
        EXPECT_NE(imported.error().message.find("row 3"), std::string::npos) << imported.error().message;
      }
      EXPECT_EQ(count_rows(database()), before) << value.label << " column " << column;
    }
  }
  expect_database_intact();
}

}  // namespace
}  // namespace jiangbu
