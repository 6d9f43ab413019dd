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

namespace {
// `to` becomes the points (or events) of `from` up to `step`; copy-assignment reuses `to`'s buffers.
template <class T>
void assign_up_to(std::vector<T>& to, const std::vector<T>& from, std::int64_t step) {
  const auto end = std::find_if(from.begin(), from.end(), [step](const T& item) { return item.step > step; });
  to.assign(from.begin(), end);
}
}  // namespace

// The first rewind from the live state records that state and keeps copies of the timelines and events, so
// later rewinds (a drag previews every step under the pointer) and back_to_live() can reach any step up to
// it. If the live state cannot be recorded (a record larger than the whole cap) the future is dropped as it
// always was.
bool SessionImpl::rewind(std::int64_t target) {
  if (has_future() && target >= future.live_step) return back_to_live();
  const int found = history.find_at_or_before(target);
  if (found < 0) return false;
  if (!has_future() && history.record(found).step < step) {
    record_history();
    if (!history.empty() && history.newest().step == step) {
      future.live_step = step;
      future.timelines.resize(twins.size());
      for (std::size_t t = 0; t < twins.size(); ++t) future.timelines[t] = twins[t].timeline;
      future.events = events;
    }
  }
  const int index = history.find_at_or_before(target);
  if (index < 0) {  // recording the live state evicted the only older record
    future = Future{};
    return false;
  }
  if (!has_future()) history.truncate_after(index);
  restore(history.record(index));
  if (has_future()) {
    for (std::size_t t = 0; t < twins.size(); ++t)
      assign_up_to(twins[t].timeline, future.timelines[std::min(t, future.timelines.size() - 1)], step);
    assign_up_to(events, future.events, step);
  } else {
    for (Twin& twin : twins) {
      while (!twin.timeline.empty() && twin.timeline.back().step > step) {
        twin.spare_points.push_back(std::move(twin.timeline.back().dead_fraction));
        twin.timeline.pop_back();
      }
    }
    while (!events.empty() && events.back().step > step) events.pop_back();
  }
  add_event(EventKind::Rewind, -1, -1, -1, narrate_rewind(step));
  return true;
}

// Restores the state recorded when the first rewind left it, with its timelines and events.
bool SessionImpl::back_to_live() {
  if (!has_future()) return false;
  const int index = history.find_at_or_before(future.live_step);
  if (index < 0 || history.record(index).step != future.live_step) {  // cannot happen: nothing records while rewound
    drop_future();
    return false;
  }
  restore(history.record(index));
  for (std::size_t t = 0; t < twins.size(); ++t) twins[t].timeline = future.timelines[std::min(t, future.timelines.size() - 1)];
  events = std::move(future.events);
  future = Future{};
  add_event(EventKind::Rewind, -1, -1, -1, narrate_back_to_live(step));
  return true;
}

void SessionImpl::drop_future() {
  if (!has_future()) return;
  history.truncate_after(history.find_at_or_before(step));
  future = Future{};
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
