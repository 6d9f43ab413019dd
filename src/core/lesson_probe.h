// lesson_probe.h — internal to the lesson check (not for other layers): a Probe is one measurement request
// (an expectation's own measure, or its reference) against one run; run_probes() runs one variant for one seed
// through the lesson driver and fills its probes as the census goes. Does not judge or word the results.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "core/lesson_file.h"

namespace relulab::core::lesson_detail {

// One measurement request against one run: an expectation's own measure or its reference.
struct Probe {
  Measure measure = Measure::Dead;
  std::string twin;          // "" = 0
  int layer = 1;
  std::vector<int> units;
  std::int64_t at = 0, from = 0, to = 0;

  // Results, per twin resolved (one entry unless twin == "*").
  struct Twin {
    int index = -1;
    std::string label;
    std::vector<std::pair<int, int>> tracked;   // (layer, unit) of the window's starting set
    std::vector<Eigen::VectorXd> snapshot;      // moved: weights row + bias at `from`
    double value = 0;
    int base = 0;                               // size of the starting set (window measures)
  };
  std::vector<Twin> twins;
  bool started = false, done = false;
  std::string error;         // e.g. "no twin 'elu' at step 101"
};

Probe make_probe(const Expectation& e, const std::string& twin, int layer, std::int64_t steps);
// Runs `variant` of the lesson with `seed` as far as the probes need, observing them at every step (after the
// events due then, and before a kick).
void run_probes(const Lesson& lesson, const std::string& variant, std::uint64_t seed, std::vector<Probe*>& probes);

}  // namespace relulab::core::lesson_detail
