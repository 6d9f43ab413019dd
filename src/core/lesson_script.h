// lesson_script.h — scripted events at run time: LessonScript keeps which of a lesson's events have fired, and
// advance_script() is THE one driver that steps a Session through them (the lab, `relulab run`, `relulab lessons
// check` and the app's restart all go through it). Hooks let a caller watch before/after each event and after
// each step. Does not parse lessons (lesson_file.h) and does not judge them (lesson_check.h); UI-only events
// (pause, select, speed) are handed back to the caller, never acted on here (except that a pause ends an advance).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/lesson_file.h"

namespace relulab::core {

// Applies one event's command to the session if it is a core command; returns false for UI-only commands.
bool apply_event(Session& session, const ScriptedEvent& event);

class LessonScript {
 public:
  LessonScript() = default;
  explicit LessonScript(std::vector<ScriptedEvent> events);

  // Fires every unfired event whose step has come (at <= step count), in order. Events that fired are
  // appended to `fired` (the app narrates them and acts on pause/select/speed). Call once after creating the
  // session so that events at step 0 apply. Returns how many fired.
  int fire_due(Session& session, std::vector<ScriptedEvent>* fired = nullptr);
  // The next unfired event if it is due now, else nullptr; fire_next() fires just that one.
  const ScriptedEvent* peek_due(const Session& session) const;
  bool fire_next(Session& session, std::vector<ScriptedEvent>* fired = nullptr);

  // advance_script() with an observer that only collects the events that fired (kept for the app).
  std::int64_t advance(Session& session, std::int64_t steps, std::vector<ScriptedEvent>* fired = nullptr);

  std::int64_t next_at() const;                  // step of the next unfired event; -1 when none is left
  bool done() const { return next_at() < 0; }
  void rewound(std::int64_t step);               // after Session::rewind: events that fired after `step` re-arm
  void restart();                                // after a reset: every event re-arms
  const std::vector<ScriptedEvent>& events() const { return events_; }

 private:
  std::vector<ScriptedEvent> events_;
  std::vector<std::int64_t> fired_at_;           // step count right after the event fired; -1 = not yet
};

// What a caller of advance_script() may watch; every hook is optional.
struct ScriptObserver {
  // Before a due event fires, the session as it is. Returning false stops the advance here: the event stays
  // unfired (and due). E.g. the CLI refuses a kick at the last step of its run.
  std::function<bool(const Session&, const ScriptedEvent&)> before_event;
  // Right after an event fired (a kick has taken its step; twins of a fork exist).
  std::function<void(const Session&, const ScriptedEvent&)> after_event;
  // Right after each training step, before the events due at the new step count fire.
  std::function<void(const Session&)> after_step;
  // Once the events due at the current step count have fired (`fired` of them, maybe 0), before the next
  // step: at the start of the advance and after every step.
  std::function<void(const Session&, int fired)> settled;
};

// THE lesson driver. Advances `session` by `steps` steps (a kick counts as one), firing the script's events as
// their steps come (events due at the start and at the final step fire too). Stops early right after a
// scripted pause (the caller resumes with another call), or when before_event refuses. With after_step or
// settled set it takes one step at a time so the hooks see every step; else it steps in chunks up to the next
// event. Returns the steps taken.
std::int64_t advance_script(Session& session, LessonScript& script, std::int64_t steps,
                            const ScriptObserver& observer = {});

}  // namespace relulab::core
