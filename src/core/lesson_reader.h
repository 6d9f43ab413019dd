// lesson_reader.h — internal to the lesson files (not for other layers): the strict JSON field reader of the
// lesson schema (every message starts with the field's path) and the readers of its parts (config, events, text
// lists, the check block). lesson_file.cpp assembles a Lesson from them. Does not run anything.
#pragma once

#include <cmath>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/activations.h"
#include "core/json_value.h"
#include "core/lesson_file.h"

namespace relulab::core::lesson_detail {

inline constexpr std::size_t kMaxLessonBytes = 64 * 1024;

// Range ends as people write them: "1000000", not "1e+06".
inline std::string range_number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return format_number(v);
}

struct Reader {
  std::string* error;

  bool fail(const std::string& path, const std::string& message) {
    if (error) *error = path + ": " + message;
    return false;
  }
  bool only_keys(const JsonValue& object, const std::string& path, std::initializer_list<const char*> allowed) {
    for (const auto& member : object.members()) {
      bool known = false;
      for (const char* key : allowed) known = known || member.first == key;
      if (!known) {
        std::string list;
        for (const char* key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
        return fail(path.empty() ? member.first : path + "." + member.first, "unknown field (expected " + list + ")");
      }
    }
    return true;
  }
  bool string(const JsonValue& object, const std::string& path, const char* key, std::size_t min_length,
              std::size_t max_length, std::string* out) {
    const JsonValue* v = object.find(key);
    const std::string field = path.empty() ? key : path + "." + key;
    if (!v) return min_length == 0 || fail(field, "missing (a text of " + std::to_string(min_length) + " to " + std::to_string(max_length) + " characters)");
    if (!v->is_string()) return fail(field, "must be a text");
    if (v->as_string().size() < min_length || v->as_string().size() > max_length) {
      return fail(field, "must be " + std::to_string(min_length) + " to " + std::to_string(max_length) + " characters long");
    }
    *out = v->as_string();
    return true;
  }
  // A whole number in [lo, hi]; absent: `required` decides.
  bool whole(const JsonValue* v, const std::string& field, double lo, double hi, double* out) {
    if (!v->is_number() || v->as_number() != std::floor(v->as_number()) || !(v->as_number() >= lo && v->as_number() <= hi)) {
      return fail(field, "must be a whole number from " + range_number(lo) + " to " + range_number(hi));
    }
    *out = v->as_number();
    return true;
  }
  bool whole(const JsonValue& object, const std::string& path, const char* key, double lo, double hi, bool required,
             double* out) {
    const JsonValue* v = object.find(key);
    const std::string field = path.empty() ? key : path + "." + key;
    if (!v) return !required || fail(field, "missing (a whole number from " + range_number(lo) + " to " + range_number(hi) + ")");
    return whole(v, field, lo, hi, out);
  }
};


// Lesson ids and variant names: a-z, 0-9, '-' (plus the characters in `extra`), 1 to 40 long.
bool valid_id(std::string_view id, std::string_view extra = {});
// A config object: codec key -> text (or number); validated by applying it over `base`.
bool read_config(Reader& r, const JsonValue* v, const std::string& field, SessionConfig base,
                 std::vector<std::pair<std::string, std::string>>* out);
bool read_events(Reader& r, const JsonValue* v, const std::string& field, std::vector<ScriptedEvent>* out);
bool read_text_list(Reader& r, const JsonValue* v, const std::string& field, std::size_t max_items,
                    std::size_t max_length, std::vector<std::string>* out);
// The "check" block (lesson_expect.cpp); `scene` is the lesson's config, over which variants apply.
bool read_check(Reader& r, const JsonValue* v, const SessionConfig& scene, LessonCheckSpec* out);

}  // namespace relulab::core::lesson_detail
