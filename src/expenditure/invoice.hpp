#pragma once
// Invoice numbers (发票) and the key that makes an invoice usable once across
// all units: a 数电发票 has a 20-digit number; a legacy invoice has a 10- or
// 12-digit 发票代码 and an 8-digit 发票号码 (../shared/DOMAIN.md "Input
// formats"). The key adds the seller's (payee's) USCC.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

// Validates the pair and returns the duplicate-detection key.
Result<std::string> invoice_key(std::string_view invoice_code, std::string_view invoice_number,
                                std::string_view payee_uscc);

}  // namespace jiangbu
