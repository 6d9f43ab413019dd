// top_bar.cpp — LabView's top bar (play, step, kick with its strength and batch, speed, scene, exports, copy
// link). The lesson card is lesson_card.cpp's.
#include "ui/lab_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "core/activations.h"
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
    // Kick, its strength and its batch: three fixed-width controls, so the bar keeps its layout whatever
    // they say.
    const bool outliers = kick_batch_ == core::KickBatch::Outlier;
    place(3.6f * em());
    if (ImGui::Button("Kick", ImVec2(3.6f * em(), 0))) out.emplace_back(core::KickCommand{kick_factor_, kick_batch_});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("K: one optimizer step with the learning rate \xC3\x97%s on %s", core::short_number(kick_factor_).c_str(),
                        outliers ? "an outlier batch (the current batch with wrong targets)" : "the current batch");
    // strength and batch in one list beside the button, as wide as its widest label
    const char* widest = "\xC3\x97" "500 outliers";
    const float settings_w = ImGui::CalcTextSize(widest).x + ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().FramePadding.x;
    place(settings_w, 0.3f * em());
    ImGui::SetNextItemWidth(settings_w);
    const std::string preview = "\xC3\x97" + core::short_number(kick_factor_) + (outliers ? " outliers" : " batch");
    if (ImGui::BeginCombo("##kick-settings", preview.c_str())) {
      ImGui::TextDisabled("learning rate \xC3\x97");
      for (double factor : {2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0}) {
        const std::string option = "\xC3\x97" + core::short_number(factor);
        if (ImGui::Selectable(option.c_str(), factor == kick_factor_, ImGuiSelectableFlags_DontClosePopups)) kick_factor_ = factor;
      }
      ImGui::Separator();
      ImGui::TextDisabled("on");
      if (ImGui::Selectable("the current batch", !outliers)) kick_batch_ = core::KickBatch::Current;
      if (ImGui::Selectable("an outlier batch (wrong targets)", outliers)) kick_batch_ = core::KickBatch::Outlier;
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("The kick's strength (the learning rate is multiplied by this for one step) and its batch:\n"
                        "the current one, or outliers (the same inputs with wrong targets), whose gradient is far larger");
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
    // A plain window rather than a popup: Escape closes it, and a click outside closes it and still reaches
    // what it was aimed at (a popup would swallow that click).
    if (button("Scene\xE2\x80\xA6")) settings_open_ = !settings_open_;
    const bool on_button = ImGui::IsItemHovered();
    if (on_button) ImGui::SetTooltip("Data, network, initialisation and training settings");
    if (settings_open_) {
      ImGui::SetNextWindowPos(ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 2.0f), ImGuiCond_Appearing);
      ImGui::SetNextWindowBgAlpha(1.0f);
      ImGui::Begin("Scene##settings-panel", &settings_open_,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
      draw_settings(s.lab->config, settings_state_, out);
      const bool inside = ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
      const bool own_popup = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);  // one of its lists is open
      ImGui::End();
      if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !own_popup) settings_open_ = false;
      if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !inside && !on_button && !own_popup) settings_open_ = false;
    }
  }
  if (s.shows(Control::Reset)) {
    if (button("Reset")) out.emplace_back(core::ResetCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("R: new weights from the same seed, step 0");
  }
  // fixed-width text: what follows does not move as the number grows
  auto fixed_text = [&place](const char* text, const char* widest, float gap) {
    const float w = std::max(ImGui::CalcTextSize(widest).x, ImGui::CalcTextSize(text).x);
    place(w, gap);
    ImGui::AlignTextToFramePadding();
    const float x = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(x + w, 0.0f);
    ImGui::Dummy(ImVec2(0, 0));
  };
  char step_text[32];
  std::snprintf(step_text, sizeof step_text, "step %lld", static_cast<long long>(s.lab->step));
  fixed_text(step_text, "step 000000", em());
  if (s.shows(Control::Speed)) {
    // the number beside the slider, not under its handle
    place(5 * em(), em());
    int speed = s.steps_per_frame;
    ImGui::SetNextItemWidth(5 * em());
    if (ImGui::SliderInt("##speed", &speed, 1, 1000, "", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
      out.emplace_back(core::SpeedCommand{speed});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Training speed: optimizer steps per drawn frame");
    char speed_text[32];
    std::snprintf(speed_text, sizeof speed_text, "%d/frame", speed);
    fixed_text(speed_text, "1000/frame", 0.4f * em());
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
    // for two seconds after a click the button says so (the page copies the link, or shows it if it cannot)
    const bool just_copied = copied_at_ >= 0 && ImGui::GetTime() - copied_at_ < 2.0;
    const float w = std::max(ImGui::CalcTextSize("Copied \xE2\x9C\x93").x, ImGui::CalcTextSize("Copy link").x) +
                    2.0f * ImGui::GetStyle().FramePadding.x;
    place(w);
    if (ImGui::Button(just_copied ? "Copied \xE2\x9C\x93###copy-link" : "Copy link###copy-link", ImVec2(w, 0))) {
      out.emplace_back(core::CopyLinkCommand{});
      copied_at_ = ImGui::GetTime();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens exactly this scene (data, network, training settings)");
  }
  ImGui::Separator();
}

}  // namespace relulab::ui
