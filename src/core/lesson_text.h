// lesson_text.h — internal to the lesson check (not for other layers): the words of its sentences, e.g.
// "relu, layer 1: 3 of 12 units on the data at step 100 were off it at step 101 (needed at least 2)".
// Does not measure or decide anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lesson_file.h"

namespace relulab::core::lesson_detail {

// What was measured: "[variant] twin, layer 1" or "..., units 1.2, 1.3" (per-unit measures only).
std::string subject(const Expectation& e, const std::string& variant, const std::string& twin_label, int layer,
                    const std::vector<int>& units);
std::string measure_text(const Expectation& e, double value, int base, std::int64_t at, std::int64_t from, std::int64_t to);
std::string needed_text(const Expectation& e);  // "at least 2", "no divergence", ...
std::string twin_word(const std::string& label, const std::string& requested);

}  // namespace relulab::core::lesson_detail
