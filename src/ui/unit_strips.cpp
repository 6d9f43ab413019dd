// unit_strips.cpp — LabView's unit strips: one row per hidden unit with its state, z histogram and
// gradient; hover and click select a unit. Also the state sentence shared with the plane's tooltip.
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

std::string explain(const core::UnitCensus& u, int layer, int n) {
  char buf[256];
  switch (u.state) {
    case core::UnitState::Dead:
      std::snprintf(buf, sizeof buf, "dead: z <= 0 on all %d points, so its output and gradient are exactly zero%s", n,
                    layer == 0 ? " and nothing can move its weights again" : "; a change upstream could still revive it");
      break;
    case core::UnitState::Inactive:
      std::snprintf(buf, sizeof buf, "inactive: z <= 0 on all %d points, but its slope there is not zero, so it still "
                    "learns (gradient %.3g) and may come back", n, u.grad_norm);
      break;
    case core::UnitState::Saturated:
      std::snprintf(buf, sizeof buf, "saturated: |z| is large on every point, so its gradient nearly vanishes");
      break;
    case core::UnitState::Revived:
      std::snprintf(buf, sizeof buf, "revived: it was off the data at step %lld and is back on %d of %d points",
                    static_cast<long long>(u.died_at), u.active_count, n);
      break;
    default:
      std::snprintf(buf, sizeof buf, "alive: z > 0 on %d of %d points", u.active_count, n);
  }
  return buf;
}

// A first-layer unit's incoming weights as the picture they multiply (image data such as digits): one cell
// per pixel, orange where the weight is positive, blue where negative, white at zero, scaled by the unit's
// largest |w|. A dead unit's picture stops changing (nothing moves its weights); it is framed in the dead
// colour so the frozen ones stand out in a live run.
namespace {
void draw_weight_image(ImDrawList* draw, ImVec2 at, float size, const core::LayerWeights& layer, int unit, int side,
                       const render::Rgb* frame) {
  const auto row = layer.w.row(unit);
  const double scale = std::max(row.cwiseAbs().maxCoeff(), 1e-12);
  const float cell = size / static_cast<float>(side);
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      const float t = static_cast<float>(row(r * side + c) / scale);  // in [-1, 1]
      const render::Rgb& hue = t > 0 ? kPalette.class1 : kPalette.class0;
      const float a = std::abs(t);
      const render::Rgb mixed{1 - a + a * hue.r, 1 - a + a * hue.g, 1 - a + a * hue.b};
      const ImVec2 p0(at.x + static_cast<float>(c) * cell, at.y + static_cast<float>(r) * cell);
      draw->AddRectFilled(p0, ImVec2(p0.x + cell, p0.y + cell), rgb(mixed));
    }
  }
  if (frame) draw->AddRect(ImVec2(at.x - 1, at.y - 1), ImVec2(at.x + size + 1, at.y + size + 1), rgb(*frame), 0, 0, 2.0f);
}
}  // namespace

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Unit strips: the distribution of z over every data point, one row per hidden unit
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_strips(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out) {
  UnitRef clicked;
  const core::TwinCensus& census = s.twin(twin).census;
  const int n = static_cast<int>(s.data->x_train.cols());
  // one child per twin column, the same from frame to frame (the census is a fresh copy each frame)
  ImGui::PushID(twin);
  ImGui::BeginChild("strips", ImVec2(width, height), true);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float row_h = 1.55f * em();
  const int side = s.data->image_side;  // image data: layer 1's rows start with the unit's weight picture
  const bool pictures = side > 0 && !s.twin(twin).weights.empty() && s.twin(twin).weights[0].w.cols() == side * side;
  const float picture_w = pictures ? row_h + 0.3f * em() : 0.0f;
  const float label_w = 2.6f * em(), count_w = 5.2f * em(), badge_w = 5.4f * em(), grad_w = 3.0f * em();
  const float hist_w = std::max(4.0f * em(), ImGui::GetContentRegionAvail().x - label_w - picture_w - count_w - badge_w -
                                                 grad_w - 1.5f * em());
  for (size_t l = 0; l < census.layers.size(); ++l) {
    const core::LayerCensus& layer = census.layers[l];
    ImGui::Text("layer %d   dead %.0f%%   z from %.3g to %.3g", static_cast<int>(l) + 1, layer.dead_fraction * 100.0,
                layer.z_lo, layer.z_hi);
    for (size_t u = 0; u < layer.units.size(); ++u) {
      const core::UnitCensus& unit = layer.units[u];
      const UnitRef ref{static_cast<int>(l), static_cast<int>(u)};
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const bool lit = ref == hovered_ || (ref.layer == s.selected_layer && ref.unit == s.selected_unit);
      const render::Rgb& ink = kPalette.state[static_cast<int>(unit.state)];
      if (lit) draw->AddRectFilled(p, ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + row_h), grey(0.0f, 0.06f));
      char label[32];
      std::snprintf(label, sizeof label, "%d.%d", static_cast<int>(l) + 1, static_cast<int>(u) + 1);
      draw->AddText(ImVec2(p.x, p.y + 0.2f * em()), grey(0.25f), label);

      const bool picture = pictures && l == 0;
      if (picture) {
        draw_weight_image(draw, ImVec2(p.x + label_w, p.y + 0.1f * em()), row_h - 0.2f * em(), s.twin(twin).weights[0],
                          static_cast<int>(u), side, unit.state == core::UnitState::Dead ? &ink : nullptr);
      }

      // histogram of z against the zero line
      const float hx = p.x + label_w + (picture ? picture_w : 0.0f), hy0 = p.y + 0.15f * row_h, hy1 = p.y + 0.9f * row_h;
      draw->AddRectFilled(ImVec2(hx, hy0), ImVec2(hx + hist_w, hy1), grey(0.96f));
      int peak = 1;
      for (int c : unit.histogram) peak = std::max(peak, c);
      const double span = layer.z_hi - layer.z_lo;
      const float bin_w = hist_w / static_cast<float>(core::kHistogramBins);
      for (int b = 0; b < core::kHistogramBins; ++b) {
        const int count = unit.histogram[static_cast<size_t>(b)];
        if (count == 0) continue;
        const double centre = layer.z_lo + (b + 0.5) * span / core::kHistogramBins;
        const float h = (hy1 - hy0) * std::sqrt(static_cast<float>(count) / static_cast<float>(peak));
        const float x0 = hx + static_cast<float>(b) * bin_w;
        draw->AddRectFilled(ImVec2(x0 + 0.5f, hy1 - h), ImVec2(x0 + bin_w - 0.5f, hy1),
                            centre > 0 ? rgb(ink) : grey(0.62f));
      }
      if (span > 0 && layer.z_lo < 0 && layer.z_hi > 0) {
        const float zx = hx + static_cast<float>(-layer.z_lo / span) * hist_w;
        draw->AddLine(ImVec2(zx, hy0 - 2), ImVec2(zx, hy1 + 2), grey(0.1f), std::max(1.0f, 0.1f * em()));
      }

      // k/N, badge, gradient bar
      char count_text[32];
      std::snprintf(count_text, sizeof count_text, "%d/%d", unit.active_count, n);
      const float cx = hx + hist_w + 0.5f * em();
      draw->AddText(ImVec2(cx, p.y + 0.2f * em()), grey(0.2f), count_text);
      const float bx = cx + count_w;
      draw->AddRectFilled(ImVec2(bx, p.y + 0.1f * em()), ImVec2(bx + badge_w - 0.4f * em(), p.y + row_h - 0.15f * em()),
                          rgb(ink, 0.9f), 0.3f * em());
      const char* badge = unit.state == core::UnitState::Dead && !unit.permanent ? "dead?" : core::to_string(unit.state);
      draw->AddText(ImVec2(bx + 0.4f * em(), p.y + 0.2f * em()), IM_COL32_WHITE, badge);
      const float gx = bx + badge_w;
      const float g = unit.grad_norm > 0 ? std::clamp(static_cast<float>((std::log10(unit.grad_norm) + 6.0) / 6.0), 0.0f, 1.0f) : 0.0f;
      draw->AddRectFilled(ImVec2(gx, p.y + 0.5f * em()), ImVec2(gx + grad_w, p.y + 0.9f * em()), grey(0.92f));
      if (g > 0) draw->AddRectFilled(ImVec2(gx, p.y + 0.5f * em()), ImVec2(gx + g * grad_w, p.y + 0.9f * em()), grey(0.35f));

      ImGui::InvisibleButton(label, ImVec2(std::max(1.0f, ImGui::GetContentRegionAvail().x), row_h));
      if (ImGui::IsItemHovered() && picture) {  // the unit's weights as a picture large enough to read
        hovered_next_ = ref;
        ImGui::BeginTooltip();
        ImGui::Text("unit %s — %s", label, explain(unit, static_cast<int>(l), n).c_str());
        ImGui::TextUnformatted("its incoming weights as a picture: orange = positive, blue = negative");
        const float big = 12.0f * em();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        draw_weight_image(ImGui::GetWindowDrawList(), at, big, s.twin(twin).weights[0], static_cast<int>(u), side,
                          unit.state == core::UnitState::Dead ? &ink : nullptr);
        ImGui::Dummy(ImVec2(big, big));
        ImGui::EndTooltip();
      } else if (ImGui::IsItemHovered()) {
        hovered_next_ = ref;
        ImGui::SetTooltip("unit %s — %s\nz from %.4g to %.4g, mean %.4g; gradient %.3g%s", label,
                          explain(unit, static_cast<int>(l), n).c_str(), unit.z_min, unit.z_max, unit.z_mean,
                          unit.grad_norm, unit.died_at >= 0 ? "" : "");
      }
      if (ImGui::IsItemClicked()) clicked = ref;
    }
  }
  ImGui::EndChild();
  ImGui::PopID();
  if (clicked.layer >= 0) out.emplace_back(core::SelectUnitCommand{clicked.layer, clicked.unit});
}

}  // namespace relulab::ui
