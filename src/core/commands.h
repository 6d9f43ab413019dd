// commands.h — everything a view, the keyboard, the page (window.relulab.command) or a host page
// (postMessage) can ask of the lab, as plain values. Views return these; only the app applies them.
// parse_command() turns untrusted JSON into a Command or a sentence saying what was wrong.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/limits.h"
#include "core/types.h"

namespace relulab::core {

struct PlayCommand {};
struct PauseCommand {};
struct StepCommand { int n = 1; };
struct ResetCommand {};
struct SpeedCommand { int steps_per_frame = 1; };
struct KickCommand { Scalar factor = 10; KickBatch batch = KickBatch::Current; };
// Knock a first-layer unit's line off the data. What the learner did decides where it goes: a drag sets
// `through`, the point (input coordinates, one value per input) the line must pass through; otherwise the
// line is placed `margin` |w| past the training data. Session::knock does the geometry.
struct KnockCommand {
  KnockCommand() = default;
  KnockCommand(int twin_index, int unit_index, Scalar margin_past) : twin(twin_index), unit(unit_index), margin(margin_past) {}
  KnockCommand(int twin_index, int unit_index, std::vector<Scalar> point)
      : twin(twin_index), unit(unit_index), through(std::move(point)) {}
  int twin = 0;
  int unit = 0;
  Scalar margin = 0.1;
  std::vector<Scalar> through;
};
struct ForkCommand { std::vector<Activation> activations; };
struct ReinitDeadCommand {};
struct RewindCommand { std::int64_t step = 0; };
struct SelectUnitCommand { int layer = -1; int unit = -1; };  // -1: none
struct SetCommand { std::vector<std::pair<std::string, std::string>> settings; };  // codec keys; restarts the scene
struct LessonCommand { std::string id; };                           // load a built-in lesson
// Runs the lesson's verification predicate headless: over the lesson's own seeds (seeds = 0), or over `seeds`
// consecutive seeds from the scene's seed (1 = only the scene's seed; at most kMaxCheckSeedsPerCommand).
struct CheckCommand { int seeds = 0; };
inline constexpr int kMaxCheckSeedsPerCommand = 50;
struct CopyLinkCommand {};                                          // put a link to this exact scene on the clipboard
enum class ExportKind { Png, Census, Weights, Data };
struct ExportCommand { ExportKind what = ExportKind::Png; };        // hand a file of the scene to the learner
struct LoadDataCommand { std::string csv; };   // the learner's CSV (csv_table.h layout) becomes data=custom; restarts
struct OpenDataFileCommand {};                 // ask the platform for a file picker (it sends LoadDataCommand)

using Command = std::variant<PlayCommand, PauseCommand, StepCommand, ResetCommand, SpeedCommand, KickCommand,
                             KnockCommand, ForkCommand, ReinitDeadCommand, RewindCommand, SelectUnitCommand,
                             SetCommand, LessonCommand, CheckCommand, CopyLinkCommand, ExportCommand,
                             LoadDataCommand, OpenDataFileCommand>;

// kMaxStepsPerCommand, kMaxStepsPerFrame, kMaxCommandBytes and kMaxDataFileBytes live in limits.h.
// A loadData command through parse_command fits in kMaxCommandBytes; a bigger file goes to App::apply as a
// LoadDataCommand directly (the page's relulab_load_csv, a dropped file).

// Parses e.g. {"cmd":"step","n":10}. On failure: nullopt and *error names the field and what it accepts.
std::optional<Command> parse_command(std::string_view json_text, std::string* error);

}  // namespace relulab::core
