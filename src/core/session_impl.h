// session_impl.h — private to the session_*.cpp files: SessionImpl (the state behind Session) and the small
// helpers and limits they share. Not part of the core's API: nothing outside src/core/session*.cpp includes it.
#pragma once

#include "core/session.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/activations.h"
#include "core/census.h"
#include "core/datasets.h"
#include "core/history.h"
#include "core/narration.h"
#include "core/initializers.h"
#include "core/network.h"
#include "core/twin.h"
#include "core/optimizers.h"
#include "core/rng.h"


namespace relulab::core {

namespace {

constexpr std::size_t kMaxEvents = 1000;
constexpr std::size_t kTimelineCapacity = 2048;  // points per twin; when full, every other point is dropped
constexpr Scalar kOutlierShift = 10.0;           // regression outlier batch: targets + 10

template <class T>
T& at(std::vector<T>& v, int i) { return v[static_cast<std::size_t>(i)]; }
template <class T>
const T& at(const std::vector<T>& v, int i) { return v[static_cast<std::size_t>(i)]; }

inline Scalar finite_or(Scalar value, Scalar fallback) { return std::isfinite(value) ? value : fallback; }

inline OutputKind default_output(const Dataset& data) {
  if (!data.classification) return OutputKind::LinearMSE;
  return data.classes > 2 ? OutputKind::SoftmaxCE : OutputKind::SigmoidCE;
}

inline std::string activations_label(const std::vector<Activation>& activations) {
  std::string label;
  for (std::size_t l = 0; l < activations.size(); ++l) {
    const std::string name = to_string(activations[l]);
    if (l > 0 && name == to_string(activations[0])) continue;
    label += (label.empty() ? "" : ",") + name;
  }
  return label;
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------
// [SECTION] SessionImpl
// -----------------------------------------------------------------------------------------------------------

class SessionImpl {
 public:
  explicit SessionImpl(const SessionConfig& config);

  void train_step(Scalar lr_factor, KickBatch batch, bool kicked);
  void kick(Scalar factor, KickBatch batch);
  void knock(const KnockCommand& command);
  void fork(const std::vector<Activation>& activations);
  int reinit_dead();
  bool rewind(std::int64_t step);
  bool back_to_live();
  void drop_future();  // the learner changed something while rewound: the kept future goes (history.h)
  bool set_weights(int twin, const std::vector<LayerWeights>& layers, std::string* error);
  bool refresh_census(int twin);
  void refresh_or_diverge(int twin) {
    if (!refresh_census(twin)) diverge(twin, "loss", 1.0, false);
  }
  void ensure_census(int twin) {
    if (at(twins, twin).census_dirty) refresh_or_diverge(twin);
  }
  const std::vector<LayerWeights>& weights(int twin);
  void diverge(int twin, const std::string& what, Scalar lr_factor, bool kicked);
  int clamp_twin(int twin) const { return std::clamp(twin, 0, static_cast<int>(twins.size()) - 1); }

  SessionConfig config;
  Dataset data;
  OutputKind output = OutputKind::SigmoidCE;
  std::vector<Twin> twins;
  std::int64_t step = 0;
  std::vector<Event> events;
  std::uint64_t events_recorded = 0;  // every event ever added (never decreases; see Session::events_recorded)
  HistoryRing history;
  // After a rewind, the future it kept (session_history.cpp): the step training had reached, every twin's
  // timeline and the events as they were then. live_step < 0: the session is live.
  struct Future {
    std::int64_t live_step = -1;
    std::vector<std::vector<TimelinePoint>> timelines;
    std::vector<Event> events;
  };
  Future future;
  bool has_future() const { return future.live_step >= 0; }

 private:
  Twin make_twin(const std::vector<Activation>& activations, int index) const;
  void init_params(Twin& twin);
  Eigen::Index batch_capacity() const;
  void next_batch(Eigen::Index& count, bool& full);
  void add_event(EventKind kind, int twin, int layer, int unit, std::string text);
  void add_timeline_point(Twin& twin);
  void prepare_spares(Twin& twin) const;
  void record_history();
  void restore(const HistoryRing::Record& record);
  int topology_of_current();
  template <class Sink>
  void visit_session(Sink& sink) {
    sink.pod(step);
    sink.pod(epoch_);
    sink.pod(cursor_);
    for (auto& word : reinit_rng_.state) sink.pod(word);
  }

  // Batches: a permutation of the training set per epoch, derived from (seed, epoch), shared by all twins.
  std::vector<Eigen::Index> order_;
  std::int64_t order_epoch_ = -1, epoch_ = 0;
  Eigen::Index cursor_ = 0;
  Matrix x_batch_, y_batch_, y_outlier_;
  Rng reinit_rng_;
  std::vector<std::vector<std::vector<Activation>>> topologies_;  // per twin, per hidden layer
  int topology_ = 0;
};

}  // namespace relulab::core
