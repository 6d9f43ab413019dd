// settings_panel.h — the scene's settings as widgets (data, network, initialisation, training). Reads the
// session's config through the config codec (the same keys as the URL) and returns SetCommands; changing a
// setting restarts the scene, exactly as a link with that key would.
#pragma once

#include <string>
#include <vector>

#include "core/commands.h"
#include "core/types.h"

namespace relulab::ui {

// The edit in progress: a slider or text field keeps its own value until the learner lets go.
struct SettingsPanelState {
  std::string slider_key;        // the slider being dragged ("" none) and its value
  float slider_value = 0;
  std::string text_key;          // the text field being edited ("" none) and its text
  char text_buffer[64] = "";
};

void draw_settings(const core::SessionConfig& config, SettingsPanelState& state, std::vector<core::Command>& out);

}  // namespace relulab::ui
