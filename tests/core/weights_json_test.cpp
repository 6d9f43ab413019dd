// weights_json_test.cpp — weights to JSON and back: exact round trip; malformed input explained.
#include <doctest/doctest.h>

#include "core/session.h"
#include "core/weights_json.h"

using namespace relulab::core;

TEST_CASE("weights json: exact round trip, and a session adopts imported weights") {
  SessionConfig config;
  config.net.hidden = {5, 3};
  config.net.activations = {activation_of(ActivationKind::PReLU), activation_of(ActivationKind::ELU)};
  Session session(config);
  session.step(30);
  const std::string json = weights_to_json(session.weights(0), session.output());
  std::string error;
  const auto file = weights_from_json(json, &error);
  REQUIRE_MESSAGE(file.has_value(), error);
  REQUIRE(file->layers.size() == 3);
  CHECK(file->output == OutputKind::SigmoidCE);
  for (std::size_t l = 0; l < 3; ++l) {
    CHECK(file->layers[l].w == session.weights(0)[l].w);  // bit-identical
    CHECK(file->layers[l].b == session.weights(0)[l].b);
    CHECK(to_string(file->layers[l].activation) == to_string(session.weights(0)[l].activation));
  }
  CHECK(file->layers[0].prelu_alpha == session.weights(0)[0].prelu_alpha);

  Session other(config);
  REQUIRE(other.set_weights(0, file->layers, &error));
  CHECK(other.census(0).train_loss == session.census(0).train_loss);
}

TEST_CASE("weights json: malformed or inconsistent input gives a message, never a crash") {
  std::string error;
  CHECK_FALSE(weights_from_json("", &error).has_value());
  CHECK_FALSE(weights_from_json("{\"format\": \"relulab-weights\", \"version\": 1, \"layers\": [", &error));
  CHECK_FALSE(weights_from_json("[1, 2]", &error).has_value());
  CHECK_FALSE(weights_from_json("{\"format\": \"other\"}", &error).has_value());
  CHECK(error.find("format") != std::string::npos);
  const char* ragged = R"({"format": "relulab-weights", "version": 1, "layers": [
      {"activation": "relu", "w": [[1, 2], [3]], "b": [0, 0]}]})";
  CHECK_FALSE(weights_from_json(ragged, &error).has_value());
  CHECK(error.find("layer 1") != std::string::npos);
  const char* mismatch = R"({"format": "relulab-weights", "version": 1, "layers": [
      {"activation": "relu", "w": [[1, 2], [3, 4]], "b": [0, 0]},
      {"activation": "linear", "w": [[1, 2, 3]], "b": [0]}]})";
  CHECK_FALSE(weights_from_json(mismatch, &error).has_value());
  CHECK(error.find("layer 2") != std::string::npos);
  const char* bad_activation = R"({"format": "relulab-weights", "version": 1, "layers": [
      {"activation": "gelu", "w": [[1, 2]], "b": [0]}]})";
  CHECK_FALSE(weights_from_json(bad_activation, &error).has_value());
  CHECK(error.find("gelu") != std::string::npos);
  std::string deep(100, '[');
  CHECK_FALSE(weights_from_json(deep, &error).has_value());

  // Shapes that do not fit the session are refused by set_weights.
  Session session(SessionConfig{});
  const char* tiny = R"({"format": "relulab-weights", "version": 1, "layers": [
      {"activation": "relu", "w": [[1, 2]], "b": [0]}, {"activation": "linear", "w": [[1]], "b": [0]}]})";
  const auto file = weights_from_json(tiny, &error);
  REQUIRE(file.has_value());
  CHECK_FALSE(session.set_weights(0, file->layers, &error));
  CHECK(error.find("layer 1") != std::string::npos);
}
