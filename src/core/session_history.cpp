// session_history.cpp — recording the session into the rewind ring (history.h) and restoring from it; the
// record layout is Twin::visit (twin.h) plus SessionImpl::visit_session.
#include "core/session_impl.h"

namespace relulab::core {

// -----------------------------------------------------------------------------------------------------------
// [SECTION] History: record, rewind
// -----------------------------------------------------------------------------------------------------------

// Records the current state; a record of the same step (before a knock, fork, ...) is replaced.
void SessionImpl::record_history() {
  if (!history.empty() && history.newest().step == step) history.pop_newest();
  SizeSink size;
  visit_session(size);
  for (Twin& twin : twins) twin.visit(size);
  unsigned char* out = history.push(step, topology_, size.bytes);
  if (out == nullptr) return;
  WriteSink writer{out};
  visit_session(writer);
  for (Twin& twin : twins) twin.visit(writer);
}

void SessionImpl::restore(const HistoryRing::Record& record) {
  if (record.topology != topology_) {
    const auto& topology = at(topologies_, record.topology);
    std::vector<Twin> rebuilt;
    for (std::size_t t = 0; t < topology.size(); ++t) {
      Twin twin = make_twin(topology[t], static_cast<int>(t));
      if (t < twins.size()) {
        twin.timeline = std::move(twins[t].timeline);
        twin.timeline_stride = twins[t].timeline_stride;
      } else {
        twin.timeline = twins.front().timeline;
        twin.timeline_stride = twins.front().timeline_stride;
      }
      prepare_spares(twin);
      rebuilt.push_back(std::move(twin));
    }
    twins = std::move(rebuilt);
    topology_ = record.topology;
  }
  ReadSink reader{history.data(record)};
  visit_session(reader);
  for (Twin& twin : twins) twin.visit(reader);
  order_epoch_ = -1;  // regenerate the epoch's permutation
  for (int t = 0; t < static_cast<int>(twins.size()); ++t) {
    Twin& twin = at(twins, t);
    twin.measured = true;
    twin.gradient_cached = false;
    twin.weights_dirty = true;
    if (!twin.census.diverged) {
      twin.census.diverged_reason.clear();
    } else if (twin.census.diverged_reason.empty()) {
      twin.census.diverged_reason = "diverged before step " + std::to_string(step);
    }
    refresh_census(t);
  }
}

bool SessionImpl::rewind(std::int64_t target) {
  const int index = history.find_at_or_before(target);
  if (index < 0) return false;
  history.truncate_after(index);
  restore(history.newest());
  for (Twin& twin : twins) {
    while (!twin.timeline.empty() && twin.timeline.back().step > step) {
      twin.spare_points.push_back(std::move(twin.timeline.back().dead_fraction));
      twin.timeline.pop_back();
    }
  }
  while (!events.empty() && events.back().step > step) events.pop_back();
  add_event(EventKind::Rewind, -1, -1, -1, narrate_rewind(step));
  return true;
}

const std::vector<LayerWeights>& SessionImpl::weights(int index) {
  Twin& twin = at(twins, index);
  if (twin.weights_dirty) {
    export_layers(twin.net, twin.params, twin.weights);
    twin.weights_dirty = false;
  }
  return twin.weights;
}

}  // namespace relulab::core
