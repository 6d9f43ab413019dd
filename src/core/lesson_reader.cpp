// lesson_reader.cpp — the readers of a lesson file's config, events and text lists (lesson_reader.h).
#include "core/lesson_reader.h"

#include "core/activations.h"
#include "core/config_codec.h"

namespace relulab::core::lesson_detail {

namespace {

constexpr std::int64_t kMaxEventStep = 1000000;
constexpr std::size_t kMaxEvents = 64;

}  // namespace

bool valid_id(std::string_view id, std::string_view extra) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!plain && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool read_config(Reader& r, const JsonValue* v, const std::string& field, SessionConfig base,
                 std::vector<std::pair<std::string, std::string>>* out) {
  if (!v->is_object()) return r.fail(field, "must be an object of settings, e.g. {\"lr\": \"0.1\"}");
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : v->members()) {
    if (value.is_string()) pairs.emplace_back(key, value.as_string());
    else if (value.is_number()) pairs.emplace_back(key, format_number(value.as_number()));
    else return r.fail(field + "." + key, "must be a text such as \"0.1\"");
  }
  const auto errors = apply_settings(base, pairs);
  if (!errors.empty()) return r.fail(field, errors.front().message);
  *out = std::move(pairs);
  return true;
}

bool read_events(Reader& r, const JsonValue* v, const std::string& field, std::vector<ScriptedEvent>* out) {
  if (!v->is_array() || v->items().size() > kMaxEvents) {
    return r.fail(field, "must be a list of up to " + std::to_string(kMaxEvents) + " events");
  }
  std::vector<ScriptedEvent> events;
  for (std::size_t i = 0; i < v->items().size(); ++i) {
    const JsonValue& item = v->items()[i];
    const std::string path = field + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return r.fail(path, "must be an object like {\"at\": 100, \"do\": \"kick\"}");
    ScriptedEvent event;
    double at = 0;
    if (!r.whole(item, path, "at", 0, static_cast<double>(kMaxEventStep), true, &at)) return false;
    event.at = static_cast<std::int64_t>(at);
    if (!events.empty() && event.at < events.back().at) {
      return r.fail(path + ".at", "events must be in order of their steps (" + std::to_string(event.at) +
                                      " comes after " + std::to_string(events.back().at) + ")");
    }
    std::string action;
    if (!r.string(item, path, "do", 1, 16, &action)) return false;
    if (action != "kick" && action != "knock" && action != "fork" && action != "reinit" && action != "pause" &&
        action != "select" && action != "speed") {
      return r.fail(path + ".do", "'" + quoted_excerpt(action) + "' cannot be scripted (expected kick, knock, fork, reinit, pause, select or speed)");
    }
    if (!r.string(item, path, "say", 0, 300, &event.say)) return false;
    JsonValue command = JsonValue::object();
    command.set("cmd", JsonValue::string(action));
    for (const auto& [key, value] : item.members()) {
      if (key != "at" && key != "do" && key != "say") command.set(key, value);
    }
    std::string why;
    auto parsed = parse_command(to_json(command), &why);
    if (!parsed) return r.fail(path, why);
    event.command = std::move(*parsed);
    events.push_back(std::move(event));
  }
  *out = std::move(events);
  return true;
}

bool read_text_list(Reader& r, const JsonValue* v, const std::string& field, std::size_t max_items,
                    std::size_t max_length, std::vector<std::string>* out) {
  if (!v->is_array() || v->items().empty() || v->items().size() > max_items) {
    return r.fail(field, "must be a list of 1 to " + std::to_string(max_items) + " texts");
  }
  for (std::size_t i = 0; i < v->items().size(); ++i) {
    const JsonValue& item = v->items()[i];
    if (!item.is_string() || item.as_string().empty() || item.as_string().size() > max_length) {
      return r.fail(field + "[" + std::to_string(i) + "]", "must be a text of 1 to " + std::to_string(max_length) + " characters");
    }
    out->push_back(item.as_string());
  }
  return true;
}

}  // namespace relulab::core::lesson_detail
