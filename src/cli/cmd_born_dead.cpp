// cmd_born_dead.cpp — `relulab born-dead`: the Monte Carlo of core/born_dead.h over widths × depths ×
// initializers, next to the closed forms for symmetric weights and zero bias:
//   pointwise (one input):   P = 1 - prod_l (1 - 2^-N_l)
//   width 1, over the domain: P = 1 - 2^-(H-1) = 1 - 2^-(L-2), H hidden layers, L = H + 1 counting the linear
//   output layer (Lu, Shin, Su & Karniadakis 2020): the first unit is active on part of a symmetric domain;
//   each later unit's input is >= 0 and not all 0, so it is alive iff its single weight is > 0 (probability 1/2).
// Trials run in fixed blocks whose seeds derive from (seed, init, bias, width, depth, points, block), so a row's
// numbers depend neither on --threads nor on the other rows of the command.
#include <algorithm>
#include <cmath>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/report.h"
#include "cli/svg_chart.h"
#include "core/activations.h"
#include "core/born_dead.h"
#include "core/config_codec.h"
#include "core/initializers.h"
#include "core/json_value.h"

namespace relulab::cli {

namespace {

using core::JsonValue;

constexpr std::int64_t kBlockTrials = 1000;

struct BornDeadOptions {
  CommonOptions common;
  std::vector<int> widths = {1, 2, 3, 4};
  std::vector<int> depths = {2, 3, 5, 10, 20};
  std::vector<core::InitKind> inits = {core::InitKind::HeNormal};
  std::optional<double> bias;  // unset: the initializer's own bias
  int inputs = 2;
  double domain = std::sqrt(3.0);
  std::int64_t trials = 10000;
  int points = 1000;
  std::string svg;
};

struct Row {
  core::InitKind init = core::InitKind::HeNormal;
  int width = 1, depth = 1;
  std::int64_t domain_dead = 0, point_dead = 0, trials = 0;
  bool symmetric_zero_bias = false;  // the closed forms hold
};

std::uint64_t mix(std::uint64_t seed, std::initializer_list<std::uint64_t> parts) {
  std::uint64_t state = seed;
  std::uint64_t out = core::splitmix64(state);
  for (std::uint64_t part : parts) {
    state ^= part + 0x9E3779B97F4A7C15ull + (out << 6) + (out >> 2);
    out = core::splitmix64(state);
  }
  return out;
}

bool symmetric(core::InitKind init) {
  switch (init) {
    case core::InitKind::HeNormal: case core::InitKind::HeUniform: case core::InitKind::GlorotNormal:
    case core::InitKind::GlorotUniform: case core::InitKind::LecunNormal: case core::InitKind::LecunUniform:
      return true;
    default: return false;
  }
}

std::string probability_with_interval(std::int64_t dead, std::int64_t trials) {
  const Interval ci = wilson95(dead, trials);
  return fixed(static_cast<double>(dead) / static_cast<double>(trials), 4) + " [" + fixed(ci.lo, 4) + ", " +
         fixed(ci.hi, 4) + "]";
}

double width_one_closed_form(int depth) { return 1.0 - std::pow(2.0, -(depth - 1)); }

const char* kHelpExtra =
    "table: one row per initializer, width and depth (H hidden layers of equal width; L = H + 1 counts the\n"
    "linear output layer). \"domain\" = P(some hidden layer outputs 0 at every one of --points inputs drawn\n"
    "uniformly from [-domain, domain]^inputs): the net is constant on the data, born dead; \"pointwise\" = the\n"
    "same at one input. 95% Wilson intervals. Closed forms (symmetric weights, zero bias only):\n"
    "pointwise 1 - prod(1 - 2^-N_l); width 1 over the domain 1 - 2^-(L-2).\n"
    "--json prints {\"inputs\", \"domain\", \"points\", \"trials\", \"bias\", \"rows\": [{\"init\", \"width\",\n"
    "\"hidden_layers\", \"L\", \"trials\", \"domain_dead\", \"p_domain\", \"p_domain_lo\", \"p_domain_hi\",\n"
    "\"pointwise_dead\", \"p_pointwise\", \"p_pointwise_lo\", \"p_pointwise_hi\", \"closed_pointwise\",\n"
    "\"closed_width1\"}]} (closed forms null where they do not apply).\n\n"
    "example:\n"
    "  relulab born-dead --width 1,2,3 --depth 2,3,5,10 --init he-normal,rai --trials 20000 --svg born.svg\n";

}  // namespace

int born_dead_command(const Arguments& args) {
  BornDeadOptions options;
  std::vector<Flag> flags;
  flags.push_back({"width", "LIST", "hidden layer widths, 1 to 64 each (default 1,2,3,4)",
                   int_list_flag("width", 1, 64, 16, &options.widths)});
  flags.push_back({"depth", "LIST", "numbers of hidden layers H, 1 to 100 each (default 2,3,5,10,20)",
                   int_list_flag("depth", 1, 100, 32, &options.depths)});
  flags.push_back({"init", "LIST", "initializers (the config key init's values), e.g. he-normal,rai "
                                   "(default he-normal)",
                   [&options](const std::string& value) -> std::string {
                     std::vector<core::InitKind> inits;
                     for (const std::string& name : split(value, ',')) {
                       core::SessionConfig scratch;
                       std::string error;
                       if (!core::apply_setting(scratch, "init", name, &error)) return "--" + error;
                       inits.push_back(scratch.net.init);
                     }
                     options.inits = inits;
                     return "";
                   }});
  flags.push_back({"bias", "B", "hidden biases: auto (the initializer's own; He: 0) or a number from -10 to 10",
                   [&options](const std::string& value) -> std::string {
                     core::SessionConfig scratch;
                     std::string error;
                     if (!core::apply_setting(scratch, "bias", value, &error)) return "--" + error;
                     options.bias = scratch.net.bias;
                     return "";
                   }});
  flags.push_back({"inputs", "D", "input dimension, 1 to 16 (default 2)", int_flag("inputs", 1, 16, &options.inputs)});
  flags.push_back({"domain", "X", "inputs uniform on [-X, X]^D, X from 0.001 to 1000 (default sqrt 3 = 1.7320508)",
                   number_flag("domain", 1e-3, 1e3, &options.domain)});
  flags.push_back({"trials", "N", "networks drawn per row, 1000 to 10000000 (default 10000)",
                   int64_flag("trials", kBlockTrials, 10000000, &options.trials)});
  flags.push_back({"points", "P", "inputs per network for the domain estimate, 1 to 10000 (default 1000)",
                   int_flag("points", 1, 10000, &options.points)});
  flags.push_back({"svg", "FILE", "also write a chart of P against depth", path_flag("svg", &options.svg)});
  add_common_flags(flags, options.common, true, true, true);

  const CommandHelp help{
      "relulab born-dead [--width LIST] [--depth LIST] [--init LIST] [flags]",
      "Monte Carlo at initialization: how likely is a deep narrow ReLU net born dead?",
      kHelpExtra};
  if (auto done = begin_command("born-dead", help, args, flags, options.common, nullptr)) return *done;

  std::vector<Row> rows;
  for (core::InitKind init : options.inits)
    for (int width : options.widths)
      for (int depth : options.depths) {
        Row row;
        row.init = init;
        row.width = width;
        row.depth = depth;
        row.symmetric_zero_bias = symmetric(init) && (!options.bias || *options.bias == 0.0);
        rows.push_back(row);
      }
  const std::int64_t blocks = (options.trials + kBlockTrials - 1) / kBlockTrials;
  const int jobs = static_cast<int>(rows.size() * static_cast<std::size_t>(blocks) * 2);
  std::vector<std::int64_t> dead(static_cast<std::size_t>(jobs), 0), trials(static_cast<std::size_t>(jobs), 0);
  {
    Progress progress("born-dead", jobs, !options.common.quiet);
    parallel_for(jobs, options.common.threads, [&](int job) {
      const std::size_t r = static_cast<std::size_t>(job) / static_cast<std::size_t>(blocks * 2);
      const std::int64_t rest = job % (blocks * 2);
      const std::int64_t block = rest / 2;
      const bool pointwise = rest % 2 == 1;
      const Row& row = rows[r];
      core::BornDeadConfig config;
      config.hidden.assign(static_cast<std::size_t>(row.depth), row.width);
      config.inputs = options.inputs;
      config.domain = options.domain;
      config.init = row.init;
      config.bias = options.bias;
      config.points = pointwise ? 1 : options.points;
      config.trials = std::min(kBlockTrials, options.trials - block * kBlockTrials);
      config.seed = mix(options.common.seed, {static_cast<std::uint64_t>(row.init),
                                              static_cast<std::uint64_t>(std::llround((options.bias ? *options.bias : -99) * 1e6)),
                                              static_cast<std::uint64_t>(row.width), static_cast<std::uint64_t>(row.depth),
                                              static_cast<std::uint64_t>(config.points),
                                              static_cast<std::uint64_t>(block)});
      const core::BornDeadResult result = core::estimate_born_dead(config);
      dead[static_cast<std::size_t>(job)] = result.born_dead;
      trials[static_cast<std::size_t>(job)] = result.trials;
    }, &progress);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::int64_t b = 0; b < blocks * 2; ++b) {
      const std::size_t job = r * static_cast<std::size_t>(blocks * 2) + static_cast<std::size_t>(b);
      if (b % 2 == 0) {
        rows[r].domain_dead += dead[job];
        rows[r].trials += trials[job];
      } else {
        rows[r].point_dead += dead[job];
      }
    }
  }
  auto closed_pointwise = [](const Row& row) {
    return core::born_dead_pointwise_probability(std::vector<int>(static_cast<std::size_t>(row.depth), row.width));
  };

  if (!options.svg.empty()) {
    Chart chart;
    chart.title = "born dead at initialization (" + std::to_string(options.trials) + " nets per point, 95% intervals)";
    chart.x_label = "hidden layers H (L = H + 1)";
    Panel domain{"dead on all " + std::to_string(options.points) + " sampled inputs", "P(born dead)", 0, 1, false, {}};
    Panel point{"pointwise: dead at one input", "P(some layer all zero)", 0, 1, false, {}};
    int colour = 0;
    for (core::InitKind init : options.inits) {
      for (int width : options.widths) {
        Series mc_domain{std::string(core::init_name(init)) + ", width " + std::to_string(width), {}, {}, {}, {}};
        mc_domain.colour = colour++;
        Series mc_point = mc_domain;
        Series closed{"closed form, width " + std::to_string(width), {}, {}, {}, {}};
        closed.markers = false;
        closed.dashed = true;
        closed.colour = mc_domain.colour;
        Series closed_domain = closed;
        closed_domain.name = "closed form, width 1 (domain)";
        for (const Row& row : rows) {
          if (row.init != init || row.width != width) continue;
          const double n = static_cast<double>(row.trials);
          const Interval a = wilson95(row.domain_dead, row.trials), b = wilson95(row.point_dead, row.trials);
          mc_domain.x.push_back(row.depth);
          mc_domain.y.push_back(static_cast<double>(row.domain_dead) / n);
          mc_domain.lo.push_back(a.lo);
          mc_domain.hi.push_back(a.hi);
          mc_point.x.push_back(row.depth);
          mc_point.y.push_back(static_cast<double>(row.point_dead) / n);
          mc_point.lo.push_back(b.lo);
          mc_point.hi.push_back(b.hi);
          if (row.symmetric_zero_bias) {
            closed.x.push_back(row.depth);
            closed.y.push_back(closed_pointwise(row));
            if (width == 1) {
              closed_domain.x.push_back(row.depth);
              closed_domain.y.push_back(width_one_closed_form(row.depth));
            }
          }
        }
        mc_domain.line = mc_point.line = false;
        domain.series.push_back(mc_domain);
        point.series.push_back(mc_point);
        if (!closed_domain.x.empty() && init == options.inits.front()) domain.series.push_back(closed_domain);
        if (!closed.x.empty() && init == options.inits.front()) point.series.push_back(closed);
      }
    }
    chart.panels = {domain, point};
    if (std::string e = write_file(options.svg, render_svg(chart)); !e.empty()) {
      std::fprintf(stderr, "relulab born-dead: %s\n", e.c_str());
      return kExitRuntime;
    }
  }

  const std::string bias_text = options.bias ? core::format_number(*options.bias) : "auto";
  if (options.common.json) {
    JsonValue out = JsonValue::object();
    out.set("inputs", JsonValue::number(options.inputs));
    out.set("domain", JsonValue::number(options.domain));
    out.set("points", JsonValue::number(options.points));
    out.set("trials", JsonValue::number(static_cast<double>(options.trials)));
    out.set("bias", JsonValue::string(bias_text));
    JsonValue list = JsonValue::array();
    for (const Row& row : rows) {
      const double n = static_cast<double>(row.trials);
      const Interval a = wilson95(row.domain_dead, row.trials), b = wilson95(row.point_dead, row.trials);
      JsonValue o = JsonValue::object();
      o.set("init", JsonValue::string(core::init_name(row.init)));
      o.set("width", JsonValue::number(row.width));
      o.set("hidden_layers", JsonValue::number(row.depth));
      o.set("L", JsonValue::number(row.depth + 1));
      o.set("trials", JsonValue::number(n));
      o.set("domain_dead", JsonValue::number(static_cast<double>(row.domain_dead)));
      o.set("p_domain", JsonValue::number(static_cast<double>(row.domain_dead) / n));
      o.set("p_domain_lo", JsonValue::number(a.lo));
      o.set("p_domain_hi", JsonValue::number(a.hi));
      o.set("pointwise_dead", JsonValue::number(static_cast<double>(row.point_dead)));
      o.set("p_pointwise", JsonValue::number(static_cast<double>(row.point_dead) / n));
      o.set("p_pointwise_lo", JsonValue::number(b.lo));
      o.set("p_pointwise_hi", JsonValue::number(b.hi));
      o.set("closed_pointwise", row.symmetric_zero_bias ? JsonValue::number(closed_pointwise(row)) : JsonValue());
      o.set("closed_width1", row.symmetric_zero_bias && row.width == 1 ? JsonValue::number(width_one_closed_form(row.depth))
                                                                       : JsonValue());
      list.push(std::move(o));
    }
    out.set("rows", std::move(list));
    return print_out(core::to_json(out) + "\n");
  }

  Table table, csv;
  table.header = {"init", "width", "H", "L", "P domain [95% CI]", "P pointwise [95% CI]", "closed pointwise",
                  "closed width 1"};
  table.right_align = {false, true, true, true, true, true, true, true};
  csv.header = {"init", "width", "hidden_layers", "L", "trials", "p_domain", "p_domain_lo", "p_domain_hi",
                "p_pointwise", "p_pointwise_lo", "p_pointwise_hi", "closed_pointwise", "closed_width1"};
  for (const Row& row : rows) {
    const bool closed = row.symmetric_zero_bias;
    const bool closed1 = closed && row.width == 1;
    table.rows.push_back({core::init_name(row.init), std::to_string(row.width), std::to_string(row.depth),
                          std::to_string(row.depth + 1), probability_with_interval(row.domain_dead, row.trials),
                          probability_with_interval(row.point_dead, row.trials),
                          closed ? fixed(closed_pointwise(row), 4) : "—",
                          closed1 ? fixed(width_one_closed_form(row.depth), 4) : "—"});
    const double n = static_cast<double>(row.trials);
    const Interval a = wilson95(row.domain_dead, row.trials), b = wilson95(row.point_dead, row.trials);
    csv.rows.push_back({core::init_name(row.init), std::to_string(row.width), std::to_string(row.depth),
                        std::to_string(row.depth + 1), std::to_string(row.trials),
                        core::format_number(static_cast<double>(row.domain_dead) / n), core::format_number(a.lo),
                        core::format_number(a.hi), core::format_number(static_cast<double>(row.point_dead) / n),
                        core::format_number(b.lo), core::format_number(b.hi),
                        closed ? core::format_number(closed_pointwise(row)) : "",
                        closed1 ? core::format_number(width_one_closed_form(row.depth)) : ""});
  }
  if (options.common.csv) return print_out(csv.to_csv());
  return print_out("inputs " + std::to_string(options.inputs) + " uniform on [-" + core::format_number(options.domain) +
                   ", " + core::format_number(options.domain) + "], bias " + bias_text + ", " +
                   std::to_string(options.trials) + " nets per row, " + std::to_string(options.points) +
                   (options.points == 1 ? " input" : " inputs") + " per net for the domain column, seed " + std::to_string(options.common.seed) + "\n\n" +
                   table.to_markdown());
}

}  // namespace relulab::cli
