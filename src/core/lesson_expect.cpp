// lesson_expect.cpp — the "check" block of a lesson file: seeds, variants and expectations, strictly read
// (lesson_reader.h). What the expectations mean when run is lesson_check.cpp's.
#include <algorithm>

#include "core/activations.h"
#include "core/lesson_reader.h"
#include "core/network.h"

namespace relulab::core::lesson_detail {

namespace {

constexpr std::int64_t kMaxCheckSteps = 100000;
constexpr std::size_t kMaxSeeds = 200;
constexpr std::size_t kMaxExpectations = 32;
constexpr std::size_t kMaxVariants = 8;

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
                                "more_than", "fewer_than", "seeds_at_least", "seeds_at_most", "say"})) {
    return false;
  }
  Expectation e;
  std::string measure;
  if (!r.string(item, path, "measure", 1, 32, &measure)) return false;
  const std::optional<Measure> named = measure_from_name(measure);
  if (named) e.measure = *named;
  if (!named) {
    return r.fail(path + ".measure", "'" + quoted_excerpt(measure) + "' is not a measure (expected dead, off, dead_layers, loss, "
                                     "test_accuracy, diverged, died, revived or moved)");
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
  const bool window = is_window_measure(e.measure);
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
  if (item.find("say")) {
    if (!e.seeds_at_least && !e.seeds_at_most) return r.fail(path + ".say", "words a claim counted over seeds: add seeds_at_least or seeds_at_most");
    if (!r.string(item, path, "say", 1, 120, &e.say)) return false;
  }
  *out = std::move(e);
  return true;
}

}  // namespace

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

}  // namespace relulab::core::lesson_detail
