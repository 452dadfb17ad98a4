// Planning a generated scenario: who the lead units are, which brands were
// recognised at which tier under which policy, what each award pays whom and
// when, the fund-use plans, the suppliers each share buys from, and which
// shares carry the planted analytics patterns.
#include "demo/scenario_plan.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "analytics/holiday_calendar.hpp"
#include "core/reason_code.hpp"
#include "policy/policy_loader.hpp"

namespace jiangbu {

namespace {

constexpr std::size_t xixian = 0;
constexpr std::size_t qijiang = 1;
constexpr std::size_t urumqi = 2;
constexpr std::array<const char*, 3> policy_ids = {"xixian-2024", "qijiang-2023", "urumqi-2024"};
constexpr std::array<const char*, 3> award_prefixes = {"XX", "QJ", "WL"};
constexpr std::int64_t fen_per_yuan = 100;

// Lead units: shares of the scenario's units per policy, in percent.
constexpr std::size_t xixian_unit_percent = 45;
constexpr std::size_t qijiang_unit_percent = 25;

struct BrandWords {
  std::array<const char*, 8> places;
  std::array<const char*, 8> trades;
};

constexpr std::array<BrandWords, 3> brand_words = {{
    {{"秦嫂", "西咸", "沣西", "秦创", "泾河", "空港", "沣东", "秦汉"},
     {"家政员", "育婴师", "电子装配工", "面点师", "养老护理员", "电工", "保洁师", "茶艺师"}},
    {{"綦江", "古剑山", "东溪", "綦河", "三角", "永城", "赶水", "打通"},
     {"版画工匠", "家政嫂", "石工", "焊工", "厨师", "月嫂", "茶艺师", "建筑工"}},
    {{"天山", "新疆", "乌鲁木齐", "红山", "达坂城", "米东", "水磨沟", "丝路"},
     {"建工", "手抓饭师傅", "刺绣工", "馕师傅", "家政员", "电焊工", "育婴师", "纺织工"}},
}};

Date working_day_from(Date date) {
  const auto& calendar = HolidayCalendar::embedded();
  for (int shift = 0; shift < 20 && calendar.is_rest_day(date); ++shift) date = date.plus_days(1);
  return date;
}

std::string serial(std::size_t number, std::size_t width) {
  std::string digits = std::to_string(number);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}

Result<std::vector<Policy>> paying_policies() {
  auto bundled = bundled_policies();
  if (!bundled) return bundled.error();
  std::vector<Policy> policies;
  for (const char* id : policy_ids) {
    const auto found = std::find_if(bundled.value().begin(), bundled.value().end(),
                                    [&](const Policy& policy) { return policy.policy_id == id; });
    if (found == bundled.value().end()) return make_error(ReasonCode::unknown_policy, std::string("no bundled policy ") + id);
    policies.push_back(*found);
  }
  return policies;
}

class Planner {
 public:
  Planner(ScenarioPlan& plan) : plan_(plan), random_(plan.shape.seed), names_(random_) {}

  Status run();

 private:
  void plan_units();
  void plan_awards();
  void plan_award(std::size_t policy, const std::vector<std::size_t>& units);
  Tier draw_tier(std::size_t policy);
  void plan_payments(std::size_t award, const Date& paid_on);
  void plan_spending(PlannedShare& share, std::size_t policy, const Date& first_paid_on);
  void plan_payees();
  void plan_pools();
  void plan_patterns();
  std::size_t assign(PatternKind kind, std::size_t count, std::int64_t reserve_fen);

  ScenarioPlan& plan_;
  SeededRandom random_;
  NameBook names_;
  std::array<std::size_t, 3> award_counts_{};
  std::set<std::string> brand_names_;
  std::vector<std::uint32_t> companies_by_area_[4];
  std::vector<std::uint32_t> people_by_area_[4];
};

Status Planner::run() {
  auto policies = paying_policies();
  if (!policies) return policies.error();
  plan_.policies = std::move(policies.value());
  plan_units();
  plan_awards();
  plan_payees();
  plan_pools();
  plan_patterns();
  return success();
}

void Planner::plan_units() {
  const std::size_t count = plan_.shape.units;
  const std::size_t xixian_units = count * xixian_unit_percent / 100;
  const std::size_t qijiang_units = count * qijiang_unit_percent / 100;
  for (std::size_t index = 0; index < count; ++index) {
    const Area area = index < xixian_units ? Area::shaanxi
                      : index < xixian_units + qijiang_units ? Area::chongqing
                                                              : Area::xinjiang;
    bool non_profit = false;
    const Party party = names_.lead_unit(area, non_profit);
    if (party.name.empty()) continue;  // no distinct name left: the scenario has one unit fewer
    PlannedUnit unit;
    unit.area = area;
    unit.input = {party.uscc, party.name, non_profit ? "non-profit" : "enterprise",
                  non_profit || random_.per_mille(700) ? "gross" : "net", ""};
    unit.legal_representative = names_.related_person();
    plan_.units.push_back(std::move(unit));
  }
}

void Planner::plan_awards() {
  std::vector<std::size_t> group;
  for (std::size_t index = 0; index < plan_.units.size(); ++index) {
    const Area area = plan_.units[index].area;
    const std::size_t policy = area == Area::shaanxi ? xixian : area == Area::chongqing ? qijiang : urumqi;
    group.push_back(index);
    // 西咸 lets up to three units lead one brand (二(四)1(2)); the others one.
    const bool next_same_area = index + 1 < plan_.units.size() && plan_.units[index + 1].area == area;
    const std::uint64_t roll = random_.below(100);
    const std::size_t leads = policy != xixian ? 1 : roll < 72 ? 1 : roll < 90 ? 2 : 3;
    if (group.size() < leads && next_same_area) continue;
    plan_award(policy, group);
    group.clear();
  }
}

Tier Planner::draw_tier(std::size_t policy) {
  const std::uint64_t roll = random_.below(100);
  if (policy == qijiang) return Tier::municipal;  // the only tier 綦江 pays (第七条)
  if (policy == urumqi) return roll < 45 ? Tier::municipal : Tier::district;
  return roll < 35 ? Tier::district : roll < 75 ? Tier::municipal : roll < 90 ? Tier::provincial : Tier::national;
}

void Planner::plan_award(std::size_t policy, const std::vector<std::size_t>& units) {
  const std::size_t number = ++award_counts_[policy];
  const std::string prefix = award_prefixes[policy];
  const Tier tier = draw_tier(policy);
  const BrandWords& words = brand_words[policy];
  PlannedAward award;
  award.policy = policy;
  award.brand.brand_id = prefix + "B-" + serial(number, 4);
  // Brand names are unique: a drawn name already taken gets the award's number.
  award.brand.name = std::string(random_.pick(words.places)) + random_.pick(words.trades);
  if (!brand_names_.insert(award.brand.name).second) award.brand.name += serial(number, 4);
  award.brand.category = static_cast<BrandCategory>(random_.below(4));
  award.brand.intangible_heritage = random_.per_mille(80);
  // Recognised in the policy's first year, effective two or three weeks later.
  const std::array<Date, 3> first_recognition = {Date::from_parts(2024, 5, 6), Date::from_parts(2024, 1, 8),
                                                 Date::from_parts(2024, 7, 15)};
  const std::array<int, 3> recognition_spread_days = {70, 70, 45};
  const Date recognized = working_day_from(first_recognition[policy].plus_days(
      static_cast<int>(random_.below(static_cast<std::uint64_t>(recognition_spread_days[policy])))));
  const std::array<const char*, 3> recognition_issuers = {"西咸社发", "渝人社", "乌人社发"};
  const std::array<const char*, 3> award_issuers = {"西咸社发", "綦人社发", "乌人社发"};
  award.recognition = {prefix + "R-" + serial(number, 4), award.brand.brand_id, tier, policy_ids[policy], recognized,
                       std::string(recognition_issuers[policy]) + "〔2024〕" + std::to_string(20 + number) + "号", {}};
  for (const auto unit : units) award.recognition.unit_ids.push_back(plan_.units[unit].input.uscc);
  const Date effective = working_day_from(recognized.plus_days(static_cast<int>(random_.between(10, 20))));
  award.grant = {prefix + "2024-" + serial(number, 4), award.recognition.recognition_id, effective,
                 std::string(award_issuers[policy]) + "〔2024〕" + std::to_string(40 + number) + "号", {}, {}};
  // Weights that divide every tier's amount exactly, to the fen.
  const std::array<std::vector<std::uint32_t>, 4> weights_by_leads = {
      std::vector<std::uint32_t>{}, {1}, random_.per_mille(500) ? std::vector<std::uint32_t>{6, 4} : std::vector<std::uint32_t>{1, 1},
      {5, 3, 2}};
  const auto& weights = weights_by_leads[units.size()];
  if (units.size() > 1) {
    for (const auto weight : weights) award.grant.weights.push_back(std::to_string(weight));
  }
  const std::int64_t amount_fen = plan_.policies[policy].award_by_tier.at(tier).value.fen_int64();
  std::uint32_t weight_total = 0;
  for (const auto weight : weights) weight_total += weight;
  plan_.quota += Money::from_fen(amount_fen);
  const std::size_t award_index = plan_.awards.size();
  plan_.awards.push_back(std::move(award));
  for (std::size_t position = 0; position < units.size(); ++position) {
    PlannedShare share;
    share.award = award_index;
    share.unit = units[position];
    share.amount_fen = amount_fen * weights[position] / weight_total;
    share.effective_on = effective;
    plan_.shares.push_back(std::move(share));
  }
  const Date paid_on = working_day_from(effective.plus_days(static_cast<int>(random_.between(7, 25))));
  plan_payments(award_index, paid_on);
}

void Planner::plan_payments(std::size_t award, const Date& paid_on) {
  const PlannedAward& planned = plan_.awards[award];
  for (auto& share : plan_.shares) {
    if (share.award != award) continue;
    const std::string& unit_id = plan_.units[share.unit].input.uscc;
    const std::string reference = "ZF2024-" + serial(plan_.payments.size() + 1, 6);
    if (random_.per_mille(200)) {
      // In two instalments: 60 % first, the rest after the mid-term check.
      plan_.payments.push_back({planned.grant.award_id, unit_id, Money::from_fen(share.amount_fen * 6 / 10), paid_on, reference});
      const Date rest_on = working_day_from(paid_on.plus_days(static_cast<int>(random_.between(60, 120))));
      plan_.payments.push_back({planned.grant.award_id, unit_id, std::nullopt, rest_on,
                                "ZF2024-" + serial(plan_.payments.size() + 1, 6)});
    } else {
      plan_.payments.push_back({planned.grant.award_id, unit_id, std::nullopt, paid_on, reference});
    }
    plan_spending(share, planned.policy, paid_on);
  }
}

// Which categories a share spends on, and its plan: 乌鲁木齐 requires one
// (四); some 綦江 units file one of their own accord.
void Planner::plan_spending(PlannedShare& share, std::size_t policy, const Date& first_paid_on) {
  const auto& allowed = plan_.policies[policy].allowed_categories;
  Date from = first_paid_on;
  const bool files_plan = policy == urumqi || (policy == qijiang && random_.per_mille(250));
  if (files_plan) {
    share.plan_filed_on = working_day_from(first_paid_on.plus_days(static_cast<int>(random_.between(10, 25))));
    share.plan_document = std::string(policy == urumqi ? "乌人社备" : "綦人社备") + "〔2024〕" +
                          std::to_string(plan_.shares.size() + 100) + "号";
    from = *share.plan_filed_on;
    std::vector<std::size_t> order(allowed.size());
    for (std::size_t index = 0; index < order.size(); ++index) order[index] = index;
    for (std::size_t index = order.size() - 1; index > 0; --index) std::swap(order[index], order[random_.below(index + 1)]);
    const std::size_t lines = static_cast<std::size_t>(random_.between(3, policy == urumqi ? 5 : 4));
    std::vector<std::int64_t> weights;
    std::int64_t weight_total = 0;
    for (std::size_t line = 0; line < lines; ++line) weight_total += weights.emplace_back(random_.between(1, 5));
    std::int64_t left_fen = share.amount_fen;
    for (std::size_t line = 0; line < lines; ++line) {
      // Whole yuan per line; the last line takes what is left, so the plan adds up to the share.
      const std::int64_t amount = line + 1 == lines ? left_fen : share.amount_fen * weights[line] / weight_total / fen_per_yuan * fen_per_yuan;
      share.plan_lines.push_back({order[line], amount});
      left_fen -= amount;
    }
  } else {
    for (std::size_t index = 0; index < allowed.size(); ++index) {
      share.categories.push_back(index);
      share.category_weights.push_back(static_cast<std::uint32_t>(random_.between(1, 10)));
    }
  }
  share.spending_from = working_day_from(from.plus_days(static_cast<int>(random_.between(1, 10))));
}

void Planner::plan_payees() {
  const std::size_t units = std::max<std::size_t>(plan_.units.size(), 1);
  const std::size_t companies = std::clamp<std::size_t>(units * 4, 120, 12'000);
  const std::array<std::size_t, 4> company_percent = {35, 25, 25, 15};
  for (std::size_t area = 0; area < 4; ++area) {
    const std::size_t wanted = companies * company_percent[area] / 100;
    for (std::size_t index = 0; index < wanted; ++index) {
      Party party = names_.company(static_cast<Area>(area));
      if (party.name.empty()) continue;
      companies_by_area_[area].push_back(static_cast<std::uint32_t>(plan_.payees.size()));
      plan_.payees.push_back(std::move(party));
    }
  }
  for (std::size_t area = 0; area < 3; ++area) {
    const std::size_t wanted = std::max<std::size_t>(10, units / 3);
    for (std::size_t index = 0; index < wanted; ++index) {
      people_by_area_[area].push_back(static_cast<std::uint32_t>(plan_.payees.size()));
      plan_.payees.push_back(names_.person(static_cast<Area>(area)));
    }
  }
}

// Each share buys from a dozen or two local suppliers, a few from elsewhere,
// and pays a few lecturers.
void Planner::plan_pools() {
  for (auto& share : plan_.shares) {
    const auto area = static_cast<std::size_t>(plan_.units[share.unit].area);
    std::vector<std::uint32_t> companies;
    const auto local = random_.between(10, 20);
    for (std::int64_t pick = 0; pick < local; ++pick) companies.push_back(random_.pick(companies_by_area_[area]));
    const auto distant = random_.between(1, 4);
    for (std::int64_t pick = 0; pick < distant; ++pick) companies.push_back(random_.pick(companies_by_area_[3]));
    std::vector<std::uint32_t> people;
    const auto lecturers = random_.between(1, 3);
    for (std::int64_t pick = 0; pick < lecturers; ++pick) people.push_back(random_.pick(people_by_area_[area]));
    for (auto* group : {&companies, &people}) {
      std::sort(group->begin(), group->end());
      group->erase(std::unique(group->begin(), group->end()), group->end());
    }
    share.payees = companies;
    share.payees.insert(share.payees.end(), people.begin(), people.end());
  }
}

// Gives `count` shares the pattern: ordinary shares first, then (for the
// patterns that only add rows) shares already hosting another one, when
// they are large enough for both reserves.
std::size_t Planner::assign(PatternKind kind, std::size_t count, std::int64_t reserve_fen) {
  const bool adds_rows_only = reserve_fen > 0 || kind == PatternKind::duplicate_invoices;
  std::size_t assigned = 0;
  std::vector<std::size_t> order(plan_.shares.size());
  for (std::size_t index = 0; index < order.size(); ++index) order[index] = index;
  for (std::size_t index = order.size(); index > 1; --index) std::swap(order[index - 1], order[random_.below(index)]);
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto index : order) {
      if (assigned == count) return assigned;
      PlannedShare& share = plan_.shares[index];
      const bool open = share.role == ShareRole::ordinary || (pass == 1 && adds_rows_only && share.role == ShareRole::pattern_host);
      // At least 5万 and twice what all its planted rows may take.
      const std::int64_t minimum_fen = (share.reserved_fen + reserve_fen) * 2 + 5'000'000;
      if (!open || share.amount_fen < minimum_fen) continue;
      const bool single_lead = plan_.awards[share.award].recognition.unit_ids.size() == 1;
      if (kind == PatternKind::payee_concentration && !single_lead) continue;
      if (kind != PatternKind::spending_spikes && kind != PatternKind::payee_concentration && !share.plan_lines.empty()) continue;
      PatternJob job{kind, index, assigned, {}, share.payees.front()};
      if (kind == PatternKind::near_duplicate_payees) {
        job.look_alike = names_.look_alike(plan_.payees[job.original_payee], assigned % 2 == 1);
        if (job.look_alike.name.empty()) continue;
      }
      share.role = kind == PatternKind::idle_funds            ? ShareRole::idle
                   : kind == PatternKind::spending_spikes     ? ShareRole::spike
                   : kind == PatternKind::payee_concentration ? ShareRole::concentrated
                                                              : ShareRole::pattern_host;
      share.reserved_fen += reserve_fen;
      plan_.jobs.push_back(std::move(job));
      ++assigned;
    }
  }
  return assigned;
}

// Planted patterns scale with the rows (one of each per 25,000), and take no
// more than a quarter of the rows.
void Planner::plan_patterns() {
  constexpr std::size_t rows_per_pattern = 25'000;
  std::size_t rows_per_round = 0;
  // The patterns that need the largest shares are placed first.
  const std::array<PatternKind, 9> kinds = {PatternKind::split_payments, PatternKind::round_amounts,
                                            PatternKind::idle_funds, PatternKind::spending_spikes,
                                            PatternKind::payee_concentration, PatternKind::rest_days,
                                            PatternKind::related_parties, PatternKind::near_duplicate_payees,
                                            PatternKind::duplicate_invoices};
  for (const auto kind : kinds) rows_per_round += pattern_rows(kind);
  const std::size_t count = std::min(std::max<std::size_t>(1, plan_.shape.expenditures / rows_per_pattern),
                                     plan_.shape.expenditures / 4 / rows_per_round);
  const std::array<std::int64_t, 9> reserves_fen = {7'000'000, 6'000'000, 0, 0, 0, 400'000, 400'000, 200'000, 100'000};
  for (std::size_t kind = 0; kind < kinds.size(); ++kind) (void)assign(kinds[kind], count, reserves_fen[kind]);
  // Jobs go in evenly over the file, the kinds interleaved: the first of
  // each kind, then the second of each… (position holds the instance number
  // until here).
  std::stable_sort(plan_.jobs.begin(), plan_.jobs.end(), [](const PatternJob& left, const PatternJob& right) {
    return left.position != right.position ? left.position < right.position
                                           : static_cast<int>(left.kind) < static_cast<int>(right.kind);
  });
  for (std::size_t index = 0; index < plan_.jobs.size(); ++index) {
    plan_.jobs[index].position = (index + 1) * plan_.shape.expenditures / (plan_.jobs.size() + 1);
  }
}

}  // namespace

std::size_t pattern_rows(PatternKind kind) {
  switch (kind) {
    case PatternKind::split_payments: return 3;
    case PatternKind::round_amounts: return 12;
    case PatternKind::rest_days: return 4;
    case PatternKind::related_parties: return 2;
    case PatternKind::near_duplicate_payees: return 2;
    case PatternKind::duplicate_invoices: return 1;
    case PatternKind::idle_funds: return 2;
    case PatternKind::spending_spikes: return 0;
    case PatternKind::payee_concentration: return 0;
  }
  return 0;
}

std::string_view pattern_key(PatternKind kind) {
  switch (kind) {
    case PatternKind::split_payments: return "split-payments";
    case PatternKind::round_amounts: return "round-amounts";
    case PatternKind::rest_days: return "rest-days";
    case PatternKind::related_parties: return "related-parties";
    case PatternKind::near_duplicate_payees: return "near-duplicate-payees";
    case PatternKind::duplicate_invoices: return "duplicate-invoices";
    case PatternKind::idle_funds: return "idle-funds";
    case PatternKind::spending_spikes: return "spending-spikes";
    case PatternKind::payee_concentration: return "payee-concentration";
  }
  return "";
}

Result<ScenarioPlan> plan_scenario(const ScenarioShape& shape) {
  if (auto checked = check_scenario_shape(shape); !checked) return checked.error();
  ScenarioPlan plan;
  plan.shape = shape;
  if (plan.shape.units == 0) plan.shape.units = default_scenario_units(shape.expenditures);
  Planner planner(plan);
  if (auto planned = planner.run(); !planned) return planned.error();
  return plan;
}

}  // namespace jiangbu
