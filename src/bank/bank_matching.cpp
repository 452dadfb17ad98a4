#include "bank/bank_matching.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

// Postings and lines that could pair at all: same amount, same direction.
// Grouping first keeps the passes near linear on a real account, where few
// items share an amount.
using GroupKey = std::pair<bool, std::string>;  // (money in, amount)

struct Group {
  std::vector<std::size_t> book;
  std::vector<std::size_t> bank;
};

struct Candidate {
  int distance_days = 0;
  std::size_t bank_index = 0;
  std::size_t book_index = 0;
  int days_apart = 0;
  auto operator<=>(const Candidate&) const = default;
};

int days_between(const Date& from, const Date& to) {
  return static_cast<int>((to.days() - from.days()).count());
}

bool shares_reference(const BookItem& posting, const BankStatementLine& line) {
  for (const std::string* key : {&line.reference, &line.memo, &line.remark}) {
    if (key->empty()) continue;
    if (std::find(posting.references.begin(), posting.references.end(), *key) != posting.references.end()) {
      return true;
    }
  }
  return false;
}

std::map<GroupKey, Group> group_items(const std::vector<BookItem>& book, const std::vector<StoredBankLine>& bank) {
  std::map<GroupKey, Group> groups;
  for (std::size_t index = 0; index < book.size(); ++index) {
    groups[{book[index].side == Side::debit, book[index].amount.to_plain_string()}].book.push_back(index);
  }
  for (std::size_t index = 0; index < bank.size(); ++index) {
    const BankStatementLine& line = bank[index].line;
    groups[{line.direction == BankDirection::in, line.amount.to_plain_string()}].bank.push_back(index);
  }
  return groups;
}

class Matcher {
 public:
  Matcher(const std::vector<BookItem>& book, const std::vector<StoredBankLine>& bank, int window_days)
      : book_(book), bank_(bank), window_days_(window_days), book_used_(book.size()), bank_used_(bank.size()) {}

  void run(MatchRule rule, const std::map<GroupKey, Group>& groups) {
    for (const auto& entry : groups) pass(rule, entry.second);
  }

  MatchResult finish() {
    std::sort(result_.matches.begin(), result_.matches.end(),
              [](const BankMatch& left, const BankMatch& right) { return left.bank_index < right.bank_index; });
    for (std::size_t index = 0; index < book_.size(); ++index) {
      if (!book_used_[index]) result_.unmatched_book.push_back(index);
    }
    for (std::size_t index = 0; index < bank_.size(); ++index) {
      if (!bank_used_[index]) result_.unmatched_bank.push_back(index);
    }
    return std::move(result_);
  }

 private:
  bool admits(MatchRule rule, std::size_t book_index, std::size_t bank_index, int distance_days) const {
    switch (rule) {
      case MatchRule::reference:
        return distance_days <= window_days_ && shares_reference(book_[book_index], bank_[bank_index].line);
      case MatchRule::same_date: return distance_days == 0;
      case MatchRule::nearest_date: return distance_days <= window_days_;
    }
    JIANGBU_ASSERT(false);
    return false;
  }

  // Every admissible pair of the group, closest first; take a pair when both
  // of its sides are still free.
  void pass(MatchRule rule, const Group& group) {
    std::vector<Candidate> candidates;
    for (const std::size_t bank_index : group.bank) {
      if (bank_used_[bank_index]) continue;
      for (const std::size_t book_index : group.book) {
        if (book_used_[book_index]) continue;
        const int apart = days_between(book_[book_index].entry_date, bank_[bank_index].line.transaction_date);
        const int distance = apart < 0 ? -apart : apart;
        if (admits(rule, book_index, bank_index, distance)) {
          candidates.push_back({distance, bank_index, book_index, apart});
        }
      }
    }
    std::sort(candidates.begin(), candidates.end());
    for (const auto& candidate : candidates) {
      if (bank_used_[candidate.bank_index] || book_used_[candidate.book_index]) continue;
      bank_used_[candidate.bank_index] = true;
      book_used_[candidate.book_index] = true;
      result_.matches.push_back({candidate.book_index, candidate.bank_index, rule, candidate.days_apart});
    }
  }

  const std::vector<BookItem>& book_;
  const std::vector<StoredBankLine>& bank_;
  int window_days_;
  std::vector<bool> book_used_;
  std::vector<bool> bank_used_;
  MatchResult result_;
};

}  // namespace

std::string_view match_rule_name(MatchRule rule) {
  switch (rule) {
    case MatchRule::reference: return "reference";
    case MatchRule::same_date: return "same-date";
    case MatchRule::nearest_date: return "nearest-date";
  }
  JIANGBU_ASSERT(false);
  return "";
}

MatchResult match_bank_lines(const std::vector<BookItem>& book, const std::vector<StoredBankLine>& bank,
                             int window_days) {
  JIANGBU_ASSERT(window_days >= 0);
  const auto groups = group_items(book, bank);
  Matcher matcher(book, bank, window_days);
  for (const MatchRule rule : {MatchRule::reference, MatchRule::same_date, MatchRule::nearest_date}) {
    matcher.run(rule, groups);
  }
  return matcher.finish();
}

}  // namespace jiangbu
