// network.cpp — forward and backward passes of the MLP over flat parameters (see network.h for the layout).
// Products run in kernels.h over unit-major buffers sized up front: no heap allocation per pass.
#include "core/network.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/activations.h"
#include "core/kernels.h"

namespace relulab::core {

Network make_network(int inputs, const std::vector<int>& hidden, const std::vector<Activation>& activations,
                     int outputs, OutputKind output) {
  Network net;
  net.output = output;
  Eigen::Index offset = 0;
  int in = inputs;
  const int hidden_count = static_cast<int>(hidden.size());
  for (int l = 0; l <= hidden_count; ++l) {
    LayerShape layer;
    layer.in = in;
    const bool is_output = l == hidden_count;
    layer.out = is_output ? outputs : hidden[static_cast<std::size_t>(l)];
    if (is_output) {
      layer.activation = Activation{ActivationKind::Linear};
    } else if (!activations.empty()) {
      layer.activation = activations[std::min(static_cast<std::size_t>(l), activations.size() - 1)];
    }
    layer.w = offset;
    offset += static_cast<Eigen::Index>(layer.out) * layer.in;
    layer.b = offset;
    offset += layer.out;
    if (layer.activation.kind == ActivationKind::PReLU) {
      layer.alpha = offset;
      offset += layer.out;
    }
    net.layers.push_back(layer);
    in = layer.out;
  }
  net.param_count = offset;
  return net;
}

void resize_workspace(const Network& net, Eigen::Index capacity, Workspace& ws) {
  const std::size_t count = net.layers.size();
  ws.z.resize(count);
  ws.a.resize(count);
  ws.delta.resize(count);
  ws.slope.resize(count);
  for (std::size_t l = 0; l < count; ++l) {
    const LayerShape& layer = net.layers[l];
    ws.z[l].setZero(layer.out, capacity);
    ws.a[l].setZero(layer.out, capacity);
    ws.delta[l].setZero(layer.out, capacity);
    if (layer.activation.kind == ActivationKind::RReLU) {
      ws.slope[l].setConstant(layer.out, capacity, eval_neg_slope(layer.activation));
    } else {
      ws.slope[l].resize(0, 0);
    }
  }
  ws.input.setZero(net.layers.empty() ? 0 : net.layers.front().in, capacity);
  ws.output_exp.setZero(net.output == OutputKind::SigmoidCE && count > 0 ? net.layers.back().out : 0, capacity);
  ws.input_source = nullptr;
  ws.input_points = -1;
  ws.probes.resize(count > 0 ? count - 1 : 0);
  for (std::size_t l = 0; l + 1 < count; ++l) ws.probes[l].assign(static_cast<std::size_t>(net.layers[l].out), {});
  ws.probe_points = -1;
  std::size_t widest = 0;
  for (const LayerShape& layer : net.layers) widest = std::max(widest, static_cast<std::size_t>(layer.out));
  ws.unit_slope.assign(widest, 0.0);
  ws.capacity = capacity;
}

namespace {

using kernels::Index;

// Calls f with the activation kind as a compile-time constant, so per-element loops carry no switch.
template <class F>
void with_kind(ActivationKind kind, F&& f) {
  using K = ActivationKind;
  switch (kind) {
    case K::ReLU: f(std::integral_constant<K, K::ReLU>{}); return;
    case K::Leaky: f(std::integral_constant<K, K::Leaky>{}); return;
    case K::PReLU: f(std::integral_constant<K, K::PReLU>{}); return;
    case K::RReLU: f(std::integral_constant<K, K::RReLU>{}); return;
    case K::ELU: f(std::integral_constant<K, K::ELU>{}); return;
    case K::SELU: f(std::integral_constant<K, K::SELU>{}); return;
    case K::Tanh: f(std::integral_constant<K, K::Tanh>{}); return;
    case K::Sigmoid: f(std::integral_constant<K, K::Sigmoid>{}); return;
    case K::Linear: f(std::integral_constant<K, K::Linear>{}); return;
  }
}

// How a kernel epilogue treats the values it is handed: the ReLU family is done in the epilogue with lanes
// (ReLU; a slope per unit: Leaky, PReLU, RReLU when evaluating); everything else is stored and finished by a
// scalar pass afterwards. A run-time choice inside one epilogue, not a template: each instantiation would
// repeat every register tile (code size matters on the web; the branch is taken once per tile output).
enum class Fused { ReLU, UnitSlope, Store };

Fused forward_fusion(const Activation& act, Pass pass) {
  switch (act.kind) {
    case ActivationKind::ReLU: return Fused::ReLU;
    case ActivationKind::Leaky: case ActivationKind::PReLU: return Fused::UnitSlope;
    case ActivationKind::RReLU: return pass == Pass::Eval ? Fused::UnitSlope : Fused::Store;
    default: return Fused::Store;
  }
}

Fused backward_fusion(const Activation& act, Pass pass) {
  switch (act.kind) {
    case ActivationKind::ReLU: return Fused::ReLU;
    case ActivationKind::Leaky: return Fused::UnitSlope;
    case ActivationKind::RReLU: return pass == Pass::Eval ? Fused::UnitSlope : Fused::Store;
    default: return Fused::Store;  // PReLU also accumulates dL/dalpha: the scalar pass does both
  }
}

// z = W a_below + b of one layer over points [0, n), and for hidden layers a = f(z) in the same sweep; an
// Eval pass also takes the unit probes of each block of rows as soon as it is written (still in cache).
// `unit_slope` holds each unit's slope for z <= 0 (UnitSlope).
void forward_layer(const LayerShape& layer, const Vector& params, const Scalar* below, Index n, Fused fused,
                   bool hidden, const Scalar* unit_slope, std::vector<UnitProbe>* probes, Workspace& ws,
                   std::size_t l) {
  const Index ld = ws.capacity;
  Scalar* z = ws.z[l].data();
  Scalar* a = ws.a[l].data();
  const bool count_saturation = can_saturate(layer.activation);
  const Scalar threshold = saturation_threshold(layer.activation);
  if (probes != nullptr) {
    for (UnitProbe& unit : *probes) unit = {0, 0, std::numeric_limits<Scalar>::infinity(),
                                            -std::numeric_limits<Scalar>::infinity(), 0};
  }
  kernels::matmul_rows(
      layer.out, layer.in, n, params.data() + layer.w, 1, layer.out, params.data() + layer.b, below, ld,
      [&](Index r, Index j, auto value) {
        using V = decltype(value);
        kernels::store(z + r * ld + j, value);
        if (!hidden) return;
        if (fused == Fused::ReLU) {
          kernels::store(a + r * ld + j, kernels::keep_where(kernels::positive(value), value));
        } else if (fused == Fused::UnitSlope) {
          const V slope = kernels::splat<V>(unit_slope[r]);
          kernels::store(a + r * ld + j, kernels::select(kernels::positive(value), value, slope * value));
        }
      },
      [&](Index first, Index count, Index j0, Index j1) {  // the probes, merged chunk by chunk of points
        if (probes == nullptr) return;
        for (Index r = first; r < first + count; ++r) {
          const Scalar* row = z + r * ld + j0;
          const kernels::RowStats chunk = count_saturation ? kernels::row_stats<true>(row, j1 - j0, threshold)
                                                           : kernels::row_stats<false>(row, j1 - j0, threshold);
          UnitProbe& unit = (*probes)[static_cast<std::size_t>(r)];
          unit.active += static_cast<int>(chunk.active);
          unit.unsaturated += static_cast<int>(chunk.unsaturated);
          unit.z_min = std::min(unit.z_min, chunk.lo);
          unit.z_max = std::max(unit.z_max, chunk.hi);
          unit.z_sum += chunk.sum;
        }
      });
  if (probes != nullptr && !count_saturation) {
    for (UnitProbe& unit : *probes) unit.unsaturated = static_cast<int>(n);
  }
}

// The scalar pass for the activations the epilogue does not finish: a = f(z) over columns [0, n).
void activate_layer(const LayerShape& layer, const ConstVectorMap& alpha, Pass pass, Rng* rng, Eigen::Index n,
                    Workspace& ws, std::size_t l) {
  const Activation& act = layer.activation;
  UnitMatrix& z = ws.z[l];
  UnitMatrix& a = ws.a[l];
  const Eigen::Index out = layer.out;
  switch (act.kind) {
    case ActivationKind::PReLU:
      for (Eigen::Index i = 0; i < out; ++i)
        for (Eigen::Index j = 0; j < n; ++j) a(i, j) = activate(act.kind, 0, alpha(i), z(i, j));
      return;
    case ActivationKind::RReLU: {
      UnitMatrix& slope = ws.slope[l];
      if (pass == Pass::Train) {
        assert(rng != nullptr);
        for (Eigen::Index j = 0; j < n; ++j)  // the draw order (point by point) fixes the random stream
          for (Eigen::Index i = 0; i < out; ++i) slope(i, j) = uniform(*rng, act.lower, act.upper);
      }
      const Scalar mean_slope = eval_neg_slope(act);
      for (Eigen::Index i = 0; i < out; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
          a(i, j) = activate(act.kind, 0, pass == Pass::Eval ? mean_slope : slope(i, j), z(i, j));
      return;
    }
    default: {
      const Scalar neg_slope = eval_neg_slope(act);
      with_kind(act.kind, [&](auto kind) {
        for (Eigen::Index i = 0; i < out; ++i)
          for (Eigen::Index j = 0; j < n; ++j) a(i, j) = activate(kind.value, act.alpha, neg_slope, z(i, j));
      });
      return;
    }
  }
}

// Copies x (d, n), one column per point, into ws.input (d, capacity), one row per input coordinate.
void load_input(const Eigen::Ref<const Matrix>& x, Workspace& ws) {
  const Eigen::Index n = x.cols(), d = x.rows();
  assert(d == ws.input.rows() && n <= ws.capacity);
  Scalar* input = ws.input.data();
  const Index ld = ws.capacity;
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index k = 0; k < d; ++k) input[k * ld + j] = x(k, j);
  ws.input_source = x.data();
  ws.input_points = n;
}

}  // namespace

void forward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass, Rng* rng,
             Workspace& ws) {
  const Eigen::Index n = x.cols();
  assert(n <= ws.capacity);
  load_input(x, ws);
  const bool probing = pass == Pass::Eval;
  const std::size_t count = net.layers.size();
  for (std::size_t l = 0; l < count; ++l) {
    const LayerShape& layer = net.layers[l];
    const bool hidden = l + 1 < count;
    const Scalar* below = l == 0 ? ws.input.data() : ws.a[l - 1].data();
    const Fused fused = hidden ? forward_fusion(layer.activation, pass) : Fused::Store;
    Scalar* unit_slope = ws.unit_slope.data();
    if (fused == Fused::UnitSlope) {
      const auto alpha = prelu_alpha(params, layer);
      for (Eigen::Index i = 0; i < layer.out; ++i) {
        unit_slope[i] = layer.alpha >= 0 ? alpha(i) : eval_neg_slope(layer.activation);
      }
    }
    std::vector<UnitProbe>* probes = hidden && probing ? &ws.probes[l] : nullptr;
    forward_layer(layer, params, below, n, fused, hidden, unit_slope, probes, ws, l);
    if (hidden && fused == Fused::Store) activate_layer(layer, prelu_alpha(params, layer), pass, rng, n, ws, l);
  }
  ws.probe_points = probing ? n : -1;
  // Output layer: the prediction.
  const UnitMatrix& z = ws.z.back();
  UnitMatrix& a = ws.a.back();
  switch (net.output) {
    case OutputKind::LinearMSE: a.leftCols(n) = z.leftCols(n); break;
    case OutputKind::SigmoidCE:  // the same p as sigmoid() (activations.h), keeping e = exp(-|z|) for the loss
      for (Eigen::Index i = 0; i < z.rows(); ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
          const Scalar zij = z(i, j);
          const Scalar e = ws.output_exp(i, j) = std::exp(-std::abs(zij));
          a(i, j) = zij >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
        }
      break;
    case OutputKind::SoftmaxCE:
      for (Eigen::Index j = 0; j < n; ++j) {
        const Scalar top = z.col(j).maxCoeff();
        Scalar sum = 0;
        for (Eigen::Index i = 0; i < z.rows(); ++i) sum += (a(i, j) = std::exp(z(i, j) - top));
        for (Eigen::Index i = 0; i < z.rows(); ++i) a(i, j) /= sum;
      }
      break;
  }
}

namespace {
// log(1 + e^z) without overflow, given e = exp(-|z|) from the forward pass.
Scalar softplus(Scalar z, Scalar e) { return z > 0 ? z + std::log1p(e) : std::log1p(e); }

// std::lround for the class labels (whole numbers), without the library call.
Eigen::Index class_of(Scalar label) {
  const Scalar magnitude = std::abs(label);
  const Scalar whole = std::floor(magnitude);
  const auto rounded = static_cast<Eigen::Index>(magnitude - whole >= 0.5 ? whole + 1 : whole);
  return label < 0 ? -rounded : rounded;
}
}  // namespace

Scalar output_loss(const Network& net, const Eigen::Ref<const Matrix>& y, Workspace& ws) {
  const Eigen::Index n = y.cols();
  const UnitMatrix& z = ws.z.back();
  const UnitMatrix& a = ws.a.back();
  UnitMatrix& dz = ws.delta.back();
  const Scalar inv_n = 1.0 / static_cast<Scalar>(n);
  Scalar total = 0;
  switch (net.output) {
    case OutputKind::LinearMSE:  // L = mean over points of (1/2) (prediction - y)^2
      for (Eigen::Index j = 0; j < n; ++j) {
        const Scalar error = a(0, j) - y(0, j);
        total += 0.5 * error * error;
        dz(0, j) = error * inv_n;
      }
      break;
    case OutputKind::SigmoidCE:  // L = mean of softplus(z) - y z = -[y log p + (1 - y) log(1 - p)]
      for (Eigen::Index j = 0; j < n; ++j) {
        total += softplus(z(0, j), ws.output_exp(0, j)) - y(0, j) * z(0, j);
        dz(0, j) = (a(0, j) - y(0, j)) * inv_n;
      }
      break;
    case OutputKind::SoftmaxCE:  // L = mean of -log softmax(z)_label
      for (Eigen::Index j = 0; j < n; ++j) {
        const Eigen::Index label = class_of(y(0, j));
        const Scalar top = z.col(j).maxCoeff();
        Scalar sum = 0;
        for (Eigen::Index i = 0; i < z.rows(); ++i) sum += std::exp(z(i, j) - top);
        total += std::log(sum) + top - z(label, j);
        for (Eigen::Index i = 0; i < z.rows(); ++i) dz(i, j) = (a(i, j) - (i == label ? 1.0 : 0.0)) * inv_n;
      }
      break;
  }
  return total * inv_n;
}

Scalar output_accuracy(const Network& net, const Eigen::Ref<const Matrix>& y, bool classification,
                       const Workspace& ws) {
  const Eigen::Index n = y.cols();
  if (!classification || n == 0) return 0;
  const UnitMatrix& a = ws.a.back();
  Eigen::Index correct = 0;
  if (net.output == OutputKind::SoftmaxCE) {
    for (Eigen::Index j = 0; j < n; ++j) {
      Eigen::Index predicted = 0;
      a.col(j).maxCoeff(&predicted);
      if (predicted == class_of(y(0, j))) ++correct;
    }
  } else {
    // predicted = p > 0.5; the label's class (std::lround) is 1 on [0.5, 1.5) and 0 on (-0.5, 0.5).
    for (Eigen::Index j = 0; j < n; ++j) {
      const Scalar label = y(0, j);
      correct += a(0, j) > 0.5 ? (label >= 0.5 && label < 1.5) : (label > -0.5 && label < 0.5);
    }
  }
  return static_cast<Scalar>(correct) / static_cast<Scalar>(n);
}

namespace {

// delta_below = (W^T delta) * f'(z_below) over points [0, n), the derivative applied in the same sweep for
// the ReLU family (see Fused).
void backward_layer(const LayerShape& layer, const Vector& params, Index n, Fused fused, const Scalar* unit_slope,
                    Workspace& ws, std::size_t l) {
  const Index ld = ws.capacity;
  Scalar* below_delta = ws.delta[l - 1].data();
  const Scalar* z = ws.z[l - 1].data();
  kernels::matmul_rows(layer.in, layer.out, n, params.data() + layer.w, layer.out, 1, nullptr,
                       ws.delta[l].data(), ld, [&](Index r, Index j, auto value) {
                         using V = decltype(value);
                         Scalar* out = below_delta + r * ld + j;
                         if (fused == Fused::Store) {
                           kernels::store(out, value);
                         } else {
                           const auto off = kernels::not_positive(kernels::load<V>(z + r * ld + j));
                           if (fused == Fused::ReLU) {
                             kernels::store(out, kernels::select(off, kernels::splat<V>(0.0), value));
                           } else {
                             const V slope = kernels::splat<V>(unit_slope[r]);
                             kernels::store(out, kernels::select(off, value * slope, value));
                           }
                         }
                       });
}

}  // namespace

void backward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass,
              Workspace& ws, Vector& grads) {
  const Eigen::Index n = x.cols();
  const Index ld = ws.capacity;
  if (ws.input_source != x.data() || ws.input_points != n) load_input(x, ws);
  for (std::size_t l = net.layers.size(); l-- > 0;) {
    const LayerShape& layer = net.layers[l];
    const Scalar* delta = ws.delta[l].data();  // dL/dz of this layer (out, n)
    const Scalar* below = l == 0 ? ws.input.data() : ws.a[l - 1].data();
    kernels::matmul_nt(layer.out, layer.in, n, delta, ld, below, ld, grads.data() + layer.w, 1, layer.out);
    kernels::row_sums(layer.out, n, delta, ld, grads.data() + layer.b);
    if (l == 0) break;
    // dL/da of the layer below, then through its activation.
    const LayerShape& below_layer = net.layers[l - 1];
    const Activation& act = below_layer.activation;
    const Fused fused = backward_fusion(act, pass);
    Scalar* unit_slope = ws.unit_slope.data();
    if (fused == Fused::UnitSlope) {
      for (Eigen::Index i = 0; i < below_layer.out; ++i) unit_slope[i] = eval_neg_slope(act);
    }
    backward_layer(layer, params, n, fused, unit_slope, ws, l);
    if (fused != Fused::Store) continue;
    UnitMatrix& below_delta = ws.delta[l - 1];
    const UnitMatrix& z = ws.z[l - 1];
    const Eigen::Index out = below_layer.out;
    switch (act.kind) {
      case ActivationKind::PReLU: {
        const auto alpha = prelu_alpha(params, below_layer);
        auto alpha_grad = prelu_alpha(grads, below_layer);
        alpha_grad.setZero();
        for (Eigen::Index i = 0; i < out; ++i)
          for (Eigen::Index j = 0; j < n; ++j) {
            const Scalar zij = z(i, j);
            if (zij <= 0) {
              alpha_grad(i) += below_delta(i, j) * zij;  // d(alpha z)/d alpha = z
              below_delta(i, j) *= alpha(i);
            }
          }
        break;
      }
      case ActivationKind::RReLU: {
        const Scalar mean_slope = eval_neg_slope(act);
        const UnitMatrix& slope = ws.slope[l - 1];
        for (Eigen::Index i = 0; i < out; ++i)
          for (Eigen::Index j = 0; j < n; ++j)
            if (z(i, j) <= 0) below_delta(i, j) *= pass == Pass::Eval ? mean_slope : slope(i, j);
        break;
      }
      default: {
        const Scalar neg_slope = eval_neg_slope(act);
        with_kind(act.kind, [&](auto kind) {
          for (Eigen::Index i = 0; i < out; ++i)
            for (Eigen::Index j = 0; j < n; ++j)
              below_delta(i, j) *= activation_derivative(kind.value, act.alpha, neg_slope, z(i, j));
        });
        break;
      }
    }
  }
}

Scalar loss_and_gradient(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x,
                         const Eigen::Ref<const Matrix>& y, Pass pass, Rng* rng, Workspace& ws, Vector& grads) {
  forward(net, params, x, pass, rng, ws);
  const Scalar loss = output_loss(net, y, ws);
  backward(net, params, x, pass, ws, grads);
  return loss;
}

void export_layers(const Network& net, const Vector& params, std::vector<LayerWeights>& layers) {
  layers.resize(net.layers.size());
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const LayerShape& shape = net.layers[l];
    LayerWeights& out = layers[l];
    out.w = weight(params, shape);
    out.b = bias(params, shape);
    out.activation = shape.activation;
    out.prelu_alpha = prelu_alpha(params, shape);
  }
}

void import_layers(const Network& net, const std::vector<LayerWeights>& layers, Vector& params) {
  assert(layers.size() == net.layers.size());
  params.resize(net.param_count);
  for (std::size_t l = 0; l < net.layers.size(); ++l) {
    const LayerShape& shape = net.layers[l];
    weight(params, shape) = layers[l].w;
    bias(params, shape) = layers[l].b;
    if (shape.alpha >= 0) {
      if (layers[l].prelu_alpha.size() == shape.out) {
        prelu_alpha(params, shape) = layers[l].prelu_alpha;
      } else {
        prelu_alpha(params, shape).setConstant(shape.activation.alpha);
      }
    }
  }
}

}  // namespace relulab::core
