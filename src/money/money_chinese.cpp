#include "money/money_chinese.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/assert.hpp"
#include "money/money_format.hpp"
#include "money/money_parse.hpp"

namespace jiangbu {

namespace {

using money_text::starts_with;

// The longest canonical amount is 36 characters, 40 with 人民币 and 负; 64
// characters of three bytes each leave room for the optional 零 and 整.
constexpr std::size_t max_uppercase_bytes = 192;
constexpr int integer_positions = 16;  // 元 up to 仟万亿: Money::max_fen is < 10^16 yuan
constexpr int section_size = 4;        // 个十百千, then 万, 亿, 万亿
constexpr unsigned max_optional_spots = 6;  // 3 section boundaries, 元|角, leading 拾, 整 after 角

enum class Symbol { digit, ten, hundred, thousand, ten_thousand, hundred_million, yuan, jiao, fen, zheng };

struct Token {
  Symbol symbol = Symbol::digit;
  int digit = 0;  // only for Symbol::digit
};

struct Spelling {
  std::string_view text;
  Token token;
};

constexpr std::array<std::string_view, 10> digit_spellings = {"零", "壹", "贰", "叁", "肆",
                                                              "伍", "陆", "柒", "捌", "玖"};

// Canonical spellings, then the aliases accepted on input only: 圆 for 元 and
// 正 for 整 (附件一 一、二), and the traditional forms 附件一 一 says must also
// be accepted (贰 陆 亿 万 圆 written 貳 陸 億 萬 圓).
constexpr std::array<Spelling, 26> input_spellings = {{
    {"零", {Symbol::digit, 0}},
    {"壹", {Symbol::digit, 1}},
    {"贰", {Symbol::digit, 2}},
    {"叁", {Symbol::digit, 3}},
    {"肆", {Symbol::digit, 4}},
    {"伍", {Symbol::digit, 5}},
    {"陆", {Symbol::digit, 6}},
    {"柒", {Symbol::digit, 7}},
    {"捌", {Symbol::digit, 8}},
    {"玖", {Symbol::digit, 9}},
    {"拾", {Symbol::ten, 0}},
    {"佰", {Symbol::hundred, 0}},
    {"仟", {Symbol::thousand, 0}},
    {"万", {Symbol::ten_thousand, 0}},
    {"亿", {Symbol::hundred_million, 0}},
    {"元", {Symbol::yuan, 0}},
    {"角", {Symbol::jiao, 0}},
    {"分", {Symbol::fen, 0}},
    {"整", {Symbol::zheng, 0}},
    {"圆", {Symbol::yuan, 0}},
    {"正", {Symbol::zheng, 0}},
    {"貳", {Symbol::digit, 2}},
    {"陸", {Symbol::digit, 6}},
    {"億", {Symbol::hundred_million, 0}},
    {"萬", {Symbol::ten_thousand, 0}},
    {"圓", {Symbol::yuan, 0}},
}};

std::string_view canonical_spelling(const Token& token) {
  switch (token.symbol) {
    case Symbol::digit: return digit_spellings[static_cast<std::size_t>(token.digit)];
    case Symbol::ten: return "拾";
    case Symbol::hundred: return "佰";
    case Symbol::thousand: return "仟";
    case Symbol::ten_thousand: return "万";
    case Symbol::hundred_million: return "亿";
    case Symbol::yuan: return "元";
    case Symbol::jiao: return "角";
    case Symbol::fen: return "分";
    case Symbol::zheng: return "整";
  }
  return {};
}

std::string_view digit_spelling(int digit) { return digit_spellings[static_cast<std::size_t>(digit)]; }

std::int64_t power_of_ten(int exponent) {
  std::int64_t power = 1;
  for (int step = 0; step < exponent; ++step) power *= 10;
  return power;
}

Error bad_amount(std::string_view text, std::string_view why) {
  return Error("bad-amount", money_text::quote(text) + " is not an amount: " + std::string(why));
}

// ---------------------------------------------------------------- writing

// Where 附件一 allows two spellings, bit n of the mask picks the alternative at
// the n-th such spot met while writing; mask 0 is the canonical form. The
// spots met depend only on the amount, so all masks below 2^spots_met() of a
// zero-mask run enumerate every accepted spelling.
class VariantChoices {
 public:
  explicit VariantChoices(unsigned mask) : mask_(mask) {}
  bool take_alternative() {
    const bool alternative = ((mask_ >> spots_met_) & 1U) != 0;
    ++spots_met_;
    return alternative;
  }
  [[nodiscard]] unsigned spots_met() const { return spots_met_; }

 private:
  unsigned mask_;
  unsigned spots_met_ = 0;
};

using IntegerDigits = std::array<int, integer_positions>;  // index 0 is 元位

IntegerDigits integer_digits(std::int64_t yuan) {
  IntegerDigits digits{};
  for (int position = 0; position < integer_positions; ++position) {
    digits[static_cast<std::size_t>(position)] = static_cast<int>(yuan % 10);
    yuan /= 10;
  }
  return digits;
}

int digit_at(const IntegerDigits& digits, int position) {
  return digits[static_cast<std::size_t>(position)];
}

bool any_nonzero(const IntegerDigits& digits, int lowest_position, int highest_position) {
  for (int position = lowest_position; position <= highest_position; ++position) {
    if (digit_at(digits, position) != 0) return true;
  }
  return false;
}

std::string_view small_unit_spelling(int position) {
  switch (position % section_size) {
    case 1: return "拾";
    case 2: return "佰";
    case 3: return "仟";
    default: return "";
  }
}

// 万 after a nonzero 万 section; 亿 after anything at or above 亿位, so a
// zero 亿 section under a nonzero top section still reads 万亿.
void append_section_unit(std::string& text, const IntegerDigits& digits, int position) {
  if (position == 12 && any_nonzero(digits, 12, 15)) text += "万";
  if (position == 8 && any_nonzero(digits, 8, 15)) text += "亿";
  if (position == 4 && any_nonzero(digits, 4, 7)) text += "万";
}

// 附件一 四(三): zeros that are only the tail of the section above (万位 or
// 亿位 is 0) followed by a 仟 may go unwritten. A zero section in between is
// always written (壹亿零壹仟), since 壹亿壹仟 could be read as 壹亿壹仟万.
bool zero_run_is_optional(int upper_nonzero_position, int lower_nonzero_position) {
  return lower_nonzero_position % section_size == section_size - 1 &&
         upper_nonzero_position / section_size == lower_nonzero_position / section_size + 1;
}

void append_zero_before(std::string& text, int upper_nonzero_position, int position,
                        VariantChoices& choices) {
  if (upper_nonzero_position < 0 || upper_nonzero_position == position + 1) return;
  if (!zero_run_is_optional(upper_nonzero_position, position)) {
    text += "零";
    return;
  }
  if (choices.take_alternative()) text += "零";  // canonical: leave it out, as it is read
}

void append_integer(std::string& text, std::int64_t yuan, VariantChoices& choices) {
  const IntegerDigits digits = integer_digits(yuan);
  int highest = integer_positions - 1;
  while (highest > 0 && digit_at(digits, highest) == 0) --highest;
  int upper_nonzero_position = -1;
  for (int position = highest; position >= 0; --position) {
    const int digit = digit_at(digits, position);
    if (digit != 0) {
      append_zero_before(text, upper_nonzero_position, position, choices);
      const bool may_drop_one = position == highest && digit == 1 && position % section_size == 1;
      // Canonical 壹拾 guards against a digit being added in front.
      const bool drop_one = may_drop_one && choices.take_alternative();
      if (!drop_one) text += digit_spelling(digit);
      text += small_unit_spelling(position);
      upper_nonzero_position = position;
    }
    if (position % section_size == 0) append_section_unit(text, digits, position);
  }
}

void append_fraction(std::string& text, bool has_yuan, int yuan_digit, int jiao, int fen,
                     VariantChoices& choices) {
  if (jiao == 0 && fen == 0) {
    text += "整";  // 附件一 二
    return;
  }
  if (jiao == 0) {
    if (has_yuan) text += "零";  // 附件一 四(四): required
    text += digit_spelling(fen);
    text += "分";
    return;
  }
  // 附件一 四(三): optional; canonical writes it, as in its 1680.32 example.
  if (has_yuan && yuan_digit == 0 && !choices.take_alternative()) text += "零";
  text += digit_spelling(jiao);
  text += "角";
  if (fen != 0) {
    text += digit_spelling(fen);
    text += "分";
  } else if (choices.take_alternative()) {
    text += "整";  // 附件一 二: optional after 角; canonical leaves it out
  }
}

std::string spell_magnitude(std::int64_t magnitude_fen, VariantChoices& choices) {
  if (magnitude_fen == 0) return "零元整";
  const std::int64_t yuan = magnitude_fen / 100;
  const auto jiao = static_cast<int>(magnitude_fen / 10 % 10);
  const auto fen = static_cast<int>(magnitude_fen % 10);
  std::string text;
  if (yuan != 0) {
    append_integer(text, yuan, choices);
    text += "元";
  }
  append_fraction(text, yuan != 0, static_cast<int>(yuan % 10), jiao, fen, choices);
  return text;
}

std::string canonical_magnitude(std::int64_t magnitude_fen) {
  VariantChoices canonical(0);
  return spell_magnitude(magnitude_fen, canonical);
}

bool is_accepted_spelling(const std::string& spelled, std::int64_t magnitude_fen) {
  VariantChoices canonical(0);
  spell_magnitude(magnitude_fen, canonical);
  const unsigned spots = canonical.spots_met();
  JIANGBU_ASSERT(spots <= max_optional_spots);
  for (unsigned mask = 0; mask < (1U << spots); ++mask) {
    VariantChoices choices(mask);
    if (spell_magnitude(magnitude_fen, choices) == spelled) return true;
  }
  return false;
}

// ---------------------------------------------------------------- reading

struct Tokenized {
  bool negative = false;
  std::vector<Token> tokens;
};

std::optional<Spelling> match_spelling(std::string_view text) {
  for (const Spelling& spelling : input_spellings) {
    if (starts_with(text, spelling.text)) return spelling;
  }
  return std::nullopt;
}

std::size_t utf8_character_bytes(unsigned char lead_byte) {
  if (lead_byte < 0x80U) return 1;
  if (lead_byte >= 0xF0U) return 4;
  if (lead_byte >= 0xE0U) return 3;
  return 2;
}

std::string describe_unknown(std::string_view rest) {
  const auto lead_byte = static_cast<unsigned char>(rest.front());
  if (lead_byte == ' ' || lead_byte == '\t') return "blank inside the amount";
  const std::size_t size = std::min(utf8_character_bytes(lead_byte), rest.size());
  return "unexpected character '" + std::string(rest.substr(0, size)) + "'";
}

Result<Tokenized> tokenize(std::string_view text) {
  std::string_view body = text;
  if (starts_with(body, "人民币")) body.remove_prefix(std::string_view("人民币").size());
  Tokenized tokenized;
  if (starts_with(body, "负")) {
    tokenized.negative = true;
    body.remove_prefix(std::string_view("负").size());
  }
  if (body.empty()) return bad_amount(text, "no digits");
  std::size_t offset = 0;
  while (offset < body.size()) {  // every pass consumes at least one character
    const std::optional<Spelling> spelling = match_spelling(body.substr(offset));
    if (!spelling) return bad_amount(text, describe_unknown(body.substr(offset)));
    tokenized.tokens.push_back(spelling->token);
    offset += spelling->text.size();
  }
  return tokenized;
}

std::string spell_tokens(const std::vector<Token>& tokens) {
  std::string spelled;
  for (const Token& token : tokens) spelled += canonical_spelling(token);
  return spelled;
}

using Refusal = std::optional<std::string>;

std::string quoted_unit(const Token& token) { return "'" + std::string(canonical_spelling(token)) + "'"; }

// Reads tokens left to right into a value, refusing structural mistakes with
// a reason. It is deliberately lenient about where 零 goes: the spelling is
// checked afterwards against the accepted forms of the value read.
class UppercaseReader {
 public:
  Refusal feed(const Token& token) {
    Refusal refusal = phase_ == Phase::integer ? feed_integer(token) : feed_fraction(token);
    previous_was_zero_ = token.symbol == Symbol::digit && token.digit == 0;
    ++tokens_fed_;
    return refusal;
  }

  Refusal finish() const {
    if (phase_ == Phase::integer) return "missing 元";
    if (pending_digit_) return digit_without_unit(*pending_digit_);
    if (!jiao_seen_ && !fen_seen_ && !zheng_seen_) return "missing 整 after 元";
    return std::nullopt;
  }

  [[nodiscard]] std::int64_t magnitude_fen() const { return integer_yuan_ * 100 + jiao_ * 10 + fen_; }

 private:
  enum class Phase { integer, fraction };
  static constexpr int empty_section = section_size;  // no 拾佰仟 used yet

  static std::string digit_without_unit(int digit) {
    return "digit '" + std::string(digit_spelling(digit)) + "' has no unit";
  }

  Refusal feed_integer(const Token& token) {
    switch (token.symbol) {
      case Symbol::digit: return take_integer_digit(token.digit);
      case Symbol::ten: return add_small_unit(1, token);
      case Symbol::hundred: return add_small_unit(2, token);
      case Symbol::thousand: return add_small_unit(3, token);
      case Symbol::ten_thousand: return close_wan_group(token);
      case Symbol::hundred_million: return close_yi_group(token);
      case Symbol::yuan: return close_integer(token);
      case Symbol::jiao:
      case Symbol::fen: return start_fraction_without_yuan(token);
      case Symbol::zheng: return "missing 元 before '整'";
    }
    return std::nullopt;
  }

  Refusal take_integer_digit(int digit) {
    if (pending_digit_) return digit_without_unit(*pending_digit_);
    if (digit == 0) {
      if (previous_was_zero_) return "repeated 零";
      return std::nullopt;
    }
    pending_digit_ = digit;
    zero_before_pending_ = previous_was_zero_;
    return std::nullopt;
  }

  Refusal zero_carries_unit(const Token& token) const {
    if (previous_was_zero_) return "零 cannot carry a unit (零" + std::string(canonical_spelling(token)) + ")";
    return std::nullopt;
  }

  Refusal add_small_unit(int exponent, const Token& token) {
    if (Refusal refusal = zero_carries_unit(token)) return refusal;
    if (!pending_digit_) {
      if (tokens_fed_ != 0 || exponent != 1) return "unit " + quoted_unit(token) + " has no digit";
      pending_digit_ = 1;  // a bare leading 拾 means 壹拾 (拾万元整)
      zero_before_pending_ = false;
    }
    if (exponent == last_small_exponent_) return "repeated unit " + quoted_unit(token);
    if (exponent > last_small_exponent_) return "unit " + quoted_unit(token) + " out of order";
    // Inside a section every skipped place needs its 零 (附件一 四(一)).
    if (last_small_exponent_ != empty_section && exponent != last_small_exponent_ - 1 &&
        !zero_before_pending_) {
      return "missing 零 before '" + std::string(digit_spelling(*pending_digit_)) +
             std::string(canonical_spelling(token)) + "'";
    }
    section_ += std::int64_t{*pending_digit_} * power_of_ten(exponent);
    last_small_exponent_ = exponent;
    pending_digit_.reset();
    return std::nullopt;
  }

  // The digit before 万, 亿 or 元 is the units digit of its section.
  Refusal place_units_digit() {
    if (!pending_digit_) return std::nullopt;
    if (last_small_exponent_ != empty_section && last_small_exponent_ != 1 && !zero_before_pending_) {
      return digit_without_unit(*pending_digit_) + " (or the 零 before it is missing)";
    }
    section_ += *pending_digit_;
    last_small_exponent_ = 0;
    pending_digit_.reset();
    return std::nullopt;
  }

  void start_section() {
    section_ = 0;
    last_small_exponent_ = empty_section;
  }

  Refusal close_wan_group(const Token& token) {
    if (Refusal refusal = zero_carries_unit(token)) return refusal;
    if (Refusal refusal = place_units_digit()) return refusal;
    if (wan_seen_) return "repeated unit " + quoted_unit(token);
    if (section_ == 0) return "unit " + quoted_unit(token) + " has no digit";
    wan_group_ = section_;
    wan_seen_ = true;
    start_section();
    return std::nullopt;
  }

  Refusal close_yi_group(const Token& token) {
    if (Refusal refusal = zero_carries_unit(token)) return refusal;
    if (Refusal refusal = place_units_digit()) return refusal;
    if (yi_seen_) return "repeated unit " + quoted_unit(token);
    const std::int64_t level = wan_group_ * 10'000 + section_;  // 万亿 when this section is empty
    if (level == 0) return "unit " + quoted_unit(token) + " has no digit";
    above_yi_ = level;
    yi_seen_ = true;
    wan_group_ = 0;
    wan_seen_ = false;
    start_section();
    return std::nullopt;
  }

  Refusal close_integer(const Token& token) {
    const bool zero_yuan = previous_was_zero_ && tokens_fed_ == 1;  // 零元整
    if (!zero_yuan) {
      if (Refusal refusal = zero_carries_unit(token)) return refusal;
    }
    if (Refusal refusal = place_units_digit()) return refusal;
    integer_yuan_ = above_yi_ * 100'000'000 + wan_group_ * 10'000 + section_;
    if (integer_yuan_ == 0 && !zero_yuan) return "unit " + quoted_unit(token) + " has no digit";
    yuan_seen_ = true;
    phase_ = Phase::fraction;
    return std::nullopt;
  }

  // Amounts under one yuan start straight with 角 or 分 (伍角, 伍分).
  Refusal start_fraction_without_yuan(const Token& token) {
    if (!pending_digit_ || tokens_fed_ != 1) return "missing 元 before " + quoted_unit(token);
    phase_ = Phase::fraction;
    return feed_fraction(token);
  }

  Refusal feed_fraction(const Token& token) {
    if (zheng_seen_) return "text after 整";
    switch (token.symbol) {
      case Symbol::digit: return take_fraction_digit(token.digit);
      case Symbol::jiao: return take_jiao(token);
      case Symbol::fen: return take_fen(token);
      case Symbol::zheng: return take_zheng();
      case Symbol::yuan:
        if (yuan_seen_) return "repeated unit " + quoted_unit(token);
        return "unit " + quoted_unit(token) + " out of order";
      case Symbol::ten:
      case Symbol::hundred:
      case Symbol::thousand:
      case Symbol::ten_thousand:
      case Symbol::hundred_million: return "unit " + quoted_unit(token) + " out of order";
    }
    return std::nullopt;
  }

  Refusal take_fraction_digit(int digit) {
    if (pending_digit_) return digit_without_unit(*pending_digit_);
    if (digit != 0) {
      pending_digit_ = digit;
      return std::nullopt;
    }
    if (previous_was_zero_) return "repeated 零";
    if (jiao_seen_ || fen_seen_) return "misplaced 零";
    return std::nullopt;
  }

  Refusal unit_without_digit(const Token& token) const {
    if (Refusal refusal = zero_carries_unit(token)) return refusal;
    return "unit " + quoted_unit(token) + " has no digit";
  }

  Refusal take_jiao(const Token& token) {
    if (!pending_digit_) return unit_without_digit(token);
    if (fen_seen_) return "角 must come before 分";
    if (jiao_seen_) return "repeated unit " + quoted_unit(token);
    jiao_ = *pending_digit_;
    jiao_seen_ = true;
    pending_digit_.reset();
    return std::nullopt;
  }

  Refusal take_fen(const Token& token) {
    if (!pending_digit_) return unit_without_digit(token);
    if (fen_seen_) return "repeated unit " + quoted_unit(token);
    fen_ = *pending_digit_;
    fen_seen_ = true;
    pending_digit_.reset();
    return std::nullopt;
  }

  Refusal take_zheng() {
    if (pending_digit_) return digit_without_unit(*pending_digit_);
    if (fen_seen_) return "整 is not written after 分";  // 附件一 二
    zheng_seen_ = true;
    return std::nullopt;
  }

  Phase phase_ = Phase::integer;
  std::size_t tokens_fed_ = 0;
  bool previous_was_zero_ = false;
  std::optional<int> pending_digit_;  // a digit still waiting for its unit
  bool zero_before_pending_ = false;
  int last_small_exponent_ = empty_section;
  std::int64_t section_ = 0;    // the 4-digit section being read
  std::int64_t wan_group_ = 0;  // the section closed by 万 in the current 亿 level
  bool wan_seen_ = false;
  std::int64_t above_yi_ = 0;
  bool yi_seen_ = false;
  std::int64_t integer_yuan_ = 0;
  bool yuan_seen_ = false;
  std::int64_t jiao_ = 0;
  std::int64_t fen_ = 0;
  bool jiao_seen_ = false;
  bool fen_seen_ = false;
  bool zheng_seen_ = false;
};

Result<std::int64_t> read_magnitude_fen(std::string_view text, const std::vector<Token>& tokens) {
  UppercaseReader reader;
  for (const Token& token : tokens) {
    if (Refusal refusal = reader.feed(token)) return bad_amount(text, *refusal);
  }
  if (Refusal refusal = reader.finish()) return bad_amount(text, *refusal);
  return reader.magnitude_fen();
}

bool is_uppercase_only_spelling(const Spelling& spelling) {
  return spelling.token.symbol != Symbol::ten_thousand && spelling.token.symbol != Symbol::yuan;
}

}  // namespace

std::string format_chinese_uppercase(const Money& amount) {
  const std::int64_t magnitude_fen = amount.absolute().fen_int64();
  return (amount.is_negative() ? "负" : "") + canonical_magnitude(magnitude_fen);
}

Result<Money> parse_chinese_uppercase(std::string_view text) {
  if (text.size() > money_text::max_input_bytes) return bad_amount(text, "too long");
  const std::string_view trimmed = money_text::trim_ascii_whitespace(text);
  if (trimmed.empty()) return Error("missing-field", "amount is empty");
  if (trimmed.size() > max_uppercase_bytes) return bad_amount(trimmed, "too long");
  Result<Tokenized> tokenized = tokenize(trimmed);
  if (!tokenized.ok()) return tokenized.error();
  const Result<std::int64_t> magnitude = read_magnitude_fen(trimmed, tokenized.value().tokens);
  if (!magnitude.ok()) return magnitude.error();
  const std::int64_t magnitude_fen = magnitude.value();
  if (tokenized.value().negative && magnitude_fen == 0) return bad_amount(trimmed, "negative zero");
  if (!is_accepted_spelling(spell_tokens(tokenized.value().tokens), magnitude_fen)) {
    return bad_amount(trimmed, "not written in standard 大写 form: " +
                                   format_yuan(Money::from_fen(magnitude_fen)) + " is written " +
                                   canonical_magnitude(magnitude_fen));
  }
  return Money::from_fen(tokenized.value().negative ? -magnitude_fen : magnitude_fen);
}

bool contains_chinese_uppercase_numeral(std::string_view text) {
  for (const Spelling& spelling : input_spellings) {
    if (is_uppercase_only_spelling(spelling) && text.find(spelling.text) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace jiangbu
