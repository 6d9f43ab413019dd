// narration.h — the sentences the timeline shows for each event (Event::text), built in one place from the
// facts the Session records, and the one sentence the lab's narration line and the page's live region say
// for a batch of new events (narrate_batch). Pure string building: no training, no state. The Session calls
// the event sentences when it records an event, never inside the per-twin training arithmetic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"

namespace relulab::core {

std::string unit_label(int layer, int unit);  // "unit 1.3" (layer and unit 0-based)

// Each sentence takes `prefix`: "[relu] " when several twins run, else "".
// Death or inactivity (dead = the unit's state is Dead, else Inactive); step 0 reads "at initialization".
std::string narrate_death(const std::string& prefix, int layer, int unit, bool dead, std::int64_t step,
                          int active_count, Eigen::Index points);
std::string narrate_revival(const std::string& prefix, int layer, int unit, std::int64_t step, int active_count,
                            Eigen::Index points, std::int64_t died_at);
std::string narrate_divergence(const std::string& prefix, const std::string& reason);
std::string narrate_knock(const std::string& prefix, int unit, Scalar margin, std::int64_t step);
std::string narrate_kick(Scalar factor, KickBatch batch, std::int64_t step);
std::string narrate_fork(std::size_t twins, std::int64_t step, const std::string& names);
std::string narrate_reinit(int units, std::int64_t step);
// Appended to a kick's sentence when the kick killed nothing: the unit nearest to leaving the data and what
// stronger kick to try.
std::string narrate_kick_missed(const std::string& prefix, int layer, int unit, int active_count, Eigen::Index points,
                                Scalar factor, KickBatch batch);
std::string narrate_rewind(std::int64_t step);
std::string narrate_back_to_live(std::int64_t step);

// Every event of one batch (what one command or one frame's steps produced), grouped per step: a step with
// one event reads as its sentence; a step with several reads "step 101: 4 units died — 1.4, 1.8, 1.9, 1.13"
// (deaths, inactivity and revivals of one twin gathered, other events as their sentences, joined by "; ").
// Steps are joined by ". ". After kMaxNarratedSteps steps the rest is counted, not listed. "" for none.
constexpr std::size_t kMaxNarratedSteps = 8;
std::string narrate_batch(const std::vector<Event>& events);
// The same joining for the app, which follows a batch with the lesson's own words ("say").
void append_sentence(std::string& text, const std::string& sentence);

}  // namespace relulab::core
