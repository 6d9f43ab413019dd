// snapshot.h — what a view may read in one frame: the session (const), the app's own state, and text
// for the narration and banners. Views never mutate it; they return core::Command values instead.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lesson.h"
#include "core/session.h"

namespace relulab::ui {

struct Snapshot {
  const core::Session* session = nullptr;
  const core::Lesson* lesson = nullptr;   // the lesson on screen, if any
  std::uint64_t data_generation = 0;   // changes whenever the data set is rebuilt (reset, new config)
  bool playing = false;
  int steps_per_frame = 1;
  std::string narration;               // latest event in words
  std::string banner;                  // an error the learner should see (bad URL value, diverged twin, ...)
  float content_scale = 1.0f;          // device pixels per CSS/logical pixel
  double core_ms = 0;                  // time the last frame spent in training + census
  int selected_layer = -1;             // the unit the learner selected (SelectUnitCommand), -1 none
  int selected_unit = -1;
  bool embed = false;                  // embed=1: no chrome, only the chosen controls
  std::vector<std::string> controls;   // visible controls (empty: all of them)
  bool shows(const char* control) const {
    if (controls.empty()) return true;
    for (const auto& c : controls)
      if (c == control) return true;
    return false;
  }
};

}  // namespace relulab::ui
