// lesson_reader.h — internal to the lesson files (not for other layers): the readers of the lesson schema's
// parts (config, events, text lists, the check block), each refusal naming the field's path. lesson_file.cpp
// assembles a Lesson from them. Does not run anything.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/fields.h"
#include "core/json_value.h"
#include "core/lesson_file.h"

namespace relulab::core::lesson_detail {

inline constexpr std::size_t kMaxLessonBytes = 64 * 1024;

// The lesson schema reads its fields with the one strict reader (fields.h), naming each by its path.
using Reader = FieldReader;

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
