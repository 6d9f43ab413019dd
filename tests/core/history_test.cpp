// history_test.cpp — the byte ring under Session::rewind (cap respected, oldest evicted, records intact), and
// rewinding that keeps the future until the state changes.
#include <doctest/doctest.h>

#include <cstring>

#include "core/history.h"
#include "core/session.h"

using namespace relulab::core;

TEST_CASE("history ring: never exceeds its cap, evicts the oldest, keeps record contents intact") {
  HistoryRing ring(8192);
  std::size_t sizes[] = {300, 500, 1000, 257, 700};
  for (std::int64_t step = 0; step < 500; ++step) {
    const std::size_t bytes = sizes[step % 5];
    unsigned char* out = ring.push(step, 0, bytes);
    REQUIRE(out != nullptr);
    std::memset(out, static_cast<int>(step % 251), bytes);
    CHECK(ring.used_bytes() <= 8192);
    // Every live record still holds its own bytes (no overlap with a newer record).
    for (int i = 0; i < ring.size(); ++i) {
      const auto& record = ring.record(i);
      const unsigned char* data = ring.data(record);
      CHECK(data[0] == static_cast<unsigned char>(record.step % 251));
      CHECK(data[record.bytes - 1] == static_cast<unsigned char>(record.step % 251));
      if (i > 0) CHECK(record.step == ring.record(i - 1).step + 1);
    }
  }
  CHECK(ring.newest().step == 499);
  CHECK(ring.record(0).step > 480);
  CHECK(ring.find_at_or_before(1) == -1);
  CHECK(ring.record(ring.find_at_or_before(495)).step == 495);
  ring.truncate_after(ring.find_at_or_before(495));
  CHECK(ring.newest().step == 495);
  CHECK(ring.push(500, 0, 100000) == nullptr);  // larger than the cap: refused
}

// ---------------------------------------------------------------------------------------------------------
// Session::rewind keeps the future until the state changes
// ---------------------------------------------------------------------------------------------------------

namespace {
void check_same_weights(const std::vector<LayerWeights>& a, const std::vector<LayerWeights>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t l = 0; l < a.size(); ++l) {
    CHECK(a[l].w == b[l].w);  // bit-identical
    CHECK(a[l].b == b[l].b);
  }
}
}  // namespace

TEST_CASE("rewind keeps the future: previews back and forth, then back to live bit for bit") {
  SessionConfig config;
  config.net.hidden = {6};
  config.train.batch_size = 32;
  Session session(config);
  session.step(30);
  session.knock(0, 2, 0.5);
  session.step(70);
  const auto live_weights = session.weights(0);
  const auto live_loss = session.census(0).train_loss;
  const auto live_points = session.timeline(0).size();
  const auto live_events = session.events().size();

  REQUIRE(session.rewind(20));
  CHECK(session.step_count() == 20);
  CHECK(session.live_step() == 100);
  CHECK(session.timeline(0).back().step == 20);             // the session's own timeline ends where it is
  CHECK(session.live_timeline(0).size() == live_points);    // the kept future is still there
  CHECK(session.live_timeline(0).back().step == 100);
  CHECK(session.events().back().kind == EventKind::Rewind);
  for (const Event& e : session.events()) CHECK(e.step <= 20);  // the knock at 30 is in the future
  CHECK(session.census(0).layers[0].units[2].active_count > 0); // before the knock

  REQUIRE(session.rewind(60));                               // forward again, inside the kept future
  CHECK(session.step_count() == 60);
  CHECK(session.live_step() == 100);
  CHECK(session.census(0).layers[0].units[2].active_count == 0);  // after the knock
  REQUIRE(session.rewind(40));

  REQUIRE(session.rewind(session.live_step()));              // back to live
  CHECK(session.step_count() == 100);
  CHECK(session.live_step() == 100);
  check_same_weights(session.weights(0), live_weights);
  CHECK(session.census(0).train_loss == live_loss);
  CHECK(session.timeline(0).size() == live_points);
  CHECK(session.events().size() == live_events + 1);         // the events as they were, plus "back to step 100"
  CHECK(session.events().back().kind == EventKind::Rewind);
  CHECK(session.events().back().text.find("back to step 100") != std::string::npos);
  session.step(10);                                          // training goes on from the live state
  CHECK(session.step_count() == 110);
}

TEST_CASE("rewind keeps the future until a step, kick, knock, fork or reinit drops it") {
  SessionConfig config;
  config.net.hidden = {6};
  config.train.batch_size = 32;
  Session reference(config);
  reference.step(50);
  const auto at50 = reference.weights(0);
  reference.step(5);
  const auto at55 = reference.weights(0);

  const auto edits = {0, 1, 2, 3, 4};
  for (int edit : edits) {
    CAPTURE(edit);
    Session session(config);
    session.step(80);
    REQUIRE(session.rewind(50));
    check_same_weights(session.weights(0), at50);
    switch (edit) {
      case 0: session.step(5); break;
      case 1: session.kick(10); break;
      case 2: session.knock(0, 1, 0.2); break;
      case 3: session.fork({activation_of(ActivationKind::ReLU), activation_of(ActivationKind::ELU)}); break;
      default: session.reinit_dead(); break;
    }
    CHECK(session.live_step() == session.step_count());      // the future is gone
    CHECK(session.history_end() == session.step_count());
    CHECK(session.live_timeline(0).back().step == session.step_count());
    session.rewind(80);
    CHECK(session.step_count() < 80);                         // 80 cannot be reached any more
    if (edit == 0) {
      REQUIRE(session.rewind(55));
      check_same_weights(session.weights(0), at55);           // replayed identically from 50
    }
  }
}

TEST_CASE("rewind across a fork keeps every twin's future and layout") {
  SessionConfig config;
  config.net.hidden = {4};
  Session session(config);
  session.step(20);
  session.fork({activation_of(ActivationKind::ReLU), activation_of(ActivationKind::ELU), activation_of(ActivationKind::Tanh)});
  session.step(30);
  const auto elu_live = session.weights(1);
  const auto tanh_points = session.timeline(2).size();
  REQUIRE(session.rewind(10));
  CHECK(session.twin_count() == 1);                          // before the fork
  CHECK(session.live_timeline(2).size() == tanh_points);     // the third twin's history is kept
  REQUIRE(session.rewind(50));
  CHECK(session.twin_count() == 3);
  check_same_weights(session.weights(1), elu_live);
  CHECK(session.timeline(2).size() == tanh_points);
}

TEST_CASE("a history too small to record the live state rewinds as before: the future is dropped") {
  SessionConfig config;
  config.net.hidden = {8};
  config.history_bytes = 1;  // no record fits
  Session session(config);
  session.step(10);
  CHECK_FALSE(session.rewind(5));
  CHECK(session.step_count() == 10);
  CHECK(session.live_step() == 10);
}
