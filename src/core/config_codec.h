// config_codec.h — one table of settings with short keys, shared by the URL (`?lr=0.3&act=leaky:0.1`), the
// "config" object of a lesson file and the CLI's flags. Each key parses strictly (a bad or out-of-range value
// is refused with a sentence naming the key and what it accepts; nothing is clamped) and formats back to the
// text it parses, so to_query() round-trips. Page keys (lesson, embed, controls, origin) are not settings:
// apply_query() hands them to the caller. Does not know about lessons, the UI or the Session's behaviour.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/limits.h"
#include "core/types.h"

namespace relulab::core {

struct SettingInfo {
  const char* key;      // "lr"
  const char* sets;     // what it sets, in words: "learning rate"
  const char* accepts;  // accepted values, in words: "a number from 1e-05 to 10"
  // Writes the value into the config, or returns false with *why (the reason only, without the key).
  bool (*parse)(SessionConfig& config, std::string_view value, std::string* why);
  std::string (*format)(const SessionConfig& config);  // the value as this key's text
};

struct SettingError {
  std::string key;
  std::string message;  // one line that names the key and the accepted values
};

// Every setting, in a fixed order (the order to_query writes and --help lists).
const std::vector<SettingInfo>& settings();
const SettingInfo* find_setting(std::string_view key);  // nullptr when the key is not a setting

// Keys a URL may carry that are not settings: lesson, embed, controls, origin.
const std::vector<std::string>& page_keys();
bool is_page_key(std::string_view key);

// Applies one key. On error the config is untouched and *error reads e.g.
// "lr: 'banana' is not a number; expected a number from 1e-05 to 10".
bool apply_setting(SessionConfig& config, std::string_view key, std::string_view value, std::string* error);

using PageKeyHandler = std::function<void(std::string_view key, std::string_view value)>;

// Applies a query string ("a=1&b=2", an optional leading '?', percent-decoding and '+' as space). Every valid
// setting is applied in order; a bad value, an unknown key or a key without a value is reported and leaves
// that key at what `config` had (the default, for a fresh config). Page keys go to `on_page_key` (if set).
// A per-layer `act` list whose length does not match `hidden` is reported and dropped.
std::vector<SettingError> apply_query(SessionConfig& config, std::string_view query,
                                      const PageKeyHandler& on_page_key = {});

// Applies already-split key/value pairs with the same rules as apply_query (used for lesson "config" objects).
std::vector<SettingError> apply_settings(SessionConfig& config,
                                         const std::vector<std::pair<std::string, std::string>>& pairs);

// The settings of `config` that differ from `base`, as "key=value&..." (values percent-encoded where
// needed). apply_query(base, to_query(c, base)) gives a config whose to_query equals this one.
std::string to_query(const SessionConfig& config, const SessionConfig& base = {});

// "%2C" -> ",", "+" -> " "; malformed escapes are kept as text. And the reverse for a value.
std::string percent_decode(std::string_view text);
std::string percent_encode(std::string_view text);

// One line per setting for --help and docs: "  lr       learning rate: a number from 1e-05 to 10".
std::string settings_help();

// The limits the codec enforces (also used by the CLI's messages) live in limits.h.

}  // namespace relulab::core
