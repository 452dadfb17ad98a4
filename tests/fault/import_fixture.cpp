#include "fault/import_fixture.hpp"

#include <array>
#include <fstream>
#include <random>
#include <stdexcept>
#include <vector>

#include "award/award.hpp"
#include "expenditure/fund_use_plan.hpp"
#include "registry/brands.hpp"
#include "registry/units.hpp"
#include "registry/uscc.hpp"

namespace jiangbu::fault {

namespace {

constexpr std::size_t payees_max = 400;
// 乌鲁木齐 plans cover three of the policy's eight uses; the others are over plan.
constexpr std::array<const char*, 3> urumqi_planned = {"trainer-hiring", "curriculum-textbooks",
                                                       "brand-management-promotion"};
constexpr const char* urumqi_unplanned = "employment-services";
constexpr std::array<const char*, 4> xixian_categories = {"cultivation-development", "growth-upgrading", "promotion",
                                                          "exchange-exhibition"};
constexpr std::array<const char*, 3> accepted_methods = {"银行转账", "公务卡", "online"};

// 17 characters of prefix and serial, then the GB 32100-2015 check character.
std::string uscc(const std::string& prefix_eleven, std::size_t serial) {
  const std::string digits = std::to_string(1'000'000 + serial % 1'000'000).substr(1);  // six, zero-padded
  const std::string first = prefix_eleven + digits;
  return first + uscc_check_character(first);
}

std::string xixian_unit(std::size_t index) { return uscc("91610000MA6", index); }
std::string urumqi_unit(std::size_t index) { return uscc("91650100MA7", index); }
std::string payee_uscc(std::size_t index) { return uscc("91610102MA8", index); }

Date day(const char* text) { return Date::parse(text).value(); }

Status prepare_one(Database& database, const std::string& unit, const std::string& key, const std::string& policy,
                   const char* recognized_on, const char* effective_on) {
  if (auto added = add_unit(database, {unit, "测试单位" + key, "enterprise", "gross", ""}); !added) return added.error();
  if (auto added = add_brand(database, {"b-" + key, "品牌" + key, BrandCategory::livelihood, false}); !added) {
    return added.error();
  }
  if (auto added = add_recognition(database, {"r-" + key, "b-" + key, Tier::municipal, policy, day(recognized_on),
                                              "认定文号" + key, {unit}});
      !added) {
    return added.error();
  }
  if (auto granted = grant_award(database, {"A-" + key, "r-" + key, day(effective_on), "奖补文号" + key, {}, {}});
      !granted) {
    return granted.error();
  }
  if (auto paid = pay_award(database, {"A-" + key, unit, std::nullopt, day("2024-09-10"), "1011", "ZF-" + key}); !paid) {
    return paid.error();
  }
  return success();
}

class RowWriter {
 public:
  explicit RowWriter(const ImportFixtureShape& shape) : shape_(shape), random_(shape.seed) {}

  std::string row(std::size_t index, std::string& kind);

 private:
  std::size_t pick(std::size_t count) { return static_cast<std::size_t>(random_() % count); }

  const ImportFixtureShape& shape_;
  std::mt19937_64 random_;
  std::vector<std::pair<std::string, std::string>> valid_invoices_;  // (invoice, payee) of earlier valid rows
  std::vector<std::string> recent_lines_;  // ring of the last recent_lines_max rows, to send again
  std::vector<std::string> cash_lines_;    // rejected for cash, to send again corrected
};

constexpr std::size_t recent_lines_max = 200;
constexpr std::size_t cash_lines_max = 1'000;

std::string RowWriter::row(std::size_t index, std::string& kind) {
  // A unit sends a row again (often in the same batch: it must replay), or
  // sends a cash-rejected row again paid by bank transfer (judged afresh).
  const std::size_t resend = pick(1'000);
  if (resend < 10 && !recent_lines_.empty()) {
    kind = "sent-again";
    return recent_lines_[pick(recent_lines_.size())];
  }
  if (resend < 15 && !cash_lines_.empty()) {
    kind = "corrected";
    std::string line = cash_lines_.back();
    cash_lines_.pop_back();
    return line.replace(line.find("现金"), std::string_view("现金").size(), "银行转账");
  }
  const bool urumqi = pick(3) == 0;
  const std::size_t unit_index = urumqi ? pick(shape_.urumqi_units) : pick(shape_.xixian_units);
  const std::string unit = urumqi ? urumqi_unit(unit_index) : xixian_unit(unit_index);
  std::string award = "A-" + std::string(urumqi ? "w" : "x") + std::to_string(unit_index);
  std::string date = "2024-" + std::to_string(10 + pick(3)) + "-" + std::to_string(10 + pick(19));
  std::string amount = std::to_string(1 + pick(199)) + "." + std::to_string(10 + pick(90));
  std::string category = urumqi ? urumqi_planned[pick(urumqi_planned.size())]
                                : xixian_categories[pick(xixian_categories.size())];
  std::string method = accepted_methods[pick(accepted_methods.size())];
  const std::size_t payee = pick(payees_max);
  std::string payee_name = "供应商" + std::to_string(payee) + "有限公司";
  std::string payee_id = payee_uscc(payee);
  // A 20-digit 数电 number, unique per row.
  std::string invoice = "24612" + std::to_string(1'000'000'000'000'000 + index).substr(1);
  const std::size_t roll = pick(100);
  kind = "valid";
  if (roll < 2 && urumqi) {
    category = urumqi_unplanned, kind = "over-plan";
  } else if (roll < 4 && urumqi) {
    category = roll % 2 == 0 ? "公务接待费" : "人员津补贴", kind = "category-banned";
  } else if (roll < 4) {
    method = "现金", kind = "cash-payment";
  } else if (roll < 6 && !valid_invoices_.empty()) {
    const auto& earlier = valid_invoices_[pick(valid_invoices_.size())];
    invoice = earlier.first, payee_id = earlier.second, kind = "duplicate-invoice";
  } else if (roll == 6) {
    date = "2024-02-30", kind = "bad-date";
  } else if (roll == 7 && !urumqi) {
    date = "2024-06-15", kind = "retroactive";
  } else if (roll == 8) {
    date = "2025-01-05", kind = "future-dated";
  } else if (roll == 9) {
    amount = "12.345", kind = "bad-amount";
  } else if (roll == 10) {
    category = "买彩票", kind = "unknown-category";
  } else if (roll == 11) {
    payee_name.clear(), kind = "missing-field";
  } else if (roll == 12) {
    invoice = "12345", kind = "bad-invoice-number";
  } else if (roll == 13) {
    award = "NO-SUCH-AWARD", kind = "unknown-award";
  } else if (roll == 14) {
    payee_id.back() = payee_id.back() == '0' ? '1' : '0', kind = "bad-payee-id";
  } else if (roll == 15) {
    amount = "250000", kind = "overdrawn";
  }
  if (kind == "valid") valid_invoices_.emplace_back(invoice, payee_id);
  std::string line = "K" + std::to_string(index) + "," + award + "," + unit + "," + date + "," + amount + "," + category + "," +
         method + "," + payee_name + "," + payee_id + ",," + invoice + ",\"第" + std::to_string(index) +
         "笔, 专项支出\"\n";
  if (kind == "cash-payment" && cash_lines_.size() < cash_lines_max) cash_lines_.push_back(line);
  if (recent_lines_.size() < recent_lines_max) {
    recent_lines_.push_back(line);
  } else {
    recent_lines_[index % recent_lines_max] = line;
  }
  return line;
}

}  // namespace

Status prepare_import_database(Database& database, const ImportFixtureShape& shape) {
  for (std::size_t index = 0; index < shape.xixian_units; ++index) {
    const std::string key = "x" + std::to_string(index);
    if (auto prepared = prepare_one(database, xixian_unit(index), key, "xixian-2024", "2024-06-18", "2024-07-01");
        !prepared) {
      return prepared;
    }
  }
  for (std::size_t index = 0; index < shape.urumqi_units; ++index) {
    const std::string key = "w" + std::to_string(index);
    if (auto prepared = prepare_one(database, urumqi_unit(index), key, "urumqi-2024", "2024-08-12", "2024-08-26");
        !prepared) {
      return prepared;
    }
    PlanInput plan{"A-" + key, urumqi_unit(index), day("2024-09-01"), "备案" + key, {}};
    for (const char* category : urumqi_planned) plan.lines.emplace_back(category, "60000");
    if (auto filed = file_plan(database, plan); !filed) return filed.error();
  }
  return success();
}

std::map<std::string, std::size_t> write_import_csv(const std::string& path, const ImportFixtureShape& shape) {
  std::ofstream file(path, std::ios::binary);
  file << "外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,"
          "发票号码,摘要\n";
  RowWriter writer(shape);
  std::map<std::string, std::size_t> kinds;
  for (std::size_t index = 0; index < shape.rows; ++index) {
    std::string kind;
    file << writer.row(index, kind);
    ++kinds[kind];
  }
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path);
  return kinds;
}

}  // namespace jiangbu::fault
