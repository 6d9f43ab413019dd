// svg_chart.h — hand-written SVG line charts for the CLI's --svg: one or more panels side by side, each with
// axes, ticks, tick labels, axis titles, series as lines and/or markers with optional error bars, and one
// legend below. Linear or log-10 x axis, or categorical x labels. Plain SVG 1.1 text; no fonts embedded.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace relulab::cli {

struct Series {
  std::string name;
  std::vector<double> x, y;
  std::vector<double> lo, hi;   // optional error bars (same length as y), absolute values
  bool line = true, markers = true, dashed = false;
  int colour = -1;              // palette index; -1 = the series' position in the legend
};

struct Panel {
  std::string title, y_label;
  double y_min = 0, y_max = 1;  // y_max <= y_min: fitted to the data
  bool y_log = false;           // log-10 y axis (values <= 0 are not drawn)
  std::vector<Series> series;
};

struct Chart {
  std::string title, x_label;
  bool x_log = false;
  double x_min = 0, x_max = 0;            // x_max > x_min: the x range must include [x_min, x_max]
  std::vector<std::string> x_categories;  // non-empty: x values are indices into these labels
  std::vector<Panel> panels;
  int panel_width = 420, panel_height = 300;
};

std::string render_svg(const Chart& chart);

}  // namespace relulab::cli
