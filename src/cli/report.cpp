// report.cpp — tables, statistics and file I/O of report.h.
#include "cli/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace relulab::cli {

namespace {

// Display width of UTF-8 text: counts code points, not bytes (so "±" is one column).
std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

std::string pad(const std::string& text, std::size_t width, bool right) {
  const std::size_t fill = width > display_width(text) ? width - display_width(text) : 0;
  return right ? std::string(fill, ' ') + text : text + std::string(fill, ' ');
}

}  // namespace

std::string Table::to_markdown() const {
  const std::size_t columns = header.size();
  std::vector<std::size_t> width(columns, 3);
  for (std::size_t c = 0; c < columns; ++c) width[c] = std::max(width[c], display_width(header[c]));
  for (const auto& row : rows)
    for (std::size_t c = 0; c < columns && c < row.size(); ++c) width[c] = std::max(width[c], display_width(row[c]));
  auto right = [&](std::size_t c) { return c >= right_align.size() || right_align[c]; };
  std::string out = "|";
  for (std::size_t c = 0; c < columns; ++c) out += " " + pad(header[c], width[c], right(c)) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < columns; ++c) {
    out += right(c) ? " " + std::string(width[c] - 1, '-') + ": |" : " :" + std::string(width[c] - 1, '-') + " |";
  }
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (std::size_t c = 0; c < columns; ++c) out += " " + pad(c < row.size() ? row[c] : "", width[c], right(c)) + " |";
    out += "\n";
  }
  return out;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string Table::to_csv() const {
  std::string out;
  for (std::size_t c = 0; c < header.size(); ++c) out += (c ? "," : "") + csv_field(header[c]);
  out += "\n";
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + csv_field(row[c]);
    out += "\n";
  }
  return out;
}

std::string fixed(double value, int digits) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[64];
  if (std::fabs(value) >= 1e5) {  // a blown-up loss: keep the column readable
    std::snprintf(buffer, sizeof buffer, "%.2e", value);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  std::string text = buffer;
  // Never print "-0.000".
  if (text.find_first_not_of("-0.") == std::string::npos && text[0] == '-') text.erase(0, 1);
  return text;
}

std::string mean_sd(double mean, double sd, int count, int digits) {
  if (count <= 0) return "—";
  if (count == 1) return fixed(mean, digits);
  return fixed(mean, digits) + " ± " + fixed(sd, digits);
}

Summary summarize(std::vector<double> values) {
  Summary s;
  s.count = static_cast<int>(values.size());
  if (values.empty()) return s;
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  s.median = n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
  s.min = values.front();
  s.max = values.back();
  return s;
}

Interval wilson95(std::int64_t successes, std::int64_t trials) {
  if (trials <= 0) return {0, 1};
  const double z = 1.959963984540054;  // the 97.5% quantile of N(0, 1)
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double denominator = 1 + z * z / n;
  const double centre = (p + z * z / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::string write_file(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return "cannot write " + path;
    out << text;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      return "cannot write " + path;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return "cannot write " + path;
  }
  return "";
}

bool read_file(const std::string& path, std::size_t max_bytes, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  // Read at most one byte past the limit: a file without an end (/dev/zero, a FIFO) must not be slurped.
  text->assign(max_bytes + 1, '\0');
  in.read(text->data(), static_cast<std::streamsize>(max_bytes + 1));
  text->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    *error = "cannot read " + path;
    return false;
  }
  if (text->size() > max_bytes) {
    *error = path + " is larger than " + std::to_string(max_bytes) + " bytes";
    return false;
  }
  return true;
}

}  // namespace relulab::cli
