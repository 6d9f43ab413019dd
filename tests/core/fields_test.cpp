// fields_test.cpp — the one strict field reader (fields.h): ranges said in words, numbers in text, JSON
// members named by path or by quoted key.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/fields.h"
#include "core/json_value.h"

using namespace relulab::core;

TEST_CASE("fields: ranges are said the way people write them") {
  CHECK(describe(Range{4, 200000, true}) == "a whole number from 4 to 200000");
  CHECK(describe(Range{1e-5, 10}) == "a number from 1e-05 to 10");
  CHECK(describe(Range{0, 4294967295.0, true}) == "a whole number from 0 to 4294967295");
  CHECK(range_end(9e15) == "9000000000000000");
  CHECK(range_end(0.999) == "0.999");
  CHECK(in_range(2, Range{1, 3, true}));
  CHECK_FALSE(in_range(2.5, Range{1, 3, true}));
  CHECK(in_range(2.5, Range{1, 3}));
  CHECK_FALSE(in_range(std::nan(""), Range{-1e300, 1e300}));
}

TEST_CASE("fields: a number in text is read strictly, the reason without the field") {
  double v = -1;
  std::string why;
  CHECK(read_number_text("0.25", Range{0, 1}, &v, &why));
  CHECK(v == 0.25);
  const struct { const char* text; Range range; const char* says; } cases[] = {
      {"banana", {0, 1}, "'banana' is not a number"},  {" 1", {0, 1}, "' 1' is not a number"},
      {"inf", {0, 1}, "'inf' is not a number"},        {"", {0, 1}, "'' is not a number"},
      {"2.5", {0, 9, true}, "'2.5' is not a whole number"}, {"20", {0, 10}, "20 is out of range"},
      {"-0", {1e-5, 10}, "-0 is out of range"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    v = 7;
    CHECK_FALSE(read_number_text(c.text, c.range, &v, &why));
    CHECK(why == c.says);
    CHECK(v == 7);  // untouched
  }
}

TEST_CASE("fields: JSON members, named by path or by quoted key") {
  std::string error;
  const auto object = parse_json(R"({"at": 2.5, "n": 0, "say": 3, "odd": 1})", &error);
  REQUIRE(object);
  double out = 9;
  FieldReader path(&error);
  CHECK_FALSE(path.whole(*object, "events[0]", "at", 0, 10, true, &out));
  CHECK(error == "events[0].at: must be a whole number from 0 to 10");
  CHECK_FALSE(path.whole(*object, "check", "steps", 0, 10, true, &out));
  CHECK(error == "check.steps: missing (a whole number from 0 to 10)");
  CHECK(path.whole(*object, "check", "steps", 0, 10, false, &out));  // optional and absent: fine
  CHECK(out == 9);
  std::string text;
  CHECK_FALSE(path.string(*object, "", "say", 0, 300, &text));
  CHECK(error == "say: must be a text");
  CHECK_FALSE(path.only_keys(*object, "x", {"at", "n", "say"}));
  CHECK(error == "x.odd: unknown field (expected at, n, say)");

  FieldReader quoted(&error, FieldReader::Naming::Quoted);
  CHECK_FALSE(quoted.number(*object, "", "n", Range{1, 100, true}, &out));
  CHECK(error == "'n' must be a number from 1 to 100");
  CHECK_FALSE(quoted.number(*object, "", "at", Range{1, 100, true}, &out));
  CHECK(error == "'at' must be a whole number");
  CHECK(quoted.number(*object, "", "at", Range{1, 100}, &out));
  CHECK(out == 2.5);
  CHECK_FALSE(quoted.only_keys(*object, "", {"at", "n", "say"}, "command 'step'"));
  CHECK(error == "unknown field 'odd' for command 'step'");
}
