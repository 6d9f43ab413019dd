// json_test.cpp — core/json_value.h: round trips (parse(to_json(v)) == v), numbers, escapes and UTF-8,
// nesting, and malformed input refused with a message that names the byte offset.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/json_value.h"

using namespace relulab::core;

namespace {

bool same(const JsonValue& a, const JsonValue& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case JsonValue::Type::Null: return true;
    case JsonValue::Type::Bool: return a.as_bool() == b.as_bool();
    case JsonValue::Type::Number: return a.as_number() == b.as_number();
    case JsonValue::Type::String: return a.as_string() == b.as_string();
    case JsonValue::Type::Array:
      if (a.items().size() != b.items().size()) return false;
      for (std::size_t i = 0; i < a.items().size(); ++i)
        if (!same(a.items()[i], b.items()[i])) return false;
      return true;
    case JsonValue::Type::Object:
      if (a.members().size() != b.members().size()) return false;
      for (std::size_t i = 0; i < a.members().size(); ++i)
        if (a.members()[i].first != b.members()[i].first || !same(a.members()[i].second, b.members()[i].second))
          return false;
      return true;
  }
  return false;
}

JsonValue parse_ok(const std::string& text) {
  std::string error;
  const auto v = parse_json(text, &error);
  INFO(text << " -> " << error);
  REQUIRE(v.has_value());
  CHECK(error.empty());
  return *v;
}

// Refused, with a message that starts "malformed JSON: ", contains `what`, and names the offset.
void refused(const std::string& text, const std::string& what, JsonLimits limits = {}) {
  std::string error;
  const auto v = parse_json(text, &error, limits);
  INFO(text << " -> " << error);
  CHECK_FALSE(v.has_value());
  CHECK(error.rfind("malformed JSON: ", 0) == 0);
  CHECK(error.find(what) != std::string::npos);
  CHECK(error.find(" at byte ") != std::string::npos);
}

}  // namespace

TEST_CASE("json: a built value survives to_json then parse_json, key order kept") {
  JsonValue inner = JsonValue::array();
  inner.push(JsonValue());
  inner.push(JsonValue::boolean(true));
  inner.push(JsonValue::boolean(false));
  inner.push(JsonValue::number(-0.1));
  inner.push(JsonValue::string("tab\t quote\" back\\ nl\n ctrl\x01 é ∑ 😀"));
  JsonValue v = JsonValue::object();
  v.set("zeta", JsonValue::number(1));
  v.set("alpha", inner);
  v.set("empty_array", JsonValue::array());
  v.set("empty_object", JsonValue::object());
  v.set("", JsonValue::string(""));
  const std::string text = to_json(v);
  const JsonValue back = parse_ok(text);
  CHECK(same(v, back));
  CHECK(to_json(back) == text);
  CHECK(back.members().front().first == "zeta");
  REQUIRE(back.find("alpha") != nullptr);
  CHECK(back.find("alpha")->items().size() == 5);
  CHECK(back.find("missing") == nullptr);
}

TEST_CASE("json: numbers are read as doubles and written so they read back to the same bits") {
  const double values[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3.0, 1e-300, 4.9e-324, 1.7976931348623157e308,
                           123456789012345678.0, -2.5e-7, 3.141592653589793};
  for (const double x : values) {
    std::string text;
    append_json_number(text, x);
    const JsonValue v = parse_ok(text);
    REQUIRE(v.is_number());
    INFO(text);
    CHECK(v.as_number() == x);
    CHECK(std::signbit(v.as_number()) == std::signbit(x));
  }
  CHECK(parse_ok("1E3").as_number() == 1000.0);
  CHECK(parse_ok("-12.5e-1").as_number() == -1.25);
  CHECK(parse_ok(" 7 ").as_number() == 7.0);
  // Non-finite numbers have no JSON spelling: written as null.
  CHECK(to_json(JsonValue::number(NAN)) == "null");
  CHECK(to_json(JsonValue::number(INFINITY)) == "null");
}

TEST_CASE("json: escapes decode, \\u escapes become UTF-8, surrogate pairs are joined") {
  CHECK(parse_ok(R"("\"\\\/\b\f\n\r\t")").as_string() == "\"\\/\b\f\n\r\t");
  CHECK(parse_ok(R"("\u0041\u00e9\u20AC")").as_string() == "A\xC3\xA9\xE2\x82\xAC");
  CHECK(parse_ok(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80");
  CHECK(parse_ok("\"raw \xE2\x88\x91 bytes\"").as_string() == "raw \xE2\x88\x91 bytes");
  std::string written;
  append_json_string(written, std::string("a\x1f" "b", 3));
  CHECK(written == "\"a\\u001fb\"");
}

TEST_CASE("json: nesting up to the depth limit is read; one more level is refused") {
  // The top-level value is at depth 0; a value may sit at depth max_depth: max_depth + 1 nested arrays.
  JsonLimits limits;
  limits.max_depth = 8;
  const std::string ok = std::string(9, '[') + std::string(9, ']');
  std::string error;
  CHECK(parse_json(ok, &error, limits).has_value());
  refused(std::string(10, '[') + std::string(10, ']'), "nesting too deep", limits);
  // The default limit also stops hostile depth without exhausting the stack.
  refused(std::string(100000, '['), "nesting too deep");
  const JsonValue nested = parse_ok(R"({"a":{"b":[1,[2,{"c":null}]]}})");
  CHECK(nested.find("a")->find("b")->items()[1].items()[1].find("c")->type() == JsonValue::Type::Null);
}

TEST_CASE("json: malformed input is refused with a message naming what and where") {
  refused("", "unexpected end");
  refused("   ", "unexpected end");
  refused("[1, 2", "expected ',' or ']'");
  refused(R"({"a": 1)", "expected ',' or '}'");
  refused(R"({"a" 1})", "expected ':'");
  refused("{a: 1}", "expected a key string");
  refused(R"({"a": 1,})", "expected a key string");
  refused("[1,]", "bad number");
  refused(R"("abc)", "unterminated string");
  refused("\"abc\\", "unterminated escape");
  refused(R"("\x")", "unknown escape");
  refused(R"("\u12")", "\\u escape");
  refused(R"("\u12G4")", "bad hex digit");
  refused(R"("\ud83d")", "lone high surrogate");
  refused(R"("\ud83d\u0041")", "bad low surrogate");
  refused(R"("\ude00")", "lone low surrogate");
  refused("\"a\nb\"", "control character");
  refused("1 2", "trailing text");
  refused("{} x", "trailing text");
  refused("tru", "unexpected text");
  refused("nul", "unexpected text");
  refused("01", "trailing text");
  refused("-", "bad number");
  refused("1.", "bad fraction");
  refused("1e", "bad exponent");
  refused("+1", "bad number");
  refused("1e999", "number out of range");
  refused("NaN", "bad number");
  std::string error;
  CHECK_FALSE(parse_json("[1,", &error).has_value());
  CHECK(error == "malformed JSON: unexpected end at byte 3");
}

TEST_CASE("json: text over the byte limit is refused before parsing") {
  JsonLimits limits;
  limits.max_bytes = 4;
  std::string error;
  CHECK_FALSE(parse_json("[1,2]", &error, limits).has_value());
  CHECK(error == "JSON text is 5 bytes; the limit is 4");
  CHECK(parse_json("[12]", &error, limits).has_value());
}

TEST_CASE("json: a repeated key keeps the last value, in the first key's place (json_value.cpp: last wins)") {
  const JsonValue v = parse_ok(R"({"a":1,"b":2,"a":3})");
  REQUIRE(v.members().size() == 2);
  CHECK(v.members()[0].first == "a");
  CHECK(v.find("a")->as_number() == 3.0);
}

TEST_CASE("json: quoted_excerpt keeps messages on one short line") {
  CHECK(quoted_excerpt("abc") == "abc");
  CHECK(quoted_excerpt("a\nb\x7f") == "a?b?");
  CHECK(quoted_excerpt(std::string(50, 'x'), 10) == std::string(10, 'x') + "...");
}
