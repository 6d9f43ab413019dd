// lesson_text.cpp — the sentences of the lesson check (lesson_text.h).
#include "core/lesson_text.h"

#include "core/activations.h"

#include <cstdio>

namespace relulab::core::lesson_detail {

namespace {

std::string count_text(double v, const char* one, const char* many) {
  return short_number(v) + " " + (v == 1 ? one : many);
}

}  // namespace

std::string subject(const Expectation& e, const std::string& variant, const std::string& twin_label, int layer,
                    const std::vector<int>& units) {
  std::string text = variant.empty() ? "" : "[" + variant + "] ";
  text += twin_label;
  const bool per_unit = e.measure != Measure::Loss && e.measure != Measure::TestAccuracy && e.measure != Measure::Diverged &&
                        e.measure != Measure::DeadLayers;
  if (!per_unit) return text;
  if (!units.empty()) {
    text += ", unit";
    text += units.size() > 1 ? "s " : " ";
    for (std::size_t i = 0; i < units.size(); ++i) {
      text += (i ? ", " : "") + std::to_string(layer) + "." + std::to_string(units[i] + 1);
    }
  } else {
    text += layer == 0 ? ", all layers" : ", layer " + std::to_string(layer);
  }
  return text;
}

std::string measure_text(const Expectation& e, double value, int base, std::int64_t at, std::int64_t from, std::int64_t to) {
  const std::string step_at = "at step " + std::to_string(at);
  switch (e.measure) {
    case Measure::Dead: return count_text(value, "dead unit ", "dead units ") + step_at;
    case Measure::Off: return count_text(value, "unit", "units") + " off the data (k = 0) " + step_at;
    case Measure::DeadLayers: return count_text(value, "hidden layer", "hidden layers") + " with every unit off the data " + step_at;
    case Measure::Loss: return "training loss " + short_number(value) + " " + step_at;
    case Measure::TestAccuracy: return "test accuracy " + short_number(100 * value) + "% " + step_at;
    case Measure::Diverged: return (value > 0 ? "diverged by step " : "did not diverge by step ") + std::to_string(at);
    case Measure::Died:
      return short_number(value) + " of " + std::to_string(base) + " units on the data at step " + std::to_string(from) +
             " were off it at step " + std::to_string(to);
    case Measure::Revived:
      return short_number(value) + " of " + std::to_string(base) + " units off the data at step " + std::to_string(from) +
             " were back on it (k > 0) at step " + std::to_string(to);
    case Measure::Moved:
      return short_number(value) + " of " + std::to_string(base) + " units off the data at step " + std::to_string(from) +
             " had changed weights at step " + std::to_string(to);
  }
  return "";
}

std::string needed_text(const Expectation& e) {
  if (e.measure == Measure::Diverged && e.max && *e.max < 1 && !e.min) return "no divergence";
  if (e.measure == Measure::Diverged && e.min && *e.min > 0 && !e.max) return "a divergence";
  // an accuracy reads as a percentage, as measure_text writes it
  auto num = [&e](double v) { return e.measure == Measure::TestAccuracy ? short_number(100 * v) + "%" : short_number(v); };
  std::string text;
  if (e.min && e.max) text = *e.min == *e.max ? "exactly " + num(*e.min) : "between " + num(*e.min) + " and " + num(*e.max);
  else if (e.min) text = "at least " + num(*e.min);
  else if (e.max) text = "at most " + num(*e.max);
  return text;
}

std::string twin_word(const std::string& label, const std::string& requested) {
  if (requested == "*") return "every twin";
  return label.empty() ? "twin " + requested : label;
}

}  // namespace relulab::core::lesson_detail
