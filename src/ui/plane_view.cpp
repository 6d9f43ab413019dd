// plane_view.cpp — LabView's data plane per twin: the field drawn by PlaneRenderer, points, unit lines,
// hover, dragging a line (knock), wheel/pinch zoom and pan.
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

namespace {

// The fitted view, zoomed by pv.zoom about its centre and moved by pv.pan (data units).
ViewRect zoomed(const ViewRect& fitted, const PlaneView& pv) {
  const float cx = (fitted.x0 + fitted.x1) / 2 + pv.pan_x, cy = (fitted.y0 + fitted.y1) / 2 + pv.pan_y;
  const float hw = (fitted.x1 - fitted.x0) / 2 / pv.zoom, hh = (fitted.y1 - fitted.y0) / 2 / pv.zoom;
  return {cx - hw, cy - hh, cx + hw, cy + hh};
}

// Zooms by `factor` keeping the data point under (fx, fy) (fractions of the panel, y down) in place.
void apply_zoom(PlaneView& pv, const ViewRect& fitted, float fx, float fy, float factor) {
  const ViewRect before = zoomed(fitted, pv);
  const float px = before.x0 + fx * (before.x1 - before.x0), py = before.y1 - fy * (before.y1 - before.y0);
  pv.zoom = std::clamp(pv.zoom * factor, 0.2f, 50.0f);
  const ViewRect after = zoomed(fitted, pv);
  pv.pan_x += px - (after.x0 + fx * (after.x1 - after.x0));
  pv.pan_y += py - (after.y1 - fy * (after.y1 - after.y0));
}


// A square-ish view of the data with 15% padding, matched to the panel's aspect ratio.
ViewRect fit_view(const core::Dataset& data, const core::Matrix* projected, float aspect) {
  const auto& x = projected ? *projected : data.x_train;
  float lo[2] = {-1, -1}, hi[2] = {1, 1};
  if (x.cols() > 0) {
    lo[0] = static_cast<float>(x.row(0).minCoeff());
    hi[0] = static_cast<float>(x.row(0).maxCoeff());
    const auto& second = x.rows() >= 2 ? x.row(1) : data.y_train.row(0);
    lo[1] = static_cast<float>(second.minCoeff());
    hi[1] = static_cast<float>(second.maxCoeff());
  }
  for (int a = 0; a < 2; ++a)
    if (!std::isfinite(lo[a]) || !std::isfinite(hi[a]) || hi[a] - lo[a] < 1e-3f) { lo[a] = -1; hi[a] = 1; }
  float cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2;
  float half_w = (hi[0] - lo[0]) * 0.575f, half_h = (hi[1] - lo[1]) * 0.575f;
  if (x.rows() >= 2) half_w = half_h = std::max(half_w, half_h);
  if (half_w / half_h < aspect) half_w = half_h * aspect; else half_h = half_w / aspect;
  return {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Data plane
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_plane(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out) {
  const core::Dataset& data = *s.data;
  const auto& weights = s.twin(twin).weights;
  const core::TwinCensus& census = s.twin(twin).census;
  if (!planes_[static_cast<size_t>(twin)]) planes_[static_cast<size_t>(twin)] = std::make_unique<render::PlaneRenderer>();
  render::PlaneRenderer& renderer = *planes_[static_cast<size_t>(twin)];

  // data with more than two inputs: its principal plane, cached per data set
  const bool projected = data.x_train.rows() > 2;
  if (projected && projected_generation_ != s.data_generation) {
    projection_ = core::principal_plane(data.x_train);
    projected_ = core::project_points(projection_, data.x_train);
    projected_generation_ = s.data_generation;
  }
  display_ = weights;
  if (projected) core::slice_first_layer(projection_, weights.front(), &display_.front());

  ImGui::BeginChild(ImGui::GetID(&renderer), ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  char title[160];
  std::snprintf(title, sizeof title, "%s   loss %.4f%s%s", census.activation.c_str(), census.train_loss,
                census.diverged ? "   STOPPED" : "",
                projected ? "   (principal plane of the data: hover)" : "");
  ImGui::TextUnformatted(title);
  if (projected && ImGui::IsItemHovered())
    ImGui::SetTooltip("The data has %d inputs. It is drawn in the plane through its mean spanned by its two\n"
                      "principal directions; lines and the field are the network restricted to that plane.\n"
                      "k and the strips count every point in all %d dimensions.",
                      static_cast<int>(data.x_train.rows()), static_cast<int>(data.x_train.rows()));
  const ImVec2 size = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  PlaneView& pv = plane_views_[static_cast<size_t>(twin)];
  const ViewRect fitted = fit_view(data, projected ? &projected_ : nullptr, size.x / std::max(size.y, 1.0f));
  pv.fitted = fitted;
  // wheel zooms about the pointer; double-click on the background fits the data again
  const ImVec2 pointer = ImGui::GetIO().MousePos;
  const bool over = ImGui::IsWindowHovered() && pointer.x >= origin.x && pointer.x < origin.x + size.x &&
                    pointer.y >= origin.y && pointer.y < origin.y + size.y;
  if (over && ImGui::GetIO().MouseWheel != 0.0f) {
    const float factor = std::pow(1.15f, ImGui::GetIO().MouseWheel);
    apply_zoom(pv, fitted, (pointer.x - origin.x) / size.x, (pointer.y - origin.y) / size.y, factor);
  }
  if (over && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) pv = PlaneView{};
  const ViewRect view = zoomed(fitted, pv);
  Layout::Plane& geometry = layout_.planes[static_cast<size_t>(twin)];
  geometry = {origin.x / scale_, origin.y / scale_, size.x / scale_, size.y / scale_, {view.x0, view.y0, view.x1, view.y1}};

  // mouse -> data coordinates; hover = nearest first-layer line within 0.6 em
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float mx = view.x0 + (mouse.x - origin.x) / size.x * (view.x1 - view.x0);
  const float my = view.y1 - (mouse.y - origin.y) / size.y * (view.y1 - view.y0);
  const float px_per_unit = size.x / (view.x1 - view.x0);
  const bool inside = mouse.x >= origin.x && mouse.x < origin.x + size.x && mouse.y >= origin.y && mouse.y < origin.y + size.y;
  const auto& first = display_.front();  // in plane coordinates
  const bool two_d = first.w.cols() >= 2;
  int nearest = -1;
  if (inside && ImGui::IsWindowHovered()) {
    float best = 0.6f * em();
    for (int u = 0; u < first.w.rows(); ++u) {
      const float w1 = static_cast<float>(first.w(u, 0)), w2 = two_d ? static_cast<float>(first.w(u, 1)) : 0.0f;
      const float norm = std::sqrt(w1 * w1 + w2 * w2);
      if (norm < 1e-9f) continue;
      const float d = std::fabs(w1 * mx + w2 * my + static_cast<float>(first.b(u))) / norm * px_per_unit;
      if (d < best) { best = d; nearest = u; }
    }
  }
  if (nearest >= 0) hovered_next_ = {0, nearest};

  // drag a line to knock the unit: on release the unit's line passes through the mouse
  if (nearest < 0 && inside && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && s.selected_layer >= 0)
    out.emplace_back(core::SelectUnitCommand{-1, -1});
  if (nearest >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    dragging_unit_ = nearest;
    dragging_twin_ = twin;
    out.emplace_back(core::SelectUnitCommand{0, nearest});
  }
  if (dragging_unit_ >= 0 && dragging_twin_ == twin) {
    const int u = dragging_unit_;
    const double w1 = first.w(u, 0), w2 = two_d ? first.w(u, 1) : 0.0;
    drag_bias_ = static_cast<float>(-(w1 * mx + w2 * my));
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      if (ImGui::GetIO().MouseDragMaxDistanceSqr[0] > 9.0f) {
        // the line goes through the pointer: say where that is in input coordinates; the core places the line
        core::KnockCommand knock(twin, u, std::vector<core::Scalar>{});
        if (projected) {
          const core::Vector point = projection_.origin + core::Scalar{mx} * projection_.u + core::Scalar{my} * projection_.v;
          knock.through.assign(point.data(), point.data() + point.size());
        } else {
          knock.through = two_d ? std::vector<core::Scalar>{mx, my} : std::vector<core::Scalar>{mx};
        }
        out.emplace_back(std::move(knock));
      }
      dragging_unit_ = -1;
    }
  }

  render::PlaneScene scene;
  scene.data = &data;
  scene.data_generation = s.data_generation;
  scene.points = projected ? &projected_ : nullptr;
  scene.weights = &display_;
  scene.census = &census;
  scene.view[0] = view.x0; scene.view[1] = view.y0; scene.view[2] = view.x1; scene.view[3] = view.y1;
  scene.hovered_unit = hovered_.layer == 0 ? hovered_.unit : -1;
  scene.selected_unit = s.selected_layer == 0 ? s.selected_unit : -1;
  scene.field_layer = s.selected_layer;
  scene.field_unit = s.selected_unit;
  scene.point_px = 0.42f * em();
  scene.regression = !data.classification;
  if (!data.classification && data.y_train.size() > 0) {
    scene.value_range[0] = static_cast<float>(data.y_train.minCoeff());
    scene.value_range[1] = static_cast<float>(data.y_train.maxCoeff());
  }
  if (dragging_unit_ >= 0 && dragging_twin_ == twin) display_.front().b(dragging_unit_) = drag_bias_;
  const int fb_w = static_cast<int>(size.x), fb_h = static_cast<int>(size.y);
  if (renderer.draw(scene, fb_w, fb_h)) {
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(renderer.texture())), size, ImVec2(0, 1), ImVec2(1, 0));
  } else {
    if (render_error_.empty()) std::fprintf(stderr, "relulab: the data plane cannot be drawn: %s\n", renderer.error().c_str());
    render_error_ = renderer.error();
    ImGui::TextWrapped("The data plane cannot be drawn: %s", render_error_.c_str());
  }
  if (nearest >= 0 && dragging_unit_ < 0 && !census.layers.empty()) {
    const auto& unit = census.layers[0].units[static_cast<size_t>(nearest)];
    ImGui::SetTooltip("unit 1.%d — %s\ndrag the line to move it; drag it off the data to kill it", nearest + 1,
                      explain(unit, 0, static_cast<int>(data.x_train.cols())).c_str());
  }
  ImGui::EndChild();
}

void LabView::gesture(float x, float y, float scale, float dx, float dy) {
  for (size_t t = 0; t < layout_.planes.size() && t < plane_views_.size(); ++t) {
    const Layout::Plane& p = layout_.planes[t];
    const float px = x / scale_ - p.x, py = y / scale_ - p.y;
    if (px < 0 || py < 0 || px >= p.w || py >= p.h || !(scale > 0)) continue;
    PlaneView& pv = plane_views_[t];
    apply_zoom(pv, pv.fitted, px / p.w, py / p.h, scale);
    // a finger drag moves the data with it
    const ViewRect now = zoomed(pv.fitted, pv);
    pv.pan_x -= dx / scale_ / p.w * (now.x1 - now.x0);
    pv.pan_y += dy / scale_ / p.h * (now.y1 - now.y0);
    return;
  }
}

}  // namespace relulab::ui
