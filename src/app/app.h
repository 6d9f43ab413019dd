// app.h — owns the session and the frame: applies commands (from the view, the keyboard, the page),
// steps training while playing, and publishes the snapshot views read and the JSON state the page reads.
// A scene is a session config plus page options (embed mode, visible controls, lesson), read from a URL
// query. Knows nothing of GLFW or emscripten; the platform layer drives it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands.h"
#include "core/lesson.h"
#include "core/session.h"
#include "ui/snapshot.h"

namespace relulab::app {

// The scene the lab opens on without a lesson: 2-D circle data, one hidden layer of 8 ReLU units,
// sigmoid + cross-entropy, SGD.
core::SessionConfig default_config();

class App {
 public:
  // query: the page's URL query ("lesson=kill-shot&lr=0.3&embed=1"); bad values become a banner and
  // fall back to the default for that key only.
  explicit App(std::string_view query = {});

  void apply(const core::Command& command);
  // Parses and applies a JSON command; false and *error when it was refused (nothing changed then).
  bool apply_json(std::string_view json, std::string* error);

  void advance_frame();                      // steps_per_frame steps while playing; measures core time
  ui::Snapshot snapshot(float content_scale) const;
  std::string state_json() const;            // what window.relulab.state() returns
  std::string link_query() const;            // the query that reproduces this scene
  std::string banner() const;                // URL problems and stopped twins, for the learner
  bool take_link_request();                  // true once after CopyLinkCommand
  // The file an ExportCommand asked for, once: false when none is pending. PNG is the platform's to take
  // (it owns the pixels): *kind says which, *text holds the contents of the others.
  bool take_export(core::ExportKind* kind, std::string* filename, std::string* text);
  std::string export_text(core::ExportKind kind) const;  // census CSV, weights JSON or data CSV
  // Events since the last call, as a JSON array for the page ([{"type":"unitDied","step":…,…}, …]).
  std::string take_events_json();
  const core::Session& session() const { return session_; }

 private:
  void restart();                            // a new session from config_, step 0, paused
  void advance(std::int64_t steps);          // steps through the lesson script (scripted events fire)
  void handle_fired(const std::vector<core::ScriptedEvent>& fired);
  bool load_lesson(std::string_view id, std::string* error);
  void narrate_new_events();
  void run_check();

  core::SessionConfig config_;
  core::Session session_;
  std::optional<core::Lesson> lesson_;
  core::LessonScript script_;
  bool embed_ = false;
  std::vector<std::string> controls_;        // visible controls in embed mode (empty: all)
  std::string banner_;                       // problems with the URL, shown until the scene changes
  std::uint64_t data_generation_ = 1;
  bool playing_ = false;
  int steps_per_frame_ = 2;
  int selected_layer_ = -1, selected_unit_ = -1;
  std::uint64_t events_seen_ = 0;            // Session::events_recorded() at the last look
  std::vector<core::Event> pending_events_;  // for the page, until take_events_json (bounded)
  std::string narration_;
  double core_ms_ = 0;
  bool link_requested_ = false;
  std::optional<core::ExportKind> export_requested_;
  std::vector<std::string> pending_app_events_;  // JSON objects the app itself reports (lessonCheck)
};

}  // namespace relulab::app
