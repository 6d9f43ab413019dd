// limits.h — every range the core accepts, in one place: the config codec (URL, lesson files, CLI), the
// Session's clamping, check_config(), the command parser and the UI's sliders all read these names. Only
// constants: no parsing, no clamping code (fields.h reads values against a Range).
#pragma once

#include <cstddef>

namespace relulab::core {

// A closed range of accepted values; `whole` when only whole numbers are.
struct Range {
  double lo;
  double hi;
  bool whole = false;
};

// Network shape.
inline constexpr int kMaxHiddenLayers = 8;
inline constexpr int kMaxLayerWidth = 64;

// Data sets.
inline constexpr int kMinDataSize = 4;
inline constexpr int kMaxDataSize = 200000;
inline constexpr int kMaxDataDim = 16;

// Learning rate: the codec (what a person may type) accepts [kMinLearningRate, kMaxCodecLearningRate]; the
// Session clamps lr and kick factors into [0, kMaxLearningRate] so a programmatic config never breaks it.
inline constexpr double kMinLearningRate = 1e-5;
inline constexpr double kMaxCodecLearningRate = 10;
inline constexpr double kMaxLearningRate = 1e12;
inline constexpr double kMaxWeightDecay = 1e6;

// Rewind history.
inline constexpr int kMaxHistoryMegabytes = 1024;
inline constexpr std::size_t kMaxHistoryBytes = std::size_t{1} << 30;

// What the settings codec accepts (the URL, lesson files, the CLI, the Scene… panel): key -> range.
inline constexpr Range kSizeRange{kMinDataSize, kMaxDataSize, true};
inline constexpr Range kNoiseRange{0, 1};
inline constexpr Range kDimRange{1, kMaxDataDim, true};
inline constexpr Range kOffsetRange{-100, 100};
inline constexpr Range kTestFractionRange{0, 0.9};
inline constexpr Range kLayerWidthRange{1, kMaxLayerWidth, true};
inline constexpr Range kBiasRange{-10, 10};
inline constexpr Range kLearningRateRange{kMinLearningRate, kMaxCodecLearningRate};
inline constexpr Range kMomentumRange{0, 0.999};
inline constexpr Range kWeightDecayRange{0, 1};
inline constexpr Range kClipRange{0, 1000};
inline constexpr Range kBatchRange{0, kMaxDataSize, true};
inline constexpr Range kSeedRange{0, 4294967295.0, true};
inline constexpr Range kHistoryMegabytesRange{1, kMaxHistoryMegabytes};

// Commands from the page.
inline constexpr int kMaxStepsPerCommand = 100000;
inline constexpr int kMaxStepsPerFrame = 1000;
inline constexpr std::size_t kMaxCommandBytes = 4096;
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{32} << 20;  // a learner's CSV file
inline constexpr Range kKickFactorRange{0, 1e6};
inline constexpr Range kKnockMarginRange{-10, 10};

// Twins a session may fork into.
inline constexpr int kMaxTwins = 4;

}  // namespace relulab::core
