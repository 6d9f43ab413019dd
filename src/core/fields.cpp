// fields.cpp — the strict field reader (fields.h).
#include "core/fields.h"

#include <cmath>

#include "core/activations.h"

namespace relulab::core {

std::string range_end(double v) {
  // Whole numbers below 2^53 are exact as integers; print them without an exponent.
  if (v == std::floor(v) && std::fabs(v) <= 9007199254740992.0) return std::to_string(static_cast<long long>(v));
  return format_number(v);
}

std::string describe(const Range& range) {
  return std::string(range.whole ? "a whole number" : "a number") + " from " + range_end(range.lo) + " to " +
         range_end(range.hi);
}

bool in_range(double v, const Range& range) {
  return v >= range.lo && v <= range.hi && (!range.whole || v == std::floor(v));
}

bool read_number_text(std::string_view text, const Range& range, double* out, std::string* why) {
  const auto refuse = [&](std::string message) {
    if (why) *why = std::move(message);
    return false;
  };
  const std::string quoted = "'" + quoted_excerpt(text) + "'";
  bool digits = false;
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    digits = digits || digit;
    if (!digit && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') return refuse(quoted + " is not a number");
  }
  double v = 0;
  if (!digits || !parse_number(text, &v)) return refuse(quoted + " is not a number");
  if (range.whole && v != std::floor(v)) return refuse(quoted + " is not a whole number");
  if (!in_range(v, range)) return refuse(format_number(v) + " is out of range");
  *out = v;
  return true;
}

std::string FieldReader::field(const std::string& path, std::string_view key) const {
  if (naming_ == Naming::Quoted) return "'" + quoted_excerpt(key) + "'";
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

bool FieldReader::fail(const std::string& field, const std::string& message) {
  if (error_) *error_ = field.empty() ? message : field + (naming_ == Naming::Quoted ? " " : ": ") + message;
  return false;
}

bool FieldReader::only_keys(const JsonValue& object, const std::string& path,
                            const std::vector<std::string_view>& allowed, const std::string& owner) {
  for (const auto& member : object.members()) {
    bool known = false;
    for (std::string_view key : allowed) known = known || member.first == key;
    if (known) continue;
    if (naming_ == Naming::Quoted) {
      return fail("", "unknown field " + field(path, member.first) + (owner.empty() ? "" : " for " + owner));
    }
    std::string list;
    for (std::string_view key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
    return fail(field(path, member.first), "unknown field (expected " + list + ")");
  }
  return true;
}

bool FieldReader::string(const JsonValue& object, const std::string& path, const char* key, std::size_t min_length,
                         std::size_t max_length, std::string* out) {
  const JsonValue* v = object.find(key);
  const std::string name = field(path, key);
  const std::string lengths = std::to_string(min_length) + " to " + std::to_string(max_length);
  if (!v) return min_length == 0 || fail(name, "missing (a text of " + lengths + " characters)");
  if (!v->is_string()) return fail(name, "must be a text");
  if (v->as_string().size() < min_length || v->as_string().size() > max_length) {
    return fail(name, "must be " + lengths + " characters long");
  }
  *out = v->as_string();
  return true;
}

bool FieldReader::whole(const JsonValue* v, const std::string& field, double lo, double hi, double* out) {
  const Range range{lo, hi, true};
  if (!v->is_number() || !in_range(v->as_number(), range)) return fail(field, "must be " + describe(range));
  *out = v->as_number();
  return true;
}

bool FieldReader::whole(const JsonValue& object, const std::string& path, const char* key, double lo, double hi,
                        bool required, double* out) {
  const JsonValue* v = object.find(key);
  const std::string name = field(path, key);
  if (!v) return !required || fail(name, "missing (" + describe(Range{lo, hi, true}) + ")");
  return whole(v, name, lo, hi, out);
}

bool FieldReader::number(const JsonValue& object, const std::string& path, const char* key, const Range& range,
                         double* out) {
  const JsonValue* v = object.find(key);
  if (!v) return true;
  const std::string name = field(path, key);
  if (!v->is_number() || !in_range(v->as_number(), Range{range.lo, range.hi})) {
    return fail(name, "must be " + describe(Range{range.lo, range.hi}));
  }
  if (range.whole && v->as_number() != std::floor(v->as_number())) return fail(name, "must be a whole number");
  *out = v->as_number();
  return true;
}

}  // namespace relulab::core
