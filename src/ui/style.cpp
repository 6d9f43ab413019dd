// style.cpp — fonts and colours. The font is DejaVu Sans (subset, embedded at build: cmake/font.cmake).
#include "ui/style.h"

#include <cmath>
#include <cstddef>

#include <imgui.h>

namespace relulab::ui {

const unsigned char* ui_font_data();  // generated
std::size_t ui_font_size();

namespace {
constexpr float kFontPixels = 15.0f;
float g_applied_scale = 0.0f;
}  // namespace

bool apply_style(float content_scale) {
  if (!(content_scale > 0.25f && content_scale < 8.0f)) content_scale = 1.0f;
  if (std::fabs(content_scale - g_applied_scale) < 1e-3f) return false;
  g_applied_scale = content_scale;

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the bytes are static
  config.OversampleH = 2;
  config.OversampleV = 2;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0391, 0x03C9, 0x2013, 0x2026, 0x2190, 0x2193,
                                   0x2212, 0x2212, 0x221E, 0x221E, 0x2248, 0x2248, 0x2264, 0x2265,
                                   0x25A0, 0x25CF, 0x2713, 0x2717, 0};
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ui_font_data()), static_cast<int>(ui_font_size()),
                                 std::round(kFontPixels * content_scale), &config, ranges);
  io.Fonts->Build();

  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.ChildRounding = 4.0f;
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.WindowPadding = ImVec2(10, 8);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.0f);
  // Panels are framed, not filled: on a software renderer (or a phone's GPU at a high pixel ratio) the
  // blended fills of the full-screen window and of every panel cost more than the data plane.
  c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
  c[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.87f, 0.95f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.55f, 0.73f, 0.90f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.10f, 0.11f, 0.13f, 1.0f);
  style.ScaleAllSizes(content_scale);
  ImGui::GetStyle() = style;
  return true;
}

}  // namespace relulab::ui
