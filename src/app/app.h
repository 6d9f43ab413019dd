// app.h — owns the session and the frame: applies commands (from the view, the keyboard, the page),
// steps training while playing, and publishes the snapshot views read and the JSON state the page reads.
// A scene is a session config plus page options (embed mode, visible controls, lesson), read from a URL
// query. Knows nothing of GLFW or emscripten; the platform layer drives it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands.h"
#include "core/lesson.h"
#include "core/session.h"
#include "ui/snapshot.h"

namespace relulab::app {

// The Kick button's preset outside lessons with a kick of their own: on the default scene it kills at least
// one unit after step 50 in most seeds (docs/experiments.md; x10 on the current batch almost never did).
inline const core::KickCommand kFreePlayKick{20, core::KickBatch::Outlier};

// The scene the lab opens on without a lesson: 2-D circle data, one hidden layer of 8 ReLU units,
// sigmoid + cross-entropy, SGD.
core::SessionConfig default_config();

// The lab allocates its rewind history up front, so it caps what a page may ask for: a bigger
// history_bytes is reset to the default and the reason added to *banner.
void limit_for_the_lab(core::SessionConfig& config, std::string& banner);

// What became of a command: ok, or refused with a sentence saying why (nothing changed then).
struct Result {
  bool ok = true;
  std::string error;
};

class App {
 public:
  // query: the page's URL query ("lesson=kill-shot&lr=0.3&embed=1"); bad values become a banner and
  // fall back to the default for that key only.
  explicit App(std::string_view query = {});

  // The one way a command reaches the session, whoever sent it (view, keyboard, window.relulab.command,
  // postMessage): validated first (a bad setting gets the message a bad URL value gets), then applied.
  Result apply(const core::Command& command);
  // Parses a JSON command and applies it through apply().
  Result apply_json(std::string_view json);
  // A refusal the learner should see: shown in the banner until the scene changes.
  void show_refusal(const std::string& error);

  void advance_frame();                      // steps_per_frame steps while playing; measures core time
  // Copies what the views draw out of the session (only after it changed; buffers are reused once no
  // earlier snapshot holds them). While playing, the time it takes is added to core_ms.
  ui::Snapshot snapshot(float content_scale);
  std::string state_json() const;            // what window.relulab.state() returns
  std::string link_query() const;            // the query that reproduces this scene
  std::string banner() const;                // URL problems and stopped twins, for the learner
  bool take_link_request();                  // true once after CopyLinkCommand
  bool take_open_file_request();             // true once after OpenDataFileCommand (the platform shows a picker)
  // The file an ExportCommand asked for, once: false when none is pending. PNG is the platform's to take
  // (it owns the pixels): *kind says which, *text holds the contents of the others.
  bool take_export(core::ExportKind* kind, std::string* filename, std::string* text);
  std::string export_text(core::ExportKind kind) const;  // census CSV, weights JSON or data CSV
  // Events since the last call, as a JSON array for the page ([{"type":"unitDied","step":…,…}, …]).
  std::string take_events_json();
  const core::Session& session() const { return session_; }
  bool background() const { return background_; }  // URL background=1: keep training off screen

 private:
  static std::shared_ptr<const std::vector<ui::LessonEntry>> lesson_menu();
  Result check(const core::Command& command) const;  // why apply() would refuse it, if it would
  void restart();                            // a new session from session_config(), step 0, paused
  core::SessionConfig session_config() const;  // config_, with an embed's smaller history (page_options.cpp)
  void advance(std::int64_t steps);          // steps through the lesson script (scripted events fire)
  void handle_fired(const std::vector<core::ScriptedEvent>& fired);
  bool load_lesson(std::string_view id, std::string* error);
  std::string narrate_new_events();          // queues new events for the page; returns their sentence
  void narrate(const std::string& text);     // the narration line, and a narration event for the page
  void run_check(const core::CheckCommand& command);
  void refresh_lab();                        // lab_ = the session's values now


  core::SessionConfig config_;
  core::Session session_;
  std::optional<core::Lesson> lesson_;
  core::LessonScript script_;
  core::LessonScript live_script_;  // the script as it was before a rewind that kept the future
  core::KickCommand kick_ = kFreePlayKick;   // the Kick button's preset: the lesson's first kick, if any
  bool embed_ = false;
  bool background_ = false;                  // background=1: the page does not suspend it off screen
  bool history_in_url_ = false;              // the URL set the history size (an embed then keeps it)
  std::vector<std::string> controls_;        // visible controls in embed mode (empty: all)
  std::string banner_;                       // problems with the URL, shown until the scene changes
  std::string refusal_;                      // the last refused view command, shown until the scene changes
  std::uint64_t data_generation_ = 1;
  bool playing_ = false;
  int steps_per_frame_ = 2;
  int selected_layer_ = -1, selected_unit_ = -1;
  std::uint64_t events_seen_ = 0;            // Session::events_recorded() at the last look
  std::vector<core::Event> pending_events_;  // for the page, until take_events_json (bounded)
  std::string narration_;
  double core_ms_ = 0;
  std::uint64_t revision_ = 1;               // bumped whenever the session may have changed
  std::uint64_t lab_revision_ = 0;           // the revision lab_ holds
  std::uint64_t lab_data_generation_ = 0;    // the data_generation_ data_ holds
  std::shared_ptr<ui::LabState> lab_;        // the views' copy of the session (see snapshot())
  std::shared_ptr<const core::Dataset> data_;
  bool link_requested_ = false;
  std::optional<core::ExportKind> export_requested_;
  bool open_file_requested_ = false;
  std::vector<std::string> pending_app_events_;  // JSON objects the app itself reports (lessonCheck, lessonPassed)
  std::vector<std::string> passed_lessons_;  // ids whose check passed in this page session (progress)
  ui::LessonCheckView last_check_;           // the card's last check result (for lesson last_check_.lesson)
};

}  // namespace relulab::app
