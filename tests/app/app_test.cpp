// app_test.cpp — the app layer without a GL context: an App built from a URL query, commands applied
// through App::apply / apply_json, and what the page reads (snapshot, state JSON, events JSON).
#include <doctest/doctest.h>

#include <string>

#include "app/app.h"
#include "core/config_codec.h"
#include "core/json_value.h"

namespace {

using relulab::app::App;
using relulab::ui::Control;
namespace core = relulab::core;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a query sets the scene and a bad value becomes a banner, that key alone at its default") {
  App app("lr=banana&act=elu");
  CHECK(contains(app.banner(), "lr: 'banana' is not a number; expected a number from 1e-05 to 10"));
  CHECK(contains(app.link_query(), "act=elu"));
  CHECK_FALSE(contains(app.link_query(), "lr="));
  CHECK(App().banner().empty());
}

TEST_CASE("bad page keys are reported by name") {
  CHECK(contains(App("embed=2").banner(), "embed: '2' is not allowed; expected 0 or 1"));
  CHECK(contains(App("controls=play,bogus").banner(), "controls: 'bogus' is not a control"));
  CHECK(contains(App("lesson=nope").banner(), "lesson: "));
}

TEST_CASE("a bad setting from the view gets the message a bad URL value gets, and changes nothing") {
  App from_url("hidden=8,x");
  App app;
  const std::string before = app.link_query();
  const auto result = app.apply(core::SetCommand{{{"hidden", "8,x"}}});
  CHECK_FALSE(result.ok);
  CHECK_FALSE(result.error.empty());
  CHECK(contains(from_url.banner(), result.error));
  CHECK(app.link_query() == before);
  app.show_refusal(result.error);
  CHECK(contains(app.banner(), result.error));
  CHECK(app.apply(core::SetCommand{{{"hidden", "4"}}}).ok);  // a good one restarts the scene
  CHECK(app.banner().empty());
  CHECK(contains(app.link_query(), "hidden=4"));
}

TEST_CASE("JSON commands go through the same validation") {
  App app;
  CHECK(app.apply_json(R"({"cmd":"play"})").ok);
  const auto bad_lesson = app.apply_json(R"({"cmd":"lesson","id":"nope"})");
  CHECK_FALSE(bad_lesson.ok);
  CHECK(contains(bad_lesson.error, "lesson: "));
  const auto bad_knock = app.apply_json(R"({"cmd":"knock","twin":0,"unit":20})");
  CHECK_FALSE(bad_knock.ok);
  CHECK(contains(bad_knock.error, "first-layer units"));
  CHECK_FALSE(app.apply_json("{").ok);
  CHECK_FALSE(app.apply_json("{").error.empty());
}

TEST_CASE("knock silences a first-layer unit; rewind goes back to an earlier step") {
  App app;
  CHECK(app.apply(core::StepCommand{20}).ok);
  CHECK(app.session().step_count() == 20);
  CHECK(app.apply(core::KnockCommand{0, 3, 0.1}).ok);
  CHECK(app.session().census(0).layers[0].units[3].active_count == 0);
  CHECK(contains(app.take_events_json(), R"("type":"knock")"));
  CHECK(app.apply(core::StepCommand{10}).ok);
  CHECK(app.apply(core::RewindCommand{5}).ok);
  CHECK(app.session().step_count() <= 5);
  CHECK(contains(app.take_events_json(), R"("type":"rewind")"));
}

TEST_CASE("a lesson's controls reach the snapshot as a typed set; embed mode too") {
  App app("lesson=kill-shot&embed=1");
  const auto s = app.snapshot(1.0f);
  CHECK(s.embed);
  CHECK(s.shows(Control::Kick));
  CHECK(s.shows(Control::Scrub));
  CHECK_FALSE(s.shows(Control::Fork));
  CHECK_FALSE(s.shows(Control::Knock));
  CHECK(App().snapshot(1.0f).shows(Control::Fork));  // no lesson: every control
  const auto chosen = App("controls=play,step").snapshot(1.0f);
  CHECK(chosen.shows(Control::Step));
  CHECK_FALSE(chosen.shows(Control::Reset));  // so the R key does nothing either (LabView::handle_keys)
}

TEST_CASE("the control table is the one lesson files use") {
  const auto& names = core::control_names();
  REQUIRE(names.size() == relulab::ui::kControlCount);
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(names[i] == relulab::ui::kControlNames[i]);
    CHECK(relulab::ui::control_from_name(names[i]) == static_cast<Control>(i));
  }
  CHECK_FALSE(relulab::ui::control_from_name("link"));
}

TEST_CASE("the Kick preset comes from the lesson's own kick") {
  const auto lesson = App("lesson=kill-shot").snapshot(1.0f);
  CHECK(lesson.kick_factor == doctest::Approx(10));
  CHECK(lesson.kick_batch == core::KickBatch::Outlier);
  const auto plain = App().snapshot(1.0f);
  CHECK(plain.kick_factor == doctest::Approx(20));  // free play: x20 on outliers (x10 on the batch rarely killed)
  CHECK(plain.kick_batch == core::KickBatch::Outlier);
}

TEST_CASE("events JSON: the app's own reports first, then the session's events, each taken once") {
  App app("lesson=kill-shot");
  CHECK(app.apply(core::StepCommand{101}).ok);  // the lesson's kick fires at step 100
  const std::string events = app.take_events_json();
  CHECK(contains(events, R"("type":"kick")"));
  CHECK(app.take_events_json() == "[]");
  CHECK(app.apply(core::CheckCommand{}).ok);
  const std::string checked = app.take_events_json();
  CHECK(checked.rfind(R"([{"type":"lessonCheck")", 0) == 0);
  std::string error;
  CHECK(core::parse_json(app.state_json(), &error));
}

TEST_CASE("a link carries what differs from the scene it is applied over, so it reproduces the scene") {
  // hidden=6 is the core's default but not the lab's (8): a link written against the core's defaults lost it.
  for (const char* query : {"hidden=6", "hidden=6&lr=0.3", "", "lesson=kill-shot&hidden=6", "lesson=kill-shot"}) {
    CAPTURE(query);
    const App app(query);
    const App again(app.link_query());
    CHECK(again.link_query() == app.link_query());
    CHECK(core::to_query(again.session().config()) == core::to_query(app.session().config()));
  }
  CHECK(App().link_query().empty());  // the lab's default scene needs no keys
  // a lesson's own settings are not repeated; its control list is (the link keeps the lesson's controls)
  CHECK(App("lesson=kill-shot").link_query().rfind("lesson=kill-shot&controls=", 0) == 0);
  CHECK_FALSE(contains(App("lesson=kill-shot").link_query(), "lr="));
}

TEST_CASE("a rewind keeps the future; back at it the lesson's script is as it was (its kick does not fire again)") {
  App app("lesson=kill-shot");
  auto kicks = [&app] {
    int n = 0;
    for (const auto& e : app.session().events()) n += e.kind == core::EventKind::Kick ? 1 : 0;
    return n;
  };
  while (app.session().step_count() < 200) REQUIRE(app.apply(core::StepCommand{200 - static_cast<int>(app.session().step_count())}).ok);
  REQUIRE(kicks() == 1);
  REQUIRE(app.apply(core::RewindCommand{50}).ok);
  CHECK(app.session().step_count() == 50);
  CHECK(app.session().live_step() == 200);
  CHECK(kicks() == 0);                       // the kick at step 100 is in the kept future
  REQUIRE(app.apply(core::RewindCommand{200}).ok);
  CHECK(app.session().step_count() == 200);
  CHECK(kicks() == 1);
  REQUIRE(app.apply(core::StepCommand{10}).ok);
  CHECK(app.session().step_count() == 210);
  CHECK(kicks() == 1);                       // the script remembers its kick fired
}

TEST_CASE("lesson flow: Check runs the scene's seed, Try N seeds runs N from it, a pass marks progress and tells the page") {
  App app("lesson=dead-unit&seed=3");
  CHECK(app.snapshot(1.0f).lesson->check.lesson.empty());
  REQUIRE(app.apply(core::CheckCommand{1}).ok);
  const std::string one = app.take_events_json();
  CHECK(contains(one, R"("type":"lessonCheck")"));
  CHECK(contains(one, R"("seeds":[{"seed":3,"passed":true)"));
  CHECK(contains(one, R"({"type":"lessonPassed","lesson":"dead-unit","passed_seeds":1,"seeds":1})"));
  auto s = app.snapshot(1.0f);
  CHECK(s.lesson->check.lesson == "dead-unit");
  CHECK(s.lesson->check.passed);
  CHECK(s.lesson->check.seeds == 1);
  REQUIRE_FALSE(s.lesson->check.lines.empty());
  CHECK(s.lesson->check.lines.front().rfind("seed 3 passed: ", 0) == 0);
  CHECK(s.passed_lessons == std::vector<std::string>{"dead-unit"});

  REQUIRE(app.apply(core::CheckCommand{4}).ok);
  const std::string four = app.take_events_json();
  CHECK(contains(four, R"({"seed":3,)"));
  CHECK(contains(four, R"({"seed":6,)"));
  CHECK_FALSE(contains(four, R"({"seed":7,)"));
  s = app.snapshot(1.0f);
  CHECK(s.lesson->check.seeds == 4);
  CHECK(s.lesson->check.lines.front() == "4 of 4 seeds passed every per-seed claim (4 required)");

  // A new seed is a new scene: the old result goes, the progress stays for the page session.
  REQUIRE(app.apply(core::SetCommand{{{"seed", "4"}}}).ok);
  s = app.snapshot(1.0f);
  CHECK(s.lesson->id == "dead-unit");
  CHECK(s.lesson->check.lesson.empty());
  CHECK(s.passed_lessons == std::vector<std::string>{"dead-unit"});

  // A check that fails (here: no lesson is loaded) reports lessonCheck but no lessonPassed.
  App none("");
  REQUIRE(none.apply(core::CheckCommand{1}).ok);
  const std::string nothing = none.take_events_json();
  CHECK(contains(nothing, R"("type":"lessonCheck")"));
  CHECK(contains(nothing, R"("passed":false)"));
  CHECK_FALSE(contains(nothing, "lessonPassed"));
}

TEST_CASE("the check command takes an optional seed count from 1 to 50") {
  std::string error;
  auto plain = core::parse_command(R"({"cmd":"check"})", &error);
  REQUIRE(plain.has_value());
  CHECK(std::get<core::CheckCommand>(*plain).seeds == 0);
  auto twenty = core::parse_command(R"({"cmd":"check","seeds":20})", &error);
  REQUIRE(twenty.has_value());
  CHECK(std::get<core::CheckCommand>(*twenty).seeds == 20);
  CHECK_FALSE(core::parse_command(R"({"cmd":"check","seeds":51})", &error).has_value());
  CHECK(error == "'seeds' must be a number from 1 to 50");
  CHECK_FALSE(core::parse_command(R"({"cmd":"check","seeds":2.5})", &error).has_value());
  CHECK(error == "'seeds' must be a whole number");
}
