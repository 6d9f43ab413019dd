// snapshot.h — what a view may read in one frame: the session (const), the app's own state, and text
// for the narration and banners. Views never mutate it; they return core::Command values instead.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/lesson.h"
#include "core/session.h"
#include "ui/controls.h"

namespace relulab::ui {

// The lesson on screen, as the card shows it.
struct LessonCard {
  std::string id, title, text;
  std::vector<std::string> notice;
};

// One entry of the lesson picker.
struct LessonEntry {
  std::string id, title;
};

struct Snapshot {
  const core::Session* session = nullptr;
  std::optional<LessonCard> lesson;    // the lesson on screen, if any
  std::shared_ptr<const std::vector<LessonEntry>> lesson_menu;  // the built-in lessons, in teaching order
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
  ControlSet controls;                 // visible controls (a lesson's list, or the URL's, else all)
  bool shows(Control control) const { return controls.shows(control); }
  // the Kick button's settings: the lesson's own kick when it has one, else x10 on the current batch
  double kick_factor = 10;
  core::KickBatch kick_batch = core::KickBatch::Current;
};

}  // namespace relulab::ui
