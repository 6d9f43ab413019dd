// rng.cpp — splitmix64 / xoshiro256** (Blackman & Vigna) and the few distributions the core draws from.
#include "core/rng.h"

#include <cmath>

namespace relulab::core {

namespace {
constexpr Scalar kTwoPi = 6.283185307179586476925286766559;
constexpr Scalar kTwoPow53 = 9007199254740992.0;

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t splitmix64(std::uint64_t& x) {
  x += 0x9E3779B97F4A7C15ull;
  std::uint64_t z = x;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Rng make_rng(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t x = seed;
  std::uint64_t mixed = splitmix64(x) ^ (stream * 0xD1B54A32D192ED03ull);
  Rng rng;
  for (auto& word : rng.state) word = splitmix64(mixed);
  return rng;
}

std::uint64_t next_u64(Rng& rng) {
  auto& s = rng.state;
  const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
  const std::uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

Scalar uniform01(Rng& rng) { return static_cast<Scalar>(next_u64(rng) >> 11) / kTwoPow53; }

Scalar uniform_open01(Rng& rng) {
  return (static_cast<Scalar>(next_u64(rng) >> 11) + 0.5) / kTwoPow53;
}

Scalar uniform(Rng& rng, Scalar lo, Scalar hi) { return lo + (hi - lo) * uniform01(rng); }

Scalar normal(Rng& rng) {
  const Scalar u1 = uniform_open01(rng);
  const Scalar u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

Scalar beta_2_1(Rng& rng) { return std::sqrt(uniform01(rng)); }

std::uint64_t uniform_index(Rng& rng, std::uint64_t n) { return next_u64(rng) % n; }

}  // namespace relulab::core
