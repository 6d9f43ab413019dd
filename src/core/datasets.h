// datasets.h — the lab's data sets: 2-D classification (circle, xor, gauss, spiral, moons), regression (1-D |x|
// and sin(3x), 2-D plane and bump) and the all-negative data; noise, split, preprocessing, CSV export.
// Shapes: x (d, n), y (1, n) — the class index (0/1) for classification, the target for regression.
// Ranges before preprocessing: 2-D sets lie in about [-1, 1]^2 (plus noise), 1-D sets on [-1, 1].
// Does not train or know about networks.
#pragma once

#include <optional>
#include <string>

#include "core/limits.h"
#include "core/types.h"

namespace relulab::core {


// Generates, shuffles, splits (the first round(size * (1 - test_fraction)) shuffled points train) and
// preprocesses (standardize uses training-set mean and standard deviation for both parts).
// Returns nullopt with a message for out-of-range settings.
std::optional<Dataset> make_dataset(const DataConfig& config, std::uint64_t seed, std::string* error);

// Clamps every field into its valid range (the Session uses this so it never refuses a config).
DataConfig sanitized(const DataConfig& config);

bool is_classification(DataKind kind);
int input_dim(const DataConfig& config);  // a real data set not yet loaded: 0
const char* data_name(DataKind kind);
std::optional<DataKind> parse_data_kind(std::string_view name);

// CSV with a header: x1,...,xd,y,split — one line per point, training points first ("train"/"test").
std::string dataset_to_csv(const Dataset& data);

}  // namespace relulab::core
