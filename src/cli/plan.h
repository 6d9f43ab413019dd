// plan.h — the flags that describe a training run, shared by `run`, `sweep` and `recovery`: the session config
// (the config codec's short keys as flags, e.g. --lr 0.3 --act leaky:0.1 --hidden 16,16, or --config FILE,
// or --lesson ID), and for `run`/`sweep` the schedule (--steps, --kick-at, --kick-factor, --kick-batch,
// --twins). Settings go through core/config_codec.h only: the CLI has no parser of its own for them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/experiment.h"

namespace relulab::cli {

struct PlanOptions {
  std::string lesson;                                      // --lesson ID: the lesson's config and script
  std::string config_file;                                 // --config FILE: a JSON object of settings
  std::vector<std::pair<std::string, std::string>> settings;  // codec keys from flags, in command-line order
  std::optional<std::int64_t> steps;
  std::optional<std::int64_t> kick_at;
  std::optional<double> kick_factor;
  std::string kick_batch;                                  // "" = not given
  std::optional<std::vector<core::Activation>> twins;
};

// schedule = false leaves out --steps, --kick-* and --twins (for `recovery`).
void add_plan_flags(std::vector<Flag>& flags, PlanOptions& options, bool schedule);
// Accepts the codec's keys as flags (validated at once, applied in order by build_plan).
FallbackSetter settings_fallback(PlanOptions& options);

// Builds the plan: lesson (if any), then the config file, then the setting flags; the schedule flags override
// the lesson's script. Returns "" or one line naming the flag and what it accepts.
std::string build_plan(const PlanOptions& options, RunPlan* plan);

// A JSON object of settings {"lr": 0.3, "act": "relu", "hidden": [16, 16]} (or {"config": {...}}) -> pairs.
bool settings_from_json(std::string_view text, std::vector<std::pair<std::string, std::string>>* pairs,
                        std::string* error);

// The config as the codec's query string (the settings that differ from the defaults).
std::string describe_config(const core::SessionConfig& config);
// The start of a command that trains from a plan (run, sweep, recovery): begin_command() with the settings
// listed in the help (followed by `seed_note` on what --seed means here, if any) before help.extra, and a
// --KEY the flags do not name tried as a setting.
std::optional<int> begin_plan_command(const std::string& name, CommandHelp help, const std::string& seed_note,
                                      const Arguments& args, const std::vector<Flag>& flags,
                                      const CommonOptions& common, PlanOptions& plan);

}  // namespace relulab::cli
