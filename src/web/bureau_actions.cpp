#include "web/bureau_actions.hpp"

#include "award/award.hpp"
#include "award/clawback.hpp"
#include "core/reason_code.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

Status run_bureau_action(Database& database, const std::string& action, const FieldReader& field,
                         std::string& done) {
  const auto date = Date::parse(field("date"));
  if (!date) return Error(date.error().code, date.error().message, "date");
  const std::string award_id = field("award");
  if (action == "grant") {
    GrantInput input{award_id, field("recognition"), date.value(), field("document"), {}, {}};
    const std::string weights = field("weights");
    std::size_t start = 0;
    // One more than the most leads a recognition has (3), so that too many
    // weights reach grant_award's count check instead of being cut off.
    for (std::size_t parts = 0; !weights.empty() && parts < 4; ++parts) {
      const std::size_t end = weights.find(':', start);
      input.weights.push_back(weights.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    auto granted = grant_award(database, input);
    if (!granted) return granted.error();
    done = "已核定奖补 " + granted.value().award_id + "，金额 " + granted.value().amount.to_plain_string() + " 元";
    return success();
  }
  if (action == "pay") {
    PaymentInput input{award_id, field("unit"), std::nullopt, date.value(), "1011",
                       field("reference")};
    if (const std::string amount = field("amount"); !amount.empty()) {
      auto parsed = parse_money(amount);
      if (!parsed) return Error(parsed.error().code, parsed.error().message, "amount");
      input.amount = parsed.value();
    }
    auto paid = pay_award(database, input);
    if (!paid) return paid.error();
    done = "已拨付 " + paid.value().amount.to_plain_string() + " 元（" + paid.value().award_id + " → " +
           paid.value().unit_id + "）";
    return success();
  }
  if (action == "status") {
    const std::string kind_text = field("kind");
    const AwardEventKind kind = kind_text == "revoke"      ? AwardEventKind::revoke
                                : kind_text == "reinstate" ? AwardEventKind::reinstate
                                                           : AwardEventKind::suspend;
    if (kind_text != "revoke" && kind_text != "reinstate" && kind_text != "suspend") {
      return make_error(ReasonCode::bad_option, "操作须为 suspend、reinstate 或 revoke", "kind");
    }
    auto changed = change_award_status(database, {award_id, kind, date.value(), field("document"),
                                                  field("reason")});
    if (!changed) return changed;
    done = "奖补 " + award_id + " 已" + (kind_text == "revoke" ? "撤销" : kind_text == "reinstate" ? "恢复" : "暂停");
    return success();
  }
  if (action != "clawback") return make_error(ReasonCode::bad_option, "unknown action " + action, "action");
  auto amount = parse_money(field("amount"));
  if (!amount) return Error(amount.error().code, amount.error().message, "amount");
  ClawbackInput input{award_id, field("unit"), amount.value(), date.value(),
                      field("document"), field("reason"), "web"};
  auto clawed = claw_back(database, input);
  if (!clawed) return clawed.error();
  done = "已收回 " + amount.value().to_plain_string() + " 元";
  return success();
}

}  // namespace jiangbu
