#pragma once
// The random numbers of the synthetic national data set: the same numbers on every platform, and a
// stream of its own for each part of the data set and each index, so any record can be made again
// without making the ones before it.
#include <array>
#include <cstdint>

namespace resettle::services {

// SplitMix64: small, fast, and the same numbers on every platform (unlike std distributions).
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int bound) { return static_cast<int>(next() % static_cast<std::uint64_t>(bound)); }
  bool percent(int chance) { return below(100) < chance; }
  template <typename T, std::size_t N>
  const T& pick(const std::array<T, N>& list) {
    return list[below(static_cast<int>(N))];
  }

 private:
  std::uint64_t state_;
};

inline Random random_for(std::uint64_t seed, std::uint64_t stream, std::int64_t index) {
  Random mixer{seed ^ (stream * 0xD1B54A32D192ED03ULL)};
  return Random{mixer.next() + static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL};
}

}  // namespace resettle::services
