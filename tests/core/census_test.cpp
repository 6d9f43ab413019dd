// census_test.cpp — unit states: a knocked first-layer ReLU unit is dead (exactly zero gradient, frozen
// weights for 1000 SGD steps); under Leaky ReLU the same unit is inactive with a non-zero gradient.
#include <doctest/doctest.h>

#include "core/census.h"
#include "core/network.h"
#include "core/session.h"

using namespace relulab::core;

namespace {
SessionConfig circle_config(Activation activation) {
  SessionConfig config;  // circle, 400 points, 2-6-1, sigmoid + CE, full-batch SGD lr 0.5
  config.net.activations = {activation};
  config.seed = 3;
  return config;
}
constexpr int kUnit = 2;
}  // namespace

TEST_CASE("census: a knocked first-layer ReLU unit is dead: zero gradient, bit-identical weights for 1000 steps") {
  Session session(circle_config(activation_of(ActivationKind::ReLU)));
  session.step(50);
  session.knock(0, kUnit, 0.5);
  const UnitCensus& unit = session.census(0).layers[0].units[kUnit];
  CHECK(unit.active_count == 0);
  CHECK(unit.state == UnitState::Dead);
  CHECK(unit.permanent);
  CHECK(unit.died_at == 50);
  CHECK(unit.grad_norm == 0.0);                              // exactly
  CHECK(unit.margin == doctest::Approx(-0.5).epsilon(1e-12)); // max z = -0.5 |w|
  CHECK(unit.z_max < 0);

  // The full-batch gradient of its incoming weights and bias, straight from the network: exactly 0.0.
  const auto& layers = session.weights(0);
  const Network net = make_network(2, {6}, {activation_of(ActivationKind::ReLU)}, 1, OutputKind::SigmoidCE);
  Vector params(net.param_count), grads(net.param_count);
  import_layers(net, layers, params);
  Workspace ws;
  resize_workspace(net, session.data().x_train.cols(), ws);
  loss_and_gradient(net, params, session.data().x_train, session.data().y_train, Pass::Train, nullptr, ws, grads);
  for (Eigen::Index j = 0; j < 2; ++j) CHECK(weight(grads, net.layers[0])(kUnit, j) == 0.0);
  CHECK(bias(grads, net.layers[0])(kUnit) == 0.0);
  CHECK(weight(grads, net.layers[1])(0, kUnit) == 0.0);  // its outgoing weight sees a = 0 too

  const Eigen::RowVectorXd w_before = layers[0].w.row(kUnit);
  const Scalar b_before = layers[0].b(kUnit);
  const Scalar w_other_before = layers[0].w(0, 0);
  session.step(1000);
  const auto& after = session.weights(0);
  CHECK(after[0].w(kUnit, 0) == w_before(0));
  CHECK(after[0].w(kUnit, 1) == w_before(1));
  CHECK(after[0].b(kUnit) == b_before);
  CHECK(after[0].w(0, 0) != w_other_before);  // the rest of the net kept learning
  CHECK(session.census(0).layers[0].units[kUnit].state == UnitState::Dead);
  CHECK(session.census(0).layers[0].units[kUnit].revived_at == -1);

  // The narration names the unit 1-based.
  bool narrated = false;
  for (const Event& event : session.events()) {
    if (event.kind == EventKind::Death && event.unit == kUnit) {
      narrated = event.text == "unit 1.3 died at step 50 (0/400 active)";
    }
  }
  CHECK(narrated);
}

TEST_CASE("census: the same unit under Leaky ReLU is inactive but still learning (non-zero gradient)") {
  Activation leaky = activation_of(ActivationKind::Leaky);
  leaky.alpha = 0.1;
  Session session(circle_config(leaky));
  session.step(50);
  session.knock(0, kUnit, 0.5);
  const UnitCensus& unit = session.census(0).layers[0].units[kUnit];
  CHECK(unit.active_count == 0);
  CHECK(unit.state == UnitState::Inactive);
  CHECK_FALSE(unit.permanent);
  CHECK(unit.grad_norm > 0.0);
  const Scalar b_before = session.weights(0)[0].b(kUnit);
  session.step(10);
  CHECK(session.weights(0)[0].b(kUnit) != b_before);
}

TEST_CASE("census: saturated tanh units, histograms and dead fraction") {
  SessionConfig config = circle_config(activation_of(ActivationKind::Tanh));
  config.net.bias = 8.0;  // z = 8 + w.x > 3 on all points for every unit (|w| < 5 here): saturated
  Session session(config);
  const LayerCensus& layer = session.census(0).layers[0];
  for (const UnitCensus& unit : layer.units) {
    CHECK(unit.state == UnitState::Saturated);
    int total = 0;
    for (int count : unit.histogram) total += count;
    CHECK(total == 400);
    CHECK(unit.z_min >= layer.z_lo);
    CHECK(unit.z_max <= layer.z_hi);
  }
  CHECK(layer.z_lo <= 0.0);  // the range always shows the zero line
  CHECK(layer.dead_fraction == 0.0);

  SessionConfig negative = circle_config(activation_of(ActivationKind::ReLU));
  negative.net.bias = -10.0;  // every unit born dead
  Session dead(negative);
  CHECK(dead.census(0).layers[0].dead_fraction == 1.0);
  CHECK(dead.census(0).layers[0].units[0].died_at == 0);
  CHECK(dead.events().front().text == "unit 1.1 is dead at initialization (0/400 active)");
}

TEST_CASE("census: classify_unit follows DESIGN.md") {
  UnitCensus fresh;
  CHECK(classify_unit(activation_of(ActivationKind::ReLU), 0, false, fresh) == UnitState::Dead);
  CHECK(classify_unit(activation_of(ActivationKind::ELU), 0, false, fresh) == UnitState::Inactive);
  CHECK(classify_unit(activation_of(ActivationKind::SELU), 0, false, fresh) == UnitState::Inactive);
  CHECK(classify_unit(activation_of(ActivationKind::Tanh), 10, true, fresh) == UnitState::Saturated);
  CHECK(classify_unit(activation_of(ActivationKind::ReLU), 10, true, fresh) == UnitState::Alive);
  UnitCensus revived;
  revived.died_at = 10;
  revived.revived_at = 20;
  CHECK(classify_unit(activation_of(ActivationKind::ELU), 3, false, revived) == UnitState::Revived);
  CHECK(std::string(to_string(UnitState::Inactive)) == "inactive");
}
