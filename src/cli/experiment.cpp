// experiment.cpp — execute(): a RunPlan through the lesson driver (core::advance_script), with the bookkeeping
// of experiment.h (the kicks' victims, each twin's fate).
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

const core::KickCommand* schedule_kick(const RunPlan& plan, std::int64_t* at) {
  if (plan.lesson_script) return nullptr;
  for (const core::ScriptedEvent& event : plan.events) {
    if (const auto* kick = std::get_if<core::KickCommand>(&event.command)) {
      if (at) *at = event.at;
      return kick;
    }
  }
  return nullptr;
}

bool has_kick(const std::vector<core::ScriptedEvent>& events) {
  return std::any_of(events.begin(), events.end(), [](const core::ScriptedEvent& event) {
    return std::holds_alternative<core::KickCommand>(event.command);
  });
}

int count_units(const core::TwinCensus& census) {
  int units = 0;
  for (const core::LayerCensus& layer : census.layers) units += static_cast<int>(layer.units.size());
  return units;
}

namespace {

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

}  // namespace

RunOutcome execute(const RunPlan& plan, const StepObserver& observe) {
  core::Session session(headless(plan.config));
  return execute(session, plan, observe);
}

RunOutcome execute(core::Session& session, const RunPlan& plan, const StepObserver& observe) {
  RunOutcome outcome;
  if (observe) observe(session, false);
  // Victims are noted at kicks; a kick that would take the run past its steps does not fire.
  core::LessonScript script(plan.events);
  core::TwinCensus before;
  core::ScriptObserver observer;
  observer.before_event = [&](const core::Session& s, const core::ScriptedEvent& event) {
    if (!std::holds_alternative<core::KickCommand>(event.command)) return true;
    if (s.step_count() >= plan.steps) return false;
    before = s.census(0);
    return true;
  };
  observer.after_event = [&](const core::Session& s, const core::ScriptedEvent& event) {
    if (std::holds_alternative<core::KickCommand>(event.command)) add_victims(before, s.census(0), outcome.victims);
  };
  if (observe) {
    observer.after_step = [&](const core::Session& s) { observe(s, false); };
    observer.settled = [&](const core::Session& s, int fired) {
      if (fired > 0) observe(s, true);
    };
  }
  do {  // a scripted pause ends an advance: the run goes on past it
    core::advance_script(session, script, plan.steps - session.step_count(), observer);
  } while (session.step_count() < plan.steps);
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
