// main.cpp — the only code that knows GLFW and emscripten. One file serves both builds:
//   web:     emscripten_set_main_loop drives frame(); the canvas follows its CSS box at devicePixelRatio;
//            window.relulab (web/lab.js) calls the exported relulab_* functions in js_bridge.cpp.
//   desktop: a GLFW window with an OpenGL 3.3 core context; `relulab_desktop --help` lists the options
//            (--frames N --screenshot FILE are what the smoke test uses).
// The app owns the session; this file only pumps events, sizes the surface and presents frames.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/app.h"
#include "platform/platform_state.h"
#include "render/gl.h"
#include "ui/lab_view.h"
#include "ui/style.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>
#endif

namespace relulab::platform {
State g_state;

#ifdef __EMSCRIPTEN__
// How long the loop keeps drawing after the last wake: long enough for Dear ImGui to settle hover states
// and layouts (it needs a few frames after an input), short enough that an idle scene stops quickly.
constexpr double kAwakeMs = 500;

void wake_loop() {
  g_state.awake_until_ms = std::max(g_state.awake_until_ms, emscripten_get_now() + kAwakeMs);
  if (g_state.loop_paused && !g_state.suspended) {
    g_state.loop_paused = false;
    emscripten_resume_main_loop();
  }
}

void suspend_loop(bool suspended) {
  g_state.suspended = suspended;
  if (!suspended) {
    wake_loop();
  } else if (!g_state.loop_paused) {
    g_state.loop_paused = true;
    emscripten_pause_main_loop();
  }
}
#else
void wake_loop() {}
void suspend_loop(bool) {}
#endif
}  // namespace relulab::platform

namespace {

#ifdef __EMSCRIPTEN__
// The wheel, read on the canvas. ImGui's GLFW backend listens on the document, where browsers make wheel
// listeners passive, so its preventDefault only logs "Unable to preventDefault inside passive event
// listener"; on the canvas the lab may keep the wheel from scrolling the page. One ImGui wheel step is
// about 100 pixels, 3 lines or 1/80 of a page.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
  const double per_step = event->deltaMode == DOM_DELTA_PIXEL ? 100.0 : event->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0 / 80.0;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX / per_step), static_cast<float>(-event->deltaY / per_step));
  return EM_TRUE;
}
#endif

using relulab::platform::g_state;
using relulab::platform::Options;

float content_scale() {
#ifdef __EMSCRIPTEN__
  return static_cast<float>(emscripten_get_device_pixel_ratio());
#else
  float x = 1, y = 1;
  glfwGetWindowContentScale(g_state.window, &x, &y);
  return x;
#endif
}

#ifdef __EMSCRIPTEN__
// The canvas's CSS box decides its size; its drawing buffer gets devicePixelRatio times as many pixels, so
// text and lines are crisp. GLFW's window size is the drawing buffer size here (mouse events are scaled
// to it by emscripten), and the UI scales its font by devicePixelRatio to match.
void follow_canvas_size() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  const int w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(g_state.window, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) glfwSetWindowSize(g_state.window, w, h);
}
#endif

#ifndef __EMSCRIPTEN__
bool write_screenshot(const std::string& path);
#endif

void frame() {
  glfwPollEvents();
#ifdef __EMSCRIPTEN__
  follow_canvas_size();
#endif
  const float scale = content_scale();
  if (relulab::ui::apply_style(scale)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  g_state.app->advance_frame();

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  bool changing = false;  // training, a command or an active widget: keep the loop running
  std::vector<relulab::core::Command> commands;
  {
    const relulab::ui::Snapshot snapshot = g_state.app->snapshot(scale);  // released before the commands apply
    changing = snapshot.playing;
    commands = g_state.view.draw(snapshot);
  }
  for (const auto& command : commands) {
    const relulab::app::Result result = g_state.app->apply(command);
    if (!result.ok) g_state.app->show_refusal(result.error);
    changing = true;  // draw the scene the command made
  }
  changing = changing || ImGui::IsAnyItemActive() || ImGui::GetIO().WantTextInput;
  ImGui::Render();

  int fb_w = 0, fb_h = 0;
  glfwGetFramebufferSize(g_state.window, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.98f, 0.98f, 0.97f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++g_state.frame_count;
  relulab::core::ExportKind export_kind{};
  std::string export_name, export_text;
  if (g_state.app->take_export(&export_kind, &export_name, &export_text)) {
#ifdef __EMSCRIPTEN__
    // the drawing buffer still holds this frame here, so the page can read the canvas for a PNG
    EM_ASM({ if (Module.saveFile) Module.saveFile(UTF8ToString($0), $1 ? UTF8ToString($2) : null); },
           export_name.c_str(), export_kind == relulab::core::ExportKind::Png ? 0 : 1, export_text.c_str());
#else
    const bool png = export_kind == relulab::core::ExportKind::Png;
    bool ok = png ? write_screenshot(export_name) : false;
    if (!png) {
      if (FILE* f = std::fopen(export_name.c_str(), "wb")) {
        ok = std::fwrite(export_text.data(), 1, export_text.size(), f) == export_text.size();
        ok = std::fclose(f) == 0 && ok;
      }
    }
    std::printf("%s %s\n", ok ? "saved" : "could not save", export_name.c_str());
#endif
  }
  if (g_state.app->take_open_file_request()) {
#ifdef __EMSCRIPTEN__
    EM_ASM({ if (Module.openDataFile) Module.openDataFile(); });
#else
    g_state.app->show_refusal("drop a CSV file (header x1,x2,...,y) onto this window to train on it");
#endif
  }
  if (g_state.app->take_link_request()) {
    const std::string query = g_state.app->link_query();
#ifdef __EMSCRIPTEN__
    EM_ASM({ if (Module.copyLink) Module.copyLink(UTF8ToString($0)); }, query.c_str());
#else
    const std::string text = "?" + query;
    glfwSetClipboardString(g_state.window, text.c_str());
    std::printf("link: %s\n", text.c_str());
#endif
  }

#ifdef __EMSCRIPTEN__
  // Tell the page every frame (web/lab.js resolves relulab.ready on the first, pulls new events, mirrors
  // the narration into the aria-live region and posts events to an embedding host).
  EM_ASM({ if (Module.onLabFrame) Module.onLabFrame($0); }, static_cast<double>(g_state.frame_count));
  // Render on demand: a scene where nothing changes (paused, no input, no command for kAwakeMs) stops the
  // loop until web/lab.js wakes it; the canvas keeps showing this frame.
  if (changing) g_state.awake_until_ms = std::max(g_state.awake_until_ms, emscripten_get_now() + relulab::platform::kAwakeMs);
  if (g_state.frame_count >= 2 && emscripten_get_now() > g_state.awake_until_ms && !g_state.loop_paused) {
    g_state.loop_paused = true;
    emscripten_pause_main_loop();
  }
#else
  if (!g_state.options.screenshot.empty() && g_state.frame_count == g_state.options.frames)
    g_state.screenshot_failed = !write_screenshot(g_state.options.screenshot);  // before the swap
  glfwSwapBuffers(g_state.window);
  if (g_state.options.frame_times) g_state.presented.push_back(glfwGetTime());
#endif
}

#ifndef __EMSCRIPTEN__
bool write_screenshot(const std::string& path) {
  int w = 0, h = 0;
  glfwGetFramebufferSize(g_state.window, &w, &h);
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // GL rows run bottom-up; files top-down.
  std::vector<unsigned char> flipped(pixels.size());
  const size_t row = static_cast<size_t>(w) * 3;
  for (int y = 0; y < h; ++y)
    std::memcpy(&flipped[static_cast<size_t>(y) * row], &pixels[static_cast<size_t>(h - 1 - y) * row], row);
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".ppm") == 0) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    std::fprintf(f, "P6\n%d %d\n255\n", w, h);
    const bool ok = std::fwrite(flipped.data(), 1, flipped.size(), f) == flipped.size();
    return std::fclose(f) == 0 && ok;
  }
  return stbi_write_png(path.c_str(), w, h, 3, flipped.data(), static_cast<int>(row)) != 0;
}

void print_frame_times(const std::vector<double>& presented) {
  constexpr size_t kWarmUp = 10;
  std::vector<double> ms;
  for (size_t i = kWarmUp + 1; i < presented.size(); ++i) ms.push_back(1000.0 * (presented[i] - presented[i - 1]));
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  const double median = ms.size() % 2 ? ms[ms.size() / 2] : 0.5 * (ms[ms.size() / 2 - 1] + ms[ms.size() / 2]);
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  std::printf("frame times over %zu frames: median %.2f ms (%.1f frames/s), p90 %.2f ms; renderer: %s\n", ms.size(),
              median, 1000.0 / median, ms[(ms.size() - 1) * 9 / 10], renderer ? renderer : "unknown");
}

bool parse_int(const char* text, int lo, int hi, int* out) {
  char* end = nullptr;
  const long v = std::strtol(text, &end, 10);
  if (!end || *end != '\0' || v < lo || v > hi) return false;
  *out = static_cast<int>(v);
  return true;
}

const char* kUsage =
    "usage: relulab_desktop [--query Q] [--play] [--frames N] [--screenshot FILE.png|FILE.ppm] [--size WxH]\n"
    "  --query Q           the scene as the web page's URL query, e.g. \"lesson=kill-shot&seed=3\"\n"
    "  --play              start training immediately\n"
    "  --frames N          quit after N frames (1..1000000)\n"
    "  --screenshot FILE   with --frames: save the last frame (PNG, or PPM by extension)\n"
    "  --size WxH          window size in pixels (default 1280x800)\n"
    "  --frame-times       with --frames: print the median and 90th percentile time between presented\n"
    "                      frames, leaving out the first 10 (shader compilation, first uploads)\n";

bool parse_options(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--play") o->play = true;
    else if (arg == "--frame-times") o->frame_times = true;
    else if (arg == "--frames" && has_value) {
      if (!parse_int(argv[++i], 1, 1000000, &o->frames)) { std::fprintf(stderr, "relulab_desktop: --frames takes a whole number from 1 to 1000000\n"); return false; }
    } else if (arg == "--screenshot" && has_value) o->screenshot = argv[++i];
    else if (arg == "--query" && has_value) o->query = argv[++i];
    else if (arg == "--size" && has_value) {
      const std::string v = argv[++i];
      const auto x = v.find('x');
      if (x == std::string::npos || !parse_int(v.substr(0, x).c_str(), 200, 8192, &o->width) ||
          !parse_int(v.substr(x + 1).c_str(), 200, 8192, &o->height)) {
        std::fprintf(stderr, "relulab_desktop: --size takes WxH with each side from 200 to 8192, e.g. 1280x800\n");
        return false;
      }
    } else if (arg == "--help" || arg == "-h") { std::fputs(kUsage, stdout); std::exit(0); }
    else { std::fprintf(stderr, "relulab_desktop: unknown option '%s'\n%s", arg.c_str(), kUsage); return false; }
  }
  if (!o->screenshot.empty() && o->frames < 0) { std::fprintf(stderr, "relulab_desktop: --screenshot needs --frames N\n"); return false; }
  if (o->frame_times && o->frames < 12) { std::fprintf(stderr, "relulab_desktop: --frame-times needs --frames N with N of at least 12\n"); return false; }
  return true;
}
#endif

}  // namespace


int main(int argc, char** argv) {
  Options& options = g_state.options;
#ifndef __EMSCRIPTEN__
  if (!parse_options(argc, argv, &options)) return 2;
#else
  // web/lab.js passes the page's URL query as the only argument
  if (argc > 1) options.query = argv[1];
#endif
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr, "relulab: cannot initialise GLFW (no display?)\n");
    return 1;
  }
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // An opaque canvas with no depth or stencil buffer: the lab draws none of them, and an alpha channel
  // makes the browser blend the canvas into the page on every frame.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const double dpr = emscripten_get_device_pixel_ratio();
  options.width = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  options.height = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
#endif
  g_state.window = glfwCreateWindow(options.width, options.height, "ReLU Lab", nullptr, nullptr);
#ifndef __EMSCRIPTEN__
  if (g_state.window) {  // a CSV file dropped onto the window becomes the scene's data (data=custom)
    glfwSetDropCallback(g_state.window, [](GLFWwindow*, int count, const char** paths) {
      if (count < 1) return;
      std::string text;
      if (FILE* f = std::fopen(paths[0], "rb")) {
        char buffer[1 << 16];
        for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, f)) > 0 && text.size() <= relulab::core::kMaxDataFileBytes;)
          text.append(buffer, got);
        std::fclose(f);
      }
      const relulab::app::Result result = g_state.app->apply(relulab::core::LoadDataCommand{text});
      if (!result.ok) g_state.app->show_refusal(result.error);
    });
  }
#endif
  if (!g_state.window) {
    std::fprintf(stderr, "relulab: cannot create a window with %s\n",
#ifdef __EMSCRIPTEN__
                 "WebGL2");
#else
                 "OpenGL 3.3 core");
#endif
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(g_state.window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: every start is the same scene
  ImGui_ImplGlfw_InitForOpenGL(g_state.window, true);
#ifdef __EMSCRIPTEN__
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);  // see on_wheel
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  ImGui_ImplOpenGL3_Init("#version 300 es");
#else
  ImGui_ImplOpenGL3_Init("#version 330 core");
#endif

  relulab::platform::install_data_source();
  g_state.app = std::make_unique<relulab::app::App>(options.query);
#ifndef __EMSCRIPTEN__
  if (!g_state.app->snapshot(1.0f).banner.empty()) std::fprintf(stderr, "relulab: %s\n", g_state.app->snapshot(1.0f).banner.c_str());
#endif
  if (options.play) g_state.app->apply(relulab::core::PlayCommand{});

#ifdef __EMSCRIPTEN__
  relulab::platform::wake_loop();
  emscripten_set_main_loop(frame, 0, false);
  return 0;
#else
  while (!glfwWindowShouldClose(g_state.window)) {
    frame();
    if (options.frames > 0 && g_state.frame_count >= options.frames) {
      if (!options.screenshot.empty()) {
        if (g_state.screenshot_failed) {
          std::fprintf(stderr, "relulab_desktop: cannot write %s\n", options.screenshot.c_str());
          return 1;
        }
        std::printf("wrote %s after %lld frames (step %lld)\n", options.screenshot.c_str(), g_state.frame_count,
                    static_cast<long long>(g_state.app->session().step_count()));
      }
      break;
    }
  }
  if (options.frame_times) print_frame_times(g_state.presented);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(g_state.window);
  glfwTerminate();
  return 0;
#endif
}
