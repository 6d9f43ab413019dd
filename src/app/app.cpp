// app.cpp — command application, frame stepping and the JSON state.
#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <type_traits>

#include "core/config_codec.h"
#include "core/datasets.h"
#include "core/weights_json.h"
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

namespace {

bool known_control(std::string_view name) {
  for (const auto& c : core::control_names())
    if (name == c) return true;
  return false;
}

std::string control_list() {
  std::string list;
  for (const auto& c : core::control_names()) list += (list.empty() ? "" : ", ") + c;
  return list;
}

void add_problem(std::string& banner, const std::string& problem) {
  if (!banner.empty()) banner += "  ";
  banner += problem;
}

// The lab allocates its rewind history up front; a page must not ask for a gigabyte of it. (The CLI, which
// has no such page, takes the codec's full range.)
constexpr std::size_t kMaxLabHistoryBytes = 64u << 20;

void limit_for_the_lab(core::SessionConfig& config, std::string& banner) {
  if (config.history_bytes <= kMaxLabHistoryBytes) return;
  add_problem(banner, "history: the lab keeps at most 64 MB of rewind history; using the default (" +
                          std::to_string(core::SessionConfig{}.history_bytes >> 20) + " MB)");
  config.history_bytes = core::SessionConfig{}.history_bytes;
}

}  // namespace

App::App(std::string_view query) : config_(default_config()), session_(config_) {
  // Page keys first: a lesson sets the scene, then the URL's settings override it key by key.
  std::vector<std::pair<std::string, std::string>> page;
  core::SessionConfig scratch;
  core::apply_query(scratch, query, [&](std::string_view key, std::string_view value) {
    page.emplace_back(std::string(key), std::string(value));
  });
  for (const auto& [key, value] : page) {
    if (key != "lesson") continue;
    std::string why;
    if (!load_lesson(value, &why)) add_problem(banner_, "lesson: " + why);
  }
  const auto errors = core::apply_query(config_, query);
  for (const auto& e : errors) add_problem(banner_, e.message);
  limit_for_the_lab(config_, banner_);
  for (const auto& [key, value] : page) {
    if (key == "embed") {
      if (value == "1" || value == "0") embed_ = value == "1";
      else add_problem(banner_, "embed: '" + core::quoted_excerpt(value) + "' is not allowed; expected 0 or 1");
    } else if (key == "controls") {
      std::vector<std::string> chosen;
      bool ok = true;
      size_t start = 0;
      while (start <= value.size()) {
        const size_t comma = value.find(',', start);
        const std::string name = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!known_control(name)) {
          add_problem(banner_, "controls: '" + core::quoted_excerpt(name) + "' is not a control; expected a comma list of " + control_list());
          ok = false;
          break;
        }
        chosen.push_back(name);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (ok) controls_ = std::move(chosen);
    }
    // "origin" is enforced by the page's message handler; "lesson" is applied by the lesson layer.
  }
  restart();
}

bool App::load_lesson(std::string_view id, std::string* error) {
  auto lesson = core::builtin_lesson(id, error);
  if (!lesson) return false;
  config_ = core::lesson_config(*lesson);
  controls_ = lesson->controls;
  script_ = core::LessonScript(lesson->events);
  lesson_ = std::move(lesson);
  return true;
}

void App::restart() {
  session_ = core::Session(config_);
  ++data_generation_;
  events_seen_ = 0;
  narration_.clear();
  playing_ = false;
  selected_layer_ = selected_unit_ = -1;
  script_.restart();
  std::vector<core::ScriptedEvent> fired;
  script_.fire_due(session_, &fired);  // events at step 0
  handle_fired(fired);
}

void App::advance(std::int64_t steps) {
  std::vector<core::ScriptedEvent> fired;
  script_.advance(session_, steps, &fired);
  handle_fired(fired);
}

// Scripted events the core does not apply itself (pause, select, speed) act on the app; every event's
// "say" becomes the narration.
void App::handle_fired(const std::vector<core::ScriptedEvent>& fired) {
  narrate_new_events();
  for (const auto& event : fired) {
    if (std::holds_alternative<core::PauseCommand>(event.command)) playing_ = false;
    if (const auto* select = std::get_if<core::SelectUnitCommand>(&event.command)) {
      selected_layer_ = select->layer;
      selected_unit_ = select->unit;
    }
    if (const auto* speed = std::get_if<core::SpeedCommand>(&event.command)) steps_per_frame_ = speed->steps_per_frame;
    if (!event.say.empty()) narration_ = event.say;
  }
}

std::string App::link_query() const {
  // The lesson's own settings are part of the lesson; the link carries only what differs from them.
  std::string query;
  if (lesson_) {
    query = "lesson=" + lesson_->id;
    const core::SessionConfig lesson_scene = core::lesson_config(*lesson_);
    for (const core::SettingInfo& setting : core::settings()) {
      const std::string value = setting.format(config_);
      if (value != setting.format(lesson_scene)) query += std::string("&") + setting.key + "=" + core::percent_encode(value);
    }
  } else {
    query = core::to_query(config_);
  }
  if (embed_) query += std::string(query.empty() ? "" : "&") + "embed=1";
  if (!controls_.empty()) {
    query += std::string(query.empty() ? "" : "&") + "controls=";
    for (size_t i = 0; i < controls_.size(); ++i) query += (i ? "," : "") + controls_[i];
  }
  return query;
}

std::string App::export_text(core::ExportKind kind) const {
  switch (kind) {
    case core::ExportKind::Weights: {
      // one JSON document per twin, as a JSON array (twin 0 first)
      std::string out = "[";
      for (int t = 0; t < session_.twin_count(); ++t)
        out += (t ? "," : "") + core::weights_to_json(session_.weights(t), session_.output());
      return out + "]";
    }
    case core::ExportKind::Data: return core::dataset_to_csv(session_.data());
    case core::ExportKind::Census: {
      std::string out = "step,twin,activation,train_loss";
      const size_t layers = session_.census(0).layers.size();
      for (size_t l = 0; l < layers; ++l) out += ",dead_fraction_layer" + std::to_string(l + 1);
      out += '\n';
      for (int t = 0; t < session_.twin_count(); ++t) {
        const std::string& activation = session_.census(t).activation;
        for (const core::TimelinePoint& p : session_.timeline(t)) {
          out += std::to_string(p.step) + ',' + std::to_string(t) + ',' + activation + ',';
          core::append_json_number(out, p.train_loss);
          for (core::Scalar d : p.dead_fraction) {
            out += ',';
            core::append_json_number(out, d);
          }
          out += '\n';
        }
      }
      return out;
    }
    case core::ExportKind::Png: break;
  }
  return {};
}

bool App::take_export(core::ExportKind* kind, std::string* filename, std::string* text) {
  if (!export_requested_) return false;
  *kind = *export_requested_;
  export_requested_.reset();
  const std::string stem = "relulab-" + (lesson_ ? lesson_->id + "-" : std::string()) + "step" + std::to_string(session_.step_count());
  switch (*kind) {
    case core::ExportKind::Png: *filename = stem + ".png"; break;
    case core::ExportKind::Census: *filename = stem + "-census.csv"; break;
    case core::ExportKind::Weights: *filename = stem + "-weights.json"; break;
    case core::ExportKind::Data: *filename = stem + "-data.csv"; break;
  }
  *text = export_text(*kind);
  return true;
}

bool App::take_link_request() {
  const bool requested = link_requested_;
  link_requested_ = false;
  return requested;
}

void App::apply(const core::Command& command) {
  std::visit(
      [this](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, core::PlayCommand>) playing_ = true;
        else if constexpr (std::is_same_v<T, core::PauseCommand>) playing_ = false;
        else if constexpr (std::is_same_v<T, core::StepCommand>) advance(c.n);
        else if constexpr (std::is_same_v<T, core::SpeedCommand>) steps_per_frame_ = c.steps_per_frame;
        else if constexpr (std::is_same_v<T, core::KickCommand>) session_.kick(c.factor, c.batch);
        else if constexpr (std::is_same_v<T, core::KnockCommand>) {
          if (c.twin < session_.twin_count()) session_.knock(c.twin, c.unit, c.margin);
        } else if constexpr (std::is_same_v<T, core::ForkCommand>) session_.fork(c.activations);
        else if constexpr (std::is_same_v<T, core::ReinitDeadCommand>) session_.reinit_dead();
        else if constexpr (std::is_same_v<T, core::RewindCommand>) {
          if (session_.rewind(c.step)) script_.rewound(session_.step_count());
        }
        else if constexpr (std::is_same_v<T, core::SelectUnitCommand>) {
          selected_layer_ = c.layer;
          selected_unit_ = c.unit;
        } else if constexpr (std::is_same_v<T, core::ResetCommand>) {
          restart();
        } else if constexpr (std::is_same_v<T, core::SetCommand>) {
          std::string ignored;  // parse_command validated every value
          for (const auto& [key, value] : c.settings) core::apply_setting(config_, key, value, &ignored);
          banner_.clear();
          limit_for_the_lab(config_, banner_);
          restart();
        } else if constexpr (std::is_same_v<T, core::LessonCommand>) {
          std::string why;
          if (load_lesson(c.id, &why)) {
            banner_.clear();
            restart();
          }
        } else if constexpr (std::is_same_v<T, core::CheckCommand>) {
          run_check();
        } else if constexpr (std::is_same_v<T, core::ExportCommand>) {
          export_requested_ = c.what;
        } else if constexpr (std::is_same_v<T, core::CopyLinkCommand>) {
          link_requested_ = true;
        }
      },
      command);
  narrate_new_events();
}

bool App::apply_json(std::string_view json, std::string* error) {
  auto command = core::parse_command(json, error);
  if (!command) return false;
  if (const auto* lesson = std::get_if<core::LessonCommand>(&*command)) {
    std::string why;
    if (!core::builtin_lesson(lesson->id, &why)) {
      if (error) *error = "lesson: " + why;
      return false;
    }
  }
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
  advance(steps_per_frame_);
  core_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void App::narrate_new_events() {
  constexpr size_t kMaxPending = 256;
  const auto& events = session_.events();
  const std::uint64_t recorded = session_.events_recorded();
  const size_t fresh = static_cast<size_t>(std::min<std::uint64_t>(recorded - events_seen_, events.size()));
  events_seen_ = recorded;
  for (size_t i = events.size() - fresh; i < events.size(); ++i) {
    if (!events[i].text.empty()) narration_ = events[i].text;
    if (pending_events_.size() < kMaxPending) pending_events_.push_back(events[i]);
  }
}

// Runs the loaded lesson's verification predicate over its seeds (headless sessions of their own; the
// scene on screen is untouched) and reports {"type":"lessonCheck", …lesson_check_json()…}.
void App::run_check() {
  using core::JsonValue;
  JsonValue report = JsonValue::object();
  report.set("type", JsonValue::string("lessonCheck"));
  if (!lesson_) {
    report.set("lesson", JsonValue());
    report.set("passed", JsonValue::boolean(false));
    report.set("summary", JsonValue::string("no lesson is loaded: open one with lesson=<id>"));
    report.set("seeds", JsonValue::array());
  } else {
    const core::LessonCheck check = core::check_lesson(*lesson_);
    report = core::lesson_check_json(check);  // the schema `relulab lessons check --json` writes
    report.set("type", JsonValue::string("lessonCheck"));
    narration_ = check.summary;
  }
  pending_app_events_.push_back(core::to_json(report));
}

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

ui::Snapshot App::snapshot(float content_scale) const {
  ui::Snapshot s;
  s.session = &session_;
  s.lesson = lesson_ ? &*lesson_ : nullptr;
  s.data_generation = data_generation_;
  s.playing = playing_;
  s.steps_per_frame = steps_per_frame_;
  s.narration = narration_;
  s.content_scale = content_scale;
  s.core_ms = core_ms_;
  s.selected_layer = selected_layer_;
  s.selected_unit = selected_unit_;
  s.embed = embed_;
  s.controls = controls_;
  s.banner = banner();
  return s;
}

std::string App::banner() const {
  std::string text = banner_;
  for (int t = 0; t < session_.twin_count(); ++t) {
    const auto& c = session_.census(t);
    if (c.diverged)
      add_problem(text, "Twin " + std::to_string(t + 1) + " (" + c.activation + ") stopped: " + c.diverged_reason);
  }
  return text;
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
