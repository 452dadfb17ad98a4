#pragma once
// Draws for the demo generator taken from std::mt19937_64's raw output only.
// The engine's sequence is fixed by the standard for a given seed; the
// distributions of <random> are not (each standard library implements them
// its own way), so a scenario drawn through them would differ between
// machines. Modulo reduction: its bias is below count / 2^64, far under
// anything a generated scenario could show.
#include <cstdint>
#include <random>

namespace jiangbu {

class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, count); count must be positive.
  std::uint64_t below(std::uint64_t count) { return engine_() % count; }
  // Uniform in [first, last].
  std::int64_t between(std::int64_t first, std::int64_t last) {
    return first + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(last - first + 1)));
  }
  bool per_mille(std::uint64_t chance) { return below(1000) < chance; }
  template <typename Items>
  const auto& pick(const Items& items) {
    return items[static_cast<std::size_t>(below(static_cast<std::uint64_t>(std::size(items))))];
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace jiangbu
