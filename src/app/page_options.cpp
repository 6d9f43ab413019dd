// page_options.cpp — the scene from a URL query and back: App's constructor reads the page keys (lesson,
// embed, controls) and the session settings, collecting every bad value into the banner; link_query writes
// the query that reproduces the scene. Does not step, draw or write JSON.
#include "app/app.h"

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

}  // namespace

void limit_for_the_lab(core::SessionConfig& config, std::string& banner) {
  if (config.history_bytes <= kMaxLabHistoryBytes) return;
  add_problem(banner, "history: the lab keeps at most 64 MB of rewind history; using the default (" +
                          std::to_string(core::SessionConfig{}.history_bytes >> 20) + " MB)");
  config.history_bytes = core::SessionConfig{}.history_bytes;
}

App::App(std::string_view query) : config_(default_config()), session_(config_) {
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
    if (key == "embed") {
      if (value == "1" || value == "0") embed_ = value == "1";
      else add_problem(banner_, "embed: '" + core::quoted_excerpt(value) + "' is not allowed; expected 0 or 1");
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
  restart();
}

std::string App::link_query() const {
  // A link is applied over the lesson's scene (or the lab's default scene): it carries only what differs.
  std::string query;
  if (lesson_) query = "lesson=" + lesson_->id;
  const std::string settings = core::to_query(config_, lesson_ ? core::lesson_config(*lesson_) : default_config());
  if (!settings.empty()) query += (query.empty() ? "" : "&") + settings;
  if (embed_) query += std::string(query.empty() ? "" : "&") + "embed=1";
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
