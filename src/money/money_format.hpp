#pragma once
// Renderings of Money for people: reports, screens, audit findings. Both are
// built digit by digit from the integer fen, so they are exact at any size.
// The machine form (CSV, JSON, logs) is Money::to_plain_string().
#include <string>

#include "money/money.hpp"

namespace jiangbu {

// Yuan with thousands separators and exactly two decimals:
// "200,000.00", "-1,234.56", "0.00". parse_money() reads it back.
std::string format_yuan(const Money& amount);

// 万元 as used in policy documents and award notices ("20万元"): exact, with
// trailing zeros trimmed, so 125000.00 -> "12.5万元", 123456.78 ->
// "12.345678万元" (one fen is 0.000001万), 0 -> "0万元", negatives "-".
std::string format_wan(const Money& amount);

}  // namespace jiangbu
