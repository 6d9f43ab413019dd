// born_dead_test.cpp — the Monte Carlo of "born dead" deep narrow ReLU nets against the closed form.
#include <doctest/doctest.h>

#include <cmath>

#include "core/born_dead.h"

using namespace relulab::core;

TEST_CASE("born dead: closed form 1 - prod (1 - 2^-N) for width 3, 9 hidden layers is 0.6993") {
  CHECK(born_dead_pointwise_probability(std::vector<int>(9, 3)) == doctest::Approx(1 - std::pow(7.0 / 8.0, 9)));
  CHECK(born_dead_pointwise_probability(std::vector<int>(9, 3)) == doctest::Approx(0.6993).epsilon(1e-4));
}

TEST_CASE("born dead: Monte Carlo matches the closed form within three standard errors (He normal, zero bias)") {
  for (const std::vector<int>& widths : {std::vector<int>(9, 3), std::vector<int>{2, 4, 2, 3}, std::vector<int>(5, 1)}) {
    BornDeadConfig config;
    config.hidden = widths;
    config.inputs = 2;
    config.trials = 20000;
    config.seed = 2024;
    const BornDeadResult result = estimate_born_dead(config);
    const Scalar expected = born_dead_pointwise_probability(widths);
    CAPTURE(result.probability);
    CAPTURE(expected);
    CHECK(result.trials == 20000);
    CHECK(result.standard_error > 0);
    CHECK(std::abs(result.probability - expected) < 3 * result.standard_error);
    std::int64_t by_layer = 0;
    for (std::int64_t count : result.first_dead_layer) by_layer += count;
    CHECK(by_layer == result.born_dead);
  }
}

TEST_CASE("born dead: RAI makes a deep narrow net far less likely to be born dead than He normal") {
  BornDeadConfig config;
  config.trials = 5000;
  const Scalar he = estimate_born_dead(config).probability;
  config.init = InitKind::RAI;
  const Scalar rai = estimate_born_dead(config).probability;
  CAPTURE(he);
  CAPTURE(rai);
  CHECK(rai < he - 0.2);
}

TEST_CASE("born dead: over the domain a net is born dead less often than at one point") {
  BornDeadConfig config;
  config.trials = 4000;
  config.points = 64;
  const Scalar domain = estimate_born_dead(config).probability;
  config.points = 1;
  const Scalar pointwise = estimate_born_dead(config).probability;
  CHECK(domain < pointwise);
  // Width 1: the net is constant over the domain unless every layer keeps a positive sign: with inputs on both
  // sides of 0 the first unit is active somewhere, each later unit with probability 1/2.
  config.hidden = std::vector<int>(6, 1);
  config.points = 256;
  config.trials = 20000;
  const BornDeadResult width1 = estimate_born_dead(config);
  const Scalar closed = 1 - std::pow(0.5, 5);  // 1 - 2^-(L-1) for L hidden layers
  CHECK(std::abs(width1.probability - closed) < 3 * width1.standard_error + 0.01);
}
