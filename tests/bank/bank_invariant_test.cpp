// The bank test (after Jepsen's), issue 7: 8 clients, each on its own connection,
// spend, replay, reverse, pay and claw back at random for a bounded time;
// afterwards plain SQL over the stored rows checks that both books balance,
// no share was ever overdrawn (replayed in the order the unit's book
// serialised its entries), every request has exactly one stored verdict and
// every stored verdict a request, and money is conserved between the books.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "award/award.hpp"
#include "award/clawback.hpp"
#include "core/reason_code.hpp"
#include "expenditure/expenditure.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "ledger/balances.hpp"
#include "ledger/books.hpp"
#include "money/money_format.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "registry/uscc.hpp"
#include "report/inter_book_reconciliation.hpp"
#include "support/test_database.hpp"

namespace jiangbu {
namespace {

using testing::StoreTest;

constexpr int clients = 8;
constexpr std::size_t requests_per_client_max = 200'000;
constexpr std::size_t rows_max = 2'000'000;
const std::string payee = "91650102MA78QR012B";
const std::string bad_payee = "91650102MA78QR012C";
const char* const categories[] = {"培育发展", "壮大提升", "宣传推介", "交流展示"};

Date day(const char* text) { return Date::parse(text).value(); }

// A valid USCC for a made-up unit number.
std::string unit_code(int number) {
  std::string first = "916100000000" + std::to_string(10'000 + number);
  return first + uscc_check_character(first);
}

struct Share {
  std::string award_id;
  std::string unit_id;
};

RecordOptions options() {
  RecordOptions result;
  result.today = day("2024-12-31");
  result.source = "bank-test";
  return result;
}

ExpenditureInput spend_input(const std::string& external_id, const Share& share, const std::string& date,
                             const std::string& amount, const std::string& category, const std::string& method,
                             const std::string& invoice) {
  return {external_id, share.award_id, share.unit_id, date, amount, category, method, "西安某广告有限公司",
          payee, "", invoice, "银行测试"};
}

enum class Kind { spend, replay, shared_spend, reversal, payment, clawback };
const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::spend: return "spend";
    case Kind::replay: return "replay";
    case Kind::shared_spend: return "shared-spend";
    case Kind::reversal: return "reversal";
    case Kind::payment: return "payment";
    case Kind::clawback: return "clawback";
  }
  return "?";
}

// One request and what the client was told.
struct Request {
  Kind kind = Kind::spend;
  std::string request_id;  // the external id of a spend, the reference of the rest
  ExpenditureInput input;  // spends
  std::int64_t target_expenditure_id = 0;  // reversals
  bool storage_error = false;
  std::string error_text;
  bool ok = false;          // accepted, paid, clawed back, reversed
  std::string codes;        // refusal or rejection codes
  std::int64_t record_id = 0;
  bool replayed = false;
};

Request make_request(Kind kind, std::string request_id) {
  Request request;
  request.kind = kind;
  request.request_id = std::move(request_id);
  return request;
}

std::string fen_text(std::int64_t fen) { return format_yuan(Money::from_fen(fen)); }

// Shared by the clients: accepted expenditures that may be reversed.
class AcceptedPool {
 public:
  void add(std::int64_t id) {
    std::lock_guard lock(mutex_);
    if (ids_.size() < rows_max) ids_.push_back(id);
  }
  // Half the time the newest (so two clients often race for one), else any.
  std::optional<std::int64_t> pick(std::mt19937_64& random) {
    std::lock_guard lock(mutex_);
    if (ids_.empty()) return std::nullopt;
    if (random() % 2 == 0) return ids_.back();
    return ids_[random() % ids_.size()];
  }

 private:
  std::mutex mutex_;
  std::vector<std::int64_t> ids_;
};

class BankInvariantTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    for (int number = 0; number < 5; ++number) {
      const bool non_profit = number == 2;
      ASSERT_TRUE(add_unit(database(), {unit_code(number), "测试单位" + std::to_string(number),
                                        non_profit ? "non-profit" : "enterprise", number == 1 ? "net" : "gross", ""})
                      .ok());
    }
    grant("A1", Tier::municipal, {0, 1, 2}, {"5", "3", "2"}, {});      // 200,000 split 100,000/60,000/40,000
    grant("A2", Tier::provincial, {1, 3}, {}, {"150000", "100000"});  // 250,000 in fixed shares
    grant("A3", Tier::district, {0}, {}, {});                          // 100,000, revoked below
    grant("A4", Tier::municipal, {4, 2}, {"1", "1"}, {});              // 200,000, under filed plans
    for (const char* unit : {"4", "2"}) {
      ASSERT_TRUE(file_plan(database(), {"A4", unit_code(std::atoi(unit)), day("2024-07-02"), "备案-" + std::string(unit),
                                         {{"宣传推介", "30000"}, {"交流展示", "30000"}, {"培育发展", "20000"}}})
                      .ok());
    }
    for (const auto& share : shares_) {
      ASSERT_TRUE(pay_award(database(), {share.award_id, share.unit_id, Money::from_yuan(20'000), day("2024-07-05"),
                                         "1011", "SETUP-PAY-" + share.award_id + "-" + share.unit_id})
                      .ok());
    }
    // Spending on A3 before it is revoked; clawbacks then take it back.
    for (int index = 0; index < 3; ++index) {
      ExpenditureInput input = spend_input("SETUP-" + std::to_string(index), {"A3", unit_code(0)}, "2024-08-1" +
                                           std::to_string(index), "1500.00", "宣传推介", "银行转账",
                                           "24610000000000" + std::to_string(900'000 + index));
      const Verdict verdict = record_expenditure(database(), input, options());
      ASSERT_EQ(verdict.status, VerdictStatus::accepted) << verdict.reason_codes();
      setup_external_ids_.insert({input.unit_uscc, input.external_id});
    }
    ASSERT_TRUE(change_award_status(database(), {"A3", AwardEventKind::revoke, day("2024-09-01"), "撤销决定",
                                                 "复核不合格"}).ok());
  }

  void grant(const std::string& award_id, Tier tier, const std::vector<int>& units,
             const std::vector<std::string>& weights, const std::vector<std::string>& fixed) {
    const std::string brand = "brand-" + award_id;
    ASSERT_TRUE(add_brand(database(), {brand, "品牌" + award_id, BrandCategory::livelihood, false}).ok());
    std::vector<std::string> unit_ids;
    for (int unit : units) unit_ids.push_back(unit_code(unit));
    ASSERT_TRUE(add_recognition(database(), {"rec-" + award_id, brand, tier, "xixian-2024", day("2024-06-18"),
                                             "认定文号", unit_ids}).ok());
    ASSERT_TRUE(grant_award(database(), {award_id, "rec-" + award_id, day("2024-07-01"), "西咸社发", weights, fixed})
                    .ok());
    for (const auto& unit_id : unit_ids) shares_.push_back({award_id, unit_id});
  }

  std::vector<Share> shares_;
  std::set<std::pair<std::string, std::string>> setup_external_ids_;
};

// One client: its own connection, its own seeded generator, its own history.
class Client {
 public:
  Client(int number, std::uint64_t seed, Database& database, const std::vector<Share>& shares, AcceptedPool& pool,
         std::chrono::steady_clock::time_point start)
      : number_(number), random_(seed), database_(database), shares_(shares), pool_(pool), start_(start) {}

  void run(std::chrono::steady_clock::time_point deadline) {
    for (std::size_t count = 0; count < requests_per_client_max && std::chrono::steady_clock::now() < deadline;
         ++count) {
      Request request = next_request(count);
      execute(request);
      history_.push_back(std::move(request));
    }
  }

  std::vector<Request>& history() { return history_; }

 private:
  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  std::string id(const char* prefix, std::size_t count) {
    return std::string(prefix) + std::to_string(number_) + "-" + std::to_string(count);
  }
  std::string random_date(int first_month) {
    char text[16];
    std::snprintf(text, sizeof text, "2024-%02d-%02d", uniform(first_month, 12), uniform(1, 28));
    return text;
  }
  std::string random_amount(int yuan_low, int yuan_high) {
    return fen_text(static_cast<std::int64_t>(uniform(yuan_low, yuan_high)) * 100 + uniform(0, 99));
  }
  const Share& random_share() { return shares_[static_cast<std::size_t>(uniform(0, int(shares_.size()) - 1))]; }

  Request next_request(std::size_t count) {
    const int dice = uniform(0, 99);
    if (dice < 55) return spend(count);
    if (dice < 62 && !spends_.empty()) return replay();
    if (dice < 70) return shared_spend();
    if (dice < 82) return reversal(count);
    if (dice < 91) return payment(count);
    return clawback(count);
  }

  Request spend(std::size_t count) {
    Request request = make_request(Kind::spend, id("T", count));
    const std::string invoice = uniform(0, 9) == 0
                                    ? "2463000000000000" + std::to_string(1000 + uniform(0, 31))  // contested
                                    : "2461" + std::to_string(10 + number_) + std::to_string(10'000'000'000'000 + count);
    request.input = spend_input(request.request_id, random_share(), random_date(7),
                                                   random_amount(1, 500), categories[uniform(0, 3)],
                                                   uniform(0, 1) ? "银行转账" : "公务卡", invoice);
    if (uniform(0, 3) == 0) violate(request.input);
    spends_.push_back(request.input);
    return request;
  }

  // Breaks one rule (or, for the overdraw, asks for more than any share).
  void violate(ExpenditureInput& input) {
    switch (uniform(0, 8)) {
      case 0: input.payment_method = "现金"; break;
      case 1: input.date = "2024-06-20"; break;
      case 2: input.amount = "9999999.00"; break;
      case 3: input.payee_uscc = bad_payee; break;
      case 4: input.category = "课程开发"; break;
      case 5: input.date = "2025-03-01"; break;
      case 6: input.award_id = "A3", input.unit_uscc = shares_.back().unit_id; break;
      case 7: input.award_id = "NOPE"; break;
      default: input.amount = "1.001"; break;
    }
  }

  Request replay() {
    const ExpenditureInput& earlier = spends_[static_cast<std::size_t>(uniform(0, int(spends_.size()) - 1))];
    Request request = make_request(Kind::replay, earlier.external_id);
    request.input = earlier;
    return request;
  }

  // Every client submits the same submission in the same quarter second.
  Request shared_spend() {
    const auto slot = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_)
                          .count() / 250;
    const Share& share = shares_[static_cast<std::size_t>(slot) % shares_.size()];
    Request request = make_request(Kind::shared_spend, "S-" + std::to_string(slot));
    request.input = spend_input(request.request_id, share, "2024-10-15",
                                                   fen_text(1'000 + (slot * 3'700) % 40'000), "宣传推介", "公务卡",
                                                   "2462000000" + std::to_string(1'000'000'000 + slot));
    return request;
  }

  Request reversal(std::size_t count) {
    Request request = make_request(Kind::reversal, id("R", count));
    request.target_expenditure_id = pool_.pick(random_).value_or(0);
    return request;
  }

  Request payment(std::size_t count) {
    Request request = make_request(Kind::payment, id("P", count));
    request.input.award_id = random_share().award_id;
    return request;
  }

  Request clawback(std::size_t count) {
    Request request = make_request(Kind::clawback, id("C", count));
    return request;
  }

  void execute(Request& request) {
    try {
      switch (request.kind) {
        case Kind::spend:
        case Kind::replay:
        case Kind::shared_spend: record(request); break;
        case Kind::reversal: reverse(request); break;
        case Kind::payment: pay(request); break;
        case Kind::clawback: claw(request); break;
      }
    } catch (const soci::soci_error& error) {
      request.storage_error = true;
      request.error_text = error.what();
    }
  }

  void record(Request& request) {
    const Verdict verdict = record_expenditure(database_, request.input, options());
    request.ok = verdict.status == VerdictStatus::accepted;
    request.codes = verdict.reason_codes();
    request.record_id = verdict.record_id;
    request.replayed = verdict.replayed;
    if (request.ok && !verdict.replayed) pool_.add(verdict.record_id);
  }

  void reverse(Request& request) {
    if (request.target_expenditure_id == 0) {
      request.codes = "nothing-to-reverse";
      return;
    }
    const Status status =
        reverse_expenditure(database_, request.target_expenditure_id, day("2024-12-31"), request.request_id);
    request.ok = status.ok();
    if (!status.ok()) request.codes = status.error().code;
  }

  void pay(Request& request) {
    const Share& share = random_share();
    request.input.award_id = share.award_id;
    request.input.unit_uscc = share.unit_id;
    std::optional<Money> amount;
    if (uniform(0, 9) != 0) amount = Money::from_fen(static_cast<std::int64_t>(uniform(500, 15'000)) * 100);
    const auto paid = pay_award(database_, {share.award_id, share.unit_id, amount, day(random_date(7).c_str()),
                                            "1011", request.request_id});
    request.ok = paid.ok();
    if (!paid.ok()) request.codes = paid.error().code;
  }

  void claw(Request& request) {
    // Revoked A3 most often; misuse on the others.
    const Share share = uniform(0, 2) == 0 ? Share{"A3", shares_[shares_.size() - 3].unit_id} : random_share();
    request.input.award_id = share.award_id;
    request.input.unit_uscc = share.unit_id;
    const Money amount = uniform(0, 19) == 0 ? Money::from_yuan(9'999'999)
                                             : Money::from_fen(static_cast<std::int64_t>(uniform(100, 3'000)) * 100);
    const auto clawed = claw_back(database_, {share.award_id, share.unit_id, amount, day(random_date(9).c_str()),
                                              request.request_id, share.award_id == "A3" ? "奖补撤销" : "违规使用",
                                              "客户端" + std::to_string(number_)});
    request.ok = clawed.ok();
    if (!clawed.ok()) request.codes = clawed.error().code;
  }

  int number_;
  std::mt19937_64 random_;
  Database& database_;
  const std::vector<Share>& shares_;
  AcceptedPool& pool_;
  std::chrono::steady_clock::time_point start_;
  std::vector<Request> history_;
  std::vector<ExpenditureInput> spends_;
};

std::int64_t count_of(Database& database, const std::string& sql) {
  long long count = 0;
  database.session() << sql, soci::into(count);
  return count;
}

std::int64_t fen_of(const std::string& text) { return text.empty() ? 0 : std::stoll(text); }

// ---- the checks, each plain SQL over the stored rows ----

// Each book balances per basis, and so does every entry.
void expect_books_balance(Database& database) {
  const std::string by_basis =
      "FROM postings p JOIN accounts a ON a.book_id = p.book_id AND a.code = p.account_code "
      "JOIN books b ON b.book_id = p.book_id JOIN chart_accounts c ON c.chart_id = b.chart_id AND c.code = a.chart_code ";
  EXPECT_EQ(count_of(database, "SELECT COUNT(*) FROM (SELECT p.book_id, c.basis " + by_basis +
                                   "GROUP BY p.book_id, c.basis HAVING SUM(p.debit_fen) <> SUM(p.credit_fen)) x"), 0);
  EXPECT_EQ(count_of(database, "SELECT COUNT(*) FROM (SELECT p.entry_id, c.basis " + by_basis +
                                   "GROUP BY p.entry_id, c.basis HAVING SUM(p.debit_fen) <> SUM(p.credit_fen)) x"), 0);
  std::printf("books: %lld, entries: %lld, postings: %lld, unbalanced books/entries: 0 expected\n",
              static_cast<long long>(count_of(database, "SELECT COUNT(*) FROM books")),
              static_cast<long long>(count_of(database, "SELECT COUNT(*) FROM journal_entries")),
              static_cast<long long>(count_of(database, "SELECT COUNT(*) FROM postings")));
  // Every entry belongs to exactly one stored operation: no half-done request left a stray entry.
  EXPECT_EQ(count_of(database, "SELECT COUNT(*) FROM journal_entries"),
            count_of(database, "SELECT (SELECT COUNT(*) FROM awards) + 2 * (SELECT COUNT(*) FROM award_payments) + "
                               "2 * (SELECT COUNT(*) FROM clawbacks) + (SELECT COUNT(*) FROM expenditures) + "
                               "(SELECT COUNT(*) FROM expenditure_reversals)"));
}

struct ShareState {
  std::int64_t paid_fen = 0;
  std::int64_t spent_fen = 0;
  std::int64_t clawed_fen = 0;
};

// Replays each unit's book in voucher order — the order its entries were
// serialised in (the voucher counter row is locked to commit) — and checks
// every spend and clawback against what the rules allowed at that point, and
// the dedicated account's balance after every entry.
void expect_never_overdrawn(Database& database) {
  std::string book, voucher, kind, award, unit, amount;
  int year = 0;
  soci::statement events = (database.session().prepare <<
      "SELECT j.book_id, j.fiscal_year, j.voucher_number, v.kind, v.award_id, v.unit_id, CAST(v.amount_fen AS TEXT) "
      "FROM (SELECT 'pay' AS kind, award_id, unit_id, amount_fen, unit_entry_id AS entry_id FROM award_payments "
      "UNION ALL SELECT 'claw', award_id, unit_id, amount_fen, unit_entry_id FROM clawbacks "
      "UNION ALL SELECT 'spend', award_id, unit_id, amount_fen, entry_id FROM expenditures "
      "UNION ALL SELECT 'unspend', e.award_id, e.unit_id, e.amount_fen, r.reversal_entry_id "
      "FROM expenditure_reversals r JOIN expenditures e ON e.expenditure_id = r.expenditure_id) v "
      "JOIN journal_entries j ON j.entry_id = v.entry_id ORDER BY j.book_id, j.fiscal_year, j.voucher_number",
      soci::into(book), soci::into(year), soci::into(voucher), soci::into(kind), soci::into(award), soci::into(unit),
      soci::into(amount));
  events.execute();
  std::map<std::pair<std::string, std::string>, ShareState> shares;
  std::size_t checked = 0;
  for (std::size_t row = 0; row < rows_max && events.fetch(); ++row, ++checked) {
    ShareState& state = shares[{award, unit}];
    const std::int64_t fen = fen_of(amount);
    if (kind == "pay") state.paid_fen += fen;
    if (kind == "unspend") state.spent_fen -= fen;
    if (kind == "spend") {
      EXPECT_LE(fen, state.paid_fen - state.spent_fen - state.clawed_fen)
          << "overdrawn by " << book << " " << voucher << " on " << award;
      state.spent_fen += fen;
    }
    if (kind == "claw") {
      EXPECT_LE(fen, state.paid_fen - state.clawed_fen) << "clawed back more than paid: " << book << " " << voucher;
      state.clawed_fen += fen;
    }
  }
  std::string balance;
  const std::string dedicated_code(dedicated_bank_account);
  soci::statement dedicated = (database.session().prepare <<
      "SELECT j.book_id, j.fiscal_year, j.voucher_number, CAST(SUM(p.debit_fen) - SUM(p.credit_fen) AS TEXT) "
      "FROM postings p JOIN journal_entries j ON j.entry_id = p.entry_id WHERE p.account_code = :code "
      "GROUP BY j.book_id, j.fiscal_year, j.voucher_number ORDER BY j.book_id, j.fiscal_year, j.voucher_number",
      soci::use(dedicated_code), soci::into(book), soci::into(year), soci::into(voucher),
      soci::into(balance));
  dedicated.execute();
  std::map<std::string, std::int64_t> running;
  std::size_t negative = 0;
  for (std::size_t row = 0; row < rows_max && dedicated.fetch(); ++row) {
    running[book] += fen_of(balance);
    if (running[book] < 0 && ++negative <= 5) {
      ADD_FAILURE() << "dedicated account of " << book << " negative after " << voucher << ": " << running[book];
    }
  }
  EXPECT_EQ(negative, 0u);
  std::printf("overdraw replay: %zu unit-book events in voucher order over %zu shares; negative dedicated balances: %zu\n",
              checked, shares.size(), negative);
}

// What the bureau paid equals what the unit received, per share, from the
// payment rows and from each book's postings; clawbacks likewise.
void expect_money_conserved(Database& database) {
  const std::string share_key = "x.award_id = s.award_id AND x.unit_id = s.unit_id";
  const std::string paid_rows = "COALESCE((SELECT SUM(x.amount_fen) FROM award_payments x WHERE " + share_key + "), 0)";
  const std::string bureau_paid = "COALESCE((SELECT SUM(p.debit_fen) FROM postings p WHERE p.book_id = 'bureau' AND "
                                  "p.account_code = '2303/' || s.award_id || '/' || s.unit_id), 0)";
  const std::string unit_received = "COALESCE((SELECT SUM(p.debit_fen) FROM award_payments x JOIN postings p ON "
                                    "p.entry_id = x.unit_entry_id WHERE " + share_key +
                                    " AND p.account_code = '1002/奖补专户'), 0)";
  const std::string clawed_rows = "COALESCE((SELECT SUM(x.amount_fen) FROM clawbacks x WHERE " + share_key + "), 0)";
  const std::string bureau_refunds = "COALESCE((SELECT SUM(p.debit_fen) FROM clawbacks x JOIN postings p ON "
                                     "p.entry_id = x.bureau_entry_id WHERE " + share_key +
                                     " AND p.account_code = '1011'), 0)";
  const std::string unit_refunds = "COALESCE((SELECT SUM(p.credit_fen) FROM clawbacks x JOIN postings p ON "
                                   "p.entry_id = x.unit_entry_id WHERE " + share_key +
                                   " AND p.account_code IN ('1002', '1002/奖补专户')), 0)";
  EXPECT_EQ(count_of(database, "SELECT COUNT(*) FROM award_shares s WHERE " + paid_rows + " <> " + bureau_paid +
                                   " OR " + paid_rows + " <> " + unit_received + " OR " + paid_rows +
                                   " > s.share_fen OR " + clawed_rows + " <> " + bureau_refunds + " OR " +
                                   clawed_rows + " <> " + unit_refunds + " OR " + clawed_rows + " > " + paid_rows),
            0);
  std::string paid, clawed, spent;
  database.session() << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS TEXT) FROM award_payments", soci::into(paid);
  database.session() << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS TEXT) FROM clawbacks", soci::into(clawed);
  database.session() << "SELECT CAST(COALESCE(SUM(amount_fen), 0) AS TEXT) FROM expenditures e WHERE NOT EXISTS "
                        "(SELECT 1 FROM expenditure_reversals r WHERE r.expenditure_id = e.expenditure_id)",
      soci::into(spent);
  std::printf("shares: %lld; paid %s, clawed back %s, spent (live) %s yuan\n",
              static_cast<long long>(count_of(database, "SELECT COUNT(*) FROM award_shares")),
              fen_text(fen_of(paid)).c_str(), fen_text(fen_of(clawed)).c_str(), fen_text(fen_of(spent)).c_str());
  ReportSelection selection;
  selection.to = day("2024-12-31");
  auto reconciliation = reconcile_books(database, selection);
  ASSERT_TRUE(reconciliation.ok());
  EXPECT_TRUE(reconciliation.value().agrees());
  EXPECT_TRUE(reconciliation.value().differing_pairs().empty());
  std::printf("inter-book reconciliation: %zu shares, %zu voucher pairs, %zu differences\n",
              reconciliation.value().shares.size(), reconciliation.value().pairs.size(),
              reconciliation.value().differing_pairs().size());
}

using Key = std::pair<std::string, std::string>;

template <typename Value>
std::map<Key, std::vector<Value>> keyed_ids(Database& database, const std::string& sql) {
  std::map<Key, std::vector<Value>> result;
  std::string first, second;
  long long id = 0;
  soci::statement statement = (database.session().prepare << sql, soci::into(first), soci::into(second), soci::into(id));
  statement.execute();
  for (std::size_t row = 0; row < rows_max && statement.fetch(); ++row) result[{first, second}].push_back(id);
  return result;
}

std::map<std::string, std::int64_t> counted(Database& database, const std::string& sql) {
  std::map<std::string, std::int64_t> result;
  std::string key;
  soci::statement statement = (database.session().prepare << sql, soci::into(key));
  statement.execute();
  for (std::size_t row = 0; row < rows_max && statement.fetch(); ++row) ++result[key];
  return result;
}

// Every spend request has exactly one stored verdict (an expenditure or an
// exception, never both, never two) that agrees with what each client was
// told, and every stored verdict belongs to a request.
void expect_one_verdict_per_spend(Database& database, const std::vector<const Request*>& spends,
                                  const std::set<Key>& setup_keys) {
  const auto accepted = keyed_ids<long long>(database, "SELECT unit_id, external_id, expenditure_id FROM expenditures");
  const auto rejected =
      keyed_ids<long long>(database, "SELECT unit_uscc, external_id, exception_id FROM expenditure_exceptions");
  std::map<Key, std::vector<const Request*>> by_key;
  for (const Request* request : spends) by_key[{request->input.unit_uscc, request->input.external_id}].push_back(request);
  std::size_t broken = 0;
  for (const auto& [key, requests] : by_key) {
    const auto accepted_row = accepted.find(key);
    const auto rejected_row = rejected.find(key);
    const std::size_t stored = (accepted_row == accepted.end() ? 0 : accepted_row->second.size()) +
                               (rejected_row == rejected.end() ? 0 : rejected_row->second.size());
    bool answered = false;
    for (const Request* request : requests) {
      if (request->storage_error) continue;
      answered = true;
      const auto& rows = request->ok ? accepted : rejected;
      const auto row = rows.find(key);
      if (row == rows.end() || row->second.size() != 1 || row->second.front() != request->record_id) ++broken;
    }
    if (stored != (answered ? 1u : 0u)) {
      if (++broken <= 5) ADD_FAILURE() << key.second << " of " << key.first << " has " << stored << " stored verdicts";
    }
  }
  EXPECT_EQ(broken, 0u) << "spend requests whose stored verdict is missing, doubled or disagrees";
  std::size_t orphans = 0;
  for (const auto* rows : {&accepted, &rejected}) {
    for (const auto& [key, ids] : *rows) {
      if (!by_key.count(key) && !setup_keys.count(key)) ++orphans;
    }
  }
  EXPECT_EQ(orphans, 0u) << "stored verdicts without a request";
  std::printf("spend submissions: %zu distinct (unit, external id); expenditures stored %zu, exceptions stored %zu\n",
              by_key.size(), accepted.size(), rejected.size());
}

// A reversal, payment or clawback request that succeeded left exactly one
// row carrying its request id; one refused or failed left none; no row
// carries an id nobody sent.
void expect_one_effect_per_request(Database& database, const std::vector<const Request*>& requests, Kind kind,
                                   const std::string& sql, const std::string& setup_prefix) {
  auto stored = counted(database, sql);
  std::size_t broken = 0;
  for (const Request* request : requests) {
    if (request->kind != kind) continue;
    const auto row = stored.find(request->request_id);
    const std::int64_t rows = row == stored.end() ? 0 : row->second;
    if (rows != (request->ok ? 1 : 0) && ++broken <= 5) {
      ADD_FAILURE() << kind_name(kind) << " " << request->request_id << " (ok=" << request->ok
                    << ", error=" << request->error_text << ") left " << rows << " rows";
    }
    if (row != stored.end()) stored.erase(row);
  }
  std::size_t orphans = 0;
  for (const auto& [key, count] : stored) {
    if (key.rfind(setup_prefix, 0) != 0) ++orphans;
  }
  EXPECT_EQ(broken, 0u);
  EXPECT_EQ(orphans, 0u) << kind_name(kind) << " rows without a request";
}

// Two clients may reverse one expenditure at once: exactly one succeeds.
void expect_each_reversal_once(const std::vector<const Request*>& requests) {
  std::map<std::int64_t, int> successes;
  std::size_t unexpected = 0;
  for (const Request* request : requests) {
    if (request->kind != Kind::reversal || request->storage_error) continue;
    if (request->ok) ++successes[request->target_expenditure_id];
    if (!request->ok && request->codes != "already-reversed" && request->codes != "nothing-to-reverse") ++unexpected;
  }
  std::size_t doubled = 0;
  for (const auto& [id, count] : successes) doubled += count > 1 ? 1 : 0;
  EXPECT_EQ(doubled, 0u) << "expenditures reversed by two requests";
  EXPECT_EQ(unexpected, 0u) << "reversals refused for an unexpected reason";
}

void print_counts(const std::vector<const Request*>& requests) {
  struct Counts {
    std::size_t total = 0, ok = 0, refused = 0, errors = 0, replayed = 0;
    std::map<std::string, std::size_t> codes;
  };
  std::map<std::string, Counts> by_kind;
  std::map<std::string, std::size_t> errors;
  for (const Request* request : requests) {
    Counts& counts = by_kind[kind_name(request->kind)];
    ++counts.total;
    if (request->replayed) ++counts.replayed;
    if (request->storage_error) {
      ++counts.errors;
      ++errors[request->error_text.substr(0, 120)];
    } else if (request->ok) {
      ++counts.ok;
    } else {
      ++counts.refused;
      ++counts.codes[request->codes];
    }
  }
  for (const auto& [kind, counts] : by_kind) {
    std::printf("%-13s total %6zu  ok %6zu  refused %6zu  storage errors %4zu  replayed %5zu\n", kind.c_str(),
                counts.total, counts.ok, counts.refused, counts.errors, counts.replayed);
    for (const auto& [codes, count] : counts.codes) std::printf("    %6zu %s\n", count, codes.c_str());
  }
  for (const auto& [text, count] : errors) std::printf("storage error x%zu: %s\n", count, text.c_str());
}

int run_seconds() {
  if (const char* text = std::getenv("JIANGBU_BANK_SECONDS")) return std::max(1, std::min(120, std::atoi(text)));
  return testing::backend_under_test() == Backend::postgresql ? 20 : 5;
}

std::uint64_t base_seed() {
  if (const char* text = std::getenv("JIANGBU_BANK_SEED")) return std::strtoull(text, nullptr, 10);
  return 20240701;
}

TEST_F(BankInvariantTest, EightClientsKeepBothBooksWholeAndEveryRequestOneVerdict) {
  const int seconds = run_seconds();
  AcceptedPool pool;
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Database>> connections;
  std::vector<std::unique_ptr<Client>> client_list;
  for (int number = 0; number < clients; ++number) {
    const std::uint64_t seed = base_seed() * 1000 + static_cast<std::uint64_t>(number);
    std::printf("client %d seed %llu\n", number, static_cast<unsigned long long>(seed));
    connections.push_back(test_database().connect());
    client_list.push_back(std::make_unique<Client>(number, seed, *connections.back(), shares_, pool, start));
  }
  std::vector<std::thread> threads;
  const auto deadline = start + std::chrono::seconds(seconds);
  for (auto& client : client_list) threads.emplace_back([&client, deadline] { client->run(deadline); });
  for (auto& thread : threads) thread.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<const Request*> requests;
  for (auto& client : client_list) {
    for (const Request& request : client->history()) requests.push_back(&request);
  }
  std::printf("%s: %d clients for a bound of %d s (ran %.1f s): %zu requests, %.0f per second\n",
              testing::backend_under_test() == Backend::postgresql ? "postgresql" : "sqlite", clients, seconds,
              elapsed, requests.size(), static_cast<double>(requests.size()) / elapsed);
  print_counts(requests);
  ASSERT_GT(requests.size(), 100u);

  std::vector<const Request*> spends;
  for (const Request* request : requests) {
    if (request->kind == Kind::spend || request->kind == Kind::replay || request->kind == Kind::shared_spend) {
      spends.push_back(request);
    }
  }
  expect_books_balance(database());
  expect_never_overdrawn(database());
  expect_one_verdict_per_spend(database(), spends, setup_external_ids_);
  expect_each_reversal_once(requests);
  expect_one_effect_per_request(database(), requests, Kind::reversal,
                                "SELECT reason FROM expenditure_reversals", "SETUP-");
  expect_one_effect_per_request(database(), requests, Kind::payment, "SELECT reference FROM award_payments",
                                "SETUP-PAY-");
  expect_one_effect_per_request(database(), requests, Kind::clawback, "SELECT document_number FROM clawbacks",
                                "SETUP-");
  expect_money_conserved(database());
}

// Unit 0 holds A1's and A3's money in one dedicated account. A clawback of
// A3 beyond what A3 left unspent must come from the unit's own bank, or A1's
// allowed spending afterwards drives the dedicated account below zero.
TEST_F(BankInvariantTest, AClawbackTakesNoOtherAwardsMoneyFromTheDedicatedAccount) {
  const std::string unit = unit_code(0);
  const auto dedicated = [&] {
    return account_balance(database(), unit, std::string(dedicated_bank_account), std::nullopt, true).value().balance();
  };
  ASSERT_EQ(dedicated(), Money::from_yuan(35'500));  // 20,000 each from A1 and A3, 4,500 spent on A3
  ASSERT_TRUE(claw_back(database(), {"A3", unit, Money::from_yuan(20'000), day("2024-09-10"), "追缴-1", "奖补撤销",
                                     "测试"}).ok());
  EXPECT_EQ(dedicated(), Money::from_yuan(20'000));  // A3's unspent 15,500 from it, 4,500 from the unit's own bank
  const Verdict verdict = record_expenditure(
      database(), spend_input("A1-ALL", {"A1", unit}, "2024-10-10", "20000.00", "宣传推介", "银行转账",
                              "24610000000000999999"), options());
  ASSERT_EQ(verdict.status, VerdictStatus::accepted) << verdict.reason_codes();
  EXPECT_EQ(dedicated(), Money());
}

}  // namespace
}  // namespace jiangbu
