// activations.h — every hidden-unit activation and its derivative, as scalar functions of z.
// "neg_slope" is the slope used for z <= 0 by the ReLU family: Leaky's alpha, a PReLU unit's learned alpha,
// an RReLU point's sampled slope (training) or the mean slope (evaluation). Does not loop over layers.
#pragma once

#include <cmath>

#include "core/types.h"

namespace relulab::core {

// SELU constants (Klambauer et al. 2017, "Self-Normalizing Neural Networks", eq. 2).
inline constexpr Scalar kSeluLambda = 1.0507009873554804934193349852946;
inline constexpr Scalar kSeluAlpha = 1.6732632423543772848170429916717;

// A tanh/sigmoid unit is "saturated" when |z| exceeds this on every training point: there its derivative is
// below 1% of its peak (tanh'(3) = 0.0099; sigmoid'(6) = 0.0025 = 1% of sigmoid'(0) = 0.25).
inline constexpr Scalar kTanhSaturation = 3.0;
inline constexpr Scalar kSigmoidSaturation = 6.0;

inline Scalar sigmoid(Scalar z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const Scalar e = std::exp(z);
  return e / (1.0 + e);
}

// The slope for z <= 0 that evaluation uses (RReLU: the mean of [lower, upper]; PReLU: per unit, see network).
inline Scalar eval_neg_slope(const Activation& act) {
  switch (act.kind) {
    case ActivationKind::Leaky: case ActivationKind::PReLU: return act.alpha;
    case ActivationKind::RReLU: return 0.5 * (act.lower + act.upper);
    default: return 0.0;
  }
}

inline Scalar activate(ActivationKind kind, Scalar alpha, Scalar neg_slope, Scalar z) {
  switch (kind) {
    case ActivationKind::ReLU: return z > 0 ? z : 0.0;
    case ActivationKind::Leaky:
    case ActivationKind::PReLU:
    case ActivationKind::RReLU: return z > 0 ? z : neg_slope * z;
    case ActivationKind::ELU: return z > 0 ? z : alpha * std::expm1(z);
    case ActivationKind::SELU: return z > 0 ? kSeluLambda * z : kSeluLambda * kSeluAlpha * std::expm1(z);
    case ActivationKind::Tanh: return std::tanh(z);
    case ActivationKind::Sigmoid: return sigmoid(z);
    case ActivationKind::Linear: return z;
  }
  return z;
}

// d activate / dz. At the kink z = 0 the ReLU family takes the z <= 0 branch, so ReLU'(0) = 0 and a unit with
// k = 0 (no z > 0) has exactly zero derivative on every point.
inline Scalar activation_derivative(ActivationKind kind, Scalar alpha, Scalar neg_slope, Scalar z) {
  switch (kind) {
    case ActivationKind::ReLU: return z > 0 ? 1.0 : 0.0;
    case ActivationKind::Leaky:
    case ActivationKind::PReLU:
    case ActivationKind::RReLU: return z > 0 ? 1.0 : neg_slope;
    case ActivationKind::ELU: return z > 0 ? 1.0 : alpha * std::exp(z);
    case ActivationKind::SELU: return z > 0 ? kSeluLambda : kSeluLambda * kSeluAlpha * std::exp(z);
    case ActivationKind::Tanh: { const Scalar t = std::tanh(z); return 1.0 - t * t; }
    case ActivationKind::Sigmoid: { const Scalar s = sigmoid(z); return s * (1.0 - s); }
    case ActivationKind::Linear: return 1.0;
  }
  return 1.0;
}

// True when the derivative is exactly zero for every z <= 0 (only ReLU): k = 0 then means "dead".
inline bool zero_gradient_when_off(const Activation& act) { return act.kind == ActivationKind::ReLU; }

// True for the activations that can saturate on both sides (tanh, sigmoid).
inline bool can_saturate(const Activation& act) {
  return act.kind == ActivationKind::Tanh || act.kind == ActivationKind::Sigmoid;
}
inline Scalar saturation_threshold(const Activation& act) {
  return act.kind == ActivationKind::Sigmoid ? kSigmoidSaturation : kTanhSaturation;
}

// Short lower-case name of a kind ("relu", "leaky", ...), the one to_string/parse_activation use.
const char* activation_name(ActivationKind kind);

// Formats a number with the fewest digits that read back to the same double ("0.1", "1e-06").
std::string format_number(Scalar value);
// Four significant digits, for sentences and labels people read ("0.1235", "1.5e+04"); not for round trips.
std::string short_number(Scalar value);
// Parses a whole string as a finite double; false if anything is left over or the text is empty.
bool parse_number(std::string_view text, Scalar* value);

}  // namespace relulab::core
