// narration.cpp — event sentences (see narration.h).
#include "core/narration.h"

#include "core/activations.h"

namespace relulab::core {

std::string unit_label(int layer, int unit) {
  return "unit " + std::to_string(layer + 1) + "." + std::to_string(unit + 1);
}

namespace {
std::string active_ratio(int active_count, Eigen::Index points) {
  return std::to_string(active_count) + "/" + std::to_string(points) + " active";
}
}  // namespace

std::string narrate_death(const std::string& prefix, int layer, int unit, bool dead, std::int64_t step,
                          int active_count, Eigen::Index points) {
  const std::string ratio = active_ratio(active_count, points);
  std::string text = prefix + unit_label(layer, unit);
  if (step == 0) {
    text += dead ? " is dead at initialization (" + ratio + ")"
                 : " is inactive at initialization (" + ratio + ", still learning)";
  } else {
    text += dead ? " died at step " + std::to_string(step) + " (" + ratio + ")"
                 : " went inactive at step " + std::to_string(step) + " (" + ratio + ", still learning)";
  }
  return text;
}

std::string narrate_revival(const std::string& prefix, int layer, int unit, std::int64_t step, int active_count,
                            Eigen::Index points, std::int64_t died_at) {
  return prefix + unit_label(layer, unit) + " revived at step " + std::to_string(step) + " (" +
         active_ratio(active_count, points) + "; off the data since step " + std::to_string(died_at) + ")";
}

std::string narrate_divergence(const std::string& prefix, const std::string& reason) {
  return prefix + "training stopped: " + reason;
}

std::string narrate_knock(const std::string& prefix, int unit, Scalar margin, std::int64_t step) {
  return prefix + "knocked " + unit_label(0, unit) + " to " + format_number(margin) +
         " |w| past the data at step " + std::to_string(step);
}

std::string narrate_kick(Scalar factor, KickBatch batch, std::int64_t step) {
  return "kick x" + format_number(factor) + (batch == KickBatch::Outlier ? " on an outlier batch" : "") +
         " at step " + std::to_string(step);
}

std::string narrate_kick_missed(const std::string& prefix, int layer, int unit, int active_count, Eigen::Index points,
                                Scalar factor, KickBatch batch) {
  std::string advice;
  if (batch == KickBatch::Current) {
    advice = "try the outlier batch (wrong targets, a far larger gradient)" +
             (factor < 20 ? std::string(" at x20") : std::string());
  } else {
    Scalar next = 0;
    for (Scalar candidate : {20.0, 50.0, 100.0, 200.0, 500.0})
      if (candidate > factor) { next = candidate; break; }
    advice = next > 0 ? "try x" + format_number(next) : std::string("knock a unit off the data instead");
  }
  return " \xE2\x80\x94 no unit left the data: the closest, " + prefix + unit_label(layer, unit) + ", still has z > 0 on " +
         std::to_string(active_count) + " of " + std::to_string(points) + " points; " + advice;
}

std::string narrate_fork(std::size_t twins, std::int64_t step, const std::string& names) {
  return "forked " + std::to_string(twins) + " twins at step " + std::to_string(step) + ": " + names;
}

std::string narrate_reinit(int units, std::int64_t step) {
  return "re-initialized " + std::to_string(units) + " unit" + (units == 1 ? "" : "s") + " with k = 0 at step " +
         std::to_string(step);
}

std::string narrate_rewind(std::int64_t step) { return "rewound to step " + std::to_string(step); }
std::string narrate_back_to_live(std::int64_t step) { return "back to step " + std::to_string(step) + ", where training was"; }

}  // namespace relulab::core
