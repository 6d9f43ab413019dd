// settings_panel.h — the scene's settings as widgets (data, network, initialisation, training). Reads the
// session's config through the config codec (the same keys as the URL) and returns SetCommands; changing a
// setting restarts the scene, exactly as a link with that key would.
#pragma once

#include <vector>

#include "core/commands.h"
#include "core/session.h"

namespace relulab::ui {

void draw_settings(const core::SessionConfig& config, std::vector<core::Command>& out);

}  // namespace relulab::ui
