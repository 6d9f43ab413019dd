// commands.cpp — strict JSON -> Command: unknown commands, unknown fields, wrong types and out-of-range
// values are refused with a message; nothing is clamped silently.
#include "core/commands.h"

#include <cmath>

#include "core/config_codec.h"
#include "core/fields.h"
#include "core/json_value.h"
#include "core/names.h"

namespace relulab::core {
namespace {

constexpr const char* kCommandNames =
    "play, pause, step, reset, speed, kick, knock, fork, reinit, rewind, select, set, lesson, check, export, loadData, "
    "openDataFile";

// A command is one flat object: its fields are named by key ("'n' must be ..."), through the one reader.
struct Reader {
  const JsonValue& object;
  FieldReader fields;

  bool fail(const std::string& message) { return fields.fail("", message); }
  // Optional number field; absent leaves *out unchanged.
  bool number(const char* key, double lo, double hi, double* out) { return fields.number(object, "", key, {lo, hi}, out); }
  bool integer(const char* key, double lo, double hi, double* out) {
    return fields.number(object, "", key, {lo, hi, true}, out);
  }
  bool only_keys(std::initializer_list<const char*> allowed) {
    std::vector<std::string_view> keys = {"cmd"};  // every command's own
    keys.insert(keys.end(), allowed.begin(), allowed.end());
    return fields.only_keys(object, "", keys, "command '" + quoted_excerpt(object.find("cmd")->as_string()) + "'");
  }
};

}  // namespace

std::optional<Command> parse_command(std::string_view json_text, std::string* error) {
  if (json_text.size() > kMaxCommandBytes) {
    if (error) *error = "command is " + std::to_string(json_text.size()) + " bytes; the limit is " + std::to_string(kMaxCommandBytes);
    return std::nullopt;
  }
  auto parsed = parse_json(json_text, error, JsonLimits{kMaxCommandBytes, 8});
  if (!parsed) return std::nullopt;
  if (!parsed->is_object()) {
    if (error) *error = "a command must be a JSON object like {\"cmd\":\"step\",\"n\":10}";
    return std::nullopt;
  }
  const JsonValue* cmd = parsed->find("cmd");
  if (!cmd || !cmd->is_string()) {
    if (error) *error = std::string("a command needs a string field 'cmd' (") + kCommandNames + ")";
    return std::nullopt;
  }
  Reader r{*parsed, FieldReader(error, FieldReader::Naming::Quoted)};
  const std::string& name = cmd->as_string();
  if (name == "play") {
    if (!r.only_keys({})) return std::nullopt;
    return PlayCommand{};
  }
  if (name == "pause") {
    if (!r.only_keys({})) return std::nullopt;
    return PauseCommand{};
  }
  if (name == "reset") {
    if (!r.only_keys({})) return std::nullopt;
    return ResetCommand{};
  }
  if (name == "export") {
    const JsonValue* what = parsed->find("what");
    if (!r.only_keys({"what"})) return std::nullopt;
    const std::string kind = what && what->is_string() ? what->as_string() : std::string();
    if (auto export_kind = from_name<ExportKind>(kind)) return ExportCommand{*export_kind};
    r.fail("'what' must be " + name_list<ExportKind>("\"", " or "));
    return std::nullopt;
  }
  if (name == "check") {
    double seeds = 0;
    if (!r.only_keys({"seeds"})) return std::nullopt;
    if (parsed->find("seeds") && !r.integer("seeds", 1, kMaxCheckSeedsPerCommand, &seeds)) return std::nullopt;
    return CheckCommand{static_cast<int>(seeds)};
  }
  if (name == "openDataFile") {
    if (!r.only_keys({})) return std::nullopt;
    return OpenDataFileCommand{};
  }
  if (name == "loadData") {
    const JsonValue* csv = parsed->find("csv");
    if (!r.only_keys({"csv"})) return std::nullopt;
    if (!csv || !csv->is_string()) {
      r.fail("'csv' must be the file's text, e.g. \"x1,x2,y\\n0.5,0.1,1\\n...\"");
      return std::nullopt;
    }
    return LoadDataCommand{csv->as_string()};
  }
  if (name == "reinit") {
    if (!r.only_keys({})) return std::nullopt;
    return ReinitDeadCommand{};
  }
  if (name == "step") {
    double n = 1;
    if (!r.only_keys({"n"}) || !r.integer("n", 1, kMaxStepsPerCommand, &n)) return std::nullopt;
    return StepCommand{static_cast<int>(n)};
  }
  if (name == "speed") {
    double n = 1;
    if (!r.only_keys({"n"}) || !r.integer("n", 1, kMaxStepsPerFrame, &n)) return std::nullopt;
    return SpeedCommand{static_cast<int>(n)};
  }
  if (name == "kick") {
    double factor = 10;
    if (!r.only_keys({"factor", "batch"}) || !r.number("factor", 0, 1e6, &factor)) return std::nullopt;
    KickCommand kick{factor, KickBatch::Current};
    if (const JsonValue* batch = parsed->find("batch")) {
      auto kind = batch->is_string() ? from_name<KickBatch>(batch->as_string()) : std::nullopt;
      if (!kind) { r.fail("'batch' must be " + name_list<KickBatch>("\"", " or ")); return std::nullopt; }
      kick.batch = *kind;
    }
    return kick;
  }
  if (name == "knock") {
    double twin = 0, unit = 0, margin = 0.1;
    if (!r.only_keys({"twin", "unit", "margin", "through"}) || !r.integer("twin", 0, kMaxTwins - 1, &twin) ||
        !r.integer("unit", 0, kMaxLayerWidth - 1, &unit) ||
        !r.number("margin", kKnockMarginRange.lo, kKnockMarginRange.hi, &margin))
      return std::nullopt;
    KnockCommand knock(static_cast<int>(twin), static_cast<int>(unit), margin);
    if (const JsonValue* through = parsed->find("through")) {
      if (parsed->find("margin")) { r.fail("'knock' takes 'margin' or 'through', not both"); return std::nullopt; }
      bool ok = through->is_array() && !through->items().empty() &&
                through->items().size() <= static_cast<std::size_t>(kMaxDataDim);
      for (std::size_t i = 0; ok && i < through->items().size(); ++i) {
        ok = through->items()[i].is_number();
        if (ok) knock.through.push_back(through->items()[i].as_number());
      }
      if (!ok) {
        r.fail("'through' must be a point: a list of 1 to " + std::to_string(kMaxDataDim) + " numbers, e.g. [0.5, -1]");
        return std::nullopt;
      }
    }
    return knock;
  }
  if (name == "rewind") {
    double step = 0;
    if (!r.only_keys({"step"}) || !r.integer("step", 0, 9e15, &step)) return std::nullopt;
    return RewindCommand{static_cast<std::int64_t>(step)};
  }
  if (name == "select") {
    double layer = -1, unit = -1;
    if (!r.only_keys({"layer", "unit"}) || !r.integer("layer", -1, 8, &layer) || !r.integer("unit", -1, 63, &unit))
      return std::nullopt;
    return SelectUnitCommand{static_cast<int>(layer), static_cast<int>(unit)};
  }
  if (name == "set") {
    // {"cmd":"set","lr":"0.3","act":"elu"}: every other member is a setting; values may be strings or numbers
    SetCommand set;
    SessionConfig scratch;
    for (const auto& [key, value] : parsed->members()) {
      if (key == "cmd") continue;
      std::string text;
      if (value.is_string()) text = value.as_string();
      else if (value.is_number()) append_json_number(text, value.as_number());
      else { r.fail("'" + quoted_excerpt(key) + "' must be a string or a number"); return std::nullopt; }
      std::string why;
      if (!apply_setting(scratch, key, text, &why)) { r.fail(why); return std::nullopt; }
      set.settings.emplace_back(key, text);
    }
    if (set.settings.empty()) {
      r.fail("'set' needs at least one setting, e.g. {\"cmd\":\"set\",\"lr\":0.3}");
      return std::nullopt;
    }
    return set;
  }
  if (name == "lesson") {
    const JsonValue* id = parsed->find("id");
    if (!r.only_keys({"id"})) return std::nullopt;
    if (!id || !id->is_string() || id->as_string().empty() || id->as_string().size() > 64) {
      r.fail("'lesson' needs a string 'id', e.g. {\"cmd\":\"lesson\",\"id\":\"kill-shot\"}");
      return std::nullopt;
    }
    return LessonCommand{id->as_string()};
  }
  if (name == "fork") {
    const JsonValue* list = parsed->find("activations");
    if (!r.only_keys({"activations"})) return std::nullopt;
    if (!list || !list->is_array() || list->items().empty() || list->items().size() > 4) {
      r.fail("'activations' must be a list of 1 to 4 names, e.g. [\"relu\",\"leaky:0.1\",\"elu\"]");
      return std::nullopt;
    }
    ForkCommand fork;
    for (const JsonValue& item : list->items()) {
      std::string why;
      auto a = item.is_string() ? parse_activation(item.as_string(), &why) : std::nullopt;
      if (!a) {
        r.fail("bad activation in 'activations': " + (why.empty() ? std::string("expected a string") : quoted_excerpt(why, 200)));
        return std::nullopt;
      }
      fork.activations.push_back(*a);
    }
    return fork;
  }
  r.fail("unknown command '" + quoted_excerpt(name) + "' (expected " + kCommandNames + ")");
  return std::nullopt;
}

}  // namespace relulab::core
