// timeline_plot.cpp — LabView's census timeline: dead fraction per layer and loss over steps, event
// marks, and clicking or dragging on it to rewind.
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
// [SECTION] Census timeline: loss (log scale) and dead fraction per layer over the recorded steps
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_timeline(const Snapshot& s, float width, float height, std::vector<core::Command>& out) {
  ImGui::BeginChild("timeline", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushTextWrapPos(0.0f);  // wraps on a narrow page; the plot takes what is left
  const bool can_scrub = s.shows(Control::Scrub);  // a lesson without "scrub" shows the plot but no rewinding
  ImGui::TextUnformatted(can_scrub ? "census: loss (dark, log scale) and dead fraction per layer (coloured) over steps \xE2\x80\x94 drag to rewind"
                                   : "census: loss (dark, log scale) and dead fraction per layer (coloured) over steps");
  ImGui::PopTextWrapPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::GetContentRegionAvail();
  draw->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), grey(1.0f));
  ImGui::InvisibleButton("scrub", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  layout_.timeline[0] = p.x / scale_;
  layout_.timeline[1] = p.y / scale_;
  layout_.timeline[2] = size.x / scale_;
  layout_.timeline[3] = size.y / scale_;
  const bool scrubbing = ImGui::IsItemActive();
  const bool released = ImGui::IsItemDeactivated();
  const auto& points = s.twin(0).timeline;
  if (points.size() >= 2) {
    const double s0 = static_cast<double>(points.front().step), s1 = static_cast<double>(std::max(points.back().step, points.front().step + 1));
    auto sx = [&](double step) { return p.x + static_cast<float>((step - s0) / (s1 - s0)) * size.x; };
    layout_.timeline_steps[0] = s0;
    layout_.timeline_steps[1] = s1;
    // one log-scale range for every twin's loss, so each line stays inside the plot
    double lo = 1e300, hi = -1e300;
    for (int t = 0; t < s.twin_count(); ++t)
      for (const auto& q : s.twin(t).timeline)
        if (std::isfinite(q.train_loss) && q.train_loss > 0) { lo = std::min(lo, std::log10(q.train_loss)); hi = std::max(hi, std::log10(q.train_loss)); }
    if (!(hi > lo)) { lo = std::min(lo, 0.0); hi = lo + 1; }
    const size_t stride = std::max<size_t>(1, points.size() / static_cast<size_t>(std::max(1.0f, size.x)));
    const ImU32 layer_colors[3] = {rgb(kPalette.state[1]), rgb(kPalette.state[2]), rgb(kPalette.class0)};
    for (int t = 0; t < s.twin_count(); ++t) {
      const auto& line = s.twin(t).timeline;
      ImVec2 prev_loss{}, prev_dead[8]{};
      for (size_t i = 0; i < line.size(); i += stride) {
        const auto& q = line[i];
        const float x = sx(static_cast<double>(q.step));
        const double ll = q.train_loss > 0 && std::isfinite(q.train_loss) ? std::log10(q.train_loss) : lo;
        const ImVec2 loss_pt(x, p.y + size.y - static_cast<float>((ll - lo) / (hi - lo)) * size.y * 0.9f - 0.05f * size.y);
        if (i > 0) draw->AddLine(prev_loss, loss_pt, grey(0.15f + 0.2f * static_cast<float>(t)), 1.5f);
        prev_loss = loss_pt;
        for (size_t l = 0; l < q.dead_fraction.size() && l < 8; ++l) {
          const ImVec2 dead_pt(x, p.y + size.y - static_cast<float>(q.dead_fraction[l]) * size.y * 0.9f - 0.05f * size.y);
          if (i > 0) draw->AddLine(prev_dead[l], dead_pt, layer_colors[l % 3], 1.5f);
          prev_dead[l] = dead_pt;
        }
      }
    }
    // with twins, which grey is which: names at the top right, darkest first
    if (s.twin_count() > 1) {
      float x = p.x + size.x - 0.5f * em();
      for (int t = s.twin_count() - 1; t >= 0; --t) {
        const std::string& name = s.twin(t).census.activation;
        x -= ImGui::CalcTextSize(name.c_str()).x;
        draw->AddText(ImVec2(x, p.y + 0.2f * em()), grey(0.15f + 0.2f * static_cast<float>(t)), name.c_str());
        x -= em();
      }
    }
    // scrubbing: a cursor while dragging, a rewind on release (the history keeps what it can: see the cap)
    const double reachable = static_cast<double>(s.lab->history_begin);
    const double mouse_step = s0 + std::clamp((ImGui::GetIO().MousePos.x - p.x) / std::max(size.x, 1.0f), 0.0f, 1.0f) * (s1 - s0);
    const auto target = static_cast<std::int64_t>(std::llround(std::max(mouse_step, reachable)));
    if (can_scrub && (scrubbing || ImGui::IsItemHovered())) {
      const float x = sx(static_cast<double>(target));
      draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + size.y), grey(0.2f, scrubbing ? 0.9f : 0.35f), 1.5f);
      char label[48];
      std::snprintf(label, sizeof label, "step %lld", static_cast<long long>(target));
      draw->AddText(ImVec2(std::min(x + 4, p.x + size.x - 6 * em()), p.y + 2), grey(0.2f), label);
    }
    if (can_scrub && released && target < s.lab->step) out.emplace_back(core::RewindCommand{target});
    for (const auto& e : s.lab->events) {
      if (static_cast<double>(e.step) < s0) continue;
      const float x = sx(static_cast<double>(e.step));
      const bool lit = e.layer >= 0 && UnitRef{e.layer, e.unit} == hovered_;
      if (lit) draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + size.y), grey(0.0f, 0.5f), 3.0f);
      if (e.kind == core::EventKind::Kick || e.kind == core::EventKind::Knock)
        draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + size.y), rgb(kPalette.class1), 2.0f);
      else if (e.kind == core::EventKind::Death)
        draw->AddLine(ImVec2(x, p.y + size.y - 0.6f * em()), ImVec2(x, p.y + size.y), rgb(kPalette.state[1]), 2.0f);
      else if (e.kind == core::EventKind::Revival)
        draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + 0.6f * em()), rgb(kPalette.state[4]), 2.0f);
    }
  }
  ImGui::EndChild();
}

}  // namespace relulab::ui
