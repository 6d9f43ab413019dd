// limits.h — every range the core accepts, in one place: the config codec (URL, lesson files, CLI), the
// Session's clamping, check_config() and the command parser all read these names. Only constants: no
// parsing, no clamping code.
#pragma once

#include <cstddef>

namespace relulab::core {

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

// Commands from the page.
inline constexpr int kMaxStepsPerCommand = 100000;
inline constexpr int kMaxStepsPerFrame = 1000;
inline constexpr std::size_t kMaxCommandBytes = 4096;
inline constexpr std::size_t kMaxDataFileBytes = std::size_t{32} << 20;  // a learner's CSV file

// Twins a session may fork into.
inline constexpr int kMaxTwins = 4;

}  // namespace relulab::core
