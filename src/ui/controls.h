// controls.h — the lab's controls as a type: one enum, one name table (the names lesson files and the
// `controls=` URL key use, the same list as core::control_names()), and the set of controls on screen.
// Views ask `snapshot.controls.shows(Control::Kick)`; no loose strings. Header only, no ImGui.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace relulab::ui {

enum class Control {
  Play, Pause, Step, Kick, Knock, Fork, Reinit, Reset, Speed, Scrub,
  Data, Network, Activation, Init, Optimizer, Lr, Batch, Regularization, Seed,
};
inline constexpr std::size_t kControlCount = 19;

// In enum order; tests/app checks it equals core::control_names().
inline constexpr std::array<const char*, kControlCount> kControlNames = {
    "play", "pause", "step", "kick", "knock", "fork", "reinit", "reset", "speed", "scrub",
    "data", "network", "activation", "init", "optimizer", "lr", "batch", "regularization", "seed"};

inline const char* control_name(Control c) { return kControlNames[static_cast<std::size_t>(c)]; }

inline std::optional<Control> control_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kControlCount; ++i)
    if (name == kControlNames[i]) return static_cast<Control>(i);
  return std::nullopt;
}

// The visible controls: all of them (no list given), or exactly those named.
class ControlSet {
 public:
  ControlSet() { shown_.set(); }
  // Names that are not controls are skipped (the app has already reported them).
  static ControlSet from_names(const std::vector<std::string>& names) {
    ControlSet set;
    if (names.empty()) return set;
    set.shown_.reset();
    for (const auto& name : names)
      if (auto c = control_from_name(name)) set.shown_.set(static_cast<std::size_t>(*c));
    return set;
  }
  bool shows(Control c) const { return shown_.test(static_cast<std::size_t>(c)); }

 private:
  std::bitset<kControlCount> shown_;
};

}  // namespace relulab::ui
