// weights_json.cpp — writer and reader for weights_json.h; the reader parses with json_value.h.
#include "core/weights_json.h"

#include <cmath>
#include <utility>

#include "core/activations.h"
#include "core/json_value.h"
#include "core/names.h"

namespace relulab::core {

const char* output_name(OutputKind output) { return name_of(output); }
std::optional<OutputKind> parse_output_kind(std::string_view name) { return from_name<OutputKind>(name); }

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Writer
// -----------------------------------------------------------------------------------------------------------

namespace {
void write_vector(std::string& out, const Vector& v) {
  out += "[";
  for (Eigen::Index i = 0; i < v.size(); ++i) out += (i ? ", " : "") + format_number(v(i));
  out += "]";
}
}  // namespace

std::string weights_to_json(const std::vector<LayerWeights>& layers, OutputKind output) {
  std::string out = "{\"format\": \"relulab-weights\", \"version\": 1, \"output\": \"";
  out += output_name(output);
  out += "\",\n \"layers\": [\n";
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const LayerWeights& layer = layers[l];
    out += "  {\"activation\": \"" + to_string(layer.activation) + "\",\n   \"w\": [";
    for (Eigen::Index i = 0; i < layer.w.rows(); ++i) {
      if (i) out += ",\n         ";
      write_vector(out, layer.w.row(i).transpose());
    }
    out += "],\n   \"b\": ";
    write_vector(out, layer.b);
    if (layer.prelu_alpha.size() > 0) {
      out += ",\n   \"prelu_alpha\": ";
      write_vector(out, layer.prelu_alpha);
    }
    out += l + 1 < layers.size() ? "},\n" : "}\n";
  }
  out += " ]}\n";
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Reader
// -----------------------------------------------------------------------------------------------------------

namespace {

bool read_vector(const JsonValue* json, Vector& out) {
  if (json == nullptr || !json->is_array()) return false;
  out.resize(static_cast<Eigen::Index>(json->items().size()));
  for (std::size_t i = 0; i < json->items().size(); ++i) {
    if (!json->items()[i].is_number()) return false;
    out(static_cast<Eigen::Index>(i)) = json->items()[i].as_number();
  }
  return true;
}

}  // namespace

std::optional<WeightsFile> weights_from_json(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<WeightsFile> {
    if (error) *error = message;
    return std::nullopt;
  };
  if (text.size() > (64u << 20)) return fail("weights JSON larger than 64 MB");
  std::string parse_error;
  const std::optional<JsonValue> parsed_root =
      parse_json(text, &parse_error, JsonLimits{std::size_t{64u << 20}, 32});
  if (!parsed_root) return fail("weights JSON: " + parse_error);
  const JsonValue& root = *parsed_root;
  if (!root.is_object()) return fail("weights JSON: expected an object");
  const JsonValue* format = root.find("format");
  if (format == nullptr || format->as_string() != "relulab-weights") {
    return fail("weights JSON: \"format\" must be \"relulab-weights\"");
  }
  const JsonValue* version = root.find("version");
  if (version == nullptr || !version->is_number() || version->as_number() != 1) {
    return fail("weights JSON: unsupported \"version\" (expected 1)");
  }
  WeightsFile file;
  if (const JsonValue* output = root.find("output")) {
    const auto kind = parse_output_kind(output->as_string());
    if (!kind) return fail("weights JSON: \"output\" must be linear-mse, sigmoid-ce or softmax-ce");
    file.output = *kind;
  }
  const JsonValue* layers = root.find("layers");
  if (layers == nullptr || !layers->is_array() || layers->items().empty()) {
    return fail("weights JSON: \"layers\" must be a non-empty array");
  }
  for (std::size_t l = 0; l < layers->items().size(); ++l) {
    const JsonValue& layer = layers->items()[l];
    const std::string where = "weights JSON: layer " + std::to_string(l + 1) + ": ";
    if (!layer.is_object()) return fail(where + "expected an object");
    LayerWeights weights;
    const JsonValue* activation = layer.find("activation");
    std::string activation_error;
    const auto parsed = activation ? parse_activation(activation->as_string(), &activation_error) : std::nullopt;
    if (!parsed) return fail(where + (activation ? activation_error : std::string("missing \"activation\"")));
    weights.activation = *parsed;
    const JsonValue* w = layer.find("w");
    if (w == nullptr || !w->is_array() || w->items().empty()) {
      return fail(where + "\"w\" must be a non-empty array of rows");
    }
    Vector row;
    for (std::size_t i = 0; i < w->items().size(); ++i) {
      if (!read_vector(&w->items()[i], row) || row.size() == 0) return fail(where + "\"w\" rows must hold numbers");
      if (i == 0) weights.w.resize(static_cast<Eigen::Index>(w->items().size()), row.size());
      if (row.size() != weights.w.cols()) return fail(where + "\"w\" rows differ in length");
      weights.w.row(static_cast<Eigen::Index>(i)) = row.transpose();
    }
    if (!read_vector(layer.find("b"), weights.b) || weights.b.size() != weights.w.rows()) {
      return fail(where + "\"b\" must hold one number per row of \"w\"");
    }
    if (const JsonValue* alpha = layer.find("prelu_alpha")) {
      if (!read_vector(alpha, weights.prelu_alpha) || weights.prelu_alpha.size() != weights.w.rows()) {
        return fail(where + "\"prelu_alpha\" must hold one number per row of \"w\"");
      }
    }
    if (!file.layers.empty() && file.layers.back().w.rows() != weights.w.cols()) {
      return fail(where + "\"w\" has " + std::to_string(weights.w.cols()) + " columns, but the layer below has " +
                  std::to_string(file.layers.back().w.rows()) + " units");
    }
    file.layers.push_back(std::move(weights));
  }
  return file;
}

}  // namespace relulab::core
