// lesson_check.cpp — the headless verification: per seed (every variant it needs, probes, sentences), the
// verdict over seeds, and the one JSON form of a LessonCheck.
#include "core/lesson_check.h"

#include <cmath>
#include <set>

#include "core/activations.h"
#include "core/lesson_probe.h"
#include "core/lesson_text.h"

namespace relulab::core {

namespace {

using namespace lesson_detail;

bool within_bounds(const Expectation& e, double v) {
  if (!std::isfinite(v) && (e.measure == Measure::Loss || e.measure == Measure::TestAccuracy)) return false;
  if (e.min && !(v >= *e.min)) return false;
  if (e.max && !(v <= *e.max)) return false;
  return true;
}

}  // namespace

SeedResult check_lesson_seed(const Lesson& lesson, std::uint64_t seed) {
  SeedResult result;
  result.seed = seed;
  if (!lesson.check) {
    result.sentence = "seed " + std::to_string(seed) + ": the lesson has no check";
    return result;
  }
  // A scene the core cannot build here (a real data set whose file is missing) fails with that sentence, rather
  // than being checked on the data a session would fall back to.
  if (std::string problem = check_config(lesson_config(lesson)); !problem.empty()) {
    result.sentence = "seed " + std::to_string(seed) + " failed: " + problem;
    return result;
  }
  const LessonCheckSpec& spec = *lesson.check;
  // Two probes per expectation (its own, and its reference when it compares).
  std::vector<Probe> own, reference;
  own.reserve(spec.expect.size());
  reference.reserve(spec.expect.size());
  for (const Expectation& e : spec.expect) {
    own.push_back(make_probe(e, e.twin, e.layer, spec.steps));
    reference.push_back(make_probe(e, e.reference_twin, e.reference_layer, spec.steps));
    if (e.reference_at >= 0) reference.back().at = e.reference_at;
  }
  std::set<std::string> variants;
  for (const Expectation& e : spec.expect) {
    variants.insert(e.variant);
    if (e.bound != Bound::None) variants.insert(e.reference_variant);
  }
  for (const std::string& variant : variants) {
    std::vector<Probe*> probes;
    for (std::size_t i = 0; i < spec.expect.size(); ++i) {
      if (spec.expect[i].variant == variant) probes.push_back(&own[i]);
      if (spec.expect[i].bound != Bound::None && spec.expect[i].reference_variant == variant) probes.push_back(&reference[i]);
    }
    run_probes(lesson, variant, seed, probes);
  }

  result.passed = true;
  std::string held, failed;
  for (std::size_t i = 0; i < spec.expect.size(); ++i) {
    const Expectation& e = spec.expect[i];
    const Probe& p = own[i];
    ExpectationResult r;
    r.counted_over_seeds = e.seeds_at_least || e.seeds_at_most;
    const std::int64_t shown_at = p.at;
    r.subject = subject(e, e.variant, p.twins.empty() ? twin_word("", e.twin.empty() ? "0" : e.twin)
                                                      : twin_word(p.twins.front().label, e.twin),
                        e.layer, e.units);
    if (!p.error.empty() || p.twins.empty()) {
      r.passed = false;
      r.sentence = subject(e, e.variant, twin_word("", e.twin.empty() ? "0" : e.twin), e.layer, e.units) + ": " +
                   (p.error.empty() ? "not measured" : p.error);
    } else {
      r.passed = true;
      std::string parts;
      for (const Probe::Twin& twin : p.twins) {
        bool ok = within_bounds(e, twin.value);
        std::string comparison;
        if (e.bound != Bound::None) {
          const Probe& q = reference[i];
          if (!q.error.empty() || q.twins.empty()) {
            ok = false;
            comparison = "the reference was not measured: " + (q.error.empty() ? std::string("no value") : q.error);
          } else {
            const double ref = q.twins.front().value;
            ok = ok && (e.bound == Bound::MoreThan ? twin.value > ref : twin.value < ref);
            comparison = std::string(e.bound == Bound::MoreThan ? "more than " : "less than ") +
                         subject(e, e.reference_variant, q.twins.front().label, e.reference_layer, e.units) + "'s " +
                         short_number(ref) + (q.at != p.at && !is_window_measure(e.measure) ? " at step " + std::to_string(q.at) : "");
          }
        }
        std::string needed = needed_text(e);
        if (!comparison.empty()) needed = needed.empty() ? comparison : needed + " and " + comparison;
        const std::string sentence = subject(e, e.variant, twin.label, e.layer, e.units) + ": " +
                                     measure_text(e, twin.value, twin.base, shown_at, p.from, p.to) + " (needed " +
                                     needed + ")";
        parts += (parts.empty() ? "" : "; ") + sentence;
        if (&twin == &p.twins.front() || (!ok && r.passed)) r.value = twin.value;  // the first, or the first failing
        r.passed = r.passed && ok;
      }
      r.sentence = parts;
    }
    if (!r.counted_over_seeds) {
      result.passed = result.passed && r.passed;
      (r.passed ? held : failed) += ((r.passed ? held : failed).empty() ? "" : "; ") + r.sentence;
    }
    result.expectations.push_back(std::move(r));
  }
  const std::string name = "seed " + std::to_string(seed);
  if (result.passed) {
    result.sentence = name + " passed: " + (held.empty() ? std::string("no per-seed expectations") : held);
  } else {
    result.sentence = name + " failed: " + failed + (held.empty() ? "" : "; held: " + held);
  }
  return result;
}

LessonCheck combine_seed_results(const Lesson& lesson, std::vector<SeedResult> seeds) {
  LessonCheck check;
  check.lesson = lesson.id;
  check.seeds = std::move(seeds);
  if (!lesson.check) {
    check.summary = lesson.id + ": the lesson has no check";
    return check;
  }
  const LessonCheckSpec& spec = *lesson.check;
  const double scale = spec.seeds.empty() ? 1.0
                                          : static_cast<double>(check.seeds.size()) / static_cast<double>(spec.seeds.size());
  for (const SeedResult& seed : check.seeds) check.passed_seeds += seed.passed;
  check.required_seeds = static_cast<int>(std::ceil(spec.min_seeds * scale - 1e-9));
  bool over_ok = true;
  std::string over_text;
  for (std::size_t i = 0; i < spec.expect.size(); ++i) {
    const Expectation& e = spec.expect[i];
    if (!e.seeds_at_least && !e.seeds_at_most) continue;
    int held = 0;
    std::string example;
    for (const SeedResult& seed : check.seeds) {
      if (i < seed.expectations.size() && seed.expectations[i].passed) {
        ++held;
        if (example.empty()) example = seed.expectations[i].sentence;
      }
    }
    ExpectationResult r;
    r.counted_over_seeds = true;
    r.value = held;
    r.passed = true;
    std::string needed;
    if (e.seeds_at_least) {
      const int least = static_cast<int>(std::ceil(*e.seeds_at_least * scale - 1e-9));
      r.passed = r.passed && held >= least;
      needed = "at least " + std::to_string(least);
    }
    if (e.seeds_at_most) {
      const int most = static_cast<int>(std::floor(*e.seeds_at_most * scale + 1e-9));
      r.passed = r.passed && held <= most;
      needed += (needed.empty() ? "" : " and ") + std::string("at most ") + std::to_string(most);
    }
    std::string measured = subject(e, e.variant, e.twin.empty() ? "twin 0" : e.twin, e.layer, e.units);
    if (!check.seeds.empty() && i < check.seeds.front().expectations.size()) {
      measured = check.seeds.front().expectations[i].subject;
    }
    std::string bound = needed_text(e);
    if (e.bound != Bound::None) {
      const std::string reference = subject(e, e.reference_variant, e.reference_twin.empty() ? "twin 0" : e.reference_twin,
                                            e.reference_layer, e.units);
      bound += (bound.empty() ? "" : " and ") +
               std::string(e.bound == Bound::MoreThan ? "more than " : "less than ") + reference + "'s";
    }
    const std::int64_t step = is_window_measure(e.measure) ? (e.to < 0 ? spec.steps : e.to) : (e.at < 0 ? spec.steps : e.at);
    const std::string condition = measured + ": " + measure_words(e.measure) + " " + bound + " at step " + std::to_string(step);
    r.sentence = e.say.empty() ? condition + " held in " + std::to_string(held) + " of " +
                                     std::to_string(check.seeds.size()) + " seeds (needed " + needed + ")"
                               : e.say + " in " + std::to_string(held) + " of " + std::to_string(check.seeds.size()) +
                                     " runs (the lesson claims " + needed + "; " + condition + ")";
    over_ok = over_ok && r.passed;
    over_text += "; " + r.sentence;
    check.over_seeds.push_back(std::move(r));
  }
  check.passed = check.passed_seeds >= check.required_seeds && over_ok && !check.seeds.empty();
  check.summary = lesson.id + ": " + std::to_string(check.passed_seeds) + " of " + std::to_string(check.seeds.size()) +
                  " seeds passed (" + std::to_string(check.required_seeds) + " required)" + over_text +
                  (check.passed ? " - PASS" : " - FAIL");
  return check;
}

LessonCheck check_lesson(const Lesson& lesson, const std::vector<std::uint64_t>& seeds) {
  std::vector<SeedResult> results;
  if (lesson.check) {
    for (std::uint64_t seed : seeds.empty() ? lesson.check->seeds : seeds) {
      results.push_back(check_lesson_seed(lesson, seed));
    }
  }
  return combine_seed_results(lesson, std::move(results));
}

JsonValue lesson_check_json(const LessonCheck& check) {
  JsonValue o = JsonValue::object();
  o.set("lesson", JsonValue::string(check.lesson));
  o.set("passed", JsonValue::boolean(check.passed));
  o.set("passed_seeds", JsonValue::number(check.passed_seeds));
  o.set("required_seeds", JsonValue::number(check.required_seeds));
  o.set("summary", JsonValue::string(check.summary));
  JsonValue seeds = JsonValue::array();
  for (const SeedResult& seed : check.seeds) {
    JsonValue s = JsonValue::object();
    s.set("seed", JsonValue::number(static_cast<double>(seed.seed)));
    s.set("passed", JsonValue::boolean(seed.passed));
    s.set("sentence", JsonValue::string(seed.sentence));
    seeds.push(std::move(s));
  }
  o.set("seeds", std::move(seeds));
  JsonValue over = JsonValue::array();
  for (const ExpectationResult& e : check.over_seeds) {
    JsonValue r = JsonValue::object();
    r.set("passed", JsonValue::boolean(e.passed));
    r.set("value", JsonValue::number(e.value));
    r.set("sentence", JsonValue::string(e.sentence));
    over.push(std::move(r));
  }
  o.set("over_seeds", std::move(over));
  return o;
}

}  // namespace relulab::core
