// weights_json.h — a network's weights as JSON text and back, so a net can be reproduced elsewhere.
// Format (numbers printed with the fewest digits that read back to the same double):
//   {"format": "relulab-weights", "version": 1, "output": "sigmoid-ce",
//    "layers": [{"activation": "relu", "w": [[...], ...] (out rows of in numbers), "b": [...],
//                "prelu_alpha": [...] (PReLU only)}, ..., {"activation": "linear", ...}]}
// Hidden layers first, the output layer last. The reader parses with json_value.h; no exceptions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace relulab::core {

struct WeightsFile {
  std::vector<LayerWeights> layers;
  OutputKind output = OutputKind::SigmoidCE;
};

std::string weights_to_json(const std::vector<LayerWeights>& layers, OutputKind output);
// nullopt with a message naming what is wrong (and where) for malformed or inconsistent input.
std::optional<WeightsFile> weights_from_json(std::string_view text, std::string* error);

const char* output_name(OutputKind output);  // "linear-mse", "sigmoid-ce", "softmax-ce"
std::optional<OutputKind> parse_output_kind(std::string_view name);

}  // namespace relulab::core
