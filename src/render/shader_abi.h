// shader_abi.h — the numbers C++ and GLSL must agree on: activation codes, unit-state codes, the weight
// texture's column layout and the array sizes of the shaders' uniforms. shader.cpp writes each as a
// `#define RL_...` into the prelude of every shader, so the GLSL uses the names and no number is matched
// by hand. Does not hold uniform names or GL state (plane_renderer.cpp owns those).
#pragma once

#include <string>

#include "core/session.h"

namespace relulab::render::abi {

// Activation codes (field_fs's activate()).
inline constexpr int kActReLU = 0, kActLeaky = 1, kActPReLU = 2, kActRReLU = 3, kActELU = 4, kActSELU = 5,
                     kActTanh = 6, kActSigmoid = 7, kActLinear = 8;

constexpr int activation_code(core::ActivationKind kind) {
  switch (kind) {
    case core::ActivationKind::ReLU: return kActReLU;
    case core::ActivationKind::Leaky: return kActLeaky;
    case core::ActivationKind::PReLU: return kActPReLU;
    case core::ActivationKind::RReLU: return kActRReLU;
    case core::ActivationKind::ELU: return kActELU;
    case core::ActivationKind::SELU: return kActSELU;
    case core::ActivationKind::Tanh: return kActTanh;
    case core::ActivationKind::Sigmoid: return kActSigmoid;
    case core::ActivationKind::Linear: return kActLinear;
  }
  return kActLinear;
}

// Unit-state codes (u_units[i].w, units_fs's patterns, u_state_color's index): core::UnitState's order.
inline constexpr int kStateAlive = static_cast<int>(core::UnitState::Alive);
inline constexpr int kStateDead = static_cast<int>(core::UnitState::Dead);
inline constexpr int kStateInactive = static_cast<int>(core::UnitState::Inactive);
inline constexpr int kStateSaturated = static_cast<int>(core::UnitState::Saturated);
inline constexpr int kStateRevived = static_cast<int>(core::UnitState::Revived);
inline constexpr int kStateCount = kStateRevived + 1;
static_assert(kStateAlive == 0 && kStateCount == 5, "unit states are the colours 0..4 of Palette::state");

// Output kinds (u_output_kind).
inline constexpr int kOutputLinear = 0, kOutputSigmoid = 1, kOutputSoftmax = 2;

// Sizes: units per layer the shaders hold, layers (hidden + output) of the field's forward pass.
inline constexpr int kMaxUnits = 64;
inline constexpr int kMaxLayers = 9;
inline constexpr int kMaxClasses = 10;  // class colours the points shader holds (digits: 10)

// Weight texture (R32F): row = one unit; columns 0..kMaxUnits-1 incoming weights, then bias, then PReLU slope.
inline constexpr int kWeightBiasColumn = kMaxUnits;
inline constexpr int kWeightSlopeColumn = kMaxUnits + 1;
inline constexpr int kWeightColumns = kMaxUnits + 2;

// The `#define` lines shader.cpp puts after the #version line.
inline std::string glsl_defines() {
  struct Define { const char* name; int value; };
  const Define defines[] = {
      {"RL_ACT_RELU", kActReLU}, {"RL_ACT_LEAKY", kActLeaky}, {"RL_ACT_PRELU", kActPReLU},
      {"RL_ACT_RRELU", kActRReLU}, {"RL_ACT_ELU", kActELU}, {"RL_ACT_SELU", kActSELU},
      {"RL_ACT_TANH", kActTanh}, {"RL_ACT_SIGMOID", kActSigmoid}, {"RL_ACT_LINEAR", kActLinear},
      {"RL_STATE_ALIVE", kStateAlive}, {"RL_STATE_DEAD", kStateDead}, {"RL_STATE_INACTIVE", kStateInactive},
      {"RL_STATE_SATURATED", kStateSaturated}, {"RL_STATE_REVIVED", kStateRevived},
      {"RL_STATE_COUNT", kStateCount},
      {"RL_OUTPUT_LINEAR", kOutputLinear}, {"RL_OUTPUT_SIGMOID", kOutputSigmoid},
      {"RL_OUTPUT_SOFTMAX", kOutputSoftmax},
      {"RL_MAX_UNITS", kMaxUnits}, {"RL_MAX_LAYERS", kMaxLayers}, {"RL_MAX_CLASSES", kMaxClasses},
      {"RL_WEIGHT_BIAS_COLUMN", kWeightBiasColumn}, {"RL_WEIGHT_SLOPE_COLUMN", kWeightSlopeColumn},
  };
  std::string out;
  for (const Define& d : defines) out += std::string("#define ") + d.name + " " + std::to_string(d.value) + "\n";
  return out;
}

}  // namespace relulab::render::abi
