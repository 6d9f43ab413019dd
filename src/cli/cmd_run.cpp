// cmd_run.cpp — `relulab run`: one lesson or config for N steps, with per-step metrics every K steps (loss,
// dead fraction per layer, per-unit k on request), an optional kick and twins, activation statistics per
// layer, and exports of the weights and the data.
#include <cmath>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/experiment.h"
#include "cli/plan.h"
#include "cli/report.h"
#include "core/activations.h"
#include "core/datasets.h"
#include "core/json_value.h"
#include "core/names.h"
#include "core/weights_json.h"

namespace relulab::cli {

namespace {

using core::JsonValue;

struct RunOptions {
  PlanOptions plan;
  CommonOptions common;
  std::int64_t every = 100;
  bool units = false, layer_stats = false;
  std::string export_weights, export_data;
};

// The flags of `run`: the plan's (settings and schedule), what to report, what to export.
std::vector<Flag> run_flags(RunOptions& options) {
  std::vector<Flag> flags;
  add_plan_flags(flags, options.plan, true);
  flags.push_back({"every", "K", "report every K steps, 1 to 1000000 (default 100; step 0, the kick and the last "
                                 "step are always reported)",
                   int64_flag("every", 1, 1000000, &options.every)});
  flags.push_back({"units", "", "also print every hidden unit's k (training points with z > 0)",
                   switch_flag(&options.units)});
  flags.push_back({"layer-stats", "", "also print each hidden layer's activation mean, sd and fraction of zeros "
                                      "at step 0 and at the end",
                   switch_flag(&options.layer_stats)});
  flags.push_back({"export-weights", "FILE", "write the final weights (first twin) as relulab-weights JSON",
                   path_flag("export-weights", &options.export_weights)});
  flags.push_back({"export-data", "FILE", "write the data set as CSV (x1..xd, y, split)",
                   path_flag("export-data", &options.export_data)});
  add_common_flags(flags, options.common, true, false, false);
  return flags;
}

// Activation statistics of one hidden layer over the training set: every unit's output on every point.
struct LayerStats {
  double mean = 0, sd = 0, zero_fraction = 0, off_fraction = 0;  // off: z <= 0
};

std::vector<LayerStats> layer_stats(const std::vector<core::LayerWeights>& layers, const core::Matrix& x) {
  std::vector<LayerStats> stats;
  core::Matrix a = x;  // (in, n)
  for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
    const core::LayerWeights& layer = layers[l];
    core::Matrix z = layer.w * a;  // (out, n)
    z.colwise() += layer.b;
    a.resize(z.rows(), z.cols());
    const core::Activation& act = layer.activation;
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const double slope = layer.prelu_alpha.size() > i ? layer.prelu_alpha(i) : core::eval_neg_slope(act);
      for (Eigen::Index j = 0; j < z.cols(); ++j) a(i, j) = core::activate(act.kind, act.alpha, slope, z(i, j));
    }
    LayerStats s;
    const double count = static_cast<double>(a.size());
    s.mean = a.mean();
    s.sd = std::sqrt((a.array() - s.mean).square().sum() / count);
    s.zero_fraction = static_cast<double>((a.array() == 0.0).count()) / count;
    s.off_fraction = static_cast<double>((z.array() <= 0.0).count()) / count;
    stats.push_back(s);
  }
  return stats;
}

JsonValue stats_json(const std::vector<LayerStats>& stats) {
  JsonValue list = JsonValue::array();
  for (const LayerStats& s : stats) {
    JsonValue o = JsonValue::object();
    o.set("mean", JsonValue::number(s.mean));
    o.set("sd", JsonValue::number(s.sd));
    o.set("zero_fraction", JsonValue::number(s.zero_fraction));
    o.set("off_fraction", JsonValue::number(s.off_fraction));
    list.push(std::move(o));
  }
  return list;
}

JsonValue number_list(const std::vector<double>& values) {
  JsonValue list = JsonValue::array();
  for (double v : values) list.push(JsonValue::number(v));
  return list;
}

const char* kHelpExtra =
    "output (one row per reported step and twin): step, twin activation, train loss, the dead fraction\n"
    "(units with k = 0 on the training set / width) of each hidden layer, and with --units every unit's k.\n"
    "--json prints {\"config\", \"steps\", \"kick\", \"rows\": [{\"step\", \"twin\", \"activation\", \"loss\",\n"
    "\"test_loss\", \"accuracy\", \"test_accuracy\", \"dead_fraction\": [per layer], \"k\": [[per unit] per layer] (with --units)}],\n"
    "\"victims\": [{\"layer\", \"unit\"}] (units the kick killed, 1-based), \"twins\": [{\"activation\", \"loss\",\n"
    "\"dead_fraction\", \"revived\", \"victims_back\", \"diverged\", \"reason\"}], \"events\": [text],\n"
    "\"layer_stats\": {\"init\", \"final\": [per twin]} (with --layer-stats)}.\n\n"
    "examples:\n"
    "  relulab run --data sin --hidden 16 --lr 0.1 --steps 2100 --kick-at 100 --kick-factor 5 \\\n"
    "              --kick-batch outlier --twins relu,leaky:0.1,elu --every 500\n"
    "  relulab run --lesson kill-shot --json\n";

}  // namespace

int run_command(const Arguments& args) {
  RunOptions options;
  const CommandHelp help{"relulab run [--lesson ID | --config FILE] [--KEY VALUE ...] [flags]",
                         "Trains one network (or twins) headless and prints loss and dead fractions as training "
                         "goes.\nA unit is dead on the data when k = 0: z <= 0 on every training point.",
                         kHelpExtra};
  const auto done = begin_plan_command("run", help, "(--seed S is the config key seed)", args, run_flags(options),
                                       options.common, options.plan);
  if (done) return *done;
  RunPlan plan;
  if (std::string e = build_plan(options.plan, &plan); !e.empty()) return usage_error("run", e);

  core::Session session(headless(plan.config));
  std::int64_t kick_at = 0;
  const core::KickCommand* flag_kick = schedule_kick(plan, &kick_at);  // --kick-at (not a lesson's kick)
  const std::int64_t kick_step = flag_kick ? kick_at + 1 : -1;
  std::vector<std::vector<LayerStats>> init_stats;
  if (options.layer_stats) init_stats.push_back(layer_stats(session.weights(0), session.data().x_train));

  Table table;
  table.header = {"step", "twin", "loss"};
  const bool held_out = session.data().x_test.cols() > 0;  // a test split: its accuracy is a column
  if (held_out) table.header.push_back("test acc");
  JsonValue rows = JsonValue::array();
  const int hidden = static_cast<int>(session.config().net.hidden.size());
  for (int l = 0; l < hidden; ++l) table.header.push_back("dead L" + std::to_string(l + 1));
  if (options.units) {
    for (int l = 0; l < hidden; ++l) table.header.push_back("k L" + std::to_string(l + 1));
  }
  table.right_align.assign(table.header.size(), true);
  table.right_align[1] = false;
  Table csv;
  csv.header = {"step", "twin", "activation", "loss", "test_loss", "accuracy"};
  for (int l = 0; l < hidden; ++l) csv.header.push_back("dead_l" + std::to_string(l + 1));
  if (options.units) {
    for (int l = 0; l < hidden; ++l)
      for (int i = 0; i < session.config().net.hidden[static_cast<std::size_t>(l)]; ++i)
        csv.header.push_back("k_" + std::to_string(l + 1) + "_" + std::to_string(i + 1));
  }

  std::int64_t last_reported = -1;
  auto observe = [&](const core::Session& s, bool after_event) {
    const std::int64_t step = s.step_count();
    const bool report = step % options.every == 0 || step == plan.steps || after_event;
    if (!report) return;
    if (step == last_reported) {  // events at a reported step: its rows again, as they are now
      while (!table.rows.empty() && table.rows.back()[0] == std::to_string(step)) {
        table.rows.pop_back();
        csv.rows.pop_back();
      }
      core::JsonValue kept = JsonValue::array();
      for (const JsonValue& row : rows.items())
        if (row.find("step")->as_number() != static_cast<double>(step)) kept.push(row);
      rows = std::move(kept);
    }
    last_reported = step;
    for (int t = 0; t < s.twin_count(); ++t) {
      const core::TwinCensus& census = s.census(t);
      std::vector<std::string> text{std::to_string(step), census.activation + (census.diverged ? " (diverged)" : ""),
                                    fixed(census.train_loss, 5)};
      if (held_out) text.push_back(fixed(census.test_accuracy, 3));
      std::vector<std::string> raw{std::to_string(step), census.activation, core::format_number(census.train_loss),
                                   core::format_number(census.test_loss), core::format_number(census.train_accuracy)};
      JsonValue row = JsonValue::object();
      row.set("step", JsonValue::number(static_cast<double>(step)));
      row.set("twin", JsonValue::number(t));
      row.set("activation", JsonValue::string(census.activation));
      row.set("loss", JsonValue::number(census.train_loss));
      row.set("test_loss", JsonValue::number(census.test_loss));
      row.set("accuracy", JsonValue::number(census.train_accuracy));
      row.set("test_accuracy", JsonValue::number(census.test_accuracy));
      row.set("diverged", JsonValue::boolean(census.diverged));
      JsonValue dead = JsonValue::array();
      for (const core::LayerCensus& layer : census.layers) {
        const int count = static_cast<int>(std::lround(layer.dead_fraction * static_cast<double>(layer.units.size())));
        text.push_back(fixed(layer.dead_fraction, 3) + " (" + std::to_string(count) + "/" +
                       std::to_string(layer.units.size()) + ")");
        raw.push_back(core::format_number(layer.dead_fraction));
        dead.push(JsonValue::number(layer.dead_fraction));
      }
      row.set("dead_fraction", std::move(dead));
      if (options.units) {
        JsonValue k = JsonValue::array();
        for (const core::LayerCensus& layer : census.layers) {
          JsonValue layer_k = JsonValue::array();
          std::string cell;
          for (const core::UnitCensus& unit : layer.units) {
            cell += (cell.empty() ? "" : " ") + std::to_string(unit.active_count);
            raw.push_back(std::to_string(unit.active_count));
            layer_k.push(JsonValue::number(unit.active_count));
          }
          text.push_back(cell);
          k.push(std::move(layer_k));
        }
        row.set("k", std::move(k));
      }
      table.rows.push_back(std::move(text));
      csv.rows.push_back(std::move(raw));
      rows.push(std::move(row));
    }
  };
  const RunOutcome outcome = execute(session, plan, observe);

  // Exports first: a failure to write is reported with status 1 before anything is printed.
  if (!options.export_weights.empty()) {
    const std::string text = core::weights_to_json(session.weights(0), session.output());
    if (std::string e = write_file(options.export_weights, text); !e.empty()) {
      std::fprintf(stderr, "relulab run: %s\n", e.c_str());
      return kExitRuntime;
    }
  }
  if (!options.export_data.empty()) {
    if (std::string e = write_file(options.export_data, core::dataset_to_csv(session.data())); !e.empty()) {
      std::fprintf(stderr, "relulab run: %s\n", e.c_str());
      return kExitRuntime;
    }
  }
  std::vector<std::vector<LayerStats>> final_stats;
  if (options.layer_stats) {
    for (int t = 0; t < session.twin_count(); ++t)
      final_stats.push_back(layer_stats(session.weights(t), session.data().x_train));
  }

  const std::string config_text = describe_config(plan.config);
  if (options.common.json) {
    JsonValue out = JsonValue::object();
    out.set("config", JsonValue::string(config_text));
    out.set("steps", JsonValue::number(static_cast<double>(plan.steps)));
    if (flag_kick) {
      JsonValue kick = JsonValue::object();
      kick.set("step", JsonValue::number(static_cast<double>(kick_step)));
      kick.set("factor", JsonValue::number(flag_kick->factor));
      kick.set("batch", JsonValue::string(core::name_of(flag_kick->batch)));
      out.set("kick", std::move(kick));
    }
    out.set("rows", std::move(rows));
    JsonValue victims = JsonValue::array();
    for (const UnitId& id : outcome.victims) {
      JsonValue v = JsonValue::object();
      v.set("layer", JsonValue::number(id.layer + 1));
      v.set("unit", JsonValue::number(id.unit + 1));
      victims.push(std::move(v));
    }
    out.set("victims", std::move(victims));
    JsonValue twins = JsonValue::array();
    for (const TwinOutcome& twin : outcome.twins) {
      JsonValue o = JsonValue::object();
      o.set("activation", JsonValue::string(twin.activation));
      o.set("loss", JsonValue::number(twin.census.train_loss));
      std::vector<double> dead;
      for (const core::LayerCensus& layer : twin.census.layers) dead.push_back(layer.dead_fraction);
      o.set("dead_fraction", number_list(dead));
      o.set("revived", JsonValue::number(twin.revived));
      o.set("victims_back", JsonValue::number(twin.victims_back));
      o.set("diverged", JsonValue::boolean(twin.diverged));
      o.set("reason", JsonValue::string(twin.census.diverged_reason));
      twins.push(std::move(o));
    }
    out.set("twins", std::move(twins));
    JsonValue events = JsonValue::array();
    for (const core::Event& event : session.events()) events.push(JsonValue::string(event.text));
    out.set("events", std::move(events));
    if (options.layer_stats) {
      JsonValue stats = JsonValue::object();
      stats.set("init", stats_json(init_stats.front()));
      JsonValue final_list = JsonValue::array();
      for (const auto& s : final_stats) final_list.push(stats_json(s));
      stats.set("final", std::move(final_list));
      out.set("layer_stats", std::move(stats));
    }
    return print_out(core::to_json(out) + "\n");
  }
  if (options.common.csv) return print_out(csv.to_csv());

  std::string text = "config: " + config_text + "\n\n" + table.to_markdown();
  if (plan.lesson_script) {
    text += "\nevents:\n";
    for (const core::Event& event : session.events())
      if (event.kind != core::EventKind::Death && event.kind != core::EventKind::Revival) text += "  " + event.text + "\n";
  }
  const bool kicked = has_kick(plan.events);
  if (kicked) {
    text += flag_kick ? "\nkick at step " + std::to_string(kick_step) + " (x" + core::format_number(flag_kick->factor) +
                            (flag_kick->batch == core::KickBatch::Outlier ? ", outlier batch" : "") + ") killed "
                      : std::string("\nthe lesson's kick(s) killed ");
    text += std::to_string(outcome.victims.size()) + " unit" + (outcome.victims.size() == 1 ? "" : "s");
    std::string names;
    for (const UnitId& id : outcome.victims)
      names += (names.empty() ? "" : ", ") + std::to_string(id.layer + 1) + "." + std::to_string(id.unit + 1);
    text += names.empty() ? "\n\n" : ": " + names + "\n\n";
  }
  if (!kicked) text += "\n";
  for (const TwinOutcome& twin : outcome.twins) {
    text += "- " + twin.activation + ": ";
    if (kicked) text += std::to_string(twin.victims_back) + "/" + std::to_string(outcome.victims.size()) +
                           " of the kick's victims back on the data, ";
    text += std::to_string(twin.revived) + " unit" + (twin.revived == 1 ? "" : "s") + " revived";
    if (twin.diverged) text += "; " + twin.census.diverged_reason;
    text += "\n";
  }
  if (options.layer_stats) {
    Table stats;
    stats.header = {"layer", "when", "mean", "sd", "zeros", "z <= 0"};
    stats.right_align = {true, false, true, true, true, true};
    auto add = [&](const std::vector<LayerStats>& list, const std::string& when) {
      for (std::size_t l = 0; l < list.size(); ++l) {
        stats.rows.push_back({std::to_string(l + 1), when, fixed(list[l].mean, 3), fixed(list[l].sd, 3),
                              fixed(list[l].zero_fraction, 3), fixed(list[l].off_fraction, 3)});
      }
    };
    add(init_stats.front(), "init");
    for (std::size_t t = 0; t < final_stats.size(); ++t) {
      add(final_stats[t], "step " + std::to_string(plan.steps) +
                              (final_stats.size() > 1 ? " " + outcome.twins[t].activation : ""));
    }
    text += "\nactivation statistics per hidden layer (over all units and training points):\n\n" + stats.to_markdown();
  }
  return print_out(text);
}

}  // namespace relulab::cli
