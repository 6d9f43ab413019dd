// snapshot.h — what a view may read in one frame: values the app copied out of the session (census,
// weights, timeline, events, config, data), the app's own state, and text for the narration and banners.
// Views never mutate it and cannot reach core::Session; they return core::Command values instead.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/types.h"
#include "ui/controls.h"

namespace relulab::ui {

// The result of the last check of the lesson on screen (CheckCommand), as the card words it.
struct LessonCheckView {
  std::string lesson;                  // "" = none yet
  bool passed = false;
  int seeds = 0;                       // how many seeds it ran
  std::vector<std::string> lines;      // the verdict, then one line per claim counted over seeds
};

// The lesson on screen, as the card shows it.
struct LessonCard {
  std::string id, title, text;
  std::vector<std::string> notice;
  LessonCheckView check;               // the last check of this scene (lesson "" when none)
};

// One entry of the lesson picker.
struct LessonEntry {
  std::string id, title;
};

// One twin as the views draw it: copies of the session's census, weights and timeline.
struct TwinView {
  core::TwinCensus census;                    // as of the last step
  std::vector<core::LayerWeights> weights;    // hidden layers, then the output layer
  std::vector<core::TimelinePoint> timeline;  // every recorded point, the kept future too (steps > step)
};

// The session's state in one frame, copied by the app (shared and immutable once published).
struct LabState {
  std::int64_t step = 0;                      // Session::step_count()
  std::int64_t history_begin = 0;             // oldest step a rewind can reach
  std::int64_t live_step = 0;                 // > step: the learner rewound and the future up to it is kept
  core::SessionConfig config;                 // the config the session uses (clamped)
  std::vector<TwinView> twins;                // >= 1
  std::vector<core::Event> events;            // the session's bounded event list, oldest first
};

struct Snapshot {
  std::shared_ptr<const LabState> lab;          // null: nothing to draw
  std::shared_ptr<const core::Dataset> data;    // the data set; a new one whenever data_generation changes
  int twin_count() const { return lab ? static_cast<int>(lab->twins.size()) : 0; }
  const TwinView& twin(int t) const { return lab->twins[static_cast<size_t>(t)]; }
  std::optional<LessonCard> lesson;    // the lesson on screen, if any
  std::shared_ptr<const std::vector<LessonEntry>> lesson_menu;  // the built-in lessons, in teaching order
  std::vector<std::string> passed_lessons;  // ids whose check passed in this page session
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
