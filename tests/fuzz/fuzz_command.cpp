// fuzz_command.cpp — libFuzzer target for the postMessage / window.relulab.command parser (commands.h:
// parse_command) and the JSON reader under it (json_value.h).
// Invariants checked on every input, besides "no crash, no sanitizer report":
//   - JSON: a document that parses writes back (to_json) to text that parses to the same text (a fixed point);
//   - a refused command has a one-line message;
//   - an accepted command, written back as JSON, parses again to the same command (written the same);
//   - a 'set' command's settings apply cleanly to a fresh config;
//   - core commands (step, kick, knock, fork, reinit, rewind) applied to a small session keep everything a
//     renderer reads finite.
// Does not test the app's command loop or the page's origin checks (browser tests do).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/commands.h"
#include "core/config_codec.h"
#include "core/json_value.h"
#include "fuzz_check.h"

using namespace relulab::core;
using relulab::fuzz::readable_message;

namespace {

constexpr std::size_t kMaxInputBytes = 2 * kMaxCommandBytes;  // past the cap, to test the size refusal
template <class T>
constexpr bool kAlwaysFalse = false;

// The command as the JSON a host page would send for it.
std::string command_json(const Command& command) {
  JsonValue object = JsonValue::object();
  auto name = [&](const char* cmd) { object.set("cmd", JsonValue::string(cmd)); };
  auto number = [&](const char* key, double v) { object.set(key, JsonValue::number(v)); };
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, PlayCommand>) name("play");
        else if constexpr (std::is_same_v<T, PauseCommand>) name("pause");
        else if constexpr (std::is_same_v<T, ResetCommand>) name("reset");
        else if constexpr (std::is_same_v<T, CheckCommand>) { name("check"); if (c.seeds) number("seeds", c.seeds); }
        else if constexpr (std::is_same_v<T, ReinitDeadCommand>) name("reinit");
        else if constexpr (std::is_same_v<T, CopyLinkCommand>) name("copy-link");  // never parsed
        else if constexpr (std::is_same_v<T, StepCommand>) { name("step"); number("n", c.n); }
        else if constexpr (std::is_same_v<T, SpeedCommand>) { name("speed"); number("n", c.steps_per_frame); }
        else if constexpr (std::is_same_v<T, KickCommand>) {
          name("kick");
          number("factor", c.factor);
          object.set("batch", JsonValue::string(c.batch == KickBatch::Outlier ? "outlier" : "current"));
        } else if constexpr (std::is_same_v<T, KnockCommand>) {
          name("knock");
          number("twin", c.twin);
          number("unit", c.unit);
          if (c.through.empty()) {
            number("margin", c.margin);
          } else {
            JsonValue point = JsonValue::array();
            for (Scalar v : c.through) point.push(JsonValue::number(v));
            object.set("through", point);
          }
        } else if constexpr (std::is_same_v<T, ForkCommand>) {
          name("fork");
          JsonValue list = JsonValue::array();
          for (const Activation& a : c.activations) list.push(JsonValue::string(to_string(a)));
          object.set("activations", list);
        } else if constexpr (std::is_same_v<T, RewindCommand>) {
          name("rewind");
          number("step", static_cast<double>(c.step));
        } else if constexpr (std::is_same_v<T, SelectUnitCommand>) {
          name("select");
          number("layer", c.layer);
          number("unit", c.unit);
        } else if constexpr (std::is_same_v<T, SetCommand>) {
          name("set");
          for (const auto& [key, value] : c.settings) object.set(key, JsonValue::string(value));
        } else if constexpr (std::is_same_v<T, LessonCommand>) {
          name("lesson");
          object.set("id", JsonValue::string(c.id));
        } else if constexpr (std::is_same_v<T, ExportCommand>) {
          name("export");
          const char* what = c.what == ExportKind::Census    ? "census"
                             : c.what == ExportKind::Weights ? "weights"
                             : c.what == ExportKind::Data    ? "data"
                                                             : "png";
          object.set("what", JsonValue::string(what));
        } else if constexpr (std::is_same_v<T, LoadDataCommand>) {
          name("loadData");
          object.set("csv", JsonValue::string(c.csv));
        } else if constexpr (std::is_same_v<T, OpenDataFileCommand>) {
          name("openDataFile");
        } else {
          static_assert(kAlwaysFalse<T>, "a new command: write it back as JSON here");
        }
      },
      command);
  return to_json(object);
}

void check_json_fixed_point(std::string_view text) {
  std::string error;
  const auto value = parse_json(text, &error, JsonLimits{kMaxCommandBytes, 8});
  if (!value) {
    FUZZ_CHECK(readable_message(error), "JSON refusal without a readable message: '" + error + "'");
    return;
  }
  const std::string written = to_json(*value);
  const auto reread = parse_json(written, &error, JsonLimits{16 * kMaxInputBytes, 8});
  FUZZ_CHECK(reread.has_value(), "to_json wrote text its reader refuses: " + written + " (" + error + ")");
  FUZZ_CHECK(to_json(*reread) == written, "to_json is not a fixed point: " + written);
}

// Core commands on a small session (the app's other commands only touch the UI or restart the scene).
void apply_to_session(const Command& command) {
  SessionConfig config;
  config.data.size = 40;
  config.net.hidden = {4, 3};
  Session session(config);
  session.step(3);
  const bool applied = std::visit(
      [&](const auto& c) -> bool {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, StepCommand>) session.step(std::min(c.n, 5));
        else if constexpr (std::is_same_v<T, KickCommand>) session.kick(c.factor, c.batch);
        else if constexpr (std::is_same_v<T, KnockCommand>) session.knock(c);
        else if constexpr (std::is_same_v<T, ForkCommand>) session.fork(c.activations);
        else if constexpr (std::is_same_v<T, ReinitDeadCommand>) session.reinit_dead();
        else if constexpr (std::is_same_v<T, RewindCommand>) session.rewind(c.step);
        else return false;
        return true;
      },
      command);
  if (!applied) return;
  relulab::fuzz::check_session_finite(session);
  session.kick(1000);  // and a violent kick on top of whatever the command did
  session.step(2);
  relulab::fuzz::check_session_finite(session);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size <= kMaxCommandBytes) check_json_fixed_point(text);

  std::string error;
  const auto command = parse_command(text, &error);
  if (!command) {
    FUZZ_CHECK(readable_message(error), "refusal without a readable message: '" + error + "'");
    return 0;
  }
  FUZZ_CHECK(!std::holds_alternative<CopyLinkCommand>(*command), "copy-link is not a page command");
  const std::string written = command_json(*command);
  // (a loadData's CSV written back may outgrow the command limit when its escapes are longer: not re-read)
  if (written.size() <= kMaxCommandBytes) {
    std::string again_error;
    const auto again = parse_command(written, &again_error);
    FUZZ_CHECK(again.has_value(), "re-parse of " + written + " failed: " + again_error);
    FUZZ_CHECK(command_json(*again) == written, "re-parse changed " + written + " into " + command_json(*again));
    FUZZ_CHECK(again->index() == command->index(), "re-parse changed the command kind: " + written);
  }

  if (const auto* set = std::get_if<SetCommand>(&*command)) {
    SessionConfig config;
    const auto errors = apply_settings(config, set->settings);
    // The only refusal the parser cannot see alone: a per-layer act list that does not match hidden.
    for (const SettingError& e : errors) FUZZ_CHECK(e.key == "act", "set " + written + ": " + e.message);
    // data=custom names the learner's file, which only a loadData hands over: the one config that waits for data
    FUZZ_CHECK(check_config(config).empty() || config.data.kind == DataKind::Custom, "set " + written + " gave an invalid config");
  }
  apply_to_session(*command);
  return 0;
}
