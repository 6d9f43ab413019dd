// config_codec.cpp — the settings table (key, meaning, accepted values, parse, format) and the query-string
// reader/writer over it. Numbers are strict: plain decimal or exponent notation, nothing left over, in range.
#include "core/config_codec.h"

#include <cmath>
#include <cstdint>

#include "core/activations.h"
#include "core/fields.h"
#include "core/json_value.h"
#include "core/names.h"
#include "core/network.h"

namespace relulab::core {

namespace {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Helpers: numbers are read by fields.h's read_number_text against limits.h's ranges
// ---------------------------------------------------------------------------------------------------------

bool fail(std::string* why, std::string message) {
  if (why) *why = std::move(message);
  return false;
}

// Keeps messages one line and short even for hostile input.
std::string quoted(std::string_view text) { return "'" + quoted_excerpt(text) + "'"; }

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------------
// [SECTION] One parse and one format function per key
// ---------------------------------------------------------------------------------------------------------

bool parse_data(SessionConfig& c, std::string_view v, std::string* why) {
  auto kind = from_name<DataKind>(v);
  if (!kind) return fail(why, quoted(v) + " is not a data set");
  c.data.kind = *kind;
  return true;
}
std::string format_data(const SessionConfig& c) { return name_of(c.data.kind); }

bool parse_size(SessionConfig& c, std::string_view v, std::string* why) {
  double n = 0;
  if (!read_number_text(v, kSizeRange, &n, why)) return false;
  c.data.size = static_cast<int>(n);
  return true;
}
std::string format_size(const SessionConfig& c) { return std::to_string(c.data.size); }

bool parse_noise(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kNoiseRange, &c.data.noise, why);
}
std::string format_noise(const SessionConfig& c) { return format_number(c.data.noise); }

bool parse_dim(SessionConfig& c, std::string_view v, std::string* why) {
  double d = 0;
  if (!read_number_text(v, kDimRange, &d, why)) return false;
  c.data.dim = static_cast<int>(d);
  return true;
}
std::string format_dim(const SessionConfig& c) { return std::to_string(c.data.dim); }

bool parse_pre(SessionConfig& c, std::string_view v, std::string* why) {
  auto kind = from_name<Preprocess>(v);
  if (!kind) return fail(why, quoted(v) + " is not a preprocessing");
  c.data.preprocess = *kind;
  return true;
}
std::string format_pre(const SessionConfig& c) { return name_of(c.data.preprocess); }

bool parse_offset(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kOffsetRange, &c.data.offset, why);
}
std::string format_offset(const SessionConfig& c) { return format_number(c.data.offset); }

bool parse_test(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kTestFractionRange, &c.data.test_fraction, why);
}
std::string format_test(const SessionConfig& c) { return format_number(c.data.test_fraction); }

bool parse_hidden(SessionConfig& c, std::string_view v, std::string* why) {
  const auto parts = split(v, ',');
  if (parts.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
    return fail(why, std::to_string(parts.size()) + " layers is too many");
  }
  std::vector<int> widths;
  for (std::string_view part : parts) {
    double width = 0;
    if (!read_number_text(part, kLayerWidthRange, &width, why)) return false;
    widths.push_back(static_cast<int>(width));
  }
  c.net.hidden = std::move(widths);
  return true;
}
std::string format_hidden(const SessionConfig& c) {
  std::string text;
  for (int width : c.net.hidden) text += (text.empty() ? "" : ",") + std::to_string(width);
  return text;
}

bool parse_act(SessionConfig& c, std::string_view v, std::string* why) {
  const auto parts = split(v, ',');
  if (parts.size() > static_cast<std::size_t>(kMaxHiddenLayers)) {
    return fail(why, std::to_string(parts.size()) + " activations is too many");
  }
  std::vector<Activation> activations;
  for (std::string_view part : parts) {
    std::string reason;
    auto activation = parse_activation(part, &reason);
    if (!activation) return fail(why, quoted(part) + " is not a valid activation");
    activations.push_back(*activation);
  }
  c.net.activations = std::move(activations);
  return true;
}
std::string format_act(const SessionConfig& c) {
  const auto& list = c.net.activations;
  if (list.empty()) return to_string(Activation{});
  bool uniform = true;
  for (const Activation& a : list) uniform = uniform && to_string(a) == to_string(list.front());
  if (uniform) return to_string(list.front());
  std::string text;
  for (const Activation& a : list) text += (text.empty() ? "" : ",") + to_string(a);
  return text;
}

bool parse_out(SessionConfig& c, std::string_view v, std::string* why) {
  if (v == "auto") {
    c.net.output.reset();
    return true;
  }
  auto kind = from_name<OutputKind>(v);
  if (!kind) return fail(why, quoted(v) + " is not an output");
  c.net.output = *kind;
  return true;
}
std::string format_out(const SessionConfig& c) { return c.net.output ? name_of(*c.net.output) : "auto"; }

bool parse_init(SessionConfig& c, std::string_view v, std::string* why) {
  auto kind = from_name<InitKind>(v);
  if (!kind) return fail(why, quoted(v) + " is not an initializer");
  c.net.init = *kind;
  return true;
}
std::string format_init(const SessionConfig& c) { return name_of(c.net.init); }

bool parse_bias(SessionConfig& c, std::string_view v, std::string* why) {
  if (v == "auto") {
    c.net.bias.reset();
    return true;
  }
  double b = 0;
  if (!read_number_text(v, kBiasRange, &b, why)) return false;
  c.net.bias = b;
  return true;
}
std::string format_bias(const SessionConfig& c) { return c.net.bias ? format_number(*c.net.bias) : "auto"; }

bool parse_opt(SessionConfig& c, std::string_view v, std::string* why) {
  auto kind = from_name<OptimizerKind>(v);
  if (!kind) return fail(why, quoted(v) + " is not an optimizer");
  c.train.optimizer = *kind;
  return true;
}
std::string format_opt(const SessionConfig& c) { return name_of(c.train.optimizer); }

bool parse_lr(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kLearningRateRange, &c.train.lr, why);
}
std::string format_lr(const SessionConfig& c) { return format_number(c.train.lr); }

bool parse_mom(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kMomentumRange, &c.train.momentum, why);
}
std::string format_mom(const SessionConfig& c) { return format_number(c.train.momentum); }

bool parse_wd(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kWeightDecayRange, &c.train.weight_decay, why);
}
std::string format_wd(const SessionConfig& c) { return format_number(c.train.weight_decay); }

bool parse_clip(SessionConfig& c, std::string_view v, std::string* why) {
  return read_number_text(v, kClipRange, &c.train.clip_norm, why);
}
std::string format_clip(const SessionConfig& c) { return format_number(c.train.clip_norm); }

bool parse_batch(SessionConfig& c, std::string_view v, std::string* why) {
  double b = 0;
  if (!read_number_text(v, kBatchRange, &b, why)) return false;
  c.train.batch_size = static_cast<int>(b);
  return true;
}
std::string format_batch(const SessionConfig& c) { return std::to_string(c.train.batch_size); }

bool parse_seed(SessionConfig& c, std::string_view v, std::string* why) {
  double s = 0;
  if (!read_number_text(v, kSeedRange, &s, why)) return false;
  c.seed = static_cast<std::uint64_t>(s);
  return true;
}
std::string format_seed(const SessionConfig& c) { return std::to_string(c.seed); }

constexpr double kMegabyte = 1024.0 * 1024.0;
bool parse_history(SessionConfig& c, std::string_view v, std::string* why) {
  double mb = 0;
  if (!read_number_text(v, kHistoryMegabytesRange, &mb, why)) return false;
  c.history_bytes = static_cast<std::size_t>(std::llround(mb * kMegabyte));
  return true;
}
std::string format_history(const SessionConfig& c) {
  return format_number(static_cast<double>(c.history_bytes) / kMegabyte);
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------
// [SECTION] The table
// -----------------------------------------------------------------------------------------------------------

const std::vector<SettingInfo>& settings() {
  // The choice lists come from names.h; these strings live as long as the table.
  static const std::string data_choices = "one of " + name_list<DataKind>();
  static const std::string pre_choices = "one of " + name_list<Preprocess>();
  static const std::string out_choices = "one of auto, " + name_list<OutputKind>();
  static const std::string init_choices = "one of " + name_list<InitKind>();
  static const std::string opt_choices = "one of " + name_list<OptimizerKind>();
  // The ranges come from limits.h, said in words by describe().
  static const std::string n_accepts = describe(kSizeRange), noise_accepts = describe(kNoiseRange),
                           dim_accepts = describe(kDimRange), offset_accepts = describe(kOffsetRange),
                           test_accepts = describe(kTestFractionRange), lr_accepts = describe(kLearningRateRange),
                           mom_accepts = describe(kMomentumRange), wd_accepts = describe(kWeightDecayRange),
                           clip_accepts = describe(kClipRange), batch_accepts = describe(kBatchRange),
                           seed_accepts = describe(kSeedRange), history_accepts = describe(kHistoryMegabytesRange);
  static const std::string hidden_accepts = "1 to " + std::to_string(kMaxHiddenLayers) + " whole numbers from " +
                                            range_end(kLayerWidthRange.lo) + " to " +
                                            range_end(kLayerWidthRange.hi) + " separated by commas (e.g. 16 or 8,8)";
  static const std::string bias_accepts = "auto (the initializer's own) or " + describe(kBiasRange);
  static const std::vector<SettingInfo> table = {
      {"data", "data set", data_choices.c_str(), parse_data, format_data},
      {"n", "number of points (training + test)", n_accepts.c_str(), parse_size, format_size},
      {"noise", "data noise", noise_accepts.c_str(), parse_noise, format_noise},
      {"dim", "input dimension of the negative data", dim_accepts.c_str(), parse_dim, format_dim},
      {"pre", "preprocessing", pre_choices.c_str(), parse_pre, format_pre},
      {"offset", "shift added to every coordinate (pre=shift)", offset_accepts.c_str(), parse_offset, format_offset},
      {"test", "test fraction", test_accepts.c_str(), parse_test, format_test},
      {"hidden", "hidden layer widths", hidden_accepts.c_str(), parse_hidden, format_hidden},
      {"act", "hidden activation (one for all layers, or one per layer separated by commas)",
       "relu, leaky[:a], prelu[:a], rrelu[:lower:upper], elu[:a], selu, tanh, sigmoid or linear "
       "(a from 0 to 10), or a comma list of them",
       parse_act, format_act},
      {"out", "output and loss", out_choices.c_str(), parse_out, format_out},
      {"init", "weight initializer", init_choices.c_str(), parse_init, format_init},
      {"bias", "constant initial bias of hidden units", bias_accepts.c_str(), parse_bias, format_bias},
      {"opt", "optimizer", opt_choices.c_str(), parse_opt, format_opt},
      {"lr", "learning rate", lr_accepts.c_str(), parse_lr, format_lr},
      {"mom", "momentum", mom_accepts.c_str(), parse_mom, format_mom},
      {"wd", "L2 weight decay", wd_accepts.c_str(), parse_wd, format_wd},
      {"clip", "gradient clipping by global norm (0 = off)", clip_accepts.c_str(), parse_clip, format_clip},
      {"batch", "batch size (0 = full batch)", batch_accepts.c_str(), parse_batch, format_batch},
      {"seed", "random seed", seed_accepts.c_str(), parse_seed, format_seed},
      {"history", "memory cap of the rewind history, in megabytes", history_accepts.c_str(), parse_history,
       format_history},
  };
  return table;
}

const SettingInfo* find_setting(std::string_view key) {
  for (const SettingInfo& info : settings()) {
    if (key == info.key) return &info;
  }
  return nullptr;
}

const std::vector<std::string>& page_keys() {
  static const std::vector<std::string> keys = {"lesson", "embed", "controls", "origin", "background"};
  return keys;
}

bool is_page_key(std::string_view key) {
  for (const std::string& page : page_keys()) {
    if (key == page) return true;
  }
  return false;
}

bool apply_setting(SessionConfig& config, std::string_view key, std::string_view value, std::string* error) {
  const SettingInfo* info = find_setting(key);
  if (!info) {
    if (error) {
      std::string keys;
      for (const SettingInfo& s : settings()) keys += (keys.empty() ? "" : ", ") + std::string(s.key);
      *error = quoted(key) + " is not a setting; settings are " + keys;
    }
    return false;
  }
  std::string why;
  SessionConfig changed = config;
  if (value.empty()) {
    why = "no value";
  } else if (info->parse(changed, value, &why)) {
    config = std::move(changed);
    return true;
  }
  if (error) *error = std::string(info->key) + ": " + why + "; expected " + info->accepts;
  return false;
}

// -----------------------------------------------------------------------------------------------------------
// [SECTION] Query strings
// -----------------------------------------------------------------------------------------------------------

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~' || c == ',' || c == ':';
    if (plain) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

std::vector<SettingError> apply_settings(SessionConfig& config,
                                         const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::vector<SettingError> errors;
  const std::vector<Activation> activations_before = config.net.activations;
  for (const auto& [key, value] : pairs) {
    std::string message;
    if (!apply_setting(config, key, value, &message)) errors.push_back({key, message});
  }
  const std::size_t acts = config.net.activations.size();
  if (acts > 1 && acts != config.net.hidden.size()) {
    errors.push_back({"act", "act: " + std::to_string(acts) + " activations for " +
                                 std::to_string(config.net.hidden.size()) + " hidden layers; expected one "
                                 "activation for all layers or one per layer"});
    config.net.activations = activations_before;
    if (config.net.activations.size() > 1 && config.net.activations.size() != config.net.hidden.size()) {
      config.net.activations.clear();
    }
  }
  return errors;
}

std::vector<SettingError> apply_query(SessionConfig& config, std::string_view query,
                                      const PageKeyHandler& on_page_key) {
  if (!query.empty() && query.front() == '?') query.remove_prefix(1);
  std::vector<std::pair<std::string, std::string>> pairs;
  std::vector<SettingError> errors;
  for (std::string_view part : split(query, '&')) {
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    const std::string key = percent_decode(part.substr(0, eq));
    const std::string value = eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1));
    if (is_page_key(key)) {
      if (on_page_key) on_page_key(key, value);
      continue;
    }
    pairs.emplace_back(key, value);
  }
  std::vector<SettingError> more = apply_settings(config, pairs);
  errors.insert(errors.end(), more.begin(), more.end());
  return errors;
}

std::string to_query(const SessionConfig& config, const SessionConfig& base) {
  std::string query;
  for (const SettingInfo& info : settings()) {
    const std::string value = info.format(config);
    if (value == info.format(base)) continue;
    query += (query.empty() ? "" : "&") + std::string(info.key) + "=" + percent_encode(value);
  }
  return query;
}

std::string settings_help() {
  std::string text;
  for (const SettingInfo& info : settings()) {
    std::string key = info.key;
    key.resize(8, ' ');
    text += "  " + key + " " + info.sets + ": " + info.accepts + "\n";
  }
  return text;
}

}  // namespace relulab::core
