// born_dead.cpp — the Monte Carlo of born_dead.h: draw a net, push the sampled inputs through its ReLU layers.
#include "core/born_dead.h"

#include <algorithm>
#include <cmath>

#include "core/initializers.h"

namespace relulab::core {

int born_dead_trial(const BornDeadConfig& config, Rng& rng) {
  const int points = std::max(1, config.points);
  Matrix a(config.inputs, points);  // (in, points)
  for (int j = 0; j < points; ++j)
    for (int k = 0; k < config.inputs; ++k) a(k, j) = uniform(rng, -config.domain, config.domain);
  int in = config.inputs;
  int first_dead = -1;
  for (std::size_t l = 0; l < config.hidden.size(); ++l) {
    const int out = config.hidden[l];
    Matrix w(out, in);
    Vector b(out);
    init_layer(config.init, rng, w, b);
    if (config.bias) b.setConstant(*config.bias);
    Matrix z = w * a;
    z.colwise() += b;
    a = z.cwiseMax(0.0);
    if (first_dead < 0 && (a.array() == 0.0).all()) first_dead = static_cast<int>(l);
    in = out;
  }
  return first_dead;
}

BornDeadResult estimate_born_dead(const BornDeadConfig& config) {
  BornDeadResult result;
  result.trials = std::max<std::int64_t>(1, config.trials);
  result.first_dead_layer.assign(config.hidden.size(), 0);
  Rng rng = make_rng(config.seed, kStreamBornDead);
  for (std::int64_t t = 0; t < result.trials; ++t) {
    const int layer = born_dead_trial(config, rng);
    if (layer >= 0) {
      ++result.born_dead;
      ++result.first_dead_layer[static_cast<std::size_t>(layer)];
    }
  }
  const Scalar n = static_cast<Scalar>(result.trials);
  result.probability = static_cast<Scalar>(result.born_dead) / n;
  result.standard_error = std::sqrt(result.probability * (1 - result.probability) / n);
  return result;
}

Scalar born_dead_pointwise_probability(const std::vector<int>& hidden) {
  Scalar alive = 1;
  for (int width : hidden) alive *= 1.0 - std::pow(2.0, -width);
  return 1.0 - alive;
}

}  // namespace relulab::core
