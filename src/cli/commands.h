// commands.h — the subcommands of `relulab`. Each takes its arguments (after the subcommand's name), prints
// its result on stdout and returns the process status (0 ok, 1 runtime failure, 2 bad input; see args.h).
// A bad input is reported as one line on stderr and nothing is written.
#pragma once

#include <string>
#include <vector>

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

}  // namespace relulab::cli
