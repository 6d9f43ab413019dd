// main.cpp — `relulab`: the training core headless. Dispatches to the subcommands of commands.h.
#include <cstdio>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/data_files.h"

namespace relulab::cli {

int usage_error(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "relulab %s: %s\n", command.c_str(), message.c_str());
  return kExitUsage;
}

int print_out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  return kExitOk;
}

std::optional<int> begin_command(const std::string& name, const CommandHelp& help, const Arguments& args,
                                 const std::vector<Flag>& flags, const CommonOptions& common,
                                 const FallbackSetter& fallback, std::vector<std::string>* positionals) {
  const ParsedArgs parsed = parse_args(args, flags, fallback, positionals);
  if (parsed.help) return print_out(format_help(help.usage, help.description, flags, help.extra));
  if (!parsed.error.empty()) return usage_error(name, parsed.error);
  if (std::string e = check_common(common); !e.empty()) return usage_error(name, e);
  return std::nullopt;
}

namespace {

const char* kUsage =
    "usage: relulab <command> [flags]   (relulab <command> --help for its flags)\n\n"
    "Reproduces the dying-ReLU experiments of ReLU Lab headless; every table regenerates from its command.\n\n"
    "commands:\n"
    "  run         a lesson or a config for N steps: loss, dead fraction per layer, per-unit k; kick, twins\n"
    "  sweep       one setting over a list of values x seeds: final dead fractions, loss, revivals, divergence\n"
    "  born-dead   Monte Carlo at initialization: P(some hidden layer is all zero) with a 95% interval\n"
    "  recovery    knock units off the data by a margin; which activations bring them back, how fast\n"
    "  lessons     list the lessons; `lessons check` runs every lesson's verification headless\n\n"
    "Bad input exits with status 2 and one line naming the flag and what it accepts.\n";

}  // namespace

}  // namespace relulab::cli

int main(int argc, char** argv) {
  using namespace relulab::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  install_data_files();
  const std::string command = argv[1];
  const Arguments args(argv + 2, argv + argc);
  if (command == "--help" || command == "-h" || command == "help") return print_out(kUsage);
  if (command == "run") return run_command(args);
  if (command == "sweep") return sweep_command(args);
  if (command == "born-dead") return born_dead_command(args);
  if (command == "recovery") return recovery_command(args);
  if (command == "lessons") return lessons_command(args);
  std::fprintf(stderr, "relulab: unknown command '%s' (valid: run, sweep, born-dead, recovery, lessons)\n",
               command.c_str());
  return kExitUsage;
}
