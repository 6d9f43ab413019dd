// census.cpp — per-unit probes over one full-training-set pass (see census.h). k, min, max and the sum of z come
// from the probes the Eval forward pass gathered while writing z (network.cpp); the histograms need the layer's
// range first, so they take one more vectorized sweep over z (kernels.h).
#include "core/census.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/activations.h"
#include "core/kernels.h"

namespace relulab::core {

UnitState classify_unit(const Activation& activation, int active_count, bool saturated,
                        const UnitCensus& history) {
  if (saturated && can_saturate(activation)) return UnitState::Saturated;
  if (active_count == 0) return zero_gradient_when_off(activation) ? UnitState::Dead : UnitState::Inactive;
  if (history.revived_at >= 0) return UnitState::Revived;  // k > 0 again after some k = 0 census
  return UnitState::Alive;
}

namespace {

// |(row, extra)|: the plain sum of squares when it is representable, else scaled by the largest magnitude, so
// that finite weights around 1e160 (a stopped twin after a kick) give a finite norm instead of inf, and tiny
// gradients do not round to 0. Bit-for-bit the plain formula whenever that one is finite and non-zero.
template <class Row>
Scalar stable_norm(const Row& row, Scalar extra) {
  Scalar squares = extra * extra, largest = std::abs(extra);
  for (Eigen::Index k = 0; k < row.size(); ++k) {
    squares += row(k) * row(k);
    largest = std::max(largest, std::abs(row(k)));
  }
  const Scalar plain = std::sqrt(squares);
  if ((std::isfinite(plain) && plain > 0) || largest == 0 || !std::isfinite(largest)) return plain;
  Scalar scaled = (extra / largest) * (extra / largest);
  for (Eigen::Index k = 0; k < row.size(); ++k) scaled += (row(k) / largest) * (row(k) / largest);
  return largest * std::sqrt(scaled);
}

// The mean of a row whose sum overflowed although every value is finite: sum of z / n.
Scalar overflow_safe_mean(const Scalar* row, Eigen::Index n) {
  Scalar mean = 0;
  for (Eigen::Index j = 0; j < n; ++j) mean += row[j] / static_cast<Scalar>(n);
  return mean;
}

}  // namespace

void measure_units(const Network& net, const Vector& params, const Vector& grads, const Workspace& ws,
                   Eigen::Index n, std::int64_t step, bool first, std::vector<LayerCensus>& layers,
                   std::vector<UnitTransition>& transitions) {
  const int hidden = net.hidden_count();
  layers.resize(static_cast<std::size_t>(hidden));
  for (int l = 0; l < hidden; ++l) {
    const LayerShape& shape = net.layers[static_cast<std::size_t>(l)];
    LayerCensus& layer = layers[static_cast<std::size_t>(l)];
    layer.units.resize(static_cast<std::size_t>(shape.out));
    const UnitMatrix& z = ws.z[static_cast<std::size_t>(l)];
    const Scalar threshold = saturation_threshold(shape.activation);
    const bool count_saturation = can_saturate(shape.activation);
    const bool probed = ws.probe_points == n;  // the last forward pass was Eval over these n points
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
      UnitProbe probe;
      if (probed) {
        probe = ws.probes[static_cast<std::size_t>(l)][static_cast<std::size_t>(i)];
      } else {
        const Scalar* values = z.data() + i * z.cols();
        const kernels::RowStats row = count_saturation ? kernels::row_stats<true>(values, n, threshold)
                                                       : kernels::row_stats<false>(values, n, threshold);
        probe.active = static_cast<int>(row.active);
        probe.unsaturated = count_saturation ? static_cast<int>(row.unsaturated) : static_cast<int>(n);
        probe.z_min = row.lo;
        probe.z_max = row.hi;
        probe.z_sum = row.sum;
      }
      const int k = probe.active, unsaturated = probe.unsaturated;
      const Scalar lo = probe.z_min, hi = probe.z_max, sum = probe.z_sum;
      // NaN anywhere makes the sum NaN; min and max skip NaN, and are infinite only for infinite values.
      const bool values_finite = n == 0 || (std::isfinite(lo) && std::isfinite(hi) && !std::isnan(sum));
      if (!values_finite) finite = false;
      unit.active_count = k;
      unit.z_min = n > 0 ? lo : 0;
      unit.z_max = n > 0 ? hi : 0;
      unit.z_mean = n == 0                 ? 0
                    : std::isfinite(sum) || !values_finite ? sum / static_cast<Scalar>(n)
                                                            : overflow_safe_mean(z.data() + i * z.cols(), n);
      unit.grad_norm = stable_norm(w_grad.row(i), b_grad(i));
      const Scalar w_norm = stable_norm(w.row(i), 0.0);
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
      unit.state = classify_unit(shape.activation, k, n > 0 && unsaturated == 0, unit);
      unit.permanent = unit.state == UnitState::Dead && l == 0;
    }
    layer.dead_fraction = static_cast<Scalar>(off_units) / static_cast<Scalar>(std::max(1, shape.out));

    // Pass 2: histograms over the layer's shared range, which always includes the zero line.
    if (!finite || !std::isfinite(layer_lo) || !std::isfinite(layer_hi)) {
      for (UnitCensus& unit : layer.units) unit.histogram.fill(0);
      continue;
    }
    if (!std::isfinite(layer_hi - layer_lo)) {  // finite values too far apart to bin: no histogram
      for (UnitCensus& unit : layer.units) unit.histogram.fill(0);
      layer.z_lo = layer_lo;
      layer.z_hi = layer_hi;
      continue;
    }
    if (layer_hi - layer_lo < 1e-12) layer_hi = layer_lo + 1.0;
    layer.z_lo = layer_lo;
    layer.z_hi = layer_hi;
    const Scalar scale = static_cast<Scalar>(kHistogramBins) / (layer_hi - layer_lo);
    for (int i = 0; i < shape.out; ++i) {
      auto& histogram = layer.units[static_cast<std::size_t>(i)].histogram;
      histogram.fill(0);
      kernels::row_histogram<kHistogramBins>(z.data() + i * z.cols(), n, layer_lo, scale, histogram.data());
    }
  }
}

}  // namespace relulab::core
