// initializers_test.cpp — each rule of core/initializers.h: the sample mean and variance of a large draw
// against the closed form. Tolerance: 6 standard errors of the mean (sd / sqrt(N)) and 3% relative for the
// variance (its standard error is at most about 0.6% at N = 200 000 for these distributions).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "core/initializers.h"
#include "core/rng.h"

using namespace relulab::core;

namespace {

struct Moments {
  double mean = 0, variance = 0;
  std::size_t n = 0;
};

Moments moments(const std::vector<double>& x) {
  Moments m;
  m.n = x.size();
  for (const double v : x) m.mean += v;
  m.mean /= static_cast<double>(m.n);
  for (const double v : x) m.variance += (v - m.mean) * (v - m.mean);
  m.variance /= static_cast<double>(m.n - 1);
  return m;
}

struct Draw {
  std::vector<double> weights, biases;
};

// A layer of `out` units with `in` inputs each, drawn by init_layer.
Draw draw(InitKind kind, int in, int out, std::uint64_t seed) {
  Rng rng = make_rng(seed, kStreamInit);
  Matrix w(out, in);
  Vector b(out);
  init_layer(kind, rng, w, b);
  Draw d;
  d.weights.assign(w.data(), w.data() + w.size());
  d.biases.assign(b.data(), b.data() + b.size());
  return d;
}

void check_moments(const std::vector<double>& x, double mean, double variance) {
  const Moments m = moments(x);
  INFO("mean " << m.mean << " (want " << mean << "), variance " << m.variance << " (want " << variance << ")");
  CHECK(std::abs(m.mean - mean) <= 6.0 * std::sqrt(variance / static_cast<double>(m.n)));
  CHECK(std::abs(m.variance - variance) <= 0.03 * variance);
}

constexpr int kIn = 200, kOut = 1000;  // 200 000 weights

}  // namespace

TEST_CASE("initializers: normal rules have mean 0 and variance 2/fan_in, 2/(fan_in+fan_out), 1/fan_in; bias 0") {
  const struct { InitKind kind; double variance; } cases[] = {
      {InitKind::HeNormal, 2.0 / kIn},
      {InitKind::GlorotNormal, 2.0 / (kIn + kOut)},
      {InitKind::LecunNormal, 1.0 / kIn},
  };
  for (const auto& c : cases) {
    INFO(init_name(c.kind));
    const Draw d = draw(c.kind, kIn, kOut, 11);
    check_moments(d.weights, 0.0, c.variance);
    for (const double b : d.biases) REQUIRE(b == 0.0);
  }
}

TEST_CASE("initializers: uniform rules U(±r) stay inside ±r and have variance r^2/3; bias 0") {
  const struct { InitKind kind; double r; } cases[] = {
      {InitKind::HeUniform, std::sqrt(6.0 / kIn)},
      {InitKind::GlorotUniform, std::sqrt(6.0 / (kIn + kOut))},
      {InitKind::LecunUniform, std::sqrt(3.0 / kIn)},
  };
  for (const auto& c : cases) {
    INFO(init_name(c.kind));
    const Draw d = draw(c.kind, kIn, kOut, 12);
    check_moments(d.weights, 0.0, c.r * c.r / 3.0);
    bool inside = true;
    for (const double w : d.weights) inside = inside && w >= -c.r && w < c.r;
    CHECK(inside);
    for (const double b : d.biases) REQUIRE(b == 0.0);
  }
}

TEST_CASE("initializers: NegativeUniform is U(-1, 0) with bias 0; Playground is U(-0.5, 0.5) with bias 0.1") {
  const Draw neg = draw(InitKind::NegativeUniform, kIn, kOut, 13);
  check_moments(neg.weights, -0.5, 1.0 / 12.0);
  bool inside = true;
  for (const double w : neg.weights) inside = inside && w >= -1.0 && w <= 0.0;
  CHECK(inside);
  for (const double b : neg.biases) REQUIRE(b == 0.0);

  const Draw play = draw(InitKind::Playground, kIn, kOut, 14);
  check_moments(play.weights, 0.0, 1.0 / 12.0);
  inside = true;
  for (const double w : play.weights) inside = inside && w >= -0.5 && w < 0.5;
  CHECK(inside);
  for (const double b : play.biases) REQUIRE(b == 0.1);
}

TEST_CASE("initializers: RAI gives each unit's (w, b) one Beta(2, 1) entry, the rest N(0, 0.36/fan_in)") {
  // Each of the fan_in + 1 entries is, with probability q = 1/(fan_in + 1), Beta(2, 1) (mean 2/3, E[x^2] 1/2),
  // else N(0, s2), s2 = 0.36/fan_in. So mean = 2q/3 and variance = q/2 + (1 - q) s2 - mean^2.
  constexpr int kFanIn = 4, kUnits = 50000;  // a small fan_in so the Beta entry weighs in the moments
  const Draw d = draw(InitKind::RAI, kFanIn, kUnits, 15);
  std::vector<double> entries = d.weights;
  entries.insert(entries.end(), d.biases.begin(), d.biases.end());
  const double q = 1.0 / (kFanIn + 1), s2 = 0.36 / kFanIn, mean = 2.0 * q / 3.0;
  check_moments(entries, mean, q / 2.0 + (1.0 - q) * s2 - mean * mean);

  // Biases alone have the same law as weights (the positive entry's position is uniform over all fan_in + 1).
  const Moments bias = moments(d.biases);
  CHECK(std::abs(bias.mean - mean) <= 6.0 * std::sqrt((q / 2.0 + (1.0 - q) * s2) / kUnits));
}

TEST_CASE("initializers: init_unit writes fan_in entries `stride` apart and nothing between them") {
  Rng rng = make_rng(3, kStreamInit);
  std::vector<double> buffer(3 * 5, 7.0);
  double bias = 7.0;
  init_unit(InitKind::HeNormal, 5, 1, rng, buffer.data(), 3, &bias);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    if (i % 3 == 0) CHECK(buffer[i] != 7.0);
    else CHECK(buffer[i] == 7.0);
  }
  CHECK(bias == 0.0);
}
