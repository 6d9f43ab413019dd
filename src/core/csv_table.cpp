// csv_table.cpp — the strict CSV reader of csv_table.h.
#include "core/csv_table.h"

#include <cmath>

#include "core/activations.h"
#include "core/json_value.h"
#include "core/limits.h"

namespace relulab::core {

namespace {
// Splits one line at commas (no quoting: the lab's files hold numbers and plain names only).
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::string quoted(std::string_view s) { return "'" + quoted_excerpt(s) + "'"; }

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<CsvTable> parse_csv_table(std::string_view text, std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<CsvTable> {
    if (error) *error = message;
    return std::nullopt;
  };
  auto at = [](std::size_t line, std::size_t column) {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
  };

  CsvTable table;
  std::vector<std::string_view> header;
  int y_column = -1, split_column = -1;
  std::vector<int> input_columns;
  std::vector<Scalar> values;  // row-major inputs, moved into x at the end
  std::size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string_view line = trimmed(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string_view> fields = fields_of(line);
    for (auto& f : fields) f = trimmed(f);

    if (header.empty()) {  // the header line
      header = fields;
      for (std::size_t c = 0; c < header.size(); ++c) {
        if (header[c].empty()) return fail(at(line_no, c + 1) + "the header has an empty column name");
        Scalar ignored;
        if (parse_number(header[c], &ignored)) {
          return fail(at(line_no, c + 1) + "the first line must name the columns (e.g. x1,x2,y), not hold numbers");
        }
        if (header[c] == "y") y_column = static_cast<int>(c);
        if (header[c] == "split") split_column = static_cast<int>(c);
      }
      if (y_column < 0) y_column = static_cast<int>(header.size()) - 1;
      if (y_column == split_column) return fail(at(line_no, 1) + "no column holds y (name one \"y\")");
      for (int c = 0; c < static_cast<int>(header.size()); ++c) {
        if (c != y_column && c != split_column) {
          input_columns.push_back(c);
          table.inputs.emplace_back(header[static_cast<std::size_t>(c)]);
        }
      }
      if (input_columns.empty()) return fail(at(line_no, 1) + "there is no input column besides y");
      if (input_columns.size() > static_cast<std::size_t>(kMaxCsvInputs)) {
        return fail(at(line_no, 1) + "the lab takes at most " + std::to_string(kMaxCsvInputs) + " input columns, not " +
                    std::to_string(input_columns.size()));
      }
      continue;
    }

    if (fields.size() != header.size()) {
      return fail(at(line_no, std::min(fields.size(), header.size()) + 1) + "this row has " + std::to_string(fields.size()) +
                  " fields; the header names " + std::to_string(header.size()));
    }
    if (table.y.size() >= static_cast<std::size_t>(kMaxDataSize)) {
      return fail(at(line_no, 1) + "the lab takes at most " + std::to_string(kMaxDataSize) + " rows");
    }
    for (int c : input_columns) {
      Scalar v;
      if (!parse_number(fields[static_cast<std::size_t>(c)], &v)) {
        return fail(at(line_no, static_cast<std::size_t>(c) + 1) + quoted(fields[static_cast<std::size_t>(c)]) +
                    " is not a number");
      }
      if (std::abs(v) > kMaxCsvMagnitude) {
        return fail(at(line_no, static_cast<std::size_t>(c) + 1) + quoted(fields[static_cast<std::size_t>(c)]) +
                    " is too large: the lab takes numbers up to 1e9 in size (rescale the column)");
      }
      values.push_back(v);
    }
    Scalar y;
    if (!parse_number(fields[static_cast<std::size_t>(y_column)], &y)) {
      return fail(at(line_no, static_cast<std::size_t>(y_column) + 1) +
                  quoted(fields[static_cast<std::size_t>(y_column)]) + " is not a number");
    }
    if (std::abs(y) > kMaxCsvMagnitude) {
      return fail(at(line_no, static_cast<std::size_t>(y_column) + 1) + quoted(fields[static_cast<std::size_t>(y_column)]) +
                  " is too large: the lab takes numbers up to 1e9 in size (rescale the column)");
    }
    table.y.push_back(y);
    if (split_column >= 0) {
      const std::string_view s = fields[static_cast<std::size_t>(split_column)];
      if (s != "train" && s != "test") {
        return fail(at(line_no, static_cast<std::size_t>(split_column) + 1) + quoted(s) +
                    " is not a split (write train or test)");
      }
      table.test.push_back(s == "test");
    }
  }
  if (header.empty()) return fail("the file is empty: it needs a header line (e.g. x1,x2,y) and rows");
  if (table.y.size() < static_cast<std::size_t>(kMinDataSize)) {
    return fail("the file has " + std::to_string(table.y.size()) + " rows; the lab needs at least " +
                std::to_string(kMinDataSize));
  }

  const auto d = static_cast<Eigen::Index>(input_columns.size());
  const auto n = static_cast<Eigen::Index>(table.y.size());
  table.x = Eigen::Map<const Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>>(values.data(), d, n);
  table.classification = true;
  Scalar top = 0;
  for (Scalar y : table.y) {
    if (!(y >= 0 && y < kMaxCsvClasses && y == std::floor(y))) table.classification = false;
    top = std::max(top, y);
  }
  table.classes = table.classification ? std::max(2, static_cast<int>(top) + 1) : 1;
  return table;
}

}  // namespace relulab::core
