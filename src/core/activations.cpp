// activations.cpp — names of the activations: to_string / parse_activation ("relu", "leaky:0.1", ...).
#include "core/activations.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/names.h"

namespace relulab::core {

const char* activation_name(ActivationKind kind) { return name_of(kind); }

std::string format_number(Scalar value) {
  char buffer[32];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::string short_number(Scalar value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

bool parse_number(std::string_view text, Scalar* value) {
  if (text.empty() || text.size() > 64) return false;
  const std::string copy(text);
  char* end = nullptr;
  const Scalar parsed = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size() || !std::isfinite(parsed)) return false;
  *value = parsed;
  return true;
}

std::string to_string(const Activation& activation) {
  std::string text = activation_name(activation.kind);
  switch (activation.kind) {
    case ActivationKind::Leaky:
    case ActivationKind::PReLU:
    case ActivationKind::ELU: text += ":" + format_number(activation.alpha); break;
    case ActivationKind::RReLU:
      text += ":" + format_number(activation.lower) + ":" + format_number(activation.upper);
      break;
    default: break;
  }
  return text;
}

std::optional<Activation> parse_activation(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<Activation> {
    if (error) *error = message;
    return std::nullopt;
  };
  const std::size_t colon = text.find(':');
  const std::string_view name = text.substr(0, colon);
  const std::string_view args = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  Activation act;
  const std::optional<ActivationKind> kind = from_name<ActivationKind>(name);
  if (kind) act.kind = *kind;
  if (!kind) {
    return fail("unknown activation '" + std::string(name) +
                "' (expected relu, leaky[:a], prelu[:a], rrelu[:lo:hi], elu[:a], selu, tanh, sigmoid, linear)");
  }
  const bool takes_alpha = act.kind == ActivationKind::Leaky || act.kind == ActivationKind::PReLU ||
                           act.kind == ActivationKind::ELU;
  if (act.kind == ActivationKind::ELU) act.alpha = 1.0;
  if (args.empty()) {
    if (colon != std::string_view::npos) return fail("empty parameter after '" + std::string(name) + ":'");
    return act;
  }
  if (takes_alpha) {
    Scalar alpha = 0;
    if (!parse_number(args, &alpha) || alpha < 0 || alpha > 10) {
      return fail("bad " + std::string(name) + " slope '" + std::string(args) + "' (expected a number in [0, 10])");
    }
    act.alpha = alpha;
    return act;
  }
  if (act.kind == ActivationKind::RReLU) {
    const std::size_t second = args.find(':');
    Scalar lower = 0, upper = 0;
    if (second == std::string_view::npos || !parse_number(args.substr(0, second), &lower) ||
        !parse_number(args.substr(second + 1), &upper) || lower < 0 || upper < lower || upper > 1) {
      return fail("bad rrelu range '" + std::string(args) + "' (expected rrelu:lower:upper, 0 <= lower <= upper <= 1)");
    }
    act.lower = lower;
    act.upper = upper;
    return act;
  }
  return fail("activation '" + std::string(name) + "' takes no parameter");
}

}  // namespace relulab::core
