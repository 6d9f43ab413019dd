// settings_panel.cpp — one widget per codec key. Values go out as text through SetCommand, so the panel,
// the URL and lesson files share one parser (core/config_codec) and one set of limits.
#include "ui/settings_panel.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/activations.h"
#include "core/config_codec.h"
#include "core/limits.h"
#include "core/names.h"

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
            const std::vector<std::string>& options) {
  const std::string now = current(config, key);
  if (ImGui::BeginCombo(label, now.c_str())) {
    for (const std::string& option : options)
      if (ImGui::Selectable(option.c_str(), now == option) && now != option) set(out, key, option);
    ImGui::EndCombo();
  }
  help(key);
}

// A slider that sends its value when the learner lets go (each change restarts the scene).
void number(const core::SessionConfig& config, SettingsPanelState& state, std::vector<core::Command>& out,
            const char* key, const char* label, float lo, float hi, bool logarithmic, bool whole = false) {
  const std::string now = current(config, key);
  float value = state.slider_key == key ? state.slider_value : std::strtof(now.c_str(), nullptr);
  const ImGuiSliderFlags flags = ImGuiSliderFlags_AlwaysClamp | (logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
  if (ImGui::SliderFloat(label, &value, lo, hi, whole ? "%.0f" : "%.4g", flags)) {
    state.slider_key = key;
    state.slider_value = value;
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    state.slider_key.clear();
    set(out, key, whole ? std::to_string(static_cast<long long>(std::lround(value))) : core::short_number(value));
  }
  help(key);
}

// A text field; only one is edited at a time, so they share one buffer.
void text(const core::SessionConfig& config, SettingsPanelState& state, std::vector<core::Command>& out,
          const char* key, const char* label) {
  char buffer[sizeof state.text_buffer];
  if (state.text_key == key) std::memcpy(buffer, state.text_buffer, sizeof buffer);
  else std::snprintf(buffer, sizeof buffer, "%s", current(config, key).c_str());
  if (ImGui::InputText(label, buffer, sizeof buffer)) {
    state.text_key = key;
    std::memcpy(state.text_buffer, buffer, sizeof buffer);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    state.text_key.clear();
    set(out, key, buffer);
  }
  help(key);
}

// The learning rate on a logarithmic slider that stops only at 1, 2 and 5 times a power of ten (from
// limits.h's lowest to its highest): each stop is a clean number and about a sixth of a decade wide. A URL's
// value between stops is shown as it is until the learner drags.
void learning_rate(const core::SessionConfig& config, SettingsPanelState& state, std::vector<core::Command>& out) {
  static const std::vector<double> stops = [] {
    std::vector<double> v;
    for (double decade = core::kMinLearningRate; decade <= core::kMaxCodecLearningRate * 1.0001; decade *= 10)
      for (double m : {1.0, 2.0, 5.0})
        if (m * decade <= core::kMaxCodecLearningRate * 1.0001) v.push_back(m * decade);
    return v;
  }();
  const double now = config.train.lr;
  int index = 0;
  for (int i = 0; i < static_cast<int>(stops.size()); ++i)
    if (std::fabs(std::log(stops[static_cast<std::size_t>(i)] / now)) < std::fabs(std::log(stops[static_cast<std::size_t>(index)] / now))) index = i;
  const bool dragging = state.slider_key == "lr";
  if (dragging) index = static_cast<int>(state.slider_value);
  const std::string shown = core::short_number(dragging ? stops[static_cast<std::size_t>(index)] : now);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  if (ImGui::SliderInt("learning rate", &index, 0, static_cast<int>(stops.size()) - 1, shown.c_str(),
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_NoInput)) {
    state.slider_key = "lr";
    state.slider_value = static_cast<float>(index);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    state.slider_key.clear();
    set(out, "lr", core::format_number(stops[static_cast<std::size_t>(index)]));
  }
  help("lr");
}

}  // namespace

void draw_settings(const core::SessionConfig& config, SettingsPanelState& state, std::vector<core::Command>& out) {
  ImGui::PushItemWidth(ImGui::GetFontSize() * 11);
  ImGui::SeparatorText("Data");
  choice(config, out, "data", "data set", core::name_strings<core::DataKind>());
  if (ImGui::Button("Load CSV\xE2\x80\xA6")) out.emplace_back(core::OpenDataFileCommand{});
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Train on your own data: a CSV file with a header line (x1,x2,...,y; an optional split column\n"
                      "says train or test). You can also drop the file onto the lab.");
  number(config, state, out, "n", "points", 20, 5000, true, true);
  number(config, state, out, "noise", "noise", 0, 1, false);
  choice(config, out, "pre", "preprocessing", core::name_strings<core::Preprocess>());
  if (config.data.preprocess == core::Preprocess::Shift) number(config, state, out, "offset", "offset", -10, 10, false);
  number(config, state, out, "test", "test fraction", 0, 0.9f, false);
  ImGui::SeparatorText("Network");
  text(config, state, out, "hidden", "hidden widths");
  choice(config, out, "act", "activation",
         {"relu", "leaky:0.01", "leaky:0.1", "leaky:0.3", "prelu", "rrelu", "elu", "selu", "tanh", "sigmoid", "linear"});
  choice(config, out, "init", "initializer", core::name_strings<core::InitKind>());
  text(config, state, out, "bias", "initial bias");
  ImGui::SeparatorText("Training");
  choice(config, out, "opt", "optimizer", core::name_strings<core::OptimizerKind>());
  learning_rate(config, state, out);
  number(config, state, out, "batch", "batch (0 = all)", 0, 512, false, true);
  number(config, state, out, "wd", "weight decay", 0, 0.1f, false);
  number(config, state, out, "clip", "clip norm (0 = off)", 0, 100, false);
  text(config, state, out, "seed", "seed");
  ImGui::PopItemWidth();
}

}  // namespace relulab::ui
