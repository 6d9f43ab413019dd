// timeline_plot.cpp — LabView's census timeline: loss (log scale, dashed) and dead fraction per layer (solid)
// over the recorded steps, with step, loss and dead-fraction axes, a legend, event marks, and dragging on it
// to rewind (a live preview; the future stays until the learner changes something).
// Each line is reduced to at most two vertices per pixel column (its lowest and highest value there), so
// the cost of drawing does not grow with the length of the history.
#include "ui/lab_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/draw_common.h"

namespace relulab::ui {

namespace {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Lines: one min/max pair per pixel column, solid or dashed
// ---------------------------------------------------------------------------------------------------------

struct Column { float lo = 0, hi = 0; bool any = false; };

// Reusable buffers (the lab draws one timeline per frame on one thread): no allocation at a steady size.
std::vector<Column>& column_buffer() { static std::vector<Column> columns; return columns; }
std::vector<ImVec2>& path_buffer() { static std::vector<ImVec2> path; return path; }

std::vector<ImVec2>& run_buffer() { static std::vector<ImVec2> run; return run; }

// Strokes `path` (x never decreasing) solid, or dashed if on > 0: drawn where (x - origin) falls in the first
// `on` pixels of every on + off, so a noisy line stays a few polylines instead of thousands of dashes.
void stroke(ImDrawList* draw, const std::vector<ImVec2>& path, ImU32 colour, float thickness, float on, float off,
            float origin) {
  if (path.size() < 2) return;
  if (on <= 0) {
    draw->AddPolyline(path.data(), static_cast<int>(path.size()), colour, ImDrawFlags_None, thickness);
    return;
  }
  const float period = on + off;
  auto& run = run_buffer();
  run.clear();
  auto flush = [&] {
    if (run.size() >= 2) draw->AddPolyline(run.data(), static_cast<int>(run.size()), colour, ImDrawFlags_None, thickness);
    run.clear();
  };
  auto is_on = [&](float x) { return std::fmod(std::max(x - origin, 0.0f), period) < on; };
  auto at_x = [](ImVec2 a, ImVec2 b, float x) {
    const float t = b.x > a.x ? (x - a.x) / (b.x - a.x) : 0.0f;
    return ImVec2(x, a.y + (b.y - a.y) * t);
  };
  if (is_on(path.front().x)) run.push_back(path.front());
  for (std::size_t i = 1; i < path.size(); ++i) {
    const ImVec2 a = path[i - 1], b = path[i];
    // the dash edges strictly inside (a.x, b.x)
    float k = std::floor(std::max(a.x - origin, 0.0f) / period);
    for (;; k += 1) {
      const float start = origin + k * period, stop = start + on;
      if (start > a.x && start < b.x) { flush(); run.push_back(at_x(a, b, start)); }
      if (stop > a.x && stop < b.x) { run.push_back(at_x(a, b, stop)); flush(); }
      if (start + period >= b.x) break;
    }
    if (is_on(b.x)) run.push_back(b);
    else flush();
  }
  flush();
}

// Plot geometry: the data rectangle and the step range it spans.
struct Frame {
  float x0, y0, x1, y1;
  double s0, s1;
  float x_of(double step) const { return x0 + static_cast<float>((step - s0) / (s1 - s0)) * (x1 - x0); }
};

// Draws one series of `line` (points [begin, end)), `y_of(point)` giving its screen y, reduced per column.
template <typename YOf>
void draw_series(ImDrawList* draw, const Frame& f, const std::vector<core::TimelinePoint>& line, std::size_t begin,
                 std::size_t end, YOf y_of, ImU32 colour, float thickness, float dash) {
  if (end <= begin) return;
  const int columns = std::max(1, static_cast<int>(f.x1 - f.x0));
  auto& cols = column_buffer();
  cols.assign(static_cast<std::size_t>(columns), Column{});
  for (std::size_t i = begin; i < end; ++i) {
    const int c = std::clamp(static_cast<int>(f.x_of(static_cast<double>(line[i].step)) - f.x0), 0, columns - 1);
    const float y = y_of(line[i]);
    Column& col = cols[static_cast<std::size_t>(c)];
    if (!col.any) col = Column{y, y, true};
    col.lo = std::min(col.lo, y);
    col.hi = std::max(col.hi, y);
  }
  auto& path = path_buffer();
  path.clear();
  for (int c = 0; c < columns; ++c) {
    const Column& col = cols[static_cast<std::size_t>(c)];
    if (!col.any) continue;
    const float x = f.x0 + static_cast<float>(c) + 0.5f;
    if (col.hi - col.lo < 0.5f) {
      path.emplace_back(x, 0.5f * (col.lo + col.hi));
      continue;
    }
    // the end nearer the previous column first, so the line sweeps the column's range once
    const bool low_first = path.empty() || std::fabs(path.back().y - col.lo) < std::fabs(path.back().y - col.hi);
    path.emplace_back(x, low_first ? col.lo : col.hi);
    path.emplace_back(x, low_first ? col.hi : col.lo);
  }
  if (path.size() == 1) path.emplace_back(path.front().x + 1.0f, path.front().y);
  stroke(draw, path, colour, thickness, dash, dash * 0.6f, f.x0);
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Axes: nice step ticks, loss decades, dead-fraction percentages
// ---------------------------------------------------------------------------------------------------------

std::string step_label(double step) {
  char text[32];
  const double a = std::fabs(step);
  if (a >= 1e6) std::snprintf(text, sizeof text, "%gM", step / 1e6);
  else if (a >= 1e4) std::snprintf(text, sizeof text, "%gk", step / 1e3);
  else std::snprintf(text, sizeof text, "%.0f", step);
  return text;
}

// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-12))));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

void draw_axes(ImDrawList* draw, const Frame& f, double lo, double hi, float scale) {
  const ImU32 axis = grey(0.35f), faint = grey(0.88f), label = grey(0.25f);
  const float tick = 0.3f * em(), line = std::max(1.0f, std::round(scale));
  draw->AddRect(ImVec2(f.x0, f.y0), ImVec2(f.x1, f.y1), axis, 0.0f, 0, line);
  // steps along the bottom: whole steps, about one label per 7 em
  const double per = nice_step(std::max(1.0, (f.s1 - f.s0) / std::max(1.0, (f.x1 - f.x0) / (7.0 * em()))));
  for (double s = std::ceil(f.s0 / per) * per; s <= f.s1 + 1e-9; s += per) {
    const float x = f.x_of(s);
    draw->AddLine(ImVec2(x, f.y1), ImVec2(x, f.y1 + tick), axis, line);
    const std::string text = step_label(s);
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    draw->AddText(ImVec2(std::clamp(x - 0.5f * w, f.x0 - 2.0f * em(), f.x1 - w), f.y1 + tick), label, text.c_str());
  }
  // loss on the left: every decade in range (thinned to fit), else the range's two ends
  const float h = f.y1 - f.y0;
  auto loss_y = [&](double l) { return f.y1 - static_cast<float>((l - lo) / (hi - lo)) * h; };
  auto left_label = [&](double exponent, float y) {
    const std::string text = core::short_number(std::pow(10.0, exponent));
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddLine(ImVec2(f.x0 - tick, y), ImVec2(f.x0, y), axis, line);
    draw->AddText(ImVec2(f.x0 - tick - size.x - 2.0f, y - 0.5f * size.y), label, text.c_str());
  };
  const int first = static_cast<int>(std::ceil(lo - 1e-9)), last = static_cast<int>(std::floor(hi + 1e-9));
  if (last >= first) {
    const int every = std::max(1, static_cast<int>(std::ceil((last - first + 1) * 1.3 * em() / std::max(h, 1.0f))));
    for (int d = first; d <= last; d += every) {
      draw->AddLine(ImVec2(f.x0, loss_y(d)), ImVec2(f.x1, loss_y(d)), faint, 1.0f);
      left_label(d, loss_y(d));
    }
  } else {
    left_label(lo, f.y1 - 0.5f * em());
    left_label(hi, f.y0 + 0.5f * em());
  }
  // dead fraction on the right
  for (int pct : {0, 50, 100}) {
    const float y = f.y1 - static_cast<float>(pct) / 100.0f * h;
    char text[8];
    std::snprintf(text, sizeof text, "%d%%", pct);
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddLine(ImVec2(f.x1, y), ImVec2(f.x1 + tick, y), axis, line);
    draw->AddText(ImVec2(f.x1 + tick + 2.0f, std::clamp(y - 0.5f * size.y, f.y0 - 0.5f * size.y, f.y1 - 0.5f * size.y)),
                  label, text);
  }
}

// A kick or knock: a downward triangle above the plot and a thin line through it.
void kick_mark(ImDrawList* draw, const Frame& f, float x, ImU32 colour) {
  const float r = 0.35f * em();
  draw->AddLine(ImVec2(x, f.y0), ImVec2(x, f.y1), grey(0.1f, 0.35f), 1.0f);
  draw->AddTriangleFilled(ImVec2(x - r, f.y0 - 1.6f * r), ImVec2(x + r, f.y0 - 1.6f * r), ImVec2(x, f.y0), colour);
}

}  // namespace

// ---------------------------------------------------------------------------------------------------------
// [SECTION] The timeline
// ---------------------------------------------------------------------------------------------------------

void LabView::draw_timeline(const Snapshot& s, float width, float height, std::vector<core::Command>& out) {
  ImGui::BeginChild("timeline", ImVec2(width, height), true, ImGuiWindowFlags_NoScrollbar);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool can_scrub = s.shows(Control::Scrub);  // a lesson without "scrub" shows the plot but no rewinding
  const int twins = s.twin_count();
  const std::int64_t now = s.lab->step, live = std::max(s.lab->live_step, now);
  const bool rewound = live > now;

  // title, and "back to live" while the learner looks at the past; the legend follows on the same row
  const float row_top = ImGui::GetCursorScreenPos().y;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(can_scrub ? "census \xE2\x80\x94 drag to rewind" : "census");
  if (rewound && can_scrub) {
    char back[64];
    std::snprintf(back, sizeof back, "Back to live (step %lld)", static_cast<long long>(live));
    ImGui::SameLine();
    if (ImGui::SmallButton(back)) out.emplace_back(core::RewindCommand{live});
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("Return to where training was before you rewound.\nStepping, playing or an edit from here drops that future.");
  }
  const ImVec2 title_end(ImGui::GetItemRectMax().x + em(), row_top + ImGui::GetStyle().FramePadding.y);

  // legend: one colour per twin (twins) or per layer (one network); loss dashed, dead fraction solid
  const std::size_t layers = s.twin(0).census.layers.size();
  const bool by_twin = twins > 1;
  auto colour_of = [&](int twin, std::size_t layer) {
    return rgb(series_colour(by_twin ? static_cast<std::size_t>(twin) : layer));
  };
  const ImU32 loss_single = grey(0.15f);
  const float thick = std::max(1.0f, std::round(2.0f * scale_)), thin = std::max(1.0f, std::round(1.0f * scale_));
  const float dash = 5.0f * scale_;
  {
    const float sw = 1.6f * em(), gap = 0.9f * em();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float left = ImGui::GetCursorScreenPos().x, row = ImGui::GetTextLineHeight();
    ImVec2 at = title_end;
    bool drawing = false;  // a first pass measures: the legend is left out if it would leave the plot too short
    auto entry = [&](const std::string& text, ImU32 colour, float dashed, bool triangle) {
      const float w = sw + 0.3f * em() + ImGui::CalcTextSize(text.c_str()).x;
      if (at.x > left && at.x + w > right) at = ImVec2(left, at.y + row + 0.25f * em());
      const float my = at.y + 0.5f * row;
      if (drawing && triangle) {
        const float r = 0.35f * em(), cx = at.x + 0.5f * sw;
        draw->AddTriangleFilled(ImVec2(cx - r, my - 0.8f * r), ImVec2(cx + r, my - 0.8f * r), ImVec2(cx, my + 0.8f * r), colour);
      } else if (drawing) {
        path_buffer().assign({ImVec2(at.x, my), ImVec2(at.x + sw, my)});
        stroke(draw, path_buffer(), colour, dashed > 0 ? thin : thick, dashed, dashed * 0.6f, at.x);
      }
      if (drawing) draw->AddText(ImVec2(at.x + sw + 0.3f * em(), at.y), grey(0.15f), text.c_str());
      at.x += w + gap;
    };
    auto entries = [&] {
      if (by_twin) {
        for (int t = 0; t < twins; ++t) entry(short_activation(s.twin(t).census.activation), colour_of(t, 0), 0, false);
        entry("dead fraction", grey(0.3f), 0, false);
        entry("loss", grey(0.3f), dash, false);
      } else {
        if (layers == 1) {
          entry("dead fraction", colour_of(0, 0), 0, false);
        } else {  // one colour per layer; the solid lines are dead fractions
          for (std::size_t l = 0; l < layers; ++l) entry("layer " + std::to_string(l + 1), colour_of(0, l), 0, false);
          entry("dead fraction", grey(0.3f), 0, false);
        }
        entry("loss", loss_single, dash, false);
      }
      entry("kick / knock", grey(0.0f), 0, true);
    };
    entries();
    const float below_title = ImGui::GetCursorScreenPos().y;
    const float legend_end = std::max(at.y + row + 0.3f * em(), below_title);
    const float window_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowContentRegionMax().y;
    if (window_bottom - legend_end >= 5.0f * em()) {
      at = title_end;
      drawing = true;
      entries();
      ImGui::SetCursorScreenPos(ImVec2(left, legend_end));
    }
  }

  // the plot area: axes around a data rectangle
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const ImVec2 size(ImGui::GetContentRegionAvail().x, std::max(ImGui::GetContentRegionAvail().y, 2.0f * em()));
  ImGui::InvisibleButton("scrub", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  const bool scrubbing = ImGui::IsItemActive(), hovered = ImGui::IsItemHovered();
  Frame f{};
  f.x0 = p.x + ImGui::CalcTextSize("0.0001").x + 0.6f * em();
  f.x1 = p.x + size.x - ImGui::CalcTextSize("100%").x - 0.6f * em();
  f.y0 = p.y + 0.8f * em();
  f.y1 = p.y + size.y - ImGui::GetTextLineHeight() - 0.4f * em();
  if (f.x1 - f.x0 < 2.0f * em() || f.y1 - f.y0 < 1.0f * em()) {  // too small for axes: the bare plot
    f = Frame{p.x, p.y, p.x + size.x, p.y + size.y, 0, 1};
  }
  layout_.timeline[0] = f.x0 / scale_;
  layout_.timeline[1] = f.y0 / scale_;
  layout_.timeline[2] = (f.x1 - f.x0) / scale_;
  layout_.timeline[3] = (f.y1 - f.y0) / scale_;
  const auto& points = s.twin(0).timeline;
  if (points.size() < 2) {
    draw->AddRect(ImVec2(f.x0, f.y0), ImVec2(f.x1, f.y1), grey(0.35f));
    ImGui::EndChild();
    return;
  }
  f.s0 = static_cast<double>(points.front().step);
  f.s1 = static_cast<double>(std::max({points.back().step, live, points.front().step + 1}));
  layout_.timeline_steps[0] = f.s0;
  layout_.timeline_steps[1] = f.s1;

  // one log-scale range for every twin's loss, so each line stays inside the plot
  double lo = 1e300, hi = -1e300;
  for (int t = 0; t < twins; ++t)
    for (const auto& q : s.twin(t).timeline)
      if (std::isfinite(q.train_loss) && q.train_loss > 0) { lo = std::min(lo, std::log10(q.train_loss)); hi = std::max(hi, std::log10(q.train_loss)); }
  if (!(hi > lo)) { lo = std::min(lo, 0.0); hi = lo + 1; }
  const double pad = 0.04 * (hi - lo);
  lo -= pad;
  hi += pad;
  if (rewound)  // the kept future, shaded
    draw->AddRectFilled(ImVec2(f.x_of(static_cast<double>(now)), f.y0), ImVec2(f.x1, f.y1), grey(0.5f, 0.08f));
  draw_axes(draw, f, lo, hi, scale_);

  const float inset = 0.5f * thick;
  auto loss_y = [&](const core::TimelinePoint& q) {
    const double ll = q.train_loss > 0 && std::isfinite(q.train_loss) ? std::log10(q.train_loss) : lo;
    return f.y1 - static_cast<float>((std::clamp(ll, lo, hi) - lo) / (hi - lo)) * (f.y1 - f.y0);
  };
  draw->PushClipRect(ImVec2(f.x0, f.y0 - 1), ImVec2(f.x1 + 1, f.y1 + 1), true);
  for (int t = twins - 1; t >= 0; --t) {  // twin 0 on top
    const auto& line = s.twin(t).timeline;
    // points after `now` are the kept future: drawn faint, joined to the present
    const std::size_t split = static_cast<std::size_t>(
        std::upper_bound(line.begin(), line.end(), now, [](std::int64_t v, const core::TimelinePoint& q) { return v < q.step; }) - line.begin());
    const std::size_t future_from = split > 0 ? split - 1 : 0;
    for (std::size_t l = 0; l < layers; ++l) {
      auto dead_y = [&, l](const core::TimelinePoint& q) {
        const double d = l < q.dead_fraction.size() ? q.dead_fraction[l] : 0.0;
        return f.y1 - inset - static_cast<float>(d) * (f.y1 - f.y0 - 2 * inset);
      };
      const ImU32 c = colour_of(t, l);
      draw_series(draw, f, line, 0, split, dead_y, c, thick, 0);
      draw_series(draw, f, line, future_from, line.size(), dead_y, (c & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 70), thick, 0);
    }
    const ImU32 c = by_twin ? colour_of(t, 0) : loss_single;
    draw_series(draw, f, line, 0, split, loss_y, c, thin, dash);
    draw_series(draw, f, line, future_from, line.size(), loss_y, (c & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 70), thin, dash);
  }
  draw->PopClipRect();

  // events: kicks and knocks as triangles above the plot; deaths and revivals as short ticks inside it
  for (const auto& e : s.lab->events) {
    if (static_cast<double>(e.step) < f.s0) continue;
    const float x = f.x_of(static_cast<double>(e.step));
    const bool lit = e.layer >= 0 && UnitRef{e.layer, e.unit} == hovered_;
    if (lit) draw->AddLine(ImVec2(x, f.y0), ImVec2(x, f.y1), grey(0.0f, 0.5f), 3.0f);
    const float tick = 0.5f * em();
    if (e.kind == core::EventKind::Kick || e.kind == core::EventKind::Knock) kick_mark(draw, f, x, grey(0.0f));
    else if (e.kind == core::EventKind::Death) draw->AddLine(ImVec2(x, f.y1 - tick), ImVec2(x, f.y1), grey(0.1f), thin);
    else if (e.kind == core::EventKind::Revival) draw->AddLine(ImVec2(x, f.y0), ImVec2(x, f.y0 + tick), grey(0.1f), thin);
  }
  if (rewound) {  // where the lab is now
    const float x = f.x_of(static_cast<double>(now));
    draw->AddLine(ImVec2(x, f.y0), ImVec2(x, f.y1), grey(0.1f), thick);
  }

  // scrubbing: dragging previews the state at the step under the pointer (the history keeps what it can:
  // see its cap); reaching the live end goes back to live. Nothing is lost until the learner changes something.
  const double reachable = static_cast<double>(s.lab->history_begin);
  const double mouse_step = f.s0 + std::clamp((ImGui::GetIO().MousePos.x - f.x0) / std::max(f.x1 - f.x0, 1.0f), 0.0f, 1.0f) * (f.s1 - f.s0);
  const auto target = std::min(live, static_cast<std::int64_t>(std::llround(std::max(mouse_step, reachable))));
  if (can_scrub && (scrubbing || hovered)) {
    const float x = f.x_of(static_cast<double>(target));
    draw->AddLine(ImVec2(x, f.y0), ImVec2(x, f.y1), grey(0.2f, scrubbing ? 0.9f : 0.35f), 1.5f);
    char label[48];
    std::snprintf(label, sizeof label, "step %lld", static_cast<long long>(target));
    draw->AddText(ImVec2(std::min(x + 4, f.x1 - 6 * em()), f.y0 + 2), grey(0.2f), label);
  }
  if (can_scrub && ImGui::IsItemActivated()) {
    scrub_sent_ = -1;
    if (s.playing) out.emplace_back(core::PauseCommand{});  // a preview would be overwritten by the next frame
  }
  if (can_scrub && scrubbing && target != scrub_sent_ && target != now) {
    out.emplace_back(core::RewindCommand{target});
    scrub_sent_ = target;
  }
  ImGui::EndChild();
}

}  // namespace relulab::ui
