// lab_view.cpp — layout and drawing of the lab. [SECTION]s: helpers, top bar, data plane, unit strips,
// timeline, keyboard. Sizes are in font units (em) so the screen scales with the display density.
#include "ui/lab_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "core/json_value.h"
#include "ui/settings_panel.h"

namespace relulab::ui {
namespace {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Helpers
// ---------------------------------------------------------------------------------------------------------

const render::Palette kPalette;

ImU32 rgb(const render::Rgb& c, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha)); }
ImU32 grey(float v, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(v, v, v, alpha)); }

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

float em() { return ImGui::GetFontSize(); }

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

LabView::LabView() = default;

std::vector<core::Command> LabView::draw(const Snapshot& s) {
  std::vector<core::Command> out;
  if (!s.session) return out;
  hovered_next_ = {};
  scale_ = s.content_scale > 0 ? s.content_scale : 1.0f;
  layout_.planes.assign(static_cast<size_t>(s.session->twin_count()), {});
  const std::string lesson_id = s.lesson ? s.lesson->id : std::string();
  if (lesson_id != kick_lesson_) {
    kick_lesson_ = lesson_id;
    kick_factor_ = 10;
    kick_batch_ = core::KickBatch::Current;
    if (s.lesson)
      for (const auto& event : s.lesson->events)
        if (const auto* kick = std::get_if<core::KickCommand>(&event.command)) {
          kick_factor_ = kick->factor;
          kick_batch_ = kick->batch;
          break;
        }
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

  if (s.lesson) draw_lesson_card(s);
  const core::Session& session = *s.session;
  const int twins = session.twin_count();
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

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Top bar
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_top_bar(const Snapshot& s, std::vector<core::Command>& out) {
  const core::Session& session = *s.session;
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
    // lesson picker: titles are read once from the built-in lessons
    static std::vector<std::pair<std::string, std::string>> lessons;  // id, title
    if (lessons.empty()) {
      for (const std::string& id : core::builtin_lesson_ids()) {
        std::string why;
        if (auto lesson = core::builtin_lesson(id, &why)) lessons.emplace_back(id, lesson->title);
      }
    }
    place(15 * em(), em());
    ImGui::SetNextItemWidth(15 * em());
    if (ImGui::BeginCombo("##lesson", s.lesson ? s.lesson->title.c_str() : "Choose a lesson\xE2\x80\xA6")) {
      for (const auto& [id, title] : lessons) {
        const bool current = s.lesson && s.lesson->id == id;
        if (ImGui::Selectable(title.c_str(), current) && !current) out.emplace_back(core::LessonCommand{id});
      }
      ImGui::EndCombo();
    }
  }
  if (s.shows("play")) {
    place(4.5f * em());
    if (ImGui::Button(s.playing ? "Pause" : "Play", ImVec2(4.5f * em(), 0))) {
      if (s.playing) out.emplace_back(core::PauseCommand{}); else out.emplace_back(core::PlayCommand{});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Space: train continuously / stop");
  }
  if (s.shows("step")) {
    if (button("Step")) out.emplace_back(core::StepCommand{1});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("S: one optimizer step");
  }
  if (s.shows("kick")) {
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
  if (s.shows("fork")) {
    if (button("Fork twins\xE2\x80\xA6")) ImGui::OpenPopup("fork");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the network as it is now into 2-4 twins that train on identical batches\nwith different activations, side by side");
    if (ImGui::BeginPopup("fork")) {
      static const char* const kChoices[] = {"relu", "leaky:0.01", "leaky:0.1", "prelu", "rrelu", "elu", "selu", "tanh"};
      static bool chosen[8] = {true, false, true, false, false, true, false, false};
      int count = 0;
      for (int i = 0; i < 8; ++i) {
        ImGui::Checkbox(kChoices[i], &chosen[i]);
        count += chosen[i] ? 1 : 0;
      }
      ImGui::BeginDisabled(count < 1 || count > 4);
      if (ImGui::Button(count > 4 ? "at most 4" : "Fork now")) {
        core::ForkCommand fork;
        for (int i = 0; i < 8; ++i)
          if (chosen[i]) fork.activations.push_back(*core::parse_activation(kChoices[i], nullptr));
        out.emplace_back(std::move(fork));
        ImGui::CloseCurrentPopup();
      }
      ImGui::EndDisabled();
      ImGui::EndPopup();
    }
  }
  if (s.shows("reinit")) {
    if (button("Re-init dead")) out.emplace_back(core::ReinitDeadCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw fresh incoming weights for every unit with k = 0 (a remedy)");
  }
  if (!s.embed || s.shows("data") || s.shows("network") || s.shows("lr")) {
    if (button("Scene\xE2\x80\xA6")) ImGui::OpenPopup("settings");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Data, network, initialisation and training settings");
    if (ImGui::BeginPopup("settings")) {
      draw_settings(session.config(), out);
      ImGui::EndPopup();
    }
  }
  if (s.shows("reset")) {
    if (button("Reset")) out.emplace_back(core::ResetCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("R: new weights from the same seed, step 0");
  }
  char step_text[32];
  std::snprintf(step_text, sizeof step_text, "step %lld", static_cast<long long>(session.step_count()));
  place(ImGui::CalcTextSize("step 000000").x, em());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(step_text);
  if (s.shows("speed")) {
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
  if (s.shows("link") && !s.embed) {
    if (button("Copy link")) out.emplace_back(core::CopyLinkCommand{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link that opens exactly this scene (data, network, training settings)");
  }
  ImGui::Separator();
}

void LabView::draw_lesson_card(const Snapshot& s) {
  const core::Lesson& lesson = *s.lesson;
  ImGui::SetNextItemOpen(!s.embed, ImGuiCond_Once);
  if (!ImGui::CollapsingHeader((lesson.title + "###lesson-card").c_str())) return;
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(lesson.text.c_str());
  for (const std::string& bullet : lesson.notice) {  // BulletText would not wrap on a narrow page
    ImGui::Bullet();
    ImGui::TextUnformatted(bullet.c_str());
  }
  ImGui::PopTextWrapPos();
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Data plane
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_plane(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out) {
  const core::Session& session = *s.session;
  const core::Dataset& data = session.data();
  const auto& weights = session.weights(twin);
  const core::TwinCensus& census = session.census(twin);
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
      if (ImGui::GetIO().MouseDragMaxDistanceSqr[0] > 9.0f && data.x_train.cols() > 0) {
        // margin = -(max z over the full data) / |w| with the dragged bias, in full coordinates
        const core::Vector w = weights.front().w.row(u).transpose();
        const double bias = projected ? drag_bias_ - w.dot(projection_.origin) : drag_bias_;
        const double max_dot = (w.transpose() * data.x_train).maxCoeff();
        if (w.norm() > 0) out.emplace_back(core::KnockCommand{twin, u, -(max_dot + bias) / w.norm()});
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

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Unit strips: the distribution of z over every data point, one row per hidden unit
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_strips(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out) {
  UnitRef clicked;
  const core::Session& session = *s.session;
  const core::TwinCensus& census = session.census(twin);
  const int n = static_cast<int>(session.data().x_train.cols());
  ImGui::BeginChild(ImGui::GetID(&census), ImVec2(width, height), true);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float row_h = 1.55f * em();
  const float label_w = 2.6f * em(), count_w = 5.2f * em(), badge_w = 5.4f * em(), grad_w = 3.0f * em();
  const float hist_w = std::max(4.0f * em(), ImGui::GetContentRegionAvail().x - label_w - count_w - badge_w - grad_w - 1.5f * em());
  for (size_t l = 0; l < census.layers.size(); ++l) {
    const core::LayerCensus& layer = census.layers[l];
    ImGui::Text("layer %d   dead %.0f%%   z from %.2f to %.2f", static_cast<int>(l) + 1, layer.dead_fraction * 100.0,
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

      // histogram of z against the zero line
      const float hx = p.x + label_w, hy0 = p.y + 0.15f * row_h, hy1 = p.y + 0.9f * row_h;
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
      if (ImGui::IsItemHovered()) {
        hovered_next_ = ref;
        ImGui::SetTooltip("unit %s — %s\nz from %.3f to %.3f, mean %.3f; gradient %.3g%s", label,
                          explain(unit, static_cast<int>(l), n).c_str(), unit.z_min, unit.z_max, unit.z_mean,
                          unit.grad_norm, unit.died_at >= 0 ? "" : "");
      }
      if (ImGui::IsItemClicked()) clicked = ref;
    }
  }
  ImGui::EndChild();
  if (clicked.layer >= 0) out.emplace_back(core::SelectUnitCommand{clicked.layer, clicked.unit});
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Census timeline: loss (log scale) and dead fraction per layer over the recorded steps
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_timeline(const Snapshot& s, float width, float height, std::vector<core::Command>& out) {
  const core::Session& session = *s.session;
  ImGui::BeginChild("timeline", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  ImGui::PushTextWrapPos(0.0f);  // wraps on a narrow page; the plot takes what is left
  ImGui::TextUnformatted("census: loss (dark, log scale) and dead fraction per layer (coloured) over steps \xE2\x80\x94 drag to rewind");
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
  const auto& points = session.timeline(0);
  if (points.size() >= 2) {
    const double s0 = static_cast<double>(points.front().step), s1 = static_cast<double>(std::max(points.back().step, points.front().step + 1));
    auto sx = [&](double step) { return p.x + static_cast<float>((step - s0) / (s1 - s0)) * size.x; };
    layout_.timeline_steps[0] = s0;
    layout_.timeline_steps[1] = s1;
    // one log-scale range for every twin's loss, so each line stays inside the plot
    double lo = 1e300, hi = -1e300;
    for (int t = 0; t < session.twin_count(); ++t)
      for (const auto& q : session.timeline(t))
        if (std::isfinite(q.train_loss) && q.train_loss > 0) { lo = std::min(lo, std::log10(q.train_loss)); hi = std::max(hi, std::log10(q.train_loss)); }
    if (!(hi > lo)) { lo = std::min(lo, 0.0); hi = lo + 1; }
    const size_t stride = std::max<size_t>(1, points.size() / static_cast<size_t>(std::max(1.0f, size.x)));
    const ImU32 layer_colors[3] = {rgb(kPalette.state[1]), rgb(kPalette.state[2]), rgb(kPalette.class0)};
    for (int t = 0; t < session.twin_count(); ++t) {
      const auto& line = session.timeline(t);
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
    if (session.twin_count() > 1) {
      float x = p.x + size.x - 0.5f * em();
      for (int t = session.twin_count() - 1; t >= 0; --t) {
        const std::string& name = session.census(t).activation;
        x -= ImGui::CalcTextSize(name.c_str()).x;
        draw->AddText(ImVec2(x, p.y + 0.2f * em()), grey(0.15f + 0.2f * static_cast<float>(t)), name.c_str());
        x -= em();
      }
    }
    // scrubbing: a cursor while dragging, a rewind on release (the history keeps what it can: see the cap)
    const double reachable = static_cast<double>(session.history_begin());
    const double mouse_step = s0 + std::clamp((ImGui::GetIO().MousePos.x - p.x) / std::max(size.x, 1.0f), 0.0f, 1.0f) * (s1 - s0);
    const auto target = static_cast<std::int64_t>(std::llround(std::max(mouse_step, reachable)));
    if (scrubbing || ImGui::IsItemHovered()) {
      const float x = sx(static_cast<double>(target));
      draw->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + size.y), grey(0.2f, scrubbing ? 0.9f : 0.35f), 1.5f);
      char label[48];
      std::snprintf(label, sizeof label, "step %lld", static_cast<long long>(target));
      draw->AddText(ImVec2(std::min(x + 4, p.x + size.x - 6 * em()), p.y + 2), grey(0.2f), label);
    }
    if (released && target < session.step_count()) out.emplace_back(core::RewindCommand{target});
    for (const auto& e : session.events()) {
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
// [SECTION] Keyboard: Space play/pause, S step, K kick, R reset, <- rewind 10 steps, -> 10 steps on
// ---------------------------------------------------------------------------------------------------------

void LabView::handle_keys(const Snapshot& s, std::vector<core::Command>& out) {
  if (ImGui::GetIO().WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) {
    if (s.playing) out.emplace_back(core::PauseCommand{}); else out.emplace_back(core::PlayCommand{});
  }
  if (ImGui::IsKeyPressed(ImGuiKey_S, false)) out.emplace_back(core::StepCommand{1});
  if (ImGui::IsKeyPressed(ImGuiKey_K, false)) out.emplace_back(core::KickCommand{kick_factor_, kick_batch_});
  if (ImGui::IsKeyPressed(ImGuiKey_R, false)) out.emplace_back(core::ResetCommand{});
  const std::int64_t step = s.session->step_count();
  if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow) && step > s.session->history_begin())
    out.emplace_back(core::RewindCommand{std::max(s.session->history_begin(), step - 10)});
  if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) out.emplace_back(core::StepCommand{10});
}

}  // namespace relulab::ui
