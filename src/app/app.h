// app.h — owns the session and the frame: applies commands (from the view, the keyboard, the page),
// steps training while playing, and publishes the snapshot views read and the JSON state the page reads.
// Knows nothing of GLFW or emscripten; the platform layer drives it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/commands.h"
#include "core/session.h"
#include "ui/snapshot.h"

namespace relulab::app {

// The scene the lab opens on: 2-D circle data, one hidden layer of 8 ReLU units, sigmoid + cross-entropy.
core::SessionConfig default_config();

class App {
 public:
  explicit App(const core::SessionConfig& config = default_config());

  void apply(const core::Command& command);
  // Parses and applies a JSON command; false and *error when it was refused (nothing changed then).
  bool apply_json(std::string_view json, std::string* error);

  void advance_frame();                      // steps_per_frame steps while playing; measures core time
  ui::Snapshot snapshot(float content_scale) const;
  std::string state_json() const;            // what window.relulab.state() returns
  const core::Session& session() const { return session_; }

 private:
  void narrate_new_events();

  core::SessionConfig config_;
  core::Session session_;
  std::uint64_t data_generation_ = 1;
  bool playing_ = false;
  int steps_per_frame_ = 2;
  double kick_factor_ = 10;
  int selected_layer_ = -1, selected_unit_ = -1;
  std::size_t narrated_events_ = 0;
  std::string narration_;
  double core_ms_ = 0;
};

}  // namespace relulab::app
