// report.h — what the commands print: tables (aligned Markdown pipe tables for people, CSV for tools),
// small statistics (mean, sample sd, median, Wilson interval), fixed number formatting, and writing a file
// whole or not at all. JSON goes through core/json_value.h. No computation of experiments here.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace relulab::cli {

// One table, printed as an aligned Markdown table (text) or as CSV. Cells are already formatted.
struct Table {
  std::vector<std::string> header;
  std::vector<bool> right_align;              // per column; missing = right-aligned
  std::vector<std::vector<std::string>> rows;

  std::string to_markdown() const;
  std::string to_csv() const;
};

// Fixed-point text with `digits` decimals ("1.23e+08" from 1e5 up); "nan" / "inf" for non-finite values.
std::string fixed(double value, int digits);
// "0.312 ± 0.041" (sd omitted when there is a single value).
std::string mean_sd(double mean, double sd, int count, int digits);

struct Summary {
  int count = 0;
  double mean = 0, sd = 0, median = 0, min = 0, max = 0;
};
// Sample statistics (sd with n - 1; 0 for one value); an empty list gives count 0 and zeros.
Summary summarize(std::vector<double> values);

// 95% Wilson score interval for `successes` out of `trials` (Wilson 1927): good near p = 0 and 1.
struct Interval { double lo = 0, hi = 0; };
Interval wilson95(std::int64_t successes, std::int64_t trials);

// Writes `text` to `path` (via a temporary file and a rename). Returns "" or a sentence.
std::string write_file(const std::string& path, const std::string& text);
// Reads a whole file (up to max_bytes). Returns false with a sentence in *error.
bool read_file(const std::string& path, std::size_t max_bytes, std::string* text, std::string* error);

// Quotes a CSV field when it holds a comma, quote or newline.
std::string csv_field(const std::string& text);

}  // namespace relulab::cli
