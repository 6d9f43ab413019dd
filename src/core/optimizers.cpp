// optimizers.cpp — the update rules written out in optimizers.h.
#include "core/optimizers.h"

#include <cmath>

namespace relulab::core {

void reset_optimizer(OptimizerKind kind, Eigen::Index param_count, OptimizerState& state) {
  const bool first = kind != OptimizerKind::SGD;
  const bool second = kind == OptimizerKind::Adam;
  state.moment1.setZero(first ? param_count : 0);
  state.moment2.setZero(second ? param_count : 0);
  state.adam_step = 0;
}

Scalar clip_by_global_norm(Vector& grads, Scalar max_norm) {
  const Scalar norm = grads.norm();
  if (max_norm > 0 && norm > max_norm) grads *= max_norm / norm;
  return norm;
}

Scalar optimizer_step(const TrainConfig& train, Scalar lr, const Vector& decay_mask, Vector& grads,
                      Vector& params, OptimizerState& state) {
  const Eigen::Index count = params.size();
  if (train.weight_decay != 0) grads.noalias() += train.weight_decay * decay_mask.cwiseProduct(params);
  const Scalar norm = clip_by_global_norm(grads, train.clip_norm);
  switch (train.optimizer) {
    case OptimizerKind::SGD:
      for (Eigen::Index i = 0; i < count; ++i) params(i) -= lr * grads(i);
      break;
    case OptimizerKind::Momentum:
      for (Eigen::Index i = 0; i < count; ++i) {
        state.moment1(i) = train.momentum * state.moment1(i) + grads(i);
        params(i) -= lr * state.moment1(i);
      }
      break;
    case OptimizerKind::Nesterov:
      for (Eigen::Index i = 0; i < count; ++i) {
        state.moment1(i) = train.momentum * state.moment1(i) + grads(i);
        params(i) -= lr * (grads(i) + train.momentum * state.moment1(i));
      }
      break;
    case OptimizerKind::Adam: {
      state.adam_step += 1;
      const Scalar t = static_cast<Scalar>(state.adam_step);
      const Scalar correction1 = 1.0 - std::pow(train.beta1, t);
      const Scalar correction2 = 1.0 - std::pow(train.beta2, t);
      for (Eigen::Index i = 0; i < count; ++i) {
        const Scalar g = grads(i);
        state.moment1(i) = train.beta1 * state.moment1(i) + (1.0 - train.beta1) * g;
        state.moment2(i) = train.beta2 * state.moment2(i) + (1.0 - train.beta2) * g * g;
        const Scalar m_hat = state.moment1(i) / correction1;
        const Scalar s_hat = state.moment2(i) / correction2;
        params(i) -= lr * m_hat / (std::sqrt(s_hat) + train.epsilon);
      }
      break;
    }
  }
  return norm;
}

}  // namespace relulab::core
