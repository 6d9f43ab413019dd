// page_options.cpp — the scene from a URL query and back: App's constructor reads the page keys (lesson,
// embed, controls, background) and the session settings, collecting every bad value into the banner;
// link_query writes the query that reproduces the scene. Does not step, draw or write JSON.
#include "app/app.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/config_codec.h"
#include "core/json_value.h"

namespace relulab::app {

namespace {

bool known_control(std::string_view name) {
  for (const auto& c : core::control_names())
    if (name == c) return true;
  return false;
}

std::string control_list() {
  std::string list;
  for (const auto& c : core::control_names()) list += (list.empty() ? "" : ", ") + c;
  return list;
}

void add_problem(std::string& banner, const std::string& problem) {
  if (!banner.empty()) banner += "  ";
  banner += problem;
}

// The lab allocates its rewind history up front; a page must not ask for a gigabyte of it. (The CLI, which
// has no such page, takes the codec's full range.)
constexpr std::size_t kMaxLabHistoryBytes = 64u << 20;

// An embedded scene is one of several on a course page, and the rewind history is most of its heap: unless
// the lesson or the URL chose a size, an embed keeps this much (thousands of steps of a lesson's network).
constexpr std::size_t kEmbedHistoryBytes = 4u << 20;

bool query_has_key(std::string_view query, std::string_view key) {
  size_t start = 0;
  while (start < query.size()) {
    const size_t amp = query.find('&', start);
    const std::string_view pair = query.substr(start, amp == std::string_view::npos ? std::string_view::npos : amp - start);
    if (pair.substr(0, pair.find('=')) == key) return true;
    if (amp == std::string_view::npos) break;
    start = amp + 1;
  }
  return false;
}

}  // namespace

void limit_for_the_lab(core::SessionConfig& config, std::string& banner) {
  if (config.history_bytes <= kMaxLabHistoryBytes) return;
  add_problem(banner, "history: the lab keeps at most 64 MB of rewind history; using the default (" +
                          std::to_string(core::SessionConfig{}.history_bytes >> 20) + " MB)");
  config.history_bytes = core::SessionConfig{}.history_bytes;
}

namespace {

// The session the constructor starts with is replaced by restart() once the URL is read; it keeps no
// history, so the heap never grows for a default-sized history that no scene uses.
core::SessionConfig placeholder_config() {
  core::SessionConfig config = default_config();
  config.history_bytes = 0;
  return config;
}

}  // namespace

App::App(std::string_view query) : config_(default_config()), session_(placeholder_config()) {
  // Page keys first: a lesson sets the scene, then the URL's settings override it key by key.
  std::vector<std::pair<std::string, std::string>> page;
  core::SessionConfig scratch;
  core::apply_query(scratch, query, [&](std::string_view key, std::string_view value) {
    page.emplace_back(std::string(key), std::string(value));
  });
  for (const auto& [key, value] : page) {
    if (key != "lesson") continue;
    std::string why;
    if (!load_lesson(value, &why)) add_problem(banner_, "lesson: " + why);
  }
  const auto errors = core::apply_query(config_, query);
  for (const auto& e : errors) add_problem(banner_, e.message);
  limit_for_the_lab(config_, banner_);
  for (const auto& [key, value] : page) {
    if (key == "embed" || key == "background") {
      if (value == "1" || value == "0") (key == "embed" ? embed_ : background_) = value == "1";
      else add_problem(banner_, key + ": '" + core::quoted_excerpt(value) + "' is not allowed; expected 0 or 1");
    } else if (key == "controls") {
      std::vector<std::string> chosen;
      bool ok = true;
      size_t start = 0;
      while (start <= value.size()) {
        const size_t comma = value.find(',', start);
        const std::string name = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!known_control(name)) {
          add_problem(banner_, "controls: '" + core::quoted_excerpt(name) + "' is not a control; expected a comma list of " + control_list());
          ok = false;
          break;
        }
        chosen.push_back(name);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      if (ok) controls_ = std::move(chosen);
    }
    // "origin" is enforced by the page's message handler; "lesson" is applied by the lesson layer.
  }
  history_in_url_ = query_has_key(query, "history");
  restart();
}

core::SessionConfig App::session_config() const {
  core::SessionConfig config = config_;
  const bool chosen = history_in_url_ || config_.history_bytes != core::SessionConfig{}.history_bytes;
  if (embed_ && !chosen) config.history_bytes = std::min(config.history_bytes, kEmbedHistoryBytes);
  return config;
}

std::string App::link_query() const {
  // A link is applied over the lesson's scene (or the lab's default scene): it carries only what differs.
  std::string query;
  if (lesson_) query = "lesson=" + lesson_->id;
  const std::string settings = core::to_query(config_, lesson_ ? core::lesson_config(*lesson_) : default_config());
  if (!settings.empty()) query += (query.empty() ? "" : "&") + settings;
  if (embed_) query += std::string(query.empty() ? "" : "&") + "embed=1";
  if (background_) query += std::string(query.empty() ? "" : "&") + "background=1";
  if (!controls_.empty()) {
    query += std::string(query.empty() ? "" : "&") + "controls=";
    for (size_t i = 0; i < controls_.size(); ++i) query += (i ? "," : "") + controls_[i];
  }
  return query;
}

std::string App::banner() const {
  std::string text = banner_;
  if (!refusal_.empty()) add_problem(text, refusal_);
  for (int t = 0; t < session_.twin_count(); ++t) {
    const auto& c = session_.census(t);
    if (c.diverged)
      add_problem(text, "Twin " + std::to_string(t + 1) + " (" + c.activation + ") stopped: " + c.diverged_reason);
  }
  return text;
}

}  // namespace relulab::app
