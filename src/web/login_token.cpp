#include "web/login_token.hpp"

#include <sodium.h>

#include "core/assert.hpp"
#include "web/session_store.hpp"

namespace jiangbu {

LoginTokens::LoginTokens() {
  JIANGBU_ASSERT(sodium_init() >= 0);
  static_assert(sizeof key_ == crypto_auth_hmacsha256_KEYBYTES);
  crypto_auth_hmacsha256_keygen(key_);
}

std::string LoginTokens::token_for(std::string_view nonce) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(nonce.data()), nonce.size(), key_);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex);
}

bool LoginTokens::matches(std::string_view nonce, std::string_view token) const {
  // A nonce is what random_token() made: 64 hex digits, nothing else.
  if (nonce.size() != 64) return false;
  return tokens_equal(token_for(nonce), token);
}

}  // namespace jiangbu
