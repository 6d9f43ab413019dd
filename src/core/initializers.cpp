// initializers.cpp — the weight-initialization rules listed in initializers.h.
#include "core/initializers.h"

#include <cmath>

#include "core/names.h"

namespace relulab::core {

void init_unit(InitKind kind, int fan_in, int fan_out, Rng& rng, Scalar* weights, Eigen::Index stride,
               Scalar* bias) {
  const Scalar in = static_cast<Scalar>(fan_in);
  const Scalar out = static_cast<Scalar>(fan_out);
  auto fill_normal = [&](Scalar sd) {
    for (int j = 0; j < fan_in; ++j) weights[j * stride] = sd * normal(rng);
    *bias = 0;
  };
  auto fill_uniform = [&](Scalar lo, Scalar hi, Scalar b) {
    for (int j = 0; j < fan_in; ++j) weights[j * stride] = uniform(rng, lo, hi);
    *bias = b;
  };
  switch (kind) {
    case InitKind::HeNormal: fill_normal(std::sqrt(2.0 / in)); return;
    case InitKind::HeUniform: { const Scalar r = std::sqrt(6.0 / in); fill_uniform(-r, r, 0); return; }
    case InitKind::GlorotNormal: fill_normal(std::sqrt(2.0 / (in + out))); return;
    case InitKind::GlorotUniform: {
      const Scalar r = std::sqrt(6.0 / (in + out));
      fill_uniform(-r, r, 0);
      return;
    }
    case InitKind::LecunNormal: fill_normal(std::sqrt(1.0 / in)); return;
    case InitKind::LecunUniform: { const Scalar r = std::sqrt(3.0 / in); fill_uniform(-r, r, 0); return; }
    case InitKind::NegativeUniform: fill_uniform(-1.0, 0.0, 0); return;
    case InitKind::Playground: fill_uniform(-0.5, 0.5, 0.1); return;
    case InitKind::RAI: {
      const Scalar sd = std::sqrt(0.36 / in);
      const auto positive = static_cast<int>(uniform_index(rng, static_cast<std::uint64_t>(fan_in) + 1));
      for (int j = 0; j <= fan_in; ++j) {
        const Scalar value = j == positive ? beta_2_1(rng) : sd * normal(rng);
        if (j < fan_in) {
          weights[j * stride] = value;
        } else {
          *bias = value;
        }
      }
      return;
    }
  }
}

void init_layer(InitKind kind, Rng& rng, Eigen::Ref<Matrix> w, Eigen::Ref<Vector> b) {
  const auto out = static_cast<int>(w.rows());
  const auto in = static_cast<int>(w.cols());
  for (int i = 0; i < out; ++i) init_unit(kind, in, out, rng, &w(i, 0), w.outerStride(), &b(i));
}

const char* init_name(InitKind kind) { return name_of(kind); }

}  // namespace relulab::core
