// reliability_test.cpp — numeric blow-ups and long runs (issue 8): a learning rate of 10, a kick x1000 or
// x1e6, data shifted far off the origin. The twin that diverges stops with a sentence saying why; the other
// twins keep training; nothing a renderer reads from a stopped twin (census, weights, timeline) is NaN or
// infinite; the history, timeline and event list stay under their caps. Hostile command text gets one-line
// messages. Does not cover the parsers' fuzzing (tests/fuzz) or the browser (tests/e2e).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/commands.h"
#include "core/config_codec.h"
#include "core/session.h"

using namespace relulab::core;

namespace {

SessionConfig scene(const char* query) {
  SessionConfig config;
  const auto errors = apply_query(config, query);
  REQUIRE(errors.empty());
  return config;
}

std::vector<Activation> four_twins() {
  return {activation_of(ActivationKind::ReLU), Activation{ActivationKind::Leaky, 0.1},
          activation_of(ActivationKind::ELU), activation_of(ActivationKind::Tanh)};
}

bool finite(Scalar v) { return std::isfinite(v); }

// What the views read from one twin, all finite. `units` also checks the per-unit census (z, gradient, margin).
void check_drawable(const Session& session, int twin, bool units = true) {
  CAPTURE(twin);
  const TwinCensus& census = session.census(twin);
  CAPTURE(census.activation);
  CHECK(finite(census.train_loss));
  CHECK(finite(census.test_loss));
  CHECK(finite(census.train_accuracy));
  for (const LayerCensus& layer : census.layers) {
    CHECK(finite(layer.z_lo));
    CHECK(finite(layer.z_hi));
    CHECK(finite(layer.dead_fraction));
    if (!units) continue;
    for (const UnitCensus& unit : layer.units) {
      CHECK(finite(unit.z_min));
      CHECK(finite(unit.z_max));
      CHECK(finite(unit.z_mean));
      CHECK(finite(unit.grad_norm));
      CHECK(finite(unit.margin));
    }
  }
  for (const LayerWeights& layer : session.weights(twin)) {
    CHECK(layer.w.allFinite());
    CHECK(layer.b.allFinite());
  }
  for (const TimelinePoint& point : session.timeline(twin)) {
    CHECK(finite(point.train_loss));
    for (Scalar fraction : point.dead_fraction) CHECK(finite(fraction));
  }
}

// A stopped twin's reason reads "non-finite <what> at step N ..." and its event says "training stopped".
void check_stopped(const Session& session, int twin) {
  const TwinCensus& census = session.census(twin);
  CAPTURE(census.activation);
  REQUIRE(census.diverged);
  CHECK(census.diverged_reason.rfind("non-finite ", 0) == 0);
  CHECK(census.diverged_reason.find(" at step ") != std::string::npos);
  CHECK(census.diverged_reason.find('\n') == std::string::npos);
  int stop_events = 0;
  for (const Event& event : session.events()) {
    if (event.kind != EventKind::Diverged || event.twin != twin) continue;
    ++stop_events;
    CHECK(event.text.find("training stopped: " + census.diverged_reason) != std::string::npos);
  }
  CHECK(stop_events == 1);
}

}  // namespace

TEST_CASE("reliability: a learning rate of 10 stops every twin it blows up, each with a reason, and no crash") {
  // Regression with a linear output: lr 10 diverges for every activation here (measured: relu at step 160,
  // leaky:0.1 at 6, elu at 62, tanh at 70); the session keeps stepping with all its twins stopped.
  Session session(scene("data=sin&hidden=16&lr=10"));
  session.fork(four_twins());
  session.step(300);
  CHECK(session.step_count() == 300);
  for (int t = 0; t < session.twin_count(); ++t) {
    check_stopped(session, t);
    CHECK(session.census(t).diverged_reason.find("(learning rate 10)") != std::string::npos);
    CHECK(session.census(t).step < 300);  // the census stays as of the last finite step
    check_drawable(session, t, /*units=*/false);
  }
}

TEST_CASE("reliability: data shifted by 100 stops the twins that diverge; the others keep training") {
  // Inputs near (100, 100) with lr 0.5: the leaky twin blows up within a few steps, the ReLU twin trains on.
  Session session(scene("data=sin&pre=shift&offset=100&hidden=16"));
  session.fork({activation_of(ActivationKind::ReLU), Activation{ActivationKind::Leaky, 0.1}});
  session.step(50);
  REQUIRE(session.census(1).diverged);
  check_stopped(session, 1);
  const std::vector<LayerWeights> frozen = session.weights(1);
  const std::int64_t stopped_at = session.census(1).step;
  const std::size_t frozen_points = session.timeline(1).size();
  const Scalar relu_loss = session.census(0).train_loss;

  session.step(150);
  CHECK_FALSE(session.census(0).diverged);
  CHECK(session.census(0).step == 200);
  CHECK(session.census(0).train_loss != relu_loss);       // still learning
  CHECK(session.timeline(0).back().step == 200);
  CHECK(session.census(1).step == stopped_at);             // frozen where it stopped
  CHECK(session.timeline(1).size() == frozen_points);
  for (std::size_t l = 0; l < frozen.size(); ++l) CHECK(session.weights(1)[l].w == frozen[l].w);
  check_drawable(session, 0);
  check_drawable(session, 1, /*units=*/false);
}

TEST_CASE("reliability: offsets past the codec's range are refused there and clamped by the Session") {
  SessionConfig config;
  std::string error;
  CHECK_FALSE(apply_setting(config, "offset", "1e6", &error));
  CHECK(error == "offset: 1e+06 is out of range; expected a number from -100 to 100");
  CHECK(config.data.offset == 0);  // untouched

  config.data.preprocess = Preprocess::Shift;
  config.data.offset = 1e6;        // a caller that skips the codec
  CHECK(check_config(config) == "data.offset must be in [-100, 100]");
  Session session(config);
  CHECK(session.config().data.offset == 100);
  CHECK(session.data().x_train.minCoeff() > 90);
  session.step(20);
  for (int t = 0; t < session.twin_count(); ++t) check_drawable(session, t, /*units=*/false);
}

TEST_CASE("reliability: a kick x1000 or x1e6 stops only the twins it blows up") {
  // 1-D regression, 16 units, lr 0.1; four twins forked at step 100, then an outlier kick. Measured: the
  // leaky:0.1 twin stops a few steps later; relu, elu and tanh keep training.
  for (const double factor : {1e3, 1e6}) {
    CAPTURE(factor);
    Session session(scene("data=sin&hidden=16&lr=0.1&n=200"));
    session.step(100);
    session.fork(four_twins());
    session.kick(factor, KickBatch::Outlier);
    session.step(20);
    CHECK(session.step_count() == 121);
    check_stopped(session, 1);
    for (const int t : {0, 2, 3}) {
      CAPTURE(t);
      CHECK_FALSE(session.census(t).diverged);
      CHECK(session.census(t).step == 121);
      check_drawable(session, t);
    }
    check_drawable(session, 1, /*units=*/false);
    // A kick on top of a stopped twin changes nothing for it and still trains the others.
    const std::int64_t stopped_at = session.census(1).step;
    session.kick(factor);
    CHECK(session.census(1).step == stopped_at);
    CHECK(session.census(0).step == 122);
  }
}

// Fails until census.cpp computes norms without overflow (docs/reliability.md, finding "census-overflow"):
// finite weights around 1e50..1e150 make |dL/dW_row| overflow to inf in the frozen census of a stopped twin.
TEST_CASE("reliability: a stopped twin's census holds no infinite gradient norm, margin or mean") {
  SUBCASE("learning rate 10") {
    Session session(scene("data=sin&hidden=16&lr=10"));
    session.fork(four_twins());
    session.step(20);
    REQUIRE(session.census(1).diverged);
    check_drawable(session, 1);
  }
  SUBCASE("shifted data and a kick x1e6 (found by fuzz_query)") {
    Session session(scene("data=sin&n=64&pre=shift&offset=100"));
    session.step(2);
    session.kick(1000);
    session.fork({activation_of(ActivationKind::ReLU), Activation{ActivationKind::Leaky, 0.1},
                  activation_of(ActivationKind::ELU)});
    session.kick(1e6, KickBatch::Outlier);
    session.step(2);
    REQUIRE(session.census(1).diverged);
    for (int t = 0; t < session.twin_count(); ++t) check_drawable(session, t);
  }
}

// Fails until Session::refresh_census writes the loss only once it is known to be finite (docs/reliability.md,
// finding "census-loss"): weights that overflow the loss stop the twin but leave loss = inf in its census.
TEST_CASE("reliability: weights that overflow the loss stop the twin without an infinite loss in its census") {
  Session session(scene("data=sin&hidden=8"));
  std::vector<LayerWeights> huge = session.weights(0);
  for (LayerWeights& layer : huge) layer.w *= 1e150;
  std::string error;
  REQUIRE(session.set_weights(0, huge, &error));
  check_stopped(session, 0);
  check_drawable(session, 0, /*units=*/false);
}

TEST_CASE("reliability: the history ring, timeline and event list stay under their caps over a long run") {
  SessionConfig config = scene("hidden=8,8&history=1");
  Session session(config);
  session.fork(four_twins());
  const std::size_t cap = session.config().history_bytes;
  CHECK(cap == std::size_t{1} << 20);
  for (int round = 0; round < 40; ++round) {
    session.step(99);
    session.kick(round % 2 ? 50 : 5, KickBatch::Outlier);  // deaths, revivals and kick events
    CHECK(session.history_bytes() <= cap);
  }
  CHECK(session.step_count() == 4000);
  CHECK(session.history_begin() > 0);  // the oldest states were evicted
  CHECK(session.history_end() == 4000);
  CHECK(session.events().size() <= 1000);
  CHECK(session.events_recorded() >= session.events().size());
  for (int t = 0; t < session.twin_count(); ++t) CHECK(session.timeline(t).size() <= 2048);
  // Rewinding before the oldest kept state is refused (or lands on it); either way nothing breaks.
  const std::int64_t oldest = session.history_begin();
  if (session.rewind(0)) CHECK(session.step_count() >= oldest);
  CHECK(session.rewind(oldest));
  CHECK(session.step_count() == oldest);
  session.step(10);
  CHECK(session.history_bytes() <= cap);
}

TEST_CASE("reliability: hostile command text gets a one-line, bounded message") {
  // Found by fuzz_command: names were echoed verbatim, newlines and kilobytes included.
  std::string error;
  CHECK_FALSE(parse_command("{\"cmd\":\"x\\ny\"}", &error));
  CHECK(error.find('\n') == std::string::npos);
  CHECK(error.rfind("unknown command 'x?y'", 0) == 0);

  CHECK_FALSE(parse_command("{\"cmd\":\"play\",\"a\\r\\nb\":1}", &error));
  CHECK(error == "unknown field 'a??b' for command 'play'");

  const std::string long_name(3000, 'z');
  CHECK_FALSE(parse_command("{\"cmd\":\"" + long_name + "\"}", &error));
  CHECK(error.size() < 200);
  CHECK(error.find(std::string(40, 'z') + "...'") != std::string::npos);

  CHECK_FALSE(parse_command("{\"cmd\":\"fork\",\"activations\":[\"no\\u0000pe\"]}", &error));
  CHECK(error.find('\0') == std::string::npos);
  CHECK(error.rfind("bad activation in 'activations': unknown activation 'no?pe'", 0) == 0);

  CHECK_FALSE(parse_command("{\"cmd\":\"set\",\"\\t\":true}", &error));
  CHECK(error == "'?' must be a string or a number");
}
