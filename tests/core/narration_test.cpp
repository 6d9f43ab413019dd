// narration_test.cpp — the sentence for a batch of events: grouped per step, every event said once.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/narration.h"
#include "core/types.h"

using namespace relulab::core;

namespace {
Event death(std::int64_t step, int unit, bool dead = true, const std::string& prefix = "") {
  return {step, EventKind::Death, 0, 0, unit, narrate_death(prefix, 0, unit, dead, step, dead ? 0 : 3, 200)};
}
}  // namespace

TEST_CASE("narrate_batch: one event reads as its own sentence; none reads as nothing") {
  CHECK(narrate_batch({}).empty());
  CHECK(narrate_batch({death(101, 2)}) == "unit 1.3 died at step 101 (0/200 active)");
}

TEST_CASE("narrate_batch: the deaths of one step are one group naming every unit") {
  const std::vector<Event> kick = {
      {101, EventKind::Kick, -1, -1, -1, narrate_kick(5, KickBatch::Outlier, 101)},
      death(101, 3), death(101, 7), death(101, 8), death(101, 12)};
  CHECK(narrate_batch(kick) == "step 101: kick x5 on an outlier batch; 4 units died \u2014 1.4, 1.8, 1.9, 1.13");
}

TEST_CASE("narrate_batch: deaths, inactivity and twins are separate groups; steps are separate sentences") {
  const std::vector<Event> events = {death(40, 0, true, "[relu] "), death(40, 1, true, "[relu] "),
                                     death(40, 2, true, "[elu] "), death(40, 4, false, "[relu] "),
                                     death(41, 5)};
  CHECK(narrate_batch(events) ==
        "step 40: [relu] 2 units died \u2014 1.1, 1.2; [elu] unit 1.3 died; [relu] unit 1.5 went inactive. "
        "unit 1.6 died at step 41 (0/200 active)");
  CHECK(narrate_batch({death(0, 0), death(0, 1)}) == "step 0: 2 units are dead at initialization \u2014 1.1, 1.2");
}

TEST_CASE("narrate_batch: after kMaxNarratedSteps steps the rest is counted") {
  std::vector<Event> events;
  for (int step = 1; step <= static_cast<int>(kMaxNarratedSteps) + 3; ++step) events.push_back(death(step, 0));
  const std::string text = narrate_batch(events);
  CHECK(text.find("at step 8 ") != std::string::npos);
  CHECK(text.find("at step 9 ") == std::string::npos);
  const std::string tail = ". And 3 more events (see the timeline)";
  CHECK(text.substr(text.size() - tail.size()) == tail);
}

TEST_CASE("append_sentence: a full stop between sentences, never two") {
  std::string text = "kick x5 at step 100";
  append_sentence(text, "Look at the strips.");
  append_sentence(text, "");
  append_sentence(text, "Now train.");
  CHECK(text == "kick x5 at step 100. Look at the strips. Now train.");
}
