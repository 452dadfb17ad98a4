#include "core/sha256.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

#include "core/assert.hpp"

namespace jiangbu {

namespace {

crypto_hash_sha256_state& state_of(unsigned char* storage) {
  return *reinterpret_cast<crypto_hash_sha256_state*>(storage);
}

void ensure_sodium_initialised() {
  // sodium_init is idempotent and thread-safe; -1 means no usable randomness
  // source, which hashing does not need but later users (argon2id) would.
  static const int initialised = sodium_init();
  if (initialised < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256::state_ is too small");

Sha256::Sha256() {
  ensure_sodium_initialised();
  crypto_hash_sha256_init(&state_of(state_));
}

Sha256& Sha256::update(std::string_view bytes) {
  JIANGBU_ASSERT(!finished_ && "Sha256 used after hex_digest()");
  crypto_hash_sha256_update(&state_of(state_), reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  return *this;
}

std::string Sha256::hex_digest() {
  JIANGBU_ASSERT(!finished_ && "Sha256::hex_digest() called twice");
  finished_ = true;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_of(state_), digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex_digest(); }

bool is_sha256_hex(std::string_view text) {
  if (text.size() != sha256_hex_length) return false;
  for (const char character : text) {
    const bool digit = character >= '0' && character <= '9';
    const bool letter = character >= 'a' && character <= 'f';
    if (!digit && !letter) return false;
  }
  return true;
}

}  // namespace jiangbu
