// rng_test.cpp — the core's generator: fixed streams per seed, ranges, and moments of its distributions.
#include <doctest/doctest.h>

#include <cmath>

#include "core/rng.h"

using namespace relulab::core;

TEST_CASE("rng: same seed and stream give the same numbers; streams differ") {
  Rng a = make_rng(42, kStreamData), b = make_rng(42, kStreamData), c = make_rng(42, kStreamInit);
  bool all_same = true, any_same_as_c = false;
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t x = next_u64(a), y = next_u64(b), z = next_u64(c);
    all_same = all_same && x == y;
    any_same_as_c = any_same_as_c || x == z;
  }
  CHECK(all_same);
  CHECK_FALSE(any_same_as_c);
}

TEST_CASE("rng: splitmix64 reference values") {
  // Published splitmix64 outputs for seed 0 (Vigna's splitmix64.c): 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4.
  std::uint64_t x = 0;
  CHECK(splitmix64(x) == 0xE220A8397B1DCDAFull);
  CHECK(splitmix64(x) == 0x6E789E6AA1B965F4ull);
}

TEST_CASE("rng: uniform, normal and Beta(2,1) moments within 5 standard errors") {
  Rng rng = make_rng(7, 99);
  const int n = 200000;
  double sum_u = 0, sum_n = 0, sum_n2 = 0, sum_b = 0;
  bool in_range = true;
  for (int i = 0; i < n; ++i) {
    const double u = uniform01(rng);
    const double o = uniform_open01(rng);
    in_range = in_range && u >= 0 && u < 1 && o > 0 && o < 1;
    sum_u += u;
    const double g = normal(rng);
    sum_n += g;
    sum_n2 += g * g;
    sum_b += beta_2_1(rng);
  }
  CHECK(in_range);
  // uniform: mean 1/2, sd 1/sqrt(12); normal: mean 0, variance 1 (sd of the sample variance ~ sqrt(2/n));
  // Beta(2,1): mean 2/3, variance 1/18.
  CHECK(std::abs(sum_u / n - 0.5) < 5 * std::sqrt(1.0 / 12 / n));
  CHECK(std::abs(sum_n / n) < 5 * std::sqrt(1.0 / n));
  CHECK(std::abs(sum_n2 / n - 1.0) < 5 * std::sqrt(2.0 / n));
  CHECK(std::abs(sum_b / n - 2.0 / 3.0) < 5 * std::sqrt(1.0 / 18 / n));
}
