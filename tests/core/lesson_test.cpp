// lesson_test.cpp — lessons as data: every built-in lesson parses and its verification predicate passes on the
// real core; malformed files are refused with a message naming the field; the script fires events at the
// right steps whether driven in one go or frame by frame; predicates can fail.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/config_codec.h"
#include "core/lesson.h"

using namespace relulab::core;

namespace {

const char* kMinimal = R"({
  "id": "tiny", "title": "Tiny", "text": "A small scene.",
  "config": {"data": "sin", "n": "50", "hidden": "4", "lr": "0.1"},
  "events": [{"at": 3, "do": "kick", "factor": 5, "batch": "outlier"},
             {"at": 3, "do": "fork", "activations": ["relu", "elu"]},
             {"at": 6, "do": "pause", "say": "look"}],
  "controls": ["play", "kick"],
  "notice": ["something"],
  "check": {"steps": 10, "seeds": [1, 2], "min_seeds": 1,
            "variants": {"slow": {"config": {"lr": "0.01"}}},
            "expect": [{"measure": "loss", "at": 10, "min": 0},
                       {"measure": "diverged", "twin": "*", "max": 0}]}
})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::string parse_error(const std::string& text) {
  std::string error;
  auto lesson = parse_lesson(text, &error);
  CHECK_FALSE(lesson.has_value());
  return error;
}

}  // namespace

TEST_CASE("lesson: the built-in set is complete, in teaching order, and every file is valid") {
  const std::vector<std::string> expected = {"dead-unit",     "kill-shot",    "lr-sweep",     "negative-bias",
                                             "negative-data", "recovery-near", "recovery-far", "relu-family",
                                             "born-dead",     "fixes"};
  const auto ids = builtin_lesson_ids();
  REQUIRE(ids.size() >= expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(ids[i] == expected[i]);
  for (const std::string& id : ids) {
    CAPTURE(id);
    std::string error;
    auto lesson = builtin_lesson(id, &error);
    REQUIRE_MESSAGE(lesson.has_value(), error);
    CHECK(lesson->id == id);
    CHECK_FALSE(lesson->title.empty());
    CHECK(lesson->text.size() > 80);
    CHECK_FALSE(lesson->controls.empty());
    CHECK_FALSE(lesson->notice.empty());
    REQUIRE(lesson->check.has_value());
    CHECK(check_config(lesson_config(*lesson)).empty());
    SessionConfig back;  // the scene's settings round-trip through the URL codec
    CHECK(apply_query(back, to_query(lesson_config(*lesson))).empty());
    CHECK(to_query(back) == to_query(lesson_config(*lesson)));
  }
  std::string error;
  CHECK_FALSE(builtin_lesson("no-such-lesson", &error).has_value());
  CHECK(error.rfind("no lesson 'no-such-lesson' (lessons: dead-unit, kill-shot, ", 0) == 0);
  CHECK(builtin_lesson_text("kill-shot") != nullptr);
}

// The one test that runs every built-in lesson over all of its seeds (a few seconds in Release).
TEST_CASE("lesson: every built-in lesson's verification predicate holds on the real core") {
  for (const std::string& id : builtin_lesson_ids()) {
    CAPTURE(id);
    std::string error;
    auto lesson = builtin_lesson(id, &error);
    REQUIRE_MESSAGE(lesson.has_value(), error);
    const LessonCheck check = check_lesson(*lesson);
    std::string detail = check.summary;
    for (const SeedResult& seed : check.seeds) {
      if (!seed.passed) detail += "\n  " + seed.sentence;
    }
    MESSAGE(check.summary);
    CHECK_MESSAGE(check.passed, detail);
    CHECK(check.seeds.size() == lesson->check->seeds.size());
    if (id == "kill-shot" || id == "recovery-near") {  // issue 6: at least 8 of seeds 1..10
      CHECK(lesson->check->seeds == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
      CHECK(check.passed_seeds >= 8);
    }
  }
}

TEST_CASE("lesson: the predicates can fail (they are not true by construction)") {
  std::string error;
  // Without the kick, the kill shot kills nothing.
  auto kill = builtin_lesson("kill-shot", &error);
  REQUIRE(kill.has_value());
  kill->events.clear();
  LessonCheck check = check_lesson(*kill, {1, 2});
  CHECK_FALSE(check.passed);
  CHECK(check.passed_seeds == 0);
  REQUIRE(check.seeds.size() == 2);
  CHECK(check.seeds[0].sentence.rfind("seed 1 failed: relu, layer 1: 0 of 16 units on the data at step 100 were off it "
                                      "at step 101 (needed at least 2)", 0) == 0);
  CHECK(check.required_seeds == 2);  // 9 of 10, scaled to 2 seeds and rounded up

  // Forked into ReLU only, nothing comes back.
  auto near = builtin_lesson("recovery-near", &error);
  REQUIRE(near.has_value());
  for (ScriptedEvent& event : near->events) {
    if (auto* fork = std::get_if<ForkCommand>(&event.command)) {
      fork->activations = {activation_of(ActivationKind::ReLU), activation_of(ActivationKind::ReLU)};
    }
  }
  check = check_lesson(*near, {1});
  CHECK_FALSE(check.passed);
  REQUIRE(check.seeds[0].expectations.size() == near->check->expect.size());
  CHECK(check.seeds[0].expectations[3].sentence.find("no twin 'elu' at step 500") != std::string::npos);
  REQUIRE_FALSE(check.over_seeds.empty());
  CHECK_FALSE(check.over_seeds[0].passed);  // ELU brought nothing back: there is no ELU twin

  // A claim counted over seeds is worded by its "say" when it has one.
  auto worded = builtin_lesson("recovery-near", &error);
  REQUIRE(worded.has_value());
  check = check_lesson(*worded, {1, 2});
  REQUIRE(check.over_seeds.size() == 4);
  CHECK(check.over_seeds[1].sentence.rfind("ELU brought both units back by step 520 in 2 of 2 runs (the lesson claims at least 1; ", 0) == 0);

  // A counted-over-seeds expectation fails the lesson even when every seed passes.
  auto born = builtin_lesson("born-dead", &error);
  REQUIRE(born.has_value());
  born->check->expect[0].seeds_at_least = 40;
  check = check_lesson(*born, {1, 2, 3, 4});
  CHECK_FALSE(check.passed);
  REQUIRE(check.over_seeds.size() == 3);
  CHECK_FALSE(check.over_seeds[0].passed);
  CHECK(check.over_seeds[0].sentence.find("in 0 of 4 runs (the lesson claims at least 4; ") != std::string::npos);
}

TEST_CASE("lesson: a minimal lesson parses into its parts") {
  std::string error;
  auto lesson = parse_lesson(kMinimal, &error);
  REQUIRE_MESSAGE(lesson.has_value(), error);
  CHECK(lesson->id == "tiny");
  REQUIRE(lesson->config.size() == 4);
  CHECK(lesson->config[3] == std::pair<std::string, std::string>{"lr", "0.1"});
  const SessionConfig config = lesson_config(*lesson);
  CHECK(config.data.kind == DataKind::Sin1D);
  CHECK(config.net.hidden == std::vector<int>{4});
  REQUIRE(lesson->events.size() == 3);
  const auto* kick = std::get_if<KickCommand>(&lesson->events[0].command);
  REQUIRE(kick != nullptr);
  CHECK(kick->factor == 5);
  CHECK(kick->batch == KickBatch::Outlier);
  CHECK(std::holds_alternative<PauseCommand>(lesson->events[2].command));
  CHECK(lesson->events[2].say == "look");
  REQUIRE(lesson->check.has_value());
  CHECK(lesson->check->steps == 10);
  REQUIRE(lesson->check->variants.size() == 1);
  SessionConfig slow;
  CHECK(variant_setup(*lesson, "slow", &slow, nullptr));
  CHECK(slow.train.lr == 0.01);
  CHECK(slow.net.hidden == std::vector<int>{4});
  CHECK_FALSE(variant_setup(*lesson, "fast", &slow, nullptr));
  const LessonCheck check = check_lesson(*lesson);
  CHECK(check.passed);
  CHECK(check.summary == "tiny: 2 of 2 seeds passed (1 required) - PASS");
  // Numbers are accepted as setting values too; a lesson without a check is valid but cannot pass.
  auto bare = parse_lesson(R"({"id": "b", "title": "B", "text": "T", "config": {"lr": 0.25}})", &error);
  REQUIRE_MESSAGE(bare.has_value(), error);
  CHECK(lesson_config(*bare).train.lr == 0.25);
  CHECK_FALSE(check_lesson(*bare).passed);
}

TEST_CASE("lesson: malformed lesson files are refused with a message naming the field") {
  const std::string m = kMinimal;
  struct Case {
    std::string text, error;
  };
  const std::vector<Case> cases = {
      {"", "lesson: "},
      {"[1, 2]", "lesson: must be a JSON object"},
      {"{\"id\": \"x\"", "lesson: "},
      {replaced(m, "\"id\": \"tiny\"", "\"id\": \"Tiny Lesson\""), "id: 'Tiny Lesson' must use only a-z, 0-9 and '-'"},
      {replaced(m, "\"id\": \"tiny\", ", ""), "id: missing"},
      {replaced(m, "\"title\": \"Tiny\"", "\"title\": 3"), "title: must be a text"},
      {replaced(m, "\"title\": \"Tiny\"", "\"titel\": \"Tiny\""), "titel: unknown field"},
      {replaced(m, "\"lr\": \"0.1\"", "\"lr\": \"banana\""),
       "config: lr: 'banana' is not a number; expected a number from 1e-05 to 10"},
      {replaced(m, "\"lr\": \"0.1\"", "\"speed\": \"3\""), "config: 'speed' is not a setting"},
      {replaced(m, "\"lr\": \"0.1\"", "\"lr\": true"), "config.lr: must be a text"},
      {replaced(m, "\"factor\": 5", "\"factor\": \"big\""), "events[0]: 'factor' must be a number from 0 to 1000000"},
      {replaced(m, "\"factor\": 5", "\"strength\": 5"), "events[0]: unknown field 'strength' for command 'kick'"},
      {replaced(m, "\"do\": \"kick\"", "\"do\": \"reset\""), "events[0].do: 'reset' cannot be scripted"},
      {replaced(m, "{\"at\": 3, \"do\": \"kick\"", "{\"at\": -1, \"do\": \"kick\""),
       "events[0].at: must be a whole number from 0 to 1000000"},
      {replaced(m, "{\"at\": 6, \"do\": \"pause\"", "{\"at\": 2, \"do\": \"pause\""),
       "events[2].at: events must be in order of their steps"},
      {replaced(m, "[\"relu\", \"elu\"]", "[\"relu\", \"swish\"]"), "events[1]: bad activation in 'activations'"},
      {replaced(m, "\"kick\"]", "\"dance\"]"), "controls[1]: 'dance' is not a control"},
      {replaced(m, "\"kick\"]", "\"play\"]"), "controls[1]: 'play' is listed twice"},
      {replaced(m, "[\"something\"]", "[]"), "notice: must be a list of 1 to 8 texts"},
      {replaced(m, "\"steps\": 10", "\"steps\": 0.5"), "check.steps: must be a whole number"},
      {replaced(m, "\"min_seeds\": 1", "\"min_seeds\": 3"), "check.min_seeds: must be a whole number from 0 to 2"},
      {replaced(m, "\"seeds\": [1, 2]", "\"seeds\": []"), "check.seeds: must be a list of 1 to 200 seeds"},
      {replaced(m, "{\"lr\": \"0.01\"}", "{\"lr\": \"99\"}"), "check.variants.slow.config: lr: 99 is out of range"},
      {replaced(m, "\"measure\": \"loss\"", "\"measure\": \"sadness\""),
       "check.expect[0].measure: 'sadness' is not a measure"},
      {replaced(m, "\"at\": 10, \"min\": 0", "\"at\": 11, \"min\": 0"),
       "check.expect[0].at: must be a whole number from 0 to 10"},
      {replaced(m, "\"at\": 10, \"min\": 0", "\"at\": 10"), "check.expect[0]: needs a bound"},
      {replaced(m, "\"at\": 10, \"min\": 0", "\"from\": 1, \"min\": 0"),
       "check.expect[0]: 'loss' is measured at one step: use at, not from/to"},
      {replaced(m, "\"measure\": \"loss\", \"at\": 10", "\"measure\": \"revived\", \"at\": 10"),
       "check.expect[0].at: 'revived' is measured over a window: use from and to"},
      {replaced(m, "\"min\": 0}", "\"min\": 0, \"variant\": \"fast\"}"),
       "check.expect[0].variant: no variant 'fast' in check.variants"},
      {replaced(m, "\"min\": 0}", "\"min\": 0, \"say\": \"it held\"}"),
       "check.expect[0].say: words a claim counted over seeds: add seeds_at_least or seeds_at_most"},
      {replaced(m, "\"min\": 0}", "\"min\": 0, \"more_than\": {}}"),
       "check.expect[0].more_than: compares the measure with itself"},
      {replaced(m, "\"min\": 0}", "\"more_than\": {\"variant\": \"slow\", \"seed\": 3}}"),
       "check.expect[0].more_than.seed: unknown field"},
      {replaced(m, "\"twin\": \"*\"", "\"twin\": \"gelu\""), "check.expect[1].twin: unknown activation 'gelu'"},
      {replaced(m, "\"twin\": \"*\"", "\"twin\": 7"), "check.expect[1].twin: must be a whole number from 0 to 3"},
      {replaced(m, "\"max\": 0}", "\"max\": 0, \"units\": [64]}"),
       "check.expect[1].units[0]: must be a whole number from 0 to 63"},
      {replaced(m, "\"max\": 0}", "\"max\": 0, \"seeds_at_least\": 3}"),
       "check.expect[1].seeds_at_least: must be a whole number from 0 to 2"},
      {replaced(m, "\"max\": 0}", "\"min\": 2, \"max\": 1}"), "check.expect[1]: min is larger than max"},
      {std::string(70000, ' '), "lesson: the file is 70000 bytes; the limit is 65536"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::string error = parse_error(c.text);
    CHECK_MESSAGE(error.rfind(c.error, 0) == 0, "got: " << error << "\nwanted: " << c.error);
  }
}

TEST_CASE("lesson: the script fires events at their steps, frame by frame or in one go") {
  std::string error;
  auto lesson = parse_lesson(kMinimal, &error);
  REQUIRE(lesson.has_value());

  // In one go.
  Session batch(lesson_config(*lesson));
  LessonScript whole(lesson->events);
  std::vector<ScriptedEvent> fired;
  CHECK(whole.fire_due(batch, &fired) == 0);
  CHECK(whole.next_at() == 3);
  CHECK(whole.advance(batch, 100, &fired) == 6);  // stops right after the scripted pause at step 6
  REQUIRE(fired.size() == 3);
  CHECK(batch.twin_count() == 2);
  CHECK(whole.done());
  CHECK(whole.advance(batch, 4, &fired) == 4);
  CHECK(batch.step_count() == 10);

  // Frame by frame, one step per frame: the same trajectory, bit for bit.
  Session frames(lesson_config(*lesson));
  LessonScript script(lesson->events);
  std::vector<ScriptedEvent> seen;
  script.fire_due(frames, &seen);
  while (frames.step_count() < 10) {
    const std::int64_t before = frames.step_count();
    script.advance(frames, 1, &seen);
    if (frames.step_count() == before) script.advance(frames, 1, &seen);  // resumed after the pause
    if (frames.step_count() == 3) CHECK(frames.twin_count() == 1);        // the kick is step 4
    if (frames.step_count() == 4) CHECK(frames.twin_count() == 2);        // the fork follows the kick
  }
  CHECK(seen.size() == 3);
  REQUIRE(frames.twin_count() == 2);
  for (int t = 0; t < 2; ++t) {
    CHECK(frames.census(t).train_loss == batch.census(t).train_loss);
    CHECK(frames.weights(t)[0].w == batch.weights(t)[0].w);
  }

  // Rewind re-arms what fired after the step rewound to; restart re-arms everything.
  REQUIRE(frames.rewind(3));
  script.rewound(frames.step_count());
  CHECK(script.next_at() == 3);
  CHECK(frames.twin_count() == 1);
  script.fire_due(frames);
  CHECK(frames.step_count() == 4);
  CHECK(frames.twin_count() == 2);
  script.restart();
  CHECK(script.next_at() == 3);
}

TEST_CASE("lesson: apply_event applies core commands and leaves UI-only ones to the app") {
  Session session{SessionConfig{}};
  ScriptedEvent knock{0, KnockCommand{0, 1, 0.5}, ""};
  CHECK(apply_event(session, knock));
  CHECK(session.census(0).layers[0].units[1].active_count == 0);
  ScriptedEvent select{0, SelectUnitCommand{0, 1}, ""};
  CHECK_FALSE(apply_event(session, select));
  ScriptedEvent reinit{0, ReinitDeadCommand{}, ""};
  CHECK(apply_event(session, reinit));
  CHECK(session.census(0).layers[0].units[1].active_count > 0);
}

TEST_CASE("lesson: the one driver calls its hooks in order and a refusal stops it before the event") {
  std::string error;
  auto lesson = parse_lesson(kMinimal, &error);
  REQUIRE(lesson.has_value());
  Session session(lesson_config(*lesson));
  LessonScript script(lesson->events);
  std::vector<std::string> log;
  ScriptObserver observer;
  observer.before_event = [&](const Session& s, const ScriptedEvent& e) {
    log.push_back("before " + std::to_string(e.at) + "@" + std::to_string(s.step_count()));
    return true;
  };
  observer.after_event = [&](const Session& s, const ScriptedEvent&) { log.push_back("after@" + std::to_string(s.step_count())); };
  observer.after_step = [&](const Session& s) { log.push_back("step@" + std::to_string(s.step_count())); };
  observer.settled = [&](const Session& s, int fired) {
    log.push_back("settled@" + std::to_string(s.step_count()) + "x" + std::to_string(fired));
  };
  CHECK(advance_script(session, script, 100, observer) == 6);  // the pause at step 6 ends the advance
  const std::vector<std::string> expected = {
      "settled@0x0", "step@1",   "settled@1x0", "step@2",   "settled@2x0", "step@3",     "before 3@3",
      "after@4",     "before 3@4", "after@4",   "settled@4x2", "step@5",   "settled@5x0", "step@6",
      "before 6@6",  "after@6",  "settled@6x1"};
  CHECK(log == expected);

  // A refused event stays due and unfired.
  Session other(lesson_config(*lesson));
  LessonScript again(lesson->events);
  ScriptObserver refuse;
  refuse.before_event = [](const Session&, const ScriptedEvent& e) { return !std::holds_alternative<KickCommand>(e.command); };
  CHECK(advance_script(other, again, 100, refuse) == 3);
  CHECK(again.peek_due(other) != nullptr);
  CHECK(other.twin_count() == 1);
}

TEST_CASE("lesson: lesson_check_json is the one JSON form of a check (the per-seed field is 'sentence')") {
  LessonCheck check;
  check.lesson = "tiny";
  check.passed = true;
  check.passed_seeds = 1;
  check.required_seeds = 1;
  check.summary = "tiny: 1 of 1 seeds passed (1 required) - PASS";
  SeedResult seed;
  seed.seed = 4;
  seed.passed = true;
  seed.sentence = "seed 4 passed: ok";
  check.seeds.push_back(seed);
  ExpectationResult over;
  over.passed = false;
  over.value = 2;
  over.sentence = "held in 2 of 1 seeds";
  check.over_seeds.push_back(over);
  CHECK(to_json(lesson_check_json(check)) ==
        R"({"lesson":"tiny","passed":true,"passed_seeds":1,"required_seeds":1,"summary":"tiny: 1 of 1 seeds passed (1 required) - PASS",)"
        R"("seeds":[{"seed":4,"passed":true,"sentence":"seed 4 passed: ok"}],)"
        R"("over_seeds":[{"passed":false,"value":2,"sentence":"held in 2 of 1 seeds"}]})");
}

TEST_CASE("lesson: 'revived' counts a unit as back only when it has k > 0 at the check step") {
  // recovery-near with seed 1: the ELU twin (twin 2) brings both knocked units back by step 520. At step 530
  // unit 1.1 of that twin is knocked far off again; over 500..531 it came back and left, so it is not back.
  std::string error;
  auto near = builtin_lesson("recovery-near", &error);
  REQUIRE(near.has_value());
  Expectation back = near->check->expect[4];  // ELU, units 1.1 and 1.2, from 500, both back
  back.seeds_at_least.reset();
  back.min.reset();
  back.max = 2;
  back.to = 520;
  Expectation after = back;
  after.to = 531;
  near->check->expect = {back, after};
  near->check->min_seeds = 1;
  ScriptedEvent knock_again;
  knock_again.at = 530;
  knock_again.command = KnockCommand{2, 0, 1.5};
  near->events.push_back(knock_again);
  const LessonCheck check = check_lesson(*near, {1});
  REQUIRE(check.seeds.size() == 1);
  REQUIRE(check.seeds[0].expectations.size() == 2);
  CHECK(check.seeds[0].expectations[0].value == doctest::Approx(2));
  CHECK(check.seeds[0].expectations[1].value == doctest::Approx(1));
  CHECK(check.seeds[0].expectations[1].sentence.find("1 of 2 units off the data at step 500 were back on it (k > 0) at step 531") !=
        std::string::npos);
}
