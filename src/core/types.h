// types.h — the plain value types of the training core: configuration structs and their enums, the census
// the views draw, the data set, layer weights, the timeline and its events, and the activation helpers
// that name them. No behaviour beyond naming: Session (session.h) owns and mutates these.
// Pure C++17 + Eigen: no GL, ImGui or emscripten.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

namespace relulab::core {

using Scalar = double;
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Configuration (plain structs; every default is a sensible scene)
// ---------------------------------------------------------------------------------------------------------

enum class ActivationKind { ReLU, Leaky, PReLU, RReLU, ELU, SELU, Tanh, Sigmoid, Linear };

struct Activation {
  ActivationKind kind = ActivationKind::ReLU;
  Scalar alpha = 0.01;          // Leaky slope, PReLU initial slope, ELU alpha
  Scalar lower = 1.0 / 8.0;     // RReLU slope range [lower, upper]
  Scalar upper = 1.0 / 3.0;
};

enum class DataKind {
  Circle, Xor, Gauss, Spiral, Moons, Abs1D, Sin1D, Plane, Bump, NegativeUniform,
  Digits, Iris, Wine, Cancer,  // real data sets, read from files (data_library.h)
  Custom                       // the learner's own CSV file (LoadDataCommand)
};
enum class Preprocess { None, Standardize, Shift };

struct DataConfig {
  DataKind kind = DataKind::Circle;
  int size = 400;               // training + test points (a real data set has its own size)
  Scalar noise = 0.0;
  int dim = 4;                  // only NegativeUniform uses it
  Preprocess preprocess = Preprocess::None;
  Scalar offset = 0.0;          // Preprocess::Shift adds this to every coordinate
  Scalar test_fraction = 0.0;
};

enum class OutputKind { LinearMSE, SigmoidCE, SoftmaxCE };
enum class InitKind {
  HeNormal, HeUniform, GlorotNormal, GlorotUniform, LecunNormal, LecunUniform,
  NegativeUniform,  // weights uniform(-1, 0), the "Is ReLU dead?" experiment
  Playground,       // TensorFlow Playground: weights uniform(-0.5, 0.5), bias 0.1
  RAI               // randomized asymmetric initialization (Lu, Shin, Su & Karniadakis 2020)
};

struct NetConfig {
  std::vector<int> hidden = {6};            // widths of the hidden layers (1..8 layers, 1..64 units)
  std::vector<Activation> activations = {}; // one per hidden layer; empty = ReLU; one entry = all layers
  std::optional<OutputKind> output;         // unset = chosen from the data (regression: LinearMSE)
  InitKind init = InitKind::HeNormal;
  std::optional<Scalar> bias;               // constant bias for every hidden unit (e.g. -1); unset = init's own
};

enum class OptimizerKind { SGD, Momentum, Nesterov, Adam };

struct TrainConfig {
  OptimizerKind optimizer = OptimizerKind::SGD;
  Scalar lr = 0.5;
  Scalar momentum = 0.9;
  Scalar beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  Scalar weight_decay = 0.0;    // L2, added to the gradient
  Scalar clip_norm = 0.0;       // clip by global norm; 0 = off
  int batch_size = 0;           // 0 = full batch
};

struct SessionConfig {
  DataConfig data;
  NetConfig net;
  TrainConfig train;
  std::uint64_t seed = 1;
  std::size_t history_bytes = 16u << 20;  // cap on the memory the rewind history may use
  int history_every = 1;        // record a rewindable state every N steps (and after knock/fork/reinit)
  bool probes = true;           // false: the census is measured only when Session::measure() is called, so
                                // deaths and revivals between two calls are not seen (benchmarks)
};

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Census (what the probes measure on the full training set after every step)
// ---------------------------------------------------------------------------------------------------------

enum class UnitState { Alive, Dead, Inactive, Saturated, Revived };
inline constexpr int kHistogramBins = 32;

struct UnitCensus {
  int active_count = 0;         // k: training points with z > 0
  UnitState state = UnitState::Alive;
  bool permanent = false;       // dead in the first layer: nothing upstream can bring it back
  Scalar z_min = 0, z_max = 0, z_mean = 0;
  std::array<int, kHistogramBins> histogram{};  // counts of z over [LayerCensus::z_lo, z_hi]
  Scalar grad_norm = 0;         // |dL/dW_row, dL/db| of the unit's incoming weights
  Scalar margin = 0;            // max z / |w|: signed distance of the hyperplane past the data
  std::int64_t died_at = -1;    // step at which k last became 0 (-1: never)
  std::int64_t revived_at = -1; // step at which k became > 0 again after dying (-1: never)
};

struct LayerCensus {
  Scalar z_lo = -1, z_hi = 1;   // histogram range shared by the layer's units
  Scalar dead_fraction = 0;     // units with k = 0 / width
  std::vector<UnitCensus> units;
};

// How well a twin fits its data, measured together (the census takes all four or none).
struct Fit {
  Scalar train_loss = 0, test_loss = 0, train_accuracy = 0, test_accuracy = 0;
};

struct TwinCensus : Fit {
  std::string activation;       // e.g. "relu", "leaky:0.1", "elu"
  std::int64_t step = 0;
  bool diverged = false;
  std::string diverged_reason;  // e.g. "non-finite loss at step 12 after a kick x1000"
  std::vector<LayerCensus> layers;
};

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Data and network views for drawing
// ---------------------------------------------------------------------------------------------------------

struct Dataset {
  Matrix x_train, y_train;      // (d, n), (1, n): one column per point; y = class index or regression target
  Matrix x_test, y_test;
  bool classification = true;
  int classes = 2;
  int image_side = 0;           // > 0: each point is an image_side x image_side picture, row by row (digits: 8)
};

struct LayerWeights {
  Matrix w;                     // (out, in)
  Vector b;                     // (out)
  Activation activation;        // Linear for the output layer
  Vector prelu_alpha;           // (out) learned slopes, PReLU only
};

enum class KickBatch { Current, Outlier };

// The census timeline: one point per recorded step (bounded like the history), and the events on it.
struct TimelinePoint {
  std::int64_t step = 0;
  Scalar train_loss = 0;
  std::vector<Scalar> dead_fraction;  // per hidden layer
};

enum class EventKind { Kick, Knock, Fork, Reinit, Death, Revival, Diverged, Rewind };
struct Event {
  std::int64_t step = 0;
  EventKind kind = EventKind::Kick;
  int twin = -1;                // -1: every twin
  int layer = -1, unit = -1;    // Death / Revival / Knock
  std::string text;             // narration, e.g. "unit 1.3 died at step 412 (0/500 active)"
};

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Naming helpers for the types above
// ---------------------------------------------------------------------------------------------------------

std::string to_string(const Activation& activation);      // "relu", "leaky:0.1", "elu:1", ...
std::optional<Activation> parse_activation(std::string_view text, std::string* error);

// An activation with its kind's usual parameters: ELU alpha = 1, Leaky/PReLU 0.01, RReLU [1/8, 1/3].
// (Prefer it to `Activation{ActivationKind::ELU}`, whose alpha would be the Leaky default 0.01.)
Activation activation_of(ActivationKind kind);
const char* to_string(UnitState state);                    // "alive", "dead", "inactive", ...
// Empty when every field is in range, else one line naming the first bad field and its valid range.
// The Session never refuses a config: it clamps each field into range (config() shows what it used).
std::string check_config(const SessionConfig& config);

}  // namespace relulab::core
