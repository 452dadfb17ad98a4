#pragma once
// Batch input for registry commands: a JSON array, one object per row. Each
// row is applied in its own transaction, so a bad row is reported (row,
// field, reason) without losing the rows before or after it; the command
// exits non-zero when any row failed.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"

namespace jiangbu {

inline constexpr std::size_t batch_rows_max = 100'000;

// apply_row returns a short description of what it did ("granted XX2024-003").
using BatchRow = std::function<Result<std::string>(const nlohmann::json& row)>;

void run_batch(Context& context, const std::string& path, const BatchRow& apply_row);

// Field access for batch rows: strings only (amounts too), errors name the field.
Result<std::string> json_string(const nlohmann::json& row, const std::string& key, bool required);
Result<std::vector<std::string>> json_strings(const nlohmann::json& row, const std::string& key);

std::string read_text_file(const std::string& path);

}  // namespace jiangbu
