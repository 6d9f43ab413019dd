// lab_view.h — the whole lab screen in ImGui: top bar, one data plane per twin, unit strips, census
// timeline and narration line. Reads a Snapshot, returns the commands the learner gave this frame.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "core/commands.h"
#include "render/plane_renderer.h"
#include "ui/snapshot.h"

namespace relulab::ui {

// A unit is named by layer (0-based) and index; -1 = none.
struct UnitRef {
  int layer = -1, unit = -1;
  bool operator==(const UnitRef& o) const { return layer == o.layer && unit == o.unit; }
};

class LabView {
 public:
  LabView();
  std::vector<core::Command> draw(const Snapshot& snapshot);

 private:
  void draw_top_bar(const Snapshot& s, std::vector<core::Command>& out);
  void draw_lesson_card(const Snapshot& s);
  void draw_plane(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out);
  void draw_strips(const Snapshot& s, int twin, float width, float height, std::vector<core::Command>& out);
  void draw_timeline(const Snapshot& s, float width, float height, std::vector<core::Command>& out);
  void handle_keys(const Snapshot& s, std::vector<core::Command>& out);

  std::array<std::unique_ptr<render::PlaneRenderer>, 4> planes_;
  UnitRef hovered_, hovered_next_;
  int dragging_unit_ = -1;       // first-layer unit being dragged in the plane, -1 none
  int dragging_twin_ = 0;
  float drag_bias_ = 0;          // preview bias while dragging
  std::string render_error_;
};

}  // namespace relulab::ui
