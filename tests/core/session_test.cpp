// session_test.cpp — Session end to end: census, twins, kick, knock, rewind, divergence, history cap,
// determinism.
#include <doctest/doctest.h>

#include <cmath>

#include "core/session.h"

using namespace relulab::core;

namespace {
Activation leaky(Scalar alpha) {
  Activation a = activation_of(ActivationKind::Leaky);
  a.alpha = alpha;
  return a;
}
void check_same_weights(const std::vector<LayerWeights>& a, const std::vector<LayerWeights>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t l = 0; l < a.size(); ++l) {
    CHECK(a[l].w == b[l].w);  // bit-identical
    CHECK(a[l].b == b[l].b);
  }
}
SessionConfig minibatch_config() {
  SessionConfig config;
  config.data.kind = DataKind::Moons;
  config.data.noise = 0.1;
  config.data.test_fraction = 0.25;
  config.net.hidden = {8, 8};
  config.train.optimizer = OptimizerKind::Momentum;
  config.train.lr = 0.05;
  config.train.batch_size = 32;
  config.seed = 9;
  return config;
}
}  // namespace

TEST_CASE("session: the default scene trains and reports a census") {
  Session session{SessionConfig{}};
  CHECK(session.twin_count() == 1);
  CHECK(session.step_count() == 0);
  const Scalar loss0 = session.census(0).train_loss;
  session.step(300);
  const TwinCensus& census = session.census(0);
  CHECK(census.step == 300);
  CHECK(census.activation == "relu");
  CHECK(census.train_loss < 0.5 * loss0);
  CHECK(census.train_accuracy > 0.9);
  REQUIRE(census.layers.size() == 1);
  CHECK(census.layers[0].units.size() == 6);
  CHECK(session.weights(0).size() == 2);
  CHECK(session.weights(0)[0].w.rows() == 6);
  CHECK(session.timeline(0).size() == 301);
  CHECK(session.timeline(0).back().step == 300);
  CHECK(session.timeline(0).back().train_loss == census.train_loss);
  CHECK(session.history_begin() == 0);
}

TEST_CASE("session: two sessions with the same config and seed give identical losses after 500 steps") {
  for (SessionConfig config : {SessionConfig{}, minibatch_config()}) {
    config.net.activations = {activation_of(ActivationKind::RReLU)};
    Session a(config), b(config);
    a.step(500);
    b.step(500);
    CHECK(a.census(0).train_loss == b.census(0).train_loss);
    CHECK(a.census(0).test_loss == b.census(0).test_loss);
    check_same_weights(a.weights(0), b.weights(0));
    config.seed += 1;
    Session c(config);
    c.step(500);
    CHECK(c.census(0).train_loss != a.census(0).train_loss);
  }
}

TEST_CASE("session: twins are bit-identical at the fork and see the same batches") {
  const SessionConfig config = minibatch_config();
  Session single(config), forked(config);
  single.step(40);
  forked.step(40);
  forked.fork({activation_of(ActivationKind::ReLU), leaky(0.1), activation_of(ActivationKind::ELU)});
  REQUIRE(forked.twin_count() == 3);
  for (int t = 0; t < 3; ++t) check_same_weights(forked.weights(t), single.weights(0));
  CHECK(forked.census(1).activation == "leaky:0.1");
  CHECK(forked.census(2).activation == "elu:1");
  // The ReLU twin continues exactly as the unforked session: same batches, same optimizer state.
  single.step(60);
  forked.step(60);
  check_same_weights(forked.weights(0), single.weights(0));
  CHECK(forked.census(0).train_loss == single.census(0).train_loss);
  CHECK(forked.census(1).train_loss != forked.census(0).train_loss);
  CHECK(forked.timeline(2).size() == single.timeline(0).size());
}

TEST_CASE("session: a kick with factor 1 is exactly a normal step") {
  for (const SessionConfig& config : {SessionConfig{}, minibatch_config()}) {
    Session stepped(config), kicked(config);
    stepped.step(20);
    kicked.step(20);
    stepped.step(1);
    kicked.kick(1.0, KickBatch::Current);
    CHECK(kicked.step_count() == 21);
    check_same_weights(kicked.weights(0), stepped.weights(0));
    stepped.step(5);
    kicked.step(5);
    check_same_weights(kicked.weights(0), stepped.weights(0));
    CHECK(kicked.events().back().kind != EventKind::Diverged);
  }
}

TEST_CASE("session: an outlier kick on sin(3x) regression kills ReLU units (DESIGN.md's measured kick)") {
  int seeds_with_two_or_more = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    SessionConfig config;
    config.data.kind = DataKind::Sin1D;
    config.data.size = 200;
    config.net.hidden = {16};
    config.train.lr = 0.1;
    config.seed = seed;
    Session session(config);
    CHECK(session.output() == OutputKind::LinearMSE);
    session.step(100);
    const int before = static_cast<int>(std::lround(session.census(0).layers[0].dead_fraction * 16));
    session.kick(5.0, KickBatch::Outlier);
    const int after = static_cast<int>(std::lround(session.census(0).layers[0].dead_fraction * 16));
    if (after - before >= 2) ++seeds_with_two_or_more;
    bool kick_event = false;
    for (const Event& event : session.events()) kick_event = kick_event || (event.kind == EventKind::Kick && event.step == 101);
    CHECK(kick_event);
  }
  CHECK(seeds_with_two_or_more >= 8);
}

TEST_CASE("session: non-finite values stop a twin with a reason; the others continue; nothing crashes") {
  SessionConfig config;
  config.data.kind = DataKind::Sin1D;
  config.net.hidden = {16};
  config.train.lr = 0.1;
  Session session(config);
  session.step(100);
  session.fork({activation_of(ActivationKind::ReLU), leaky(0.01), activation_of(ActivationKind::Linear)});
  session.kick(1e6, KickBatch::Outlier);
  session.step(20);
  int diverged = 0;
  for (int t = 0; t < session.twin_count(); ++t) {
    const TwinCensus& census = session.census(t);
    CAPTURE(census.activation);
    for (const LayerWeights& layer : session.weights(t)) {
      CHECK(layer.w.allFinite());
      CHECK(layer.b.allFinite());
    }
    CHECK(std::isfinite(census.train_loss));
    if (census.diverged) {
      ++diverged;
      CHECK(census.diverged_reason.find("non-finite") != std::string::npos);
      CHECK(census.step < session.step_count());
    }
  }
  CHECK(diverged >= 1);
  CHECK_FALSE(session.census(0).diverged);   // the ReLU twin lost its units instead, and keeps training
  CHECK(session.census(0).step == 121);
  // A frozen twin stays frozen.
  const auto frozen = session.weights(2);
  session.step(10);
  check_same_weights(session.weights(2), frozen);

  SessionConfig huge;
  huge.data.kind = DataKind::Plane;
  huge.net.activations = {leaky(0.1)};
  huge.train.lr = 1e6;
  Session blown(huge);
  blown.step(50);
  CHECK(blown.census(0).diverged);
  CHECK(blown.census(0).diverged_reason.rfind("non-finite", 0) == 0);
  CHECK(blown.events().back().kind == EventKind::Diverged);
}

TEST_CASE("session: the history never exceeds its cap, and rewind restores the state bit for bit") {
  SessionConfig config = minibatch_config();
  config.net.activations = {activation_of(ActivationKind::RReLU)};
  config.history_bytes = 64 * 1024;
  Session session(config);
  for (int i = 0; i < 400; ++i) {
    session.step(1);
    REQUIRE(session.history_bytes() <= config.history_bytes);
  }
  CHECK(session.history_begin() > 0);            // the oldest states were dropped
  CHECK_FALSE(session.rewind(0));                // ... so they cannot be reached
  CHECK(session.history_end() == 400);

  const std::int64_t target = 380;
  Session reference(config);
  reference.step(static_cast<int>(target));
  const auto weights_at_target = reference.weights(0);
  reference.step(20);
  const auto weights_at_400 = reference.weights(0);

  REQUIRE(session.rewind(target));
  CHECK(session.step_count() == target);
  check_same_weights(session.weights(0), weights_at_target);
  CHECK(session.census(0).train_loss == reference.timeline(0)[static_cast<std::size_t>(target)].train_loss);
  CHECK(session.timeline(0).back().step == target);
  CHECK(session.events().back().kind == EventKind::Rewind);
  session.step(20);                              // the future replays identically (batches, RReLU slopes)
  check_same_weights(session.weights(0), weights_at_400);
}

TEST_CASE("session: rewind across a fork and a knock restores the twin layout") {
  Session session{SessionConfig{}};
  session.step(30);
  const auto before = session.weights(0);
  session.step(10);
  session.fork({activation_of(ActivationKind::ReLU), activation_of(ActivationKind::ELU)});
  session.knock(1, 0, 0.3);
  CHECK(session.census(1).layers[0].units[0].active_count == 0);
  CHECK(session.census(1).layers[0].units[0].state == UnitState::Inactive);
  session.step(10);
  REQUIRE(session.rewind(40));
  CHECK(session.twin_count() == 2);                          // the record after the fork and the knock
  CHECK(session.census(1).layers[0].units[0].active_count == 0);
  REQUIRE(session.rewind(30));
  CHECK(session.twin_count() == 1);
  check_same_weights(session.weights(0), before);
}

TEST_CASE("session: a knock through a point puts the unit's line through it; the core works out the margin") {
  SessionConfig config;
  config.net.hidden = {8};
  Session session(config);
  session.step(20);
  const int unit = 3;
  const LayerWeights before = session.weights(0).front();
  const Vector w = before.w.row(unit).transpose();
  // Through a point far along +w: every training point is on the z <= 0 side, so the unit is dead.
  const Vector point = 10.0 * w / w.norm();
  session.knock(KnockCommand(0, unit, std::vector<Scalar>(point.data(), point.data() + point.size())));
  const LayerWeights& after = session.weights(0).front();
  CHECK(after.w.row(unit) == before.w.row(unit));              // only the bias moves
  CHECK(w.dot(point) + after.b(unit) == doctest::Approx(0).scale(1).epsilon(1e-12));
  const UnitCensus& census = session.census(0).layers[0].units[unit];
  CHECK(census.active_count == 0);
  const Scalar max_wx = (w.transpose() * session.data().x_train).maxCoeff();
  CHECK(census.margin == doctest::Approx((max_wx + after.b(unit)) / w.norm()).epsilon(1e-9));
  CHECK(census.margin < 0);
  // The same knock said as a margin lands on the same bias.
  Session twin(config);
  twin.step(20);
  twin.knock(0, unit, -census.margin);
  CHECK(twin.weights(0).front().b(unit) == doctest::Approx(after.b(unit)).epsilon(1e-9));
  // A point with the wrong number of coordinates changes nothing.
  const std::uint64_t events = session.events_recorded();
  session.knock(KnockCommand(0, unit, std::vector<Scalar>{1, 2, 3}));
  CHECK(session.events_recorded() == events);
}

TEST_CASE("session: re-initializing dead units brings them back") {
  SessionConfig config;
  config.net.hidden = {8};
  Session session(config);
  session.step(10);
  session.knock(0, 1, 1.0);
  session.knock(0, 4, 1.0);
  CHECK(session.census(0).layers[0].dead_fraction == doctest::Approx(0.25));
  const int count = session.reinit_dead();
  CHECK(count == 2);
  CHECK(session.census(0).layers[0].units[1].active_count > 0);
  CHECK(session.census(0).layers[0].units[1].state == UnitState::Revived);
  CHECK(session.census(0).layers[0].units[1].revived_at == 10);
}

TEST_CASE("session: out-of-range configs are clamped, and check_config says why") {
  SessionConfig config;
  config.net.hidden = {100, 0};
  config.train.lr = std::nan("");
  config.data.size = 3;
  CHECK(check_config(config).find("data.size") != std::string::npos);
  config.data.size = 100;
  CHECK(check_config(config).find("net.hidden") != std::string::npos);
  Session session(config);
  CHECK(session.config().net.hidden == std::vector<int>{64, 1});
  CHECK(session.config().train.lr == 0.5);
  CHECK(check_config(SessionConfig{}).empty());
  session.step(3);
  CHECK(session.census(5).step == 3);  // a bad twin index reads twin 0
  session.knock(7, 0, 1.0);            // ignored
  session.knock(0, 99, 1.0);           // ignored
  CHECK(session.step_count() == 3);
}

TEST_CASE("session: a kick that kills nothing says why and what would; x20 on outliers kills on the default scene") {
  SessionConfig config;  // the lab's default scene (app::default_config)
  config.data.kind = DataKind::Circle;
  config.data.size = 400;
  config.data.noise = 0.05;
  config.net.hidden = {8};
  config.train.lr = 0.5;
  config.seed = 1;
  Session gentle(config);
  gentle.step(100);
  gentle.kick(1.0, KickBatch::Current);
  const Event& kick = gentle.events().back();
  REQUIRE(kick.kind == EventKind::Kick);
  CHECK(kick.text.find("no unit left the data: the closest, unit 1.") != std::string::npos);
  CHECK(kick.text.find("try the outlier batch") != std::string::npos);

  Session hard(config);
  hard.step(100);
  hard.kick(20.0, KickBatch::Outlier);
  int deaths = 0;
  for (const Event& e : hard.events()) deaths += e.kind == EventKind::Death ? 1 : 0;
  CHECK(deaths >= 1);
  for (const Event& e : hard.events())
    if (e.kind == EventKind::Kick) CHECK(e.text.find("no unit left") == std::string::npos);
}
