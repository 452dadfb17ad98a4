// `jiangbu demo run`: the main job. Initialises a fresh database, runs the
// award scenario through the library, and prints what an auditor would look
// at first: the awards, the refusals, the inter-book check and every book's
// trial balance.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "award/award.hpp"
#include "award/award_accounts.hpp"
#include "award/clawback.hpp"
#include "expenditure/expenditure.hpp"
#include "cli/context.hpp"
#include "cli/ledger_tables.hpp"
#include "demo/award_scenario.hpp"
#include "demo/scenario_generator.hpp"
#include "report/audit_report.hpp"
#include "report/document_export.hpp"
#include "ledger/books.hpp"
#include "registry/units.hpp"
#include "store/money_conversion.hpp"

namespace jiangbu {

namespace {

Money balance_of(Database& database, const std::string& book, const std::string& code) {
  return require(account_balance(database, book, code, std::nullopt, true)).balance();
}

// What a unit booked as received: credits to its receipt account by the
// receipt entries of the award's payments (not expenditure reversals, which
// credit it back, nor clawbacks).
Money received_by(Database& database, const Unit& unit, const std::string& award_id) {
  const std::string account = unit_receipt_account(unit.type, award_id);
  const std::string prefix = "award:" + award_id;
  std::string text;
  database.session() << "SELECT CAST(COALESCE(SUM(p.credit_fen), 0) AS TEXT) FROM postings p "
                        "JOIN journal_entries e ON e.entry_id = p.entry_id "
                        "WHERE p.book_id = :book AND p.account_code = :account "
                        "AND substr(e.source_reference, 1, length(:prefix)) = :prefix2",
      soci::use(unit.book_id), soci::use(account), soci::use(prefix), soci::use(prefix), soci::into(text);
  return money_from_fen_text(text);
}

// For every share: what the bureau accrued and paid against what the unit
// booked as received. Any difference is listed, and fails the job.
bool print_inter_book_check(Database& database, Context& context) {
  Table table{{{"award", "奖补编号"}, {"unit", "单位"}, {"share", "份额", ColumnKind::money},
               {"bureau_paid", "财政已拨付", ColumnKind::money}, {"unit_received", "单位已收到", ColumnKind::money},
               {"payable", "应付余额", ColumnKind::money}, {"agrees", "核对"}},
              {}};
  bool all_agree = true;
  for (const auto& award : list_awards(database)) {
    for (const auto& balance : share_balances(database, award.award_id)) {
      const auto unit = find_unit(database, balance.unit_id).value();
      const Money received = received_by(database, unit, award.award_id);
      const Money payable = balance_of(database, std::string(bureau_book_id),
                                       bureau_payable_account(award.award_id, balance.unit_id));
      const bool agrees = received == balance.paid && payable == balance.unpaid();
      all_agree = all_agree && agrees;
      table.add_row({award.award_id, unit.name, money_cell(balance.share), money_cell(balance.paid),
                     money_cell(received), money_cell(payable), agrees ? "一致" : "不一致"});
    }
  }
  render(std::cout, table, context.format());
  return all_agree;
}

// 专项资金审计报告 of 2024 for every policy that paid an award, in every
// format, one folder per policy.
constexpr std::size_t leads_shown_max = 5;

void write_audit_reports(Database& database, const std::string& folder) {
  std::vector<std::string> policies;
  for (const auto& award : list_awards(database)) {
    if (std::find(policies.begin(), policies.end(), award.policy_id) == policies.end()) policies.push_back(award.policy_id);
  }
  std::cout << "\n六、专项资金审计报告（2024年度）\n";
  for (const auto& policy : policies) {
    ReportSelection selection;
    selection.policy_id = policy;
    selection.from = Date::from_parts(2024, 1, 1);
    selection.to = Date::from_parts(2024, 12, 31);
    const auto report = require(audit_report(database, selection));
    const auto document = audit_report_document(report);
    const auto folder_of_policy = (std::filesystem::path(folder) / policy).string();
    (void)require(export_document(document, "all", folder_of_policy, std::cout));
    std::cout << policy << "：问题 " << report.summary.finding_count << " 项，违规金额 "
              << group_thousands(report.summary.violation_amount.to_plain_string()) << " 元，审计疑点 "
              << report.analytics.findings.size() << " 项，写入 " << folder_of_policy
              << "/audit.{txt,csv,json,html,xlsx,pdf}\n";
    // The leads the auditors should look at first, with the evidence in the report.
    for (std::size_t index = 0; index < report.analytics.findings.size() && index < leads_shown_max; ++index) {
      const auto& lead = report.analytics.findings[index];
      std::cout << "  " << lead.rank << ". [" << lead.score << "] " << analysis_title(lead.analysis) << "："
                << lead.pattern << "，" << lead.item_count << " 笔 " << group_thousands(lead.amount.to_plain_string())
                << " 元\n";
    }
  }
}

// `demo generate`: the options as given; 0 units means scale with the rows.
struct GenerateOptions {
  std::string out;
  std::size_t expenditures = 0;
  std::uint64_t seed = 1;
  std::size_t units = 0;
};

void register_generate_command(CLI::App* noun, Context& context) {
  auto options = std::make_shared<GenerateOptions>();
  auto* generate = noun->add_subcommand(
      "generate", "Register a seeded scenario of units, awards and plans, and write its expenditure file and manifest");
  generate->add_option("--out", options->out, "Folder for expenditures.csv, manifest.json and the master-data files")
      ->required();
  generate->add_option("--expenditures", options->expenditures, "Expenditure rows to write")->required();
  generate->add_option("--seed", options->seed, "Seed of the scenario (default 1): the same seed writes the same files");
  generate->add_option("--units", options->units, "Lead units (default: one per 400 expenditures, at least 15)");
  generate->callback([&context, options] {
    const ScenarioShape shape{options->expenditures, options->seed, options->units};
    if (auto checked = check_scenario_shape(shape); !checked) throw CommandFailure{checked.error()};
    auto database = context.open_database(false);
    require_allowed(*database, Action::administer);
    initialise_database(*database);
    if (!list_units(*database).empty()) {
      throw CommandFailure{make_error(ReasonCode::duplicate_unit,
                                      "a generated scenario needs a database without units; " +
                                          database->location().redacted + " already has some",
                                      "db")};
    }
    const auto files = require(generate_scenario(*database, options->out, shape));
    const auto& manifest = files.manifest;
    const auto count = [&](const char* kind) {
      const auto found = manifest.rows.find(kind);
      return found == manifest.rows.end() ? std::size_t{0} : found->second;
    };
    std::size_t patterns = 0;
    for (const auto& [key, instances] : manifest.patterns) patterns += instances.size();
    std::cout << "jiangbu demo generate: seed " << shape.seed << ", " << manifest.units << " units, " << manifest.awards
              << " awards, " << manifest.shares << " shares in " << database->location().redacted << "; "
              << shape.expenditures << " expenditures (" << count("valid") << " valid, "
              << shape.expenditures - count("valid") - count("corrected") - count("sent-again") << " planted violations, "
              << count("corrected") << " corrected, " << count("sent-again") << " sent again; " << patterns
              << " planted patterns) in " << files.csv_path.string() << "; manifest " << files.manifest_path.string()
              << "; import with: jiangbu expenditure import " << files.csv_path.string() << " --today " << scenario_today
              << "\n";
  });
}

}  // namespace

void register_demo_commands(CLI::App& app, Context& context) {
  auto* noun = app.add_subcommand("demo", "The main job on a fresh database");
  noun->require_subcommand(1);
  register_generate_command(noun, context);
  auto* run = noun->add_subcommand("run", "Grant and pay a year of awards, print the books, write the audit reports");
  auto reports_folder = std::make_shared<std::string>("demo-reports");
  run->add_option("--reports", *reports_folder, "Folder for the audit reports in every format (default ./demo-reports)");
  run->callback([&context, reports_folder] {
    auto database = context.open_database(false);
    require_allowed(*database, Action::administer);
    initialise_database(*database);
    if (!list_units(*database).empty()) {
      throw CommandFailure{make_error(ReasonCode::duplicate_unit,
                                      "the demo needs a fresh database; " + database->location().redacted +
                                          " already has units",
                                      "db")};
    }
    const auto result = require(run_award_scenario(*database));
    const bool table = context.format() == OutputFormat::table;
    if (table) {
      long long entries = 0;
      database->session() << "SELECT count(*) FROM journal_entries", soci::into(entries);
      std::cout << "jiangbu demo: " << list_units(*database).size() << " units, " << list_awards(*database).size()
                << " awards, " << entries << " journal entries in " << database->location().redacted
                << "\n\n一、奖补发放情况\n";
    }
    std::vector<std::string> award_ids;
    for (const auto& award : list_awards(*database)) award_ids.push_back(award.award_id);
    Table awards{{{"award_id", "奖补编号"}, {"policy", "政策"}, {"tier", "级别"}, {"amount", "金额", ColumnKind::money},
                  {"status", "状态(2024-12-31)"}},
                 {}};
    for (const auto& award : list_awards(*database)) {
      awards.add_row({award.award_id, award.policy_id, std::string(tier_chinese_name(award.tier)),
                      money_cell(award.amount),
                      std::string(award_status_name(award_status_on(*database, award.award_id, Date::from_parts(2024, 12, 31))))});
    }
    render(std::cout, awards, context.format());
    if (table) std::cout << "\n二、规则拒绝的操作\n";
    Table refusals{{{"attempt", "操作"}, {"code", "代码"}, {"reason", "原因"}}, {}};
    for (const auto& refusal : result.refusals) {
      refusals.add_row({refusal.attempt, refusal.error.code, refusal.error.message});
    }
    render(std::cout, refusals, context.format());
    if (table) std::cout << "\n三、支出审核\n";
    Table spending{{{"award", "奖补编号"}, {"unit", "单位"}, {"accepted", "通过笔数", ColumnKind::number},
                    {"spent", "通过金额", ColumnKind::money}, {"clawed_back", "收回", ColumnKind::money}},
                   {}};
    for (const auto& award : list_awards(*database)) {
      for (const auto& share : award.shares) {
        Money spent;
        std::size_t count = 0;
        for (const auto& record : list_expenditures(*database, award.award_id, share.unit_id, 100'000)) {
          if (record.reversed) continue;
          spent += record.amount;
          ++count;
        }
        spending.add_row({award.award_id, find_unit(*database, share.unit_id)->name, std::to_string(count),
                          money_cell(spent), money_cell(clawed_back(*database, award.award_id, share.unit_id))});
      }
    }
    render(std::cout, spending, context.format());
    if (table) std::cout << "\n四、异常登记簿（被拒绝的支出）\n";
    Table exceptions{{{"external_id", "外部编号"}, {"award", "奖补编号"}, {"amount", "金额(原文)"}, {"reasons", "原因代码"}}, {}};
    for (const auto& record : list_exceptions(*database, "", 100'000)) {
      exceptions.add_row({record.external_id, record.award_id, record.amount, record.reasons});
    }
    render(std::cout, exceptions, context.format());
    if (table) std::cout << "\n五、财政与单位账簿核对\n";
    const bool agree = print_inter_book_check(*database, context);
    for (const auto& book_id : result.book_ids) {
      const auto report = require(trial_balance(*database, book_id, Date::from_parts(2024, 1, 1),
                                                Date::from_parts(2024, 12, 31)));
      const auto book = find_book(*database, book_id);
      if (table) std::cout << "\n试算平衡表  " << (book ? book->name : book_id) << "  2024-01-01 — 2024-12-31\n";
      render(std::cout, trial_balance_table(report), context.format());
      if (!report.financial.balanced() || !report.budget.balanced()) {
        throw CommandFailure{make_error(ReasonCode::unbalanced_entry, "book " + book_id + " does not balance", "book")};
      }
    }
    if (!agree) {
      throw CommandFailure{make_error(ReasonCode::unbalanced_entry, "the two books disagree on an award share", "award")};
    }
    write_audit_reports(*database, *reports_folder);
  });
}

}  // namespace jiangbu
