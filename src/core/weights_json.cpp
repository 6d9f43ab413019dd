// weights_json.cpp — writer and a small recursive-descent JSON reader for weights_json.h.
#include "core/weights_json.h"

#include <cmath>
#include <utility>

#include "core/activations.h"

namespace relulab::core {

const char* output_name(OutputKind output) {
  switch (output) {
    case OutputKind::LinearMSE: return "linear-mse";
    case OutputKind::SigmoidCE: return "sigmoid-ce";
    case OutputKind::SoftmaxCE: return "softmax-ce";
  }
  return "sigmoid-ce";
}

std::optional<OutputKind> parse_output_kind(std::string_view name) {
  for (OutputKind kind : {OutputKind::LinearMSE, OutputKind::SigmoidCE, OutputKind::SoftmaxCE}) {
    if (name == output_name(kind)) return kind;
  }
  return std::nullopt;
}

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

struct Json {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::vector<std::pair<std::string, Json>> object;

  const Json* find(std::string_view key) const {
    for (const auto& [name, value] : object) {
      if (name == key) return &value;
    }
    return nullptr;
  }
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool parse(Json& out, std::string& error) {
    if (!value(out, 0)) {
      error = error_ + " at offset " + std::to_string(pos_);
      return false;
    }
    skip_space();
    if (pos_ != text_.size()) {
      error = "unexpected text after the JSON value at offset " + std::to_string(pos_);
      return false;
    }
    return true;
  }

 private:
  static constexpr int kMaxDepth = 32;

  bool fail(const char* message) {
    error_ = message;
    return false;
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Json& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    skip_space();
    if (pos_ >= text_.size()) return fail("unexpected end of input");
    const char c = text_[pos_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"') {
      out.type = Json::Type::String;
      return string(out.string);
    }
    if (c == 't') { out.type = Json::Type::Bool; out.boolean = true; return literal("true"); }
    if (c == 'f') { out.type = Json::Type::Bool; out.boolean = false; return literal("false"); }
    if (c == 'n') { out.type = Json::Type::Null; return literal("null"); }
    return number(out);
  }

  bool number(Json& out) {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
        ++pos_;
      } else {
        break;
      }
    }
    if (!parse_number(text_.substr(start, pos_ - start), &out.number)) return fail("invalid number");
    out.type = Json::Type::Number;
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c == '\\') {
        if (pos_ >= text_.size()) break;
        const char e = text_[pos_++];
        switch (e) {
          case '"': case '\\': case '/': out += e; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'r': out += '\r'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'u':  // names here are ASCII; keep the escape as text
            if (pos_ + 4 > text_.size()) return fail("bad \\u escape");
            out += "\\u";
            out += text_.substr(pos_, 4);
            pos_ += 4;
            break;
          default: return fail("bad escape in string");
        }
      } else {
        out += c;
      }
    }
    return fail("unterminated string");
  }

  bool array(Json& out, int depth) {
    out.type = Json::Type::Array;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') { ++pos_; return true; }
    while (true) {
      out.array.emplace_back();
      if (!value(out.array.back(), depth + 1)) return false;
      skip_space();
      if (pos_ >= text_.size()) return fail("unterminated array");
      if (text_[pos_] == ',') { ++pos_; continue; }
      if (text_[pos_] == ']') { ++pos_; return true; }
      return fail("expected ',' or ']'");
    }
  }

  bool object(Json& out, int depth) {
    out.type = Json::Type::Object;
    ++pos_;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') { ++pos_; return true; }
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') return fail("expected a key");
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != ':') return fail("expected ':'");
      ++pos_;
      out.object.emplace_back(std::move(key), Json{});
      if (!value(out.object.back().second, depth + 1)) return false;
      skip_space();
      if (pos_ >= text_.size()) return fail("unterminated object");
      if (text_[pos_] == ',') { ++pos_; continue; }
      if (text_[pos_] == '}') { ++pos_; return true; }
      return fail("expected ',' or '}'");
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

bool read_vector(const Json* json, Vector& out) {
  if (json == nullptr || json->type != Json::Type::Array) return false;
  out.resize(static_cast<Eigen::Index>(json->array.size()));
  for (std::size_t i = 0; i < json->array.size(); ++i) {
    if (json->array[i].type != Json::Type::Number) return false;
    out(static_cast<Eigen::Index>(i)) = json->array[i].number;
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
  Json root;
  std::string parse_error;
  if (!Parser(text).parse(root, parse_error)) return fail("weights JSON: " + parse_error);
  if (root.type != Json::Type::Object) return fail("weights JSON: expected an object");
  const Json* format = root.find("format");
  if (format == nullptr || format->string != "relulab-weights") {
    return fail("weights JSON: \"format\" must be \"relulab-weights\"");
  }
  const Json* version = root.find("version");
  if (version == nullptr || version->type != Json::Type::Number || version->number != 1) {
    return fail("weights JSON: unsupported \"version\" (expected 1)");
  }
  WeightsFile file;
  if (const Json* output = root.find("output")) {
    const auto kind = parse_output_kind(output->string);
    if (!kind) return fail("weights JSON: \"output\" must be linear-mse, sigmoid-ce or softmax-ce");
    file.output = *kind;
  }
  const Json* layers = root.find("layers");
  if (layers == nullptr || layers->type != Json::Type::Array || layers->array.empty()) {
    return fail("weights JSON: \"layers\" must be a non-empty array");
  }
  for (std::size_t l = 0; l < layers->array.size(); ++l) {
    const Json& layer = layers->array[l];
    const std::string where = "weights JSON: layer " + std::to_string(l + 1) + ": ";
    if (layer.type != Json::Type::Object) return fail(where + "expected an object");
    LayerWeights weights;
    const Json* activation = layer.find("activation");
    std::string activation_error;
    const auto parsed = activation ? parse_activation(activation->string, &activation_error) : std::nullopt;
    if (!parsed) return fail(where + (activation ? activation_error : std::string("missing \"activation\"")));
    weights.activation = *parsed;
    const Json* w = layer.find("w");
    if (w == nullptr || w->type != Json::Type::Array || w->array.empty()) {
      return fail(where + "\"w\" must be a non-empty array of rows");
    }
    Vector row;
    for (std::size_t i = 0; i < w->array.size(); ++i) {
      if (!read_vector(&w->array[i], row) || row.size() == 0) return fail(where + "\"w\" rows must hold numbers");
      if (i == 0) weights.w.resize(static_cast<Eigen::Index>(w->array.size()), row.size());
      if (row.size() != weights.w.cols()) return fail(where + "\"w\" rows differ in length");
      weights.w.row(static_cast<Eigen::Index>(i)) = row.transpose();
    }
    if (!read_vector(layer.find("b"), weights.b) || weights.b.size() != weights.w.rows()) {
      return fail(where + "\"b\" must hold one number per row of \"w\"");
    }
    if (const Json* alpha = layer.find("prelu_alpha")) {
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
