#include "expenditure/invoice.hpp"

#include "core/printable_text.hpp"
#include "core/reason_code.hpp"

namespace jiangbu {

namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char character : text) {
    if (character < '0' || character > '9') return false;
  }
  return true;
}

}  // namespace

Result<std::string> invoice_key(std::string_view invoice_code, std::string_view invoice_number,
                                std::string_view payee_uscc) {
  if (invoice_number.empty()) {
    return make_error(ReasonCode::missing_field, "an expenditure needs its invoice number", "invoice_number");
  }
  if (invoice_code.empty()) {
    if (invoice_number.size() != 20 || !all_digits(invoice_number)) {
      return make_error(ReasonCode::bad_invoice_number,
                        quote_input(invoice_number) +
                            " is not a 20-digit 数电发票 number (a legacy invoice also needs its 发票代码)",
                        "invoice_number");
    }
    return "E:" + std::string(invoice_number) + ":" + std::string(payee_uscc);
  }
  if ((invoice_code.size() != 10 && invoice_code.size() != 12) || !all_digits(invoice_code)) {
    return make_error(ReasonCode::bad_invoice_number,
                      quote_input(invoice_code) + " is not a 10- or 12-digit 发票代码",
                      "invoice_code");
  }
  if (invoice_number.size() != 8 || !all_digits(invoice_number)) {
    return make_error(ReasonCode::bad_invoice_number,
                      quote_input(invoice_number) + " is not an 8-digit 发票号码",
                      "invoice_number");
  }
  return "L:" + std::string(invoice_code) + ":" + std::string(invoice_number) + ":" + std::string(payee_uscc);
}

}  // namespace jiangbu
