// experiment.h — one headless training run as the CLI's commands describe it: a session config, N steps, an
// optional kick at a step, optional twins (forked right after the kick, or at the start without a kick), and
// what came of it: the units the kick killed and, per twin, their fate, revivals, divergence and the final census.
// Shared by `run` (which watches every step), `sweep` and `lessons`. Does not print anything.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/session.h"

namespace relulab::cli {

struct KickPlan {
  std::int64_t at = 100;        // normal steps before the kick; the kick is step at + 1
  double factor = 10;           // learning rate multiplier of the kick step
  core::KickBatch batch = core::KickBatch::Current;
};

struct RunPlan {
  core::SessionConfig config;
  std::int64_t steps = 1000;    // total steps, the kick included
  std::optional<KickPlan> kick;
  std::vector<core::Activation> twins;  // empty: one network; else forked at the kick (or at step 0)
  // A lesson's script (run --lesson without --kick-at/--twins): its events fire as their steps come, in place
  // of `kick` and `twins`.
  std::optional<std::vector<core::ScriptedEvent>> script;
};

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
