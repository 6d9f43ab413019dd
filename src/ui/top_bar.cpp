// top_bar.cpp — LabView's top bar (play, step, speed, kick, scene, exports, copy link). The lesson card is
// lesson_card.cpp's.
#include "ui/lab_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "core/json_value.h"
#include "ui/draw_common.h"
#include "ui/settings_panel.h"

namespace relulab::ui {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Top bar
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_top_bar(const Snapshot& s, std::vector<core::Command>& out) {
  // The bar flows: an item that would run past the right edge starts a new row (a narrow page or a
  // large font), so no control is ever cut off.
  bool first_item = true;
  auto place = [&first_item](float width, float gap = -1.0f) {
    if (!first_item) {
      const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
      const float spacing = gap >= 0.0f ? gap : ImGui::GetStyle().ItemSpacing.x;
      if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0.0f, gap);
    }
    first_item = false;
  };
  auto button = [&place](const char* label, float gap = -1.0f) {
    place(ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x, gap);
    return ImGui::Button(label);
  };
  if (!s.embed) {
    place(ImGui::CalcTextSize("ReLU Lab").x);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("ReLU Lab");
    // The lesson picker: numbered entries with their full titles, a tick for each lesson whose check passed
    // in this page session; the closed combo is as wide as the current title, up to 45% of the bar (the open list
    // always shows every title in full).
    auto entry_label = [&s](std::size_t index, const LessonEntry& entry) {
      const bool passed = std::find(s.passed_lessons.begin(), s.passed_lessons.end(), entry.id) != s.passed_lessons.end();
      return std::to_string(index + 1) + ". " + entry.title + (passed ? "  (passed)" : "");
    };
    std::string preview = "Choose a lesson\xE2\x80\xA6";
    if (s.lesson && s.lesson_menu)
      for (std::size_t i = 0; i < s.lesson_menu->size(); ++i)
        if ((*s.lesson_menu)[i].id == s.lesson->id) preview = entry_label(i, (*s.lesson_menu)[i]);
    const float bar_w = ImGui::GetContentRegionAvail().x;
    const float combo_w = std::min(std::max(15 * em(), ImGui::CalcTextSize(preview.c_str()).x + ImGui::GetFrameHeight() +
                                                           2.0f * ImGui::GetStyle().FramePadding.x),
                                   std::max(15 * em(), 0.45f * bar_w));
    place(combo_w, em());
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##lesson", preview.c_str())) {
      if (s.lesson_menu)
        for (std::size_t i = 0; i < s.lesson_menu->size(); ++i) {
          const LessonEntry& entry = (*s.lesson_menu)[i];
          const bool current = s.lesson && s.lesson->id == entry.id;
          if (ImGui::Selectable(entry_label(i, entry).c_str(), current) && !current)
            out.emplace_back(core::LessonCommand{entry.id});
        }
      ImGui::EndCombo();
    }
  }
  if (s.shows(Control::Play)) {
    place(4.5f * em());
    if (ImGui::Button(s.playing ? "Pause" : "Play", ImVec2(4.5f * em(), 0))) {
      if (s.playing) out.emplace_back(core::PauseCommand{}); else out.emplace_back(core::PlayCommand{});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space: train continuously / stop");
  }
  if (s.shows(Control::Step)) {
    if (button("Step")) out.emplace_back(core::StepCommand{1});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("S: one optimizer step");
  }
  if (s.shows(Control::Kick)) {
    char kick_label[64];
    std::snprintf(kick_label, sizeof kick_label, "Kick \xC3\x97%g%s", kick_factor_,
                  kick_batch_ == core::KickBatch::Outlier ? " (outliers)" : "");
    if (button(kick_label)) out.emplace_back(core::KickCommand{kick_factor_, kick_batch_});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("K: one step with the learning rate multiplied by %g on %s\nRight-click to change", kick_factor_,
                        kick_batch_ == core::KickBatch::Outlier ? "an outlier batch (targets far off)" : "the current batch");
    if (ImGui::BeginPopupContextItem("kick-settings")) {
      float factor = static_cast<float>(kick_factor_);
      ImGui::SetNextItemWidth(12 * em());
      if (ImGui::SliderFloat("learning rate \xC3\x97", &factor, 1.0f, 1000.0f, "%.3g", ImGuiSliderFlags_Logarithmic))
        kick_factor_ = factor;
      int batch = kick_batch_ == core::KickBatch::Outlier ? 1 : 0;
      ImGui::RadioButton("current batch", &batch, 0);
      ImGui::SameLine();
      ImGui::RadioButton("outlier batch", &batch, 1);
      kick_batch_ = batch ? core::KickBatch::Outlier : core::KickBatch::Current;
      ImGui::EndPopup();
    }
  }
  if (s.shows(Control::Fork)) {
    if (button("Fork twins\xE2\x80\xA6")) ImGui::OpenPopup("fork");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the network as it is now into 2-4 twins that train on identical batches\nwith different activations, side by side");
    if (ImGui::BeginPopup("fork")) {
      static const char* const kChoices[] = {"relu", "leaky:0.01", "leaky:0.1", "prelu", "rrelu", "elu", "selu", "tanh"};
      auto& chosen = fork_chosen_;
      int count = 0;
      for (std::size_t i = 0; i < chosen.size(); ++i) {
        ImGui::Checkbox(kChoices[i], &chosen[i]);
        count += chosen[i] ? 1 : 0;
      }
      ImGui::BeginDisabled(count < 1 || count > 4);
      if (ImGui::Button(count > 4 ? "at most 4" : "Fork now")) {
        core::ForkCommand fork;
        for (std::size_t i = 0; i < chosen.size(); ++i)
          if (chosen[i]) fork.activations.push_back(*core::parse_activation(kChoices[i], nullptr));
        out.emplace_back(std::move(fork));
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndDisabled();
      ImGui::EndPopup();
    }
  }
  if (s.shows(Control::Reinit)) {
    if (button("Re-init dead")) out.emplace_back(core::ReinitDeadCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw fresh incoming weights for every unit with k = 0 (a remedy)");
  }
  if (!s.embed || s.shows(Control::Data) || s.shows(Control::Network) || s.shows(Control::Lr)) {
    if (button("Scene\xE2\x80\xA6")) ImGui::OpenPopup("settings");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Data, network, initialisation and training settings");
    if (ImGui::BeginPopup("settings")) {
      draw_settings(s.lab->config, settings_state_, out);
      ImGui::EndPopup();
    }
  }
  if (s.shows(Control::Reset)) {
    if (button("Reset")) out.emplace_back(core::ResetCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("R: new weights from the same seed, step 0");
  }
  char step_text[32];
  std::snprintf(step_text, sizeof step_text, "step %lld", static_cast<long long>(s.lab->step));
  place(ImGui::CalcTextSize("step 000000").x, em());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(step_text);
  if (s.shows(Control::Speed)) {
    place(9 * em(), em());
    int speed = s.steps_per_frame;
    ImGui::SetNextItemWidth(9 * em());
    if (ImGui::SliderInt("##speed", &speed, 1, 1000, "%d steps/frame", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
      out.emplace_back(core::SpeedCommand{speed});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Training speed: optimizer steps per drawn frame");
  }
  if (!s.embed) {
    if (button("Export\xE2\x80\xA6", em())) ImGui::OpenPopup("export");
    if (ImGui::BeginPopup("export")) {
      if (ImGui::Selectable("Picture of the lab (PNG)")) out.emplace_back(core::ExportCommand{core::ExportKind::Png});
      if (ImGui::Selectable("Census history (CSV)")) out.emplace_back(core::ExportCommand{core::ExportKind::Census});
      if (ImGui::Selectable("Weights of every twin (JSON)")) out.emplace_back(core::ExportCommand{core::ExportKind::Weights});
      if (ImGui::Selectable("Data set (CSV)")) out.emplace_back(core::ExportCommand{core::ExportKind::Data});
      ImGui::EndPopup();
    }
  }
  if (!s.embed) {  // page chrome like Export: a lesson's control list does not hide it
    if (button("Copy link")) out.emplace_back(core::CopyLinkCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens exactly this scene (data, network, training settings)");
  }
  ImGui::Separator();
}

}  // namespace relulab::ui
