// settings_panel.cpp — one widget per codec key. Values go out as text through SetCommand, so the panel,
// the URL and lesson files share one parser (core/config_codec) and one set of limits.
#include "ui/settings_panel.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include <imgui.h>

#include "core/config_codec.h"

namespace relulab::ui {
namespace {

std::string current(const core::SessionConfig& config, const char* key) {
  const core::SettingInfo* setting = core::find_setting(key);
  return setting ? setting->format(config) : std::string();
}

void set(std::vector<core::Command>& out, const char* key, std::string value) {
  out.emplace_back(core::SetCommand{{{key, std::move(value)}}});
}

void help(const char* key) {
  if (!ImGui::IsItemHovered()) return;
  if (const core::SettingInfo* s = core::find_setting(key))
    ImGui::SetTooltip("%s (URL key %s=): %s", s->sets, key, s->accepts);
}

void choice(const core::SessionConfig& config, std::vector<core::Command>& out, const char* key, const char* label,
            std::initializer_list<const char*> options) {
  const std::string now = current(config, key);
  if (ImGui::BeginCombo(label, now.c_str())) {
    for (const char* option : options)
      if (ImGui::Selectable(option, now == option) && now != option) set(out, key, option);
    ImGui::EndCombo();
  }
  help(key);
}

std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// A slider that sends its value when the learner lets go (each change restarts the scene).
void number(const core::SessionConfig& config, std::vector<core::Command>& out, const char* key, const char* label,
            float lo, float hi, bool logarithmic, bool whole = false) {
  const std::string now = current(config, key);
  static char editing_key[16] = "";
  static float editing = 0;
  float value = std::strcmp(editing_key, key) == 0 ? editing : std::strtof(now.c_str(), nullptr);
  const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
  if (ImGui::SliderFloat(label, &value, lo, hi, whole ? "%.0f" : "%.4g", flags)) {
    std::snprintf(editing_key, sizeof editing_key, "%s", key);
    editing = value;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    editing_key[0] = '\0';
    set(out, key, whole ? std::to_string(static_cast<long long>(std::lround(value))) : format_number(value));
  }
  help(key);
}

void text(const core::SessionConfig& config, std::vector<core::Command>& out, const char* key, const char* label) {
  static char buffer[64];
  static char editing_key[16] = "";
  if (std::strcmp(editing_key, key) != 0) std::snprintf(buffer, sizeof buffer, "%s", current(config, key).c_str());
  if (ImGui::InputText(label, buffer, sizeof buffer)) std::snprintf(editing_key, sizeof editing_key, "%s", key);
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    editing_key[0] = '\0';
    set(out, key, buffer);
  }
  help(key);
}

}  // namespace

void draw_settings(const core::SessionConfig& config, std::vector<core::Command>& out) {
  ImGui::PushItemWidth(ImGui::GetFontSize() * 11);
  ImGui::SeparatorText("Data");
  choice(config, out, "data", "data set", {"circle", "xor", "gauss", "spiral", "moons", "abs", "sin", "plane", "bump", "negative"});
  number(config, out, "n", "points", 20, 5000, true, true);
  number(config, out, "noise", "noise", 0, 1, false);
  choice(config, out, "pre", "preprocessing", {"none", "standardize", "shift"});
  if (config.data.preprocess == core::Preprocess::Shift) number(config, out, "offset", "offset", -10, 10, false);
  ImGui::SeparatorText("Network");
  text(config, out, "hidden", "hidden widths");
  choice(config, out, "act", "activation",
         {"relu", "leaky:0.01", "leaky:0.1", "leaky:0.3", "prelu", "rrelu", "elu", "selu", "tanh", "sigmoid", "linear"});
  choice(config, out, "init", "initializer",
         {"he-normal", "he-uniform", "glorot-normal", "glorot-uniform", "lecun-normal", "lecun-uniform",
          "negative-uniform", "playground", "rai"});
  text(config, out, "bias", "initial bias");
  ImGui::SeparatorText("Training");
  choice(config, out, "opt", "optimizer", {"sgd", "momentum", "nesterov", "adam"});
  number(config, out, "lr", "learning rate", 1e-4f, 10.0f, true);
  number(config, out, "batch", "batch (0 = all)", 0, 512, false, true);
  number(config, out, "wd", "weight decay", 0, 0.1f, false);
  number(config, out, "clip", "clip norm (0 = off)", 0, 100, false);
  text(config, out, "seed", "seed");
  ImGui::PopItemWidth();
}

}  // namespace relulab::ui
