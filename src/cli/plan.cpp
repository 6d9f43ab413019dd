// plan.cpp — run flags -> RunPlan, through the config codec (settings) and the lesson set (--lesson).
#include "cli/plan.h"

#include <algorithm>

#include "cli/lesson_bridge.h"
#include "cli/report.h"
#include "core/activations.h"
#include "core/config_codec.h"
#include "core/json_value.h"
#include "core/names.h"

namespace relulab::cli {

namespace {

constexpr std::int64_t kMaxSteps = 1000000;
constexpr std::size_t kMaxConfigBytes = 1u << 16;
constexpr int kMaxTwins = 4;

std::string flag_message(const std::string& codec_message) { return "--" + codec_message; }

}  // namespace

void add_plan_flags(std::vector<Flag>& flags, PlanOptions& options, bool schedule) {
  flags.push_back({"lesson", "ID", "start from a lesson's config (and its script: steps, kick, twins)",
                   [&options](const std::string& value) -> std::string {
                     if (value.empty()) return "--lesson takes a lesson id (see relulab lessons)";
                     options.lesson = value;
                     return "";
                   }});
  flags.push_back({"config", "FILE", "settings from a JSON object, e.g. {\"data\": \"sin\", \"lr\": 0.1}",
                   path_flag("config", &options.config_file)});
  if (!schedule) return;
  flags.push_back({"steps", "N", "training steps, the kick included, 1 to 1000000 (default 1000)",
                   [&options](const std::string& value) -> std::string {
                     std::int64_t steps = 0;
                     if (auto e = int64_flag("steps", 1, kMaxSteps, &steps)(value); !e.empty()) return e;
                     options.steps = steps;
                     return "";
                   }});
  flags.push_back({"kick-at", "STEP", "kick after STEP normal steps, 0 to steps - 1 (the kick is step STEP + 1)",
                   [&options](const std::string& value) -> std::string {
                     std::int64_t at = 0;
                     if (auto e = int64_flag("kick-at", 0, kMaxSteps - 1, &at)(value); !e.empty()) return e;
                     options.kick_at = at;
                     return "";
                   }});
  flags.push_back({"kick-factor", "K", "learning rate multiplier of the kick, 0 to 1000000 (default 10)",
                   [&options](const std::string& value) -> std::string {
                     double factor = 0;
                     if (auto e = number_flag("kick-factor", 0, 1e6, &factor)(value); !e.empty()) return e;
                     options.kick_factor = factor;
                     return "";
                   }});
  flags.push_back({"kick-batch", "B", "the kick's batch: current or outlier (regression: targets + 10; "
                                      "classification: labels flipped); default current",
                   choice_flag("kick-batch", core::name_strings<core::KickBatch>(), &options.kick_batch)});
  flags.push_back({"twins", "LIST", "fork 1 to 4 twins right after the kick (or at step 0), e.g. relu,leaky:0.1,elu",
                   [&options](const std::string& value) -> std::string {
                     std::vector<core::Activation> twins;
                     if (auto e = activation_list_flag("twins", kMaxTwins, &twins)(value); !e.empty()) return e;
                     options.twins = twins;
                     return "";
                   }});
}

FallbackSetter settings_fallback(PlanOptions& options) {
  return [&options](const std::string& name, const std::string& value, std::string* error) {
    if (!core::find_setting(name)) return false;
    core::SessionConfig scratch;
    std::string message;
    if (!core::apply_setting(scratch, name, value, &message)) {
      *error = flag_message(message);
      return true;
    }
    options.settings.emplace_back(name, value);
    error->clear();
    return true;
  };
}

bool settings_from_json(std::string_view text, std::vector<std::pair<std::string, std::string>>* pairs,
                        std::string* error) {
  auto parsed = core::parse_json(text, error, core::JsonLimits{kMaxConfigBytes, 8});
  if (!parsed) return false;
  const core::JsonValue* object = &*parsed;
  if (object->is_object() && object->find("config") && object->find("config")->is_object()) {
    object = object->find("config");
  }
  if (!object->is_object()) {
    *error = "expected a JSON object of settings such as {\"lr\": 0.1}";
    return false;
  }
  auto scalar_text = [](const core::JsonValue& v, std::string* out) {
    if (v.is_number()) *out = core::format_number(v.as_number());
    else if (v.is_string()) *out = v.as_string();
    else if (v.is_bool()) *out = v.as_bool() ? "1" : "0";
    else return false;
    return true;
  };
  for (const auto& [key, value] : object->members()) {
    std::string text_value;
    if (value.is_array()) {
      std::vector<std::string> items;
      for (const core::JsonValue& item : value.items()) {
        std::string item_text;
        if (!scalar_text(item, &item_text)) {
          *error = "'" + core::quoted_excerpt(key) + "' holds a list of something other than numbers or strings";
          return false;
        }
        items.push_back(item_text);
      }
      text_value = join(items, ",");
    } else if (!scalar_text(value, &text_value)) {
      *error = "'" + core::quoted_excerpt(key) + "' must be a number, a string or a list";
      return false;
    }
    if (!core::find_setting(key)) {
      *error = "unknown setting '" + core::quoted_excerpt(key) + "' (the settings are listed by relulab run --help)";
      return false;
    }
    pairs->emplace_back(key, text_value);
  }
  return true;
}

std::string build_plan(const PlanOptions& options, RunPlan* plan) {
  RunPlan built;
  if (!options.lesson.empty()) {
    if (std::string error = plan_from_lesson(options.lesson, &built); !error.empty()) return "--lesson: " + error;
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  if (!options.config_file.empty()) {
    std::string text, error;
    if (!read_file(options.config_file, kMaxConfigBytes, &text, &error)) return "--config: " + error;
    if (!settings_from_json(text, &pairs, &error)) return "--config " + options.config_file + ": " + error;
  }
  pairs.insert(pairs.end(), options.settings.begin(), options.settings.end());
  if (!pairs.empty()) {
    const std::vector<core::SettingError> errors = core::apply_settings(built.config, pairs);
    if (!errors.empty()) {
      const bool from_file = std::none_of(options.settings.begin(), options.settings.end(),
                                          [&](const auto& p) { return p.first == errors.front().key; });
      return from_file ? "--config " + options.config_file + ": " + errors.front().message
                       : flag_message(errors.front().message);
    }
  }
  if (options.steps) built.steps = *options.steps;
  if (options.kick_at || options.twins) {  // the flags replace a lesson's script
    built.events.clear();
    built.lesson_script = false;
  }
  if ((options.kick_factor || !options.kick_batch.empty()) && !options.kick_at) {
    return options.kick_factor ? "--kick-factor needs --kick-at STEP" : "--kick-batch needs --kick-at STEP";
  }
  if (options.kick_at && *options.kick_at >= built.steps) {
    return "--kick-at takes a step from 0 to " + std::to_string(built.steps - 1) + " (steps - 1) (got " +
           std::to_string(*options.kick_at) + ")";
  }
  if (options.kick_at) {
    core::KickCommand kick;
    if (options.kick_factor) kick.factor = *options.kick_factor;
    if (!options.kick_batch.empty()) {
      kick.batch = core::from_name<core::KickBatch>(options.kick_batch).value_or(core::KickBatch::Current);
    }
    built.events.push_back({*options.kick_at, kick, ""});
  }
  // Twins fork right after the kick (an event at the kick's step fires after it), or at step 0.
  if (options.twins) built.events.push_back({options.kick_at.value_or(0), core::ForkCommand{*options.twins}, ""});
  if (std::string e = core::check_config(built.config); !e.empty()) return e;  // e.g. a data file missing
  *plan = std::move(built);
  return "";
}

std::string describe_config(const core::SessionConfig& config) {
  const std::string query = core::to_query(config);
  return query.empty() ? "(defaults)" : query;
}

std::optional<int> begin_plan_command(const std::string& name, CommandHelp help, const std::string& seed_note,
                                      const Arguments& args, const std::vector<Flag>& flags,
                                      const CommonOptions& common, PlanOptions& plan) {
  help.extra = "config keys (each also a flag, e.g. --lr 0.3; the same keys as the page URL and lesson files):\n" +
               core::settings_help() + (seed_note.empty() ? "\n" : "  " + seed_note + "\n\n") + help.extra;
  return begin_command(name, help, args, flags, common, settings_fallback(plan));
}

}  // namespace relulab::cli
