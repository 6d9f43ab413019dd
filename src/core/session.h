// session.h — the public face of the training core: the Session that owns the data, the twins and the
// history (the plain types it takes and returns live in types.h, which this header includes).
// Pure C++17 + Eigen: no GL, ImGui or emscripten.
// The app is the only caller that mutates a Session; views read TwinCensus copies (snapshots).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/types.h"

namespace relulab::core {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Session
// ---------------------------------------------------------------------------------------------------------

class SessionImpl;

class Session {
 public:
  explicit Session(const SessionConfig& config);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  const SessionConfig& config() const;
  const Dataset& data() const;
  std::int64_t step_count() const;
  int twin_count() const;                                  // >= 1
  // The census as measured last; only reads. With config().probes (the default) every step and every edit
  // measures it, so it is current. With probes off, steps do not: call measure() (one full-data pass per
  // twin, which may append Death/Revival events) when a current census is needed.
  const TwinCensus& census(int twin) const;
  void measure();                                          // bring every twin's census up to date now
  const std::vector<LayerWeights>& weights(int twin) const;  // hidden layers, then the output layer

  void step(int n = 1);                                    // diverged twins stay frozen
  void kick(Scalar factor, KickBatch batch = KickBatch::Current);  // one step with lr * factor
  // Knocks a first-layer unit: its bias moves so the line passes through command.through (input
  // coordinates), or, without a point, so max z over the training data = -margin*|w|. Bad twin/unit/point:
  // nothing changes (App::check words the refusal).
  void knock(const KnockCommand& command);
  void knock(int twin, int unit, Scalar margin) { knock(KnockCommand(twin, unit, margin)); }
  void fork(const std::vector<Activation>& activations);   // twins = copies of twin 0, one per activation
  int reinit_dead();                                       // re-draw dead units' incoming weights; returns count
  // Restores the recorded state at or before `step`. The steps after it are kept (live_step(),
  // live_timeline()) until step, kick, knock, fork, reinit_dead or set_weights changes the state, which drops
  // them; rewind(live_step()) goes back to where training was.
  bool rewind(std::int64_t step);
  std::int64_t live_step() const;                          // after a rewind, the step training had reached
  const std::vector<TimelinePoint>& live_timeline(int twin) const;  // timeline() plus the kept future
  std::int64_t history_begin() const;                      // oldest step that rewind can reach
  std::size_t history_bytes() const;                       // memory the history uses now (<= config cap)
  const std::vector<TimelinePoint>& timeline(int twin) const;
  const std::vector<Event>& events() const;                // bounded; oldest dropped first
  // How many events were ever added (trimming and rewinds do not lower it): the newest
  // min(events_recorded() - seen, events().size()) events are the ones added since a reader saw `seen`.
  std::uint64_t events_recorded() const;

  // Replaces a twin's weights (shapes must match; the layers' activations are adopted); resets its optimizer.
  // Returns false and fills *error when a shape does not match.
  bool set_weights(int twin, const std::vector<LayerWeights>& layers, std::string* error);
  OutputKind output() const;                               // the output/loss actually used
  std::int64_t history_end() const;                        // newest recorded step (-1: none)

 private:
  std::unique_ptr<SessionImpl> impl_;
};

}  // namespace relulab::core
