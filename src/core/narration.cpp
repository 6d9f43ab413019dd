// narration.cpp — event sentences (see narration.h).
#include "core/narration.h"

#include <cctype>
#include <map>
#include <utility>

#include "core/activations.h"

namespace relulab::core {

std::string unit_label(int layer, int unit) {
  return "unit " + std::to_string(layer + 1) + "." + std::to_string(unit + 1);
}

namespace {
std::string active_ratio(int active_count, Eigen::Index points) {
  return std::to_string(active_count) + "/" + std::to_string(points) + " active";
}
}  // namespace

std::string narrate_death(const std::string& prefix, int layer, int unit, bool dead, std::int64_t step,
                          int active_count, Eigen::Index points) {
  const std::string ratio = active_ratio(active_count, points);
  std::string text = prefix + unit_label(layer, unit);
  if (step == 0) {
    text += dead ? " is dead at initialization (" + ratio + ")"
                 : " is inactive at initialization (" + ratio + ", still learning)";
  } else {
    text += dead ? " died at step " + std::to_string(step) + " (" + ratio + ")"
                 : " went inactive at step " + std::to_string(step) + " (" + ratio + ", still learning)";
  }
  return text;
}

std::string narrate_revival(const std::string& prefix, int layer, int unit, std::int64_t step, int active_count,
                            Eigen::Index points, std::int64_t died_at) {
  return prefix + unit_label(layer, unit) + " revived at step " + std::to_string(step) + " (" +
         active_ratio(active_count, points) + "; off the data since step " + std::to_string(died_at) + ")";
}

std::string narrate_divergence(const std::string& prefix, const std::string& reason) {
  return prefix + "training stopped: " + reason;
}

std::string narrate_knock(const std::string& prefix, int unit, Scalar margin, std::int64_t step) {
  return prefix + "knocked " + unit_label(0, unit) + " to " + format_number(margin) +
         " |w| past the data at step " + std::to_string(step);
}

std::string narrate_kick(Scalar factor, KickBatch batch, std::int64_t step) {
  return "kick x" + format_number(factor) + (batch == KickBatch::Outlier ? " on an outlier batch" : "") +
         " at step " + std::to_string(step);
}

std::string narrate_kick_missed(const std::string& prefix, int layer, int unit, int active_count, Eigen::Index points,
                                Scalar factor, KickBatch batch) {
  std::string advice;
  if (batch == KickBatch::Current) {
    advice = "try the outlier batch (wrong targets, a far larger gradient)" +
             (factor < 20 ? std::string(" at x20") : std::string());
  } else {
    Scalar next = 0;
    for (Scalar candidate : {20.0, 50.0, 100.0, 200.0, 500.0})
      if (candidate > factor) { next = candidate; break; }
    advice = next > 0 ? "try x" + format_number(next) : std::string("knock a unit off the data instead");
  }
  return " \xE2\x80\x94 no unit left the data: the closest, " + prefix + unit_label(layer, unit) + ", still has z > 0 on " +
         std::to_string(active_count) + " of " + std::to_string(points) + " points; " + advice;
}

std::string narrate_fork(std::size_t twins, std::int64_t step, const std::string& names) {
  return "forked " + std::to_string(twins) + " twins at step " + std::to_string(step) + ": " + names;
}

std::string narrate_reinit(int units, std::int64_t step) {
  return "re-initialized " + std::to_string(units) + " unit" + (units == 1 ? "" : "s") + " with k = 0 at step " +
         std::to_string(step);
}

std::string narrate_rewind(std::int64_t step) { return "rewound to step " + std::to_string(step); }
std::string narrate_back_to_live(std::int64_t step) { return "back to step " + std::to_string(step) + ", where training was"; }

namespace {

// The "[relu] " a sentence starts with when several twins run, else "".
std::string prefix_of(const std::string& text) {
  if (text.empty() || text[0] != '[') return "";
  const size_t close = text.find("] ");
  return close == std::string::npos ? "" : text.substr(0, close + 2);
}

// What a Death, Revival event says happened, as a plural verb phrase: the sentences above are the only
// source of these words, so they are read back here rather than kept twice.
std::string plural_verb(const Event& e) {
  if (e.kind == EventKind::Revival) return "revived";
  const bool dead = e.text.find(" died at ") != std::string::npos || e.text.find(" is dead at ") != std::string::npos;
  if (e.step == 0) return dead ? "are dead at initialization" : "are inactive at initialization";
  return dead ? "died" : "went inactive";
}

std::string narrate_step(const std::vector<const Event*>& events) {
  if (events.size() == 1) return events.front()->text;
  // groups of unit events in order of first appearance: (prefix + verb) -> unit labels
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  std::map<std::string, size_t> group_of;
  std::vector<std::string> parts;  // "#<group index>" placeholders keep the order of first appearance
  for (const Event* e : events) {
    if ((e->kind == EventKind::Death || e->kind == EventKind::Revival) && e->layer >= 0 && e->unit >= 0) {
      const std::string prefix = prefix_of(e->text);
      const std::string key = prefix + '\n' + plural_verb(*e);
      auto found = group_of.find(key);
      if (found == group_of.end()) {
        found = group_of.emplace(key, groups.size()).first;
        groups.push_back({key, {}});
        parts.push_back("#" + std::to_string(found->second));
      }
      groups[found->second].second.push_back(std::to_string(e->layer + 1) + "." + std::to_string(e->unit + 1));
    } else {  // its own sentence, without the "at step N" the group already says
      std::string text = e->text;
      const std::string at = " at step " + std::to_string(e->step);
      const size_t found = text.find(at);
      if (found != std::string::npos && (found + at.size() == text.size() || !std::isdigit(static_cast<unsigned char>(text[found + at.size()]))))
        text.erase(found, at.size());
      parts.push_back(text);
    }
  }
  std::string text = "step " + std::to_string(events.front()->step) + ": ";
  bool first = true;
  size_t next_group = 0;
  for (const std::string& part : parts) {
    text += first ? "" : "; ";
    first = false;
    if (part.empty() || part[0] != '#') {
      text += part;
      continue;
    }
    const auto& [key, units] = groups[next_group++];
    const size_t newline = key.find('\n');
    const std::string prefix = key.substr(0, newline), verb = key.substr(newline + 1);
    if (units.size() == 1) {
      text += prefix + "unit " + units.front() + " " + (verb.rfind("are ", 0) == 0 ? "is " + verb.substr(4) : verb);
      continue;
    }
    text += prefix + std::to_string(units.size()) + " units " + verb + " \u2014 ";
    for (size_t i = 0; i < units.size(); ++i) text += (i ? ", " : "") + units[i];
  }
  return text;
}

}  // namespace

// Sentences joined into one text: ". " between them, or a space after one that ends in its own stop.
void append_sentence(std::string& text, const std::string& sentence) {
  if (sentence.empty()) return;
  if (!text.empty()) text += (text.back() == '.' || text.back() == '?' || text.back() == '!') ? " " : ". ";
  text += sentence;
}

std::string narrate_batch(const std::vector<Event>& events) {
  std::string text;
  size_t steps = 0, left_out = 0;
  for (size_t i = 0; i < events.size();) {
    size_t end = i;
    std::vector<const Event*> step;
    while (end < events.size() && events[end].step == events[i].step) step.push_back(&events[end++]);
    if (steps < kMaxNarratedSteps) {
      append_sentence(text, narrate_step(step));
      ++steps;
    } else {
      left_out += step.size();
    }
    i = end;
  }
  if (left_out > 0)
    append_sentence(text, "And " + std::to_string(left_out) + " more event" + (left_out == 1 ? "" : "s") + " (see the timeline)");
  return text;
}

}  // namespace relulab::core
