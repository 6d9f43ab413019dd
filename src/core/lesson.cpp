// lesson.cpp — lesson files -> Lesson (strict, errors name the field), the built-in set, the event script and
// the headless verification (one run per seed and variant; the expectations read the census as it goes).
#include "core/lesson.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <type_traits>

#include "core/activations.h"
#include "core/config_codec.h"
#include "core/embedded_text.h"
#include "core/json_value.h"
#include "core/network.h"

namespace relulab::core {

const EmbeddedText* embedded_lessons(std::size_t* count);  // generated from web/lessons/*.json

namespace {

constexpr std::int64_t kMaxEventStep = 1000000;
constexpr std::int64_t kMaxCheckSteps = 100000;
constexpr std::size_t kMaxEvents = 64;
constexpr std::size_t kMaxSeeds = 200;
constexpr std::size_t kMaxExpectations = 32;
constexpr std::size_t kMaxVariants = 8;
constexpr std::size_t kMaxLessonBytes = 64 * 1024;

const char* const kLessonOrder[] = {"dead-unit",     "kill-shot",    "lr-sweep",     "negative-bias", "negative-data",
                                    "recovery-near", "recovery-far", "relu-family", "born-dead",     "fixes"};

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Strict field readers (every message starts with the field's path)
// ---------------------------------------------------------------------------------------------------------

// Range ends as people write them: "1000000", not "1e+06".
std::string range_number(double v) {
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

bool valid_id(std::string_view id, std::string_view extra = {}) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!plain && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// A config object: codec key -> text (or number); validated by applying it over `base`.
bool read_config(Reader& r, const JsonValue* v, const std::string& field, SessionConfig base,
                 std::vector<std::pair<std::string, std::string>>* out) {
  if (!v->is_object()) return r.fail(field, "must be an object of settings, e.g. {\"lr\": \"0.1\"}");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : v->members()) {
    if (value.is_string()) pairs.emplace_back(key, value.as_string());
    else if (value.is_number()) pairs.emplace_back(key, format_number(value.as_number()));
    else return r.fail(field + "." + key, "must be a text such as \"0.1\"");
  }
  const auto errors = apply_settings(base, pairs);
  if (!errors.empty()) return r.fail(field, errors.front().message);
  *out = std::move(pairs);
  return true;
}

bool read_events(Reader& r, const JsonValue* v, const std::string& field, std::vector<ScriptedEvent>* out) {
  if (!v->is_array() || v->items().size() > kMaxEvents) {
    return r.fail(field, "must be a list of up to " + std::to_string(kMaxEvents) + " events");
  }
  std::vector<ScriptedEvent> events;
  for (std::size_t i = 0; i < v->items().size(); ++i) {
    const JsonValue& item = v->items()[i];
    const std::string path = field + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return r.fail(path, "must be an object like {\"at\": 100, \"do\": \"kick\"}");
    ScriptedEvent event;
    double at = 0;
    if (!r.whole(item, path, "at", 0, static_cast<double>(kMaxEventStep), true, &at)) return false;
    event.at = static_cast<std::int64_t>(at);
    if (!events.empty() && event.at < events.back().at) {
      return r.fail(path + ".at", "events must be in order of their steps (" + std::to_string(event.at) +
                                      " comes after " + std::to_string(events.back().at) + ")");
    }
    std::string action;
    if (!r.string(item, path, "do", 1, 16, &action)) return false;
    if (action != "kick" && action != "knock" && action != "fork" && action != "reinit" && action != "pause" &&
        action != "select" && action != "speed") {
      return r.fail(path + ".do", "'" + quoted_excerpt(action) + "' cannot be scripted (expected kick, knock, fork, reinit, pause, select or speed)");
    }
    if (!r.string(item, path, "say", 0, 300, &event.say)) return false;
    JsonValue command = JsonValue::object();
    command.set("cmd", JsonValue::string(action));
    for (const auto& [key, value] : item.members()) {
      if (key != "at" && key != "do" && key != "say") command.set(key, value);
    }
    std::string why;
    auto parsed = parse_command(to_json(command), &why);
    if (!parsed) return r.fail(path, why);
    event.command = std::move(*parsed);
    events.push_back(std::move(event));
  }
  *out = std::move(events);
  return true;
}

bool read_text_list(Reader& r, const JsonValue* v, const std::string& field, std::size_t max_items,
                    std::size_t max_length, std::vector<std::string>* out) {
  if (!v->is_array() || v->items().empty() || v->items().size() > max_items) {
    return r.fail(field, "must be a list of 1 to " + std::to_string(max_items) + " texts");
  }
  for (std::size_t i = 0; i < v->items().size(); ++i) {
    const JsonValue& item = v->items()[i];
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > max_length) {
      return r.fail(field + "[" + std::to_string(i) + "]", "must be a text of 1 to " + std::to_string(max_length) + " characters");
    }
    out->push_back(item.as_string());
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Expectations
// ---------------------------------------------------------------------------------------------------------

struct MeasureName {
  Measure measure;
  const char* name;
  bool window;
};
constexpr MeasureName kMeasures[] = {
    {Measure::Dead, "dead", false},         {Measure::Off, "off", false},
    {Measure::DeadLayers, "dead_layers", false}, {Measure::Loss, "loss", false},
    {Measure::Diverged, "diverged", false}, {Measure::Died, "died", true},
    {Measure::Revived, "revived", true},    {Measure::Moved, "moved", true},
};

bool is_window(Measure m) {
  for (const MeasureName& entry : kMeasures) {
    if (entry.measure == m) return entry.window;
  }
  return false;
}

bool valid_twin(std::string_view twin, std::string* why) {
  if (twin == "*" || twin == "0" || twin == "1" || twin == "2" || twin == "3") return true;
  return parse_activation(twin, why).has_value();
}

bool read_twin(Reader& r, const JsonValue& object, const std::string& path, bool allow_all, std::string* out) {
  const JsonValue* v = object.find("twin");
  if (!v) return true;
  std::string twin;
  if (v->is_number()) {
    double index = 0;
    if (!r.whole(v, path + ".twin", 0, 3, &index)) return false;
    twin = std::to_string(static_cast<int>(index));
  } else if (v->is_string()) {
    twin = v->as_string();
  } else {
    return r.fail(path + ".twin", "must be an activation name such as \"relu\", a twin index 0 to 3, or \"*\"");
  }
  std::string why;
  if (!valid_twin(twin, &why)) return r.fail(path + ".twin", why);
  if (twin == "*" && !allow_all) return r.fail(path + ".twin", "\"*\" (every twin) cannot be a reference");
  *out = twin;
  return true;
}

bool read_expectation(Reader& r, const JsonValue& item, const std::string& path, const LessonCheckSpec& spec,
                      Expectation* out) {
  if (!item.is_object()) return r.fail(path, "must be an object like {\"measure\": \"dead\", \"at\": 101, \"min\": 2}");
  if (!r.only_keys(item, path, {"measure", "variant", "twin", "layer", "units", "at", "from", "to", "min", "max",
                                "more_than", "fewer_than", "seeds_at_least", "seeds_at_most"})) {
    return false;
  }
  Expectation e;
  std::string measure;
  if (!r.string(item, path, "measure", 1, 32, &measure)) return false;
  bool found = false;
  for (const MeasureName& entry : kMeasures) {
    if (measure == entry.name) {
      e.measure = entry.measure;
      found = true;
    }
  }
  if (!found) {
    return r.fail(path + ".measure", "'" + quoted_excerpt(measure) + "' is not a measure (expected dead, off, dead_layers, loss, "
                                     "diverged, died, revived or moved)");
  }
  auto known_variant = [&](const std::string& name) {
    if (name.empty()) return true;
    return std::any_of(spec.variants.begin(), spec.variants.end(),
                       [&](const LessonVariant& v) { return v.name == name; });
  };
  if (!r.string(item, path, "variant", 0, 32, &e.variant)) return false;
  if (!known_variant(e.variant)) return r.fail(path + ".variant", "no variant '" + quoted_excerpt(e.variant) + "' in check.variants");
  if (!read_twin(r, item, path, true, &e.twin)) return false;
  double number = 0;
  if (item.find("layer")) {
    if (!r.whole(item, path, "layer", 0, kMaxHiddenLayers, false, &number)) return false;
    e.layer = static_cast<int>(number);
  }
  if (const JsonValue* units = item.find("units")) {
    if (!units->is_array() || units->items().empty() || units->items().size() > static_cast<std::size_t>(kMaxLayerWidth)) {
      return r.fail(path + ".units", "must be a list of unit indices from 0 to 63");
    }
    if (e.layer == 0) return r.fail(path + ".units", "needs one layer (layer 1 to 8), not 0");
    for (std::size_t i = 0; i < units->items().size(); ++i) {
      if (!r.whole(&units->items()[i], path + ".units[" + std::to_string(i) + "]", 0, kMaxLayerWidth - 1, &number)) return false;
      e.units.push_back(static_cast<int>(number));
    }
  }
  const double last = static_cast<double>(spec.steps);
  const bool window = is_window(e.measure);
  if (window) {
    if (item.find("at")) return r.fail(path + ".at", "'" + quoted_excerpt(measure) + "' is measured over a window: use from and to");
    if (!r.whole(item, path, "from", 0, last, true, &number)) return false;
    e.from = static_cast<std::int64_t>(number);
    if (item.find("to")) {
      if (!r.whole(item, path, "to", static_cast<double>(e.from) + 1, last, false, &number)) return false;
      e.to = static_cast<std::int64_t>(number);
    } else if (e.from >= spec.steps) {
      return r.fail(path + ".from", "must be before the end of the check (step " + std::to_string(spec.steps) + ")");
    }
  } else {
    if (item.find("from") || item.find("to")) {
      return r.fail(path, "'" + quoted_excerpt(measure) + "' is measured at one step: use at, not from/to");
    }
    if (item.find("at")) {
      if (!r.whole(item, path, "at", 0, last, false, &number)) return false;
      e.at = static_cast<std::int64_t>(number);
    }
  }
  for (const char* key : {"min", "max"}) {
    if (const JsonValue* v = item.find(key)) {
      if (!v->is_number()) return r.fail(path + "." + key, "must be a number");
      (std::string(key) == "min" ? e.min : e.max) = v->as_number();
    }
  }
  if (e.min && e.max && *e.min > *e.max) return r.fail(path, "min is larger than max");
  const JsonValue* more = item.find("more_than");
  const JsonValue* fewer = item.find("fewer_than");
  if (more && fewer) return r.fail(path, "use more_than or fewer_than, not both");
  if (const JsonValue* reference = more ? more : fewer) {
    const std::string field = path + (more ? ".more_than" : ".fewer_than");
    if (!reference->is_object()) return r.fail(field, "must be an object such as {\"variant\": \"low-lr\"}");
    if (!r.only_keys(*reference, field, {"variant", "twin", "layer", "at"})) return false;
    if (e.twin == "*") return r.fail(path + ".twin", "\"*\" (every twin) cannot be compared");
    e.bound = more ? Bound::MoreThan : Bound::FewerThan;
    e.reference_variant = e.variant;
    e.reference_twin = e.twin;
    e.reference_layer = e.layer;
    if (!r.string(*reference, field, "variant", 0, 32, &e.reference_variant)) return false;
    if (!known_variant(e.reference_variant)) {
      return r.fail(field + ".variant", "no variant '" + quoted_excerpt(e.reference_variant) + "' in check.variants");
    }
    if (!read_twin(r, *reference, field, false, &e.reference_twin)) return false;
    if (reference->find("layer")) {
      if (!r.whole(*reference, field, "layer", 0, kMaxHiddenLayers, false, &number)) return false;
      e.reference_layer = static_cast<int>(number);
    }
    if (reference->find("at")) {
      if (window) return r.fail(field + ".at", "'" + quoted_excerpt(measure) + "' is measured over a window: a reference takes no at");
      if (!r.whole(*reference, field, "at", 0, last, false, &number)) return false;
      e.reference_at = static_cast<std::int64_t>(number);
    }
    const std::int64_t own_at = e.at < 0 ? spec.steps : e.at;
    const std::int64_t ref_at = e.reference_at < 0 ? own_at : e.reference_at;
    if (e.reference_variant == e.variant && e.reference_twin == e.twin && e.reference_layer == e.layer &&
        ref_at == own_at) {
      return r.fail(field, "compares the measure with itself; change the variant, twin, layer or at");
    }
  }
  if (!e.min && !e.max && e.bound == Bound::None) {
    return r.fail(path, "needs a bound: min, max, more_than or fewer_than");
  }
  const double seed_count = static_cast<double>(spec.seeds.size());
  if (item.find("seeds_at_least")) {
    if (!r.whole(item, path, "seeds_at_least", 0, seed_count, false, &number)) return false;
    e.seeds_at_least = static_cast<int>(number);
  }
  if (item.find("seeds_at_most")) {
    if (!r.whole(item, path, "seeds_at_most", 0, seed_count, false, &number)) return false;
    e.seeds_at_most = static_cast<int>(number);
  }
  *out = std::move(e);
  return true;
}

bool read_check(Reader& r, const JsonValue* v, const SessionConfig& scene, LessonCheckSpec* out) {
  if (!v->is_object()) return r.fail("check", "must be an object with steps, seeds, min_seeds and expect");
  if (!r.only_keys(*v, "check", {"steps", "seeds", "min_seeds", "variants", "expect"})) return false;
  LessonCheckSpec spec;
  double number = 0;
  if (!r.whole(*v, "check", "steps", 0, static_cast<double>(kMaxCheckSteps), true, &number)) return false;
  spec.steps = static_cast<std::int64_t>(number);
  const JsonValue* seeds = v->find("seeds");
  if (!seeds || !seeds->is_array() || seeds->items().empty() || seeds->items().size() > kMaxSeeds) {
    return r.fail("check.seeds", "must be a list of 1 to " + std::to_string(kMaxSeeds) + " seeds");
  }
  for (std::size_t i = 0; i < seeds->items().size(); ++i) {
    if (!r.whole(&seeds->items()[i], "check.seeds[" + std::to_string(i) + "]", 0, 4294967295.0, &number)) return false;
    spec.seeds.push_back(static_cast<std::uint64_t>(number));
  }
  if (!r.whole(*v, "check", "min_seeds", 0, static_cast<double>(spec.seeds.size()), true, &number)) return false;
  spec.min_seeds = static_cast<int>(number);
  if (const JsonValue* variants = v->find("variants")) {
    if (!variants->is_object() || variants->members().size() > kMaxVariants) {
      return r.fail("check.variants", "must be an object of up to " + std::to_string(kMaxVariants) + " named variants");
    }
    for (const auto& [name, body] : variants->members()) {
      const std::string field = "check.variants." + name;
      if (!valid_id(name, ".:")) return r.fail(field, "a variant name uses a-z, 0-9, '-', '.' and ':' (up to 40)");
      if (!body.is_object()) return r.fail(field, "must be an object with config and/or events");
      if (!r.only_keys(body, field, {"config", "events"})) return false;
      LessonVariant variant;
      variant.name = name;
      if (const JsonValue* config = body.find("config")) {
        if (!read_config(r, config, field + ".config", scene, &variant.config)) return false;
      }
      if (const JsonValue* events = body.find("events")) {
        std::vector<ScriptedEvent> list;
        if (!read_events(r, events, field + ".events", &list)) return false;
        variant.events = std::move(list);
      }
      spec.variants.push_back(std::move(variant));
    }
  }
  const JsonValue* expect = v->find("expect");
  if (!expect || !expect->is_array() || expect->items().empty() || expect->items().size() > kMaxExpectations) {
    return r.fail("check.expect", "must be a list of 1 to " + std::to_string(kMaxExpectations) + " expectations");
  }
  for (std::size_t i = 0; i < expect->items().size(); ++i) {
    Expectation e;
    if (!read_expectation(r, expect->items()[i], "check.expect[" + std::to_string(i) + "]", spec, &e)) return false;
    spec.expect.push_back(std::move(e));
  }
  *out = std::move(spec);
  return true;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Parsing and the built-in set
// -----------------------------------------------------------------------------------------------------------

const std::vector<std::string>& control_names() {
  static const std::vector<std::string> names = {"play",   "pause", "step", "kick",       "knock",      "fork",
                                                 "reinit", "reset", "speed", "scrub",     "data",       "network",
                                                 "activation", "init", "optimizer", "lr", "batch", "regularization",
                                                 "seed"};
  return names;
}

std::optional<Lesson> parse_lesson(std::string_view json_text, std::string* error) {
  Reader r{error};
  if (json_text.size() > kMaxLessonBytes) {
    r.fail("lesson", "the file is " + std::to_string(json_text.size()) + " bytes; the limit is " + std::to_string(kMaxLessonBytes));
    return std::nullopt;
  }
  std::string why;
  auto root = parse_json(json_text, &why, JsonLimits{kMaxLessonBytes, 16});
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
  if (!valid_id(lesson.id)) {
    r.fail("id", "'" + quoted_excerpt(lesson.id) + "' must use only a-z, 0-9 and '-'");
    return std::nullopt;
  }
  if (!r.string(*root, "", "title", 1, 80, &lesson.title) || !r.string(*root, "", "text", 1, 1200, &lesson.text)) {
    return std::nullopt;
  }
  if (const JsonValue* config = root->find("config")) {
    if (!read_config(r, config, "config", SessionConfig{}, &lesson.config)) return std::nullopt;
  }
  if (const JsonValue* events = root->find("events")) {
    if (!read_events(r, events, "events", &lesson.events)) return std::nullopt;
  }
  if (const JsonValue* controls = root->find("controls")) {
    if (!read_text_list(r, controls, "controls", control_names().size(), 32, &lesson.controls)) return std::nullopt;
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
    if (!read_text_list(r, notice, "notice", 8, 400, &lesson.notice)) return std::nullopt;
  }
  if (const JsonValue* check = root->find("check")) {
    LessonCheckSpec spec;
    if (!read_check(r, check, lesson_config(lesson), &spec)) return std::nullopt;
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

bool apply_event(Session& session, const ScriptedEvent& event) {
  return std::visit(
      [&](const auto& command) -> bool {
        using T = std::decay_t<decltype(command)>;
        if constexpr (std::is_same_v<T, KickCommand>) {
          session.kick(command.factor, command.batch);
          return true;
        } else if constexpr (std::is_same_v<T, KnockCommand>) {
          session.knock(command.twin, command.unit, command.margin);
          return true;
        } else if constexpr (std::is_same_v<T, ForkCommand>) {
          session.fork(command.activations);
          return true;
        } else if constexpr (std::is_same_v<T, ReinitDeadCommand>) {
          session.reinit_dead();
          return true;
        } else {
          return false;
        }
      },
      event.command);
}

// -----------------------------------------------------------------------------------------------------------
// [SECTION] LessonScript
// -----------------------------------------------------------------------------------------------------------

LessonScript::LessonScript(std::vector<ScriptedEvent> events) : events_(std::move(events)) {
  std::stable_sort(events_.begin(), events_.end(),
                   [](const ScriptedEvent& a, const ScriptedEvent& b) { return a.at < b.at; });
  fired_at_.assign(events_.size(), -1);
}

const ScriptedEvent* LessonScript::peek_due(const Session& session) const {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] >= 0) continue;
    return events_[i].at <= session.step_count() ? &events_[i] : nullptr;
  }
  return nullptr;
}

bool LessonScript::fire_next(Session& session, std::vector<ScriptedEvent>* fired) {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] >= 0) continue;
    if (events_[i].at > session.step_count()) return false;
    apply_event(session, events_[i]);
    fired_at_[i] = session.step_count();
    if (fired) fired->push_back(events_[i]);
    return true;
  }
  return false;
}

int LessonScript::fire_due(Session& session, std::vector<ScriptedEvent>* fired) {
  int count = 0;
  while (fire_next(session, fired)) ++count;
  return count;
}

std::int64_t LessonScript::advance(Session& session, std::int64_t steps, std::vector<ScriptedEvent>* fired) {
  const std::int64_t start = session.step_count();
  const std::int64_t target = start + std::max<std::int64_t>(0, steps);
  while (true) {
    bool paused = false;
    while (const ScriptedEvent* due = peek_due(session)) {
      paused = paused || std::holds_alternative<PauseCommand>(due->command);
      fire_next(session, fired);
    }
    if (paused || session.step_count() >= target) break;
    std::int64_t n = target - session.step_count();
    const std::int64_t next = next_at();
    if (next > session.step_count()) n = std::min(n, next - session.step_count());
    n = std::min<std::int64_t>(n, kMaxStepsPerCommand);
    session.step(static_cast<int>(n));
  }
  return session.step_count() - start;
}

std::int64_t LessonScript::next_at() const {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] < 0) return events_[i].at;
  }
  return -1;
}

void LessonScript::rewound(std::int64_t step) {
  for (std::int64_t& at : fired_at_) {
    if (at > step) at = -1;
  }
}

void LessonScript::restart() { std::fill(fired_at_.begin(), fired_at_.end(), -1); }

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Verification: runs and probes
// -----------------------------------------------------------------------------------------------------------

namespace {

// One measurement request against one run: an expectation's own measure or its reference.
struct Probe {
  Measure measure = Measure::Dead;
  std::string twin;          // "" = 0
  int layer = 1;
  std::vector<int> units;
  std::int64_t at = 0, from = 0, to = 0;

  // Results, per twin resolved (one entry unless twin == "*").
  struct Twin {
    int index = -1;
    std::string label;
    std::vector<std::pair<int, int>> tracked;   // (layer, unit) of the window's starting set
    std::vector<bool> flag;                     // revived: the unit had k > 0 at some step of the window
    std::vector<Eigen::VectorXd> snapshot;      // moved: weights row + bias at `from`
    double value = 0;
    int base = 0;                               // size of the starting set (window measures)
  };
  std::vector<Twin> twins;
  bool started = false, done = false;
  std::string error;         // e.g. "no twin 'elu' at step 101"
};

std::vector<int> resolve_twins(const Session& session, const std::string& twin) {
  if (twin.empty()) return {0};
  if (twin == "*") {
    std::vector<int> all;
    for (int t = 0; t < session.twin_count(); ++t) all.push_back(t);
    return all;
  }
  if (twin.size() == 1 && twin[0] >= '0' && twin[0] <= '3') {
    const int index = twin[0] - '0';
    return index < session.twin_count() ? std::vector<int>{index} : std::vector<int>{};
  }
  std::string why;
  const auto activation = parse_activation(twin, &why);
  if (!activation) return {};
  const std::string name = to_string(*activation);
  for (int t = 0; t < session.twin_count(); ++t) {
    if (session.census(t).activation == name) return {t};
  }
  return {};
}

// The (layer, unit) pairs a probe covers in a census.
std::vector<std::pair<int, int>> covered_units(const Probe& probe, const TwinCensus& census) {
  std::vector<std::pair<int, int>> out;
  const int layers = static_cast<int>(census.layers.size());
  for (int l = 0; l < layers; ++l) {
    if (probe.layer != 0 && l != probe.layer - 1) continue;
    const int width = static_cast<int>(census.layers[static_cast<std::size_t>(l)].units.size());
    if (probe.units.empty()) {
      for (int u = 0; u < width; ++u) out.emplace_back(l, u);
    } else {
      for (int u : probe.units) {
        if (u < width) out.emplace_back(l, u);
      }
    }
  }
  return out;
}

const UnitCensus& unit_of(const TwinCensus& census, const std::pair<int, int>& lu) {
  return census.layers[static_cast<std::size_t>(lu.first)].units[static_cast<std::size_t>(lu.second)];
}

Eigen::VectorXd unit_weights(const Session& session, int twin, const std::pair<int, int>& lu) {
  const LayerWeights& layer = session.weights(twin)[static_cast<std::size_t>(lu.first)];
  Eigen::VectorXd v(layer.w.cols() + 1);
  v.head(layer.w.cols()) = layer.w.row(lu.second).transpose();
  v(layer.w.cols()) = layer.b(lu.second);
  return v;
}

double point_value(const Probe& probe, const Session& session, int twin) {
  const TwinCensus& census = session.census(twin);
  switch (probe.measure) {
    case Measure::Loss: return census.train_loss;
    case Measure::Diverged: return census.diverged ? 1.0 : 0.0;
    case Measure::DeadLayers: {
      int count = 0;
      for (const LayerCensus& layer : census.layers) {
        count += std::all_of(layer.units.begin(), layer.units.end(),
                             [](const UnitCensus& u) { return u.active_count == 0; });
      }
      return count;
    }
    case Measure::Dead:
    case Measure::Off: {
      int count = 0;
      for (const auto& lu : covered_units(probe, census)) {
        const UnitCensus& unit = unit_of(census, lu);
        count += probe.measure == Measure::Dead ? unit.state == UnitState::Dead : unit.active_count == 0;
      }
      return count;
    }
    default: return 0;
  }
}

// Called at every step of a run (after the events due, and before a kick).
void observe(Probe& probe, const Session& session) {
  const std::int64_t step = session.step_count();
  if (probe.done || !probe.error.empty()) return;
  const bool window = is_window(probe.measure);
  const std::int64_t start = window ? probe.from : probe.at;
  if (step < start) return;
  if (!probe.started) {
    if (step != start) {  // a kick jumped over it: cannot happen for steps a kick starts from
      probe.error = "step " + std::to_string(start) + " was never reached";
      return;
    }
    probe.started = true;
    const auto indices = resolve_twins(session, probe.twin);
    if (indices.empty()) {
      probe.error = "no twin '" + quoted_excerpt(probe.twin) + "' at step " + std::to_string(step);
      return;
    }
    for (int t : indices) {
      Probe::Twin entry;
      entry.index = t;
      entry.label = session.census(t).activation;
      const TwinCensus& census = session.census(t);
      if (!window) {
        entry.value = point_value(probe, session, t);
      } else {
        for (const auto& lu : covered_units(probe, census)) {
          const bool on = unit_of(census, lu).active_count > 0;
          if (probe.measure == Measure::Died ? on : !on) entry.tracked.push_back(lu);
        }
        entry.base = static_cast<int>(entry.tracked.size());
        entry.flag.assign(entry.tracked.size(), false);
        if (probe.measure == Measure::Moved) {
          for (const auto& lu : entry.tracked) entry.snapshot.push_back(unit_weights(session, t, lu));
        }
      }
      probe.twins.push_back(std::move(entry));
    }
    if (!window) probe.done = true;
    return;
  }
  // Inside the window (from, to].
  for (Probe::Twin& entry : probe.twins) {
    if (entry.index >= session.twin_count()) continue;
    const TwinCensus& census = session.census(entry.index);
    if (probe.measure == Measure::Revived) {
      for (std::size_t i = 0; i < entry.tracked.size(); ++i) {
        if (unit_of(census, entry.tracked[i]).active_count > 0) entry.flag[i] = true;
      }
    }
    if (step == probe.to) {
      int count = 0;
      for (std::size_t i = 0; i < entry.tracked.size(); ++i) {
        const auto& lu = entry.tracked[i];
        if (probe.measure == Measure::Died) count += unit_of(census, lu).active_count == 0;
        if (probe.measure == Measure::Revived) count += entry.flag[i];
        if (probe.measure == Measure::Moved) count += (unit_weights(session, entry.index, lu).array() != entry.snapshot[i].array()).any();
      }
      entry.value = count;
    }
  }
  if (step >= probe.to) probe.done = true;
}

// Runs one variant for one seed and fills its probes.
void run_probes(const Lesson& lesson, const std::string& variant, std::uint64_t seed, std::vector<Probe*>& probes) {
  SessionConfig config;
  std::vector<ScriptedEvent> events;
  variant_setup(lesson, variant, &config, &events);
  config.seed = seed;
  Session session(config);
  LessonScript script(std::move(events));
  std::int64_t steps = 0;  // only as far as the probes need
  for (const Probe* probe : probes) steps = std::max(steps, is_window(probe->measure) ? probe->to : probe->at);
  auto observe_all = [&] {
    for (Probe* probe : probes) observe(*probe, session);
  };
  while (true) {
    while (const ScriptedEvent* due = script.peek_due(session)) {
      if (std::holds_alternative<KickCommand>(due->command)) observe_all();  // the state before the kick
      script.fire_next(session);
    }
    observe_all();
    if (session.step_count() >= steps) break;
    session.step(1);
  }
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Verification: sentences
// ---------------------------------------------------------------------------------------------------------

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

std::string count_text(double v, const char* one, const char* many) {
  return short_number(v) + " " + (v == 1 ? one : many);
}

std::string subject(const Expectation& e, const std::string& variant, const std::string& twin_label, int layer,
                    const std::vector<int>& units) {
  std::string text = variant.empty() ? "" : "[" + variant + "] ";
  text += twin_label;
  const bool per_unit = e.measure != Measure::Loss && e.measure != Measure::Diverged && e.measure != Measure::DeadLayers;
  if (!per_unit) return text;
  if (!units.empty()) {
    text += ", unit";
    text += units.size() > 1 ? "s " : " ";
    for (std::size_t i = 0; i < units.size(); ++i) {
      text += (i ? ", " : "") + std::to_string(layer) + "." + std::to_string(units[i] + 1);
    }
  } else {
    text += layer == 0 ? ", all layers" : ", layer " + std::to_string(layer);
  }
  return text;
}

std::string measure_text(const Expectation& e, double value, int base, std::int64_t at, std::int64_t from, std::int64_t to) {
  const std::string step_at = "at step " + std::to_string(at);
  switch (e.measure) {
    case Measure::Dead: return count_text(value, "dead unit ", "dead units ") + step_at;
    case Measure::Off: return count_text(value, "unit", "units") + " off the data (k = 0) " + step_at;
    case Measure::DeadLayers: return count_text(value, "hidden layer", "hidden layers") + " with every unit off the data " + step_at;
    case Measure::Loss: return "training loss " + short_number(value) + " " + step_at;
    case Measure::Diverged: return (value > 0 ? "diverged by step " : "did not diverge by step ") + std::to_string(at);
    case Measure::Died:
      return short_number(value) + " of " + std::to_string(base) + " units on the data at step " + std::to_string(from) +
             " were off it at step " + std::to_string(to);
    case Measure::Revived:
      return short_number(value) + " of " + std::to_string(base) + " units off the data at step " + std::to_string(from) +
             " came back by step " + std::to_string(to);
    case Measure::Moved:
      return short_number(value) + " of " + std::to_string(base) + " units off the data at step " + std::to_string(from) +
             " had changed weights at step " + std::to_string(to);
  }
  return "";
}

std::string needed_text(const Expectation& e) {
  if (e.measure == Measure::Diverged && e.max && *e.max < 1 && !e.min) return "no divergence";
  if (e.measure == Measure::Diverged && e.min && *e.min > 0 && !e.max) return "a divergence";
  std::string text;
  if (e.min && e.max) text = *e.min == *e.max ? "exactly " + short_number(*e.min)
                                              : "between " + short_number(*e.min) + " and " + short_number(*e.max);
  else if (e.min) text = "at least " + short_number(*e.min);
  else if (e.max) text = "at most " + short_number(*e.max);
  return text;
}

bool within_bounds(const Expectation& e, double v) {
  if (!std::isfinite(v) && e.measure == Measure::Loss) return false;
  if (e.min && !(v >= *e.min)) return false;
  if (e.max && !(v <= *e.max)) return false;
  return true;
}

Probe make_probe(const Expectation& e, const std::string& twin, int layer, std::int64_t steps) {
  Probe p;
  p.measure = e.measure;
  p.twin = twin;
  p.layer = layer;
  p.units = e.units;
  p.at = e.at < 0 ? steps : e.at;
  p.from = e.from;
  p.to = e.to < 0 ? steps : e.to;
  return p;
}

std::string twin_word(const std::string& label, const std::string& requested) {
  if (requested == "*") return "every twin";
  return label.empty() ? "twin " + requested : label;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Verification: per seed and combined
// -----------------------------------------------------------------------------------------------------------

SeedResult check_lesson_seed(const Lesson& lesson, std::uint64_t seed) {
  SeedResult result;
  result.seed = seed;
  if (!lesson.check) {
    result.sentence = "seed " + std::to_string(seed) + ": the lesson has no check";
    return result;
  }
  const LessonCheckSpec& spec = *lesson.check;
  // Two probes per expectation (its own, and its reference when it compares).
  std::vector<Probe> own, reference;
  own.reserve(spec.expect.size());
  reference.reserve(spec.expect.size());
  for (const Expectation& e : spec.expect) {
    own.push_back(make_probe(e, e.twin, e.layer, spec.steps));
    reference.push_back(make_probe(e, e.reference_twin, e.reference_layer, spec.steps));
    if (e.reference_at >= 0) reference.back().at = e.reference_at;
  }
  std::set<std::string> variants;
  for (const Expectation& e : spec.expect) {
    variants.insert(e.variant);
    if (e.bound != Bound::None) variants.insert(e.reference_variant);
  }
  for (const std::string& variant : variants) {
    std::vector<Probe*> probes;
    for (std::size_t i = 0; i < spec.expect.size(); ++i) {
      if (spec.expect[i].variant == variant) probes.push_back(&own[i]);
      if (spec.expect[i].bound != Bound::None && spec.expect[i].reference_variant == variant) probes.push_back(&reference[i]);
    }
    run_probes(lesson, variant, seed, probes);
  }

  result.passed = true;
  std::string held, failed;
  for (std::size_t i = 0; i < spec.expect.size(); ++i) {
    const Expectation& e = spec.expect[i];
    const Probe& p = own[i];
    ExpectationResult r;
    r.counted_over_seeds = e.seeds_at_least || e.seeds_at_most;
    const std::int64_t shown_at = p.at;
    r.subject = subject(e, e.variant, p.twins.empty() ? twin_word("", e.twin.empty() ? "0" : e.twin)
                                                      : twin_word(p.twins.front().label, e.twin),
                        e.layer, e.units);
    if (!p.error.empty() || p.twins.empty()) {
      r.passed = false;
      r.sentence = subject(e, e.variant, twin_word("", e.twin.empty() ? "0" : e.twin), e.layer, e.units) + ": " +
                   (p.error.empty() ? "not measured" : p.error);
    } else {
      r.passed = true;
      std::string parts;
      for (const Probe::Twin& twin : p.twins) {
        bool ok = within_bounds(e, twin.value);
        std::string comparison;
        if (e.bound != Bound::None) {
          const Probe& q = reference[i];
          if (!q.error.empty() || q.twins.empty()) {
            ok = false;
            comparison = "the reference was not measured: " + (q.error.empty() ? std::string("no value") : q.error);
          } else {
            const double ref = q.twins.front().value;
            ok = ok && (e.bound == Bound::MoreThan ? twin.value > ref : twin.value < ref);
            comparison = std::string(e.bound == Bound::MoreThan ? "more than " : "less than ") +
                         subject(e, e.reference_variant, q.twins.front().label, e.reference_layer, e.units) + "'s " +
                         short_number(ref) + (q.at != p.at && !is_window(e.measure) ? " at step " + std::to_string(q.at) : "");
          }
        }
        std::string needed = needed_text(e);
        if (!comparison.empty()) needed = needed.empty() ? comparison : needed + " and " + comparison;
        const std::string sentence = subject(e, e.variant, twin.label, e.layer, e.units) + ": " +
                                     measure_text(e, twin.value, twin.base, shown_at, p.from, p.to) + " (needed " +
                                     needed + ")";
        parts += (parts.empty() ? "" : "; ") + sentence;
        if (&twin == &p.twins.front() || (!ok && r.passed)) r.value = twin.value;  // the first, or the first failing
        r.passed = r.passed && ok;
      }
      r.sentence = parts;
    }
    if (!r.counted_over_seeds) {
      result.passed = result.passed && r.passed;
      (r.passed ? held : failed) += ((r.passed ? held : failed).empty() ? "" : "; ") + r.sentence;
    }
    result.expectations.push_back(std::move(r));
  }
  const std::string name = "seed " + std::to_string(seed);
  if (result.passed) {
    result.sentence = name + " passed: " + (held.empty() ? std::string("no per-seed expectations") : held);
  } else {
    result.sentence = name + " failed: " + failed + (held.empty() ? "" : "; held: " + held);
  }
  return result;
}

LessonCheck combine_seed_results(const Lesson& lesson, std::vector<SeedResult> seeds) {
  LessonCheck check;
  check.lesson = lesson.id;
  check.seeds = std::move(seeds);
  if (!lesson.check) {
    check.summary = lesson.id + ": the lesson has no check";
    return check;
  }
  const LessonCheckSpec& spec = *lesson.check;
  const double scale = spec.seeds.empty() ? 1.0
                                          : static_cast<double>(check.seeds.size()) / static_cast<double>(spec.seeds.size());
  for (const SeedResult& seed : check.seeds) check.passed_seeds += seed.passed;
  check.required_seeds = static_cast<int>(std::ceil(spec.min_seeds * scale - 1e-9));
  bool over_ok = true;
  std::string over_text;
  for (std::size_t i = 0; i < spec.expect.size(); ++i) {
    const Expectation& e = spec.expect[i];
    if (!e.seeds_at_least && !e.seeds_at_most) continue;
    int held = 0;
    std::string example;
    for (const SeedResult& seed : check.seeds) {
      if (i < seed.expectations.size() && seed.expectations[i].passed) {
        ++held;
        if (example.empty()) example = seed.expectations[i].sentence;
      }
    }
    ExpectationResult r;
    r.counted_over_seeds = true;
    r.value = held;
    r.passed = true;
    std::string needed;
    if (e.seeds_at_least) {
      const int least = static_cast<int>(std::ceil(*e.seeds_at_least * scale - 1e-9));
      r.passed = r.passed && held >= least;
      needed = "at least " + std::to_string(least);
    }
    if (e.seeds_at_most) {
      const int most = static_cast<int>(std::floor(*e.seeds_at_most * scale + 1e-9));
      r.passed = r.passed && held <= most;
      needed += (needed.empty() ? "" : " and ") + std::string("at most ") + std::to_string(most);
    }
    const char* names[] = {"dead units", "units off the data", "all-off layers", "loss", "diverged", "died", "revived", "moved"};
    std::string measured = subject(e, e.variant, e.twin.empty() ? "twin 0" : e.twin, e.layer, e.units);
    if (!check.seeds.empty() && i < check.seeds.front().expectations.size()) {
      measured = check.seeds.front().expectations[i].subject;
    }
    const std::string condition = measured + ": " +
                names[static_cast<int>(e.measure)] + " " + needed_text(e) +
                (is_window(e.measure) ? "" : " at step " + std::to_string(e.at < 0 ? spec.steps : e.at));
    r.sentence = condition + " held in " + std::to_string(held) + " of " + std::to_string(check.seeds.size()) +
                 " seeds (needed " + needed + ")";
    over_ok = over_ok && r.passed;
    over_text += "; " + r.sentence;
    check.over_seeds.push_back(std::move(r));
  }
  check.passed = check.passed_seeds >= check.required_seeds && over_ok && !check.seeds.empty();
  check.summary = lesson.id + ": " + std::to_string(check.passed_seeds) + " of " + std::to_string(check.seeds.size()) +
                  " seeds passed (" + std::to_string(check.required_seeds) + " required)" + over_text +
                  (check.passed ? " - PASS" : " - FAIL");
  return check;
}

LessonCheck check_lesson(const Lesson& lesson, const std::vector<std::uint64_t>& seeds) {
  std::vector<SeedResult> results;
  if (lesson.check) {
    for (std::uint64_t seed : seeds.empty() ? lesson.check->seeds : seeds) {
      results.push_back(check_lesson_seed(lesson, seed));
    }
  }
  return combine_seed_results(lesson, std::move(results));
}

}  // namespace relulab::core
