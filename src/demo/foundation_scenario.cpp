#include "demo/foundation_scenario.hpp"

#include "ledger/accounts.hpp"
#include "ledger/books.hpp"
#include "ledger/journal.hpp"
#include "money/money_split.hpp"
#include "store/transaction.hpp"

namespace jiangbu {

namespace {

struct Unit {
  std::string book_id;
  std::string chart_id;
  std::string name;
  std::string income_account;  // where receipt is credited, per unit type
};

const std::vector<Unit>& demo_units() {
  static const std::vector<Unit> units = {
      {"qijiang-laowu", "enterprise", "重庆綦江劳务开发有限公司", "2401/劳务品牌奖补"},
      {"qijiang-jiazheng", "non-profit", "綦江区家政服务行业协会", "4401/限定性收入"},
  };
  return units;
}

PostingInput debit(std::string code, const Money& amount) {
  return PostingInput{std::move(code), Side::debit, amount};
}

PostingInput credit(std::string code, const Money& amount) {
  return PostingInput{std::move(code), Side::credit, amount};
}

EntryInput entry(std::string book_id, const char* date, std::string memo, std::string source,
                 std::vector<PostingInput> postings) {
  return EntryInput{std::move(book_id), Date::parse(date).value(), std::move(memo),
                    std::move(source), std::move(postings)};
}

Status open_accounts(Database& database, const std::string& award_id) {
  for (const auto& unit : demo_units()) {
    if (!find_book(database, unit.book_id)) {
      auto book = create_book(database, Book{unit.book_id, unit.chart_id, unit.name});
      if (!book) return book.error();
    }
    Transaction transaction(database);
    for (const auto& [book, code, name] :
         {std::tuple{std::string(bureau_book_id), "2303/" + award_id + "/" + unit.book_id, unit.name},
          std::tuple{unit.book_id, std::string("1002/奖补专户"), std::string("奖补专户")},
          std::tuple{unit.book_id, unit.income_account, std::string("劳务品牌奖补")}}) {
      if (auto account = open_sub_account(database, book, code, name); !account) return account.error();
    }
    transaction.commit();
  }
  Transaction transaction(database);
  for (const char* code : {"6601/宣传推介", "6602/培训组织"}) {
    if (auto account = open_sub_account(database, "qijiang-laowu", code, std::string(code).substr(5)); !account) {
      return account.error();
    }
  }
  if (auto account = open_sub_account(database, "qijiang-jiazheng", "5101/培训组织", "培训组织");
      !account) {
    return account.error();
  }
  transaction.commit();
  return success();
}

std::vector<EntryInput> award_entries(const std::string& award_id, const std::vector<Money>& shares) {
  const Money award = shares[0] + shares[1];
  const std::string source = "award:" + award_id;
  std::vector<EntryInput> entries;
  entries.push_back(entry("bureau", "2024-01-10", "收到就业补助资金用款额度", "quota:2024-01",
                          {debit("1011", Money::from_yuan(300'000)), credit("4001", Money::from_yuan(300'000)),
                           debit("8001", Money::from_yuan(300'000)), credit("6001", Money::from_yuan(300'000))}));
  std::vector<PostingInput> accrual{debit("5001", award)};
  std::vector<PostingInput> payment;
  for (std::size_t index = 0; index < shares.size(); ++index) {
    const std::string payable = "2303/" + award_id + "/" + demo_units()[index].book_id;
    accrual.push_back(credit(payable, shares[index]));
    payment.push_back(debit(payable, shares[index]));
  }
  payment.insert(payment.end(), {credit("1011", award), debit("7101", award), credit("8001", award)});
  entries.push_back(entry("bureau", "2024-03-01", "计提劳务品牌奖补 " + award_id, source, accrual));
  entries.push_back(entry("bureau", "2024-03-15", "支付劳务品牌奖补 " + award_id, source, payment));
  for (std::size_t index = 0; index < shares.size(); ++index) {
    const Unit& unit = demo_units()[index];
    entries.push_back(entry(unit.book_id, "2024-03-18", "收到劳务品牌奖补资金 " + award_id, source,
                            {debit("1002/奖补专户", shares[index]), credit(unit.income_account, shares[index])}));
  }
  return entries;
}

std::vector<EntryInput> spending_entries(const std::string& award_id) {
  const std::string source = "award:" + award_id;
  const Money promotion = Money::from_fen(3'650'000);
  const Money training = Money::from_fen(1'280'050);
  return {
      entry("qijiang-laowu", "2024-04-02", "劳务品牌宣传推介 宣传片制作", source,
            {debit("6601/宣传推介", promotion), credit("1002/奖补专户", promotion)}),
      entry("qijiang-laowu", "2024-04-02", "结转其他收益（总额法）", source,
            {debit("2401/劳务品牌奖补", promotion), credit("6117", promotion)}),
      entry("qijiang-jiazheng", "2024-05-20", "家政技能培训组织", source,
            {debit("5101/培训组织", training), credit("1002/奖补专户", training)}),
  };
}

}  // namespace

Result<ScenarioResult> run_foundation_scenario(Database& database) {
  const std::string award_id = "QJ2024-001";
  if (auto opened = open_accounts(database, award_id); !opened) return opened.error();
  // Two lead units share one unit's standard (20万元) by contribution 6:4;
  // the split is exact to the fen (largest remainder).
  auto shares = split_by_weights(Money::from_yuan(200'000), {Weight(6), Weight(4)});
  if (!shares) return shares.error();
  Journal journal(database);
  ScenarioResult result;
  for (const auto& unit : demo_units()) result.book_ids.push_back(unit.book_id);
  auto inputs = award_entries(award_id, shares.value());
  for (auto& input : spending_entries(award_id)) inputs.push_back(std::move(input));
  for (const auto& input : inputs) {
    auto posted = journal.post(input);
    if (!posted) return posted.error();
    result.entries.push_back(std::move(posted).value());
  }
  // A clerk books a training invoice to the wrong category, then reverses it.
  auto mistaken = journal.post(entry("qijiang-laowu", "2024-06-03", "培训费（误记科目）", "award:" + award_id,
                                     {debit("6601/宣传推介", Money::from_yuan(5'000)),
                                      credit("1002/奖补专户", Money::from_yuan(5'000))}));
  if (!mistaken) return mistaken.error();
  auto reversal = journal.reverse(mistaken.value().entry_id, Date::parse("2024-06-04").value(), "科目错误");
  if (!reversal) return reversal.error();
  result.entries.push_back(mistaken.value());
  result.entries.push_back(reversal.value());
  return result;
}

}  // namespace jiangbu
