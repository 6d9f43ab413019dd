// style.h — ImGui look: the embedded font at the display's pixel density, sizes scaled with it, and
// colours that match the render palette.
#pragma once

namespace relulab::ui {

// (Re)builds the font atlas and style for content_scale. Returns true when the font atlas changed,
// so the platform must recreate the GPU font texture.
bool apply_style(float content_scale);

}  // namespace relulab::ui
