// js_bridge.cpp — the C functions window.relulab (web/lab.js) calls on the web build: state, commands,
// layout, text exports, touch gestures and events. Each forwards to the app or the view in g_state and keeps
// the returned text alive in g_state until the next call. Built only by emscripten; no logic of its own.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include "core/json_value.h"
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
// Render on demand: input, a command or a resize keeps the loop drawing for a moment (web/lab.js).
EMSCRIPTEN_KEEPALIVE void relulab_wake() { relulab::platform::wake_loop(); }
// 1: the scene left the screen or its tab was hidden (no training, no drawing); 0: it came back.
EMSCRIPTEN_KEEPALIVE void relulab_suspend(int suspended) { relulab::platform::suspend_loop(suspended != 0); }
// 1 when the URL asked the scene to keep training off screen (background=1).
EMSCRIPTEN_KEEPALIVE int relulab_background() { return g_state.app->background() ? 1 : 0; }
// What the page's HTML panel shows (web/lab.js): {"embed", "background", "lesson": {id, title, text,
// notice: [...]} or null, "menu": [{id, title}], "controls": {"play": true, ...}, "kick": {factor, batch}}
// — the lesson card, the picker, the visible controls and the Kick preset, as the top bar has them.
EMSCRIPTEN_KEEPALIVE const char* relulab_page() {
  using relulab::core::JsonValue;
  const relulab::ui::Snapshot s = g_state.app->snapshot(1.0f);
  JsonValue page = JsonValue::object();
  page.set("embed", JsonValue::boolean(s.embed));
  page.set("background", JsonValue::boolean(g_state.app->background()));
  if (s.lesson) {
    JsonValue lesson = JsonValue::object();
    lesson.set("id", JsonValue::string(s.lesson->id));
    lesson.set("title", JsonValue::string(s.lesson->title));
    lesson.set("text", JsonValue::string(s.lesson->text));
    JsonValue notice = JsonValue::array();
    for (const std::string& line : s.lesson->notice) notice.push(JsonValue::string(line));
    lesson.set("notice", notice);
    page.set("lesson", lesson);
  } else {
    page.set("lesson", JsonValue());
  }
  JsonValue menu = JsonValue::array();
  if (s.lesson_menu)
    for (const relulab::ui::LessonEntry& entry : *s.lesson_menu) {
      JsonValue item = JsonValue::object();
      item.set("id", JsonValue::string(entry.id));
      item.set("title", JsonValue::string(entry.title));
      menu.push(item);
    }
  page.set("menu", menu);
  JsonValue controls = JsonValue::object();
  for (std::size_t i = 0; i < relulab::ui::kControlCount; ++i)
    controls.set(relulab::ui::kControlNames[i], JsonValue::boolean(s.controls.shows(static_cast<relulab::ui::Control>(i))));
  page.set("controls", controls);
  JsonValue kick = JsonValue::object();  // the Kick button's preset (the lesson's own kick, if any)
  kick.set("factor", JsonValue::number(s.kick_factor));
  kick.set("batch", JsonValue::string(s.kick_batch == relulab::core::KickBatch::Outlier ? "outlier" : "current"));
  page.set("kick", kick);
  g_state.page_text = relulab::core::to_json(page);
  return g_state.page_text.c_str();
}
// Events since the last call as a JSON array (see App::take_events_json).
EMSCRIPTEN_KEEPALIVE const char* relulab_take_events() {
  g_state.events_text = g_state.app->take_events_json();
  return g_state.events_text.c_str();
}
}
#endif
