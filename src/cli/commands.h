// commands.h — the subcommands of `relulab`. Each takes its arguments (after the subcommand's name), prints
// its result on stdout and returns the process status (0 ok, 1 runtime failure, 2 bad input; see args.h).
// A bad input is reported as one line on stderr and nothing is written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/args.h"

namespace relulab::cli {

using Arguments = std::vector<std::string>;

int run_command(const Arguments& args);
int sweep_command(const Arguments& args);
int born_dead_command(const Arguments& args);
int recovery_command(const Arguments& args);
int lessons_command(const Arguments& args);

// Prints "relulab <command>: <message>" on stderr and returns kExitUsage.
int usage_error(const std::string& command, const std::string& message);
// Writes stdout text; returns kExitOk.
int print_out(const std::string& text);

// A subcommand's help: usage line, description, then `extra` after the flags (see format_help).
struct CommandHelp {
  std::string usage, description, extra;
};
// The start every subcommand shares: parses `args` against `flags`, prints the help when asked for, and refuses
// a bad command line or a bad combination of the common flags (usage_error). Returns the exit status when the
// command is already done that way, nullopt when it should go on.
std::optional<int> begin_command(const std::string& name, const CommandHelp& help, const Arguments& args,
                                 const std::vector<Flag>& flags, const CommonOptions& common,
                                 const FallbackSetter& fallback = nullptr,
                                 std::vector<std::string>* positionals = nullptr);

}  // namespace relulab::cli
