// draw_common.h — what the lab's view files share: the palette, colour and size helpers, and the sentence
// that explains a unit's state (unit_strips.cpp). Internal to src/ui; not a public API.
#pragma once

#include <string>

#include <imgui.h>

#include "core/activations.h"
#include "core/census.h"
#include "render/plane_renderer.h"

namespace relulab::ui {

inline const render::Palette kPalette;

inline ImU32 rgb(const render::Rgb& c, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha)); }
inline ImU32 grey(float v, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(v, v, v, alpha)); }
inline float em() { return ImGui::GetFontSize(); }

// Line colours for the timeline's series (one per twin, or one per layer), after Okabe and Ito's palette for
// colour-vision deficiencies; the yellow is darkened to read on white. Black is kept for event marks.
inline render::Rgb series_colour(std::size_t index) {
  static const render::Rgb colours[8] = {
      {0.0f, 0.447f, 0.698f},    // blue
      {0.835f, 0.369f, 0.0f},    // vermillion
      {0.0f, 0.620f, 0.451f},    // bluish green
      {0.800f, 0.475f, 0.655f},  // reddish purple
      {0.902f, 0.624f, 0.0f},    // orange
      {0.337f, 0.706f, 0.914f},  // sky blue
      {0.62f, 0.56f, 0.0f},      // dark yellow
      {0.45f, 0.45f, 0.45f},     // grey
  };
  return colours[index % 8];
}

// An activation's name for a label: its numbers in four digits ("rrelu:0.125:0.3333" for
// "rrelu:0.125:0.3333333333333333"); anything that is not a number stays as it is.
inline std::string short_activation(const std::string& name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t colon = std::min(name.find(':', start), name.size());
    const std::string piece = name.substr(start, colon - start);
    core::Scalar value = 0;
    out += start > 0 && core::parse_number(piece, &value) ? core::short_number(value) : piece;
    if (colon == name.size()) break;
    out += ':';
    start = colon + 1;
  }
  return out;
}

// A unit's state in one sentence for its tooltip (layer 0-based, n points).
std::string explain(const core::UnitCensus& u, int layer, int n);

}  // namespace relulab::ui
