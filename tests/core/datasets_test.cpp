// datasets_test.cpp — sizes, ranges, class balance, split, preprocessing, determinism and CSV of the data sets.
#include <doctest/doctest.h>

#include <cmath>

#include "core/datasets.h"

using namespace relulab::core;

namespace {
Dataset make(DataKind kind, int size = 400, std::uint64_t seed = 1, Scalar noise = 0, Scalar test_fraction = 0) {
  DataConfig config;
  config.kind = kind;
  config.size = size;
  config.noise = noise;
  config.test_fraction = test_fraction;
  std::string error;
  auto data = make_dataset(config, seed, &error);
  REQUIRE_MESSAGE(data.has_value(), error);
  return *data;
}
const DataKind kAllKinds[] = {DataKind::Circle, DataKind::Xor, DataKind::Gauss, DataKind::Spiral,
                              DataKind::Moons, DataKind::Abs1D, DataKind::Sin1D, DataKind::Plane,
                              DataKind::Bump, DataKind::NegativeUniform};
}  // namespace

TEST_CASE("datasets: sizes, dimensions and determinism per seed") {
  for (DataKind kind : kAllKinds) {
    CAPTURE(data_name(kind));
    const Dataset a = make(kind, 300, 5, 0.1, 0.2);
    const Dataset b = make(kind, 300, 5, 0.1, 0.2);
    const Dataset c = make(kind, 300, 6, 0.1, 0.2);
    CHECK(a.x_train.cols() == 240);
    CHECK(a.x_test.cols() == 60);
    CHECK(a.y_train.rows() == 1);
    CHECK(a.x_train.rows() == (kind == DataKind::Abs1D || kind == DataKind::Sin1D ? 1 : kind == DataKind::NegativeUniform ? 4 : 2));
    CHECK(a.classification == is_classification(kind));
    CHECK(a.x_train == b.x_train);
    CHECK(a.y_test == b.y_test);
    CHECK(a.x_train != c.x_train);
    CHECK(a.x_train.allFinite());
  }
}

TEST_CASE("datasets: two-class sets are exactly balanced; labels are 0/1") {
  for (DataKind kind : {DataKind::Circle, DataKind::Xor, DataKind::Gauss, DataKind::Spiral, DataKind::Moons}) {
    CAPTURE(data_name(kind));
    const Dataset d = make(kind, 400);
    CHECK(d.y_train.sum() == 200.0);
    CHECK(((d.y_train.array() == 0.0) || (d.y_train.array() == 1.0)).all());
  }
}

TEST_CASE("datasets: ranges and labels follow their definitions (no noise)") {
  const Dataset circle = make(DataKind::Circle, 1000);
  for (Eigen::Index j = 0; j < circle.x_train.cols(); ++j) {
    const Scalar r = circle.x_train.col(j).norm();
    if (circle.y_train(0, j) > 0) {
      CHECK(r <= 0.5 + 1e-12);
    } else {
      CHECK((r >= 0.7 - 1e-12 && r <= 1.0 + 1e-12));
    }
  }
  const Dataset xor_data = make(DataKind::Xor, 1000);
  for (Eigen::Index j = 0; j < xor_data.x_train.cols(); ++j) {
    const bool same_sign = xor_data.x_train(0, j) * xor_data.x_train(1, j) > 0;
    CHECK(same_sign == (xor_data.y_train(0, j) > 0));
    CHECK(xor_data.x_train.col(j).cwiseAbs().maxCoeff() <= 1.0);
  }
  const Dataset sine = make(DataKind::Sin1D, 500);
  CHECK(sine.x_train.minCoeff() >= -1.0);
  CHECK(sine.x_train.maxCoeff() <= 1.0);
  CHECK((sine.y_train.array() - (3.0 * sine.x_train.array()).sin()).abs().maxCoeff() == 0.0);
  const Dataset abs_data = make(DataKind::Abs1D, 500);
  CHECK((abs_data.y_train.array() - abs_data.x_train.array().abs()).abs().maxCoeff() == 0.0);
  const Dataset bump = make(DataKind::Bump, 500);
  CHECK(bump.y_train.maxCoeff() <= 1.0);
  CHECK(bump.y_train.minCoeff() > 0.0);
}

TEST_CASE("datasets: the all-negative data lies in the open interval (-1, 0), 200 000 x 4") {
  DataConfig config;
  config.kind = DataKind::NegativeUniform;
  config.size = 200000;
  config.dim = 4;
  std::string error;
  const auto data = make_dataset(config, 3, &error);
  REQUIRE(data.has_value());
  CHECK(data->x_train.rows() == 4);
  CHECK(data->x_train.cols() == 200000);
  CHECK(data->x_train.maxCoeff() < 0.0);
  CHECK(data->x_train.minCoeff() > -1.0);
  // Mean -1/2 per coordinate (sd of the mean: sqrt(1/12 / 200000) = 6.5e-4).
  CHECK(std::abs(data->x_train.mean() + 0.5) < 5 * 6.5e-4 / 2);
  // Labels: sum > -2, balanced within 5 standard errors (sd of a proportion: 0.5 / sqrt(n) = 1.1e-3).
  CHECK(std::abs(data->y_train.mean() - 0.5) < 5 * 1.2e-3);
}

TEST_CASE("datasets: preprocessing") {
  DataConfig config;
  config.kind = DataKind::NegativeUniform;
  config.size = 2000;
  config.preprocess = Preprocess::Standardize;
  const auto standardized = make_dataset(config, 1, nullptr);
  REQUIRE(standardized.has_value());
  for (Eigen::Index k = 0; k < 4; ++k) {
    const auto row = standardized->x_train.row(k).array();
    CHECK(std::abs(row.mean()) < 1e-12);
    CHECK(std::sqrt((row - row.mean()).square().mean()) == doctest::Approx(1.0).epsilon(1e-12));
  }
  config.preprocess = Preprocess::Shift;
  config.offset = 0.5;
  const auto shifted = make_dataset(config, 1, nullptr);
  config.preprocess = Preprocess::None;
  const auto raw = make_dataset(config, 1, nullptr);
  CHECK((shifted->x_train.array() - raw->x_train.array() - 0.5).abs().maxCoeff() < 1e-15);
}

TEST_CASE("datasets: out-of-range settings are refused with a message; CSV export") {
  DataConfig config;
  config.size = 1;
  std::string error;
  CHECK_FALSE(make_dataset(config, 1, &error).has_value());
  CHECK(error.find("data size 1 out of range") != std::string::npos);
  config.size = 250000;
  CHECK_FALSE(make_dataset(config, 1, &error).has_value());

  const Dataset d = make(DataKind::Circle, 10, 1, 0, 0.2);
  const std::string csv = dataset_to_csv(d);
  CHECK(csv.rfind("x1,x2,y,split\n", 0) == 0);
  std::size_t lines = 0, tests = 0;
  for (std::size_t pos = 0; (pos = csv.find('\n', pos)) != std::string::npos; ++pos) ++lines;
  for (std::size_t pos = 0; (pos = csv.find(",test\n", pos)) != std::string::npos; ++pos) ++tests;
  CHECK(lines == 11);
  CHECK(tests == 2);
}
