// optimizers.h — one update of a flat parameter vector: L2 weight decay, global-norm clipping, then
// SGD / momentum / Nesterov / Adam. One loop over the parameters; no allocation. Does not compute gradients.
//   SGD:       p -= lr g
//   Momentum:  v = mu v + g;              p -= lr v                 (PyTorch's form)
//   Nesterov:  v = mu v + g;              p -= lr (g + mu v)        (PyTorch's form)
//   Adam:      m = b1 m + (1-b1) g;  s = b2 s + (1-b2) g^2;  t += 1;
//              p -= lr (m / (1 - b1^t)) / (sqrt(s / (1 - b2^t)) + eps)     (Kingma & Ba 2015, Algorithm 1)
// Weight decay adds weight_decay * p to the gradient of the weights W only (not biases, not PReLU slopes),
// before clipping.
#pragma once

#include "core/types.h"

namespace relulab::core {

struct OptimizerState {
  Vector moment1;                // velocity (momentum, Nesterov) or m (Adam); empty for SGD
  Vector moment2;                // s (Adam only)
  std::int64_t adam_step = 0;
};

void reset_optimizer(OptimizerKind kind, Eigen::Index param_count, OptimizerState& state);

// decay_mask: 1 for entries that take weight decay (weights W), 0 for the rest. grads is modified (decay,
// clipping). Returns the global gradient norm before clipping (after decay).
Scalar optimizer_step(const TrainConfig& train, Scalar lr, const Vector& decay_mask, Vector& grads,
                      Vector& params, OptimizerState& state);

// Scales g so that |g| <= max_norm; returns |g| before scaling. max_norm <= 0: no clipping.
Scalar clip_by_global_norm(Vector& grads, Scalar max_norm);

}  // namespace relulab::core
