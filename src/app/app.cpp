// app.cpp — the frame: applies commands, steps training through the lesson script, narrates new events,
// runs lesson checks and publishes the snapshot. The URL side is page_options.cpp, the JSON the page reads
// lab_json.cpp, the files the learner saves exports.cpp.
#include "app/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <type_traits>

#include "core/config_codec.h"
#include "core/csv_table.h"
#include "core/data_library.h"
#include "core/json_value.h"
#include "core/narration.h"

namespace relulab::app {

namespace {

// What the lesson card shows of a check: one seed's verdict in full, or over several seeds how many passed
// and how often each counted-over-seeds claim held ("... held in 15 of 20 seeds").
ui::LessonCheckView card_lines(const core::LessonCheck& check, bool one_seed) {
  ui::LessonCheckView view;
  view.lesson = check.lesson;
  view.passed = check.passed;
  view.seeds = static_cast<int>(check.seeds.size());
  if (one_seed && !check.seeds.empty()) {
    view.lines.push_back(check.seeds.front().sentence);
    for (const core::ExpectationResult& e : check.over_seeds)
      if (!e.passed) view.lines.push_back("not in this seed: " + e.sentence);
  } else {
    view.lines.push_back(std::to_string(check.passed_seeds) + " of " + std::to_string(check.seeds.size()) +
                         " seeds passed every per-seed claim (" + std::to_string(check.required_seeds) + " required)");
    for (const core::ExpectationResult& e : check.over_seeds) view.lines.push_back(e.sentence);
  }
  return view;
}

}  // namespace

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

// The picker's entries, read once from the built-in lessons (immutable, shared by every snapshot).
std::shared_ptr<const std::vector<ui::LessonEntry>> App::lesson_menu() {
  static const auto menu = [] {
    auto entries = std::make_shared<std::vector<ui::LessonEntry>>();
    for (const std::string& id : core::builtin_lesson_ids()) {
      std::string why;
      if (auto lesson = core::builtin_lesson(id, &why)) entries->push_back({id, lesson->title});
    }
    return std::shared_ptr<const std::vector<ui::LessonEntry>>(std::move(entries));
  }();
  return menu;
}

bool App::load_lesson(std::string_view id, std::string* error) {
  auto lesson = core::builtin_lesson(id, error);
  if (!lesson) return false;
  config_ = core::lesson_config(*lesson);
  controls_ = lesson->controls;
  script_ = core::LessonScript(lesson->events);
  kick_ = kFreePlayKick;
  for (const auto& event : lesson->events)
    if (const auto* kick = std::get_if<core::KickCommand>(&event.command)) {
      kick_ = *kick;
      break;
    }
  lesson_ = std::move(lesson);
  return true;
}

void App::restart() {
  // A data set that cannot be had here (a real set whose file is missing, data=custom before any file) would
  // make the session quietly train on something else: say so and use the default data instead.
  if (std::string problem = core::check_config(config_); !problem.empty() && core::is_real_data(config_.data.kind)) {
    banner_ = banner_.empty() ? problem : banner_ + " " + problem;
    config_.data = default_config().data;
  }
  session_ = core::Session(session_config());
  ++revision_;
  refusal_.clear();
  ++data_generation_;
  events_seen_ = 0;
  narration_.clear();
  playing_ = false;
  selected_layer_ = selected_unit_ = -1;
  last_check_ = {};  // it was about the scene before (another seed or lesson)
  script_.restart();
  std::vector<core::ScriptedEvent> fired;
  script_.fire_due(session_, &fired);  // events at step 0
  handle_fired(fired);
}

void App::advance(std::int64_t steps) {
  ++revision_;
  std::vector<core::ScriptedEvent> fired;
  script_.advance(session_, steps, &fired);
  handle_fired(fired);
}

// Scripted events the core does not apply itself (pause, select, speed) act on the app; every event's
// "say" becomes the narration.
void App::handle_fired(const std::vector<core::ScriptedEvent>& fired) {
  std::string text = narrate_new_events();
  for (const auto& event : fired) {
    if (std::holds_alternative<core::PauseCommand>(event.command)) playing_ = false;
    if (const auto* select = std::get_if<core::SelectUnitCommand>(&event.command)) {
      selected_layer_ = select->layer;
      selected_unit_ = select->unit;
    }
    if (const auto* speed = std::get_if<core::SpeedCommand>(&event.command)) steps_per_frame_ = speed->steps_per_frame;
    core::append_sentence(text, event.say);
  }
  narrate(text);
}

bool App::take_open_file_request() {
  const bool requested = open_file_requested_;
  open_file_requested_ = false;
  return requested;
}

bool App::take_link_request() {
  const bool requested = link_requested_;
  link_requested_ = false;
  return requested;
}

Result App::check(const core::Command& command) const {
  if (const auto* lesson = std::get_if<core::LessonCommand>(&command)) {
    std::string why;
    if (!core::builtin_lesson(lesson->id, &why)) return {false, "lesson: " + why};
  }
  if (const auto* knock = std::get_if<core::KnockCommand>(&command)) {
    const bool twin_ok = knock->twin >= 0 && knock->twin < session_.twin_count();
    const auto& first = session_.weights(twin_ok ? knock->twin : 0).front();
    if (!twin_ok || knock->unit < 0 || knock->unit >= first.w.rows())
      return {false, "knock: there are " + std::to_string(session_.twin_count()) + " twin(s) and " +
                         std::to_string(first.w.rows()) + " first-layer units; 'twin' and 'unit' count from 0"};
    const auto inputs = static_cast<std::size_t>(session_.data().x_train.rows());
    if (!knock->through.empty() && knock->through.size() != inputs)
      return {false, "knock: 'through' needs " + std::to_string(inputs) + " coordinate(s), one per input"};
  }
  if (const auto* set = std::get_if<core::SetCommand>(&command)) {
    core::SessionConfig scratch = config_;
    const auto errors = core::apply_settings(scratch, set->settings);  // the URL's rules and messages
    if (!errors.empty()) return {false, errors.front().message};
    if (std::string problem = core::check_config(scratch); !problem.empty()) return {false, problem};  // e.g. no file
  }
  if (const auto* load = std::get_if<core::LoadDataCommand>(&command)) {
    if (load->csv.size() > core::kMaxDataFileBytes) {
      return {false, "your CSV file is " + std::to_string(load->csv.size() >> 20) + " MB; the lab reads files up to " +
                         std::to_string(core::kMaxDataFileBytes >> 20) + " MB"};
    }
    std::string why;
    if (!core::parse_csv_table(load->csv, &why)) return {false, "your CSV file: " + why};
  }
  return {};
}

void App::show_refusal(const std::string& error) { refusal_ = error; }

Result App::apply(const core::Command& command) {
  Result result = check(command);
  if (!result.ok) return result;
  ++revision_;  // most commands change the session; a spare copy for the others costs little
  std::visit(
      [this](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, core::PlayCommand>) playing_ = true;
        else if constexpr (std::is_same_v<T, core::PauseCommand>) playing_ = false;
        else if constexpr (std::is_same_v<T, core::StepCommand>) advance(c.n);
        else if constexpr (std::is_same_v<T, core::SpeedCommand>) steps_per_frame_ = c.steps_per_frame;
        else if constexpr (std::is_same_v<T, core::KickCommand>) session_.kick(c.factor, c.batch);
        else if constexpr (std::is_same_v<T, core::KnockCommand>) {
          session_.knock(c);
        } else if constexpr (std::is_same_v<T, core::ForkCommand>) session_.fork(c.activations);
        else if constexpr (std::is_same_v<T, core::ReinitDeadCommand>) session_.reinit_dead();
        else if constexpr (std::is_same_v<T, core::RewindCommand>) {
          // a rewind keeps the future (Session::rewind); back at it, the script is as it was there
          const bool was_live = session_.live_step() == session_.step_count();
          if (was_live) live_script_ = script_;
          if (session_.rewind(c.step)) {
            if (!was_live && session_.live_step() == session_.step_count()) script_ = live_script_;
            else script_.rewound(session_.step_count());
          }
        }
        else if constexpr (std::is_same_v<T, core::SelectUnitCommand>) {
          selected_layer_ = c.layer;
          selected_unit_ = c.unit;
        } else if constexpr (std::is_same_v<T, core::ResetCommand>) {
          restart();
        } else if constexpr (std::is_same_v<T, core::SetCommand>) {
          core::apply_settings(config_, c.settings);  // check() found no error
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
          run_check(c);
        } else if constexpr (std::is_same_v<T, core::ExportCommand>) {
          export_requested_ = c.what;
        } else if constexpr (std::is_same_v<T, core::CopyLinkCommand>) {
          link_requested_ = true;
        } else if constexpr (std::is_same_v<T, core::OpenDataFileCommand>) {
          open_file_requested_ = true;
        } else if constexpr (std::is_same_v<T, core::LoadDataCommand>) {
          core::provide_real_data(core::DataKind::Custom, c.csv);  // check() parsed it: cannot fail here
          core::apply_settings(config_, {{"data", "custom"}});
          banner_.clear();
          limit_for_the_lab(config_, banner_);
          restart();
        }
      },
      command);
  narrate(narrate_new_events());
  return result;
}

Result App::apply_json(std::string_view json) {
  std::string error;
  auto command = core::parse_command(json, &error);
  if (!command) return {false, error.empty() ? "command refused" : error};
  return apply(*command);
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

std::string App::narrate_new_events() {
  constexpr size_t kMaxPending = 256;
  const auto& events = session_.events();
  const std::uint64_t recorded = session_.events_recorded();
  const size_t fresh = static_cast<size_t>(std::min<std::uint64_t>(recorded - events_seen_, events.size()));
  events_seen_ = recorded;
  if (fresh == 0) return {};
  const std::vector<core::Event> batch(events.end() - static_cast<std::ptrdiff_t>(fresh), events.end());
  for (const core::Event& e : batch)
    if (pending_events_.size() < kMaxPending) pending_events_.push_back(e);
  return core::narrate_batch(batch);
}

// The narration line says the batch's sentence, and the page hears it ({"type":"narration","text":…}) for
// its live region: the same words, every batch.
void App::narrate(const std::string& text) {
  if (text.empty()) return;
  narration_ = text;
  constexpr size_t kMaxPendingApp = 64;
  if (pending_app_events_.size() >= kMaxPendingApp) return;
  core::JsonValue event = core::JsonValue::object();
  event.set("type", core::JsonValue::string("narration"));
  event.set("text", core::JsonValue::string(text));
  pending_app_events_.push_back(core::to_json(event));
}

// Runs the loaded lesson's verification predicate over its seeds (headless sessions of their own; the
// scene on screen is untouched) and reports {"type":"lessonCheck", …lesson_check_json()…}.
void App::run_check(const core::CheckCommand& command) {
  using core::JsonValue;
  JsonValue report = JsonValue::object();
  report.set("type", JsonValue::string("lessonCheck"));
  if (!lesson_) {
    report.set("lesson", JsonValue());
    report.set("passed", JsonValue::boolean(false));
    report.set("summary", JsonValue::string("no lesson is loaded: open one with lesson=<id>"));
    report.set("seeds", JsonValue::array());
  } else {
    std::vector<std::uint64_t> seeds;  // empty: the lesson's own
    for (int i = 0; i < command.seeds; ++i) seeds.push_back(config_.seed + static_cast<std::uint64_t>(i));
    const auto start = std::chrono::steady_clock::now();
    const core::LessonCheck check = core::check_lesson(*lesson_, seeds);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // "type" first, then the schema `relulab lessons check --json` writes, then how long it took
    const JsonValue fields = core::lesson_check_json(check);
    for (const auto& [key, value] : fields.members()) report.set(key, value);
    report.set("ms", JsonValue::number(std::round(ms)));
    narration_ = check.summary;
    last_check_ = card_lines(check, command.seeds == 1);
    if (check.passed) {
      if (std::find(passed_lessons_.begin(), passed_lessons_.end(), check.lesson) == passed_lessons_.end())
        passed_lessons_.push_back(check.lesson);
      JsonValue passed = JsonValue::object();
      passed.set("type", JsonValue::string("lessonPassed"));
      passed.set("lesson", JsonValue::string(check.lesson));
      passed.set("passed_seeds", JsonValue::number(check.passed_seeds));
      passed.set("seeds", JsonValue::number(static_cast<double>(check.seeds.size())));
      pending_app_events_.push_back(core::to_json(report));
      pending_app_events_.push_back(core::to_json(passed));
      return;
    }
  }
  pending_app_events_.push_back(core::to_json(report));
}

// Copy-assignment into lab_'s existing vectors reuses their buffers, so a frame at a steady shape
// allocates nothing; a snapshot still held elsewhere is never written to (a fresh LabState then).
void App::refresh_lab() {
  if (!lab_ || lab_.use_count() > 1) lab_ = std::make_shared<ui::LabState>();
  ui::LabState& lab = *lab_;
  lab.step = session_.step_count();
  lab.history_begin = session_.history_begin();
  lab.live_step = session_.live_step();
  lab.config = session_.config();
  lab.twins.resize(static_cast<size_t>(session_.twin_count()));
  for (int t = 0; t < session_.twin_count(); ++t) {
    ui::TwinView& twin = lab.twins[static_cast<size_t>(t)];
    twin.census = session_.census(t);
    twin.weights = session_.weights(t);
    twin.timeline = session_.live_timeline(t);
  }
  lab.events = session_.events();
  lab_revision_ = revision_;
}

ui::Snapshot App::snapshot(float content_scale) {
  ui::Snapshot s;
  if (lab_revision_ != revision_ || !lab_) {
    const auto start = std::chrono::steady_clock::now();
    refresh_lab();
    if (playing_) core_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  }
  if (!data_ || lab_data_generation_ != data_generation_) {
    data_ = std::make_shared<const core::Dataset>(session_.data());
    lab_data_generation_ = data_generation_;
  }
  s.lab = lab_;
  s.data = data_;
  if (lesson_) {
    s.lesson = ui::LessonCard{lesson_->id, lesson_->title, lesson_->text, lesson_->notice};
    if (last_check_.lesson == lesson_->id) s.lesson->check = last_check_;
  }
  s.passed_lessons = passed_lessons_;
  s.lesson_menu = lesson_menu();
  s.data_generation = data_generation_;
  s.playing = playing_;
  s.steps_per_frame = steps_per_frame_;
  s.narration = narration_;
  s.content_scale = content_scale;
  s.core_ms = core_ms_;
  s.selected_layer = selected_layer_;
  s.selected_unit = selected_unit_;
  s.embed = embed_;
  s.controls = ui::ControlSet::from_names(controls_);
  s.kick_factor = kick_.factor;
  s.kick_batch = kick_.batch;
  s.banner = banner();
  return s;
}

}  // namespace relulab::app
