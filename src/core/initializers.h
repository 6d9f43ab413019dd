// initializers.h — initial weights and biases of one layer, unit by unit (so a dead unit can be re-drawn alone).
// Rules (fan_in = inputs of the layer, fan_out = its units):
//   He normal N(0, 2/fan_in), He uniform U(±sqrt(6/fan_in)); Glorot normal N(0, 2/(fan_in+fan_out)),
//   Glorot uniform U(±sqrt(6/(fan_in+fan_out))); LeCun normal N(0, 1/fan_in), LeCun uniform U(±sqrt(3/fan_in));
//   all with bias 0. NegativeUniform: weights U(-1, 0), bias 0. Playground: weights U(-0.5, 0.5), bias 0.1.
//   RAI (Lu, Shin, Su & Karniadakis 2020, "Dying ReLU and Initialization", CiCP 28(5)): each unit's vector
//   v = (w, b) of fan_in + 1 entries gets one entry, at a uniformly random position, drawn from the positive,
//   asymmetric Beta(2, 1); the other entries are N(0, sigma^2) with sigma^2 = 0.36 / fan_in. The positive
//   entry makes the unit likely to be active somewhere, which is what keeps deep narrow nets from being born dead.
// Does not know about the constant-bias override (NetConfig::bias): the session applies it afterwards.
#pragma once

#include "core/rng.h"
#include "core/types.h"

namespace relulab::core {

// Draws one unit: `weights` points at fan_in entries spaced `stride` apart (a row of a column-major W).
void init_unit(InitKind kind, int fan_in, int fan_out, Rng& rng, Scalar* weights, Eigen::Index stride,
               Scalar* bias);

// Draws every unit of a layer, in unit order. w: (out, in).
void init_layer(InitKind kind, Rng& rng, Eigen::Ref<Matrix> w, Eigen::Ref<Vector> b);

const char* init_name(InitKind kind);

}  // namespace relulab::core
