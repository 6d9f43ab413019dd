// csv_table_test.cpp — the CSV reader (good files, every kind of malformed line), the export round trip,
// and the real data sets through data_library (a fake source here; the files themselves in cli.test.mjs).
#include <doctest/doctest.h>

#include "core/csv_table.h"
#include "core/data_library.h"
#include "core/datasets.h"
#include "core/session.h"
#include "test_data.h"

using namespace relulab::core;

namespace {
std::string error_of(std::string_view text) {
  std::string error;
  CHECK_FALSE(parse_csv_table(text, &error).has_value());
  return error;
}

// A three-class table of 30 rows: x1 = row, x2 = -row, y = row % 3.
std::string three_classes() {
  std::string csv = "x1,x2,y\n";
  for (int i = 0; i < 30; ++i) csv += std::to_string(i) + "," + std::to_string(-i) + "," + std::to_string(i % 3) + "\n";
  return csv;
}
}  // namespace

TEST_CASE("csv: a header, inputs in file order, y found by name or last; classes from whole labels") {
  std::string error;
  auto t = parse_csv_table("a,y,b\r\n1,0,2\r\n3,1,4\n\n5,1,6\n7,0,8\n", &error);
  REQUIRE_MESSAGE(t.has_value(), error);
  CHECK(t->inputs == std::vector<std::string>{"a", "b"});
  REQUIRE(t->x.rows() == 2);
  REQUIRE(t->x.cols() == 4);
  CHECK(t->x(0, 2) == 5.0);
  CHECK(t->x(1, 2) == 6.0);
  CHECK(t->y == std::vector<Scalar>{0, 1, 1, 0});
  CHECK(t->test.empty());
  CHECK(t->classification);
  CHECK(t->classes == 2);

  auto last = parse_csv_table("p,q,target\n1,2,0.5\n3,4,1.5\n5,6,2\n7,8,3\n", &error);
  REQUIRE(last.has_value());
  CHECK(last->inputs == std::vector<std::string>{"p", "q"});
  CHECK_FALSE(last->classification);  // 0.5 is not a class
  CHECK(last->classes == 1);

  auto ten = parse_csv_table(three_classes(), &error);
  REQUIRE(ten.has_value());
  CHECK(ten->classes == 3);
}

TEST_CASE("csv: the first problem is named by line and column, and nothing is returned") {
  CHECK(error_of("") == "the file is empty: it needs a header line (e.g. x1,x2,y) and rows");
  CHECK(error_of("1,2,3\n4,5,6\n") ==
        "line 1, column 1: the first line must name the columns (e.g. x1,x2,y), not hold numbers");
  CHECK(error_of("x1,,y\n") == "line 1, column 2: the header has an empty column name");
  CHECK(error_of("y\n1\n") == "line 1, column 1: there is no input column besides y");
  CHECK(error_of("x1,x2,y\n1,2,0\n3,4\n") == "line 3, column 3: this row has 2 fields; the header names 3");
  CHECK(error_of("x1,x2,y\n1,2,0\n\n3,abc,1\n") == "line 4, column 2: 'abc' is not a number");
  CHECK(error_of("x1,x2,y\n1,2,nan\n") == "line 2, column 3: 'nan' is not a number");
  CHECK(error_of("x1,x2,y\n1,1e308,0\n") ==  // found by fuzz_csv: z overflowed to inf in the census
        "line 2, column 2: '1e308' is too large: the lab takes numbers up to 1e9 in size (rescale the column)");
  CHECK(error_of("x1,y\n1,-2e9\n") ==
        "line 2, column 2: '-2e9' is too large: the lab takes numbers up to 1e9 in size (rescale the column)");
  CHECK(error_of("x1,y,split\n1,0,train\n2,1,later\n") == "line 3, column 3: 'later' is not a split (write train or test)");
  CHECK(error_of("x1,y\n1,0\n2,1\n") == "the file has 2 rows; the lab needs at least 4");
  std::string wide = "x1";
  for (int i = 2; i <= kMaxCsvInputs + 1; ++i) wide += ",x" + std::to_string(i);
  CHECK(error_of(wide + ",y\n") == "line 1, column 1: the lab takes at most 64 input columns, not 65");
}

TEST_CASE("csv: the lab's own export reads back exactly (x, y and split)") {
  DataConfig config;
  config.kind = DataKind::Moons;
  config.size = 50;
  config.noise = 0.1;
  config.test_fraction = 0.2;
  std::string error;
  auto data = make_dataset(config, 3, &error);
  REQUIRE(data.has_value());
  auto t = parse_csv_table(dataset_to_csv(*data), &error);
  REQUIRE_MESSAGE(t.has_value(), error);
  REQUIRE(t->x.cols() == 50);
  CHECK(t->x.leftCols(40) == data->x_train);
  CHECK(t->x.rightCols(10) == data->x_test);
  CHECK(std::count(t->test.begin(), t->test.end(), true) == 10);
  CHECK(t->test[39] == false);
  CHECK(t->test[40] == true);
  CHECK(t->y[40] == data->y_test(0, 0));
}

TEST_CASE("real data: read through the host's source once, split and standardized like any set") {
  forget_real_data();
  int reads = 0;
  set_data_source([&](std::string_view name, std::string* error) -> std::optional<std::string> {
    if (name != "wine") {
      *error = std::string(name) + " is not in this test";
      return std::nullopt;
    }
    ++reads;
    return three_classes();
  });
  DataConfig config;
  config.kind = DataKind::Wine;
  config.size = 400;            // a real set keeps its own 30 rows
  config.test_fraction = 0.2;
  config.preprocess = Preprocess::Standardize;
  std::string error;
  auto a = make_dataset(config, 7, &error);
  REQUIRE_MESSAGE(a.has_value(), error);
  auto b = make_dataset(config, 7, &error);
  REQUIRE(b.has_value());
  CHECK(reads == 1);
  CHECK(a->x_train.cols() == 24);
  CHECK(a->x_test.cols() == 6);
  CHECK(a->x_train.rows() == 2);
  CHECK(a->classes == 3);
  CHECK(a->classification);
  CHECK(a->x_train == b->x_train);
  CHECK(std::abs(a->x_train.row(0).mean()) < 1e-12);
  CHECK(input_dim(config) == 2);

  SessionConfig session_config;
  session_config.data = config;
  CHECK(check_config(session_config).empty());
  Session session(session_config);
  CHECK(session.weights(0).back().w.rows() == 3);  // softmax over the three classes

  config.kind = DataKind::Iris;  // the source refuses it: the sentence comes back, no data set
  CHECK_FALSE(make_dataset(config, 7, &error).has_value());
  CHECK(error == "iris is not in this test");
  session_config.data.kind = DataKind::Iris;
  CHECK(check_config(session_config) == "iris is not in this test");

  CHECK(provide_real_data(DataKind::Iris, "x1,y\n1,0\n") ==
        "the iris data file is malformed: the file has 1 rows; the lab needs at least 4");
  CHECK(provide_real_data(DataKind::Circle, "x1,y\n1,0\n") == "circle is generated, not read from a file");
  CHECK(provide_real_data(DataKind::Iris, three_classes()).empty());
  CHECK(make_dataset(config, 7, &error).has_value());
  set_data_source(nullptr);
  forget_real_data();
  CHECK_FALSE(make_dataset(config, 7, &error).has_value());
  CHECK(error == "the iris data set is not loaded here");
  relulab::testing::install_test_data_source();  // the runner's own source, for the tests after this one
}

TEST_CASE("real data: the sets scripts/setup fetched read as packaged (digits 1797 x 64, ten classes; iris 150 x 4)") {
  std::string error;
  auto digits = real_data_table(DataKind::Digits, &error);
  REQUIRE_MESSAGE(digits, error);
  CHECK(digits->x.rows() == 64);
  CHECK(digits->x.cols() == 1797);
  CHECK(digits->classes == 10);
  CHECK(digits->x.minCoeff() == 0.0);
  CHECK(digits->x.maxCoeff() == 16.0);  // 4-bit grey levels
  DataConfig config;
  config.kind = DataKind::Digits;
  config.test_fraction = 0.2;
  auto data = make_dataset(config, 1, &error);
  REQUIRE(data.has_value());
  CHECK(data->image_side == 8);
  CHECK(data->x_train.cols() == 1438);
  auto iris = real_data_table(DataKind::Iris, &error);
  REQUIRE_MESSAGE(iris, error);
  CHECK(iris->x.rows() == 4);
  CHECK(iris->x.cols() == 150);
  CHECK(iris->classes == 3);
}
