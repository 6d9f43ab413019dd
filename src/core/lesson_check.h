// lesson_check.h — the headless verification of a lesson: every seed runs the lesson (and the variants its
// expectations name) through the lesson driver, measures what the "check" block asks and words each verdict;
// the seeds combine into a pass or fail. lesson_check_json() is the one JSON form of the result (the CLI's
// `lessons check --json` and the page's {"cmd": "check"} reply). Does not parse files (lesson_file.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/json_value.h"
#include "core/lesson_file.h"

namespace relulab::core {

struct ExpectationResult {
  bool passed = false;
  bool counted_over_seeds = false;
  double value = 0;          // the measure (for several twins: the one that decided)
  std::string subject;       // what was measured, e.g. "[lr-0.1] relu, layer 1"
  std::string sentence;      // e.g. "relu twin, layer 1: 3 units died between step 100 and step 101 (needed at least 2)"
};

struct SeedResult {
  std::uint64_t seed = 0;
  bool passed = false;       // every per-seed expectation held
  std::string sentence;      // "seed 4 passed: ..." / "seed 4 failed: ...; held: ..."
  std::vector<ExpectationResult> expectations;  // one per Expectation, in order
};

struct LessonCheck {
  std::string lesson;
  std::vector<SeedResult> seeds;
  std::vector<ExpectationResult> over_seeds;  // one per counted-over-seeds expectation
  int passed_seeds = 0;
  int required_seeds = 0;
  bool passed = false;
  std::string summary;       // "kill-shot: 10 of 10 seeds passed (8 required)"
};

// Runs one seed (every variant it needs) and evaluates every expectation.
SeedResult check_lesson_seed(const Lesson& lesson, std::uint64_t seed);
// Combines per-seed results (e.g. computed on several threads) into the verdict.
LessonCheck combine_seed_results(const Lesson& lesson, std::vector<SeedResult> seeds);
// check_lesson_seed over `seeds` (empty: the lesson's own), then combine_seed_results. A lesson without a check
// fails with a summary saying so.
LessonCheck check_lesson(const Lesson& lesson, const std::vector<std::uint64_t>& seeds = {});

// {"lesson", "passed", "passed_seeds", "required_seeds", "summary", "seeds": [{"seed", "passed", "sentence"}],
//  "over_seeds": [{"passed", "value", "sentence"}]}
JsonValue lesson_check_json(const LessonCheck& check);

}  // namespace relulab::core
