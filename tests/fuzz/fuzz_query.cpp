// fuzz_query.cpp — libFuzzer target for the URL/config codec (config_codec.h: apply_query and friends).
// Invariants checked on every input, besides "no crash, no sanitizer report":
//   - every error names a key and carries a one-line message; page keys reach the handler and only they do;
//   - what apply_query leaves is a valid config (check_config is empty; a per-layer act list matches hidden);
//   - to_query round-trips: applying it to a fresh config reports nothing and gives the same query back;
//   - a refused key leaves the config untouched (on a fresh config and on the fuzzed one);
//   - percent_decode(percent_encode(x)) == x;
//   - for small scenes (n <= 64, <= 128 hidden units; one input in 8): the Session built from the config survives steps, a kick x1000, a fork and a
//     kick x1e6 on the outlier batch, and everything a renderer reads stays finite.
// Does not test the page's handling of page keys (lesson, embed, controls, origin).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config_codec.h"
#include "fuzz_check.h"

using namespace relulab::core;
using relulab::fuzz::readable_message;

namespace {

constexpr std::size_t kMaxQueryBytes = 8192;  // longer than any URL a browser keeps
constexpr int kMaxSessionPoints = 64;         // build and train a Session only for scenes this small:
constexpr int kMaxSessionUnits = 128;         //   at most 64 points and 128 hidden units

void check_valid(const SessionConfig& config, std::string_view query) {
  const std::string problem = check_config(config);
  // data=custom names the learner's file, which only a loadData hands over (the app opens such a link on the
  // default data with a sentence): the one valid query whose config waits for data
  FUZZ_CHECK(problem.empty() || config.data.kind == DataKind::Custom, problem + " after " + std::string(query));
  const std::size_t acts = config.net.activations.size();
  FUZZ_CHECK(acts <= 1 || acts == config.net.hidden.size(), "act list length after " + std::string(query));
}

// Applies each "key=value" part alone with apply_setting; a refusal must leave `config` as it was.
void check_refusals_untouched(SessionConfig config, std::string_view query) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view part = query.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = part.find('=');
    if (part.empty() || eq == std::string_view::npos) continue;
    const std::string key = percent_decode(part.substr(0, eq));
    const std::string value = percent_decode(part.substr(eq + 1));
    const std::string before = to_query(config);
    std::string error;
    if (apply_setting(config, key, value, &error)) {
      FUZZ_CHECK(check_config(config).empty() || config.data.kind == DataKind::Custom, "accepted " + key + "=" + value);
    } else {
      FUZZ_CHECK(readable_message(error), "refusal of " + key + " has no readable message: '" + error + "'");
      FUZZ_CHECK(to_query(config) == before, "refused " + key + "=" + value + " changed the config");
    }
  }
}

void train_small_scene(SessionConfig config) {
  // The history cap is parsed above; a smaller ring here keeps each run fast (history=1024 is 1 GiB).
  config.history_bytes = std::min<std::size_t>(config.history_bytes, 1u << 20);
  Session session(config);
  relulab::fuzz::check_session_finite(session);
  session.step(2);
  session.kick(1000);
  relulab::fuzz::check_session_finite(session);
  session.fork({activation_of(ActivationKind::ReLU), Activation{ActivationKind::Leaky, 0.1},
                activation_of(ActivationKind::ELU)});
  session.kick(1e6, KickBatch::Outlier);
  session.step(2);
  relulab::fuzz::check_session_finite(session);
  session.rewind(1);
  relulab::fuzz::check_session_finite(session);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxQueryBytes) return 0;
  const std::string_view query(reinterpret_cast<const char*>(data), size);

  // 1. A fresh config, as the page does with location.search.
  SessionConfig config;
  std::vector<std::string> page_keys_seen;
  const auto errors = apply_query(config, query, [&](std::string_view key, std::string_view) {
    page_keys_seen.emplace_back(key);
  });
  for (const std::string& key : page_keys_seen) FUZZ_CHECK(is_page_key(key), "page key handler got " + key);
  for (const SettingError& error : errors) {
    FUZZ_CHECK(readable_message(error.message), "error for key '" + error.key + "': '" + error.message + "'");
    FUZZ_CHECK(!is_page_key(error.key), "a page key was reported as a bad setting: " + error.key);
  }
  check_valid(config, query);

  // 2. to_query round-trips.
  const std::string written = to_query(config);
  SessionConfig reread;
  const auto reread_errors = apply_query(reread, written);
  FUZZ_CHECK(reread_errors.empty(), "to_query output refused: " + written + " -> " +
                                        (reread_errors.empty() ? std::string() : reread_errors.front().message));
  FUZZ_CHECK(to_query(reread) == written, "round trip changed " + written + " into " + to_query(reread));

  // 3. Refusals leave the config untouched, from a default and from a non-default start.
  check_refusals_untouched(SessionConfig{}, query);
  check_refusals_untouched(config, query);

  // 4. The same query over a non-default start (two layers with per-layer activations) stays valid.
  SessionConfig deep;
  deep.net.hidden = {8, 8};
  deep.net.activations = {activation_of(ActivationKind::ReLU), activation_of(ActivationKind::ELU)};
  apply_query(deep, query);
  check_valid(deep, query);

  // 5. Percent-encoding is lossless.
  FUZZ_CHECK(percent_decode(percent_encode(query)) == query, "percent_encode/decode lost bytes");

  // 6. Small scenes: the core survives what the query configured plus violent kicks. Training costs ~100x a
  // parse, so only one small scene in 8 (chosen by a hash of the input, so a finding replays) trains.
  int units = 0;
  for (int width : config.net.hidden) units += width;
  const bool sampled = std::hash<std::string_view>{}(query) % 8 == 0;
  if (config.data.size <= kMaxSessionPoints && units <= kMaxSessionUnits && sampled) train_small_scene(config);
  return 0;
}
