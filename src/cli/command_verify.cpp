// `jiangbu verify [--book B] [--head] [--expect HEX]`: recomputes the
// journal's hash chains and names the first entry of each that no longer
// matches; --head prints the combined head to record outside the database,
// --expect compares against such a record (catching a chain rewritten whole).
#include <iostream>

#include "cli/context.hpp"
#include "core/reason_code.hpp"
#include "core/sha256.hpp"
#include "ledger/journal_verify.hpp"

namespace jiangbu {

namespace {

struct VerifyArguments {
  std::string book_id;
  bool head_only = false;
  std::string expected_head;
};

Table chain_table(const JournalVerification& verification) {
  Table table{{{"book_id", "账簿"},
               {"fiscal_year", "年度", ColumnKind::number},
               {"entries", "凭证数", ColumnKind::number},
               {"head", "链头"},
               {"status", "状态"},
               {"entry_id", "分录", ColumnKind::number},
               {"voucher", "凭证号"},
               {"date", "日期"},
               {"problem", "问题"}},
              {}};
  for (const auto& chain : verification.chains) {
    const auto& problem = chain.problem;
    table.add_row({chain.head.book_id, std::to_string(chain.head.fiscal_year),
                   std::to_string(chain.head.entry_count), problem ? "" : chain.head.head_hash,
                   problem ? std::string(chain_problem_name(problem->kind)) : "ok",
                   problem && problem->entry_id ? std::to_string(problem->entry_id) : "",
                   problem ? problem->voucher_number : "", problem ? problem->entry_date : "",
                   problem ? problem->message : ""});
  }
  return table;
}

Error broken_error(const ChainVerification& chain) {
  const auto& problem = *chain.problem;
  return make_error(ReasonCode::journal_chain_broken,
                    "book '" + chain.head.book_id + "' " + std::to_string(chain.head.fiscal_year) + ": " +
                        (problem.entry_id ? problem.voucher_number + " (entry " +
                                                std::to_string(problem.entry_id) + ", " +
                                                problem.entry_date + "): "
                                          : std::string()) +
                        problem.message,
                    "journal");
}

void print_head(const JournalVerification& verification, OutputFormat format) {
  if (format == OutputFormat::table) {
    // Alone on its line, so that `--expect "$(jiangbu verify --head)"` works.
    std::cout << verification.head.combined_hash << '\n';
    return;
  }
  Table table{{{"head", "链头"},
               {"entries", "凭证数", ColumnKind::number},
               {"chains", "链数", ColumnKind::number}},
              {}};
  table.add_row({verification.head.combined_hash, std::to_string(verification.head.entry_count),
                 std::to_string(verification.head.chain_count)});
  render(std::cout, table, format);
}

void run_verify(const Context& context, const VerifyArguments& arguments) {
  if (!arguments.expected_head.empty() && !is_sha256_hex(arguments.expected_head)) {
    throw CommandFailure{make_error(ReasonCode::bad_option, "must be 64 lowercase hex digits (the output of `jiangbu verify --head`)", "expect")};
  }
  auto database = context.open_database();
  if (arguments.book_id.empty()) {
    require_allowed(*database, Action::read_all);
  } else {
    require_book_allowed(*database, Action::read_unit, arguments.book_id);
  }
  VerifyOptions options;
  options.book_id = arguments.book_id;
  const auto verification = require(verify_journal(*database, options));
  if (arguments.head_only && verification.intact()) {
    print_head(verification, context.format());
  } else {
    render(std::cout, chain_table(verification), context.format());
  }
  if (const auto* broken = verification.first_broken()) throw CommandFailure{broken_error(*broken)};
  if (!arguments.expected_head.empty() && arguments.expected_head != verification.head.combined_hash) {
    throw CommandFailure{make_error(
        ReasonCode::journal_chain_broken,
        "the journal's head is " + verification.head.combined_hash + ", the recorded head is " +
            arguments.expected_head +
            ": entries were posted since it was recorded, or the chains were rewritten",
        "journal")};
  }
  if (!arguments.head_only && context.format() == OutputFormat::table) {
    std::cout << "verified " << verification.head.entry_count << " entries in "
              << verification.head.chain_count << " chains; head " << verification.head.combined_hash
              << '\n';
  }
}

}  // namespace

void register_verify_command(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand(
      "verify", "Recompute the journal's SHA-256 hash chains and name the first entry that no longer matches");
  auto arguments = std::make_shared<VerifyArguments>();
  command->add_option("--book", arguments->book_id, "Only this book (the head then covers it alone)");
  command->add_flag("--head", arguments->head_only,
                    "Print only the combined head, to record outside the database");
  command->add_option("--expect", arguments->expected_head,
                      "A head recorded earlier: fail unless the journal's head is still this one");
  command->callback([&context, arguments] { run_verify(context, *arguments); });
}

}  // namespace jiangbu
