#include "fault/canonical_dump.hpp"

#include <map>
#include <regex>
#include <set>
#include <unordered_map>

namespace jiangbu::fault {

namespace {

struct DumpQuery {
  const char* table;
  const char* sql;  // every column already text; ORDER BY stable keys only
};

// The ids inside joins are compared only through what they point at.
const DumpQuery dump_queries[] = {
    {"expenditures",
     "SELECT e.unit_id, e.external_id, e.award_id, e.spent_on, CAST(e.amount_fen AS TEXT), e.category, "
     "e.payment_method, e.payee_name, e.payee_uscc, e.invoice_key, e.description, e.input_json, "
     "COALESCE(j.book_id || '/' || j.voucher_number, 'NO ENTRY'), "
     "COALESCE(x.unit_uscc || '/' || x.external_id, '-'), e.source "
     "FROM expenditures e LEFT JOIN journal_entries j ON j.entry_id = e.entry_id "
     "LEFT JOIN expenditure_exceptions x ON x.exception_id = e.resubmits_exception_id "
     "ORDER BY e.unit_id, e.external_id"},
    {"expenditure_exceptions",
     "SELECT x.unit_uscc, x.external_id, x.award_id, x.amount_text, x.reasons, x.messages, x.input_json, "
     "COALESCE(p.unit_uscc || '/' || p.external_id, '-'), x.source "
     "FROM expenditure_exceptions x LEFT JOIN expenditure_exceptions p ON p.exception_id = x.resubmits_exception_id "
     "ORDER BY x.unit_uscc, x.external_id, x.exception_id"},
    {"invoice_claims",
     "SELECT c.invoice_key, COALESCE(e.unit_id || '/' || e.external_id, 'NO EXPENDITURE') "
     "FROM invoice_claims c LEFT JOIN expenditures e ON e.expenditure_id = c.expenditure_id ORDER BY c.invoice_key"},
    {"expenditure_reversals",
     "SELECT e.unit_id || '/' || e.external_id, j.book_id || '/' || j.voucher_number, r.reversed_on, r.reason "
     "FROM expenditure_reversals r JOIN expenditures e ON e.expenditure_id = r.expenditure_id "
     "JOIN journal_entries j ON j.entry_id = r.reversal_entry_id ORDER BY e.unit_id, e.external_id"},
    {"journal_entries",
     "SELECT j.book_id, j.voucher_number, CAST(j.fiscal_year AS TEXT), j.entry_date, j.memo, j.source_reference, "
     "COALESCE(r.book_id || '/' || r.voucher_number, '-') "
     "FROM journal_entries j LEFT JOIN journal_entries r ON r.entry_id = j.reverses_entry_id "
     "ORDER BY j.book_id, j.voucher_number"},
    {"postings",
     "SELECT j.book_id, j.voucher_number, CAST(p.line_number AS TEXT), p.book_id, p.entry_date, p.account_code, "
     "CAST(p.debit_fen AS TEXT), CAST(p.credit_fen AS TEXT) "
     "FROM postings p JOIN journal_entries j ON j.entry_id = p.entry_id "
     "ORDER BY j.book_id, j.voucher_number, p.line_number"},
    {"voucher_sequences",
     "SELECT book_id, CAST(fiscal_year AS TEXT), CAST(last_number AS TEXT) FROM voucher_sequences "
     "ORDER BY book_id, fiscal_year"},
    {"accounts", "SELECT book_id, code, chart_code, name FROM accounts ORDER BY book_id, code"},
};

std::string cell_text(const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return "NULL";
  switch (row.get_properties(index).get_data_type()) {
    case soci::dt_string: return row.get<std::string>(index);
    case soci::dt_integer: return std::to_string(row.get<int>(index));
    case soci::dt_long_long: return std::to_string(row.get<long long>(index));
    case soci::dt_unsigned_long_long: return std::to_string(row.get<unsigned long long>(index));
    default: return "UNEXPECTED TYPE";  // a dump compares text; the queries cast every column
  }
}

// "already used by expenditure 123": the id is a surrogate; name the
// expenditure by its unit and external id instead.
std::string without_expenditure_ids(const std::string& text,
                                    const std::unordered_map<std::string, std::string>& keys_by_id) {
  static const std::regex id_pattern("by expenditure ([0-9]+)");
  if (text.find("by expenditure ") == std::string::npos) return text;
  std::string result;
  auto last = text.cbegin();
  for (std::sregex_iterator match(text.cbegin(), text.cend(), id_pattern), end; match != end; ++match) {
    result.append(last, (*match)[0].first);
    const auto key = keys_by_id.find((*match)[1].str());
    result += "by expenditure " + (key == keys_by_id.end() ? "UNKNOWN" : key->second);
    last = (*match)[0].second;
  }
  result.append(last, text.cend());
  return result;
}

std::unordered_map<std::string, std::string> expenditure_keys(Database& database) {
  std::unordered_map<std::string, std::string> keys;
  soci::rowset<soci::row> rows = (database.session().prepare
                                  << "SELECT CAST(expenditure_id AS TEXT), unit_id || '/' || external_id FROM expenditures");
  for (const auto& row : rows) keys.emplace(cell_text(row, 0), cell_text(row, 1));
  return keys;
}

long long count_of(Database& database, const char* sql) {
  long long count = 0;
  database.session() << sql, soci::into(count);
  return count;
}

void check_vouchers(Database& database, std::vector<std::string>& violations) {
  std::map<std::pair<std::string, std::string>, std::set<long long>> numbers;
  soci::rowset<soci::row> rows = (database.session().prepare
                                  << "SELECT book_id, CAST(fiscal_year AS TEXT), voucher_number FROM journal_entries");
  for (const auto& row : rows) {
    const std::string voucher = cell_text(row, 2);
    numbers[{cell_text(row, 0), cell_text(row, 1)}].insert(std::stoll(voucher.substr(voucher.rfind('-') + 1)));
  }
  soci::rowset<soci::row> sequences = (database.session().prepare
                                       << "SELECT book_id, CAST(fiscal_year AS TEXT), CAST(last_number AS TEXT) "
                                          "FROM voucher_sequences");
  std::size_t sequences_seen = 0;
  for (const auto& row : sequences) {
    ++sequences_seen;
    const auto& used = numbers[{cell_text(row, 0), cell_text(row, 1)}];
    const long long last = std::stoll(cell_text(row, 2));
    const bool gapless = static_cast<long long>(used.size()) == last && (used.empty() || (*used.begin() == 1 && *used.rbegin() == last));
    if (!gapless) {
      violations.push_back("vouchers of " + cell_text(row, 0) + " " + cell_text(row, 1) + ": " +
                           std::to_string(used.size()) + " used, counter at " + std::to_string(last));
    }
  }
  if (sequences_seen != numbers.size()) violations.push_back("a book-year has entries but no voucher counter");
}

}  // namespace

std::vector<TableDump> canonical_dump(Database& database) {
  const auto keys_by_id = expenditure_keys(database);
  std::vector<TableDump> dumps;
  for (const auto& query : dump_queries) {
    TableDump dump{query.table, 0, {}};
    soci::rowset<soci::row> rows = (database.session().prepare << query.sql);
    for (const auto& row : rows) {
      for (std::size_t index = 0; index < row.size(); ++index) {
        if (index > 0) dump.text += '\x1f';
        dump.text += without_expenditure_ids(cell_text(row, index), keys_by_id);
      }
      dump.text += '\n';
      ++dump.rows;
    }
    dumps.push_back(std::move(dump));
  }
  return dumps;
}

std::size_t verdicts_stored(Database& database) {
  return static_cast<std::size_t>(count_of(database, "SELECT count(*) FROM expenditures") +
                                  count_of(database, "SELECT count(*) FROM expenditure_exceptions"));
}

std::vector<std::string> integrity_violations(Database& database, std::size_t submissions_expected) {
  struct Check {
    const char* what;
    const char* sql;
  };
  const Check checks[] = {
      {"expenditures without their own journal entry",
       "SELECT count(*) FROM expenditures e LEFT JOIN journal_entries j ON j.entry_id = e.entry_id "
       "WHERE j.entry_id IS NULL OR j.book_id <> e.unit_id OR j.source_reference <> 'expenditure:' || e.external_id"},
      {"import entries without an expenditure",
       "SELECT count(*) FROM journal_entries j WHERE j.source_reference LIKE 'expenditure:%' "
       "AND NOT EXISTS (SELECT 1 FROM expenditures e WHERE e.entry_id = j.entry_id)"},
      {"entries with fewer than two postings or unbalanced",
       "SELECT count(*) FROM (SELECT j.entry_id FROM journal_entries j LEFT JOIN postings p ON p.entry_id = j.entry_id "
       "GROUP BY j.entry_id HAVING count(p.entry_id) < 2 OR SUM(p.debit_fen) <> SUM(p.credit_fen)) unbalanced"},
      {"expenditures without their invoice claim",
       "SELECT count(*) FROM expenditures e WHERE NOT EXISTS "
       "(SELECT 1 FROM invoice_claims c WHERE c.expenditure_id = e.expenditure_id)"},
      {"submissions rejected twice (the same input stored twice)",
       "SELECT count(*) FROM (SELECT unit_uscc, external_id, input_json FROM expenditure_exceptions "
       "GROUP BY unit_uscc, external_id, input_json HAVING count(*) > 1) repeated"},
      {"submissions both rejected and accepted as sent",
       "SELECT count(*) FROM expenditures e JOIN expenditure_exceptions x ON x.unit_uscc = e.unit_id "
       "AND x.external_id = e.external_id AND x.input_json = e.input_json"},
      {"accepted corrections not linked to their rejection",
       "SELECT count(*) FROM expenditures e WHERE e.resubmits_exception_id IS NULL AND EXISTS "
       "(SELECT 1 FROM expenditure_exceptions x WHERE x.unit_uscc = e.unit_id AND x.external_id = e.external_id)"},
  };
  std::vector<std::string> violations;
  for (const auto& check : checks) {
    if (const long long count = count_of(database, check.sql); count != 0) {
      violations.push_back(std::string(check.what) + ": " + std::to_string(count));
    }
  }
  if (const std::size_t stored = verdicts_stored(database); stored != submissions_expected) {
    violations.push_back("verdicts stored: " + std::to_string(stored) + ", submissions: " +
                         std::to_string(submissions_expected));
  }
  check_vouchers(database, violations);
  return violations;
}

}  // namespace jiangbu::fault
