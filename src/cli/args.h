// args.h — the command line of one subcommand: a table of flags, each with its help line and a setter that
// validates the value and names the flag and its valid range when it refuses. Parsing never writes files and
// never exits: it returns the first problem as one line, and main() prints it with status 2.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/session.h"

namespace relulab::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntime = 1;   // a file could not be written, a lesson check failed
inline constexpr int kExitUsage = 2;     // bad input: unknown flag, value out of range, malformed file

// Returns "" when the value is accepted, else a sentence such as "--steps takes a whole number from 1 to 100000".
using FlagSetter = std::function<std::string(const std::string& value)>;

struct Flag {
  std::string name;        // without the leading "--"
  std::string value_name;  // e.g. "N"; empty for a switch (which takes no value)
  std::string help;
  FlagSetter set;          // for a switch it is called with ""
};

// Called for a flag that is not in the table (e.g. the config codec's keys); returns false when it does not
// know the flag, else true with *error set to "" or to a sentence naming the problem.
using FallbackSetter = std::function<bool(const std::string& name, const std::string& value, std::string* error)>;

struct ParsedArgs {
  bool help = false;
  std::string error;  // one line, "" when the arguments are valid
};

// Accepts "--name value" and "--name=value"; "--help"/"-h" anywhere asks for help. Positional arguments are
// refused unless `positionals` is given.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<Flag>& flags,
                      const FallbackSetter& fallback = nullptr, std::vector<std::string>* positionals = nullptr);

// Help text: usage line, description, one line per flag, then `extra` (examples, output fields).
std::string format_help(const std::string& usage, const std::string& description, const std::vector<Flag>& flags,
                        const std::string& extra);

// [SECTION] Validating setters: each message names the flag and the range it accepts.
FlagSetter int_flag(const std::string& name, std::int64_t lo, std::int64_t hi, int* out);
FlagSetter int64_flag(const std::string& name, std::int64_t lo, std::int64_t hi, std::int64_t* out);
FlagSetter seed_flag(const std::string& name, std::uint64_t* out);
FlagSetter number_flag(const std::string& name, double lo, double hi, double* out);
FlagSetter choice_flag(const std::string& name, const std::vector<std::string>& choices, std::string* out);
FlagSetter switch_flag(bool* out);
FlagSetter path_flag(const std::string& name, std::string* out);
FlagSetter int_list_flag(const std::string& name, std::int64_t lo, std::int64_t hi, std::size_t max_items,
                         std::vector<int>* out);
FlagSetter number_list_flag(const std::string& name, double lo, double hi, std::size_t max_items,
                            std::vector<double>* out);
FlagSetter activation_list_flag(const std::string& name, std::size_t max_items,
                                std::vector<core::Activation>* out);

std::vector<std::string> split(std::string_view text, char separator);
bool parse_int(std::string_view text, std::int64_t* out);
std::string join(const std::vector<std::string>& items, const std::string& separator);

// The flags every subcommand shares. `threads` is null for commands that do not run seeds in parallel;
// `seed` is null for commands without randomness.
struct CommonOptions {
  bool json = false, csv = false, quiet = false;
  std::uint64_t seed = 1;
  int threads = 1;
};
int default_threads();
void add_common_flags(std::vector<Flag>& flags, CommonOptions& options, bool table, bool seed, bool threads);
// "" or the problem with a combination of common flags (e.g. --json with --csv).
std::string check_common(const CommonOptions& options);

}  // namespace relulab::cli
