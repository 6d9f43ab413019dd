// lesson_file.h — lessons as data: a lesson file (JSON, web/lessons/<id>.json, compiled into the binary) holds a
// scene (settings by codec key), scripted events (kick, knock, fork, ... at given steps), the controls to show,
// "what to notice" bullets and a verification predicate that check_lesson() evaluates headless over seeds.
// This header: the file's schema as structs, parse_lesson() (strict), the built-in registry, and the one table of
// measure names. The script runtime is lesson_script.h; the verification is lesson_check.h. Does not run a session.
//
// File format (every field is checked strictly; unknown fields are refused):
//   {"id": "kill-shot", "title": "...", "text": "2-4 sentences",
//    "config": {"data": "sin", "lr": "0.1", ...}           codec keys (config_codec.h) -> values
//    "events": [{"at": 100, "do": "kick", "factor": 5, "batch": "outlier", "say": "..."}, ...],
//    "controls": ["play", "step", "kick", "reset"], "notice": ["...", ...],
//    "check": {"steps": 2100, "seeds": [1, ..., 10], "min_seeds": 8,
//              "variants": {"low-lr": {"config": {"lr": "0.02"}, "events": [...]}},
//              "expect": [{"measure": "died", "twin": "relu", "layer": 1, "from": 100, "to": 101, "min": 2}, ...]}}
// Events: "do" is kick | knock | fork | reinit | pause | select | speed with the fields of the matching command
// in commands.h ({"cmd": ...} is written "do"); "at" is the step count at which it fires (events fire in file
// order; a kick takes a step, so a fork "at" the kick's step fires right after it).
// Expectations ("measure", then where and when, then a bound):
//   point measures, taken "at" a step (default: the end) after the events due then, before a kick:
//     dead         units whose state is dead (k = 0 and zero gradient: ReLU)
//     off          units with k = 0 (dead or inactive-but-learning)
//     dead_layers  hidden layers whose units all have k = 0 ("layer" is ignored)
//     loss         training loss
//     diverged     1 if the twin has stopped on a non-finite value, else 0
//   window measures over "from" .. "to" (default: the end):
//     died         units with k > 0 at "from" and k = 0 at "to"
//     revived      units with k = 0 at "from" that have k > 0 at "to" (back at that step, not merely at some
//                  step between: a unit that returned and left again does not count)
//     moved        units with k = 0 at "from" whose incoming weights or bias differ at "to"
//   where: "twin" (an activation name such as "relu" or "leaky:0.1", an index, or "*" for every twin;
//   default 0), "layer" (1-based; 0 = every hidden layer; default 1), "units" (0-based list; default all),
//   "variant" (a name from "variants"; default the lesson as written).
//   bound: "min" and/or "max" (inclusive), or "more_than"/"fewer_than": an object of the fields to change
//   for the reference measure ("variant", "twin", "layer", "at"; e.g. {"variant": "low-lr"}), strictly more/fewer. An expectation is required
//   in every passing seed, unless it has "seeds_at_least" or "seeds_at_most": then it is counted over seeds,
//   and "say" may word it for the learner ("ELU brought both units back" -> "... in 15 of 20 runs").
// A lesson passes when at least "min_seeds" seeds pass (scaled when other seeds are given) and every
// counted-over-seeds expectation holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/commands.h"
#include "core/session.h"

namespace relulab::core {

struct ScriptedEvent {
  std::int64_t at = 0;  // fires when the session's step count reaches this
  Command command;      // Kick, Knock, Fork, ReinitDead (applied to the session); Pause, SelectUnit, Speed (UI)
  std::string say;      // narration for the lab (may be empty)
};

enum class Measure { Dead, Off, DeadLayers, Loss, TestAccuracy, Diverged, Died, Revived, Moved };

// The one table of measures: the file's name ("dead", "died", ...), whether it is taken over a window
// (from .. to) rather than at one step, and the words a counted-over-seeds sentence uses ("dead units").
const char* measure_name(Measure m);
bool is_window_measure(Measure m);
const char* measure_words(Measure m);
std::optional<Measure> measure_from_name(std::string_view name);
enum class Bound { None, MoreThan, FewerThan };

struct Expectation {
  Measure measure = Measure::Dead;
  std::string variant;                    // "" = the lesson as written
  std::string twin;                       // activation name, "0".."3", or "*" (every twin)
  int layer = 1;                          // 1-based; 0 = every hidden layer
  std::vector<int> units;                 // empty = every unit of the layer(s)
  std::int64_t at = -1;                   // point measures; -1 = the end
  std::int64_t from = -1, to = -1;        // window measures; to -1 = the end
  std::optional<double> min, max;
  Bound bound = Bound::None;
  std::string reference_variant;          // for more_than / fewer_than
  std::string reference_twin;             //   (the reference is this expectation with these replaced)
  int reference_layer = 1;
  std::int64_t reference_at = -1;         //   (point measures; -1 = the same step)
  std::optional<int> seeds_at_least, seeds_at_most;  // set: counted over seeds instead of required per seed
  std::string say;                        // counted over seeds: the claim in words ("ELU brought both units back")
};

struct LessonVariant {
  std::string name;
  std::vector<std::pair<std::string, std::string>> config;  // applied over the lesson's config
  std::optional<std::vector<ScriptedEvent>> events;          // set: replaces the lesson's events
};

struct LessonCheckSpec {
  std::int64_t steps = 0;                // each run goes this far
  std::vector<std::uint64_t> seeds;
  int min_seeds = 0;
  std::vector<LessonVariant> variants;
  std::vector<Expectation> expect;
};

struct Lesson {
  std::string id, title, text;
  std::vector<std::pair<std::string, std::string>> config;  // codec key -> value, in file order
  std::vector<ScriptedEvent> events;                         // sorted by `at`
  std::vector<std::string> controls;                         // from control_names()
  std::vector<std::string> notice;
  std::optional<LessonCheckSpec> check;                      // built-in lessons always have one
};

// Parses a lesson file. On failure: nullopt and *error names the field, e.g.
// "events[1].factor: 'factor' must be a number from 0 to 1000000" or "config: lr: 20 is out of range; ...".
std::optional<Lesson> parse_lesson(std::string_view json_text, std::string* error);

// Control names a lesson may list: play, pause, step, kick, knock, fork, reinit, reset, speed, scrub, data,
// network, activation, init, optimizer, lr, batch, regularization, seed.
const std::vector<std::string>& control_names();

// The built-in lesson set, in teaching order (dead-unit, kill-shot, ..., fixes), then any other embedded file.
std::vector<std::string> builtin_lesson_ids();
std::optional<Lesson> builtin_lesson(std::string_view id, std::string* error);
const char* builtin_lesson_text(std::string_view id);  // the JSON as compiled in; nullptr when unknown

// The lesson's scene: `base` with the lesson's settings applied (a parsed lesson's settings are valid).
SessionConfig lesson_config(const Lesson& lesson, const SessionConfig& base = {});
// The config and events of a variant ("" = the lesson itself); false when there is no such variant.
bool variant_setup(const Lesson& lesson, std::string_view variant, SessionConfig* config,
                   std::vector<ScriptedEvent>* events);

}  // namespace relulab::core
