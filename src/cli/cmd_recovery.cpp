// cmd_recovery.cpp — `relulab recovery`: the recovery map. Per seed: train the config (ReLU by default) for
// --pretrain steps, knock the first --knock first-layer units that are on the data so that max z over the data =
// -margin |w| (core Session::knock), fork one twin with the activation under test (identical weights and
// batches), and train up to --watch steps, noting the first step at which each knocked unit is back on the data
// (k > 0). Table: per margin × activation, the fraction of knocked units back and the median steps to return
// (over the units that returned). Jobs (margin, activation, seed) run in parallel; results do not depend on
// --threads.
#include <algorithm>
#include <cmath>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/experiment.h"
#include "cli/plan.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "cli/svg_chart.h"
#include "core/activations.h"
#include "core/json_value.h"

namespace relulab::cli {

namespace {

using core::JsonValue;

struct RecoveryOptions {
  PlanOptions plan;
  CommonOptions common;
  std::int64_t pretrain = 200, watch = 5000;
  int knock = 2, seeds = 10;
  std::vector<double> margins = {0.05, 0.1, 0.2, 0.5, 1, 2};
  std::vector<core::Activation> activations;
  std::string svg;
};

struct JobResult {
  int knocked = 0, back = 0;
  std::vector<double> return_steps;  // steps after the knock, one per returned unit
  bool diverged = false;
};

JobResult recover(const core::SessionConfig& config, const RecoveryOptions& options, double margin,
                  const core::Activation& activation) {
  JobResult result;
  core::Session session(headless(config));
  session.step(static_cast<int>(options.pretrain));
  std::vector<int> knocked;
  const core::LayerCensus& first = session.census(0).layers.front();
  for (int i = 0; i < static_cast<int>(first.units.size()) && static_cast<int>(knocked.size()) < options.knock; ++i) {
    if (first.units[static_cast<std::size_t>(i)].active_count > 0) knocked.push_back(i);
  }
  for (int unit : knocked) session.knock(0, unit, margin);
  session.fork({activation});
  result.knocked = static_cast<int>(knocked.size());
  std::vector<bool> returned(knocked.size(), false);
  for (std::int64_t s = 1; s <= options.watch && result.back < result.knocked; ++s) {
    session.step(1);
    const core::TwinCensus& census = session.census(0);
    if (census.diverged) {
      result.diverged = true;
      break;
    }
    for (std::size_t i = 0; i < knocked.size(); ++i) {
      if (returned[i] || census.layers.front().units[static_cast<std::size_t>(knocked[i])].active_count == 0) continue;
      returned[i] = true;
      ++result.back;
      result.return_steps.push_back(static_cast<double>(s));
    }
  }
  return result;
}

struct Cell {
  double margin = 0;
  std::string activation;
  int runs = 0, knocked = 0, back = 0, diverged = 0;
  Summary steps;
};

const char* kHelpExtra =
    "table (the map): rows = knock margin (distance of the unit's hyperplane past the data, in units of |w|),\n"
    "columns = activation of the forked twin; each cell: fraction of knocked units back on the data (k > 0) within\n"
    "--watch steps, and in brackets the median steps to return over the units that returned (— if none).\n"
    "--csv and --json give one row per margin and activation: {\"pretrain\", \"watch\", \"seeds\", \"knock\",\n"
    "\"config\", \"rows\": [{\"margin\", \"activation\", \"runs\", \"knocked\", \"back\", \"fraction\",\n"
    "\"median_steps\" (null if none returned), \"diverged\"}]}.\n\n"
    "example:\n"
    "  relulab recovery --margins 0.05,0.1,0.5,1,2 --acts relu,leaky:0.1,elu --seeds 10 --svg recovery.svg\n";

}  // namespace

int recovery_command(const Arguments& args) {
  RecoveryOptions options;
  options.activations = {core::activation_of(core::ActivationKind::ReLU)};
  for (const char* name : {"leaky:0.01", "leaky:0.1", "leaky:0.3", "prelu", "elu", "selu"}) {
    options.activations.push_back(*core::parse_activation(name, nullptr));
  }
  std::vector<Flag> flags;
  add_plan_flags(flags, options.plan, false);
  flags.push_back({"pretrain", "N", "steps before the knock, 0 to 100000 (default 200)",
                   int64_flag("pretrain", 0, 100000, &options.pretrain)});
  flags.push_back({"knock", "N", "first-layer units to knock (the first N on the data), 1 to 64 (default 2)",
                   int_flag("knock", 1, 64, &options.knock)});
  flags.push_back({"margins", "LIST", "knock margins in units of |w|, 0 to 100 each (default 0.05,0.1,0.2,0.5,1,2)",
                   number_list_flag("margins", 0, 100, 32, &options.margins)});
  flags.push_back({"acts", "LIST", "activations of the forked twin, up to 12 (default relu,leaky:0.01,leaky:0.1,"
                                   "leaky:0.3,prelu,elu,selu)",
                   activation_list_flag("acts", 12, &options.activations)});
  flags.push_back({"watch", "N", "steps after the knock, 1 to 100000 (default 5000)",
                   int64_flag("watch", 1, 100000, &options.watch)});
  flags.push_back({"seeds", "N", "seeds per cell, 1 to 1000 (default 10): seed, seed + 1, ...",
                   int_flag("seeds", 1, 1000, &options.seeds)});
  flags.push_back({"svg", "FILE", "also write a chart: fraction back and median steps vs margin",
                   path_flag("svg", &options.svg)});
  add_common_flags(flags, options.common, true, false, true);

  const CommandHelp help{
      "relulab recovery [--margins LIST] [--acts LIST] [--seeds N] [--KEY VALUE ...] [flags]",
      "Knocks first-layer units off the data and measures which activations bring them back, and how fast.\n"
      "The default config is DESIGN.md's prototype: circle data (400 points), 6 ReLU units, sigmoid +\n"
      "cross-entropy, SGD lr 0.5.",
      kHelpExtra};
  const auto done = begin_plan_command("recovery", help, "(--seed S is the config key seed: the first seed)", args,
                                       flags, options.common, options.plan);
  if (done) return *done;
  RunPlan plan;
  if (std::string e = build_plan(options.plan, &plan); !e.empty()) return usage_error("recovery", e);

  const int margins = static_cast<int>(options.margins.size());
  const int acts = static_cast<int>(options.activations.size());
  const int seeds = options.seeds;
  const int jobs = margins * acts * seeds;
  std::vector<JobResult> results(static_cast<std::size_t>(jobs));
  {
    Progress progress("recovery", jobs, !options.common.quiet);
    parallel_for(jobs, options.common.threads, [&](int job) {
      const int m = job / (acts * seeds), a = (job / seeds) % acts, s = job % seeds;
      core::SessionConfig config = plan.config;
      config.seed += static_cast<std::uint64_t>(s);
      results[static_cast<std::size_t>(job)] =
          recover(config, options, options.margins[static_cast<std::size_t>(m)], options.activations[static_cast<std::size_t>(a)]);
    }, &progress);
  }

  std::vector<Cell> cells;
  for (int m = 0; m < margins; ++m) {
    for (int a = 0; a < acts; ++a) {
      Cell cell;
      cell.margin = options.margins[static_cast<std::size_t>(m)];
      cell.activation = core::to_string(options.activations[static_cast<std::size_t>(a)]);
      std::vector<double> steps;
      for (int s = 0; s < seeds; ++s) {
        const JobResult& r = results[static_cast<std::size_t>((m * acts + a) * seeds + s)];
        ++cell.runs;
        cell.knocked += r.knocked;
        cell.back += r.back;
        cell.diverged += r.diverged;
        steps.insert(steps.end(), r.return_steps.begin(), r.return_steps.end());
      }
      cell.steps = summarize(steps);
      cells.push_back(std::move(cell));
    }
  }
  auto fraction = [](const Cell& c) { return c.knocked ? static_cast<double>(c.back) / c.knocked : 0.0; };

  if (!options.svg.empty()) {
    Chart chart;
    chart.title = "recovery after a knock (" + std::to_string(seeds) + " seeds x " + std::to_string(options.knock) +
                  " units, watched " + std::to_string(options.watch) + " steps)";
    chart.x_label = "knock margin (|w|)";
    const auto [lo, hi] = std::minmax_element(options.margins.begin(), options.margins.end());
    chart.x_log = *lo > 0 && *hi / *lo >= 10;
    chart.x_min = *lo;
    chart.x_max = *hi;
    Panel back{"knocked units back on the data (95% CI)", "fraction with k > 0 again", 0, 1, false, {}};
    Panel speed{"median steps to return (log scale)", "steps after the knock", 0, 0, true, {}};
    for (int a = 0; a < acts; ++a) {
      Series f{core::to_string(options.activations[static_cast<std::size_t>(a)]), {}, {}, {}, {}};
      Series s = f;
      for (const Cell& cell : cells) {
        if (cell.activation != f.name) continue;
        const Interval ci = wilson95(cell.back, cell.knocked);
        f.x.push_back(cell.margin);
        f.y.push_back(fraction(cell));
        f.lo.push_back(ci.lo);
        f.hi.push_back(ci.hi);
        if (cell.steps.count > 0) {
          s.x.push_back(cell.margin);
          s.y.push_back(cell.steps.median);
        }
      }
      back.series.push_back(std::move(f));
      speed.series.push_back(std::move(s));
    }
    chart.panels = {back, speed};
    if (std::string e = write_file(options.svg, render_svg(chart)); !e.empty()) {
      std::fprintf(stderr, "relulab recovery: %s\n", e.c_str());
      return kExitRuntime;
    }
  }

  const std::string config_text = describe_config(plan.config);
  if (options.common.json) {
    JsonValue out = JsonValue::object();
    out.set("pretrain", JsonValue::number(static_cast<double>(options.pretrain)));
    out.set("watch", JsonValue::number(static_cast<double>(options.watch)));
    out.set("seeds", JsonValue::number(seeds));
    out.set("knock", JsonValue::number(options.knock));
    out.set("config", JsonValue::string(config_text));
    JsonValue rows = JsonValue::array();
    for (const Cell& cell : cells) {
      JsonValue o = JsonValue::object();
      o.set("margin", JsonValue::number(cell.margin));
      o.set("activation", JsonValue::string(cell.activation));
      o.set("runs", JsonValue::number(cell.runs));
      o.set("knocked", JsonValue::number(cell.knocked));
      o.set("back", JsonValue::number(cell.back));
      o.set("fraction", JsonValue::number(fraction(cell)));
      o.set("median_steps", cell.steps.count ? JsonValue::number(cell.steps.median) : JsonValue());
      o.set("diverged", JsonValue::number(cell.diverged));
      rows.push(std::move(o));
    }
    out.set("rows", std::move(rows));
    return print_out(core::to_json(out) + "\n");
  }
  if (options.common.csv) {
    Table csv;
    csv.header = {"margin", "activation", "runs", "knocked", "back", "fraction", "median_steps", "diverged"};
    for (const Cell& cell : cells) {
      csv.rows.push_back({core::format_number(cell.margin), cell.activation, std::to_string(cell.runs),
                          std::to_string(cell.knocked), std::to_string(cell.back), core::format_number(fraction(cell)),
                          cell.steps.count ? core::format_number(cell.steps.median) : "", std::to_string(cell.diverged)});
    }
    return print_out(csv.to_csv());
  }
  Table map;
  map.header = {"margin"};
  for (const core::Activation& a : options.activations) map.header.push_back(core::to_string(a));
  int diverged = 0;
  for (int m = 0; m < margins; ++m) {
    std::vector<std::string> row{core::format_number(options.margins[static_cast<std::size_t>(m)])};
    for (int a = 0; a < acts; ++a) {
      const Cell& cell = cells[static_cast<std::size_t>(m * acts + a)];
      diverged += cell.diverged;
      row.push_back(fixed(fraction(cell), 2) + " (" + (cell.steps.count ? fixed(cell.steps.median, 0) : "—") + ")");
    }
    map.rows.push_back(std::move(row));
  }
  std::string text = "config: " + config_text + "; pretrain " + std::to_string(options.pretrain) + " steps, knock " +
                     std::to_string(options.knock) + " units, watch " + std::to_string(options.watch) +
                     " steps, seeds " + std::to_string(plan.config.seed) + ".." +
                     std::to_string(plan.config.seed + static_cast<std::uint64_t>(seeds) - 1) +
                     "\ncell: fraction of knocked units back on the data (median steps to return)\n\n" +
                     map.to_markdown();
  if (diverged > 0) text += "\n" + std::to_string(diverged) + " run(s) diverged (counted as not back)\n";
  return print_out(text);
}

}  // namespace relulab::cli
