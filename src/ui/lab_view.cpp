// lab_view.cpp — the lab screen's layout: places the top bar (top_bar.cpp), one data plane per twin
// (plane_view.cpp), unit strips (unit_strips.cpp) and the census timeline (timeline_plot.cpp), and handles
// the keyboard. Sizes are in font units (em) so the screen scales with the display density.
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
LabView::LabView() = default;

std::vector<core::Command> LabView::draw(const Snapshot& s) {
  std::vector<core::Command> out;
  if (!s.lab || !s.data) return out;
  hovered_next_ = {};
  scale_ = s.content_scale > 0 ? s.content_scale : 1.0f;
  layout_.planes.assign(static_cast<size_t>(s.twin_count()), {});
  const std::string lesson_id = s.lesson ? s.lesson->id : std::string();
  if (lesson_id != kick_lesson_) {  // a new scene: the Kick button starts from the app's preset
    kick_lesson_ = lesson_id;
    kick_factor_ = s.kick_factor;
    kick_batch_ = s.kick_batch;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  // NoBackground: the platform clears to the window colour (main.cpp), which saves blending one
  // full-screen rectangle per frame.
  ImGui::Begin("ReLU Lab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground);
  draw_top_bar(s, out);
  if (!s.banner.empty()) {
    // problems the learner must see (a bad URL value, a stopped twin): a tinted band under the top bar
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float wrap = ImGui::GetContentRegionAvail().x;
    const ImVec2 text = ImGui::CalcTextSize(s.banner.c_str(), nullptr, false, wrap - em());
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + wrap, p.y + text.y + 0.6f * em()),
                                              ImGui::GetColorU32(ImVec4(1.0f, 0.93f, 0.86f, 1.0f)), 0.3f * em());
    ImGui::SetCursorScreenPos(ImVec2(p.x + 0.5f * em(), p.y + 0.3f * em()));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap - em());
    ImGui::TextColored(ImVec4(0.55f, 0.17f, 0.0f, 1.0f), "%s", s.banner.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(0, 0.2f * em()));
  }

  if (s.lesson) draw_lesson_card(s, out);
  const int twins = s.twin_count();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float narration_h = ImGui::GetFrameHeightWithSpacing() * 1.2f;
  const float timeline_h = std::max(6.0f * em(), avail.y * 0.22f);
  const float main_h = std::max(8.0f * em(), avail.y - timeline_h - narration_h - ImGui::GetStyle().ItemSpacing.y * 2);
  const float column_w = (avail.x - ImGui::GetStyle().ItemSpacing.x * static_cast<float>(twins - 1)) / static_cast<float>(twins);
  // One network on a wide page: plane and strips side by side. Twins, or a narrow page (a phone held
  // upright): each column has its plane above its strips.
  const bool side_by_side = twins == 1 && column_w > 40.0f * em();
  for (int t = 0; t < twins; ++t) {
    if (t > 0) ImGui::SameLine();
    ImGui::BeginGroup();
    const float plane_w = side_by_side ? std::min(column_w * 0.5f, main_h) : column_w;
    const float plane_h = side_by_side ? main_h : std::min(main_h * 0.55f, column_w);
    draw_plane(s, t, plane_w, plane_h, out);
    if (side_by_side) ImGui::SameLine();
    const float strips_w = side_by_side ? column_w - plane_w - ImGui::GetStyle().ItemSpacing.x : column_w;
    const float strips_h = side_by_side ? main_h : main_h - plane_h - ImGui::GetStyle().ItemSpacing.y;
    draw_strips(s, t, strips_w, strips_h, out);
    ImGui::EndGroup();
  }
  draw_timeline(s, avail.x, timeline_h, out);

  // narration (mirrored into the page's aria-live region by web/lab.js)
  ImGui::TextUnformatted(s.narration.empty() ? "Press Play (Space) to train; Kick (K) takes one huge step." : s.narration.c_str());
  handle_keys(s, out);
  ImGui::End();
  hovered_ = hovered_next_;
  return out;
}

std::string LabView::layout_json() const {
  std::string out = "{\"planes\":[";
  auto num = [&out](double v) { core::append_json_number(out, v); };
  for (size_t i = 0; i < layout_.planes.size(); ++i) {
    const Layout::Plane& p = layout_.planes[i];
    if (i) out += ',';
    out += "{\"x\":"; num(p.x); out += ",\"y\":"; num(p.y); out += ",\"w\":"; num(p.w); out += ",\"h\":"; num(p.h);
    out += ",\"view\":["; num(p.view[0]); out += ','; num(p.view[1]); out += ','; num(p.view[2]); out += ','; num(p.view[3]);
    out += "]}";
  }
  out += "],\"timeline\":{\"x\":"; num(layout_.timeline[0]); out += ",\"y\":"; num(layout_.timeline[1]);
  out += ",\"w\":"; num(layout_.timeline[2]); out += ",\"h\":"; num(layout_.timeline[3]);
  out += ",\"steps\":["; num(layout_.timeline_steps[0]); out += ','; num(layout_.timeline_steps[1]); out += "]}}";
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Keyboard: Space play/pause, S step, K kick, R reset, <- rewind 10 steps (scrub), -> 10 steps on
// ---------------------------------------------------------------------------------------------------------

void LabView::handle_keys(const Snapshot& s, std::vector<core::Command>& out) {
  if (ImGui::GetIO().WantTextInput) return;
  // a key does what its control does, so a control the lesson hides has a key that does nothing
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false) && s.shows(Control::Play)) {  // as the Play/Pause button
    if (s.playing) out.emplace_back(core::PauseCommand{}); else out.emplace_back(core::PlayCommand{});
  }
  if (ImGui::IsKeyPressed(ImGuiKey_S, false) && s.shows(Control::Step)) out.emplace_back(core::StepCommand{1});
  if (ImGui::IsKeyPressed(ImGuiKey_K, false) && s.shows(Control::Kick))
    out.emplace_back(core::KickCommand{kick_factor_, kick_batch_});
  if (ImGui::IsKeyPressed(ImGuiKey_R, false) && s.shows(Control::Reset)) out.emplace_back(core::ResetCommand{});
  const std::int64_t step = s.lab->step;
  if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow) && s.shows(Control::Scrub) && step > s.lab->history_begin)
    out.emplace_back(core::RewindCommand{std::max(s.lab->history_begin, step - 10)});
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow) && s.shows(Control::Step)) out.emplace_back(core::StepCommand{10});
}

}  // namespace relulab::ui
