// census.h — the probes: per-unit measurements on the full training set (k, z statistics and histogram,
// gradient norm, margin), unit states as DESIGN.md defines them, and the death/revival transitions.
// Reads one Eval pass (z of every layer) and its gradient; does not run the network or write narration.
#pragma once

#include <vector>

#include "core/network.h"
#include "core/types.h"

namespace relulab::core {

enum class Transition { Died, Revived };
struct UnitTransition {
  int layer = 0, unit = 0;       // 0-based
  Transition kind = Transition::Died;
};

// Fills layers[l] (l over hidden layers; resized on first use) from z in ws (columns [0, n)) and the gradient
// of the same pass. `step` stamps died_at / revived_at; `first` marks the census at initialization, where
// units with k = 0 count as having died at `step`. Transitions are appended to `transitions` (reserve it to
// avoid allocation). Allocation-free once `layers` has its shape.
void measure_units(const Network& net, const Vector& params, const Vector& grads, const Workspace& ws,
                   Eigen::Index n, std::int64_t step, bool first, std::vector<LayerCensus>& layers,
                   std::vector<UnitTransition>& transitions);

// The state of a unit from its measurements and history (see DESIGN.md, "Unit states").
UnitState classify_unit(const Activation& activation, int active_count, bool saturated,
                        const UnitCensus& history);


}  // namespace relulab::core
