// snapshot_test.cpp — the snapshot is a value: after a fork it carries each twin's census, weights and
// timeline equal to the session's, and a snapshot already taken does not change when training goes on.
#include <doctest/doctest.h>

#include "app/app.h"

namespace {

using relulab::app::App;
namespace core = relulab::core;

void check_census(const core::TwinCensus& got, const core::TwinCensus& want) {
  CHECK(got.activation == want.activation);
  CHECK(got.step == want.step);
  CHECK(got.train_loss == want.train_loss);
  CHECK(got.test_loss == want.test_loss);
  CHECK(got.train_accuracy == want.train_accuracy);
  CHECK(got.diverged == want.diverged);
  REQUIRE(got.layers.size() == want.layers.size());
  for (size_t l = 0; l < got.layers.size(); ++l) {
    CHECK(got.layers[l].dead_fraction == want.layers[l].dead_fraction);
    CHECK(got.layers[l].z_lo == want.layers[l].z_lo);
    CHECK(got.layers[l].z_hi == want.layers[l].z_hi);
    REQUIRE(got.layers[l].units.size() == want.layers[l].units.size());
    for (size_t u = 0; u < got.layers[l].units.size(); ++u) {
      const core::UnitCensus& a = got.layers[l].units[u];
      const core::UnitCensus& b = want.layers[l].units[u];
      CHECK(a.active_count == b.active_count);
      CHECK(a.state == b.state);
      CHECK(a.histogram == b.histogram);
      CHECK(a.grad_norm == b.grad_norm);
      CHECK(a.died_at == b.died_at);
    }
  }
}

void check_timeline(const std::vector<core::TimelinePoint>& got, const std::vector<core::TimelinePoint>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].step == want[i].step);
    CHECK(got[i].train_loss == want[i].train_loss);
    CHECK(got[i].dead_fraction == want[i].dead_fraction);
  }
}

}  // namespace

TEST_CASE("after a fork the snapshot carries each twin's census, weights and timeline, equal to the session's") {
  App app;
  CHECK(app.apply(core::StepCommand{30}).ok);
  CHECK(app.apply(core::ForkCommand{{core::activation_of(core::ActivationKind::ReLU),
                                     core::activation_of(core::ActivationKind::ELU)}}).ok);
  CHECK(app.apply(core::StepCommand{25}).ok);
  const core::Session& session = app.session();
  REQUIRE(session.twin_count() == 2);

  const auto s = app.snapshot(1.0f);
  REQUIRE(s.lab);
  REQUIRE(s.data);
  REQUIRE(s.twin_count() == 2);
  CHECK(s.lab->step == session.step_count());
  CHECK(s.lab->history_begin == session.history_begin());
  CHECK(s.lab->events.size() == session.events().size());
  CHECK(s.lab->config.net.hidden == session.config().net.hidden);
  CHECK(s.data->x_train == session.data().x_train);
  for (int t = 0; t < 2; ++t) {
    CAPTURE(t);
    check_census(s.twin(t).census, session.census(t));
    check_timeline(s.twin(t).timeline, session.timeline(t));
    REQUIRE(s.twin(t).weights.size() == session.weights(t).size());
    for (size_t l = 0; l < s.twin(t).weights.size(); ++l) CHECK(s.twin(t).weights[l].w == session.weights(t)[l].w);
  }
  CHECK(s.twin(0).census.activation != s.twin(1).census.activation);

  // a snapshot is a value: training on leaves it as it was, and the next one sees the new state
  const std::int64_t step = s.lab->step;
  const size_t points = s.twin(1).timeline.size();
  CHECK(app.apply(core::StepCommand{40}).ok);
  CHECK(s.lab->step == step);
  CHECK(s.twin(1).timeline.size() == points);
  CHECK(s.twin(1).census.step == step);
  const auto next = app.snapshot(1.0f);
  CHECK(next.lab->step == app.session().step_count());
  check_census(next.twin(1).census, app.session().census(1));
  check_timeline(next.twin(1).timeline, app.session().timeline(1));
  CHECK(next.data == s.data);  // the same scene: the data set is shared, not copied again
}
