// fuzz_lesson.cpp — libFuzzer target for the lesson file loader (lesson.h: parse_lesson), which a course author
// (or anyone who can get a file in front of the CLI) controls.
// Invariants checked on every input, besides "no crash, no sanitizer report":
//   - a refused file has a message (not empty);
//   - an accepted lesson keeps its promises: its settings apply cleanly to a fresh config and give a valid one;
//     events are in step order; controls are known and listed once; every variant sets up a valid scene; the
//     expectations name known variants; min_seeds is at most the number of seeds;
//   - formatting does not matter: the same document written compactly (to_json) parses to the same lesson;
//   - for small scenes (n <= 64): the script runs 60 steps on a Session and everything a renderer reads stays
//     finite.
// Does not run the verification predicate (check_lesson): its runs are long by design.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config_codec.h"
#include "core/json_value.h"
#include "core/lesson.h"
#include "fuzz_check.h"

using namespace relulab::core;

namespace {

constexpr std::size_t kMaxInputBytes = 80 * 1024;  // past the loader's 64 KiB cap
constexpr int kMaxSessionPoints = 64;

void check_scene(const SessionConfig& config, const std::string& where) {
  const std::string problem = check_config(config);
  FUZZ_CHECK(problem.empty() || config.data.kind == DataKind::Custom, where + ": " + problem);  // custom: see fuzz_command
  const std::size_t acts = config.net.activations.size();
  FUZZ_CHECK(acts <= 1 || acts == config.net.hidden.size(), where + ": act list length");
}

// What a lesson is, as text, for comparing two parses (the fields a reader of the file would see).
std::string summary(const Lesson& lesson) {
  std::string s = lesson.id + "|" + lesson.title + "|" + lesson.text + "|";
  for (const auto& [key, value] : lesson.config) s += key + "=" + value + ";";
  for (const ScriptedEvent& e : lesson.events) s += std::to_string(e.at) + ":" + std::to_string(e.command.index()) + ":" + e.say + ";";
  for (const std::string& c : lesson.controls) s += c + ",";
  for (const std::string& n : lesson.notice) s += n + ",";
  if (lesson.check) {
    s += "check " + std::to_string(lesson.check->steps) + " " + std::to_string(lesson.check->min_seeds) + "/" +
         std::to_string(lesson.check->seeds.size()) + " variants " + std::to_string(lesson.check->variants.size()) +
         " expect " + std::to_string(lesson.check->expect.size());
  }
  return s;
}

void check_accepted(const Lesson& lesson) {
  SessionConfig scene;
  const auto errors = apply_settings(scene, lesson.config);
  FUZZ_CHECK(errors.empty(), "accepted config refused: " + (errors.empty() ? std::string() : errors.front().message));
  check_scene(scene, "lesson config");
  FUZZ_CHECK(to_query(lesson_config(lesson)) == to_query(scene), "lesson_config differs from its settings");

  for (std::size_t i = 1; i < lesson.events.size(); ++i) {
    FUZZ_CHECK(lesson.events[i - 1].at <= lesson.events[i].at, "events out of order");
  }
  const auto& known = control_names();
  for (std::size_t i = 0; i < lesson.controls.size(); ++i) {
    FUZZ_CHECK(std::find(known.begin(), known.end(), lesson.controls[i]) != known.end(), lesson.controls[i]);
    FUZZ_CHECK(std::count(lesson.controls.begin(), lesson.controls.end(), lesson.controls[i]) == 1, "control twice");
  }
  FUZZ_CHECK(!variant_setup(lesson, "no such variant!", nullptr, nullptr), "unknown variant accepted");
  if (!lesson.check) return;
  const LessonCheckSpec& check = *lesson.check;
  FUZZ_CHECK(!check.seeds.empty() && check.min_seeds >= 0 &&
                 static_cast<std::size_t>(check.min_seeds) <= check.seeds.size(),
             "min_seeds out of range");
  for (const LessonVariant& variant : check.variants) {
    SessionConfig config;
    std::vector<ScriptedEvent> events;
    FUZZ_CHECK(variant_setup(lesson, variant.name, &config, &events), "variant " + variant.name + " not found");
    check_scene(config, "variant " + variant.name);
    for (std::size_t i = 1; i < events.size(); ++i) FUZZ_CHECK(events[i - 1].at <= events[i].at, "variant events");
  }
  for (const Expectation& e : check.expect) {
    FUZZ_CHECK(variant_setup(lesson, e.variant, nullptr, nullptr), "expectation names unknown variant " + e.variant);
    FUZZ_CHECK(e.layer >= 0 && e.layer <= 8, "expectation layer");
    FUZZ_CHECK(e.min || e.max || e.bound != Bound::None, "expectation without a bound");
    FUZZ_CHECK(!(e.min && e.max) || *e.min <= *e.max, "min > max");
    if (e.bound != Bound::None) {
      FUZZ_CHECK(variant_setup(lesson, e.reference_variant, nullptr, nullptr), "unknown reference variant");
    }
  }
}

void run_small_scene(const Lesson& lesson) {
  SessionConfig config = lesson_config(lesson);
  config.history_bytes = std::min<std::size_t>(config.history_bytes, 1u << 20);  // keeps each run fast
  Session session(config);
  LessonScript script(lesson.events);
  script.fire_due(session);
  script.advance(session, 60);
  relulab::fuzz::check_session_finite(session);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto lesson = parse_lesson(text, &error);
  if (!lesson) {
    // Not empty; lesson messages may echo a hostile name verbatim (newlines included): see docs/reliability.md.
    FUZZ_CHECK(!error.empty(), "refusal without a message");
    return 0;
  }
  check_accepted(*lesson);

  // The same document, written compactly, is the same lesson.
  std::string json_error;
  const auto document = parse_json(text, &json_error, JsonLimits{size, 16});
  FUZZ_CHECK(document.has_value(), "a lesson that parse_json refuses: " + json_error);
  const std::string compact = to_json(*document);
  if (compact.size() <= 64 * 1024) {
    const auto again = parse_lesson(compact, &error);
    FUZZ_CHECK(again.has_value(), "compact form refused: " + error);
    FUZZ_CHECK(summary(*again) == summary(*lesson), "compact form is another lesson");
  }

  if (lesson_config(*lesson).data.size <= kMaxSessionPoints) run_small_scene(*lesson);
  return 0;
}
