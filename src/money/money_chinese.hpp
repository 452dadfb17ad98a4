#pragma once
// 中文大写金额: amounts in words as written on vouchers, award notices and the
// headline figures of audit reports ("贰拾万元整").
//
// Source: 中国人民银行《支付结算办法》(银发〔1997〕393号) 附件一
// 《正确填写票据和结算凭证的基本规定》, items 一 to 四 (cited below as 附件一).
//
// Canonical form written by format_chinese_uppercase (where 附件一 allows two
// spellings, we write the first one its own examples give):
//  - digits 零壹贰叁肆伍陆柒捌玖; units 拾佰仟, 万, 亿; the 16-digit integer part
//    is read in 4-digit sections ...万...亿...万...元, and a top section over a
//    zero 亿 section ends in 万亿 (1234 0000 0000 0000 -> 壹仟贰佰叁拾肆万亿).
//  - A leading 拾 is written 壹拾 (10 -> 壹拾元整, 100000 -> 壹拾万元整).
//  - Zeros between nonzero digits are one 零 (附件一 四(一)(二):
//    1409.50 -> 壹仟肆佰零玖元伍角, 6007.14 -> 陆仟零柒元壹角肆分), including a
//    zero section in the middle (100001000 -> 壹亿零壹仟元整).
//  - Optional 零 (附件一 四(三)): when the zeros are only the trailing zeros of
//    a section (万位/亿位 is 0) and the next digit is a 仟, the 零 may be left
//    out; we leave it out, as Chinese numerals are read
//    (107000.53 -> 壹拾万柒仟元零伍角叁分, not 壹拾万零柒仟...).
//  - 元位 0 with 角 nonzero (附件一 四(三)): we write 零 after 元
//    (1680.32 -> 壹仟陆佰捌拾元零叁角贰分).
//  - 角 0 with 分 nonzero: 零 after 元 is required (附件一 四(四):
//    325.04 -> 叁佰贰拾伍元零肆分).
//  - 整 after 元 when there is no 角/分 (附件一 二: 应写整); not after 角
//    (附件一 二 makes it optional; 1005.30 -> 壹仟零伍元叁角); never after 分.
//  - Below one yuan there is no 元: 0.50 -> 伍角, 0.05 -> 伍分. Zero -> 零元整.
//  - Negative amounts are prefixed 负 (not part of 附件一: for reversals and
//    clawbacks in our own reports).
//
// parse_chinese_uppercase accepts the canonical form and exactly these
// variants: an optional 人民币 prefix (附件一 三), 负 after it; 圆 for 元 and
// 正 for 整 (附件一 一、二); the traditional 貳 陸 億 萬 圓 (附件一 一: 也应受理);
// a bare leading 拾 (拾万元整); either choice at each optional 零 above; 整
// after 角. Everything else is refused with the reason: unknown characters
// and blanks, units out of order or repeated, 角 after 分, text after 整, 整
// after 分, a missing 整 after 元, 零 carrying a unit (零拾), a digit without
// its unit (壹佰贰元), a missing required 零, and any other spelling that is
// not one of the accepted forms of the value it would denote.
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "money/money.hpp"

namespace jiangbu {

std::string format_chinese_uppercase(const Money& amount);

// Errors are code "bad-amount" ("missing-field" when empty); never throws.
Result<Money> parse_chinese_uppercase(std::string_view text);

// Whether text holds a 大写 digit or unit other than 万 and 元 (which Arabic
// amounts such as "20万元" also use): how parse_money picks the 大写 parser.
bool contains_chinese_uppercase_numeral(std::string_view text);

}  // namespace jiangbu
