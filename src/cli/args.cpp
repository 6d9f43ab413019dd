// args.cpp — flag tables, "--name value" parsing and the validating setters of args.h.
#include "cli/args.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "core/activations.h"

namespace relulab::cli {

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

bool parse_int(std::string_view text, std::int64_t* out) {
  if (text.empty() || text.size() > 20) return false;
  const std::string copy(text);
  char* end = nullptr;
  errno = 0;
  const long long value = std::strtoll(copy.c_str(), &end, 10);
  if (errno != 0 || end != copy.c_str() + copy.size()) return false;
  *out = value;
  return true;
}

namespace {

std::string show(const std::string& value) {
  std::string shown = value.size() > 40 ? value.substr(0, 40) + "..." : value;
  return "(got '" + shown + "')";
}

std::string range_text(double lo, double hi) {
  return core::format_number(lo) + " to " + core::format_number(hi);
}

}  // namespace

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<Flag>& flags,
                      const FallbackSetter& fallback, std::vector<std::string>* positionals) {
  ParsedArgs result;
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") result.help = true;
  }
  if (result.help) return result;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      if (positionals && arg.rfind("-", 0) != 0) {
        positionals->push_back(arg);
        continue;
      }
      result.error = "unexpected argument '" + arg + "' (flags start with --; see --help)";
      return result;
    }
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (const std::size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const auto flag = std::find_if(flags.begin(), flags.end(), [&](const Flag& f) { return f.name == name; });
    const bool is_switch = flag != flags.end() && flag->value_name.empty();
    if (!has_value && !is_switch) {
      if (i + 1 >= args.size()) {
        result.error = "--" + name + " needs a value";
        if (flag == flags.end() && !fallback) result.error = "unknown flag --" + name + " (see --help)";
        return result;
      }
      value = args[++i];
    }
    if (flag == flags.end()) {
      std::string error;
      if (fallback && fallback(name, value, &error)) {
        if (!error.empty()) {
          result.error = error;
          return result;
        }
        continue;
      }
      std::vector<std::string> names;
      for (const Flag& f : flags) names.push_back("--" + f.name);
      result.error = "unknown flag --" + name + " (valid: " + join(names, ", ") +
                     (fallback ? ", and the config keys in --help" : "") + ")";
      return result;
    }
    if (is_switch && has_value) {
      result.error = "--" + name + " takes no value";
      return result;
    }
    if (std::string error = flag->set(value); !error.empty()) {
      result.error = error;
      return result;
    }
  }
  return result;
}

std::string format_help(const std::string& usage, const std::string& description, const std::vector<Flag>& flags,
                        const std::string& extra) {
  std::string out = "usage: " + usage + "\n\n" + description + "\n\nflags:\n";
  std::size_t width = 0;
  for (const Flag& f : flags) width = std::max(width, f.name.size() + f.value_name.size() + 3);
  for (const Flag& f : flags) {
    std::string left = "--" + f.name + (f.value_name.empty() ? "" : " " + f.value_name);
    left.resize(width + 2, ' ');
    out += "  " + left + f.help + "\n";
  }
  if (!extra.empty()) out += "\n" + extra + (extra.back() == '\n' ? "" : "\n");
  return out;
}

// [SECTION] Setters

FlagSetter int64_flag(const std::string& name, std::int64_t lo, std::int64_t hi, std::int64_t* out) {
  return [=](const std::string& value) -> std::string {
    std::int64_t parsed = 0;
    if (!parse_int(value, &parsed) || parsed < lo || parsed > hi) {
      return "--" + name + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + " " +
             show(value);
    }
    *out = parsed;
    return "";
  };
}

FlagSetter int_flag(const std::string& name, std::int64_t lo, std::int64_t hi, int* out) {
  return [=](const std::string& value) -> std::string {
    std::int64_t parsed = 0;
    if (std::string error = int64_flag(name, lo, hi, &parsed)(value); !error.empty()) return error;
    *out = static_cast<int>(parsed);
    return "";
  };
}

FlagSetter seed_flag(const std::string& name, std::uint64_t* out) {
  return [=](const std::string& value) -> std::string {
    std::int64_t parsed = 0;
    constexpr std::int64_t kMaxSeed = 4294967295;
    if (std::string error = int64_flag(name, 0, kMaxSeed, &parsed)(value); !error.empty()) return error;
    *out = static_cast<std::uint64_t>(parsed);
    return "";
  };
}

FlagSetter number_flag(const std::string& name, double lo, double hi, double* out) {
  return [=](const std::string& value) -> std::string {
    double parsed = 0;
    if (!core::parse_number(value, &parsed) || parsed < lo || parsed > hi) {
      return "--" + name + " takes a number from " + range_text(lo, hi) + " " + show(value);
    }
    *out = parsed;
    return "";
  };
}

FlagSetter choice_flag(const std::string& name, const std::vector<std::string>& choices, std::string* out) {
  return [=](const std::string& value) -> std::string {
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
      return "--" + name + " takes one of " + join(choices, ", ") + " " + show(value);
    }
    *out = value;
    return "";
  };
}

FlagSetter switch_flag(bool* out) {
  return [=](const std::string&) -> std::string {
    *out = true;
    return "";
  };
}

FlagSetter path_flag(const std::string& name, std::string* out) {
  return [=](const std::string& value) -> std::string {
    if (value.empty() || value.rfind("--", 0) == 0) return "--" + name + " takes a file path " + show(value);
    *out = value;
    return "";
  };
}

FlagSetter int_list_flag(const std::string& name, std::int64_t lo, std::int64_t hi, std::size_t max_items,
                         std::vector<int>* out) {
  return [=](const std::string& value) -> std::string {
    std::vector<int> items;
    const std::string expected = "--" + name + " takes a comma-separated list of 1 to " +
                                 std::to_string(max_items) + " whole numbers from " + std::to_string(lo) + " to " +
                                 std::to_string(hi) + " " + show(value);
    for (const std::string& part : split(value, ',')) {
      std::int64_t parsed = 0;
      if (!parse_int(part, &parsed) || parsed < lo || parsed > hi) return expected;
      items.push_back(static_cast<int>(parsed));
    }
    if (items.empty() || items.size() > max_items) return expected;
    *out = items;
    return "";
  };
}

FlagSetter number_list_flag(const std::string& name, double lo, double hi, std::size_t max_items,
                            std::vector<double>* out) {
  return [=](const std::string& value) -> std::string {
    std::vector<double> items;
    const std::string expected = "--" + name + " takes a comma-separated list of 1 to " +
                                 std::to_string(max_items) + " numbers from " + range_text(lo, hi) + " " + show(value);
    for (const std::string& part : split(value, ',')) {
      double parsed = 0;
      if (!core::parse_number(part, &parsed) || parsed < lo || parsed > hi) return expected;
      items.push_back(parsed);
    }
    if (items.empty() || items.size() > max_items) return expected;
    *out = items;
    return "";
  };
}

FlagSetter activation_list_flag(const std::string& name, std::size_t max_items,
                                std::vector<core::Activation>* out) {
  return [=](const std::string& value) -> std::string {
    std::vector<core::Activation> items;
    for (const std::string& part : split(value, ',')) {
      std::string error;
      auto activation = core::parse_activation(part, &error);
      if (!activation) return "--" + name + ": " + error;
      items.push_back(*activation);
    }
    if (items.empty() || items.size() > max_items) {
      return "--" + name + " takes a comma-separated list of 1 to " + std::to_string(max_items) + " activations " +
             show(value);
    }
    *out = items;
    return "";
  };
}

// [SECTION] Common flags

int default_threads() {
  const unsigned hardware = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hardware, 1u, 64u));
}

void add_common_flags(std::vector<Flag>& flags, CommonOptions& options, bool table, bool seed, bool threads) {
  if (seed) flags.push_back({"seed", "S", "base seed, 0 to 4294967295 (default 1)", seed_flag("seed", &options.seed)});
  if (threads) {
    options.threads = default_threads();
    flags.push_back({"threads", "T",
                     "worker threads, 1 to 64 (default: the machine's cores); results do not depend on it",
                     int_flag("threads", 1, 64, &options.threads)});
  }
  flags.push_back({"json", "", "print JSON instead of a table", switch_flag(&options.json)});
  if (table) flags.push_back({"csv", "", "print CSV instead of a table", switch_flag(&options.csv)});
  flags.push_back({"quiet", "", "no progress bar", switch_flag(&options.quiet)});
}

std::string check_common(const CommonOptions& options) {
  if (options.json && options.csv) return "--json and --csv exclude each other (choose one output format)";
  return "";
}

}  // namespace relulab::cli
