// lab_view.h — the whole lab screen in ImGui: top bar (top_bar.cpp), one data plane per twin (plane_view.cpp),
// unit strips (unit_strips.cpp), census timeline (timeline_plot.cpp) and narration line. Reads a Snapshot,
// returns the commands the learner gave this frame; its widget state lives in this object.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/projection.h"
#include "render/plane_renderer.h"
#include "ui/settings_panel.h"
#include "ui/snapshot.h"

namespace relulab::ui {

// A unit is named by layer (0-based) and index; -1 = none.
struct UnitRef {
  int layer = -1, unit = -1;
  bool operator==(const UnitRef& o) const { return layer == o.layer && unit == o.unit; }
};

// Where things were drawn in the last frame, in CSS/logical pixels (for tests and tools that drive the lab
// with a real mouse): each twin's data plane with its visible data rectangle, and the census timeline.
struct Layout {
  // view: the data rectangle shown; markers: lines of k = 0 units outside it, marked at the edge
  struct Plane { float x = 0, y = 0, w = 0, h = 0; float view[4] = {}; int markers = 0; };
  std::vector<Plane> planes;             // a twin not shown (a phone shows one twin at a time): all zero
  std::vector<std::array<float, 4>> twin_tabs;  // x, y, w, h of each twin's tab (empty: twins side by side)
  float timeline[4] = {};                // x, y, w, h
  double timeline_steps[2] = {0, 0};     // the steps at the timeline's left and right edges
};

// A data rectangle (x0, y0) - (x1, y1), and how the planes' view departs from the one that fits the subject.
struct ViewRect { float x0 = -1, y0 = -1, x1 = 1, y1 = 1; };
struct PlaneView {
  float zoom = 1.0f;             // 1 = fit the subject
  float pan_x = 0.0f, pan_y = 0.0f;  // data units
  ViewRect fitted;               // the fitting view, as of the last frame
};
// What a plane must show, in plane coordinates: the data's box grown to take in the lines that matter.
struct Subject {
  float lo[2] = {-1, -1}, hi[2] = {1, 1};
};

class LabView {
 public:
  LabView();
  std::vector<core::Command> draw(const Snapshot& snapshot);
  const Layout& layout() const { return layout_; }
  // A pan/zoom gesture from the platform (two fingers on a touch screen): at framebuffer point (x, y), scale
  // the data plane under it by `scale` about that point and move it by (dx, dy) framebuffer pixels.
  void gesture(float x, float y, float scale, float dx, float dy);
  std::string layout_json() const;

 private:
  void draw_top_bar(const Snapshot& s, std::vector<core::Command>& out);
  void draw_lesson_card(const Snapshot& s, std::vector<core::Command>& out);
  void draw_plane(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out);
  void draw_strips(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out);
  void draw_timeline(const Snapshot& s, float width, float height, std::vector<core::Command>& out);
  void handle_keys(const Snapshot& s, std::vector<core::Command>& out);
  // The principal plane of data with more than two inputs (cached per data set), then every twin's first
  // layer as drawn, and the subject all planes share (plane_view.cpp).
  void prepare_planes(const Snapshot& s);
  void draw_edge_markers(const Snapshot& s, int twin, const ViewRect& view, float x, float y, float w, float h);

  std::array<std::unique_ptr<render::PlaneRenderer>, 4> planes_;
  UnitRef hovered_, hovered_next_;
  int dragging_unit_ = -1;       // first-layer unit being dragged in the plane, -1 none
  int dragging_twin_ = 0;
  float drag_bias_ = 0;          // preview bias while dragging
  std::string render_error_;
  Layout layout_;
  // data with more than two inputs is drawn in its principal plane (recomputed when the data changes)
  core::PlaneProjection projection_;
  core::Matrix projected_;
  core::Matrix projected_test_;  // the held-out points in the same plane
  std::uint64_t projected_generation_ = 0;
  std::array<core::LayerWeights, 4> first_layers_;  // per twin: the first layer in plane coordinates
  std::vector<core::LayerWeights> display_;  // the weights as drawn: first layer sliced, drag preview
  std::int64_t scrub_sent_ = -1;  // the step the timeline drag last rewound to (one command per new step)
  Subject subject_;              // the data plus the lines that matter, over every twin
  PlaneView plane_view_;         // one zoom and pan for every twin's plane (linked); double-click resets
  int shown_twin_ = 0;           // on a page too narrow for the twins side by side: the one shown (a tab)
  float scale_ = 1.0f;
  // the Kick button's settings: the snapshot's preset on a new scene, then what the learner picks beside it
  double kick_factor_ = 10;
  core::KickBatch kick_batch_ = core::KickBatch::Current;
  std::optional<std::string> kick_lesson_;  // the lesson the kick settings were taken from (none yet)
  bool settings_open_ = false;   // the Scene… panel
  double copied_at_ = -1;        // ImGui time of the last Copy link click (the button confirms it)
  // the Fork popup's ticks, one per choice (relu, leaky:0.01, leaky:0.1, prelu, rrelu, elu, selu, tanh)
  std::array<bool, 8> fork_chosen_{{true, false, true, false, false, true, false, false}};
  SettingsPanelState settings_state_;
};

}  // namespace relulab::ui
