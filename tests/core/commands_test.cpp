// commands_test.cpp — untrusted JSON -> Command: every command parses, every bad input is refused with a
// sentence that names the field, and nothing is clamped silently.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "core/commands.h"
#include "core/json_value.h"

using namespace relulab::core;

TEST_CASE("commands: each command parses with its fields") {
  std::string error;
  auto step = parse_command(R"({"cmd":"step","n":25})", &error);
  REQUIRE(step);
  CHECK(std::get<StepCommand>(*step).n == 25);
  auto kick = parse_command(R"({"cmd":"kick","factor":50,"batch":"outlier"})", &error);
  REQUIRE(kick);
  CHECK(std::get<KickCommand>(*kick).factor == 50.0);
  CHECK(std::get<KickCommand>(*kick).batch == KickBatch::Outlier);
  auto knock = parse_command(R"({"cmd":"knock","twin":1,"unit":3,"margin":0.5})", &error);
  REQUIRE(knock);
  CHECK(std::get<KnockCommand>(*knock).unit == 3);
  CHECK(std::get<KnockCommand>(*knock).margin == 0.5);
  auto drag = parse_command(R"({"cmd":"knock","unit":2,"through":[0.5,-1]})", &error);
  REQUIRE(drag);
  CHECK(std::get<KnockCommand>(*drag).through == std::vector<Scalar>{0.5, -1});
  auto fork = parse_command(R"({"cmd":"fork","activations":["relu","leaky:0.1","elu"]})", &error);
  REQUIRE(fork);
  const auto& activations = std::get<ForkCommand>(*fork).activations;
  REQUIRE(activations.size() == 3);
  CHECK(activations[1].kind == ActivationKind::Leaky);
  CHECK(activations[1].alpha == doctest::Approx(0.1).epsilon(1e-12));
  auto set = parse_command(R"({"cmd":"set","lr":0.3,"act":"elu"})", &error);
  REQUIRE(set);
  CHECK(std::get<SetCommand>(*set).settings.size() == 2);
  CHECK(parse_command(R"({"cmd":"play"})", &error).has_value());
  CHECK(parse_command(R"({"cmd":"lesson","id":"kill-shot"})", &error).has_value());
}

TEST_CASE("commands: bad input is refused with a message naming the problem") {
  struct Case { const char* json; const char* says; };
  const Case cases[] = {
      {R"({"cmd":"step","n":0})", "'n' must be a number from 1 to 100000"},
      {R"({"cmd":"step","n":2.5})", "'n' must be a whole number"},
      {R"({"cmd":"step","n":"10"})", "'n' must be a number"},
      {R"({"cmd":"kick","factor":-1})", "'factor' must be a number from 0 to 1000000"},
      {R"({"cmd":"kick","batch":"huge"})", "'batch' must be \"current\" or \"outlier\""},
      {R"({"cmd":"knock","unit":64})", "'unit' must be a number from 0 to 63"},
      {R"({"cmd":"knock","through":[]})", "'through' must be a point: a list of 1 to 16 numbers"},
      {R"({"cmd":"knock","through":[1,"2"]})", "'through' must be a point"},
      {R"({"cmd":"knock","margin":1,"through":[1,2]})", "'margin' or 'through', not both"},
      {R"({"cmd":"fork","activations":[]})", "'activations' must be a list of 1 to 4 names"},
      {R"({"cmd":"fork","activations":["relu","swish"]})", "bad activation"},
      {R"({"cmd":"set","lr":"banana"})", "lr: 'banana' is not a number"},
      {R"({"cmd":"set"})", "needs at least one setting"},
      {R"({"cmd":"play","extra":1})", "unknown field 'extra'"},
      {R"({"cmd":"fly"})", "unknown command 'fly'"},
      {R"({"n":3})", "needs a string field 'cmd'"},
      {R"([1,2])", "must be a JSON object"},
      {R"({"cmd":"step",)", "malformed JSON"},
      {R"({"cmd":"step","n":1e999})", "malformed JSON: number out of range"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.json);
    std::string error;
    CHECK_FALSE(parse_command(c.json, &error).has_value());
    CHECK(error.find(c.says) != std::string::npos);
  }
}

TEST_CASE("commands: size and depth limits hold") {
  std::string error;
  const std::string big = R"({"cmd":"play","pad":")" + std::string(5000, 'x') + "\"}";
  CHECK_FALSE(parse_command(big, &error).has_value());
  CHECK(error.find("the limit is 4096") != std::string::npos);
  std::string deep(40, '[');
  deep += std::string(40, ']');
  CHECK_FALSE(parse_json(deep, &error).has_value());
  CHECK(error.find("nesting too deep") != std::string::npos);
}

TEST_CASE("json: strings round-trip through escapes and UTF-8, non-finite numbers become null") {
  std::string error;
  auto v = parse_json(R"({"a":"line\nbreak \u00e9 \ud83d\ude00","b":[true,false,null,-1.5e3]})", &error);
  REQUIRE(v);
  CHECK(v->find("a")->as_string() == "line\nbreak \xC3\xA9 \xF0\x9F\x98\x80");
  CHECK(v->find("b")->items()[3].as_number() == -1500.0);
  auto again = parse_json(to_json(*v), &error);
  REQUIRE(again);
  CHECK(to_json(*again) == to_json(*v));
  std::string out;
  append_json_number(out, std::numeric_limits<double>::quiet_NaN());
  CHECK(out == "null");
  CHECK_FALSE(parse_json(R"("\ud800")", &error).has_value());
  CHECK_FALSE(parse_json("01", &error).has_value());
}
