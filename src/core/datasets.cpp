// datasets.cpp — generators for every DataKind (see datasets.h for shapes and ranges).
#include "core/datasets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "core/activations.h"
#include "core/data_library.h"
#include "core/names.h"
#include "core/rng.h"

namespace relulab::core {

namespace {
constexpr Scalar kPi = 3.14159265358979323846264338327950288;

// One generated point: x (up to kMaxDataDim coordinates are written into column `j` of x) and y.
void generate_point(DataKind kind, Scalar noise, int index, int size, int dim, Rng& rng, Matrix& x, Matrix& y) {
  const auto j = static_cast<Eigen::Index>(index);
  const Scalar label = static_cast<Scalar>(index % 2);  // exact class balance for the 2-class sets
  auto jitter = [&] { return noise > 0 ? noise * normal(rng) : 0.0; };
  switch (kind) {
    case DataKind::Circle: {  // class 1: disc of radius 0.5; class 0: ring 0.7 .. 1.0
      const Scalar radius = label > 0 ? 0.5 * std::sqrt(uniform01(rng)) : std::sqrt(uniform(rng, 0.49, 1.0));
      const Scalar angle = uniform(rng, 0, 2 * kPi);
      x(0, j) = radius * std::cos(angle) + jitter();
      x(1, j) = radius * std::sin(angle) + jitter();
      y(0, j) = label;
      return;
    }
    case DataKind::Xor: {  // uniform on [-1, 1]^2 away from the axes (padding 0.05); class 1 where x1 x2 > 0
      const Scalar pad = 0.05;
      Scalar u = uniform(rng, pad, 1.0), v = uniform(rng, pad, 1.0);
      const bool flip_u = uniform01(rng) < 0.5;
      const bool same = label > 0;
      u = flip_u ? -u : u;
      v = (flip_u == same) ? -v : v;
      x(0, j) = u + jitter();
      x(1, j) = v + jitter();
      y(0, j) = label;
      return;
    }
    case DataKind::Gauss: {  // two blobs, sd 0.2, centred at (0.5, 0.5) (class 1) and (-0.5, -0.5) (class 0)
      const Scalar centre = label > 0 ? 0.5 : -0.5;
      x(0, j) = centre + 0.2 * normal(rng) + jitter();
      x(1, j) = centre + 0.2 * normal(rng) + jitter();
      y(0, j) = label;
      return;
    }
    case DataKind::Spiral: {  // two interleaved arms, radius t in [0, 1], 1.75 turns
      const Scalar t = static_cast<Scalar>(index / 2) / static_cast<Scalar>(std::max(1, size / 2));
      const Scalar angle = 1.75 * 2 * kPi * t + (label > 0 ? kPi : 0.0);
      x(0, j) = t * std::sin(angle) + jitter();
      x(1, j) = t * std::cos(angle) + jitter();
      y(0, j) = label;
      return;
    }
    case DataKind::Moons: {  // two half circles (as sklearn's make_moons), centred and scaled into [-1, 1]
      const Scalar angle = uniform(rng, 0, kPi);
      const Scalar u = label > 0 ? 1.0 - std::cos(angle) : std::cos(angle);
      const Scalar v = label > 0 ? 0.5 - std::sin(angle) : std::sin(angle);
      x(0, j) = (u - 0.5) / 1.5 + jitter();
      x(1, j) = (v - 0.25) / 1.5 + jitter();
      y(0, j) = label;
      return;
    }
    case DataKind::Abs1D: {
      x(0, j) = uniform(rng, -1, 1);
      y(0, j) = std::abs(x(0, j)) + jitter();
      return;
    }
    case DataKind::Sin1D: {
      x(0, j) = uniform(rng, -1, 1);
      y(0, j) = std::sin(3 * x(0, j)) + jitter();
      return;
    }
    case DataKind::Plane: {  // y = (x1 + x2) / 2
      x(0, j) = uniform(rng, -1, 1);
      x(1, j) = uniform(rng, -1, 1);
      y(0, j) = 0.5 * (x(0, j) + x(1, j)) + jitter();
      return;
    }
    case DataKind::Bump: {  // y = exp(-|x|^2 / (2 * 0.4^2))
      x(0, j) = uniform(rng, -1, 1);
      x(1, j) = uniform(rng, -1, 1);
      const Scalar r2 = x(0, j) * x(0, j) + x(1, j) * x(1, j);
      y(0, j) = std::exp(-r2 / (2 * 0.4 * 0.4)) + jitter();
      return;
    }
    case DataKind::Digits: case DataKind::Iris: case DataKind::Wine: case DataKind::Cancer: case DataKind::Custom:
      return;  // read from a table, never generated (make_dataset)
    case DataKind::NegativeUniform: {  // every coordinate in the open interval (-1, 0); class 1 where the sum
      Scalar sum = 0;                  // exceeds -d/2 (the median); noise is not applied (it would leave (-1, 0))
      for (int k = 0; k < dim; ++k) sum += (x(k, j) = -uniform_open01(rng));
      y(0, j) = sum > -0.5 * dim ? 1.0 : 0.0;
      return;
    }
  }
}
}  // namespace

bool is_classification(DataKind kind) {
  switch (kind) {
    case DataKind::Abs1D: case DataKind::Sin1D: case DataKind::Plane: case DataKind::Bump: return false;
    default: return true;
  }
}

int input_dim(const DataConfig& config) {
  switch (config.kind) {
    case DataKind::Abs1D: case DataKind::Sin1D: return 1;
    case DataKind::NegativeUniform: return std::clamp(config.dim, 1, kMaxDataDim);
    case DataKind::Digits: case DataKind::Iris: case DataKind::Wine: case DataKind::Cancer: case DataKind::Custom: {
      auto table = real_data_table(config.kind, nullptr);
      return table ? static_cast<int>(table->x.rows()) : 0;
    }
    default: return 2;
  }
}

const char* data_name(DataKind kind) { return name_of(kind); }
std::optional<DataKind> parse_data_kind(std::string_view name) { return from_name<DataKind>(name); }

DataConfig sanitized(const DataConfig& config) {
  DataConfig out = config;
  out.size = std::clamp(config.size, kMinDataSize, kMaxDataSize);
  out.noise = std::isfinite(config.noise) ? std::clamp(config.noise, 0.0, 1.0) : 0.0;
  out.dim = std::clamp(config.dim, 1, kMaxDataDim);
  out.offset = std::isfinite(config.offset) ? std::clamp(config.offset, -100.0, 100.0) : 0.0;
  out.test_fraction = std::isfinite(config.test_fraction) ? std::clamp(config.test_fraction, 0.0, 0.9) : 0.0;
  return out;
}

std::optional<Dataset> make_dataset(const DataConfig& config, std::uint64_t seed, std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<Dataset> {
    if (error) *error = message;
    return std::nullopt;
  };
  if (config.size < kMinDataSize || config.size > kMaxDataSize) {
    return fail("data size " + std::to_string(config.size) + " out of range [" + std::to_string(kMinDataSize) +
                ", " + std::to_string(kMaxDataSize) + "]");
  }
  if (!(config.noise >= 0 && config.noise <= 1)) return fail("data noise out of range [0, 1]");
  if (!(config.test_fraction >= 0 && config.test_fraction <= 0.9)) return fail("test fraction out of range [0, 0.9]");
  if (config.dim < 1 || config.dim > kMaxDataDim) {
    return fail("data dimension out of range [1, " + std::to_string(kMaxDataDim) + "]");
  }
  if (!std::isfinite(config.offset)) return fail("data offset must be a finite number");

  Matrix x, y;
  int classes = is_classification(config.kind) ? 2 : 1;
  bool classification = is_classification(config.kind);
  std::shared_ptr<const CsvTable> table;
  if (is_real_data(config.kind)) {  // the table's own rows; size and noise do not apply
    std::string why;
    table = real_data_table(config.kind, &why);
    if (!table) return fail(why);
    x = table->x;
    y = Eigen::Map<const Matrix>(table->y.data(), 1, static_cast<Eigen::Index>(table->y.size()));
    classes = table->classes;
    classification = table->classification;
  } else {
    x.resize(input_dim(config), config.size);
    y.resize(1, config.size);
    Rng rng = make_rng(seed, kStreamData);
    for (int i = 0; i < config.size; ++i) {
      generate_point(config.kind, config.noise, i, config.size, static_cast<int>(x.rows()), rng, x, y);
    }
  }
  const int d = static_cast<int>(x.rows());
  const int n = static_cast<int>(x.cols());

  // Shuffle (Fisher–Yates), then split — or, for a file with a split column, its own split in file order
  // (so the lab's data export reads back as the same training and test sets).
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
  Eigen::Index n_train = 0;
  if (table && !table->test.empty() && std::count(table->test.begin(), table->test.end(), false) >= 2) {
    std::stable_partition(order.begin(), order.end(), [&](Eigen::Index i) { return !table->test[static_cast<std::size_t>(i)]; });
    n_train = std::count(table->test.begin(), table->test.end(), false);
  } else {
    Rng split_rng = make_rng(seed, kStreamSplit);
    for (std::size_t i = order.size() - 1; i > 0; --i) {
      std::swap(order[i], order[static_cast<std::size_t>(uniform_index(split_rng, i + 1))]);
    }
    n_train = static_cast<Eigen::Index>(std::clamp(static_cast<int>(std::lround(n * (1.0 - config.test_fraction))), 2, n));
  }
  const Eigen::Index n_test = n - n_train;
  Dataset data;
  data.classification = classification;
  data.classes = classes;
  if (config.kind == DataKind::Digits && d == 64) data.image_side = 8;
  data.x_train.resize(d, n_train);
  data.y_train.resize(1, n_train);
  data.x_test.resize(d, n_test);
  data.y_test.resize(1, n_test);
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index source = order[static_cast<std::size_t>(i)];
    if (i < n_train) {
      data.x_train.col(i) = x.col(source);
      data.y_train(0, i) = y(0, source);
    } else {
      data.x_test.col(i - n_train) = x.col(source);
      data.y_test(0, i - n_train) = y(0, source);
    }
  }

  switch (config.preprocess) {
    case Preprocess::None: break;
    case Preprocess::Standardize: {
      const Vector mean = data.x_train.rowwise().mean();
      Vector sd(d);
      for (int k = 0; k < d; ++k) {
        const Scalar var = (data.x_train.row(k).array() - mean(k)).square().mean();
        sd(k) = var > 1e-24 ? std::sqrt(var) : 1.0;
      }
      data.x_train = (data.x_train.colwise() - mean).array().colwise() / sd.array();
      if (n_test > 0) data.x_test = (data.x_test.colwise() - mean).array().colwise() / sd.array();
      break;
    }
    case Preprocess::Shift:
      data.x_train.array() += config.offset;
      if (n_test > 0) data.x_test.array() += config.offset;
      break;
  }
  return data;
}

std::string dataset_to_csv(const Dataset& data) {
  std::string out;
  const Eigen::Index d = data.x_train.rows();
  for (Eigen::Index k = 0; k < d; ++k) out += "x" + std::to_string(k + 1) + ",";
  out += "y,split\n";
  auto write = [&](const Matrix& x, const Matrix& y, const char* split) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      for (Eigen::Index k = 0; k < d; ++k) out += format_number(x(k, j)) + ",";
      out += format_number(y(0, j));
      out += ",";
      out += split;
      out += "\n";
    }
  };
  write(data.x_train, data.y_train, "train");
  write(data.x_test, data.y_test, "test");
  return out;
}

}  // namespace relulab::core
