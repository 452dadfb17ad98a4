#pragma once
// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters
// from the alphabet 0-9 and A-Z without I, O, Z, S and V; the last is a check
// character computed from the first 17 with the weights of clause 5.
#include <string_view>

#include "core/reason_code.hpp"
#include "core/result.hpp"

namespace jiangbu {

inline constexpr std::string_view uscc_alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The check character for the first 17 characters, or '\0' when one of them
// is outside the alphabet.
char uscc_check_character(std::string_view first_seventeen);

// 18 characters, all in the alphabet (the check character aside).
bool uscc_has_valid_shape(std::string_view code);

// Refuses with a message naming the position and the reason; `field` names
// the input field in the error ("uscc", "payee_uscc"), `failure` the reason
// code (a payee's id: bad-payee-id; a unit's own: bad-uscc).
Status validate_uscc(std::string_view code, std::string_view field,
                     ReasonCode failure = ReasonCode::bad_payee_id);

}  // namespace jiangbu
