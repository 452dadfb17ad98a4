#include "analytics/analytics_loader.hpp"

#include <algorithm>
#include <array>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "award/award.hpp"
#include "core/assert.hpp"
#include "policy/policy_store.hpp"
#include "registry/brands.hpp"
#include "registry/related_parties.hpp"
#include "registry/units.hpp"
#include "store/bulk_rows.hpp"
#include "store/sqlite_row_cursor.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t fetch_rows = 10'000;
constexpr std::size_t rows_max = 50'000'000;
constexpr int review_cycles_max = 20;
constexpr long long scan_award_share_denominator = 8;

// One fetch's columns, as SOCI fills them.
struct FetchedColumns {
  std::vector<long long> ids, amounts;
  std::vector<std::string> awards, units, dates, categories, payee_names, payee_usccs, invoice_keys, reversed_on;

  void resize(std::size_t rows) {
    for (auto* column : {&ids, &amounts}) column->resize(rows);
    for (auto* column : {&awards, &units, &dates, &categories, &payee_names, &payee_usccs, &invoice_keys, &reversed_on}) {
      column->resize(rows);
    }
  }
};

// One row's cells, wherever they were read from: both readers build rows
// from these through append_row, so they give the same rows.
struct RowCells {
  long long id = 0;
  long long amount_fen = 0;
  std::string_view award, unit, date, category, payee_name, payee_uscc, invoice_key, reversed_on;
  bool narrow = false;  // only id, award and invoice were read: `keep` must refuse it
};

// Interns one column's values through a table of its own: a column with
// few distinct values (awards, units, categories, payees) is found in a small
// table that stays in the processor's cache, not in the pool's, which holds
// every invoice too (its lookups were the largest single cost of building
// rows in a profile at a million rows). Ids are the pool's; one interner
// serves one pool.
class ColumnInterner {
 public:
  std::uint32_t intern(StringPool& pool, std::string_view text) {
    if (const auto found = ids_.find(text); found != ids_.end()) return found->second;
    const std::uint32_t id = pool.intern(text);
    ids_.emplace(pool.text(id), id);  // the pool's copy: it never moves
    return id;
  }

 private:
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

// Award ids looked up by view, without a copy per row.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
using AwardIdSet = std::unordered_set<std::string, TextHash, std::equal_to<>>;

// A batch of rows stepped from SQLite, their texts copied end to end into
// one buffer (a copy per cell, no allocation per cell) so another thread can
// build rows from them while SQLite steps the next batch.
struct SteppedRows {
  static constexpr std::size_t texts_per_row = 8;
  std::vector<long long> integers;  // id and amount of each row
  std::string texts;
  std::vector<std::size_t> text_ends;  // texts_per_row per row
  std::vector<bool> narrow;

  [[nodiscard]] std::size_t rows() const { return narrow.size(); }

  // A row of an award outside `full_awards` (when given) is read narrow: its
  // id, award and invoice, all its other cells empty. Reading a cell is a
  // call into SQLite under its connection's lock, and most rows of a scan
  // belong to other awards.
  void add(const SqliteRowCursor& cursor, const AwardIdSet* full_awards) {
    constexpr int first_text_column = 2, invoice_column = 8;
    const std::string_view award = cursor.text(first_text_column);
    const bool is_narrow = full_awards != nullptr && !full_awards->contains(award);
    narrow.push_back(is_narrow);
    integers.push_back(cursor.integer(0));
    integers.push_back(is_narrow ? 0 : cursor.integer(1));
    texts.append(award);
    text_ends.push_back(texts.size());
    for (int column = first_text_column + 1; column < first_text_column + static_cast<int>(texts_per_row); ++column) {
      if (!is_narrow || column == invoice_column) texts.append(cursor.text(column));
      text_ends.push_back(texts.size());
    }
  }

  [[nodiscard]] RowCells row(std::size_t index) const {
    std::array<std::string_view, texts_per_row> cells;
    std::size_t begin = index == 0 ? 0 : text_ends[index * texts_per_row - 1];
    for (std::size_t cell = 0; cell < texts_per_row; ++cell) {
      const std::size_t end = text_ends[index * texts_per_row + cell];
      cells[cell] = std::string_view(texts).substr(begin, end - begin);
      begin = end;
    }
    return {integers[2 * index], integers[2 * index + 1], cells[0], cells[1], cells[2], cells[3],
            cells[4],            cells[5],                cells[6], cells[7], narrow[index]};
  }
};

// Turns rows' cells into SpendingRows; `keep(award, invoice, id)` decides,
// before any string is interned, whether a row is stored.
//
// Through SOCI (PostgreSQL, and SQLite when asked) it reads in batches of
// fetch_rows: while the connection fetches one batch, another thread turns
// the previous one into rows (interning their strings, a third of the work
// at a million rows); only that thread touches `data` and `keep` until read
// returns. On SQLite it steps the statement itself (store/sqlite_row_cursor.hpp)
// and copies each batch's cells into one buffer (SteppedRows) for the other
// thread: SOCI's two copies and an allocated string per cell are spared.
class RowReader {
 public:
  RowReader(const Date& to, bool native) : native_(native), last_day_(to.to_string()) { columns_.resize(fetch_rows); }

  template <typename Keep>
  Status read(soci::statement& statement, SpendingData& data, Keep keep) {
    columns_.resize(fetch_rows);  // the last fetch of the previous statement left them empty
    statement.execute();
    std::future<Status> building;
    while (statement.fetch()) {
      // Moved-from vectors are empty; the bound vector objects stay where SOCI points.
      FetchedColumns batch = std::move(columns_);
      columns_.resize(fetch_rows);  // a fetch shrinks the vectors to the rows it returned
      if (building.valid()) {
        if (auto built = building.get(); !built) return built;
      }
      building = std::async(std::launch::async, [this, &data, &keep, batch = std::move(batch)] {
        return build_rows(batch, data, keep);
      });
    }
    return building.valid() ? building.get() : success();
  }

  template <typename Keep>
  Status read(SqliteRowCursor& cursor, SpendingData& data, Keep keep, const AwardIdSet* full_awards) {
    std::future<Status> building;
    SteppedRows batch;
    const auto hand_over = [&]() -> Status {
      if (building.valid()) {
        if (auto built = building.get(); !built) return built;
      }
      building = std::async(std::launch::async, [this, &data, &keep, stepped = std::move(batch)] {
        return build_rows(stepped, data, keep);
      });
      batch = SteppedRows{};
      return success();
    };
    // Every stepped row is kept (at most rows_max, build_rows) or another
    // award's (at most rows_max, the scan's keep): as the SOCI path bounds them.
    for (std::size_t count = 0; cursor.next(); ++count) {
      if (count == 2 * rows_max) return Error("bad-option", "more than 50,000,000 expenditures: narrow the selection");
      batch.add(cursor, full_awards);
      if (batch.rows() < fetch_rows) continue;
      if (auto handed = hand_over(); !handed) return handed;
    }
    if (batch.rows() > 0) {
      if (auto handed = hand_over(); !handed) return handed;
    }
    return building.valid() ? building.get() : success();
  }

  template <typename Keep>
  Status build_rows(const SteppedRows& batch, SpendingData& data, Keep& keep) {
    for (std::size_t index = 0; index < batch.rows(); ++index) {
      if (auto appended = append_row(batch.row(index), data, keep); !appended) return appended;
    }
    return within_bound(data);
  }

  template <typename Keep>
  Status build_rows(const FetchedColumns& batch, SpendingData& data, Keep& keep) {
    for (std::size_t index = 0; index < batch.ids.size(); ++index) {
      const RowCells cells{batch.ids[index],         batch.amounts[index],        batch.awards[index],
                           batch.units[index],       batch.dates[index],          batch.categories[index],
                           batch.payee_names[index], batch.payee_usccs[index],    batch.invoice_keys[index],
                           batch.reversed_on[index]};
      if (auto appended = append_row(cells, data, keep); !appended) return appended;
    }
    return within_bound(data);
  }

  template <typename Keep>
  Status append_row(const RowCells& cells, SpendingData& data, Keep& keep) {
    const std::string_view invoice = invoice_without_seller(cells.invoice_key);
    if (!keep(cells.award, invoice, cells.id)) return success();
    JIANGBU_ASSERT(!cells.narrow && "a row read narrow was kept");
    const auto failed = [&](const Error& error) {
      return Error(error.code, "expenditure " + std::to_string(cells.id) + ": " + error.message);
    };
    auto date = Date::parse(cells.date);
    if (!date) return failed(date.error());
    SpendingRow row;
    row.expenditure_id = cells.id;
    row.amount_fen = cells.amount_fen;
    row.spent_on_day = date.value().days_since_epoch();
    row.award = awards_.intern(data.strings, cells.award);
    row.unit = units_.intern(data.strings, cells.unit);
    row.category = categories_.intern(data.strings, cells.category);
    row.payee_name = payee_names_.intern(data.strings, cells.payee_name);
    row.payee_uscc = payee_usccs_.intern(data.strings, cells.payee_uscc);
    row.invoice = data.strings.intern(invoice);
    row.reversed = !cells.reversed_on.empty() && cells.reversed_on <= last_day_;
    if (row.reversed) {
      auto reversed_on = Date::parse(cells.reversed_on);
      if (!reversed_on) return failed(reversed_on.error());
      row.reversed_on_day = reversed_on.value().days_since_epoch();
    }
    data.rows.push_back(row);
    return success();
  }

  static Status within_bound(const SpendingData& data) {
    if (data.rows.size() > rows_max) return Error("bad-option", "more than 50,000,000 expenditures: narrow the selection");
    return success();
  }

  bool native_;  // steps SQLite itself instead of fetching through SOCI
  // For the one SpendingData this reader fills.
  ColumnInterner awards_, units_, categories_, payee_names_, payee_usccs_;
  std::string last_day_;
  FetchedColumns columns_;
};

constexpr const char* row_columns =
    "SELECT e.expenditure_id, e.amount_fen, e.award_id, e.unit_id, e.spent_on, e.category, e.payee_name, "
    "e.payee_uscc, e.invoice_key, COALESCE(r.reversed_on, '') FROM expenditures e "
    "LEFT JOIN expenditure_reversals r ON r.expenditure_id = e.expenditure_id ";

// Other awards' expenditures that may share an invoice with the selected
// rows: the live ones through their claims (keys are "<invoice>:<seller>"),
// and every reversed one, since a reversal releases its claim. A narrow scan
// of the claims instead of every expenditure's columns; `keep` still decides.
// The rows already loaded (the selected awards') are not asked for again.
std::vector<long long> candidate_ids(Database& database, const SpendingData& data,
                                     const std::vector<bool>& selected_invoices) {
  std::vector<long long> loaded;
  loaded.reserve(data.rows.size());
  for (const auto& row : data.rows) loaded.push_back(row.expenditure_id);
  std::sort(loaded.begin(), loaded.end());
  const auto is_loaded = [&](long long id) { return std::binary_search(loaded.begin(), loaded.end(), id); };
  std::vector<long long> ids;
  std::vector<std::string> keys(fetch_rows);
  std::vector<long long> claimants(fetch_rows);
  soci::statement claims = (database.session().prepare << "SELECT invoice_key, expenditure_id FROM invoice_claims",
                            soci::into(keys), soci::into(claimants));
  claims.execute();
  while (claims.fetch()) {
    for (std::size_t index = 0; index < keys.size(); ++index) {
      const auto invoice = data.strings.find(invoice_without_seller(keys[index]));
      if (invoice && selected_invoices[*invoice] && !is_loaded(claimants[index])) ids.push_back(claimants[index]);
    }
    if (ids.size() > rows_max) break;  // the row reader refuses the selection
    keys.resize(fetch_rows);
    claimants.resize(fetch_rows);
  }
  std::vector<long long> reversed_ids(fetch_rows);
  soci::statement reversed = (database.session().prepare << "SELECT expenditure_id FROM expenditure_reversals",
                              soci::into(reversed_ids));
  reversed.execute();
  while (reversed.fetch() && ids.size() <= rows_max) {
    std::copy_if(reversed_ids.begin(), reversed_ids.end(), std::back_inserter(ids),
                 [&](long long id) { return !is_loaded(id); });
    reversed_ids.resize(fetch_rows);
  }
  return ids;
}

// The rows' columns bound to the reader, `filter` (with `binds` in order)
// before the date bound, `statement_end` after it.
soci::statement prepare_rows(Database& database, RowReader& reader, const std::string& filter,
                             const std::vector<const std::string*>& binds, const std::string& statement_end) {
  soci::statement statement(database.session());
  for (const auto* bound : binds) statement.exchange(soci::use(*bound));
  statement.exchange(soci::use(reader.last_day_));
  auto& columns = reader.columns_;
  statement.exchange(soci::into(columns.ids));
  statement.exchange(soci::into(columns.amounts));
  for (auto* column : {&columns.awards, &columns.units, &columns.dates, &columns.categories, &columns.payee_names,
                       &columns.payee_usccs, &columns.invoice_keys, &columns.reversed_on}) {
    statement.exchange(soci::into(*column));
  }
  statement.alloc();
  statement.prepare(std::string(row_columns) + filter + " e.spent_on <= :last_day" + statement_end);
  statement.define_and_bind();
  return statement;
}

// Reads the rows `filter` (with `binds` in order) selects, dated up to the
// reader's last day, through the reader's way of reading. Given
// `full_awards`, `keep` must refuse every row of another award: on SQLite
// those are read narrow (SteppedRows::add).
template <typename Keep>
Status read_rows(Database& database, RowReader& reader, const std::string& filter,
                 std::vector<const std::string*> binds, const std::string& statement_end, SpendingData& data,
                 Keep keep, const AwardIdSet* full_awards = nullptr) {
  if (reader.native_) {
    binds.push_back(&reader.last_day_);
    SqliteRowCursor cursor(database, std::string(row_columns) + filter + " e.spent_on <= :last_day" + statement_end,
                           binds);
    return reader.read(cursor, data, std::move(keep), full_awards);
  }
  soci::statement statement = prepare_rows(database, reader, filter, binds, statement_end);
  return reader.read(statement, data, std::move(keep));
}

// The selected awards' rows, award by award through expenditures_by_share.
Status read_selected_by_award(Database& database, const std::vector<Award>& awards, RowReader& reader,
                              SpendingData& data) {
  std::string award_id;
  for (const auto& award : awards) {
    award_id = award.award_id;
    // Prepared per award: SOCI 4.0.3 re-executes vector-bound statements
    // wrongly on PostgreSQL (README, Storage).
    const auto read = read_rows(database, reader, "WHERE e.award_id = :award AND", {&award_id},
                                " ORDER BY e.expenditure_id", data,
                                [](std::string_view, std::string_view, long long) { return true; });
    if (!read) return read;
  }
  return success();
}

// The selected awards' rows from one pass over the table, for a selection
// that covers much of it: walking the table in order beats fetching most of
// its rows one index entry at a time (at 1,000,000 rows and a third of them
// selected, about half the time), and the other rows' invoices come with it,
// so the claims need no scan of their own. Rows end in the per-award order
// read_selected_by_award gives. Returns the other rows' ids with invoices.
Result<std::vector<std::pair<long long, std::string>>> read_selected_by_scan(
    Database& database, const std::vector<Award>& awards, const AwardIdSet& selected_awards,
    RowReader& reader, SpendingData& data) {
  std::vector<std::pair<long long, std::string>> others;
  const auto read = read_rows(database, reader, "WHERE", {}, "", data,
                              [&](std::string_view award, std::string_view invoice, long long id) {
    if (selected_awards.contains(award)) return true;
    if (others.size() <= rows_max) others.emplace_back(id, invoice);
    return false;
  }, &selected_awards);
  if (!read) return read.error();
  if (others.size() > rows_max) return Error("bad-option", "more than 50,000,000 expenditures: narrow the selection");
  std::vector<std::size_t> award_rank(data.strings.size(), awards.size());  // by string id
  for (std::size_t rank = 0; rank < awards.size(); ++rank) {
    if (const auto id = data.strings.find(awards[rank].award_id)) award_rank[*id] = rank;
  }
  std::sort(data.rows.begin(), data.rows.end(), [&](const SpendingRow& left, const SpendingRow& right) {
    return std::pair(award_rank[left.award], left.expenditure_id) < std::pair(award_rank[right.award], right.expenditure_id);
  });
  return others;
}

// Whether the selected awards are a sizeable part of all (one in
// scan_award_share_denominator or more): then one pass over the table is cheaper.
bool scan_is_cheaper(Database& database, const std::vector<Award>& awards) {
  long long award_count = 0;
  database.session() << "SELECT COUNT(*) FROM awards", soci::into(award_count);
  return static_cast<long long>(awards.size()) * scan_award_share_denominator >= award_count;
}

// The selected awards' rows first; then the rows of other awards whose
// invoice also appears among them, in expenditure order.
Status load_rows(Database& database, const std::vector<Award>& awards, const Date& to, RowAccess access,
                 RowDriver driver, SpendingData& data) {
  RowReader reader(to, driver == RowDriver::fastest && database.backend() == Backend::sqlite);
  AwardIdSet selected_awards;
  for (const auto& award : awards) selected_awards.insert(award.award_id);
  const bool scan = access == RowAccess::scan ||
                    (access == RowAccess::cheapest && !awards.empty() && scan_is_cheaper(database, awards));
  std::vector<std::pair<long long, std::string>> others;
  if (scan) {
    auto read = read_selected_by_scan(database, awards, selected_awards, reader, data);
    if (!read) return read.error();
    others = std::move(read.value());
  } else if (auto read = read_selected_by_award(database, awards, reader, data); !read) {
    return read;
  }
  std::vector<bool> selected_invoices(data.strings.size(), false);  // by string id: no tree walk per row
  for (const auto& row : data.rows) selected_invoices[row.invoice] = true;
  std::vector<long long> candidates;
  if (scan) {
    for (const auto& [id, invoice] : others) {
      const auto found = data.strings.find(invoice);
      if (found && selected_invoices[*found]) candidates.push_back(id);
    }
  } else {
    candidates = candidate_ids(database, data, selected_invoices);
  }
  std::string candidate_list = json_integer_array(candidates);
  return read_rows(database, reader, "WHERE e.expenditure_id IN " + json_integer_list(database.backend(), "ids") + " AND",
                   {&candidate_list}, " ORDER BY e.expenditure_id", data,
                   [&](std::string_view award, std::string_view invoice, long long) {
    if (selected_awards.contains(award)) return false;
    const auto id = data.strings.find(invoice);
    return id && *id < selected_invoices.size() && selected_invoices[*id];
  });
}

void load_units(Database& database, AnalyticsInput& input) {
  for (const auto& unit : list_units(database)) input.units[unit.unit_id].name = unit.name;
  for (auto& party : list_related_parties(database, "")) input.units[party.unit_id].people.push_back(std::move(party));
}

// Reviews (绩效评估) fall due N years after recognition, then every M years;
// annual reports by a day each year. Both are windows for the spike test.
Status load_deadlines(Database& database, const FundStatement& statement, AnalyticsInput& input) {
  std::map<std::string, Policy> policies;
  for (const auto& award : statement.awards) {
    auto policy = policies.find(award.policy_id);
    if (policy == policies.end()) {
      auto loaded = stored_policy(database, award.policy_id);
      if (!loaded) return loaded.error();
      policy = policies.emplace(award.policy_id, std::move(loaded.value())).first;
    }
    auto& deadlines = input.deadlines[award.award_id];
    const auto recognition = find_recognition(database, award.recognition_id);
    const auto& review = policy->second.review;
    if (recognition && review && review->first_after_years) {
      Date due = recognition->recognized_on.plus_years(*review->first_after_years);
      for (int cycle = 0; cycle < review_cycles_max && due <= statement.selection.to.plus_years(1); ++cycle) {
        deadlines.push_back({due, "绩效评估 " + due.to_string()});
        if (!review->every_years || *review->every_years <= 0) break;
        due = due.plus_years(*review->every_years);
      }
    }
    const auto& reporting = policy->second.reporting;
    if (reporting && reporting->annual_deadline) {
      for (int year = award.effective_on.year(); year <= statement.selection.to.year(); ++year) {
        auto due = Date::parse(std::to_string(year) + "-" + *reporting->annual_deadline);
        if (due && due.value() >= award.effective_on) deadlines.push_back({due.value(), "年度报告 " + due.value().to_string()});
      }
    }
  }
  return success();
}

void load_shares(Database& database, const FundStatement& statement, AnalyticsInput& input) {
  const std::string last_day = statement.selection.to.to_string();
  std::string award_id, unit_id, first_paid;
  soci::indicator first_indicator = soci::i_null;
  soci::statement first_payment =
      (database.session().prepare << "SELECT MIN(paid_on) FROM award_payments WHERE award_id = :award "
                                     "AND unit_id = :unit AND paid_on <= :last_day",
       soci::use(award_id), soci::use(unit_id), soci::use(last_day), soci::into(first_paid, first_indicator));
  for (const auto& share : statement.shares) {
    ShareExecution execution;
    execution.award_id = award_id = share.award_id;
    execution.unit_id = unit_id = share.unit_id;
    first_payment.execute(true);
    if (first_indicator == soci::i_ok) {
      if (auto date = Date::parse(first_paid)) execution.first_paid_on = date.value();
    }
    execution.received = share.received.total() - share.clawed_back.total();
    execution.spent = share.spent.total();
    execution.revoked = award_status_on(database, share.award_id, statement.selection.to) == AwardStatus::revoked;
    input.shares.push_back(std::move(execution));
  }
}

}  // namespace

Result<SpendingData> load_spending_rows(Database& database, const std::vector<Award>& awards, const Date& to,
                                        RowAccess access, RowDriver driver) {
  SpendingData data;
  if (auto rows = load_rows(database, awards, to, access, driver, data); !rows) return rows.error();
  return data;
}

Result<AnalyticsInput> load_analytics_input(Database& database, const FundStatement& statement, SpendingData rows) {
  AnalyticsInput input;
  input.selection = statement.selection;
  input.data = std::move(rows);
  for (const auto& award : statement.awards) {
    auto& units = input.award_units[award.award_id];
    for (const auto& share : award.shares) units.push_back(share.unit_id);
  }
  load_units(database, input);
  if (auto deadlines = load_deadlines(database, statement, input); !deadlines) return deadlines.error();
  load_shares(database, statement, input);
  input.select_rows();
  return input;
}

Result<AnalyticsInput> load_analytics_input(Database& database, const FundStatement& statement) {
  auto rows = load_spending_rows(database, statement.awards, statement.selection.to);
  if (!rows) return rows.error();
  return load_analytics_input(database, statement, std::move(rows.value()));
}

Result<AnalyticsInput> load_analytics_input(Database& database, const ReportSelection& selection) {
  // The rows are read once: the statement (each share's execution) sums them.
  auto awards = selected_awards(database, selection);
  if (!awards) return awards.error();
  auto rows = load_spending_rows(database, awards.value(), selection.to);
  if (!rows) return rows.error();
  auto statement = fund_statement(database, selection, std::move(awards.value()), rows.value());
  if (!statement) return statement.error();
  return load_analytics_input(database, statement.value(), std::move(rows.value()));
}

}  // namespace jiangbu
