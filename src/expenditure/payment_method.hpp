#pragma once
// How an expenditure was paid. Cash is one of them because units do submit
// it; the policies that ban it (002 西咸 二(五)3) reject it by rule.
#include <optional>
#include <string_view>

namespace jiangbu {

enum class PaymentMethod { bank_transfer, official_card, cheque, online, cash, other };

std::string_view payment_method_name(PaymentMethod method);  // "bank-transfer"
// English codes and their Chinese names (银行转账, 公务卡, 支票, 网上支付, 现金, 其他).
std::optional<PaymentMethod> parse_payment_method(std::string_view text);

}  // namespace jiangbu
