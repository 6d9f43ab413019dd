// activations_test.cpp — values and derivatives of every activation against closed forms and finite
// differences; the names round-trip through to_string / parse_activation.
#include <doctest/doctest.h>

#include <cmath>

#include "core/activations.h"

using namespace relulab::core;

TEST_CASE("activations: known values") {
  CHECK(activate(ActivationKind::ReLU, 0, 0, -2.0) == 0.0);
  CHECK(activate(ActivationKind::ReLU, 0, 0, 3.0) == 3.0);
  CHECK(activate(ActivationKind::Leaky, 0.1, 0.1, -2.0) == doctest::Approx(-0.2).epsilon(1e-15));
  CHECK(activate(ActivationKind::ELU, 1.0, 0, -1.0) == doctest::Approx(std::exp(-1.0) - 1.0).epsilon(1e-15));
  // SELU(-1) = lambda * alpha * (e^-1 - 1) = -1.1113307378...
  CHECK(activate(ActivationKind::SELU, 0, 0, -1.0) == doctest::Approx(-1.1113307378125628).epsilon(1e-12));
  CHECK(activate(ActivationKind::SELU, 0, 0, 2.0) == doctest::Approx(2.1014019747109610).epsilon(1e-14));
  CHECK(activate(ActivationKind::Sigmoid, 0, 0, 0.0) == 0.5);
  CHECK(activate(ActivationKind::Sigmoid, 0, 0, -800.0) == 0.0);  // no overflow
  CHECK(activate(ActivationKind::Tanh, 0, 0, 0.5) == doctest::Approx(0.46211715726000974).epsilon(1e-14));
  CHECK(activate(ActivationKind::Linear, 0, 0, -7.5) == -7.5);
}

TEST_CASE("activations: ReLU derivative is exactly zero for z <= 0, including the kink") {
  CHECK(activation_derivative(ActivationKind::ReLU, 0, 0, 0.0) == 0.0);
  CHECK(activation_derivative(ActivationKind::ReLU, 0, 0, -1e-300) == 0.0);
  CHECK(activation_derivative(ActivationKind::ReLU, 0, 0, 1e-300) == 1.0);
  CHECK(activation_derivative(ActivationKind::Leaky, 0.01, 0.01, -5.0) == 0.01);
}

TEST_CASE("activations: derivatives match central differences away from the kink (rel. error < 1e-7)") {
  const ActivationKind kinds[] = {ActivationKind::ReLU, ActivationKind::Leaky, ActivationKind::PReLU,
                                  ActivationKind::RReLU, ActivationKind::ELU,  ActivationKind::SELU,
                                  ActivationKind::Tanh, ActivationKind::Sigmoid, ActivationKind::Linear};
  const double h = 1e-6;
  for (ActivationKind kind : kinds) {
    for (double z : {-2.5, -0.7, -0.01, 0.01, 0.3, 1.9}) {
      CAPTURE(activation_name(kind));
      CAPTURE(z);
      const double analytic = activation_derivative(kind, 1.3, 0.2, z);
      const double numeric = (activate(kind, 1.3, 0.2, z + h) - activate(kind, 1.3, 0.2, z - h)) / (2 * h);
      CHECK(std::abs(analytic - numeric) <= 1e-7 * std::max(1.0, std::abs(analytic)));
    }
  }
}

TEST_CASE("activations: names round-trip and bad names are explained") {
  for (const char* text : {"relu", "leaky:0.1", "prelu:0.25", "rrelu:0.125:0.333", "elu:1", "selu", "tanh",
                           "sigmoid", "linear", "leaky:0.01"}) {
    std::string error;
    const auto parsed = parse_activation(text, &error);
    REQUIRE_MESSAGE(parsed.has_value(), error);
    CHECK(to_string(*parsed) == text);
  }
  CHECK(parse_activation("elu", nullptr)->alpha == 1.0);
  CHECK(activation_of(ActivationKind::ELU).alpha == 1.0);
  std::string error;
  CHECK_FALSE(parse_activation("swish", &error).has_value());
  CHECK(error.find("unknown activation 'swish'") != std::string::npos);
  CHECK_FALSE(parse_activation("leaky:banana", &error).has_value());
  CHECK(error.find("leaky") != std::string::npos);
  CHECK_FALSE(parse_activation("rrelu:0.5:0.1", &error).has_value());
  CHECK_FALSE(parse_activation("tanh:2", &error).has_value());
}
