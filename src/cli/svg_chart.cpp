// svg_chart.cpp — layout and drawing of svg_chart.h. Colours: the Okabe–Ito palette (colour-blind safe).
#include "cli/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace relulab::cli {

namespace {

constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                    "#CC79A7", "#56B4E9", "#000000", "#999999"};
constexpr int kPaletteSize = 8;
constexpr double kLeft = 64, kRight = 18, kTop = 56, kBottom = 52, kGap = 24;

std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string tick_label(double v) {
  char buffer[32];
  if (v != 0 && (std::fabs(v) >= 1e5 || std::fabs(v) < 1e-3)) {
    std::snprintf(buffer, sizeof buffer, "%.0e", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
  }
  return buffer;
}

// Ticks at multiples of a "nice" step (1, 2 or 5 × 10^k) covering [lo, hi].
std::vector<double> linear_ticks(double lo, double hi) {
  const double span = hi - lo;
  if (!(span > 0)) return {lo};
  const double raw = span / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  std::vector<double> ticks;
  for (double t = std::ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> ticks;
  const int first = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  const int last = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  const bool dense = last - first <= 2;
  for (int e = first; e <= last; ++e) {
    for (const double m : {1.0, 2.0, 5.0}) {
      if (m != 1.0 && !dense) continue;
      const double t = m * std::pow(10.0, e);
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push_back(t);
    }
  }
  return ticks;
}

struct Axis {
  double lo = 0, hi = 1, pixel_lo = 0, pixel_hi = 1;
  bool log = false;
  double map(double v) const {
    const double a = log ? std::log10(lo) : lo, b = log ? std::log10(hi) : hi;
    const double t = ((log ? std::log10(v) : v) - a) / (b - a);
    return pixel_lo + t * (pixel_hi - pixel_lo);
  }
};

}  // namespace

std::string render_svg(const Chart& chart) {
  // Legend entries: one per distinct series name, in order of first appearance.
  std::vector<const Series*> legend;
  for (const Panel& panel : chart.panels) {
    for (const Series& s : panel.series) {
      const bool known = std::any_of(legend.begin(), legend.end(), [&](const Series* l) { return l->name == s.name; });
      if (!known && !s.name.empty()) legend.push_back(&s);
    }
  }
  auto colour_of = [&](const Series& s) {
    int index = s.colour;
    if (index < 0) {
      for (std::size_t i = 0; i < legend.size(); ++i)
        if (legend[i]->name == s.name) index = static_cast<int>(i);
    }
    return kPalette[std::max(0, index) % kPaletteSize];
  };

  const int panels = std::max<int>(1, static_cast<int>(chart.panels.size()));
  const double plot_w = chart.panel_width, plot_h = chart.panel_height;
  const double width = panels * (kLeft + plot_w + kRight) + (panels - 1) * kGap;
  constexpr double kLegendRow = 20;
  std::size_t longest = 0;
  for (const Series* s : legend) longest = std::max(longest, s->name.size());
  const double column = 48.0 + 7.0 * static_cast<double>(longest);  // swatch + text at ~7 px per character
  const int per_row = std::max(1, static_cast<int>((width - 16) / column));
  const int legend_rows = (static_cast<int>(legend.size()) + per_row - 1) / per_row;
  const double height = kTop + plot_h + kBottom + legend_rows * kLegendRow + 12;

  // The x range shared by every panel.
  double x_lo = 0, x_hi = 1;
  if (!chart.x_categories.empty()) {
    x_lo = -0.5;
    x_hi = static_cast<double>(chart.x_categories.size()) - 0.5;
  } else {
    bool first = true;
    for (const Panel& panel : chart.panels)
      for (const Series& s : panel.series)
        for (double x : s.x) {
          if (!std::isfinite(x) || (chart.x_log && x <= 0)) continue;
          x_lo = first ? x : std::min(x_lo, x);
          x_hi = first ? x : std::max(x_hi, x);
          first = false;
        }
    if (chart.x_max > chart.x_min && (!chart.x_log || chart.x_min > 0)) {
      x_lo = first ? chart.x_min : std::min(x_lo, chart.x_min);
      x_hi = first ? chart.x_max : std::max(x_hi, chart.x_max);
    }
    if (chart.x_log) {
      x_lo = std::pow(10.0, std::floor((std::log10(x_lo) - 0.05) * 4) / 4);
      x_hi = std::pow(10.0, std::ceil((std::log10(x_hi) + 0.05) * 4) / 4);
      if (x_hi <= x_lo) x_hi = x_lo * 10;
    } else {
      const double pad = (x_hi - x_lo) * 0.05;
      x_lo -= pad > 0 ? pad : 0.5;
      x_hi += pad > 0 ? pad : 0.5;
    }
  }

  std::string svg;
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(width) + "\" height=\"" + num(height) +
         "\" viewBox=\"0 0 " + num(width) + " " + num(height) + "\" font-family=\"DejaVu Sans, Helvetica, Arial, "
         "sans-serif\" font-size=\"12\">\n";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  svg += "<text x=\"" + num(width / 2) + "\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" +
         escape(chart.title) + "</text>\n";

  for (int p = 0; p < static_cast<int>(chart.panels.size()); ++p) {
    const Panel& panel = chart.panels[static_cast<std::size_t>(p)];
    const double left = p * (kLeft + plot_w + kRight + kGap) + kLeft;
    Axis x{x_lo, x_hi, left, left + plot_w, chart.x_log};
    double y_lo = panel.y_min, y_hi = panel.y_max;
    if (y_hi <= y_lo) {
      bool first = true;
      for (const Series& s : panel.series) {
        for (std::size_t i = 0; i < s.y.size(); ++i) {
          for (double v : {s.y[i], i < s.lo.size() ? s.lo[i] : s.y[i], i < s.hi.size() ? s.hi[i] : s.y[i]}) {
            if (!std::isfinite(v) || (panel.y_log && v <= 0)) continue;
            y_lo = first ? v : std::min(y_lo, v);
            y_hi = first ? v : std::max(y_hi, v);
            first = false;
          }
        }
      }
      if (panel.y_log) {
        if (first) y_lo = 1, y_hi = 10;
        y_lo = std::pow(10.0, std::floor(std::log10(y_lo) + 1e-9));
        y_hi = std::pow(10.0, std::ceil(std::log10(y_hi) - 1e-9));
        if (y_hi <= y_lo) y_hi = y_lo * 10;
      } else {
        y_lo = std::min(y_lo, 0.0);
        if (y_hi <= y_lo) y_hi = y_lo + 1;
        const std::vector<double> t = linear_ticks(y_lo, y_hi);
        const double step = t.size() > 1 ? t[1] - t[0] : 1;
        y_hi = std::ceil(y_hi / step - 1e-9) * step;
      }
    }
    Axis y{y_lo, y_hi, kTop + plot_h, kTop, panel.y_log};

    svg += "<g>\n";
    svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(kTop - 12) +
           "\" text-anchor=\"middle\" font-size=\"13\">" + escape(panel.title) + "</text>\n";
    // Grid and y ticks.
    for (double t : panel.y_log ? log_ticks(y_lo, y_hi) : linear_ticks(y_lo, y_hi)) {
      const double py = y.map(t);
      svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(py) + "\" x2=\"" + num(left + plot_w) + "\" y2=\"" +
             num(py) + "\" stroke=\"#e4e4e4\"/>\n";
      svg += "<line x1=\"" + num(left - 5) + "\" y1=\"" + num(py) + "\" x2=\"" + num(left) + "\" y2=\"" + num(py) +
             "\" stroke=\"#333\"/>\n";
      svg += "<text x=\"" + num(left - 8) + "\" y=\"" + num(py + 4) + "\" text-anchor=\"end\">" + tick_label(t) +
             "</text>\n";
    }
    // x ticks.
    std::vector<std::pair<double, std::string>> xt;
    if (!chart.x_categories.empty()) {
      for (std::size_t i = 0; i < chart.x_categories.size(); ++i) xt.push_back({static_cast<double>(i), chart.x_categories[i]});
    } else {
      for (double t : chart.x_log ? log_ticks(x_lo, x_hi) : linear_ticks(x_lo, x_hi)) xt.push_back({t, tick_label(t)});
    }
    for (const auto& [t, label] : xt) {
      const double px = x.map(t);
      svg += "<line x1=\"" + num(px) + "\" y1=\"" + num(kTop) + "\" x2=\"" + num(px) + "\" y2=\"" + num(kTop + plot_h) +
             "\" stroke=\"#f0f0f0\"/>\n";
      svg += "<line x1=\"" + num(px) + "\" y1=\"" + num(kTop + plot_h) + "\" x2=\"" + num(px) + "\" y2=\"" +
             num(kTop + plot_h + 5) + "\" stroke=\"#333\"/>\n";
      svg += "<text x=\"" + num(px) + "\" y=\"" + num(kTop + plot_h + 19) + "\" text-anchor=\"middle\">" +
             escape(label) + "</text>\n";
    }
    // Axes and their titles.
    svg += "<rect x=\"" + num(left) + "\" y=\"" + num(kTop) + "\" width=\"" + num(plot_w) + "\" height=\"" +
           num(plot_h) + "\" fill=\"none\" stroke=\"#333\"/>\n";
    svg += "<text x=\"" + num(left + plot_w / 2) + "\" y=\"" + num(kTop + plot_h + 38) +
           "\" text-anchor=\"middle\">" + escape(chart.x_label) + "</text>\n";
    const double label_x = left - 46, label_y = kTop + plot_h / 2;
    svg += "<text x=\"" + num(label_x) + "\" y=\"" + num(label_y) + "\" text-anchor=\"middle\" transform=\"rotate(-90 " +
           num(label_x) + " " + num(label_y) + ")\">" + escape(panel.y_label) + "</text>\n";
    // Series.
    // Series with error bars are dodged sideways a little so that their bars do not hide each other.
    int barred = 0;
    for (const Series& s : panel.series) barred += !s.lo.empty();
    int bar_index = 0;
    for (const Series& s : panel.series) {
      const std::string colour = colour_of(s);
      const double dodge = s.lo.empty() || barred < 2 ? 0.0 : (bar_index++ - (barred - 1) / 2.0) * 3.0;
      std::vector<std::pair<double, double>> points;
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
        if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]) || (chart.x_log && s.x[i] <= 0)) continue;
        if (panel.y_log && s.y[i] <= 0) continue;
        points.push_back({x.map(s.x[i]) + dodge, y.map(std::clamp(s.y[i], y_lo, y_hi))});
        if (i < s.lo.size() && i < s.hi.size() && std::isfinite(s.lo[i]) && std::isfinite(s.hi[i])) {
          const double px = points.back().first;
          const double top = y.map(std::clamp(s.hi[i], y_lo, y_hi)), bottom = y.map(std::clamp(s.lo[i], y_lo, y_hi));
          svg += "<path d=\"M" + num(px) + " " + num(top) + "V" + num(bottom) + "M" + num(px - 4) + " " + num(top) +
                 "h8M" + num(px - 4) + " " + num(bottom) + "h8\" stroke=\"" + colour +
                 "\" stroke-width=\"1.2\" fill=\"none\"/>\n";
        }
      }
      if (s.line && points.size() > 1) {
        std::string d;
        for (std::size_t i = 0; i < points.size(); ++i) d += (i ? "L" : "M") + num(points[i].first) + " " + num(points[i].second);
        svg += "<path d=\"" + d + "\" stroke=\"" + colour + "\" stroke-width=\"2\" fill=\"none\"" +
               (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
      }
      if (s.markers) {
        for (const auto& [px, py] : points) {
          svg += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"3.5\" fill=\"" + colour +
                 "\" stroke=\"#fff\" stroke-width=\"0.8\"/>\n";
        }
      }
    }
    svg += "</g>\n";
  }

  // Legend below the panels.
  const double legend_top = kTop + plot_h + kBottom + 4;
  for (std::size_t i = 0; i < legend.size(); ++i) {
    const Series& s = *legend[i];
    const double lx = static_cast<double>(static_cast<int>(i) % per_row) * column + 16;
    const double ly = legend_top + static_cast<double>(static_cast<int>(i) / per_row) * kLegendRow;
    const std::string colour = colour_of(s);
    if (s.line) {
      svg += "<line x1=\"" + num(lx) + "\" y1=\"" + num(ly) + "\" x2=\"" + num(lx + 26) + "\" y2=\"" + num(ly) +
             "\" stroke=\"" + colour + "\" stroke-width=\"2\"" + (s.dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n";
    }
    if (s.markers) svg += "<circle cx=\"" + num(lx + 13) + "\" cy=\"" + num(ly) + "\" r=\"3.5\" fill=\"" + colour + "\"/>\n";
    svg += "<text x=\"" + num(lx + 34) + "\" y=\"" + num(ly + 4) + "\">" + escape(s.name) + "</text>\n";
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace relulab::cli
