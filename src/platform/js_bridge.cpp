// js_bridge.cpp — the C functions window.relulab (web/lab.js) calls on the web build: state, commands,
// layout, text exports, touch gestures and events. Each forwards to the app or the view in g_state and keeps
// the returned text alive in g_state until the next call. Built only by emscripten; no logic of its own.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "platform/platform_state.h"

using relulab::platform::g_state;

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* relulab_state() {
  g_state.state_text = g_state.app->state_json();
  return g_state.state_text.c_str();
}
// Applies a JSON command; returns "" when applied, else a sentence saying why it was refused.
EMSCRIPTEN_KEEPALIVE const char* relulab_command(const char* json) {
  g_state.command_error = g_state.app->apply_json(json ? json : "").error;
  return g_state.command_error.c_str();
}
// Where the views were drawn in the last frame, in CSS pixels (LabView::layout_json): for tests that
// drive the lab with a real mouse.
EMSCRIPTEN_KEEPALIVE const char* relulab_layout() {
  g_state.layout_text = g_state.view.layout_json();
  return g_state.layout_text.c_str();
}
// The text exports (0 census CSV, 1 weights JSON, 2 data CSV), for window.relulab.exportText().
EMSCRIPTEN_KEEPALIVE const char* relulab_export(int kind) {
  const relulab::core::ExportKind kinds[] = {relulab::core::ExportKind::Census, relulab::core::ExportKind::Weights,
                                             relulab::core::ExportKind::Data};
  g_state.export_text = g_state.app->export_text(kinds[kind >= 0 && kind < 3 ? kind : 0]);
  return g_state.export_text.c_str();
}
// Two-finger pan/zoom from web/lab.js, in framebuffer pixels (see LabView::gesture).
EMSCRIPTEN_KEEPALIVE void relulab_gesture(float x, float y, float scale, float dx, float dy) {
  g_state.view.gesture(x, y, scale, dx, dy);
}
// The learner's CSV file (window.relulab.loadData, a dropped file, the loadData message): "" when the scene
// restarted on it, else the sentence naming the line and column of the first problem (nothing changed).
EMSCRIPTEN_KEEPALIVE const char* relulab_load_csv(const char* csv) {
  const relulab::app::Result result = g_state.app->apply(relulab::core::LoadDataCommand{csv ? csv : ""});
  if (!result.ok) g_state.app->show_refusal(result.error);
  g_state.command_error = result.error;
  return g_state.command_error.c_str();
}
// Events since the last call as a JSON array (see App::take_events_json).
EMSCRIPTEN_KEEPALIVE const char* relulab_take_events() {
  g_state.events_text = g_state.app->take_events_json();
  return g_state.events_text.c_str();
}
}
#endif
