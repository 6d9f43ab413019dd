// plane_view.cpp — LabView's data plane per twin: the field drawn by PlaneRenderer, points, unit lines,
// hover, dragging a line (knock), wheel/pinch zoom and pan. Every plane fits the same subject (the data plus
// the lines of units with k = 0, over all twins) and shares one zoom and pan; a k = 0 line the view still
// misses gets a marker at the plane's edge.
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


// How far from the data's centre a line may lie and still be fitted into view, in the data's half-extents;
// lines farther off (a kick can throw one hundreds of units away) get an edge marker instead.
constexpr float kSubjectReach = 4.0f;

// A square-ish view of the subject with 15% padding, matched to the panel's aspect ratio (2-D data: square
// data units; 1-D regression, x against y: each axis its own scale).
ViewRect fit_view(const Subject& subject, bool square, float aspect) {
  float lo[2] = {subject.lo[0], subject.lo[1]}, hi[2] = {subject.hi[0], subject.hi[1]};
  for (int a = 0; a < 2; ++a)
    if (!std::isfinite(lo[a]) || !std::isfinite(hi[a]) || hi[a] - lo[a] < 1e-3f) { lo[a] = -1; hi[a] = 1; }
  float cx = (lo[0] + hi[0]) / 2, cy = (lo[1] + hi[1]) / 2;
  float half_w = (hi[0] - lo[0]) * 0.575f, half_h = (hi[1] - lo[1]) * 0.575f;
  if (square) half_w = half_h = std::max(half_w, half_h);
  if (half_w / half_h < aspect) half_w = half_h * aspect; else half_h = half_w / aspect;
  return {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

// The point of unit u's line w.p + b = 0 nearest (cx, cy); false when the unit has no line.
bool line_foot(const core::LayerWeights& first, int u, float cx, float cy, float* fx, float* fy) {
  const float w1 = static_cast<float>(first.w(u, 0)), w2 = first.w.cols() >= 2 ? static_cast<float>(first.w(u, 1)) : 0.0f;
  const float norm2 = w1 * w1 + w2 * w2;
  if (!(norm2 > 1e-18f) || !std::isfinite(norm2)) return false;
  const float t = (w1 * cx + w2 * cy + static_cast<float>(first.b(u))) / norm2;
  *fx = cx - t * w1;
  *fy = cy - t * w2;
  return std::isfinite(*fx) && std::isfinite(*fy);
}

// True when unit u's line crosses the view rectangle (the corners are not all on one side).
bool line_in_view(const core::LayerWeights& first, int u, const ViewRect& v) {
  const double w1 = first.w(u, 0), w2 = first.w.cols() >= 2 ? first.w(u, 1) : 0.0, b = first.b(u);
  int positive = 0, negative = 0;
  for (const double x : {v.x0, v.x1})
    for (const double y : {v.y0, v.y1}) {
      const double z = w1 * x + w2 * y + b;
      positive += z > 0;
      negative += z < 0;
    }
  return positive < 4 && negative < 4;
}

// A unit whose line the view should take in: none of the training points on its active side (knocked off or
// killed by a kick; for a ReLU unit that is "dead").
bool line_matters(const core::TwinCensus& census, int u) {
  return !census.layers.empty() && u < static_cast<int>(census.layers[0].units.size()) &&
         census.layers[0].units[static_cast<size_t>(u)].active_count == 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Data plane
// ---------------------------------------------------------------------------------------------------------

void LabView::prepare_planes(const Snapshot& s) {
  const core::Dataset& data = *s.data;
  // data with more than two inputs: its principal plane, cached per data set
  const bool projected = data.x_train.rows() > 2;
  if (projected && projected_generation_ != s.data_generation) {
    projection_ = core::principal_plane(data.x_train);
    projected_ = core::project_points(projection_, data.x_train);
    projected_test_ = data.x_test.cols() > 0 ? core::project_points(projection_, data.x_test) : core::Matrix();
    projected_generation_ = s.data_generation;
  }
  const int twins = std::min(s.twin_count(), static_cast<int>(first_layers_.size()));
  for (int t = 0; t < twins; ++t) {
    const auto& first = s.twin(t).weights.front();
    if (projected) core::slice_first_layer(projection_, first, &first_layers_[static_cast<size_t>(t)]);
    else first_layers_[static_cast<size_t>(t)] = first;
  }
  // the subject: the data's box (1-D: x against the target), grown to take in each k = 0 line within reach
  const auto& x = projected ? projected_ : data.x_train;
  Subject subject;
  if (x.cols() > 0) {
    const auto& second = x.rows() >= 2 ? x.row(1) : data.y_train.row(0);
    subject.lo[0] = static_cast<float>(x.row(0).minCoeff());
    subject.hi[0] = static_cast<float>(x.row(0).maxCoeff());
    subject.lo[1] = static_cast<float>(second.minCoeff());
    subject.hi[1] = static_cast<float>(second.maxCoeff());
  }
  const float cx = (subject.lo[0] + subject.hi[0]) / 2, cy = (subject.lo[1] + subject.hi[1]) / 2;
  const float reach = kSubjectReach * std::max({(subject.hi[0] - subject.lo[0]) / 2, (subject.hi[1] - subject.lo[1]) / 2, 0.5f});
  for (int t = 0; t < twins; ++t) {
    const auto& first = first_layers_[static_cast<size_t>(t)];
    for (int u = 0; u < first.w.rows(); ++u) {
      float fx = 0, fy = 0;
      if (!line_matters(s.twin(t).census, u) || !line_foot(first, u, cx, cy, &fx, &fy)) continue;
      if (std::hypot(fx - cx, fy - cy) > reach) continue;
      subject.lo[0] = std::min(subject.lo[0], fx); subject.hi[0] = std::max(subject.hi[0], fx);
      subject.lo[1] = std::min(subject.lo[1], fy); subject.hi[1] = std::max(subject.hi[1], fy);
    }
  }
  subject_ = subject;
}

void LabView::draw_plane(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out) {
  const core::Dataset& data = *s.data;
  const auto& weights = s.twin(twin).weights;
  const core::TwinCensus& census = s.twin(twin).census;
  if (!planes_[static_cast<size_t>(twin)]) planes_[static_cast<size_t>(twin)] = std::make_unique<render::PlaneRenderer>();
  render::PlaneRenderer& renderer = *planes_[static_cast<size_t>(twin)];
  const bool projected = data.x_train.rows() > 2;
  display_ = weights;
  display_.front() = first_layers_[static_cast<size_t>(twin)];

  ImGui::BeginChild(ImGui::GetID(&renderer), ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  char title[160];
  char held_out[48] = "";  // with a test split: its loss beside the training loss (rings in the plane)
  if (data.x_test.cols() > 0) std::snprintf(held_out, sizeof held_out, "   test %.4f", census.test_loss);
  std::snprintf(title, sizeof title, "%s   loss %.4f%s%s%s", short_activation(census.activation).c_str(), census.train_loss,
                held_out, census.diverged ? "   STOPPED" : "",
                projected ? "   (principal plane of the data: hover)" : "");
  ImGui::TextUnformatted(title);
  if (projected && ImGui::IsItemHovered())
    ImGui::SetTooltip("The data has %d inputs. It is drawn in the plane through its mean spanned by its two\n"
                      "principal directions; lines and the field are the network restricted to that plane.\n"
                      "k and the strips count every point in all %d dimensions.",
                      static_cast<int>(data.x_train.rows()), static_cast<int>(data.x_train.rows()));
  const ImVec2 size = ImGui::GetContentRegionAvail();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  PlaneView& pv = plane_view_;  // linked: zoom and pan on any twin's plane move them all
  const ViewRect fitted = fit_view(subject_, data.x_train.rows() >= 2, size.x / std::max(size.y, 1.0f));
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
  geometry = {origin.x / scale_, origin.y / scale_, size.x / scale_, size.y / scale_, {view.x0, view.y0, view.x1, view.y1}, 0};

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
  scene.test_points = projected ? &projected_test_ : nullptr;
  scene.weights = &display_;
  scene.census = &census;
  scene.view[0] = view.x0; scene.view[1] = view.y0; scene.view[2] = view.x1; scene.view[3] = view.y1;
  scene.hovered_unit = hovered_.layer == 0 ? hovered_.unit : -1;
  scene.selected_unit = s.selected_layer == 0 ? s.selected_unit : -1;
  scene.field_layer = s.selected_layer;
  scene.field_unit = s.selected_unit;
  scene.point_px = 0.42f * em();
  scene.regression = !data.classification;
  // The output field colours P(class 1) between the two class colours: with more classes that says nothing
  // (digits: P("1")), so only a selected unit's own z is drawn as a field there.
  if (data.classification && data.classes > 2 && s.selected_layer < 0) scene.field_opacity = 0.0f;
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
  draw_edge_markers(s, twin, view, origin.x, origin.y, size.x, size.y);
  if (nearest >= 0 && dragging_unit_ < 0 && !census.layers.empty()) {
    const auto& unit = census.layers[0].units[static_cast<size_t>(nearest)];
    ImGui::SetTooltip("unit 1.%d — %s\ndrag the line to move it; drag it off the data to kill it", nearest + 1,
                      explain(unit, 0, static_cast<int>(data.x_train.cols())).c_str());
  }
  ImGui::EndChild();
}

// A k = 0 line outside the view: a small arrow at the plane's edge, on the way from the view's centre to the
// line, labelled with the unit.
void LabView::draw_edge_markers(const Snapshot& s, int twin, const ViewRect& view, float x, float y, float w, float h) {
  const auto& first = first_layers_[static_cast<size_t>(twin)];
  const core::TwinCensus& census = s.twin(twin).census;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float cx = (view.x0 + view.x1) / 2, cy = (view.y0 + view.y1) / 2;
  const float inset = 0.9f * em();
  int markers = 0;
  for (int u = 0; u < first.w.rows(); ++u) {
    float fx = 0, fy = 0;
    if (!line_matters(census, u) || line_in_view(first, u, view) || !line_foot(first, u, cx, cy, &fx, &fy)) continue;
    // the direction to the line in pixels (y down), from the plane's centre to its edge
    const float dx = (fx - cx) / (view.x1 - view.x0) * w, dy = -(fy - cy) / (view.y1 - view.y0) * h;
    const float len = std::hypot(dx, dy);
    if (!(len > 0)) continue;
    const float ux = dx / len, uy = dy / len;
    const float t = std::min(std::fabs(ux) > 1e-6f ? (w / 2 - inset) / std::fabs(ux) : 1e9f,
                             std::fabs(uy) > 1e-6f ? (h / 2 - inset) / std::fabs(uy) : 1e9f);
    const ImVec2 m(x + w / 2 + ux * t, y + h / 2 + uy * t);
    const float a = 0.45f * em();
    const ImU32 ink = rgb(kPalette.state[static_cast<int>(core::UnitState::Dead)]);
    draw->AddTriangleFilled(ImVec2(m.x + ux * a, m.y + uy * a), ImVec2(m.x - ux * a - uy * a * 0.8f, m.y - uy * a + ux * a * 0.8f),
                            ImVec2(m.x - ux * a + uy * a * 0.8f, m.y - uy * a - ux * a * 0.8f), ink);
    char label[16];
    std::snprintf(label, sizeof label, "1.%d", u + 1);
    const ImVec2 text = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(m.x - ux * (a + 0.2f * em() + text.x / 2) - text.x / 2, m.y - uy * (a + 0.2f * em() + text.y / 2) - text.y / 2), ink, label);
    ++markers;
  }
  layout_.planes[static_cast<size_t>(twin)].markers = markers;
}

void LabView::gesture(float x, float y, float scale, float dx, float dy) {
  for (size_t t = 0; t < layout_.planes.size(); ++t) {
    const Layout::Plane& p = layout_.planes[t];
    const float px = x / scale_ - p.x, py = y / scale_ - p.y;
    if (px < 0 || py < 0 || px >= p.w || py >= p.h || !(scale > 0)) continue;
    PlaneView& pv = plane_view_;
    apply_zoom(pv, pv.fitted, px / p.w, py / p.h, scale);
    // a finger drag moves the data with it
    const ViewRect now = zoomed(pv.fitted, pv);
    pv.pan_x -= dx / scale_ / p.w * (now.x1 - now.x0);
    pv.pan_y += dy / scale_ / p.h * (now.y1 - now.y0);
    return;
  }
}

}  // namespace relulab::ui
