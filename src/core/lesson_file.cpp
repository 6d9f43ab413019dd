// lesson_file.cpp — lesson files -> Lesson (strict, errors name the field), the built-in set in teaching order,
// a lesson's scene and variants, and the one table of measure names.
#include "core/lesson_file.h"

#include <algorithm>

#include "core/config_codec.h"
#include "core/embedded_text.h"
#include "core/json_value.h"
#include "core/lesson_reader.h"

namespace relulab::core {

const EmbeddedText* embedded_lessons(std::size_t* count);  // generated from web/lessons/*.json

namespace {

using lesson_detail::Reader;

const char* const kLessonOrder[] = {"dead-unit",     "kill-shot",    "lr-sweep",     "negative-bias", "negative-data",
                                    "recovery-near", "recovery-far", "relu-family", "born-dead",     "fixes",
                                    "digits-lr"};

struct MeasureName {
  Measure measure;
  const char* name;
  bool window;
  const char* words;  // in a counted-over-seeds sentence
};
constexpr MeasureName kMeasures[] = {
    {Measure::Dead, "dead", false, "dead units"},
    {Measure::Off, "off", false, "units off the data"},
    {Measure::DeadLayers, "dead_layers", false, "all-off layers"},
    {Measure::Loss, "loss", false, "loss"},
    {Measure::TestAccuracy, "test_accuracy", false, "test accuracy"},
    {Measure::Diverged, "diverged", false, "diverged"},
    {Measure::Died, "died", true, "units on the data that were off it"},
    {Measure::Revived, "revived", true, "units back on the data (k > 0)"},
    {Measure::Moved, "moved", true, "units off the data whose weights changed"},
};

const MeasureName& measure_entry(Measure m) {
  for (const MeasureName& entry : kMeasures) {
    if (entry.measure == m) return entry;
  }
  return kMeasures[0];
}

}  // namespace

const char* measure_name(Measure m) { return measure_entry(m).name; }
bool is_window_measure(Measure m) { return measure_entry(m).window; }
const char* measure_words(Measure m) { return measure_entry(m).words; }

std::optional<Measure> measure_from_name(std::string_view name) {
  for (const MeasureName& entry : kMeasures) {
    if (name == entry.name) return entry.measure;
  }
  return std::nullopt;
}

const std::vector<std::string>& control_names() {
  static const std::vector<std::string> names = {"play",   "pause", "step", "kick",       "knock",      "fork",
                                                 "reinit", "reset", "speed", "scrub",     "data",       "network",
                                                 "activation", "init", "optimizer", "lr", "batch", "regularization",
                                                 "seed"};
  return names;
}

std::optional<Lesson> parse_lesson(std::string_view json_text, std::string* error) {
  Reader r{error};
  if (json_text.size() > lesson_detail::kMaxLessonBytes) {
    r.fail("lesson", "the file is " + std::to_string(json_text.size()) + " bytes; the limit is " + std::to_string(lesson_detail::kMaxLessonBytes));
    return std::nullopt;
  }
  std::string why;
  auto root = parse_json(json_text, &why, JsonLimits{lesson_detail::kMaxLessonBytes, 16});
  if (!root) {
    r.fail("lesson", why);
    return std::nullopt;
  }
  if (!root->is_object()) {
    r.fail("lesson", "must be a JSON object with id, title, text, config, events, controls, notice and check");
    return std::nullopt;
  }
  if (!r.only_keys(*root, "", {"id", "title", "text", "config", "events", "controls", "notice", "check"})) return std::nullopt;
  Lesson lesson;
  if (!r.string(*root, "", "id", 1, 40, &lesson.id)) return std::nullopt;
  if (!lesson_detail::valid_id(lesson.id)) {
    r.fail("id", "'" + quoted_excerpt(lesson.id) + "' must use only a-z, 0-9 and '-'");
    return std::nullopt;
  }
  if (!r.string(*root, "", "title", 1, 80, &lesson.title) || !r.string(*root, "", "text", 1, 1200, &lesson.text)) {
    return std::nullopt;
  }
  if (const JsonValue* config = root->find("config")) {
    if (!lesson_detail::read_config(r, config, "config", SessionConfig{}, &lesson.config)) return std::nullopt;
  }
  if (const JsonValue* events = root->find("events")) {
    if (!lesson_detail::read_events(r, events, "events", &lesson.events)) return std::nullopt;
  }
  if (const JsonValue* controls = root->find("controls")) {
    if (!lesson_detail::read_text_list(r, controls, "controls", control_names().size(), 32, &lesson.controls)) return std::nullopt;
    for (std::size_t i = 0; i < lesson.controls.size(); ++i) {
      const std::string& name = lesson.controls[i];
      const auto& known = control_names();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        r.fail("controls[" + std::to_string(i) + "]", "'" + quoted_excerpt(name) + "' is not a control (expected " + list + ")");
        return std::nullopt;
      }
      if (std::find(lesson.controls.begin(), lesson.controls.begin() + static_cast<std::ptrdiff_t>(i), name) !=
          lesson.controls.begin() + static_cast<std::ptrdiff_t>(i)) {
        r.fail("controls[" + std::to_string(i) + "]", "'" + quoted_excerpt(name) + "' is listed twice");
        return std::nullopt;
      }
    }
  }
  if (const JsonValue* notice = root->find("notice")) {
    if (!lesson_detail::read_text_list(r, notice, "notice", 8, 400, &lesson.notice)) return std::nullopt;
  }
  if (const JsonValue* check = root->find("check")) {
    LessonCheckSpec spec;
    if (!lesson_detail::read_check(r, check, lesson_config(lesson), &spec)) return std::nullopt;
    lesson.check = std::move(spec);
  }
  return lesson;
}

std::vector<std::string> builtin_lesson_ids() {
  std::size_t count = 0;
  const EmbeddedText* table = embedded_lessons(&count);
  std::vector<std::string> ids;
  for (const char* id : kLessonOrder) {
    if (find_embedded(table, count, id)) ids.emplace_back(id);
  }
  std::vector<std::string> others;
  for (std::size_t i = 0; i < count; ++i) {
    if (table[i].name && std::find(ids.begin(), ids.end(), table[i].name) == ids.end()) others.emplace_back(table[i].name);
  }
  std::sort(others.begin(), others.end());
  ids.insert(ids.end(), others.begin(), others.end());
  return ids;
}

const char* builtin_lesson_text(std::string_view id) {
  std::size_t count = 0;
  const EmbeddedText* table = embedded_lessons(&count);
  return find_embedded(table, count, id);
}

std::optional<Lesson> builtin_lesson(std::string_view id, std::string* error) {
  const char* text = builtin_lesson_text(id);
  if (!text) {
    if (error) {
      std::string list;
      for (const std::string& known : builtin_lesson_ids()) list += (list.empty() ? "" : ", ") + known;
      *error = "no lesson '" + quoted_excerpt(std::string(id)) + "' (lessons: " + list + ")";
    }
    return std::nullopt;
  }
  std::string why;
  auto lesson = parse_lesson(text, &why);
  if (!lesson) {
    if (error) *error = "lesson '" + quoted_excerpt(std::string(id)) + "': " + why;
    return std::nullopt;
  }
  if (lesson->id != id) {
    if (error) *error = "lesson file '" + std::string(id) + ".json' has id '" + lesson->id + "'";
    return std::nullopt;
  }
  return lesson;
}

SessionConfig lesson_config(const Lesson& lesson, const SessionConfig& base) {
  SessionConfig config = base;
  apply_settings(config, lesson.config);
  return config;
}

bool variant_setup(const Lesson& lesson, std::string_view variant, SessionConfig* config,
                   std::vector<ScriptedEvent>* events) {
  SessionConfig scene = lesson_config(lesson);
  std::vector<ScriptedEvent> script = lesson.events;
  if (!variant.empty()) {
    const LessonVariant* found = nullptr;
    if (lesson.check) {
      for (const LessonVariant& v : lesson.check->variants) {
        if (v.name == variant) found = &v;
      }
    }
    if (!found) return false;
    apply_settings(scene, found->config);
    if (found->events) script = *found->events;
  }
  if (config) *config = scene;
  if (events) *events = std::move(script);
  return true;
}

}  // namespace relulab::core
