// census.cpp — per-unit probes over one full-training-set pass (see census.h).
#include "core/census.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/activations.h"

namespace relulab::core {

const char* state_name(UnitState state) {
  switch (state) {
    case UnitState::Alive: return "alive";
    case UnitState::Dead: return "dead";
    case UnitState::Inactive: return "inactive";
    case UnitState::Saturated: return "saturated";
    case UnitState::Revived: return "revived";
  }
  return "alive";
}

UnitState classify_unit(const Activation& activation, int layer, int active_count, bool saturated,
                        const UnitCensus& history) {
  (void)layer;
  if (saturated && can_saturate(activation)) return UnitState::Saturated;
  if (active_count == 0) return zero_gradient_when_off(activation) ? UnitState::Dead : UnitState::Inactive;
  if (history.revived_at >= 0) return UnitState::Revived;  // k > 0 again after some k = 0 census
  return UnitState::Alive;
}

void measure_units(const Network& net, const Vector& params, const Vector& grads, const Workspace& ws,
                   Eigen::Index n, std::int64_t step, bool first, std::vector<LayerCensus>& layers,
                   std::vector<UnitTransition>& transitions) {
  const int hidden = net.hidden_count();
  layers.resize(static_cast<std::size_t>(hidden));
  for (int l = 0; l < hidden; ++l) {
    const LayerShape& shape = net.layers[static_cast<std::size_t>(l)];
    LayerCensus& layer = layers[static_cast<std::size_t>(l)];
    layer.units.resize(static_cast<std::size_t>(shape.out));
    const Matrix& z = ws.z[static_cast<std::size_t>(l)];
    const Scalar threshold = saturation_threshold(shape.activation);
    const auto w = weight(params, shape);
    const auto w_grad = weight(grads, shape);
    const auto b_grad = bias(grads, shape);

    // Pass 1: k, min, max, mean, saturation, gradient norm and margin per unit.
    Scalar layer_lo = 0, layer_hi = 0;
    bool finite = true;
    int off_units = 0;
    for (int i = 0; i < shape.out; ++i) {
      UnitCensus& unit = layer.units[static_cast<std::size_t>(i)];
      const int previous_k = unit.active_count;
      int k = 0, unsaturated = 0;
      Scalar lo = std::numeric_limits<Scalar>::infinity(), hi = -lo, sum = 0;
      for (Eigen::Index j = 0; j < n; ++j) {
        const Scalar value = z(i, j);
        if (value > 0) ++k;
        if (!(std::abs(value) > threshold)) ++unsaturated;
        lo = std::min(lo, value);
        hi = std::max(hi, value);
        sum += value;
      }
      if (!std::isfinite(sum)) finite = false;
      unit.active_count = k;
      unit.z_min = n > 0 ? lo : 0;
      unit.z_max = n > 0 ? hi : 0;
      unit.z_mean = n > 0 ? sum / static_cast<Scalar>(n) : 0;
      unit.grad_norm = std::sqrt(w_grad.row(i).squaredNorm() + b_grad(i) * b_grad(i));
      const Scalar w_norm = w.row(i).norm();
      unit.margin = w_norm > 0 ? unit.z_max / w_norm : 0;
      layer_lo = std::min(layer_lo, unit.z_min);
      layer_hi = std::max(layer_hi, unit.z_max);
      if (k == 0) ++off_units;

      const bool was_off = !first && previous_k == 0;
      if (k == 0 && (first || !was_off)) {
        unit.died_at = step;
        transitions.push_back({l, i, Transition::Died});
      } else if (k > 0 && was_off) {
        unit.revived_at = step;
        transitions.push_back({l, i, Transition::Revived});
      }
      unit.state = classify_unit(shape.activation, l, k, n > 0 && unsaturated == 0, unit);
      unit.permanent = unit.state == UnitState::Dead && l == 0;
    }
    layer.dead_fraction = static_cast<Scalar>(off_units) / static_cast<Scalar>(std::max(1, shape.out));

    // Pass 2: histograms over the layer's shared range, which always includes the zero line.
    if (!finite || !std::isfinite(layer_lo) || !std::isfinite(layer_hi)) {
      for (UnitCensus& unit : layer.units) unit.histogram.fill(0);
      continue;
    }
    if (layer_hi - layer_lo < 1e-12) layer_hi = layer_lo + 1.0;
    layer.z_lo = layer_lo;
    layer.z_hi = layer_hi;
    const Scalar scale = static_cast<Scalar>(kHistogramBins) / (layer_hi - layer_lo);
    for (int i = 0; i < shape.out; ++i) {
      auto& histogram = layer.units[static_cast<std::size_t>(i)].histogram;
      histogram.fill(0);
      for (Eigen::Index j = 0; j < n; ++j) {
        const Scalar t = (z(i, j) - layer_lo) * scale;
        const int bin = t >= 0 ? std::min(static_cast<int>(t), kHistogramBins - 1) : 0;
        ++histogram[static_cast<std::size_t>(bin)];
      }
    }
  }
}

}  // namespace relulab::core
