// draw_common.h — what the lab's view files share: the palette, colour and size helpers, and the sentence
// that explains a unit's state (unit_strips.cpp). Internal to src/ui; not a public API.
#pragma once

#include <string>

#include <imgui.h>

#include "core/census.h"
#include "render/plane_renderer.h"

namespace relulab::ui {

inline const render::Palette kPalette;

inline ImU32 rgb(const render::Rgb& c, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha)); }
inline ImU32 grey(float v, float alpha = 1.0f) { return ImGui::ColorConvertFloat4ToU32(ImVec4(v, v, v, alpha)); }
inline float em() { return ImGui::GetFontSize(); }

// A unit's state in one sentence for its tooltip (layer 0-based, n points).
std::string explain(const core::UnitCensus& u, int layer, int n);

}  // namespace relulab::ui
