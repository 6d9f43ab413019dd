// fuzz_check.h — shared by the libFuzzer targets in tests/fuzz: an invariant check that aborts with a message
// (libFuzzer then saves the input as a crash), and the "what a renderer reads is finite" check of a Session.
// Does not parse anything itself.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/data_library.h"
#include "core/session.h"

// Aborts (a libFuzzer finding) when `condition` is false, printing the invariant and `detail`.
#define FUZZ_CHECK(condition, detail)                                                                 \
  do {                                                                                                 \
    if (!(condition)) {                                                                                \
      std::fprintf(stderr, "invariant failed at %s:%d: %s\n  %s\n", __FILE__, __LINE__, #condition,   \
                   std::string(detail).c_str());                                                       \
      std::abort();                                                                                    \
    }                                                                                                  \
  } while (false)

// Like FUZZ_CHECK for a finding that is known and reported but not fixed yet: when the environment variable
// RELULAB_FUZZ_KNOWN lists `finding` (comma-separated), the first violation is printed and the run goes on, so a
// long run can look for other problems; otherwise it aborts like FUZZ_CHECK.
#define FUZZ_EXPECT(condition, finding, detail)                                                       \
  do {                                                                                                 \
    if (!(condition)) {                                                                                \
      if (!relulab::fuzz::tolerated(finding, #condition, std::string(detail))) FUZZ_CHECK(condition, detail); \
    }                                                                                                  \
  } while (false)

namespace relulab::fuzz {

// The real data sets (digits, iris, ...) come from files the fuzzers do not have: every target gets a small
// stand-in table for each (12 rows, 3 inputs, 3 classes), so a fuzzed config naming one is a valid scene that
// trains, and the real-data path of make_dataset is fuzzed too.
inline const bool kStandInData = [] {
  core::set_data_source([](std::string_view, std::string*) -> std::optional<std::string> {
    std::string csv = "a,b,c,y\n";
    for (int i = 0; i < 12; ++i) {
      csv += std::to_string(i % 5) + "," + std::to_string(i * 0.25 - 1) + "," + std::to_string(-i) + "," + std::to_string(i % 3) + "\n";
    }
    return csv;
  });
  return true;
}();

// True (after printing the first occurrence) when `finding` is listed in RELULAB_FUZZ_KNOWN.
inline bool tolerated(const char* finding, const char* condition, const std::string& detail) {
  const char* known = std::getenv("RELULAB_FUZZ_KNOWN");
  if (!known) return false;
  const std::string list = std::string(",") + known + ",";
  if (list.find(std::string(",") + finding + ",") == std::string::npos) return false;
  static std::string reported;
  if (reported.find(std::string(",") + finding + ",") == std::string::npos) {
    reported += std::string(",") + finding + ",";
    std::fprintf(stderr, "known finding '%s' (tolerated): %s\n  %s\n", finding, condition, detail.c_str());
  }
  return true;
}

// A message a person can act on: not empty, one line.
inline bool readable_message(std::string_view message) {
  return !message.empty() && message.find('\n') == std::string_view::npos;
}

// Everything the views draw from a session (census, weights, timeline) is finite, for every twin, stopped or
// not; a stopped twin says why.
inline void check_session_finite(const core::Session& session) {
  using core::Scalar;
  auto finite = [](Scalar v) { return std::isfinite(v); };
  for (int t = 0; t < session.twin_count(); ++t) {
    const core::TwinCensus& census = session.census(t);
    const std::string where = "twin " + std::to_string(t) + " (" + census.activation + ")";
    FUZZ_CHECK(!census.diverged || !census.diverged_reason.empty(), where);
    FUZZ_CHECK(finite(census.train_loss) && finite(census.test_loss), where + " loss");
    FUZZ_CHECK(finite(census.train_accuracy) && finite(census.test_accuracy), where + " accuracy");
    for (const core::LayerCensus& layer : census.layers) {
      FUZZ_CHECK(finite(layer.z_lo) && finite(layer.z_hi) && finite(layer.dead_fraction), where + " layer");
      for (const core::UnitCensus& unit : layer.units) {
        // census-overflow: norms and sums of finite but huge values overflow to inf (docs/reliability.md).
        FUZZ_EXPECT(finite(unit.z_min) && finite(unit.z_max) && finite(unit.z_mean), "census-overflow", where + " unit z");
        FUZZ_EXPECT(finite(unit.grad_norm) && finite(unit.margin), "census-overflow", where + " unit gradient/margin");
      }
    }
    for (const core::LayerWeights& layer : session.weights(t)) {
      FUZZ_CHECK(layer.w.allFinite() && layer.b.allFinite() && layer.prelu_alpha.allFinite(), where + " weights");
    }
    for (const core::TimelinePoint& point : session.timeline(t)) {
      FUZZ_CHECK(finite(point.train_loss), where + " timeline loss at step " + std::to_string(point.step));
      for (Scalar fraction : point.dead_fraction) FUZZ_CHECK(finite(fraction), where + " timeline dead fraction");
    }
  }
  FUZZ_CHECK(session.history_bytes() <= session.config().history_bytes, "history over its cap");
}

}  // namespace relulab::fuzz
