// fields.h — the one strict reader of untrusted fields: JSON members (lesson files, commands) and numbers
// written as text (the settings codec). A field's type, length, range and wholeness are checked here, and
// every refusal is one sentence that names the field. Knows no schema: which fields exist, and what they
// mean, stay with the callers (lesson_reader, commands, config_codec). Never clamps and never prints.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/json_value.h"
#include "core/limits.h"

namespace relulab::core {

// A range's end as people write it: "1000000", "0.999", "1e-05" (not "1e+06").
std::string range_end(double v);
// "a whole number from 4 to 200000" / "a number from 1e-05 to 10".
std::string describe(const Range& range);
// True when v lies in the range (and is whole, for a whole range). NaN is never in range.
bool in_range(double v, const Range& range);

// A number written as text, strictly: plain decimal or exponent notation, finite, nothing left over, in the
// range. On failure *why says what is wrong with the value, without naming the field:
// "'banana' is not a number", "'2.5' is not a whole number", "20 is out of range".
bool read_number_text(std::string_view text, const Range& range, double* out, std::string* why);

// Reads members of JSON objects. How a field is named in a message is the one thing callers choose:
//  - Naming::Path   (lesson files): "events[0].at: must be a whole number from 0 to 1000000"
//  - Naming::Quoted (one flat command object): "'n' must be a number from 1 to 100000"
// Absent optional fields leave *out unchanged.
class FieldReader {
 public:
  enum class Naming { Path, Quoted };

  explicit FieldReader(std::string* error, Naming naming = Naming::Path) : error_(error), naming_(naming) {}

  // The field `key` of the object at `path` ("check" + "steps" -> "check.steps"; quoted: "'steps'").
  std::string field(const std::string& path, std::string_view key) const;
  // Records "field: message" (quoted naming: "field message"; no field: the message alone); returns false.
  bool fail(const std::string& field, const std::string& message);

  // Refuses a member not in `allowed`. Path naming: "titel: unknown field (expected id, title, ...)";
  // quoted naming: "unknown field 'extra' for <owner>".
  bool only_keys(const JsonValue& object, const std::string& path, const std::vector<std::string_view>& allowed,
                 const std::string& owner = {});
  // A text of min_length to max_length bytes; absent is fine only when min_length is 0.
  bool string(const JsonValue& object, const std::string& path, const char* key, std::size_t min_length,
              std::size_t max_length, std::string* out);
  // A whole number in [lo, hi], one message for every way of missing it.
  bool whole(const JsonValue* v, const std::string& field, double lo, double hi, double* out);
  bool whole(const JsonValue& object, const std::string& path, const char* key, double lo, double hi,
             bool required, double* out);
  // A number in the range, said as "must be a number from lo to hi"; with `whole` set a fraction is refused
  // separately ("must be a whole number"), so the two mistakes read differently.
  bool number(const JsonValue& object, const std::string& path, const char* key, const Range& range,
              double* out);

 private:
  std::string* error_;
  Naming naming_;
};

}  // namespace relulab::core
