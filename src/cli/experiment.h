// experiment.h — one headless training run as the CLI's commands describe it: a session config, N steps and
// scripted events (core/lesson_script.h drives them: the same driver as the lab and the lesson check), and
// what came of it: the units the kick killed and, per twin, their fate, revivals, divergence and the final census.
// Shared by `run` (which watches every step), `sweep` and `lessons`. Does not print anything.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/session.h"

namespace relulab::cli {

// A run as a list of scripted events, in the lesson files' vocabulary (core/lesson_file.h): a lesson's own
// events, or the ones the command line asks for (--kick-at A: a kick at A, the kick being step A + 1; --twins:
// a fork at A, right after the kick, or at 0 without one).
struct RunPlan {
  core::SessionConfig config;
  std::int64_t steps = 1000;    // total steps, kicks included
  std::vector<core::ScriptedEvent> events;
  bool lesson_script = false;   // the events are a lesson's (run --lesson without --kick-at/--twins)
};

// The kick the command line scheduled (nullptr for a lesson's script or without --kick-at); *at is its "at".
const core::KickCommand* schedule_kick(const RunPlan& plan, std::int64_t* at = nullptr);
bool has_kick(const std::vector<core::ScriptedEvent>& events);

struct UnitId {
  int layer = 0, unit = 0;      // 0-based
};

struct TwinOutcome {
  std::string activation;
  core::TwinCensus census;      // at the end (a diverged twin: as of its last finite step)
  int revived = 0;              // units that were k = 0 at some step and k > 0 later (revived_at >= 0)
  int victims_back = 0;         // of the kick's victims: k > 0 at the end
  bool diverged = false;
};

struct RunOutcome {
  std::vector<UnitId> victims;  // units with k > 0 right before a kick and k = 0 right after it (twin 0)
  std::vector<TwinOutcome> twins;
};

// Observes the session after construction (step 0), after every step, and after a kick or other scripted
// events (after_event = true; twins forked right after a kick are already there).
using StepObserver = std::function<void(const core::Session& session, bool after_event)>;

// The session settings the CLI uses: the rewind history is not needed, so it records rarely and small.
core::SessionConfig headless(core::SessionConfig config);

RunOutcome execute(const RunPlan& plan, const StepObserver& observe = nullptr);
// Everything an execute() without an observer would do, on an existing session (for `run`).
RunOutcome execute(core::Session& session, const RunPlan& plan, const StepObserver& observe);

int count_units(const core::TwinCensus& census);

}  // namespace relulab::cli
