// json_value.h — a small JSON reader/writer for user input that crosses into the core (commands from the
// page, lesson files, weights). Strict: depth and size limits, no exceptions; errors name the offset.
// It does not preserve key order beyond insertion, and numbers are doubles.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relulab::core {

class JsonValue {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  JsonValue() = default;
  static JsonValue boolean(bool v);
  static JsonValue number(double v);
  static JsonValue string(std::string v);
  static JsonValue array();
  static JsonValue object();

  Type type() const { return type_; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_bool() const { return type_ == Type::Bool; }

  bool as_bool() const { return bool_; }
  double as_number() const { return number_; }
  const std::string& as_string() const { return string_; }
  const std::vector<JsonValue>& items() const { return items_; }
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }

  const JsonValue* find(std::string_view key) const;  // object member or nullptr
  void push(JsonValue v) { items_.push_back(std::move(v)); }
  void set(std::string key, JsonValue v);

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<std::pair<std::string, JsonValue>> members_;
};

struct JsonLimits {
  std::size_t max_bytes = 1u << 20;
  int max_depth = 32;
};

// Parses one JSON document. On failure returns nullopt and writes a sentence into *error.
std::optional<JsonValue> parse_json(std::string_view text, std::string* error, JsonLimits limits = {});

// Compact JSON text; non-finite numbers are written as null (JSON has no NaN).
std::string to_json(const JsonValue& value);

// Untrusted text as a message may quote it: one line, at most max_bytes (control characters become '?', a cut
// is marked with "..."). Hostile input may hold newlines or kilobytes; messages go to screens and host pages.
std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 40);
void append_json_string(std::string& out, std::string_view text);
void append_json_number(std::string& out, double v);

}  // namespace relulab::core
