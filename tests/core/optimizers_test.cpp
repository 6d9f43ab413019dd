// optimizers_test.cpp — one or two updates of each optimizer against numbers worked out by hand.
// Start: p = (1, -2), g = (0.5, 0.25), lr = 0.1.
#include <doctest/doctest.h>

#include "core/optimizers.h"

using namespace relulab::core;

namespace {
struct Setup {
  TrainConfig train;
  OptimizerState state;
  Vector params = Vector::Zero(2), grads = Vector::Zero(2), mask = Vector::Ones(2);
  explicit Setup(OptimizerKind kind) {
    train.optimizer = kind;
    train.lr = 0.1;
    params << 1.0, -2.0;
    reset_optimizer(kind, 2, state);
  }
  void step(double g0, double g1) {
    grads << g0, g1;
    optimizer_step(train, train.lr, mask, grads, params, state);
  }
};
constexpr double kTol = 1e-12;
}  // namespace

TEST_CASE("optimizers: SGD p -= lr g") {
  Setup s(OptimizerKind::SGD);
  s.step(0.5, 0.25);
  CHECK(s.params(0) == doctest::Approx(0.95).epsilon(kTol));    // 1 - 0.1 * 0.5
  CHECK(s.params(1) == doctest::Approx(-2.025).epsilon(kTol));  // -2 - 0.1 * 0.25
}

TEST_CASE("optimizers: momentum, two steps") {
  Setup s(OptimizerKind::Momentum);  // mu = 0.9
  s.step(0.5, 0.25);                 // v = g = (0.5, 0.25); p = (0.95, -2.025)
  CHECK(s.params(0) == doctest::Approx(0.95).epsilon(kTol));
  s.step(0.5, 0.25);                 // v = 0.9 v + g = (0.95, 0.475); p -= 0.1 v
  CHECK(s.params(0) == doctest::Approx(0.855).epsilon(kTol));
  CHECK(s.params(1) == doctest::Approx(-2.0725).epsilon(kTol));
}

TEST_CASE("optimizers: Nesterov, two steps") {
  Setup s(OptimizerKind::Nesterov);  // p -= lr (g + mu v) with v = mu v + g
  s.step(0.5, 0.25);                 // v = (0.5, 0.25); step = 0.1 (0.95, 0.475) -> p = (0.905, -2.0475)
  CHECK(s.params(0) == doctest::Approx(0.905).epsilon(kTol));
  CHECK(s.params(1) == doctest::Approx(-2.0475).epsilon(kTol));
  s.step(0.5, 0.25);                 // v = (0.95, 0.475); step = 0.1 (1.355, 0.6775) -> p = (0.7695, -2.11525)
  CHECK(s.params(0) == doctest::Approx(0.7695).epsilon(kTol));
  CHECK(s.params(1) == doctest::Approx(-2.11525).epsilon(kTol));
}

TEST_CASE("optimizers: Adam, two steps (bias-corrected)") {
  Setup s(OptimizerKind::Adam);  // beta1 0.9, beta2 0.999, eps 1e-8
  // Step 1: m_hat = g, s_hat = g^2, so the step is lr * g / (|g| + eps).
  s.step(0.5, 0.25);
  CHECK(s.params(0) == doctest::Approx(1.0 - 0.1 * 0.5 / (0.5 + 1e-8)).epsilon(kTol));   // 0.900000002
  CHECK(s.params(1) == doctest::Approx(-2.0 - 0.1 * 0.25 / (0.25 + 1e-8)).epsilon(kTol));
  CHECK(s.params(0) == doctest::Approx(0.900000002).epsilon(1e-15));
  // Step 2 with g = (-0.5, 0.25):
  //   m = 0.9 (0.05, 0.025) + 0.1 (-0.5, 0.25) = (-0.005, 0.0475); m_hat = m / 0.19 = (-0.0263157894..., 0.25)
  //   s = 0.999 (0.00025, 0.0000625) + 0.001 (0.25, 0.0625) = (0.00049975, 0.0001249375);
  //   s_hat = s / 0.001999 = (0.25, 0.0625); sqrt = (0.5, 0.25)
  s.step(-0.5, 0.25);
  CHECK(s.params(0) == doctest::Approx(0.900000002 + 0.1 * (0.005 / 0.19) / (0.5 + 1e-8)).epsilon(kTol));
  CHECK(s.params(0) == doctest::Approx(0.9052631597894737).epsilon(1e-12));
  CHECK(s.params(1) == doctest::Approx(-2.0 - 0.1 * 0.25 / (0.25 + 1e-8) * 2).epsilon(kTol));
}

TEST_CASE("optimizers: L2 weight decay only where the mask says, then global-norm clipping") {
  Setup s(OptimizerKind::SGD);
  s.train.weight_decay = 0.1;
  s.mask << 1.0, 0.0;              // p0 is a weight, p1 a bias
  s.step(0.5, 0.25);               // g = (0.5 + 0.1 * 1, 0.25) = (0.6, 0.25)
  CHECK(s.params(0) == doctest::Approx(0.94).epsilon(kTol));
  CHECK(s.params(1) == doctest::Approx(-2.025).epsilon(kTol));

  Setup c(OptimizerKind::SGD);
  c.train.clip_norm = 1.0;
  c.step(3.0, 4.0);                // |g| = 5 -> g = (0.6, 0.8)
  CHECK(c.params(0) == doctest::Approx(0.94).epsilon(kTol));
  CHECK(c.params(1) == doctest::Approx(-2.08).epsilon(kTol));
  c.step(0.3, 0.4);                // |g| = 0.5 < 1: unchanged
  CHECK(c.params(0) == doctest::Approx(0.91).epsilon(kTol));
}
