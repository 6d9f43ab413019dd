// network.cpp — forward and backward passes of the MLP over flat parameters (see network.h for the layout).
// Products use Eigen's lazyProduct into preallocated buffers: no heap allocation per pass.
#include "core/network.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <type_traits>

#include "core/activations.h"

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
    ws.z[l].resize(layer.out, capacity);
    ws.a[l].resize(layer.out, capacity);
    ws.delta[l].resize(layer.out, capacity);
    if (layer.activation.kind == ActivationKind::RReLU) {
      ws.slope[l].setConstant(layer.out, capacity, eval_neg_slope(layer.activation));
    } else {
      ws.slope[l].resize(0, 0);
    }
  }
  ws.capacity = capacity;
}

namespace {

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

// a = f(z) over columns [0, n) of one hidden layer.
void activate_layer(const LayerShape& layer, const ConstVectorMap& alpha, Pass pass, Rng* rng, Eigen::Index n,
                    Workspace& ws, std::size_t l) {
  const Activation& act = layer.activation;
  Matrix& z = ws.z[l];
  Matrix& a = ws.a[l];
  const Eigen::Index out = layer.out;
  switch (act.kind) {
    case ActivationKind::PReLU:
      for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < out; ++i) a(i, j) = activate(act.kind, 0, alpha(i), z(i, j));
      return;
    case ActivationKind::RReLU: {
      Matrix& slope = ws.slope[l];
      if (pass == Pass::Train) {
        assert(rng != nullptr);
        for (Eigen::Index j = 0; j < n; ++j)
          for (Eigen::Index i = 0; i < out; ++i) slope(i, j) = uniform(*rng, act.lower, act.upper);
      }
      const Scalar mean_slope = eval_neg_slope(act);
      for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < out; ++i)
          a(i, j) = activate(act.kind, 0, pass == Pass::Eval ? mean_slope : slope(i, j), z(i, j));
      return;
    }
    default: {
      const Scalar neg_slope = eval_neg_slope(act);
      with_kind(act.kind, [&](auto kind) {
        for (Eigen::Index j = 0; j < n; ++j)
          for (Eigen::Index i = 0; i < out; ++i) a(i, j) = activate(kind.value, act.alpha, neg_slope, z(i, j));
      });
      return;
    }
  }
}

}  // namespace

void forward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass, Rng* rng,
             Workspace& ws) {
  const Eigen::Index n = x.cols();
  assert(n <= ws.capacity);
  const std::size_t count = net.layers.size();
  for (std::size_t l = 0; l < count; ++l) {
    const LayerShape& layer = net.layers[l];
    auto z = ws.z[l].leftCols(n);
    if (l == 0) {
      z.noalias() = weight(params, layer).lazyProduct(x);
    } else {
      z.noalias() = weight(params, layer).lazyProduct(ws.a[l - 1].leftCols(n));
    }
    z.colwise() += bias(params, layer);
    if (l + 1 < count) {
      activate_layer(layer, prelu_alpha(params, layer), pass, rng, n, ws, l);
    }
  }
  // Output layer: the prediction.
  const Matrix& z = ws.z.back();
  Matrix& a = ws.a.back();
  switch (net.output) {
    case OutputKind::LinearMSE: a.leftCols(n) = z.leftCols(n); break;
    case OutputKind::SigmoidCE:
      for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < z.rows(); ++i) a(i, j) = sigmoid(z(i, j));
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
// log(1 + e^z) without overflow.
Scalar softplus(Scalar z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

Eigen::Index class_of(Scalar label) { return static_cast<Eigen::Index>(std::lround(label)); }
}  // namespace

Scalar output_loss(const Network& net, const Eigen::Ref<const Matrix>& y, Workspace& ws) {
  const Eigen::Index n = y.cols();
  const Matrix& z = ws.z.back();
  const Matrix& a = ws.a.back();
  Matrix& dz = ws.delta.back();
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
        total += softplus(z(0, j)) - y(0, j) * z(0, j);
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
  const Matrix& a = ws.a.back();
  Eigen::Index correct = 0;
  for (Eigen::Index j = 0; j < n; ++j) {
    Eigen::Index predicted = 0;
    if (net.output == OutputKind::SoftmaxCE) {
      a.col(j).maxCoeff(&predicted);
    } else {
      predicted = a(0, j) > 0.5 ? 1 : 0;
    }
    if (predicted == class_of(y(0, j))) ++correct;
  }
  return static_cast<Scalar>(correct) / static_cast<Scalar>(n);
}

void backward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass,
              Workspace& ws, Vector& grads) {
  const Eigen::Index n = x.cols();
  for (std::size_t l = net.layers.size(); l-- > 0;) {
    const LayerShape& layer = net.layers[l];
    auto delta = ws.delta[l].leftCols(n);  // dL/dz of this layer (out, n)
    if (l == 0) {
      weight(grads, layer).noalias() = delta.lazyProduct(x.transpose());
    } else {
      weight(grads, layer).noalias() = delta.lazyProduct(ws.a[l - 1].leftCols(n).transpose());
    }
    bias(grads, layer).noalias() = delta.rowwise().sum();
    if (l == 0) break;
    // dL/da of the layer below, then through its activation.
    const LayerShape& below = net.layers[l - 1];
    auto below_delta = ws.delta[l - 1].leftCols(n);
    below_delta.noalias() = weight(params, layer).transpose().lazyProduct(delta);
    const Matrix& z = ws.z[l - 1];
    const Activation& act = below.activation;
    const Eigen::Index out = below.out;
    switch (act.kind) {
      case ActivationKind::PReLU: {
        const auto alpha = prelu_alpha(params, below);
        auto alpha_grad = prelu_alpha(grads, below);
        alpha_grad.setZero();
        for (Eigen::Index j = 0; j < n; ++j)
          for (Eigen::Index i = 0; i < out; ++i) {
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
        const Matrix& slope = ws.slope[l - 1];
        for (Eigen::Index j = 0; j < n; ++j)
          for (Eigen::Index i = 0; i < out; ++i)
            if (z(i, j) <= 0) below_delta(i, j) *= pass == Pass::Eval ? mean_slope : slope(i, j);
        break;
      }
      case ActivationKind::ReLU:
        for (Eigen::Index j = 0; j < n; ++j)
          for (Eigen::Index i = 0; i < out; ++i)
            if (z(i, j) <= 0) below_delta(i, j) = 0.0;
        break;
      default: {
        const Scalar neg_slope = eval_neg_slope(act);
        with_kind(act.kind, [&](auto kind) {
          for (Eigen::Index j = 0; j < n; ++j)
            for (Eigen::Index i = 0; i < out; ++i)
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
