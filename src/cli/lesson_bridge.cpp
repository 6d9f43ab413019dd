// lesson_bridge.cpp — `relulab lessons` (list), `relulab lessons check` (every verification predicate,
// headless, seeds in parallel) and the lesson -> RunPlan conversion behind `run --lesson`. The lessons, their
// scripts and predicates are core/lesson.h's; nothing about them is re-implemented here.
#include "cli/lesson_bridge.h"

#include <algorithm>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/plan.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "core/json_value.h"
#include "core/lesson.h"

namespace relulab::cli {

namespace {

using core::JsonValue;

constexpr std::int64_t kDefaultLessonSteps = 1000;
constexpr std::int64_t kMaxSeed = 1000000;
constexpr std::size_t kMaxCheckSeeds = 200;

// --seeds for `lessons check`: a comma-separated list whose items are seeds or inclusive blocks "A..B"
// (e.g. "7000..7049" or "1,2,10..12"), 1 to kMaxCheckSeeds seeds in all.
FlagSetter seed_block_flag(std::vector<int>* out) {
  return [out](const std::string& value) -> std::string {
    const std::string expected = "--seeds takes seeds from 0 to " + std::to_string(kMaxSeed) +
                                 " as a comma-separated list of seeds and blocks A..B, 1 to " +
                                 std::to_string(kMaxCheckSeeds) + " seeds in all (got '" + (value.size() > 40 ? value.substr(0, 40) + "..." : value) + "')";
    std::vector<int> items;
    for (const std::string& part : split(value, ',')) {
      const std::size_t dots = part.find("..");
      std::int64_t first = 0, last = 0;
      if (dots == std::string::npos) {
        if (!parse_int(part, &first)) return expected;
        last = first;
      } else if (!parse_int(part.substr(0, dots), &first) || !parse_int(part.substr(dots + 2), &last)) {
        return expected;
      }
      if (first < 0 || last > kMaxSeed || first > last) return expected;
      if (last - first + 1 > static_cast<std::int64_t>(kMaxCheckSeeds)) return expected;
      for (std::int64_t seed = first; seed <= last; ++seed) items.push_back(static_cast<int>(seed));
      if (items.size() > kMaxCheckSeeds) return expected;
    }
    if (items.empty()) return expected;
    *out = std::move(items);
    return "";
  };
}

std::string unknown_lesson(const std::string& id) {
  return "no lesson '" + id + "'; lessons are " + join(core::builtin_lesson_ids(), ", ");
}

int list_lessons(const CommonOptions& common) {
  std::vector<core::Lesson> lessons;
  for (const std::string& id : core::builtin_lesson_ids()) {
    std::string error;
    auto lesson = core::builtin_lesson(id, &error);
    if (!lesson) {
      std::fprintf(stderr, "relulab lessons: built-in lesson %s does not parse: %s\n", id.c_str(), error.c_str());
      return kExitRuntime;
    }
    lessons.push_back(std::move(*lesson));
  }
  if (common.json) {
    JsonValue list = JsonValue::array();
    for (const core::Lesson& lesson : lessons) {
      JsonValue o = JsonValue::object();
      o.set("id", JsonValue::string(lesson.id));
      o.set("title", JsonValue::string(lesson.title));
      o.set("text", JsonValue::string(lesson.text));
      o.set("config", JsonValue::string(describe_config(core::lesson_config(lesson))));
      o.set("events", JsonValue::number(static_cast<double>(lesson.events.size())));
      o.set("check_steps", JsonValue::number(lesson.check ? static_cast<double>(lesson.check->steps) : 0));
      o.set("check_seeds", JsonValue::number(lesson.check ? static_cast<double>(lesson.check->seeds.size()) : 0));
      o.set("min_seeds", JsonValue::number(lesson.check ? lesson.check->min_seeds : 0));
      list.push(std::move(o));
    }
    return print_out(core::to_json(list) + "\n");
  }
  Table table;
  table.header = {"id", "title", "config", "events", "check"};
  table.right_align = {false, false, false, true, false};
  for (const core::Lesson& lesson : lessons) {
    table.rows.push_back({lesson.id, lesson.title, describe_config(core::lesson_config(lesson)),
                          std::to_string(lesson.events.size()),
                          lesson.check ? std::to_string(lesson.check->steps) + " steps, " +
                                             std::to_string(lesson.check->min_seeds) + " of " +
                                             std::to_string(lesson.check->seeds.size()) + " seeds"
                                       : "none"});
  }
  return common.csv ? print_out(table.to_csv()) : print_out(table.to_markdown());
}

}  // namespace

std::string plan_from_lesson(const std::string& id, RunPlan* plan) {
  std::string error;
  if (!core::builtin_lesson_text(id)) return unknown_lesson(id);
  auto lesson = core::builtin_lesson(id, &error);
  if (!lesson) return "lesson " + id + " does not parse: " + error;
  plan->config = core::lesson_config(*lesson);
  plan->events = lesson->events;
  plan->lesson_script = true;
  plan->steps = lesson->check && lesson->check->steps > 0 ? lesson->check->steps : kDefaultLessonSteps;
  return "";
}

int lessons_command(const Arguments& args) {
  CommonOptions common;
  std::vector<int> seeds;
  bool verbose = false;
  std::vector<Flag> flags;
  flags.push_back({"seeds", "LIST", "lessons check: these seeds instead of each lesson's own: seeds and blocks A..B, "
                   "e.g. 7000..7049 (0 to 1000000, up to 200 seeds); the required count scales with the number",
                   seed_block_flag(&seeds)});
  flags.push_back({"verbose", "", "lessons check: every seed's sentence, not only the failures'",
                   switch_flag(&verbose)});
  add_common_flags(flags, common, true, false, true);
  std::vector<std::string> positionals;
  const CommandHelp help{
      "relulab lessons [--json|--csv]\n       relulab lessons check [ID ...] [--seeds LIST] [--threads T] [flags]",
      "Lists the built-in lessons, or runs their verification predicates headless (each lesson over its\n"
      "seeds; it passes when enough seeds pass). Status 1 when a lesson fails.",
      "lessons --json prints [{\"id\", \"title\", \"text\", \"config\", \"events\", \"check_steps\", \"check_seeds\",\n"
      "\"min_seeds\"}]. lessons check --json prints [{\"lesson\", \"passed\", \"passed_seeds\", \"required_seeds\",\n"
      "\"summary\", \"seeds\": [{\"seed\", \"passed\", \"sentence\"}], \"over_seeds\": [{\"passed\", \"value\",\n"
      "\"sentence\"}]}].\n"};
  if (auto done = begin_command("lessons", help, args, flags, common, nullptr, &positionals)) return *done;
  if (positionals.empty()) return list_lessons(common);
  if (positionals.front() != "check") {
    return usage_error("lessons", "unknown subcommand '" + positionals.front() + "' (valid: check)");
  }

  std::vector<std::string> ids(positionals.begin() + 1, positionals.end());
  if (ids.empty()) ids = core::builtin_lesson_ids();
  std::vector<core::Lesson> lessons;
  for (const std::string& id : ids) {
    if (!core::builtin_lesson_text(id)) return usage_error("lessons", unknown_lesson(id));
    std::string error;
    auto lesson = core::builtin_lesson(id, &error);
    if (!lesson) return usage_error("lessons", "lesson " + id + " does not parse: " + error);
    lessons.push_back(std::move(*lesson));
  }
  struct Job {
    std::size_t lesson = 0;
    std::uint64_t seed = 0;
  };
  std::vector<Job> jobs;
  for (std::size_t l = 0; l < lessons.size(); ++l) {
    std::vector<std::uint64_t> lesson_seeds(seeds.begin(), seeds.end());
    if (lesson_seeds.empty() && lessons[l].check) lesson_seeds = lessons[l].check->seeds;
    for (std::uint64_t seed : lesson_seeds) jobs.push_back({l, seed});
  }
  std::vector<core::SeedResult> results(jobs.size());
  {
    Progress progress("lessons check", static_cast<std::int64_t>(jobs.size()), !common.quiet);
    parallel_for(static_cast<int>(jobs.size()), common.threads, [&](int j) {
      const Job& job = jobs[static_cast<std::size_t>(j)];
      results[static_cast<std::size_t>(j)] = core::check_lesson_seed(lessons[job.lesson], job.seed);
    }, &progress);
  }
  std::vector<core::LessonCheck> checks;
  for (std::size_t l = 0; l < lessons.size(); ++l) {
    std::vector<core::SeedResult> mine;
    for (std::size_t j = 0; j < jobs.size(); ++j)
      if (jobs[j].lesson == l) mine.push_back(results[j]);
    checks.push_back(core::combine_seed_results(lessons[l], std::move(mine)));
  }
  const bool all_passed = std::all_of(checks.begin(), checks.end(), [](const core::LessonCheck& c) { return c.passed; });

  if (common.json) {
    JsonValue list = JsonValue::array();
    for (const core::LessonCheck& check : checks) list.push(core::lesson_check_json(check));
    print_out(core::to_json(list) + "\n");
    return all_passed ? kExitOk : kExitRuntime;
  }
  Table table;
  table.header = {"lesson", "seeds passed", "required", "result"};
  table.right_align = {false, true, true, false};
  for (const core::LessonCheck& check : checks) {
    table.rows.push_back({check.lesson, std::to_string(check.passed_seeds) + "/" + std::to_string(check.seeds.size()),
                          std::to_string(check.required_seeds), check.passed ? "pass" : "FAIL"});
  }
  if (common.csv) {
    print_out(table.to_csv());
    return all_passed ? kExitOk : kExitRuntime;
  }
  std::string text = table.to_markdown();
  for (const core::LessonCheck& check : checks) {
    std::string details;
    for (const core::SeedResult& seed : check.seeds)
      if (verbose || !seed.passed) details += "  " + seed.sentence + "\n";
    for (const core::ExpectationResult& e : check.over_seeds)
      details += std::string("  over seeds: ") + (e.passed ? "held: " : "FAILED: ") + e.sentence + "\n";
    if (!details.empty()) text += "\n" + check.summary + "\n" + details;
  }
  print_out(text);
  return all_passed ? kExitOk : kExitRuntime;
}

}  // namespace relulab::cli
