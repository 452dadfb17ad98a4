// `jiangbu award grant|list|show|pay|revoke|suspend|reinstate`.
#include <iostream>

#include <cstdlib>

#include "award/award.hpp"
#include "award/clawback.hpp"
#include "cli/batch.hpp"
#include "cli/context.hpp"
#include "core/reason_code.hpp"
#include "money/money_chinese.hpp"
#include "money/money_parse.hpp"
#include "registry/units.hpp"

namespace jiangbu {

namespace {

struct AwardOptions {
  std::string award_id;
  std::string recognition_id;
  std::string date;
  std::string document;
  std::string weights;  // "5:3:2"
  std::string shares;   // "100000,60000,40000"
  std::string unit_id;
  std::string amount;
  std::string from = "1011";
  std::string reference;
  std::string reason;
  std::string file;
};

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (!text.empty() && parts.size() < 100) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return parts;
}

Table awards_table(Database& database, const std::vector<Award>& awards) {
  Table table{{{"award_id", "奖补编号"}, {"brand", "品牌"}, {"tier", "级别"}, {"policy", "政策"},
               {"effective_on", "生效日期"}, {"amount", "金额", ColumnKind::money}, {"paid", "已拨付", ColumnKind::money},
               {"status", "状态"}},
              {}};
  const Date today = Date::today_local();
  for (const auto& award : awards) {
    Money paid;
    for (const auto& balance : share_balances(database, award.award_id)) paid += balance.paid;
    table.add_row({award.award_id, award.brand_id, std::string(tier_name(award.tier)), award.policy_id,
                   award.effective_on.to_string(), money_cell(award.amount), money_cell(paid),
                   std::string(award_status_name(award_status_on(database, award.award_id, today)))});
  }
  return table;
}

Table shares_table(Database& database, const Award& award) {
  Table table{{{"unit_id", "统一社会信用代码"}, {"name", "单位"}, {"weight", "权重"},
               {"share", "份额", ColumnKind::money}, {"paid", "已拨付", ColumnKind::money},
               {"unpaid", "未拨付", ColumnKind::money}},
              {}};
  for (const auto& balance : share_balances(database, award.award_id)) {
    const auto unit = find_unit(database, balance.unit_id);
    std::string weight;
    for (const auto& share : award.shares) {
      if (share.unit_id == balance.unit_id) weight = share.weight.value_or("");
    }
    table.add_row({balance.unit_id, unit ? unit->name : "", weight, money_cell(balance.share),
                   money_cell(balance.paid), money_cell(balance.unpaid())});
  }
  return table;
}

Result<GrantInput> grant_input(const std::string& id, const std::string& recognition, const std::string& date,
                               const std::string& document, std::vector<std::string> weights,
                               std::vector<std::string> shares) {
  auto effective_on = Date::parse(date);
  if (!effective_on) return Error(effective_on.error().code, effective_on.error().message, "date");
  return GrantInput{id, recognition, effective_on.value(), document, std::move(weights), std::move(shares)};
}

Result<PaymentInput> payment_input(const std::string& award, const std::string& unit, const std::string& amount,
                                   const std::string& date, const std::string& from, const std::string& reference) {
  auto paid_on = Date::parse(date);
  if (!paid_on) return Error(paid_on.error().code, paid_on.error().message, "date");
  PaymentInput input{award, unit, std::nullopt, paid_on.value(), from.empty() ? "1011" : from, reference};
  if (!amount.empty() && amount != "all") {
    auto parsed = parse_money(amount);
    if (!parsed) return Error(parsed.error().code, parsed.error().message, "amount");
    input.amount = parsed.value();
  }
  return input;
}

Result<std::string> describe_payment(Database& database, const Result<AwardPayment>& payment) {
  if (!payment) return payment.error();
  (void)database;
  return "paid " + payment.value().amount.to_plain_string() + " of " + payment.value().award_id + " to " +
         payment.value().unit_id;
}

void register_status_command(CLI::App* noun, Context& context, const std::shared_ptr<AwardOptions>& options,
                             const char* name, AwardEventKind kind, const char* help) {
  auto* command = noun->add_subcommand(name, help);
  command->add_option("--award", options->award_id, "Award id")->required();
  command->add_option("--date", options->date, "Effective date")->required();
  command->add_option("--document", options->document, "文号 of the decision")->required();
  command->add_option("--reason", options->reason, "Why")->required();
  command->callback([&context, options, kind] {
    auto database = context.open_database();
    const auto effective_on = require_date(options->date, "date");
    if (auto changed = change_award_status(*database, StatusChange{options->award_id, kind, effective_on,
                                                                    options->document, options->reason});
        !changed) {
      throw CommandFailure{changed.error()};
    }
    std::cout << "award " << options->award_id << " " << award_event_kind_name(kind) << " from "
              << effective_on.to_string() << " (" << options->document << ")\n";
  });
}

}  // namespace

void register_award_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<AwardOptions>();
  auto* noun = app.add_subcommand("award", "One-time awards (一次性奖补): grant, pay, suspend, revoke");
  noun->require_subcommand(1);

  auto* grant = noun->add_subcommand("grant", "Grant the award a recognition earns, and accrue it");
  grant->add_option("--id", options->award_id, "Award id, e.g. XX2024-003");
  grant->add_option("--recognition", options->recognition_id, "Recognition id");
  grant->add_option("--date", options->date, "Effective date (the award document's)");
  grant->add_option("--document", options->document, "文号 of the award document");
  grant->add_option("--weights", options->weights, "Contribution weights per lead, e.g. 5:3:2");
  grant->add_option("--shares", options->shares, "Fixed shares per lead, e.g. 100000,60000,40000");
  grant->add_option("--file", options->file, "JSON array of {id, recognition, date, document, weights, shares}");
  grant->callback([&context, options] {
    auto database = context.open_database();
    if (!options->file.empty()) {
      run_batch(context, options->file, [&](const nlohmann::json& row) -> Result<std::string> {
        std::string fields[4];
        const char* keys[4] = {"id", "recognition", "date", "document"};
        for (int index = 0; index < 4; ++index) {
          auto value = json_string(row, keys[index], true);
          if (!value) return value.error();
          fields[index] = value.value();
        }
        auto weights = json_strings(row, "weights");
        auto shares = json_strings(row, "shares");
        if (!weights) return weights.error();
        if (!shares) return shares.error();
        auto input = grant_input(fields[0], fields[1], fields[2], fields[3], weights.value(), shares.value());
        if (!input) return input.error();
        auto award = grant_award(*database, input.value());
        if (!award) return award.error();
        return "granted " + award.value().award_id + " " + award.value().amount.to_plain_string();
      });
      return;
    }
    const auto award = require(grant_award(*database, require(grant_input(
        options->award_id, options->recognition_id, options->date, options->document,
        split_list(options->weights, ':'), split_list(options->shares, ',')))));
    render(std::cout, awards_table(*database, {award}), context.format());
    if (context.format() == OutputFormat::table) {
      std::cout << "金额大写 " << format_chinese_uppercase(award.amount) << "\n\n";
      render(std::cout, shares_table(*database, award), context.format());
    }
  });

  auto* list = noun->add_subcommand("list", "List awards with what has been paid");
  list->callback([&context] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    render(std::cout, awards_table(*database, list_awards(*database)), context.format());
  });

  auto* show = noun->add_subcommand("show", "Show an award's shares and payments");
  show->add_option("--award", options->award_id, "Award id")->required();
  show->callback([&context, options] {
    auto database = context.open_database();
    require_allowed(*database, Action::read_all);
    const auto award = find_award(*database, options->award_id);
    if (!award) throw CommandFailure{make_error(ReasonCode::unknown_award, "no award '" + options->award_id + "'", "award")};
    if (context.format() == OutputFormat::table) {
      render(std::cout, awards_table(*database, {*award}), context.format());
      std::cout << "金额大写 " << format_chinese_uppercase(award->amount) << "\n\n";
    }
    render(std::cout, shares_table(*database, *award), context.format());
  });

  auto* pay = noun->add_subcommand("pay", "Pay (part of) a unit's share: bureau payment and unit receipt");
  pay->add_option("--award", options->award_id, "Award id");
  pay->add_option("--unit", options->unit_id, "Unit USCC");
  pay->add_option("--amount", options->amount, "Amount; omit (or 'all') for the unpaid rest of the share");
  pay->add_option("--date", options->date, "Payment date");
  pay->add_option("--from", options->from, "1011 零余额账户用款额度 (default) or 1002 银行存款");
  pay->add_option("--reference", options->reference, "Payment order or bank reference");
  pay->add_option("--file", options->file, "JSON array of {award, unit, amount, date, from, reference}");
  pay->callback([&context, options] {
    auto database = context.open_database();
    if (!options->file.empty()) {
      run_batch(context, options->file, [&](const nlohmann::json& row) -> Result<std::string> {
        std::string fields[6];
        const char* keys[6] = {"award", "unit", "amount", "date", "from", "reference"};
        for (int index = 0; index < 6; ++index) {
          auto value = json_string(row, keys[index], index == 0 || index == 1 || index == 3);
          if (!value) return value.error();
          fields[index] = value.value();
        }
        auto input = payment_input(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        if (!input) return input.error();
        return describe_payment(*database, pay_award(*database, input.value()));
      });
      return;
    }
    const auto payment = require(pay_award(*database, require(payment_input(
        options->award_id, options->unit_id, options->amount, options->date, options->from, options->reference))));
    std::cout << "paid " << group_thousands(payment.amount.to_plain_string()) << " of " << payment.award_id
              << " to " << payment.unit_id << " on " << payment.paid_on.to_string() << " (bureau entry "
              << payment.bureau_entry_id << ", unit entry " << payment.unit_entry_id << ")\n";
  });

  auto* clawback = noun->add_subcommand("clawback", "Book money a unit returns (收回/追缴) on both books");
  clawback->add_option("--award", options->award_id, "Award id")->required();
  clawback->add_option("--unit", options->unit_id, "Unit USCC")->required();
  clawback->add_option("--amount", options->amount, "Amount returned")->required();
  clawback->add_option("--date", options->date, "Date the money came back")->required();
  clawback->add_option("--document", options->document, "文号 of the clawback decision")->required();
  clawback->add_option("--reason", options->reason, "Why")->required();
  clawback->add_option("--by", options->reference, "Who records it (default: $JIANGBU_PRINCIPAL or $USER)");
  clawback->callback([&context, options] {
    auto database = context.open_database();
    auto amount = parse_money(options->amount);
    if (!amount) throw CommandFailure{Error(amount.error().code, amount.error().message, "amount")};
    std::string by = options->reference;
    for (const char* variable : {"JIANGBU_PRINCIPAL", "USER"}) {
      if (by.empty() && std::getenv(variable) != nullptr) by = std::getenv(variable);
    }
    const auto result = require(claw_back(*database, {options->award_id, options->unit_id, amount.value(),
                                                      require_date(options->date, "date"), options->document,
                                                      options->reason, by}));
    std::cout << "clawed back " << group_thousands(amount.value().to_plain_string()) << " of " << options->award_id
              << " from " << options->unit_id << ": " << group_thousands(result.from_deferred_income.to_plain_string())
              << " against deferred income, " << group_thousands(result.from_income.to_plain_string())
              << " against income (bureau entry " << result.bureau_entry_id << ", unit entry " << result.unit_entry_id
              << ")\n";
  });

  register_status_command(noun, context, options, "suspend", AwardEventKind::suspend, "Suspend an award from a date");
  register_status_command(noun, context, options, "reinstate", AwardEventKind::reinstate, "Lift a suspension");
  register_status_command(noun, context, options, "revoke", AwardEventKind::revoke,
                          "Revoke an award; starts the re-application ban");
}

}  // namespace jiangbu
