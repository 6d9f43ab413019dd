// network.h — the MLP: a flat parameter vector, the layer layout inside it, the forward pass that keeps z and
// the activations of every layer for a whole batch, and the backward pass. No optimizer; of the probes only the
// per-unit sums an Eval pass gathers while it writes z (census.cpp turns them into the census).
#pragma once

#include <vector>

#include "core/rng.h"
#include "core/limits.h"
#include "core/types.h"

namespace relulab::core {


// Where one layer lives in the flat parameter vector. Every layer keeps W, b (and PReLU's alpha) contiguous:
// params = [W_0 (out, in) column-major | b_0 (out) | alpha_0 (out, PReLU only) | W_1 | ...].
struct LayerShape {
  int in = 0, out = 0;
  Activation activation;                     // Linear for the output layer
  Eigen::Index w = 0, b = 0, alpha = -1;     // offsets; alpha = -1 unless PReLU
};

struct Network {
  std::vector<LayerShape> layers;            // hidden layers, then the output layer
  OutputKind output = OutputKind::SigmoidCE;
  Eigen::Index param_count = 0;
  int hidden_count() const { return static_cast<int>(layers.size()) - 1; }
};

// activations: one per hidden layer (missing entries repeat the last one; empty = ReLU).
Network make_network(int inputs, const std::vector<int>& hidden, const std::vector<Activation>& activations,
                     int outputs, OutputKind output);

using MatrixMap = Eigen::Map<Matrix>;
using ConstMatrixMap = Eigen::Map<const Matrix>;
using VectorMap = Eigen::Map<Vector>;
using ConstVectorMap = Eigen::Map<const Vector>;

inline MatrixMap weight(Vector& p, const LayerShape& l) { return MatrixMap(p.data() + l.w, l.out, l.in); }
inline ConstMatrixMap weight(const Vector& p, const LayerShape& l) {
  return ConstMatrixMap(p.data() + l.w, l.out, l.in);
}
inline VectorMap bias(Vector& p, const LayerShape& l) { return VectorMap(p.data() + l.b, l.out); }
inline ConstVectorMap bias(const Vector& p, const LayerShape& l) { return ConstVectorMap(p.data() + l.b, l.out); }
// PReLU slopes; for any other layer an empty map.
inline VectorMap prelu_alpha(Vector& p, const LayerShape& l) {
  return VectorMap(l.alpha >= 0 ? p.data() + l.alpha : p.data(), l.alpha >= 0 ? l.out : 0);
}
inline ConstVectorMap prelu_alpha(const Vector& p, const LayerShape& l) {
  return ConstVectorMap(l.alpha >= 0 ? p.data() + l.alpha : p.data(), l.alpha >= 0 ? l.out : 0);
}

// Buffers for one pass over up to `capacity` points; columns [0, n) are used for a batch of n. Every buffer is
// unit-major (row-major (units, capacity)): row i holds unit i's values over the points, contiguous, which is
// the direction the kernels vectorize along (kernels.h). Indexing stays (unit, point).
using UnitMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// What the census needs of one hidden unit's z over the points of an Eval pass, gathered while the forward
// pass writes z (so the census does not sweep z again for them).
struct UnitProbe {
  int active = 0;          // points with z > 0
  int unsaturated = 0;     // points with |z| <= the saturation threshold (tanh/sigmoid layers only, else n)
  Scalar z_min = 0, z_max = 0, z_sum = 0;
};

struct Workspace {
  std::vector<UnitMatrix> z, a, delta;       // per layer: (out, capacity)
  std::vector<UnitMatrix> slope;             // per layer: RReLU training slopes (out, capacity), else empty
  UnitMatrix input;                          // (inputs, capacity): the batch x, transposed to unit-major
  UnitMatrix output_exp;                     // sigmoid output: exp(-|z|) per point, shared by p and the loss
  const Scalar* input_source = nullptr;      // the x that `input` holds (data pointer and point count)
  Eigen::Index input_points = -1;
  std::vector<std::vector<UnitProbe>> probes;  // per hidden layer, per unit: of the last forward pass if Eval
  Eigen::Index probe_points = -1;            // points the probes cover; -1 when the last pass was not Eval
  std::vector<Scalar> unit_slope;            // scratch: one slope per unit of the widest layer
  Eigen::Index capacity = 0;
};
void resize_workspace(const Network& net, Eigen::Index capacity, Workspace& ws);

// Eval: RReLU uses its mean slope. Train: RReLU draws a fresh slope per unit and point from `rng`.
// Replay: a training pass that reuses the slopes already in the workspace (finite-difference checks).
enum class Pass { Eval, Train, Replay };

// x: (inputs, n), n <= capacity. Fills z and a of every layer; a of the output layer is the prediction
// (probability for sigmoid/softmax outputs, the value for linear output). An Eval pass also fills ws.probes.
void forward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass, Rng* rng,
             Workspace& ws);

// Mean loss over the n points of the last forward pass, and dL/dz of the output layer into ws.delta.back().
// y: (1, n) class index (classification) or target (regression).
Scalar output_loss(const Network& net, const Eigen::Ref<const Matrix>& y, Workspace& ws);

// Fraction of correctly classified points of the last forward pass (0 for a linear output on regression data).
Scalar output_accuracy(const Network& net, const Eigen::Ref<const Matrix>& y, bool classification,
                       const Workspace& ws);

// Backward pass after forward + output_loss: writes dL/dparams into grads (size param_count).
void backward(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x, Pass pass,
              Workspace& ws, Vector& grads);

// forward + output_loss + backward; returns the mean loss.
Scalar loss_and_gradient(const Network& net, const Vector& params, const Eigen::Ref<const Matrix>& x,
                         const Eigen::Ref<const Matrix>& y, Pass pass, Rng* rng, Workspace& ws, Vector& grads);

// LayerWeights (the drawing/export view) <-> flat parameters.
void export_layers(const Network& net, const Vector& params, std::vector<LayerWeights>& layers);
void import_layers(const Network& net, const std::vector<LayerWeights>& layers, Vector& params);

}  // namespace relulab::core
