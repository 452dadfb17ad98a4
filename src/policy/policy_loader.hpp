#pragma once
// Reading policy files (accounts/policies/<policy_id>.toml) into Policy.
//
// A file is refused as a whole, with the file, the key and the reason
// (code "bad-policy"), when it is malformed or inconsistent: a TOML syntax
// error, an unknown key (a typo must not silently drop a rule), a value
// without its citation, an amount that is a TOML number or does not parse,
// a cap below a tier amount, duplicate category codes or names, a category
// both allowed and banned, an expense account missing from the unit charts,
// fewer than one lead unit, a policy_id that is not the file name, …
// The format is described in the bundled files themselves.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "policy/policy.hpp"

namespace jiangbu {

// file_name is used in messages and must end in "<policy_id>.toml" (any
// directory before it is ignored).
Result<Policy> parse_policy(std::string_view toml_text, std::string_view file_name);

// Every accounts/policies/*.toml compiled into the binary, in file order;
// refuses two files with one policy_id.
Result<std::vector<Policy>> bundled_policies();

// Every *.toml directly in directory, sorted by name: for a bureau that keeps
// its own policy files, and for `jiangbu policy check`.
Result<std::vector<Policy>> load_policies_from_directory(const std::string& directory);

// Reads and parses one file from disk (the message names the path).
Result<Policy> load_policy_file(const std::string& path);

}  // namespace jiangbu
