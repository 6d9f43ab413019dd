// born_dead.h — Monte Carlo at initialization: how likely is a ReLU net "born dead", i.e. some hidden layer
// outputs all zeros (then the network is constant and every gradient below that layer is zero)?
// Pointwise (points = 1): at one input drawn uniformly from [-domain, domain]^inputs. With symmetric weights and
// zero bias each unit is active with probability 1/2 independently, so P = 1 - prod_l (1 - 2^-N_l).
// Over the domain (points > 1): some layer is all-zero at every one of `points` sampled inputs.
// Does not train; used by the tests and the CLI's `born-dead` command.
#pragma once

#include <optional>
#include <vector>

#include "core/rng.h"
#include "core/types.h"

namespace relulab::core {

struct BornDeadConfig {
  std::vector<int> hidden = std::vector<int>(9, 3);  // widths of the hidden layers
  int inputs = 2;                                     // input dimension d
  Scalar domain = 1.7320508075688772;                 // inputs uniform on [-domain, domain]^d (sqrt 3)
  InitKind init = InitKind::HeNormal;
  std::optional<Scalar> bias;                         // constant hidden bias; unset = the initializer's own
  int points = 1;                                     // inputs per trial (1 = pointwise)
  std::int64_t trials = 10000;
  std::uint64_t seed = 1;
};

struct BornDeadResult {
  std::int64_t trials = 0, born_dead = 0;
  Scalar probability = 0;           // born_dead / trials
  Scalar standard_error = 0;        // sqrt(p (1 - p) / trials)
  std::vector<std::int64_t> first_dead_layer;  // per hidden layer: trials whose first all-zero layer it is
};

// One trial: draws a network (and its inputs) from `rng`; returns the 0-based index of the first hidden layer
// that is all-zero on every input, or -1 if none is.
int born_dead_trial(const BornDeadConfig& config, Rng& rng);

BornDeadResult estimate_born_dead(const BornDeadConfig& config);

// 1 - prod_l (1 - 2^-N_l): the pointwise closed form for symmetric weights and zero bias.
Scalar born_dead_pointwise_probability(const std::vector<int>& hidden);

}  // namespace relulab::core
