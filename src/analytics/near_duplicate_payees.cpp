// 近似收款方: the same payee written several ways, or several payees made to
// look like one. Payees are (name as written, USCC) pairs among the
// selected rows; names are compared in normalised form (payee_name.hpp).
//   - one USCC under names whose normalised forms differ: score 60 (one
//     code, two companies, or a borrowed code);
//   - one normalised name under two or more USCCs: score 75 (two entities
//     made to look the same, or a made-up code);
//   - names that differ only by punctuation, spaces or a company-form
//     suffix: under one USCC score 30 (the same payee written two ways, a
//     bookkeeping lapse); where some rows carry no USCC, score 50;
//   - normalised names at most max_edit_distance apart (each at least
//     min_name_length long) with no USCC in common: score 55.
// The same name under the same USCC every time is one payee, not a finding.
// Candidate pairs for the edit distance come from deletion neighbourhoods (a
// name and every form of it with up to max_edit_distance characters deleted
// share a key with any name within that distance), so the cost grows with the
// number of distinct names, not its square. Names linked by similar pairs are
// reported as one group.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analytics/analyses.hpp"
#include "analytics/payee_name.hpp"

namespace jiangbu {

namespace {

constexpr int score_one_code_many_names = 60;
constexpr int score_one_name_many_codes = 75;
constexpr int score_similar_names = 55;
constexpr int score_same_payee_written_differently = 30;
constexpr int score_same_name_code_missing = 50;
constexpr std::size_t neighbourhood_bucket_max = 200;  // a bigger bucket is a common fragment, not a lead
constexpr std::size_t similar_pairs_max = 100'000;
constexpr std::size_t compared_name_length_max = 40;  // code points; longer names only match exactly

struct Payee {
  std::uint32_t name = 0;
  std::uint32_t uscc = 0;
  std::u32string normalised;
  std::size_t rows = 0;
  Money total;
  std::uint32_t first_row = 0;  // its earliest row, for the evidence
  std::set<std::string> units;
};

std::vector<Payee> collect_payees(const AnalyticsInput& input, const std::vector<std::u32string>& suffixes) {
  const SpendingData& data = input.data;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> index_of;
  std::vector<Payee> payees;
  std::unordered_map<std::uint32_t, std::u32string> normalised_names;
  for (const auto index : input.selected) {
    const SpendingRow& row = data.rows[index];
    const auto key = std::make_pair(row.payee_name, row.payee_uscc);
    auto [found, inserted] = index_of.emplace(key, payees.size());
    if (inserted) {
      auto name = normalised_names.find(row.payee_name);
      if (name == normalised_names.end()) {
        name = normalised_names.emplace(row.payee_name, normalise_payee_name(data.text(row.payee_name), suffixes)).first;
      }
      payees.push_back({row.payee_name, row.payee_uscc, name->second, 0, Money(), index, {}});
    }
    Payee& payee = payees[found->second];
    ++payee.rows;
    payee.total += data.amount(row);
    if (payee.units.size() < 8) payee.units.insert(data.text(row.unit));
    const SpendingRow& first = data.rows[payee.first_row];
    if (row.spent_on_day < first.spent_on_day) payee.first_row = index;
  }
  return payees;
}

std::string describe(const SpendingData& data, const Payee& payee) {
  const std::string& uscc = data.text(payee.uscc);
  return data.text(payee.name) + "（" + (uscc.empty() ? "无信用代码" : uscc) + "）" + std::to_string(payee.rows) +
         " 笔 " + yuan_text(payee.total) + " 元";
}

AnalyticsFinding payees_finding(const AnalyticsInput& input, const std::vector<Payee>& payees,
                                const std::vector<std::size_t>& members, std::string pattern, int score) {
  const SpendingData& data = input.data;
  AnalyticsFinding finding;
  finding.analysis = Analysis::near_duplicate_payees;
  finding.pattern = std::move(pattern);
  finding.score = score;
  std::set<std::string> units;
  std::set<std::string> awards;
  std::string listed;
  for (const auto member : members) {
    const Payee& payee = payees[member];
    units.insert(payee.units.begin(), payee.units.end());
    awards.insert(data.text(data.rows[payee.first_row].award));
    finding.amount += payee.total;
    finding.item_count += payee.rows;
    listed += (listed.empty() ? "" : "；") + describe(data, payee);
    if (finding.evidence.size() < evidence_max) {
      finding.evidence.push_back(evidence_of(data, data.rows[payee.first_row], data.text(payee.name)));
    }
  }
  finding.units.assign(units.begin(), units.end());
  finding.awards.assign(awards.begin(), awards.end());
  finding.detail = listed;
  return finding;
}

void same_code_different_names(const AnalyticsInput& input, const std::vector<Payee>& payees, AnalysisOutcome& outcome) {
  std::map<std::uint32_t, std::vector<std::size_t>> by_code;
  for (std::size_t index = 0; index < payees.size(); ++index) {
    if (!input.data.text(payees[index].uscc).empty()) by_code[payees[index].uscc].push_back(index);
  }
  for (const auto& [code, members] : by_code) {
    std::set<std::u32string> names;
    for (const auto member : members) names.insert(payees[member].normalised);
    if (members.size() < 2) continue;  // one name as written
    if (names.size() < 2) {
      outcome.findings.push_back(payees_finding(input, payees, members, "同一收款方名称写法不一（仅标点、空格或公司后缀不同）",
                                                score_same_payee_written_differently));
      continue;
    }
    outcome.findings.push_back(payees_finding(input, payees, members, "同一信用代码对应不同收款方名称",
                                              score_one_code_many_names));
  }
}

void same_name_different_codes(const AnalyticsInput& input, const std::vector<Payee>& payees, AnalysisOutcome& outcome) {
  std::map<std::u32string, std::vector<std::size_t>> by_name;
  for (std::size_t index = 0; index < payees.size(); ++index) by_name[payees[index].normalised].push_back(index);
  for (const auto& [name, members] : by_name) {
    std::set<std::uint32_t> codes;
    bool code_missing = false;
    for (const auto member : members) {
      if (input.data.text(payees[member].uscc).empty()) {
        code_missing = true;
      } else {
        codes.insert(payees[member].uscc);
      }
    }
    if (codes.size() < 2) {
      // Written two ways, some rows without a code: the same payee, or one posing as it.
      if (members.size() >= 2 && code_missing && !codes.empty()) {
        outcome.findings.push_back(payees_finding(input, payees, members, "名称仅标点、空格或公司后缀不同，部分未填信用代码",
                                                  score_same_name_code_missing));
      }
      continue;
    }
    outcome.findings.push_back(payees_finding(input, payees, members, "名称相同而信用代码不同的收款方",
                                              score_one_name_many_codes));
  }
}

// Hashes of every form of `name` with up to `deletions` code points removed,
// itself included. Two names within that edit distance share one; a hash
// collision only adds a candidate pair, which the distance check then drops.
void deletion_neighbourhood(const std::u32string& name, int deletions, std::vector<std::size_t>& out) {
  out.push_back(std::hash<std::u32string>{}(name));
  if (deletions == 0) return;
  for (std::size_t position = 0; position < name.size(); ++position) {
    std::u32string shorter = name;
    shorter.erase(position, 1);
    deletion_neighbourhood(shorter, deletions - 1, out);
  }
}

// Union-find over distinct names: names linked by similar pairs form one group.
std::size_t group_root(std::vector<std::size_t>& parent, std::size_t id) {
  while (parent[id] != id) {
    parent[id] = parent[parent[id]];
    id = parent[id];
  }
  return id;
}

void similar_names(const AnalyticsInput& input, const std::vector<Payee>& payees, const NearDuplicatePayeesConfig& config,
                   AnalysisOutcome& outcome) {
  if (config.max_edit_distance == 0) return;
  // Distinct normalised names long enough to compare (and short enough that
  // their neighbourhoods stay small), each with its payees.
  std::map<std::u32string, std::vector<std::size_t>> by_name;
  for (std::size_t index = 0; index < payees.size(); ++index) {
    const std::size_t length = payees[index].normalised.size();
    if (length >= static_cast<std::size_t>(config.min_name_length) && length <= compared_name_length_max) {
      by_name[payees[index].normalised].push_back(index);
    }
  }
  std::vector<const std::u32string*> names;
  for (const auto& entry : by_name) names.push_back(&entry.first);
  std::unordered_map<std::size_t, std::vector<std::uint32_t>> buckets;
  std::vector<std::size_t> variants;
  for (std::uint32_t id = 0; id < names.size(); ++id) {
    variants.clear();
    deletion_neighbourhood(*names[id], config.max_edit_distance, variants);
    std::sort(variants.begin(), variants.end());
    variants.erase(std::unique(variants.begin(), variants.end()), variants.end());
    for (const auto variant : variants) buckets[variant].push_back(id);
  }
  std::vector<std::size_t> parent(names.size());
  for (std::size_t id = 0; id < parent.size(); ++id) parent[id] = id;
  std::size_t pairs = 0;
  bool truncated = false;
  for (const auto& [variant, ids] : buckets) {
    if (ids.size() < 2) continue;
    if (ids.size() > neighbourhood_bucket_max) {
      truncated = true;
      continue;
    }
    for (std::size_t left = 0; left < ids.size() && pairs < similar_pairs_max; ++left) {
      for (std::size_t right = left + 1; right < ids.size(); ++right) {
        if (group_root(parent, ids[left]) == group_root(parent, ids[right])) continue;
        if (edit_distance_within(*names[ids[left]], *names[ids[right]], config.max_edit_distance) >
            config.max_edit_distance) {
          continue;
        }
        parent[group_root(parent, ids[left])] = group_root(parent, ids[right]);
        ++pairs;
      }
    }
  }
  std::map<std::size_t, std::vector<std::uint32_t>> groups;
  for (std::uint32_t id = 0; id < names.size(); ++id) groups[group_root(parent, id)].push_back(id);
  for (const auto& [root, ids] : groups) {
    if (ids.size() < 2) continue;
    std::vector<std::size_t> members;
    std::set<std::uint32_t> codes;
    bool code_missing = false;
    for (const auto id : ids) {
      for (const auto member : by_name[*names[id]]) {
        members.push_back(member);
        if (input.data.text(payees[member].uscc).empty()) {
          code_missing = true;
        } else {
          codes.insert(payees[member].uscc);
        }
      }
    }
    // All under one code: one payee whose name was mistyped, reported above
    // as one code under several names.
    if (codes.size() == 1 && !code_missing) continue;
    outcome.findings.push_back(payees_finding(input, payees, members, "名称近似的不同收款方", score_similar_names));
  }
  if (truncated || pairs >= similar_pairs_max) {
    outcome.note = "部分极常见的名称片段未逐对比较（每组上限 " + std::to_string(neighbourhood_bucket_max) + " 个名称）";
  }
}

}  // namespace

AnalysisOutcome find_near_duplicate_payees(const AnalyticsInput& input, const NearDuplicatePayeesConfig& config) {
  AnalysisOutcome outcome;
  outcome.rows_examined = input.selected.size();
  const auto suffixes = to_code_point_suffixes(config.suffixes);
  const std::vector<Payee> payees = collect_payees(input, suffixes);
  same_code_different_names(input, payees, outcome);
  same_name_different_codes(input, payees, outcome);
  similar_names(input, payees, config, outcome);
  return outcome;
}

}  // namespace jiangbu
