#pragma once
// SHA-256 (FIPS 180-4) through libsodium's crypto_hash_sha256, as lowercase
// hex. Used where a forger must be defeated (the journal's hash chain), unlike
// checksum.hpp's FNV-1a, which only catches accidents.
#include <string>
#include <string_view>

namespace jiangbu {

inline constexpr std::size_t sha256_hex_length = 64;

// Incremental hashing: feed the parts, then take the digest once.
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view bytes);
  // The digest as 64 lowercase hex digits; the hasher is spent afterwards.
  std::string hex_digest();

 private:
  alignas(64) unsigned char state_[128];  // crypto_hash_sha256_state, opaque here
  bool finished_ = false;
};

std::string sha256_hex(std::string_view bytes);

// True for 64 lowercase hex digits (the form every stored hash takes).
bool is_sha256_hex(std::string_view text);

}  // namespace jiangbu
