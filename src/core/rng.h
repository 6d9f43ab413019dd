// rng.h — the core's own random numbers: splitmix64 seeding, xoshiro256** and Box–Muller normals.
// Identical streams on every compiler and platform (native and WebAssembly); no std:: distributions.
// Not cryptographic. The whole generator state is four words, so it can be copied into the history.
#pragma once

#include <array>
#include <cstdint>

#include "core/types.h"

namespace relulab::core {

struct Rng {
  std::array<std::uint64_t, 4> state{};
};

// A generator for one purpose ("stream") of one seed: streams of the same seed are independent.
Rng make_rng(std::uint64_t seed, std::uint64_t stream);

// Named streams, so that adding a consumer never shifts another consumer's numbers.
enum RngStream : std::uint64_t {
  kStreamData = 1,
  kStreamSplit = 2,
  kStreamInit = 3,
  kStreamShuffle = 4,   // combined with the epoch: one permutation per epoch
  kStreamRRelu = 5,     // combined with the twin index
  kStreamReinit = 6,
  kStreamBornDead = 7,
};

std::uint64_t next_u64(Rng& rng);
Scalar uniform01(Rng& rng);                          // [0, 1), 53 random bits
Scalar uniform_open01(Rng& rng);                     // (0, 1): never exactly 0 or 1
Scalar uniform(Rng& rng, Scalar lo, Scalar hi);      // [lo, hi)
Scalar normal(Rng& rng);                             // N(0, 1), Box–Muller; no cached spare value
Scalar beta_2_1(Rng& rng);                           // Beta(2, 1): density 2x on [0, 1], sampled as sqrt(u)
std::uint64_t uniform_index(Rng& rng, std::uint64_t n);  // [0, n), n > 0 (modulo; bias < n / 2^64)

std::uint64_t splitmix64(std::uint64_t& x);

}  // namespace relulab::core
