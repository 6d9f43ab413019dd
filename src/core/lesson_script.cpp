// lesson_script.cpp — applying scripted events, LessonScript's bookkeeping and the one driver advance_script().
#include "core/lesson_script.h"

#include <algorithm>
#include <type_traits>
#include <variant>

namespace relulab::core {

bool apply_event(Session& session, const ScriptedEvent& event) {
  return std::visit(
      [&](const auto& command) -> bool {
        using T = std::decay_t<decltype(command)>;
        if constexpr (std::is_same_v<T, KickCommand>) {
          session.kick(command.factor, command.batch);
          return true;
        } else if constexpr (std::is_same_v<T, KnockCommand>) {
          session.knock(command);
          return true;
        } else if constexpr (std::is_same_v<T, ForkCommand>) {
          session.fork(command.activations);
          return true;
        } else if constexpr (std::is_same_v<T, ReinitDeadCommand>) {
          session.reinit_dead();
          return true;
        } else {
          return false;
        }
      },
      event.command);
}

LessonScript::LessonScript(std::vector<ScriptedEvent> events) : events_(std::move(events)) {
  std::stable_sort(events_.begin(), events_.end(),
                   [](const ScriptedEvent& a, const ScriptedEvent& b) { return a.at < b.at; });
  fired_at_.assign(events_.size(), -1);
}

const ScriptedEvent* LessonScript::peek_due(const Session& session) const {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] >= 0) continue;
    return events_[i].at <= session.step_count() ? &events_[i] : nullptr;
  }
  return nullptr;
}

bool LessonScript::fire_next(Session& session, std::vector<ScriptedEvent>* fired) {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] >= 0) continue;
    if (events_[i].at > session.step_count()) return false;
    apply_event(session, events_[i]);
    fired_at_[i] = session.step_count();
    if (fired) fired->push_back(events_[i]);
    return true;
  }
  return false;
}

int LessonScript::fire_due(Session& session, std::vector<ScriptedEvent>* fired) {
  int count = 0;
  while (fire_next(session, fired)) ++count;
  return count;
}

std::int64_t LessonScript::advance(Session& session, std::int64_t steps, std::vector<ScriptedEvent>* fired) {
  ScriptObserver observer;
  if (fired) observer.after_event = [fired](const Session&, const ScriptedEvent& event) { fired->push_back(event); };
  return advance_script(session, *this, steps, observer);
}

std::int64_t LessonScript::next_at() const {
  for (std::size_t i = 0; i < events_.size(); ++i) {
    if (fired_at_[i] < 0) return events_[i].at;
  }
  return -1;
}

void LessonScript::rewound(std::int64_t step) {
  for (std::int64_t& at : fired_at_) {
    if (at > step) at = -1;
  }
}

void LessonScript::restart() { std::fill(fired_at_.begin(), fired_at_.end(), -1); }

std::int64_t advance_script(Session& session, LessonScript& script, std::int64_t steps,
                            const ScriptObserver& observer) {
  const std::int64_t start = session.step_count();
  const std::int64_t target = start + std::max<std::int64_t>(0, steps);
  const bool every_step = observer.after_step || observer.settled;
  while (true) {
    bool paused = false, refused = false;
    int fired = 0;
    while (const ScriptedEvent* due = script.peek_due(session)) {
      if (observer.before_event && !observer.before_event(session, *due)) {
        refused = true;
        break;
      }
      const ScriptedEvent& event = *due;  // stays valid: the script's list does not change
      paused = paused || std::holds_alternative<PauseCommand>(event.command);
      script.fire_next(session);
      ++fired;
      if (observer.after_event) observer.after_event(session, event);
    }
    if (observer.settled) observer.settled(session, fired);
    if (refused || paused || session.step_count() >= target) break;
    std::int64_t n = target - session.step_count();
    const std::int64_t next = script.next_at();
    if (next > session.step_count()) n = std::min(n, next - session.step_count());
    n = every_step ? 1 : std::min<std::int64_t>(n, kMaxStepsPerCommand);
    session.step(static_cast<int>(n));
    if (observer.after_step) observer.after_step(session);
  }
  return session.step_count() - start;
}

}  // namespace relulab::core
