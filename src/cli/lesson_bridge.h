// lesson_bridge.h — the CLI's view of the lesson set (core/lesson.h): a lesson as a RunPlan for `run --lesson`,
// the list for `lessons`, and the headless check of every verification predicate for `lessons check`.
#pragma once

#include <string>
#include <vector>

#include "cli/experiment.h"

namespace relulab::cli {

// "" or a sentence (unknown id, with the valid ids).
std::string plan_from_lesson(const std::string& id, RunPlan* plan);

}  // namespace relulab::cli
