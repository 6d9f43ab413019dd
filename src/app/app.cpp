// app.cpp — command application, frame stepping and the JSON state.
#include "app/app.h"

#include <chrono>
#include <type_traits>

#include "core/json_value.h"

namespace relulab::app {

core::SessionConfig default_config() {
  core::SessionConfig config;
  config.data.kind = core::DataKind::Circle;
  config.data.size = 400;
  config.data.noise = 0.05;
  config.net.hidden = {8};
  config.train.lr = 0.5;
  config.seed = 1;
  return config;
}

App::App(const core::SessionConfig& config) : config_(config), session_(config) {}

void App::apply(const core::Command& command) {
  std::visit(
      [this](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, core::PlayCommand>) playing_ = true;
        else if constexpr (std::is_same_v<T, core::PauseCommand>) playing_ = false;
        else if constexpr (std::is_same_v<T, core::StepCommand>) session_.step(c.n);
        else if constexpr (std::is_same_v<T, core::SpeedCommand>) steps_per_frame_ = c.steps_per_frame;
        else if constexpr (std::is_same_v<T, core::KickCommand>) session_.kick(c.factor, c.batch);
        else if constexpr (std::is_same_v<T, core::KnockCommand>) {
          if (c.twin < session_.twin_count()) session_.knock(c.twin, c.unit, c.margin);
        } else if constexpr (std::is_same_v<T, core::ForkCommand>) session_.fork(c.activations);
        else if constexpr (std::is_same_v<T, core::ReinitDeadCommand>) session_.reinit_dead();
        else if constexpr (std::is_same_v<T, core::RewindCommand>) session_.rewind(c.step);
        else if constexpr (std::is_same_v<T, core::SelectUnitCommand>) {
          selected_layer_ = c.layer;
          selected_unit_ = c.unit;
        } else if constexpr (std::is_same_v<T, core::ResetCommand>) {
          session_ = core::Session(config_);
          ++data_generation_;
          narrated_events_ = 0;
          narration_.clear();
          playing_ = false;
        }
      },
      command);
  narrate_new_events();
}

bool App::apply_json(std::string_view json, std::string* error) {
  auto command = core::parse_command(json, error);
  if (!command) return false;
  if (const auto* knock = std::get_if<core::KnockCommand>(&*command)) {
    const auto& first = session_.weights(knock->twin < session_.twin_count() ? knock->twin : 0).front();
    if (knock->twin >= session_.twin_count() || knock->unit >= first.w.rows()) {
      if (error) *error = "knock: there are " + std::to_string(session_.twin_count()) + " twin(s) and " +
                          std::to_string(first.w.rows()) + " first-layer units; 'twin' and 'unit' count from 0";
      return false;
    }
  }
  apply(*command);
  return true;
}

void App::advance_frame() {
  if (!playing_) {
    core_ms_ = 0;
    return;
  }
  const auto start = std::chrono::steady_clock::now();
  session_.step(steps_per_frame_);
  core_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  narrate_new_events();
}

void App::narrate_new_events() {
  const auto& events = session_.events();
  if (narrated_events_ > events.size()) narrated_events_ = 0;  // the log was trimmed or reset
  for (; narrated_events_ < events.size(); ++narrated_events_)
    if (!events[narrated_events_].text.empty()) narration_ = events[narrated_events_].text;
}

ui::Snapshot App::snapshot(float content_scale) const {
  ui::Snapshot s;
  s.session = &session_;
  s.data_generation = data_generation_;
  s.playing = playing_;
  s.steps_per_frame = steps_per_frame_;
  s.kick_factor = kick_factor_;
  s.narration = narration_;
  s.content_scale = content_scale;
  s.core_ms = core_ms_;
  s.selected_layer = selected_layer_;
  s.selected_unit = selected_unit_;
  for (int t = 0; t < session_.twin_count(); ++t) {
    const auto& c = session_.census(t);
    if (c.diverged) s.banner = "Twin " + std::to_string(t + 1) + " (" + c.activation + ") stopped: " + c.diverged_reason;
  }
  return s;
}


std::string App::state_json() const {
  std::string out;
  out.reserve(4096);
  auto key = [&out](const char* k) { core::append_json_string(out, k); out += ':'; };
  auto num = [&out](double v) { core::append_json_number(out, v); };
  out += '{';
  key("step"); num(static_cast<double>(session_.step_count())); out += ',';
  key("playing"); out += playing_ ? "true" : "false"; out += ',';
  key("speed"); num(steps_per_frame_); out += ',';
  key("points"); num(static_cast<double>(session_.data().x_train.cols())); out += ',';
  key("loss"); num(session_.census(0).train_loss); out += ',';
  key("core_ms"); num(core_ms_); out += ',';
  key("narration"); core::append_json_string(out, narration_); out += ',';
  key("twins"); out += '[';
  for (int t = 0; t < session_.twin_count(); ++t) {
    const core::TwinCensus& c = session_.census(t);
    if (t) out += ',';
    out += '{';
    key("activation"); core::append_json_string(out, c.activation); out += ',';
    key("loss"); num(c.train_loss); out += ',';
    key("test_loss"); num(c.test_loss); out += ',';
    key("accuracy"); num(c.train_accuracy); out += ',';
    key("diverged"); out += c.diverged ? "true" : "false"; out += ',';
    key("diverged_reason"); core::append_json_string(out, c.diverged_reason); out += ',';
    key("layers"); out += '[';
    for (size_t l = 0; l < c.layers.size(); ++l) {
      const core::LayerCensus& layer = c.layers[l];
      if (l) out += ',';
      out += '{';
      key("dead_fraction"); num(layer.dead_fraction); out += ',';
      key("units"); out += '[';
      for (size_t u = 0; u < layer.units.size(); ++u) {
        const core::UnitCensus& unit = layer.units[u];
        if (u) out += ',';
        out += '{';
        key("k"); num(unit.active_count); out += ',';
        key("state"); core::append_json_string(out, core::to_string(unit.state)); out += ',';
        key("permanent"); out += unit.permanent ? "true" : "false"; out += ',';
        key("z_min"); num(unit.z_min); out += ',';
        key("z_max"); num(unit.z_max); out += ',';
        key("grad_norm"); num(unit.grad_norm); out += ',';
        key("margin"); num(unit.margin); out += ',';
        key("died_at"); num(static_cast<double>(unit.died_at)); out += ',';
        key("revived_at"); num(static_cast<double>(unit.revived_at));
        out += '}';
      }
      out += "]}";
    }
    out += "]}";
  }
  out += "]}";
  return out;
}

}  // namespace relulab::app
