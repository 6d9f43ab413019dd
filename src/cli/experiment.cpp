// experiment.cpp — execute(): the steps, the kick, the fork and the bookkeeping of experiment.h.
#include "cli/experiment.h"

#include <algorithm>
#include <limits>
#include <variant>

namespace relulab::cli {

core::SessionConfig headless(core::SessionConfig config) {
  config.history_every = std::numeric_limits<int>::max();
  config.history_bytes = std::size_t{1} << 20;
  config.probes = true;
  return config;
}

int count_units(const core::TwinCensus& census) {
  int units = 0;
  for (const core::LayerCensus& layer : census.layers) units += static_cast<int>(layer.units.size());
  return units;
}

namespace {

void run_steps(core::Session& session, std::int64_t steps, const StepObserver& observe) {
  if (!observe) {
    while (steps > 0) {
      const int chunk = static_cast<int>(std::min<std::int64_t>(steps, 100000));
      session.step(chunk);
      steps -= chunk;
    }
    return;
  }
  for (std::int64_t s = 0; s < steps; ++s) {
    session.step(1);
    observe(session, false);
  }
}

const core::UnitCensus& unit_of(const core::TwinCensus& census, const UnitId& id) {
  return census.layers[static_cast<std::size_t>(id.layer)].units[static_cast<std::size_t>(id.unit)];
}

void add_victims(const core::TwinCensus& before, const core::TwinCensus& after, std::vector<UnitId>& victims) {
  for (std::size_t l = 0; l < after.layers.size() && l < before.layers.size(); ++l) {
    for (std::size_t i = 0; i < after.layers[l].units.size(); ++i) {
      if (before.layers[l].units[i].active_count > 0 && after.layers[l].units[i].active_count == 0) {
        victims.push_back({static_cast<int>(l), static_cast<int>(i)});
      }
    }
  }
}

// The CLI's own schedule: N steps, an optional kick, twins forked right after it (or at step 0).
void run_schedule(core::Session& session, const RunPlan& plan, const StepObserver& observe,
                  std::vector<UnitId>& victims) {
  const bool kick = plan.kick && plan.kick->at < plan.steps;
  if (!kick) {
    if (!plan.twins.empty()) session.fork(plan.twins);
    run_steps(session, plan.steps, observe);
    return;
  }
  run_steps(session, plan.kick->at, observe);
  const core::TwinCensus before = session.census(0);
  session.kick(plan.kick->factor, plan.kick->batch);
  add_victims(before, session.census(0), victims);
  if (!plan.twins.empty()) session.fork(plan.twins);
  if (observe) observe(session, true);
  run_steps(session, plan.steps - plan.kick->at - 1, observe);
}

// A lesson's script: events fire when their step comes (a kick takes a step); victims are noted at kicks.
void run_script(core::Session& session, const RunPlan& plan, const StepObserver& observe,
                std::vector<UnitId>& victims) {
  core::LessonScript script(*plan.script);
  while (true) {
    bool fired = false;
    while (const core::ScriptedEvent* event = script.peek_due(session)) {
      const bool kick = std::holds_alternative<core::KickCommand>(event->command);
      if (kick && session.step_count() >= plan.steps) break;
      const core::TwinCensus before = session.census(0);
      script.fire_next(session);
      if (kick) add_victims(before, session.census(0), victims);
      fired = true;
    }
    if (fired && observe) observe(session, true);
    if (session.step_count() >= plan.steps) return;
    session.step(1);
    if (observe) observe(session, false);
  }
}

}  // namespace

RunOutcome execute(const RunPlan& plan, const StepObserver& observe) {
  core::Session session(headless(plan.config));
  return execute(session, plan, observe);
}

RunOutcome execute(core::Session& session, const RunPlan& plan, const StepObserver& observe) {
  RunOutcome outcome;
  if (observe) observe(session, false);
  if (plan.script) {
    run_script(session, plan, observe, outcome.victims);
  } else {
    run_schedule(session, plan, observe, outcome.victims);
  }
  for (int t = 0; t < session.twin_count(); ++t) {
    TwinOutcome twin;
    twin.census = session.census(t);
    twin.activation = twin.census.activation;
    twin.diverged = twin.census.diverged;
    for (const core::LayerCensus& layer : twin.census.layers)
      for (const core::UnitCensus& unit : layer.units) twin.revived += unit.revived_at >= 0;
    for (const UnitId& id : outcome.victims) twin.victims_back += unit_of(twin.census, id).active_count > 0;
    outcome.twins.push_back(std::move(twin));
  }
  return outcome;
}

}  // namespace relulab::cli
