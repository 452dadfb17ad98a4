// The permission table: every action for every kind of principal, and the
// unit's line between its own books and another's.
#include <gtest/gtest.h>

#include "access/permission.hpp"

namespace jiangbu {
namespace {

const std::string own_unit = "91610000MA6TG12349";
const std::string other_unit = "91611100MA6TX0B25D";

const Action every_action[] = {
    Action::administer,      Action::register_parties,   Action::load_policy,        Action::grant_award,
    Action::pay_award,       Action::change_award_status, Action::claw_back,         Action::import_bank_statement,
    Action::write_book,      Action::file_plan,           Action::record_expenditure, Action::reverse_expenditure,
    Action::read_unit,       Action::read_all,
};

Principal principal(const std::string& text) { return parse_principal(text).value(); }

bool allowed(const Principal& who, Action action, const std::string& unit_id = {}) {
  const Status status = authorize(who, action, unit_id);
  if (!status) {
    EXPECT_EQ(status.error().code, "permission-denied");
    EXPECT_FALSE(status.error().message.empty());
  }
  return status.ok();
}

TEST(Principal, ParsesTheThreeKindsAndRefusesTheRest) {
  EXPECT_EQ(principal("bureau").kind, PrincipalKind::bureau);
  EXPECT_EQ(principal("财政局").kind, PrincipalKind::bureau);
  EXPECT_EQ(principal("auditor").kind, PrincipalKind::auditor);
  EXPECT_EQ(principal("unit:" + own_unit).unit_id, own_unit);
  EXPECT_EQ(principal("单位:" + own_unit).text(), "unit:" + own_unit);
  for (const char* bad : {"", "Bureau", "unit:", "unit:123", "unit:91610000MA6TG1234I", "root", "unit: 91610000MA6TG12349",
                          "bureau'; DROP TABLE units; --"}) {
    const auto parsed = parse_principal(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().code, "bad-principal");
    EXPECT_EQ(parsed.error().field, "as");
  }
  EXPECT_FALSE(parse_principal(std::string(1000, 'a')).ok());
}

TEST(Permission, TheAdministratorMayDoEverything) {
  for (const Action action : every_action) EXPECT_TRUE(allowed(Principal{}, action, own_unit));
}

TEST(Permission, TheAuditorOnlyReads) {
  const Principal auditor = principal("auditor");
  for (const Action action : every_action) {
    const bool reads = action == Action::read_all || action == Action::read_unit;
    EXPECT_EQ(allowed(auditor, action, own_unit), reads) << action_name(action);
    EXPECT_EQ(allowed(auditor, action), reads) << action_name(action);
  }
}

TEST(Permission, TheBureauDecidesAndPaysButNeitherSpendsNorWritesAUnitsBook) {
  const Principal bureau = principal("bureau");
  for (const Action action : {Action::register_parties, Action::load_policy, Action::grant_award, Action::pay_award,
                              Action::change_award_status, Action::claw_back, Action::import_bank_statement,
                              Action::read_all, Action::read_unit}) {
    EXPECT_TRUE(allowed(bureau, action, own_unit)) << action_name(action);
  }
  EXPECT_TRUE(allowed(bureau, Action::write_book));  // its own book
  for (const Action action : {Action::administer, Action::file_plan, Action::record_expenditure,
                              Action::reverse_expenditure}) {
    EXPECT_FALSE(allowed(bureau, action, own_unit)) << action_name(action);
  }
  EXPECT_FALSE(allowed(bureau, Action::write_book, own_unit));
}

TEST(Permission, AUnitActsOnItsOwnBooksOnly) {
  const Principal unit = principal("unit:" + own_unit);
  for (const Action action : {Action::write_book, Action::file_plan, Action::record_expenditure,
                              Action::reverse_expenditure, Action::read_unit}) {
    EXPECT_TRUE(allowed(unit, action, own_unit)) << action_name(action);
    EXPECT_FALSE(allowed(unit, action, other_unit)) << action_name(action);
    EXPECT_FALSE(allowed(unit, action)) << action_name(action) << " on the bureau's book";
  }
  for (const Action action : {Action::administer, Action::register_parties, Action::load_policy, Action::grant_award,
                              Action::pay_award, Action::change_award_status, Action::claw_back,
                              Action::import_bank_statement, Action::read_all}) {
    EXPECT_FALSE(allowed(unit, action, own_unit)) << action_name(action);
  }
  EXPECT_NE(authorize(unit, Action::read_unit, other_unit).error().message.find(other_unit), std::string::npos);
}

}  // namespace
}  // namespace jiangbu
