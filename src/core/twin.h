// twin.h — one network copy the Session trains: its parameters, optimizer moments, work buffers, census and
// timeline, and the one description of what a rewind history record holds of it (Twin::visit, read by the
// size, write and read sinks below). Plain data: the training loop that drives a twin lives in session.cpp.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "core/census.h"
#include "core/network.h"
#include "core/optimizers.h"
#include "core/rng.h"
#include "core/types.h"

namespace relulab::core {

// Sinks for Twin::visit: count the bytes of a record, write one, read one back.
struct SizeSink {
  std::size_t bytes = 0;
  template <class T> void pod(T&) { bytes += sizeof(T); }
  void vector(Vector& v) { bytes += static_cast<std::size_t>(v.size()) * sizeof(Scalar); }
};
struct WriteSink {
  unsigned char* out;
  template <class T> void pod(T& value) { std::memcpy(out, &value, sizeof(T)); out += sizeof(T); }
  void vector(Vector& v) {
    const std::size_t bytes = static_cast<std::size_t>(v.size()) * sizeof(Scalar);
    if (bytes > 0) std::memcpy(out, v.data(), bytes);
    out += bytes;
  }
};
struct ReadSink {
  const unsigned char* in;
  template <class T> void pod(T& value) { std::memcpy(&value, in, sizeof(T)); in += sizeof(T); }
  void vector(Vector& v) {
    const std::size_t bytes = static_cast<std::size_t>(v.size()) * sizeof(Scalar);
    if (bytes > 0) std::memcpy(v.data(), in, bytes);
    in += bytes;
  }
};

struct Twin {
  std::vector<Activation> activations;  // per hidden layer
  Network net;
  Vector params, grads, backup, decay_mask;
  OptimizerState optimizer;
  Workspace ws;
  Rng rrelu_rng;
  bool has_rrelu = false;
  bool gradient_cached = false;  // grads and ws hold an Eval pass of `params` over the full training set
  bool census_dirty = true;
  bool measured = false;         // a census was taken since construction (else the next one is "at init")
  TwinCensus census;
  std::vector<UnitTransition> transitions;
  std::vector<LayerWeights> weights;
  bool weights_dirty = true;
  std::vector<TimelinePoint> timeline;
  std::vector<std::vector<Scalar>> spare_points;  // recycled TimelinePoint::dead_fraction buffers
  std::int64_t timeline_stride = 1;

  template <class Sink>
  void visit(Sink& sink) {
    sink.vector(params);
    sink.vector(optimizer.moment1);
    sink.vector(optimizer.moment2);
    sink.pod(optimizer.adam_step);
    for (auto& word : rrelu_rng.state) sink.pod(word);
    sink.pod(census.diverged);
    for (LayerCensus& layer : census.layers) {
      for (UnitCensus& unit : layer.units) {
        sink.pod(unit.active_count);
        sink.pod(unit.died_at);
        sink.pod(unit.revived_at);
      }
    }
  }
};

}  // namespace relulab::core
