// lab_json.cpp — what the page reads as JSON: the state (window.relulab.state()) and the events since the
// last look (window.relulab events, postMessage to an embedding host). Reads the app, changes only the
// pending-event queues.
#include "app/app.h"

#include <string>

#include "core/json_value.h"

namespace relulab::app {

std::string App::take_events_json() {
  using core::JsonValue;
  std::string out = "[";
  for (const std::string& event : pending_app_events_) out += (out.size() > 1 ? "," : "") + event;
  pending_app_events_.clear();
  for (const core::Event& e : pending_events_) {
    const char* type = "event";
    switch (e.kind) {
      case core::EventKind::Death: type = "unitDied"; break;
      case core::EventKind::Revival: type = "unitRevived"; break;
      case core::EventKind::Diverged: type = "diverged"; break;
      case core::EventKind::Kick: type = "kick"; break;
      case core::EventKind::Knock: type = "knock"; break;
      case core::EventKind::Fork: type = "fork"; break;
      case core::EventKind::Reinit: type = "reinit"; break;
      case core::EventKind::Rewind: type = "rewind"; break;
    }
    JsonValue item = JsonValue::object();
    item.set("type", JsonValue::string(type));
    item.set("step", JsonValue::number(static_cast<double>(e.step)));
    item.set("twin", JsonValue::number(e.twin));
    item.set("layer", JsonValue::number(e.layer));
    item.set("unit", JsonValue::number(e.unit));
    item.set("text", JsonValue::string(e.text));
    out += (out.size() > 1 ? "," : "") + core::to_json(item);
  }
  pending_events_.clear();
  return out + "]";
}

std::string App::state_json() const {
  std::string out;
  out.reserve(4096);
  auto key = [&out](const char* k) { core::append_json_string(out, k); out += ':'; };
  auto num = [&out](double v) { core::append_json_number(out, v); };
  out += '{';
  key("step"); num(static_cast<double>(session_.step_count())); out += ',';
  key("live_step"); num(static_cast<double>(session_.live_step())); out += ',';  // > step: rewound, future kept
  key("playing"); out += playing_ ? "true" : "false"; out += ',';
  key("speed"); num(steps_per_frame_); out += ',';
  key("points"); num(static_cast<double>(session_.data().x_train.cols())); out += ',';
  key("loss"); num(session_.census(0).train_loss); out += ',';
  key("core_ms"); num(core_ms_); out += ',';
  key("history_bytes"); num(static_cast<double>(session_.history_bytes())); out += ',';
  key("narration"); core::append_json_string(out, narration_); out += ',';
  key("banner"); core::append_json_string(out, banner()); out += ',';
  key("query"); core::append_json_string(out, link_query()); out += ',';
  key("embed"); out += embed_ ? "true" : "false"; out += ',';
  key("selected"); out += '['; num(selected_layer_); out += ','; num(selected_unit_); out += "],";
  key("events"); num(static_cast<double>(session_.events().size())); out += ',';
  key("twins"); out += '[';
  for (int t = 0; t < session_.twin_count(); ++t) {
    const core::TwinCensus& c = session_.census(t);
    if (t) out += ',';
    out += '{';
    key("activation"); core::append_json_string(out, c.activation); out += ',';
    key("loss"); num(c.train_loss); out += ',';
    key("test_loss"); num(c.test_loss); out += ',';
    key("accuracy"); num(c.train_accuracy); out += ',';
    key("test_accuracy"); num(c.test_accuracy); out += ',';
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
        if (l == 0) {  // the first layer's line w.x + b = 0 in data coordinates (first two inputs)
          const core::LayerWeights& first = session_.weights(t).front();
          out += ',';
          key("line"); out += '[';
          num(first.w(static_cast<Eigen::Index>(u), 0)); out += ',';
          num(first.w.cols() > 1 ? first.w(static_cast<Eigen::Index>(u), 1) : 0.0); out += ',';
          num(first.b(static_cast<Eigen::Index>(u))); out += ']';
        }
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
