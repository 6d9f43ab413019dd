// cmd_sweep.cpp — `relulab sweep`: one setting over a list of values × a number of seeds. Each (value, seed) is
// the run that `relulab run` with the same flags plus `--PARAM VALUE --seed S` would do; the table shows, per
// value and twin, the final dead fraction per layer (mean ± sd over seeds), the final loss, revivals, the kick's
// victims and their fate, and diverged runs. Seeds run in parallel; results do not depend on --threads.
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
#include "core/config_codec.h"
#include "core/json_value.h"

namespace relulab::cli {

namespace {

// The panel's series for one activation, created (in first-seen order) if it is not there yet.
Series* series_named(Panel& panel, const std::string& name) {
  for (Series& series : panel.series)
    if (series.name == name) return &series;
  panel.series.push_back(Series{name, {}, {}, {}, {}});
  return &panel.series.back();
}

using core::JsonValue;

constexpr int kMaxValues = 32;
constexpr int kMaxSeeds = 1000;

struct SweepOptions {
  PlanOptions plan;
  CommonOptions common;
  std::string param, values_text, svg;
  int seeds = 5;
};

const std::vector<std::string> kScheduleParams = {"steps", "kick-at", "kick-factor", "kick-batch", "twins"};

std::vector<Flag> sweep_flags(SweepOptions& options) {
  std::vector<Flag> flags;
  add_plan_flags(flags, options.plan, true);
  flags.push_back({"param", "NAME", "the setting to sweep: a config key (lr, act, hidden, init, bias, ...) or "
                                    "steps, kick-at, kick-factor, kick-batch, twins",
                   [&options](const std::string& value) -> std::string {
                     const bool known = core::find_setting(value) || std::find(kScheduleParams.begin(),
                                                                               kScheduleParams.end(), value) !=
                                                                         kScheduleParams.end();
                     if (!known || value == "seed") {
                       return "--param takes a config key other than seed (see --help) or one of " +
                              join(kScheduleParams, ", ") + " (got '" + value + "')";
                     }
                     options.param = value;
                     return "";
                   }});
  flags.push_back({"values", "LIST", "1 to 32 values of the parameter, separated by commas (or by semicolons "
                                     "when a value holds commas, e.g. \"16;16,16\")",
                   [&options](const std::string& value) -> std::string {
                     options.values_text = value;
                     return "";
                   }});
  flags.push_back({"seeds", "N", "seeds per value, 1 to 1000 (default 5): seed, seed + 1, ...",
                   int_flag("seeds", 1, kMaxSeeds, &options.seeds)});
  flags.push_back({"svg", "FILE", "also write a chart: final dead fraction per layer vs the parameter",
                   path_flag("svg", &options.svg)});
  add_common_flags(flags, options.common, true, false, true);
  return flags;
}

std::vector<std::string> split_values(const std::string& text) {
  return split(text, text.find(';') != std::string::npos ? ';' : ',');
}

struct Cell {  // one (value, twin) row
  std::string value, activation;
  int runs = 0, diverged = 0;
  std::vector<Summary> dead;  // per hidden layer, over runs that did not diverge
  Summary loss, test_accuracy, revived, victims;
  int victims_total = 0, victims_back = 0;
  bool kick = false;
};

const char* kHelpExtra =
    "table: one row per value and twin. dead Ll = final fraction of layer l's units with k = 0 (mean ± sd over\n"
    "seeds that did not diverge); loss = final training loss (same runs); test acc (with a test split) = final\n"
    "accuracy on the held-out points (same runs); revived = units per run that were at\n"
    "k = 0 at some step and k > 0 later; with a kick, killed = units per run the kick took from k > 0 to k = 0\n"
    "(before the twins fork, so the same for every twin) and back = how many of them have k > 0 at the end, over\n"
    "the runs that did not diverge; diverged = runs stopped by non-finite values.\n"
    "--json prints {\"param\", \"values\", \"seeds\", \"config\", \"rows\": [{\"value\", \"activation\", \"runs\",\n"
    "\"dead_fraction_mean\": [per layer], \"dead_fraction_sd\": [...], \"loss_mean\", \"loss_sd\",\n"
    "\"test_accuracy_mean\", \"test_accuracy_sd\", \"revived_mean\",\n"
    "\"killed_mean\", \"victims\", \"victims_back\", \"diverged\"}]}.\n\n"
    "example:\n"
    "  relulab sweep --data sin --hidden 16,16 --param lr --values 0.01,0.1,1 --seeds 10 \\\n"
    "                --twins relu,leaky:0.01,elu --steps 2000 --svg lr.svg\n";

}  // namespace

int sweep_command(const Arguments& args) {
  SweepOptions options;
  const CommandHelp help{"relulab sweep --param NAME --values LIST [--seeds N] [run flags] [flags]",
                         "Runs one setting over a list of values x seeds and tabulates the final state.", kHelpExtra};
  const auto done = begin_plan_command("sweep", help, "", args, sweep_flags(options), options.common, options.plan);
  if (done) return *done;
  if (options.param.empty()) return usage_error("sweep", "--param NAME is required (a config key or a run flag)");
  if (options.values_text.empty()) return usage_error("sweep", "--values LIST is required (1 to 32 values)");
  const std::vector<std::string> values = split_values(options.values_text);
  if (values.size() > static_cast<std::size_t>(kMaxValues)) {
    return usage_error("sweep", "--values takes 1 to 32 values (got " + std::to_string(values.size()) + ")");
  }

  RunPlan base;
  if (std::string e = build_plan(options.plan, &base); !e.empty()) return usage_error("sweep", e);
  // One plan per value: the same command line with --PARAM VALUE appended.
  std::vector<RunPlan> plans;
  for (const std::string& value : values) {
    SweepOptions copy;
    std::vector<Flag> copy_flags = sweep_flags(copy);
    Arguments with_value = args;
    with_value.push_back("--" + options.param);
    with_value.push_back(value);
    ParsedArgs again = parse_args(with_value, copy_flags, settings_fallback(copy.plan));
    if (!again.error.empty()) return usage_error("sweep", "--values: " + again.error);
    RunPlan plan;
    if (std::string e = build_plan(copy.plan, &plan); !e.empty()) return usage_error("sweep", "--values: " + e);
    plans.push_back(std::move(plan));
  }

  const int seeds = options.seeds;
  const int jobs = static_cast<int>(plans.size()) * seeds;
  std::vector<RunOutcome> outcomes(static_cast<std::size_t>(jobs));
  {
    Progress progress("sweep " + options.param, jobs, !options.common.quiet);
    parallel_for(jobs, options.common.threads, [&](int job) {
      RunPlan plan = plans[static_cast<std::size_t>(job / seeds)];
      plan.config.seed += static_cast<std::uint64_t>(job % seeds);
      outcomes[static_cast<std::size_t>(job)] = execute(plan);
    }, &progress);
  }

  // Aggregate per (value, twin).
  std::vector<Cell> cells;
  std::size_t max_layers = 0;
  for (std::size_t v = 0; v < plans.size(); ++v) {
    const std::size_t twins = outcomes[v * static_cast<std::size_t>(seeds)].twins.size();
    for (std::size_t t = 0; t < twins; ++t) {
      Cell cell;
      cell.value = values[v];
      cell.kick = schedule_kick(plans[v]) != nullptr;
      std::vector<std::vector<double>> dead;
      std::vector<double> loss, test_accuracy, revived, victims;
      for (int s = 0; s < seeds; ++s) {
        const RunOutcome& outcome = outcomes[v * static_cast<std::size_t>(seeds) + static_cast<std::size_t>(s)];
        const TwinOutcome& twin = outcome.twins[t];
        cell.activation = twin.activation;
        ++cell.runs;
        victims.push_back(static_cast<double>(outcome.victims.size()));
        revived.push_back(twin.revived);
        if (twin.diverged) {  // its census is frozen at its last finite step: not counted below
          ++cell.diverged;
          continue;
        }
        cell.victims_total += static_cast<int>(outcome.victims.size());
        cell.victims_back += twin.victims_back;
        dead.resize(std::max(dead.size(), twin.census.layers.size()));
        for (std::size_t l = 0; l < twin.census.layers.size(); ++l) dead[l].push_back(twin.census.layers[l].dead_fraction);
        loss.push_back(twin.census.train_loss);
        test_accuracy.push_back(twin.census.test_accuracy);
      }
      for (const auto& layer : dead) cell.dead.push_back(summarize(layer));
      max_layers = std::max(max_layers, plans[v].config.net.hidden.size());
      cell.loss = summarize(loss);
      cell.test_accuracy = summarize(test_accuracy);
      cell.revived = summarize(revived);
      cell.victims = summarize(victims);
      cells.push_back(std::move(cell));
    }
  }
  const bool any_kick = std::any_of(plans.begin(), plans.end(), [](const RunPlan& p) { return schedule_kick(p) != nullptr; });
  const bool held_out = std::any_of(plans.begin(), plans.end(), [](const RunPlan& p) { return p.config.data.test_fraction > 0; });

  // The chart, before printing (a failure to write it is reported with status 1).
  if (!options.svg.empty()) {
    Chart chart;
    chart.title = "final dead fraction vs " + options.param + " (" + std::to_string(seeds) + " seeds, mean ± sd)";
    chart.x_label = options.param;
    std::vector<double> numeric;
    for (const std::string& value : values) {
      double x = 0;
      if (!core::parse_number(value, &x)) {
        numeric.clear();
        break;
      }
      numeric.push_back(x);
    }
    if (numeric.size() != values.size()) {
      chart.x_categories = values;
      numeric.clear();
      for (std::size_t i = 0; i < values.size(); ++i) numeric.push_back(static_cast<double>(i));
    } else {
      const auto [lo, hi] = std::minmax_element(numeric.begin(), numeric.end());
      chart.x_log = *lo > 0 && *hi / *lo >= 20;
      chart.x_min = *lo;
      chart.x_max = *hi;
    }
    for (std::size_t l = 0; l < max_layers; ++l) {
      Panel panel;
      panel.title = "hidden layer " + std::to_string(l + 1);
      panel.y_label = "fraction of units with k = 0";
      for (const Cell& cell : cells) {
        Series* series = series_named(panel, cell.activation);
        if (l >= cell.dead.size() || cell.dead[l].count == 0) continue;
        const std::size_t v = static_cast<std::size_t>(std::find(values.begin(), values.end(), cell.value) - values.begin());
        series->x.push_back(numeric[v]);
        series->y.push_back(cell.dead[l].mean);
        series->lo.push_back(cell.dead[l].mean - cell.dead[l].sd);
        series->hi.push_back(cell.dead[l].mean + cell.dead[l].sd);
      }
      chart.panels.push_back(std::move(panel));
    }
    if (any_kick) {
      Panel panel;
      panel.title = "the kick's victims back on the data at the end (95% CI)";
      panel.y_label = "fraction of killed units with k > 0";
      for (const Cell& cell : cells) {
        Series* series = series_named(panel, cell.activation);
        if (cell.victims_total == 0) continue;
        const std::size_t v = static_cast<std::size_t>(std::find(values.begin(), values.end(), cell.value) - values.begin());
        const Interval ci = wilson95(cell.victims_back, cell.victims_total);
        series->x.push_back(numeric[v]);
        series->y.push_back(static_cast<double>(cell.victims_back) / cell.victims_total);
        series->lo.push_back(ci.lo);
        series->hi.push_back(ci.hi);
      }
      chart.panels.push_back(std::move(panel));
    }
    if (std::string e = write_file(options.svg, render_svg(chart)); !e.empty()) {
      std::fprintf(stderr, "relulab sweep: %s\n", e.c_str());
      return kExitRuntime;
    }
  }

  const std::string config_text = describe_config(base.config);
  if (options.common.json) {
    JsonValue out = JsonValue::object();
    out.set("param", JsonValue::string(options.param));
    JsonValue value_list = JsonValue::array();
    for (const std::string& value : values) value_list.push(JsonValue::string(value));
    out.set("values", std::move(value_list));
    out.set("seeds", JsonValue::number(seeds));
    out.set("config", JsonValue::string(config_text));
    JsonValue rows = JsonValue::array();
    for (const Cell& cell : cells) {
      JsonValue row = JsonValue::object();
      row.set("value", JsonValue::string(cell.value));
      row.set("activation", JsonValue::string(cell.activation));
      row.set("runs", JsonValue::number(cell.runs));
      JsonValue mean = JsonValue::array(), sd = JsonValue::array();
      for (const Summary& s : cell.dead) {
        mean.push(JsonValue::number(s.mean));
        sd.push(JsonValue::number(s.sd));
      }
      row.set("dead_fraction_mean", std::move(mean));
      row.set("dead_fraction_sd", std::move(sd));
      row.set("loss_mean", JsonValue::number(cell.loss.mean));
      row.set("loss_sd", JsonValue::number(cell.loss.sd));
      row.set("test_accuracy_mean", JsonValue::number(cell.test_accuracy.mean));
      row.set("test_accuracy_sd", JsonValue::number(cell.test_accuracy.sd));
      row.set("revived_mean", JsonValue::number(cell.revived.mean));
      row.set("killed_mean", JsonValue::number(cell.victims.mean));
      row.set("victims", JsonValue::number(cell.victims_total));
      row.set("victims_back", JsonValue::number(cell.victims_back));
      row.set("diverged", JsonValue::number(cell.diverged));
      rows.push(std::move(row));
    }
    out.set("rows", std::move(rows));
    return print_out(core::to_json(out) + "\n");
  }

  Table table, csv;
  table.header = {options.param, "twin", "runs"};
  csv.header = {options.param, "activation", "runs"};
  for (std::size_t l = 0; l < max_layers; ++l) {
    table.header.push_back("dead L" + std::to_string(l + 1));
    csv.header.push_back("dead_l" + std::to_string(l + 1) + "_mean");
    csv.header.push_back("dead_l" + std::to_string(l + 1) + "_sd");
  }
  table.header.push_back("loss");
  csv.header.insert(csv.header.end(), {"loss_mean", "loss_sd"});
  if (held_out) {
    table.header.push_back("test acc");
    csv.header.insert(csv.header.end(), {"test_accuracy_mean", "test_accuracy_sd"});
  }
  table.header.push_back("revived");
  csv.header.push_back("revived_mean");
  if (any_kick) {
    table.header.insert(table.header.end(), {"killed", "back"});
    csv.header.insert(csv.header.end(), {"killed_mean", "victims", "victims_back"});
  }
  table.header.push_back("diverged");
  csv.header.push_back("diverged");
  table.right_align.assign(table.header.size(), true);
  table.right_align[0] = table.right_align[1] = false;
  for (const Cell& cell : cells) {
    std::vector<std::string> text{cell.value, cell.activation, std::to_string(cell.runs)};
    std::vector<std::string> raw{cell.value, cell.activation, std::to_string(cell.runs)};
    for (std::size_t l = 0; l < max_layers; ++l) {
      if (l < cell.dead.size()) {
        text.push_back(mean_sd(cell.dead[l].mean, cell.dead[l].sd, cell.dead[l].count, 3));
        raw.push_back(core::format_number(cell.dead[l].mean));
        raw.push_back(core::format_number(cell.dead[l].sd));
      } else {
        text.push_back("—");
        raw.insert(raw.end(), {"", ""});
      }
    }
    text.push_back(cell.loss.count ? mean_sd(cell.loss.mean, cell.loss.sd, cell.loss.count, 4) : "—");
    raw.insert(raw.end(), {core::format_number(cell.loss.mean), core::format_number(cell.loss.sd)});
    if (held_out) {
      text.push_back(cell.test_accuracy.count ? mean_sd(cell.test_accuracy.mean, cell.test_accuracy.sd,
                                                        cell.test_accuracy.count, 3) : "—");
      raw.insert(raw.end(), {core::format_number(cell.test_accuracy.mean), core::format_number(cell.test_accuracy.sd)});
    }
    text.push_back(fixed(cell.revived.mean, 1));
    raw.push_back(core::format_number(cell.revived.mean));
    if (any_kick) {
      text.push_back(cell.kick ? fixed(cell.victims.mean, 1) : "—");
      text.push_back(cell.kick ? std::to_string(cell.victims_back) + "/" + std::to_string(cell.victims_total) : "—");
      raw.insert(raw.end(), {core::format_number(cell.victims.mean), std::to_string(cell.victims_total),
                             std::to_string(cell.victims_back)});
    }
    text.push_back(std::to_string(cell.diverged) + "/" + std::to_string(cell.runs));
    raw.push_back(std::to_string(cell.diverged));
    table.rows.push_back(std::move(text));
    csv.rows.push_back(std::move(raw));
  }
  if (options.common.csv) return print_out(csv.to_csv());
  return print_out("config: " + config_text + "; seeds " + std::to_string(plans.front().config.seed) + ".." +
                   std::to_string(plans.front().config.seed + static_cast<std::uint64_t>(seeds) - 1) + "\n\n" +
                   table.to_markdown());
}

}  // namespace relulab::cli
