// csv_table.h — reads a data set from CSV text: the lab's own export (x1..xd,y,split), the real data sets
// scripts/setup prepares, and a learner's own file. One strict reader: the first problem is reported with
// its line and column, and nothing is returned. Does not shuffle, split or preprocess (datasets.cpp does).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/types.h"

namespace relulab::core {

inline constexpr int kMaxCsvInputs = 64;     // input columns a table may have (digits: 8x8 = 64)
inline constexpr int kMaxCsvClasses = 10;    // integer labels 0..9 make a classification table
inline constexpr double kMaxCsvMagnitude = 1e9;  // larger inputs or targets overflow z in the first step (fuzz_csv)

struct CsvTable {
  std::vector<std::string> inputs;  // input column names, in file order
  Matrix x;                         // (inputs, rows)
  std::vector<Scalar> y;            // one label (class index) or target per row
  std::vector<bool> test;           // per row, from a `split` column ("train"/"test"); empty when absent
  bool classification = false;      // every y is a whole number in [0, kMaxCsvClasses)
  int classes = 1;                  // max label + 1 for classification (at least 2), else 1
};

// The layout: a header line naming the columns; a column named `y` holds the class index or target
// (without one, the last column is y); an optional column named `split` holds train/test; every other
// column is an input. Then one row per line, numbers only; blank lines and a trailing \r are ignored.
// Returns nullopt and sets *error to e.g. "line 7, column 3: \"abc\" is not a number".
std::optional<CsvTable> parse_csv_table(std::string_view text, std::string* error);

}  // namespace relulab::core
