// json_value.cpp — recursive-descent JSON parser and compact writer (RFC 8259 subset: no duplicate-key
// policy beyond "last wins", \u escapes decoded to UTF-8, surrogate pairs joined).
#include "core/json_value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace relulab::core {

JsonValue JsonValue::boolean(bool v) { JsonValue j; j.type_ = Type::Bool; j.bool_ = v; return j; }
JsonValue JsonValue::number(double v) { JsonValue j; j.type_ = Type::Number; j.number_ = v; return j; }
JsonValue JsonValue::string(std::string v) { JsonValue j; j.type_ = Type::String; j.string_ = std::move(v); return j; }
JsonValue JsonValue::array() { JsonValue j; j.type_ = Type::Array; return j; }
JsonValue JsonValue::object() { JsonValue j; j.type_ = Type::Object; return j; }

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [k, v] : members_)
    if (k == key) return &v;
  return nullptr;
}

void JsonValue::set(std::string key, JsonValue v) {
  for (auto& [k, old] : members_)
    if (k == key) { old = std::move(v); return; }
  members_.emplace_back(std::move(key), std::move(v));
}

namespace {

struct Parser {
  std::string_view text;
  std::size_t pos = 0;
  int max_depth = 32;
  std::string error;

  bool fail(const char* what) {
    if (error.empty()) error = std::string(what) + " at byte " + std::to_string(pos);
    return false;
  }
  void skip_space() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) ++pos;
  }
  bool literal(std::string_view word) {
    if (text.substr(pos, word.size()) != word) return fail("unexpected text");
    pos += word.size();
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  bool hex4(unsigned* code) {
    if (pos + 4 > text.size()) return fail("truncated \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text[pos++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("bad hex digit in \\u escape");
    }
    *code = v;
    return true;
  }

  bool parse_string(std::string* out) {
    ++pos;  // opening quote
    while (true) {
      if (pos >= text.size()) return fail("unterminated string");
      const char c = text[pos++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') { *out += c; continue; }
      if (pos >= text.size()) return fail("unterminated escape");
      const char e = text[pos++];
      switch (e) {
        case '"': *out += '"'; break;
        case '\\': *out += '\\'; break;
        case '/': *out += '/'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'n': *out += '\n'; break;
        case 'r': *out += '\r'; break;
        case 't': *out += '\t'; break;
        case 'u': {
          unsigned code = 0;
          if (!hex4(&code)) return false;
          if (code >= 0xD800 && code < 0xDC00) {
            unsigned low = 0;
            if (text.substr(pos, 2) != "\\u") return fail("lone high surrogate");
            pos += 2;
            if (!hex4(&low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return fail("bad low surrogate");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code < 0xE000) {
            return fail("lone low surrogate");
          }
          append_utf8(*out, code);
          break;
        }
        default: return fail("unknown escape");
      }
    }
  }

  bool parse_number(double* out) {
    const std::size_t start = pos;
    if (pos < text.size() && text[pos] == '-') ++pos;
    auto digits = [&] {
      const std::size_t s = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      return pos - s;
    };
    if (pos < text.size() && text[pos] == '0') ++pos;
    else if (digits() == 0) return fail("bad number");
    if (pos < text.size() && text[pos] == '.') { ++pos; if (digits() == 0) return fail("bad fraction"); }
    if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
      ++pos;
      if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) ++pos;
      if (digits() == 0) return fail("bad exponent");
    }
    const std::string copy(text.substr(start, pos - start));
    *out = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(*out)) return fail("number out of range");
    return true;
  }

  bool parse_value(JsonValue* out, int depth) {
    if (depth > max_depth) return fail("nesting too deep");
    skip_space();
    if (pos >= text.size()) return fail("unexpected end");
    const char c = text[pos];
    if (c == '{') {
      ++pos;
      *out = JsonValue::object();
      skip_space();
      if (pos < text.size() && text[pos] == '}') { ++pos; return true; }
      while (true) {
        skip_space();
        if (pos >= text.size() || text[pos] != '"') return fail("expected a key string");
        std::string key;
        if (!parse_string(&key)) return false;
        skip_space();
        if (pos >= text.size() || text[pos] != ':') return fail("expected ':'");
        ++pos;
        JsonValue v;
        if (!parse_value(&v, depth + 1)) return false;
        out->set(std::move(key), std::move(v));
        skip_space();
        if (pos < text.size() && text[pos] == ',') { ++pos; continue; }
        if (pos < text.size() && text[pos] == '}') { ++pos; return true; }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      ++pos;
      *out = JsonValue::array();
      skip_space();
      if (pos < text.size() && text[pos] == ']') { ++pos; return true; }
      while (true) {
        JsonValue v;
        if (!parse_value(&v, depth + 1)) return false;
        out->push(std::move(v));
        skip_space();
        if (pos < text.size() && text[pos] == ',') { ++pos; continue; }
        if (pos < text.size() && text[pos] == ']') { ++pos; return true; }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') {
      std::string s;
      if (!parse_string(&s)) return false;
      *out = JsonValue::string(std::move(s));
      return true;
    }
    if (c == 't') { *out = JsonValue::boolean(true); return literal("true"); }
    if (c == 'f') { *out = JsonValue::boolean(false); return literal("false"); }
    if (c == 'n') { *out = JsonValue(); return literal("null"); }
    double number = 0;
    if (!parse_number(&number)) return false;
    *out = JsonValue::number(number);
    return true;
  }
};

void write(std::string& out, const JsonValue& v) {
  switch (v.type()) {
    case JsonValue::Type::Null: out += "null"; break;
    case JsonValue::Type::Bool: out += v.as_bool() ? "true" : "false"; break;
    case JsonValue::Type::Number: append_json_number(out, v.as_number()); break;
    case JsonValue::Type::String: append_json_string(out, v.as_string()); break;
    case JsonValue::Type::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.items()) {
        if (!first) out += ',';
        first = false;
        write(out, item);
      }
      out += ']';
      break;
    }
    case JsonValue::Type::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.members()) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        write(out, item);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::optional<JsonValue> parse_json(std::string_view text, std::string* error, JsonLimits limits) {
  if (text.size() > limits.max_bytes) {
    if (error) *error = "JSON text is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(limits.max_bytes);
    return std::nullopt;
  }
  Parser p{text, 0, limits.max_depth, {}};
  JsonValue v;
  if (p.parse_value(&v, 0)) {
    p.skip_space();
    if (p.pos == text.size()) return v;
    p.fail("trailing text");
  }
  if (error) *error = "malformed JSON: " + p.error;
  return std::nullopt;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) { out += "null"; return; }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  out += buf;
}

std::string quoted_excerpt(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (const char c : text.substr(0, max_bytes)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (text.size() > max_bytes) out += "...";
  return out;
}

std::string to_json(const JsonValue& value) {
  std::string out;
  write(out, value);
  return out;
}

}  // namespace relulab::core
