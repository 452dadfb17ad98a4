#include "expenditure/payment_method.hpp"

namespace jiangbu {

namespace {

struct MethodName {
  PaymentMethod method;
  std::string_view code;
  std::string_view names[3];
};

constexpr MethodName method_names[] = {
    {PaymentMethod::bank_transfer, "bank-transfer", {"银行转账", "转账", "银行汇款"}},
    {PaymentMethod::official_card, "official-card", {"公务卡", "", ""}},
    {PaymentMethod::cheque, "cheque", {"支票", "转账支票", ""}},
    {PaymentMethod::online, "online", {"网上支付", "网银", "电子支付"}},
    {PaymentMethod::cash, "cash", {"现金", "现金支付", ""}},
    {PaymentMethod::other, "other", {"其他", "", ""}},
};

}  // namespace

std::string_view payment_method_name(PaymentMethod method) {
  for (const auto& name : method_names) {
    if (name.method == method) return name.code;
  }
  return "other";
}

std::optional<PaymentMethod> parse_payment_method(std::string_view text) {
  for (const auto& name : method_names) {
    if (text == name.code) return name.method;
    for (const auto alias : name.names) {
      if (!alias.empty() && text == alias) return name.method;
    }
  }
  return std::nullopt;
}

}  // namespace jiangbu
