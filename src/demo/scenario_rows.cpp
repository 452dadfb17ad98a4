// The expenditure rows of a generated scenario, written in file order while
// following what the import's rules will decide: what is left of each share
// (ordinary spending and the part kept back for planted patterns) and of each
// plan line, and which invoices accepted rows have claimed. A valid row is
// drawn only where it fits; a planted violation is a valid row with one thing
// made wrong, so that it is refused for that one reason.
#include <array>
#include <cstdio>
#include <map>

#include "analytics/holiday_calendar.hpp"
#include "core/reason_code.hpp"
#include "demo/scenario_plan.hpp"
#include "money/money.hpp"

namespace jiangbu {

namespace {

constexpr const char* csv_header =
    "外部编号,奖补编号,单位统一社会信用代码,日期,金额,用途类别,支付方式,收款方,收款方统一社会信用代码,发票代码,发票号码,摘要\n";
constexpr std::size_t output_flush_bytes = 1 << 22;
constexpr std::size_t replay_ring_rows = 256;
constexpr std::size_t claimed_ring_rows = 512;
constexpr std::size_t corrections_max = 1'000;
constexpr int share_attempts_max = 64;
constexpr std::int64_t smallest_row_fen = 1'000;  // 10 元

// Per mille of the rows: sent again, corrected, and each planted violation (about 12.4 % in all).
constexpr std::uint64_t sent_again_per_mille = 10;
constexpr std::uint64_t corrected_per_mille = 5;

enum class Filter { any, xixian, urumqi, planned, unplanned };

struct PlantedViolation {
  ReasonCode code;
  std::uint64_t per_mille;
  Filter filter;  // the shares under whose policy the rule applies
};

constexpr std::array<PlantedViolation, 16> planted_violations = {{
    {ReasonCode::cash_payment, 20, Filter::xixian},          {ReasonCode::retroactive, 8, Filter::xixian},
    {ReasonCode::category_banned, 10, Filter::urumqi},       {ReasonCode::category_not_allowed, 8, Filter::any},
    {ReasonCode::over_plan, 10, Filter::planned},            {ReasonCode::no_plan_filed, 6, Filter::urumqi},
    {ReasonCode::duplicate_invoice, 12, Filter::any},        {ReasonCode::overdrawn, 4, Filter::unplanned},
    {ReasonCode::future_dated, 6, Filter::any},              {ReasonCode::bad_date, 6, Filter::any},
    {ReasonCode::bad_amount, 6, Filter::any},                {ReasonCode::unknown_category, 6, Filter::any},
    {ReasonCode::missing_field, 6, Filter::any},             {ReasonCode::bad_invoice_number, 6, Filter::any},
    {ReasonCode::unknown_award, 5, Filter::any},             {ReasonCode::bad_payee_id, 5, Filter::any},
}};

// What a clerk writes as 摘要, by category code.
const std::map<std::string, std::vector<const char*>>& descriptions() {
  static const std::map<std::string, std::vector<const char*>> table = {
      {"construction-management", {"品牌建设工作会务费", "品牌建设管理咨询费", "品牌档案整理服务费"}},
      {"standard-setting", {"服务标准编制咨询费", "标准文本印制费", "标准评审专家咨询费"}},
      {"promotion", {"宣传画册印制费", "短视频拍摄制作费", "户外广告发布费", "宣传折页印刷费", "新媒体推广服务费"}},
      {"training-organisation", {"技能培训场地租赁费", "培训学员食宿费", "实训耗材采购"}},
      {"course-development", {"培训课程开发费", "教材编写费", "课件制作费"}},
      {"follow-up-services", {"输出人员跟踪回访费", "务工人员权益维护服务费", "岗位对接服务费"}},
      {"cultivation-development", {"品牌培育咨询服务费", "技能培训组织费", "实训设备采购"}},
      {"growth-upgrading", {"品牌提升规划编制费", "服务质量认证费", "骨干人员研修费"}},
      {"exchange-exhibition", {"展会展位费", "技能大赛组织费", "交流活动会务费"}},
      {"training-equipment-materials", {"实训设备购置费", "设备维护保养费", "实训原材料采购"}},
      {"curriculum-textbooks", {"培训教材购置费", "课程开发费", "教具采购"}},
      {"trainer-hiring", {"外聘讲师课酬", "培训教师劳务费"}},
      {"trainer-development", {"师资提升培训费", "教师进修培训费"}},
      {"training-venue-upgrade", {"实训场地改造工程款", "培训教室装修费"}},
      {"brand-management-promotion", {"品牌宣传推广费", "品牌管理咨询费"}},
      {"collaborative-training-projects", {"协同培训项目开发费", "培训组织服务费"}},
      {"employment-services", {"就业服务活动费", "招聘会组织费", "劳务输出对接服务费"}},
  };
  return table;
}

constexpr std::array<const char*, 3> lecturer_descriptions = {"讲课费", "培训劳务费", "评审专家咨询费"};
constexpr std::array<const char*, 6> unknown_categories = {"节日慰问品", "员工旅游费", "购置公务车辆", "礼品采购", "职工体检费", "办公楼装修"};

// Every day the scenario can date a row, as text, and the working and rest days among them.
class DayTable {
 public:
  DayTable() {
    const auto& calendar = HolidayCalendar::embedded();
    first_day_ = Date::from_parts(2023, 12, 1).days_since_epoch();
    const int last_day = Date::from_parts(2026, 3, 31).days_since_epoch();
    for (int day = first_day_; day <= last_day; ++day) {
      const Date date = Date::from_days(std::chrono::sys_days(std::chrono::days(day)));
      texts_.push_back(date.to_string());
      (calendar.is_rest_day(date) ? rest : working).push_back(day);
    }
  }
  [[nodiscard]] const std::string& text(int day) const { return texts_.at(static_cast<std::size_t>(day - first_day_)); }
  // Indices [begin, end) into `days` of the days from first to last.
  static std::pair<std::size_t, std::size_t> between(const std::vector<int>& days, const Date& first, const Date& last) {
    const auto begin = std::lower_bound(days.begin(), days.end(), first.days_since_epoch());
    const auto end = std::upper_bound(days.begin(), days.end(), last.days_since_epoch());
    return {static_cast<std::size_t>(begin - days.begin()), static_cast<std::size_t>(std::max(begin, end) - days.begin())};
  }
  std::vector<int> working;
  std::vector<int> rest;

 private:
  int first_day_ = 0;
  std::vector<std::string> texts_;
};

// Amounts whose leading digits follow Benford's law: log-uniform over whole
// decades. The three leading digits m (100–999) are drawn with weight
// proportional to 1/(2m+1) ≈ log10((m+1)/m) — integers only, so the draw is
// the same on every machine — and the digits after them uniformly.
class AmountDrawer {
 public:
  AmountDrawer() {
    std::uint64_t total = 0;
    for (std::uint64_t leading = 100; leading <= 999; ++leading) {
      total += (std::uint64_t{1} << 40) / (2 * leading + 1);
      cumulative_.push_back(total);
    }
  }
  // 10.00–999.99 元 nearly always; 3 in 1,000 rows 1,000–49,999.99 元.
  std::int64_t draw(SeededRandom& random, bool allow_large) const {
    int decade = random.per_mille(500) ? 1 : 2;  // 10^decade 元 up to 10^(decade+1)
    if (allow_large && random.per_mille(3)) decade = random.per_mille(700) ? 3 : 4;
    const std::uint64_t leading = pick_leading(random, decade == 4 ? 499 : 999);
    std::int64_t scale = 1;
    for (int step = 0; step < decade; ++step) scale *= 10;
    std::int64_t fen = static_cast<std::int64_t>(leading) * scale + static_cast<std::int64_t>(random.below(static_cast<std::uint64_t>(scale)));
    if (random.per_mille(decade >= 3 ? 600 : 400)) fen -= fen % 100;  // whole yuan, as many invoices are
    return fen;
  }

 private:
  std::uint64_t pick_leading(SeededRandom& random, std::uint64_t leading_max) const {
    const std::uint64_t target = random.below(cumulative_[leading_max - 100]);
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    return 100 + static_cast<std::uint64_t>(found - cumulative_.begin());
  }
  std::vector<std::uint64_t> cumulative_;
};

void append_amount(std::string& out, std::int64_t fen) {
  out += std::to_string(fen / 100);
  out += '.';
  out += static_cast<char>('0' + fen % 100 / 10);
  out += static_cast<char>('0' + fen % 10);
}

std::string amount_text(std::int64_t fen) {
  std::string text;
  append_amount(text, fen);
  return text;
}

void append_csv_field(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (const char character : field) {
    if (character == '"') out += '"';
    out += character;
  }
  out += '"';
}

std::string zero_padded(std::uint64_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

enum Column : std::size_t {
  external_id, award_id, unit_id, date, amount, category, method, payee, payee_uscc, invoice_code, invoice_number,
  description, column_count
};

struct Row {
  std::array<std::string, column_count> fields;
};

struct Draft {
  std::size_t share = 0;
  std::int64_t amount_fen = 0;
  std::ptrdiff_t line = -1;  // plan line, or -1
};

struct Claimed {
  std::string invoice_code;
  std::string invoice_number;
  std::string payee;
  std::string payee_uscc;
  std::size_t unit = 0;
};

struct ShareState {
  std::int64_t ordinary_left_fen = 0;
  std::int64_t reserve_left_fen = 0;
  std::vector<std::int64_t> line_left_fen;
  std::size_t serial = 0;
  std::pair<std::size_t, std::size_t> working;  // ordinary spending days
};

struct WeightedShares {
  std::vector<std::size_t> shares;
  std::vector<std::uint64_t> cumulative;
};

class RowWriter {
 public:
  RowWriter(const ScenarioPlan& plan, std::FILE* file);
  Result<ScenarioManifest> run();

 private:
  Status ordinary_row();
  Status valid_row();
  bool violation_row(const PlantedViolation& violation);
  bool corrected_row();
  bool job(const PatternJob& job);
  std::size_t pick_share(Filter filter);
  bool draft_valid(std::size_t share_index, Row& row, Draft& draft);
  void fill(std::size_t share_index, Row& row, int day, std::int64_t amount_fen, std::size_t category,
            const Party& payee);
  void set_invoice(Row& row, const Party& payee, int day);
  void commit(const Row& row, const Draft& draft, bool from_reserve);
  void write(const Row& row, bool replayable);
  void flush();
  bool planted(const PatternJob& job, int day, std::int64_t amount_fen, const Party& payee, PlantedPattern& record);
  std::size_t any_category(const PlannedShare& share);
  const std::string& category_text(const PlannedShare& share, std::size_t category);

  const ScenarioPlan& plan_;
  std::FILE* file_;
  SeededRandom random_;
  DayTable days_;
  AmountDrawer amounts_;
  std::vector<ShareState> states_;
  std::array<WeightedShares, 5> filters_;
  std::pair<std::size_t, std::size_t> december_;  // working days of December 2025
  std::pair<std::size_t, std::size_t> future_;    // working days after scenario_today
  int first_december_day_ = Date::from_parts(2024, 12, 1).days_since_epoch();
  std::string out_;
  std::string line_;
  std::vector<std::string> replay_ring_;
  std::size_t replay_count_ = 0;
  std::vector<Claimed> claimed_ring_;
  std::size_t claimed_count_ = 0;
  std::vector<std::pair<Row, Draft>> corrections_;
  std::uint64_t invoice_serial_ = 0;
  std::uint64_t legacy_serial_ = 0;
  std::size_t written_ = 0;
  ScenarioManifest manifest_;
  Row row_;  // reused: its strings keep their capacity from row to row
  Draft draft_;
};

RowWriter::RowWriter(const ScenarioPlan& plan, std::FILE* file)
    : plan_(plan), file_(file), random_(plan.shape.seed ^ 0x9e3779b97f4a7c15ULL), replay_ring_(replay_ring_rows),
      claimed_ring_(claimed_ring_rows) {
  const Date last = Date::parse(scenario_today).value();
  december_ = DayTable::between(days_.working, Date::from_parts(2025, 12, 1), last);
  future_ = DayTable::between(days_.working, Date::from_parts(2026, 1, 5), Date::from_parts(2026, 3, 31));
  for (std::size_t index = 0; index < plan.shares.size(); ++index) {
    const PlannedShare& share = plan.shares[index];
    ShareState state;
    state.ordinary_left_fen = share.amount_fen - share.reserved_fen;
    state.reserve_left_fen = share.reserved_fen;
    for (const auto& line : share.plan_lines) state.line_left_fen.push_back(line.amount_fen);
    state.working = DayTable::between(days_.working, share.spending_from, last);
    const bool has_days = state.working.first < state.working.second;
    states_.push_back(std::move(state));
    if (share.role == ShareRole::idle || !has_days) continue;
    const Filter filters[] = {Filter::any, Filter::xixian, Filter::urumqi, Filter::planned, Filter::unplanned};
    const std::size_t policy = plan.awards[share.award].policy;
    const bool applies[] = {true, policy == 0, policy == 2, !share.plan_lines.empty(), share.plan_lines.empty()};
    for (std::size_t filter = 0; filter < std::size(filters); ++filter) {
      if (!applies[filter]) continue;
      auto& weighted = filters_[filter];
      const std::uint64_t before = weighted.cumulative.empty() ? 0 : weighted.cumulative.back();
      weighted.shares.push_back(index);
      weighted.cumulative.push_back(before + static_cast<std::uint64_t>(share.amount_fen / 100));
    }
  }
  manifest_.shape = plan.shape;
  manifest_.units = plan.units.size();
  manifest_.awards = plan.awards.size();
  manifest_.shares = plan.shares.size();
  manifest_.payees = plan.payees.size();
  out_.reserve(output_flush_bytes + 4096);
}

// Shares are picked in proportion to their amount, so spending follows the money.
std::size_t RowWriter::pick_share(Filter filter) {
  const auto& weighted = filters_[static_cast<std::size_t>(filter)];
  if (weighted.shares.empty()) return plan_.shares.size();
  const std::uint64_t target = random_.below(weighted.cumulative.back());
  const auto found = std::upper_bound(weighted.cumulative.begin(), weighted.cumulative.end(), target);
  return weighted.shares[static_cast<std::size_t>(found - weighted.cumulative.begin())];
}

std::size_t RowWriter::any_category(const PlannedShare& share) {
  if (!share.plan_lines.empty()) return share.plan_lines[random_.below(share.plan_lines.size())].category;
  std::uint64_t total = 0;
  for (const auto weight : share.category_weights) total += weight;
  std::uint64_t target = random_.below(total);
  for (std::size_t index = 0; index < share.categories.size(); ++index) {
    if (target < share.category_weights[index]) return share.categories[index];
    target -= share.category_weights[index];
  }
  return share.categories.front();
}

// Clerks mostly write the category's Chinese name, sometimes its code.
const std::string& RowWriter::category_text(const PlannedShare& share, std::size_t category) {
  const auto& allowed = plan_.policies[plan_.awards[share.award].policy].allowed_categories[category];
  return random_.per_mille(150) ? allowed.code : allowed.name;
}

void RowWriter::set_invoice(Row& row, const Party& payee, int day) {
  const std::string& text = days_.text(day);
  const std::string year = text.substr(2, 2);
  // Paper-era invoices (发票代码 + 8-digit 号码) fade out as 数电发票 take over.
  const bool legacy = random_.per_mille(text[3] == '4' ? 150 : 30);
  if (legacy) {
    const std::uint64_t serial = legacy_serial_++;
    row.fields[invoice_code] = "0" + payee.legacy_region + year + "1" + zero_padded(1 + random_.below(99), 2) + "04";
    // A bijection of the serial on 10^8: unique numbers that do not look sequential.
    row.fields[invoice_number] = zero_padded((serial * 7'654'321 + 38'917'451) % 100'000'000, 8);
    return;
  }
  // A bijection of the serial on 10^15 (the multiplier is prime to 10), in 128 bits.
  __extension__ using Wide = unsigned __int128;
  const Wide scrambled = (static_cast<Wide>(invoice_serial_++) * 738'219'646'713'571U + 318'274'905'561'237U) %
                         1'000'000'000'000'000U;
  row.fields[invoice_code].clear();
  row.fields[invoice_number] = year + payee.invoice_region + "1" + zero_padded(static_cast<std::uint64_t>(scrambled), 15);
}

void RowWriter::fill(std::size_t share_index, Row& row, int day, std::int64_t amount_fen, std::size_t category,
                     const Party& payee) {
  const PlannedShare& share = plan_.shares[share_index];
  ShareState& state = states_[share_index];
  const std::string& award = plan_.awards[share.award].grant.award_id;
  row.fields[external_id] = award + "-" + zero_padded(++state.serial, 5);
  row.fields[award_id] = award;
  row.fields[unit_id] = plan_.units[share.unit].input.uscc;
  row.fields[date] = days_.text(day);
  row.fields[amount] = amount_text(amount_fen);
  row.fields[Column::category] = category_text(share, category);
  row.fields[Column::payee] = payee.name;
  row.fields[payee_uscc] = payee.uscc;
  const std::uint64_t method_roll = random_.below(100);
  row.fields[method] = payee.uscc.empty() || method_roll < 70 ? "银行转账" : method_roll < 90 ? "公务卡" : "网上支付";
  const auto& allowed = plan_.policies[plan_.awards[share.award].policy].allowed_categories[category];
  const auto phrases = descriptions().find(allowed.code);
  row.fields[description] = payee.uscc.empty() ? random_.pick(lecturer_descriptions)
                            : phrases == descriptions().end() ? allowed.name
                                                              : random_.pick(phrases->second);
  set_invoice(row, payee, day);
}

// A row the rules accept, if the share has room for one; nothing is booked yet.
bool RowWriter::draft_valid(std::size_t share_index, Row& row, Draft& draft) {
  const PlannedShare& share = plan_.shares[share_index];
  ShareState& state = states_[share_index];
  draft = {share_index, 0, -1};
  std::int64_t limit = state.ordinary_left_fen;
  std::size_t category = 0;
  if (share.plan_lines.empty()) {
    category = any_category(share);
  } else {
    draft.line = static_cast<std::ptrdiff_t>(random_.below(share.plan_lines.size()));
    category = share.plan_lines[static_cast<std::size_t>(draft.line)].category;
    limit = std::min(limit, state.line_left_fen[static_cast<std::size_t>(draft.line)]);
  }
  if (limit < smallest_row_fen || state.working.first >= state.working.second) return false;
  std::int64_t amount_fen = amounts_.draw(random_, true);
  if (amount_fen > limit) amount_fen = amounts_.draw(random_, false);
  for (int halving = 0; halving < 8 && amount_fen > limit; ++halving) amount_fen /= 2;
  draft.amount_fen = std::max<std::int64_t>(1, std::min(amount_fen, limit));
  const bool december = share.role == ShareRole::spike && random_.per_mille(700);
  const auto& range = december ? december_ : state.working;
  int day = days_.working[range.first + random_.below(range.second - range.first)];
  // Half of the first December's ordinary spending moves elsewhere: a share
  // paid in the autumn would otherwise show a year-end rush it never had
  // (the spike test compares December with the calendar year).
  if (!december && day >= first_december_day_ && day <= first_december_day_ + 30 && random_.per_mille(500)) {
    day = days_.working[range.first + random_.below(range.second - range.first)];
  }
  const bool favoured = share.role == ShareRole::concentrated && random_.per_mille(750);
  const Party& payee = plan_.payees[favoured ? share.payees.front() : random_.pick(share.payees)];
  fill(share_index, row, day, draft.amount_fen, category, payee);
  return true;
}

void RowWriter::commit(const Row& row, const Draft& draft, bool from_reserve) {
  ShareState& state = states_[draft.share];
  (from_reserve ? state.reserve_left_fen : state.ordinary_left_fen) -= draft.amount_fen;
  if (draft.line >= 0) state.line_left_fen[static_cast<std::size_t>(draft.line)] -= draft.amount_fen;
  Claimed& claimed = claimed_ring_[claimed_count_++ % claimed_ring_rows];
  claimed.invoice_code = row.fields[invoice_code];
  claimed.invoice_number = row.fields[invoice_number];
  claimed.payee = row.fields[payee];
  claimed.payee_uscc = row.fields[payee_uscc];
  claimed.unit = plan_.shares[draft.share].unit;
}

void RowWriter::write(const Row& row, bool replayable) {
  line_.clear();
  for (std::size_t column = 0; column < column_count; ++column) {
    if (column > 0) line_ += ',';
    append_csv_field(line_, row.fields[column]);
  }
  line_ += '\n';
  out_ += line_;
  if (replayable) replay_ring_[replay_count_++ % replay_ring_rows] = line_;
  ++written_;
  if (out_.size() >= output_flush_bytes) flush();
}

void RowWriter::flush() {
  if (!out_.empty()) std::fwrite(out_.data(), 1, out_.size(), file_);
  out_.clear();
}

Status RowWriter::valid_row() {
  Row& row = row_;
  Draft& draft = draft_;
  for (int attempt = 0; attempt < share_attempts_max; ++attempt) {
    const std::size_t share = pick_share(Filter::any);
    if (share < plan_.shares.size() && draft_valid(share, row, draft)) {
      commit(row, draft, false);
      write(row, true);
      ++manifest_.rows["valid"];
      return success();
    }
  }
  // Nearly every share is spent: look for any with room left.
  for (const auto share : filters_[0].shares) {
    if (draft_valid(share, row, draft)) {
      commit(row, draft, false);
      write(row, true);
      ++manifest_.rows["valid"];
      return success();
    }
  }
  return make_error(ReasonCode::bad_option, "every share is spent before row " + std::to_string(written_ + 1) +
                                                ": more --units are needed for this many expenditures", "units");
}


// One thing made wrong in an otherwise valid row.
bool RowWriter::violation_row(const PlantedViolation& violation) {
  Row& row = row_;
  Draft& draft = draft_;
  bool drafted = false;
  for (int attempt = 0; attempt < share_attempts_max / 4 && !drafted; ++attempt) {
    const std::size_t share = pick_share(violation.filter);
    drafted = share < plan_.shares.size() && draft_valid(share, row, draft);
  }
  if (!drafted) return false;
  const PlannedShare& share = plan_.shares[draft.share];
  const Policy& policy = plan_.policies[plan_.awards[share.award].policy];
  bool correctable = false;
  Row corrected = row;
  switch (violation.code) {
    case ReasonCode::cash_payment:
      row.fields[method] = "现金";
      correctable = true;
      break;
    case ReasonCode::retroactive: {
      // Spent before the award took effect (西咸 二(五)3 forbids going back).
      const auto range = DayTable::between(days_.working, share.effective_on.plus_days(-90), share.effective_on.plus_days(-1));
      if (range.first >= range.second) return false;
      row.fields[date] = days_.text(days_.working[range.first + random_.below(range.second - range.first)]);
      break;
    }
    case ReasonCode::category_banned: {
      if (policy.banned_categories.empty()) return false;
      row.fields[category] = random_.pick(policy.banned_categories).name;
      row.fields[description] = row.fields[category];
      break;
    }
    case ReasonCode::category_not_allowed: {
      // Another paying policy's use that this one does not name.
      std::vector<const std::string*> foreign;
      for (const auto& other : plan_.policies) {
        for (const auto& allowed : other.allowed_categories) {
          if (!policy.find_allowed(allowed.name) && !policy.find_banned(allowed.name)) foreign.push_back(&allowed.name);
        }
      }
      if (foreign.empty()) return false;
      row.fields[category] = *random_.pick(foreign);
      row.fields[description] = row.fields[category];
      break;
    }
    case ReasonCode::over_plan: {
      // An allowed use the plan gives nothing to.
      std::vector<const AllowedCategory*> unplanned;
      for (std::size_t index = 0; index < policy.allowed_categories.size(); ++index) {
        const bool in_plan = std::any_of(share.plan_lines.begin(), share.plan_lines.end(),
                                         [&](const PlannedLine& line) { return line.category == index; });
        if (!in_plan) unplanned.push_back(&policy.allowed_categories[index]);
      }
      if (unplanned.empty()) return false;
      const AllowedCategory& chosen = *random_.pick(unplanned);
      row.fields[category] = chosen.name;
      const auto phrases = descriptions().find(chosen.code);
      if (phrases != descriptions().end()) row.fields[description] = random_.pick(phrases->second);
      break;
    }
    case ReasonCode::no_plan_filed: {
      // 乌鲁木齐 四: nothing may be spent before the plan is filed.
      if (!share.plan_filed_on) return false;
      const auto range = DayTable::between(days_.working, share.effective_on, share.plan_filed_on->plus_days(-1));
      if (range.first >= range.second) return false;
      row.fields[date] = days_.text(days_.working[range.first + random_.below(range.second - range.first)]);
      break;
    }
    case ReasonCode::duplicate_invoice: {
      if (claimed_count_ == 0) return false;
      const Claimed& earlier = claimed_ring_[random_.below(std::min(claimed_count_, claimed_ring_rows))];
      row.fields[invoice_code] = earlier.invoice_code;
      row.fields[invoice_number] = earlier.invoice_number;
      row.fields[payee] = earlier.payee;
      row.fields[payee_uscc] = earlier.payee_uscc;
      break;
    }
    case ReasonCode::overdrawn:
      // More than the whole share: an equipment purchase the award cannot carry.
      row.fields[amount] = amount_text(share.amount_fen + random_.between(1'000'000, 10'000'000));
      break;
    case ReasonCode::future_dated:
      row.fields[date] = days_.text(days_.working[future_.first + random_.below(future_.second - future_.first)]);
      break;
    case ReasonCode::bad_date: {
      const std::array<const char*, 6> typos = {"2025-02-30", "2024-13-05", "2025/03/18", "2025-6-5", "20250318", "2024-11-31"};
      row.fields[date] = random_.pick(typos);
      correctable = true;
      break;
    }
    case ReasonCode::bad_amount: {
      const std::uint64_t variant = random_.below(4);
      const std::string written = row.fields[amount];
      row.fields[amount] = variant == 0 ? written + "6" : variant == 1 ? "-" + written : variant == 2 ? "0.00" : written + "元元";
      break;
    }
    case ReasonCode::unknown_category:
      row.fields[category] = random_.pick(unknown_categories);
      row.fields[description] = row.fields[category];
      break;
    case ReasonCode::missing_field: {
      const std::uint64_t variant = random_.below(4);
      const Column emptied = variant == 0 ? payee : variant == 1 ? method : variant == 2 ? category : invoice_number;
      if (emptied == invoice_number) row.fields[invoice_code].clear();
      row.fields[emptied].clear();
      correctable = emptied == payee;
      break;
    }
    case ReasonCode::bad_invoice_number: {
      std::string& number = row.fields[invoice_number];
      const std::uint64_t variant = random_.below(3);
      if (variant == 0) {
        number.pop_back();  // a digit short
      } else if (variant == 1) {
        number[number.size() / 2] = 'O';  // a letter O for a zero
      } else {
        row.fields[invoice_code] = "0" + number.substr(0, 10);  // an 11-digit 发票代码
      }
      break;
    }
    case ReasonCode::unknown_award: {
      // The year mistyped: no such award.
      std::string& award = row.fields[award_id];
      award.replace(award.find("2024"), 4, "2023");
      break;
    }
    case ReasonCode::bad_payee_id: {
      if (row.fields[payee_uscc].empty()) {
        const Party& company = plan_.payees[share.payees.front()];
        row.fields[payee] = company.name;
        row.fields[payee_uscc] = company.uscc;
      }
      char& check = row.fields[payee_uscc].back();
      check = check == '0' ? '1' : '0';  // a check character that does not match
      break;
    }
    default: return false;
  }
  write(row, !correctable);
  ++manifest_.rows[std::string(reason_code_name(violation.code))];
  if (correctable && corrections_.size() < corrections_max && random_.per_mille(400)) {
    corrections_.emplace_back(std::move(corrected), draft);
  }
  return true;
}

// A rejected row sent again with the mistake fixed: judged afresh, accepted.
bool RowWriter::corrected_row() {
  for (int attempt = 0; attempt < 4 && !corrections_.empty(); ++attempt) {
    auto [row, draft] = std::move(corrections_.back());
    corrections_.pop_back();
    const ShareState& state = states_[draft.share];
    const bool fits = draft.amount_fen <= state.ordinary_left_fen &&
                      (draft.line < 0 || draft.amount_fen <= state.line_left_fen[static_cast<std::size_t>(draft.line)]);
    if (!fits) continue;
    commit(row, draft, false);
    write(row, false);
    ++manifest_.rows["corrected"];
    return true;
  }
  return false;
}

Status RowWriter::ordinary_row() {
  const std::uint64_t roll = random_.below(1000);
  if (roll < sent_again_per_mille && replay_count_ > 0) {
    out_ += replay_ring_[random_.below(std::min(replay_count_, replay_ring_rows))];
    ++written_;
    ++manifest_.rows["sent-again"];
    return success();
  }
  if (roll < sent_again_per_mille + corrected_per_mille) {
    if (roll >= sent_again_per_mille && corrected_row()) return success();
    return valid_row();
  }
  std::uint64_t band = roll - sent_again_per_mille - corrected_per_mille;
  for (const auto& violation : planted_violations) {
    if (band < violation.per_mille) {
      if (violation_row(violation)) return success();
      break;
    }
    band -= violation.per_mille;
  }
  return valid_row();
}


// A planted row the rules accept, taken from the share's reserve (then its ordinary part).
bool RowWriter::planted(const PatternJob& job, int day, std::int64_t amount_fen, const Party& payee,
                        PlantedPattern& record) {
  const PlannedShare& share = plan_.shares[job.share];
  ShareState& state = states_[job.share];
  const bool from_reserve = amount_fen <= state.reserve_left_fen;
  if (!from_reserve && amount_fen > state.ordinary_left_fen) return false;
  fill(job.share, row_, day, amount_fen, any_category(share), payee);
  commit(row_, {job.share, amount_fen, -1}, from_reserve);
  write(row_, true);
  ++manifest_.rows["valid"];
  record.external_ids.push_back(row_.fields[external_id]);
  return true;
}

std::int64_t not_round(SeededRandom& random, std::int64_t fen) {
  return fen - fen % 100'000 + random.between(1, 99'999);  // off any whole thousand
}

// Writes a planted pattern's rows; false when it cannot be written yet.
bool RowWriter::job(const PatternJob& job) {
  const PlannedShare& share = plan_.shares[job.share];
  const ShareState& state = states_[job.share];
  PlantedPattern record{plan_.units[share.unit].input.uscc, plan_.awards[share.award].grant.award_id, {}};
  if (written_ + pattern_rows(job.kind) > plan_.shape.expenditures) return false;
  const auto& working = state.working;
  if (pattern_rows(job.kind) > 0 && working.second - working.first < 10) return false;
  const auto random_day = [&] { return days_.working[working.first + random_.below(working.second - working.first)]; };
  const Party& supplier = plan_.payees[job.original_payee];
  switch (job.kind) {
    case PatternKind::split_payments: {
      // One purchase over 50,000 元 paid in three parts within a week.
      std::size_t start = working.first + random_.below(working.second - working.first - 3);
      for (int attempt = 0; attempt < 20 && days_.working[start + 2] - days_.working[start] > 6; ++attempt) {
        start = working.first + random_.below(working.second - working.first - 3);
      }
      const std::int64_t total = random_.between(5'400'000, 6'200'000);
      const std::int64_t first = not_round(random_, total * random_.between(30, 37) / 100);
      const std::int64_t second = not_round(random_, total * random_.between(30, 37) / 100);
      const std::array<std::int64_t, 3> parts = {first, second, not_round(random_, total - first - second)};
      for (std::size_t part = 0; part < parts.size(); ++part) {
        if (!planted(job, days_.working[start + part], parts[part], supplier, record)) return false;
      }
      break;
    }
    case PatternKind::round_amounts:
      // Whole thousands, again and again: estimates, not invoices.
      for (std::size_t row = 0; row < pattern_rows(job.kind); ++row) {
        if (!planted(job, random_day(), random_.between(1, 5) * 100'000, plan_.payees[random_.pick(share.payees)], record)) {
          return false;
        }
      }
      break;
    case PatternKind::rest_days: {
      const auto range = DayTable::between(days_.rest, share.spending_from, Date::parse(scenario_today).value());
      if (range.second - range.first < pattern_rows(job.kind)) return false;
      for (std::size_t row = 0; row < pattern_rows(job.kind); ++row) {
        const int day = days_.rest[range.first + random_.below(range.second - range.first)];
        if (!planted(job, day, amounts_.draw(random_, false), plan_.payees[random_.pick(share.payees)], record)) return false;
      }
      break;
    }
    case PatternKind::related_parties: {
      // The unit's own 法定代表人 paid as a lecturer.
      const Party person{plan_.units[share.unit].legal_representative, "", supplier.invoice_region, supplier.legacy_region, 0};
      for (std::size_t row = 0; row < pattern_rows(job.kind); ++row) {
        if (!planted(job, random_day(), amounts_.draw(random_, false), person, record)) return false;
      }
      break;
    }
    case PatternKind::near_duplicate_payees:
      if (!planted(job, random_day(), amounts_.draw(random_, false), supplier, record)) return false;
      if (!planted(job, random_day(), amounts_.draw(random_, false), job.look_alike, record)) return false;
      break;
    case PatternKind::duplicate_invoices: {
      // An invoice another unit claimed, booked again under another seller's code.
      const std::size_t held = std::min(claimed_count_, claimed_ring_rows);
      const Claimed* earlier = nullptr;
      for (std::size_t index = 0; index < held && earlier == nullptr; ++index) {
        const Claimed& candidate = claimed_ring_[index];
        if (candidate.unit != share.unit && candidate.payee_uscc != supplier.uscc) earlier = &candidate;
      }
      if (earlier == nullptr) return false;
      const std::string code = earlier->invoice_code;
      const std::string number = earlier->invoice_number;
      const std::int64_t amount_fen = amounts_.draw(random_, false);
      if (amount_fen > states_[job.share].reserve_left_fen) return false;
      fill(job.share, row_, random_day(), amount_fen, any_category(share), supplier);
      row_.fields[invoice_code] = code;
      row_.fields[invoice_number] = number;
      commit(row_, {job.share, amount_fen, -1}, true);
      write(row_, true);
      ++manifest_.rows["valid"];
      record.external_ids.push_back(row_.fields[external_id]);
      break;
    }
    case PatternKind::idle_funds:
      // Hardly touched: a couple of small payments in two years.
      for (std::size_t row = 0; row < pattern_rows(job.kind); ++row) {
        if (!planted(job, random_day(), amounts_.draw(random_, false), plan_.payees[random_.pick(share.payees)], record)) {
          return false;
        }
      }
      break;
    case PatternKind::spending_spikes:
    case PatternKind::payee_concentration: break;  // in how the share's ordinary rows are drawn
  }
  manifest_.patterns[std::string(pattern_key(job.kind))].push_back(std::move(record));
  return true;
}

Result<ScenarioManifest> RowWriter::run() {
  out_ += csv_header;
  std::size_t next_job = 0;
  for (std::size_t guard = 0; written_ < plan_.shape.expenditures && guard < 4 * plan_.shape.expenditures + 100; ++guard) {
    if (next_job < plan_.jobs.size() && written_ >= plan_.jobs[next_job].position) {
      const bool written = job(plan_.jobs[next_job]);
      // A job that cannot go in now waits for the next row; one that never can is dropped at the end.
      if (written || written_ + 1 >= plan_.shape.expenditures) ++next_job;
      if (written) continue;
    }
    if (auto row = ordinary_row(); !row) return row.error();
  }
  flush();
  if (std::fflush(file_) != 0 || std::ferror(file_)) {
    return make_error(ReasonCode::cannot_write_output, "cannot write the expenditure file", "out");
  }
  for (const char* kind : {"valid", "sent-again", "corrected"}) manifest_.rows.try_emplace(kind, 0);
  for (const auto& violation : planted_violations) manifest_.rows.try_emplace(std::string(reason_code_name(violation.code)), 0);
  return manifest_;
}

}  // namespace

Result<ScenarioManifest> write_scenario_rows(const ScenarioPlan& plan, const std::filesystem::path& csv_path) {
  std::FILE* file = std::fopen(csv_path.c_str(), "wb");
  if (file == nullptr) {
    return make_error(ReasonCode::cannot_write_output, "cannot open " + csv_path.string() + " for writing", "out");
  }
  RowWriter writer(plan, file);
  auto manifest = writer.run();
  if (std::fclose(file) != 0 && manifest) {
    return make_error(ReasonCode::cannot_write_output, "cannot close " + csv_path.string(), "out");
  }
  return manifest;
}

}  // namespace jiangbu
