#include "web/password_hash.hpp"

#include <sodium.h>

#include <new>

#include "core/assert.hpp"
#include "core/text.hpp"
#include "core/reason_code.hpp"

namespace jiangbu {

namespace {

void initialise_sodium() {
  // sodium_init is idempotent and thread-safe; -1 means no usable entropy.
  JIANGBU_ASSERT(sodium_init() >= 0);
}

}  // namespace

Status check_new_password(std::string_view password) {
  if (password.size() < password_bytes_min || password.size() > password_bytes_max) {
    return make_error(ReasonCode::bad_password,
                      "a password must be 12 to 128 bytes long (" + std::to_string(password.size()) + " given)",
                      "password");
  }
  if (!validate_text(password, "password", password_bytes_max)) {
    return make_error(ReasonCode::bad_password, "a password must be UTF-8 text without control characters",
                      "password");
  }
  return success();
}

std::string hash_password(std::string_view password) {
  initialise_sodium();
  char encoded[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(encoded, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::bad_alloc();  // the only failure libsodium documents: out of memory
  }
  return std::string(encoded);
}

bool password_matches(std::string_view encoded_hash, std::string_view password) {
  initialise_sodium();
  if (!encoded_hash.starts_with("$argon2id$") || encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(encoded_hash);  // the API wants a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_password_hash() {
  static const std::string decoy = hash_password("no account has this password");
  return decoy;
}

}  // namespace jiangbu
