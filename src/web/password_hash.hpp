#pragma once
// Web passwords are stored only as argon2id hashes (libsodium's
// crypto_pwhash_str_alg, ARGON2ID13 at its "interactive" limits: 64 MiB and
// 2 passes), in libsodium's encoded form, which carries the algorithm, its
// parameters and the salt, so the limits can be raised later without
// invalidating the hashes already stored.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jiangbu {

inline constexpr std::size_t password_bytes_min = 12;
inline constexpr std::size_t password_bytes_max = 128;

// "bad-password" unless 12..128 bytes of valid UTF-8 without control characters.
Status check_new_password(std::string_view password);

// Throws std::bad_alloc when the 64 MiB the hash needs cannot be had.
std::string hash_password(std::string_view password);

// Constant time in the password; false for any hash that is not argon2id.
bool password_matches(std::string_view encoded_hash, std::string_view password);

// A valid hash of no one's password, verified when the user name is unknown
// so that a missing account takes as long to refuse as a wrong password.
const std::string& decoy_password_hash();

}  // namespace jiangbu
