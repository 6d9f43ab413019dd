// fuzz_csv.cpp — libFuzzer target for the CSV reader (csv_table.h: parse_csv_table), which reads a learner's
// own data file and the real data sets.
// Invariants checked on every input, besides "no crash, no sanitizer report":
//   - a refused file has a one-line message that names where ("line L, column C: ...") or the whole file;
//   - an accepted table is consistent: inputs 1..64, x is inputs x rows and finite, one y per row, a split
//     for every row or none, classes >= 2 exactly when it is a classification table;
//   - it reads back the same: the table written in the lab's layout parses to the same numbers;
//   - when it is small, it makes a data set (real-data path of make_dataset) and a session that trains 20 steps
//     with everything a renderer reads finite.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/activations.h"
#include "core/csv_table.h"
#include "core/data_library.h"
#include "core/datasets.h"
#include "fuzz_check.h"

using namespace relulab::core;

namespace {
constexpr std::size_t kMaxInputBytes = 64 * 1024;

std::string write_back(const CsvTable& t) {
  std::string out;
  for (std::size_t k = 0; k < t.inputs.size(); ++k) out += "c" + std::to_string(k) + ",";  // fresh, distinct names
  out += "y";
  if (!t.test.empty()) out += ",split";
  out += "\n";
  for (Eigen::Index j = 0; j < t.x.cols(); ++j) {
    for (Eigen::Index k = 0; k < t.x.rows(); ++k) out += format_number(t.x(k, j)) + ",";
    out += format_number(t.y[static_cast<std::size_t>(j)]);
    if (!t.test.empty()) out += t.test[static_cast<std::size_t>(j)] ? ",test" : ",train";
    out += "\n";
  }
  return out;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const auto table = parse_csv_table(text, &error);
  if (!table) {
    FUZZ_CHECK(relulab::fuzz::readable_message(error), "refusal without a one-line message: " + error);
    FUZZ_CHECK(error.rfind("line ", 0) == 0 || error.rfind("the file", 0) == 0, "refusal that says not where: " + error);
    return 0;
  }
  const Eigen::Index d = table->x.rows(), n = table->x.cols();
  FUZZ_CHECK(d >= 1 && d <= kMaxCsvInputs && static_cast<std::size_t>(d) == table->inputs.size(), "input count");
  FUZZ_CHECK(table->x.allFinite(), "non-finite input accepted");
  FUZZ_CHECK(static_cast<std::size_t>(n) == table->y.size(), "one y per row");
  FUZZ_CHECK(table->test.empty() || table->test.size() == table->y.size(), "a split for every row or none");
  FUZZ_CHECK(table->classification ? table->classes >= 2 && table->classes <= kMaxCsvClasses : table->classes == 1,
             "classes");

  const auto again = parse_csv_table(write_back(*table), &error);
  FUZZ_CHECK(again.has_value(), "its own layout refused: " + error);
  FUZZ_CHECK(again->x == table->x && again->y == table->y && again->test == table->test, "did not read back the same");

  if (n <= 200 && d <= 8) {
    FUZZ_CHECK(provide_real_data(DataKind::Wine, text).empty(), "an accepted table refused by the library");
    SessionConfig config;
    config.data.kind = DataKind::Wine;
    config.data.test_fraction = 0.25;
    config.history_bytes = 1u << 20;
    FUZZ_CHECK(check_config(config).empty(), "a loaded table is not a valid scene: " + check_config(config));
    Session session(config);
    session.step(20);
    relulab::fuzz::check_session_finite(session);
    forget_real_data();  // back to the stand-in table for the next input
  }
  return 0;
}
