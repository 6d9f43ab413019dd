// platform_state.h — the one platform-wide state the frame loop (main.cpp) and the JS bridge (js_bridge.cpp)
// share: the window, the app, the view and the strings behind pointers handed to JavaScript. Holds no logic.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "ui/lab_view.h"

struct GLFWwindow;

namespace relulab::platform {

struct Options {
  int frames = -1;                 // stop after this many frames (desktop), -1 = until closed
  std::string screenshot;          // write the last frame here (.png or .ppm)
  bool play = false;
  bool frame_times = false;        // with --frames: print the median time between presented frames
  std::string query;               // the scene, as a URL query (lesson=..., lr=..., embed=1, ...)
  int width = 1280, height = 800;
};

struct State {
  GLFWwindow* window = nullptr;
  std::unique_ptr<app::App> app;
  ui::LabView view;
  long long frame_count = 0;
  std::string state_text;          // storage behind relulab_state()'s pointer
  std::string command_error;       // storage behind relulab_command()'s pointer
  std::string events_text;         // storage behind relulab_take_events()'s pointer
  std::string layout_text;         // storage behind relulab_layout()'s pointer
  std::string export_text;         // storage behind relulab_export()'s pointer
  std::string page_text;           // storage behind relulab_page()'s pointer
  Options options;
  bool screenshot_failed = false;
  std::vector<double> presented;   // glfwGetTime() after each swap, with --frame-times
  // Render on demand (web): the main loop stops once nothing changes and is woken by input, a command or
  // a resize (web/lab.js calls relulab_wake); a suspended scene (off screen, hidden tab) stays stopped.
  double awake_until_ms = 0;       // keep drawing until then (emscripten_get_now() milliseconds)
  bool loop_paused = false;        // emscripten_pause_main_loop is in effect
  bool suspended = false;          // off screen or in a hidden tab: no training, no drawing
};
extern State g_state;  // defined in main.cpp

// Lets the core read real data sets when a scene asks (data_source.cpp): files on the desktop, data/ in the page.
void install_data_source();
// Web only (main.cpp): keep the loop running for a little while (input, command, resize), and stop or
// restart it for a scene that left or came back into view. No-ops on the desktop.
void wake_loop();
void suspend_loop(bool suspended);

}  // namespace relulab::platform
