// lesson_probe.cpp — measuring one run for the lesson check: twins resolved by name, units covered, point and
// window measures observed step by step (lesson_probe.h).
#include "core/lesson_probe.h"

#include <algorithm>
#include <variant>

#include "core/activations.h"
#include "core/json_value.h"
#include "core/lesson_script.h"

namespace relulab::core::lesson_detail {

namespace {

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
    case Measure::TestAccuracy: return census.test_accuracy;  // 0 without a test split
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
  const bool window = is_window_measure(probe.measure);
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
    if (step == probe.to) {
      int count = 0;
      for (std::size_t i = 0; i < entry.tracked.size(); ++i) {
        const auto& lu = entry.tracked[i];
        if (probe.measure == Measure::Died) count += unit_of(census, lu).active_count == 0;
        // "came back" is judged at the check step itself: a unit that returned and left again is not back
        if (probe.measure == Measure::Revived) count += unit_of(census, lu).active_count > 0;
        if (probe.measure == Measure::Moved) count += (unit_weights(session, entry.index, lu).array() != entry.snapshot[i].array()).any();
      }
      entry.value = count;
    }
  }
  if (step >= probe.to) probe.done = true;
}

void observe_all(std::vector<Probe*>& probes, const Session& session) {
  for (Probe* probe : probes) observe(*probe, session);
}

}  // namespace

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

void run_probes(const Lesson& lesson, const std::string& variant, std::uint64_t seed, std::vector<Probe*>& probes) {
  SessionConfig config;
  std::vector<ScriptedEvent> events;
  variant_setup(lesson, variant, &config, &events);
  config.seed = seed;
  Session session(config);
  LessonScript script(std::move(events));
  std::int64_t steps = 0;  // only as far as the probes need
  for (const Probe* probe : probes) steps = std::max(steps, is_window_measure(probe->measure) ? probe->to : probe->at);
  ScriptObserver observer;
  observer.before_event = [&](const Session& s, const ScriptedEvent& event) {
    if (std::holds_alternative<KickCommand>(event.command)) observe_all(probes, s);  // the state before the kick
    return true;
  };
  observer.settled = [&](const Session& s, int) { observe_all(probes, s); };
  // A scripted pause ends an advance; the check goes on past it.
  do {
    advance_script(session, script, steps - session.step_count(), observer);
  } while (session.step_count() < steps);
}

}  // namespace relulab::core::lesson_detail
