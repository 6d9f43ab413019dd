// network_test.cpp — central finite-difference gradient checks of the backward pass for every activation
// x every output/loss through two hidden layers (2-3-4-k), double precision, plus shape/layout checks.
#include <doctest/doctest.h>

#include <cmath>

#include "core/activations.h"
#include "core/initializers.h"
#include "core/network.h"

using namespace relulab::core;

namespace {

const ActivationKind kAllActivations[] = {ActivationKind::ReLU, ActivationKind::Leaky, ActivationKind::PReLU,
                                          ActivationKind::RReLU, ActivationKind::ELU,  ActivationKind::SELU,
                                          ActivationKind::Tanh, ActivationKind::Sigmoid, ActivationKind::Linear};

bool has_kink(ActivationKind kind) {
  return kind == ActivationKind::ReLU || kind == ActivationKind::Leaky || kind == ActivationKind::PReLU ||
         kind == ActivationKind::RReLU || kind == ActivationKind::ELU || kind == ActivationKind::SELU;
}

struct Problem {
  Network net;
  Vector params;
  Matrix x, y;
};

// A random 2-3-4-k problem whose pre-activations all stay at least 1e-3 away from the kink at 0.
Problem make_problem(ActivationKind kind, OutputKind output, std::uint64_t seed) {
  Activation act;
  act.kind = kind;
  act.alpha = kind == ActivationKind::ELU ? 0.7 : 0.2;
  const int outputs = output == OutputKind::SoftmaxCE ? 3 : 1;
  for (std::uint64_t attempt = 0;; ++attempt) {
    Rng rng = make_rng(seed, 1000 + attempt);
    Problem p;
    p.net = make_network(2, {3, 4}, {act}, outputs, output);
    p.params.setZero(p.net.param_count);
    for (const LayerShape& layer : p.net.layers) {
      init_layer(InitKind::GlorotNormal, rng, weight(p.params, layer), bias(p.params, layer));
      for (Eigen::Index i = 0; i < layer.out; ++i) bias(p.params, layer)(i) = uniform(rng, -0.5, 0.5);
      if (layer.alpha >= 0) {
        for (Eigen::Index i = 0; i < layer.out; ++i) prelu_alpha(p.params, layer)(i) = uniform(rng, 0.05, 0.4);
      }
    }
    const int n = 8;
    p.x.resize(2, n);
    p.y.resize(1, n);
    for (int j = 0; j < n; ++j) {
      p.x(0, j) = uniform(rng, -1, 1);
      p.x(1, j) = uniform(rng, -1, 1);
      p.y(0, j) = output == OutputKind::LinearMSE ? uniform(rng, -1, 1)
                  : output == OutputKind::SigmoidCE ? static_cast<double>(j % 2)
                                                    : static_cast<double>(j % 3);
    }
    Workspace ws;
    resize_workspace(p.net, n, ws);
    forward(p.net, p.params, p.x, Pass::Eval, nullptr, ws);
    bool clear = true;
    for (int l = 0; l < 2 && has_kink(kind); ++l) clear = clear && (ws.z[static_cast<std::size_t>(l)].array().abs() > 1e-3).all();
    if (clear) return p;
  }
}

}  // namespace

TEST_CASE("network: layout of the flat parameter vector") {
  const Network net = make_network(2, {6, 5}, {activation_of(ActivationKind::PReLU), activation_of(ActivationKind::ReLU)}, 1,
                                   OutputKind::SigmoidCE);
  REQUIRE(net.layers.size() == 3);
  CHECK(net.layers[0].w == 0);
  CHECK(net.layers[0].b == 12);
  CHECK(net.layers[0].alpha == 18);
  CHECK(net.layers[1].w == 24);
  CHECK(net.layers[1].alpha == -1);
  CHECK(net.layers[2].activation.kind == ActivationKind::Linear);
  CHECK(net.param_count == 12 + 6 + 6 + 30 + 5 + 5 + 1);
}

TEST_CASE("network: backward matches central differences for every activation x every loss (rel. err < 1e-6)") {
  const OutputKind outputs[] = {OutputKind::LinearMSE, OutputKind::SigmoidCE, OutputKind::SoftmaxCE};
  for (ActivationKind kind : kAllActivations) {
    for (OutputKind output : outputs) {
      CAPTURE(activation_name(kind));
      CAPTURE(static_cast<int>(output));
      Problem p = make_problem(kind, output, 11);
      Workspace ws;
      resize_workspace(p.net, p.x.cols(), ws);
      Vector grads = Vector::Zero(p.net.param_count);
      // A training pass (RReLU draws its slopes here); the checks below replay the same slopes.
      Rng rng = make_rng(5, 5);
      loss_and_gradient(p.net, p.params, p.x, p.y, Pass::Train, &rng, ws, grads);
      loss_and_gradient(p.net, p.params, p.x, p.y, Pass::Replay, nullptr, ws, grads);
      const Vector analytic = grads;

      Vector numeric = Vector::Zero(p.net.param_count);
      Vector scratch = Vector::Zero(p.net.param_count);
      const double h = 1e-5;
      for (Eigen::Index i = 0; i < p.params.size(); ++i) {
        Vector shifted = p.params;
        shifted(i) = p.params(i) + h;
        const double up = loss_and_gradient(p.net, shifted, p.x, p.y, Pass::Replay, nullptr, ws, scratch);
        shifted(i) = p.params(i) - h;
        const double down = loss_and_gradient(p.net, shifted, p.x, p.y, Pass::Replay, nullptr, ws, scratch);
        numeric(i) = (up - down) / (2 * h);
      }
      const double relative = (analytic - numeric).norm() / std::max(analytic.norm(), numeric.norm());
      CAPTURE(relative);
      CHECK(relative < 1e-6);
      // Entry by entry as well, with an absolute floor for entries that are (nearly) zero.
      for (Eigen::Index i = 0; i < p.params.size(); ++i) {
        CAPTURE(i);
        CHECK(std::abs(analytic(i) - numeric(i)) <= 1e-6 * std::max(std::abs(analytic(i)), std::abs(numeric(i))) + 1e-9);
      }
    }
  }
}

TEST_CASE("network: RReLU uses the mean slope when evaluating and random slopes in [l, u] when training") {
  Activation act = activation_of(ActivationKind::RReLU);
  const Network net = make_network(1, {1}, {act}, 1, OutputKind::LinearMSE);
  Vector params = Vector::Zero(net.param_count);
  weight(params, net.layers[0])(0, 0) = 1.0;  // z = x
  Matrix x(1, 1000);
  x.setConstant(-1.0);
  Workspace ws;
  resize_workspace(net, x.cols(), ws);
  forward(net, params, x, Pass::Eval, nullptr, ws);
  CHECK(ws.a[0](0, 0) == doctest::Approx(-(1.0 / 8 + 1.0 / 3) / 2).epsilon(1e-15));
  Rng rng = make_rng(3, 3);
  forward(net, params, x, Pass::Train, &rng, ws);
  const Eigen::ArrayXXd slopes = -ws.a[0].array();
  CHECK((slopes >= 1.0 / 8).all());
  CHECK((slopes < 1.0 / 3).all());
  CHECK(slopes.mean() == doctest::Approx((1.0 / 8 + 1.0 / 3) / 2).epsilon(0.01));
  // Same seed, same slopes.
  Rng again = make_rng(3, 3);
  Matrix first = ws.a[0];
  forward(net, params, x, Pass::Train, &again, ws);
  CHECK(first == ws.a[0]);
}
