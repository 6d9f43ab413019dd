// lab_view.cpp — the lab screen's layout: places the top bar (top_bar.cpp), one data plane per twin
// (plane_view.cpp), unit strips (unit_strips.cpp) and the census timeline (timeline_plot.cpp), and handles
// the keyboard. Sizes are in font units (em) so the screen scales with the display density.
#include "ui/lab_view.h"

#include <algorithm>
#include <cfloat>
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
  layout_.twin_tabs.clear();
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

  if (s.lesson && ImGui::GetContentRegionAvail().x < 40.0f * em()) {
    // a phone held upright: the card scrolls inside at most 30% of the height, so the plane keeps room
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(FLT_MAX, 0.3f * ImGui::GetContentRegionAvail().y));
    ImGui::BeginChild("##lesson-card-scroll", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY);
    draw_lesson_card(s, out);
    ImGui::EndChild();
  } else if (s.lesson) {
    draw_lesson_card(s, out);
  }
  const int twins = s.twin_count();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float narration_h = ImGui::GetFrameHeightWithSpacing() * 1.2f;
  const float timeline_h = std::max(8.0f * em(), avail.y * 0.24f);  // title and legend, axes, the plot
  const float main_h = std::max(8.0f * em(), avail.y - timeline_h - narration_h - ImGui::GetStyle().ItemSpacing.y * 2);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  // Twins too narrow to use side by side (a phone held upright): one twin at a time, chosen by a tab.
  const bool tabbed = twins > 1 && (avail.x - spacing * static_cast<float>(twins - 1)) / static_cast<float>(twins) < 16.0f * em();
  const int columns = tabbed ? 1 : twins;
  float main_h_left = main_h;
  if (tabbed) {
    shown_twin_ = std::clamp(shown_twin_, 0, twins - 1);
    for (int t = 0; t < twins; ++t) {
      if (t > 0) ImGui::SameLine();
      const bool chosen = t == shown_twin_;
      if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
      const std::string label = s.twin(t).census.activation + "##twin-tab";
      ImGui::PushID(t);
      if (ImGui::Button(label.c_str())) shown_twin_ = t;
      const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
      layout_.twin_tabs.push_back({lo.x / scale_, lo.y / scale_, (hi.x - lo.x) / scale_, (hi.y - lo.y) / scale_});
      ImGui::PopID();
      if (chosen) ImGui::PopStyleColor();
    }
    main_h_left -= ImGui::GetFrameHeightWithSpacing();
  }
  const float column_w = (avail.x - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  // One network on a wide page: plane and strips side by side. Twins, or a narrow page (a phone held
  // upright): each column has its plane above its strips.
  const bool side_by_side = twins == 1 && column_w > 40.0f * em();
  prepare_planes(s);
  for (int t = 0; t < twins; ++t) {
    if (tabbed && t != shown_twin_) continue;
    if (t > 0 && !tabbed) ImGui::SameLine();
    ImGui::BeginGroup();
    const float plane_w = side_by_side ? std::min(column_w * 0.5f, main_h_left) : column_w;
    const float plane_h = side_by_side ? main_h_left : std::min(main_h_left * 0.55f, column_w);
    draw_plane(s, t, plane_w, plane_h, out);
    if (side_by_side) ImGui::SameLine();
    const float strips_w = side_by_side ? column_w - plane_w - ImGui::GetStyle().ItemSpacing.x : column_w;
    const float strips_h = side_by_side ? main_h_left : main_h_left - plane_h - ImGui::GetStyle().ItemSpacing.y;
    draw_strips(s, t, strips_w, strips_h, out);
    ImGui::EndGroup();
  }
  draw_timeline(s, avail.x, timeline_h, out);

  // narration (mirrored into the page's aria-live region by web/lab.js)
  const char* hint = s.shows(Control::Kick) ? "Press Play (Space) to train; Kick (K) takes one huge step." : "Press Play (Space) to train.";
  ImGui::TextUnformatted(s.narration.empty() ? hint : s.narration.c_str());
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
    out += "],\"markers\":"; num(p.markers); out += '}';
  }
  out += "],\"twin_tabs\":[";
  for (size_t i = 0; i < layout_.twin_tabs.size(); ++i) {
    const auto& r = layout_.twin_tabs[i];
    out += i ? ",[" : "[";
    num(r[0]); out += ','; num(r[1]); out += ','; num(r[2]); out += ','; num(r[3]); out += ']';
  }
  out += "],\"timeline\":{\"x\":"; num(layout_.timeline[0]); out += ",\"y\":"; num(layout_.timeline[1]);
  out += ",\"w\":"; num(layout_.timeline[2]); out += ",\"h\":"; num(layout_.timeline[3]);
  out += ",\"steps\":["; num(layout_.timeline_steps[0]); out += ','; num(layout_.timeline_steps[1]); out += "]}}";
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Keyboard: Space play/pause, S step, K kick, R reset, <- rewind 10 steps (scrub), -> 10 steps on
// (forward through a kept future after a rewind)
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
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) {  // through a kept future first (a step would drop it)
    if (s.lab->live_step > step && s.shows(Control::Scrub)) out.emplace_back(core::RewindCommand{std::min(s.lab->live_step, step + 10)});
    else if (s.shows(Control::Step)) out.emplace_back(core::StepCommand{10});
  }
}

}  // namespace relulab::ui
